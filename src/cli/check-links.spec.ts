import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkMarkdown, checkSource, findBrokenLinks } from './check-links';

const REPO = path.resolve(__dirname, '../..');

describe('cited files exist', () => {
  it('every file README.md, docs/ and the code cite exists, and every relative markdown link resolves', () => {
    // A failure lists file:line and the missing target: write the file or fix the citation.
    expect(findBrokenLinks(REPO).map((b) => `${b.file}:${b.line}: ${b.target}`)).toEqual([]);
  });

  describe('the checker', () => {
    // The fixtures name files of a scratch tree, not of this repository: the folder is interpolated so
    // that no tool reading this file for citations takes them for documents the repository should hold.
    const D = 'docs';
    let root: string;
    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'links-'));
      fs.mkdirSync(path.join(root, D, 'adr'), { recursive: true });
      fs.mkdirSync(path.join(root, 'src/platform'), { recursive: true });
      fs.writeFileSync(path.join(root, D, 'here.md'), '# here\n');
      fs.writeFileSync(path.join(root, D, 'adr', '0001-x.md'), '# x\n');
      fs.writeFileSync(path.join(root, 'src/platform/a.ts'), '');
    });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it('finds a broken relative link and a missing backticked path, resolving links from the file’s folder', () => {
      const text = [
        'See [ok](adr/0001-x.md#context), [up](../README.md), [gone](adr/0002-y.md), [web](https://example.invalid/x.md).',
        'Code in `platform/a.ts` and `src/platform/missing.ts`; [anchor](#here).',
        '```bash',
        `cat ${D}/not-a-link.md [x](nowhere.md)`,
        '```',
      ].join('\n');
      fs.writeFileSync(path.join(root, 'README.md'), '');
      expect(checkMarkdown(root, `${D}/here.md`, text).map((b) => b.target)).toEqual([
        'adr/0002-y.md',
        'src/platform/missing.ts',
      ]);
    });

    it('finds repository paths and bare document names cited in code, not URL paths or generated files', () => {
      const code = [
        `// as ${D}/here.md says; see ${D}/gone.md and here.md and lost.md`,
        "const url = '/api/docs/openapi.json'; // bench/results/summary.json is written by npm run bench",
        "spawn('src/platform/a.js'); import x from 'test/missing.ts';",
      ].join('\n');
      expect(checkSource(root, 'src/x.ts', code).map((b) => `${b.line}:${b.target}`)).toEqual([
        `1:${D}/gone.md`,
        '3:test/missing.ts',
        '1:lost.md',
      ]);
    });
  });
});
