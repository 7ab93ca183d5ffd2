import * as fs from 'node:fs';
import { POLICY_RULES, PolicyRule } from '../modules/policy';
import { BEGIN, END, POLICY_DOC, renderPolicyTable, withPolicyTable, written } from './policy-docs';

describe('docs/modules/policy.md against the rule catalogue', () => {
  it('the committed rule table is exactly what `npm run docs:policy` generates', () => {
    const committed = fs.readFileSync(POLICY_DOC, 'utf8');
    // On failure: run `npm run docs:policy` and commit docs/modules/policy.md.
    expect(committed).toBe(withPolicyTable(committed));
  });

  it('lists every rule of the catalogue once, with its national default as written', () => {
    const table = renderPolicyTable();
    for (const r of POLICY_RULES) {
      const rows = table.split('\n').filter((l) => l.startsWith(`| \`${r.key}\` |`));
      expect(rows).toHaveLength(1);
      expect(rows[0].split(' | ')[3]).toBe(written(r, r.nationalDefault));
    }
  });

  it('writes values as the policies query does: HH:MM, yuan with two decimals, plain integers', () => {
    expect(written({ kind: 'TIME_OF_DAY' }, 20 * 60 + 30)).toBe('20:30');
    expect(written({ kind: 'TIME_OF_DAY' }, 7 * 60 + 5)).toBe('07:05');
    expect(written({ kind: 'FEN' }, 500_000)).toBe('5000.00');
    expect(written({ kind: 'FEN' }, 1_005)).toBe('10.05');
    expect(written({ kind: 'PERCENT' }, 30)).toBe('30');
  });

  it('notices a rule added to the catalogue, and refuses a page without the generated block', () => {
    const page = `# x\n\n${BEGIN}\n${END}\n\nafter\n`;
    const extra: PolicyRule = {
      key: 'complaints.new_days',
      kind: 'DAYS',
      title: 't',
      nationalDefault: 5,
      min: 1,
      max: 5,
      stricter: 'LOWER',
      source: 's',
      usedBy: 'complaints',
    };
    const current = withPolicyTable(page);
    expect(withPolicyTable(current, [...POLICY_RULES, extra])).not.toBe(current);
    expect(withPolicyTable(current, [...POLICY_RULES, extra])).toContain(
      '| `complaints.new_days` | t | days | 5 | 1–5 | LOWER | complaints | s |',
    );
    expect(current.endsWith('\n\nafter\n')).toBe(true);
    expect(() => withPolicyTable('# no block\n')).toThrow(/no generated block/);
  });
});
