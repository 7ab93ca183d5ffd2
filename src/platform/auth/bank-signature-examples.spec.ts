import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { signBankRequest } from './bank-signature';

// The runnable examples of docs/bank-api.md (docs/examples/) must sign exactly as the service verifies.
const EXAMPLES = path.resolve(__dirname, '../../../docs/examples');
const PYTHON = path.join(EXAMPLES, 'bank_client.py');
const SHELL = path.join(EXAMPLES, 'bank-request.sh');

const requestArb = fc.record({
  secret: fc.string({ minLength: 1, maxLength: 64, unit: 'grapheme-ascii' }).filter((s) => !s.includes('\0')),
  timestamp: fc.integer({ min: 0, max: 9_999_999_999 }).map(String),
  method: fc.constantFrom('GET', 'POST'),
  path: fc.constantFrom(
    '/api/bank/v1/statements',
    '/api/bank/v1/transactions',
    '/api/bank/v1/accounts?status=ACTIVE&limit=100',
    '/api/bank/v1/instructions?status=PENDING',
  ),
  body: fc.oneof(
    fc.constant(''),
    fc.json(),
    fc.string({ unit: 'grapheme', maxLength: 200 }).map((memo) => JSON.stringify({ memo })),
    fc.constant('{"a":1}\n'),
  ),
});

describe('docs/examples sign as the service verifies', () => {
  it('bank_client.py reproduces the published test vectors', () => {
    const out = execFileSync('python3', [PYTHON, 'vectors'], { encoding: 'utf8' });
    expect(out.split('\n').filter((l) => l.startsWith('ok   '))).toHaveLength(3);
    expect(out).not.toContain('FAIL');
  });

  it('bank_client.py signs arbitrary requests (non-ASCII bodies, trailing newlines, empty bodies) like signBankRequest', () => {
    const cases = fc.sample(requestArb, { numRuns: 200, seed: 18 });
    const out = execFileSync('python3', [PYTHON, 'sign-stdin'], {
      input: cases.map((c) => JSON.stringify(c)).join('\n') + '\n',
      encoding: 'utf8',
    });
    expect(out.trimEnd().split('\n')).toEqual(
      cases.map((c) => signBankRequest(c.secret, c.timestamp, c.method, c.path, c.body)),
    );
  });

  it('bank-request.sh (openssl) signs a body file byte for byte like signBankRequest', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-sh-'));
    try {
      const cases = fc.sample(
        requestArb.filter((c) => !/[\r\n]/.test(c.secret)),
        { numRuns: 20, seed: 7 },
      );
      for (const [i, c] of cases.entries()) {
        const file = path.join(dir, `body-${i}.json`);
        fs.writeFileSync(file, c.body, 'utf8');
        const out = execFileSync('bash', [SHELL, 'sign', c.timestamp, c.method, c.path, file], {
          env: { ...process.env, BANK_SECRET: c.secret },
          encoding: 'utf8',
        });
        expect(out.trim()).toBe(signBankRequest(c.secret, c.timestamp, c.method, c.path, c.body));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
