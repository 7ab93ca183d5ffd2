import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { checkCreditCode, creditCodeCheckCharacter } from '../../src/modules/registry';
import { signBankRequest } from '../../src/platform/auth/bank-signature';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { TestAccount, openAccount } from '../factories/escrow.factory';
import { TestBankKey } from '../factories/identity.factory';
import { TestApp, startTestApp } from '../support/test-app';
import { fingerprint } from './db-fingerprint';
import { recordSummary } from '../support/suite-summary';

/**
 * Hostile input: the bank endpoints and the public complaint form answer malformed, mistyped, huge and
 * strange input with a 4xx problem+json (or per-item REJECTED) or a GraphQL error with a code — never a
 * 500 — and store nothing. The credit-code validator and the bank signature get property tests too.
 */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 120);
let tried = 0;

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weird = fc.oneof(
  fc.constant(''),
  fc.constant('\u0000'),
  fc.constant('\uD800'), // a lone surrogate
  fc.constant('‮admin'), // right-to-left override
  fc.constant('１００.００'), // full-width digits
  fc.constant('<script>alert(1)</script>'),
  fc.constant("'; DROP TABLE complaint; --"),
  fc.constant('x'.repeat(100_000)),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
/** A value that no field of a bank item accepts in place of the right one. */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
);
/** …and for a required field, null too (an optional one may be null). */
const notAString = fc.oneof(fc.constant(null), wrongType);
const badAmount = fc.oneof(
  fc.constantFrom(
    '-1.00',
    '-0.01',
    '1.001',
    '0.005',
    '1e3',
    'NaN',
    'Infinity',
    '+1.00',
    '1,000.00',
    ' 1.00',
    '99999999999999999999999999.00',
    '9'.repeat(400) + '.00',
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc
    .bigInt()
    .map((n) => `${n}.00`)
    .filter((s) => s.startsWith('-') || s.length > 22),
  weird,
  notAString,
);
const badDate = fc.oneof(
  fc.constantFrom('2026-02-30', '2026-13-01', '26-11-28', '2026-11-28T00:00:00', '99999-01-01', '0000-00-00'),
  weird,
  notAString,
);
const badTimestamp = fc.oneof(
  fc.constantFrom('2026-11-28', 'yesterday', '2026-11-28T25:00:00+08:00', '+275760-09-13T00:00:00Z'),
  weird,
  notAString,
);
/** Not a count: a whole number in range (0 to 100,000 or 1,000,000) is valid, so numbers here are negative, fractional or huge. */
const badCount = fc.oneof(
  fc.constantFrom(-1, 1.5, 2 ** 53, 1e12, '24', -0.5),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d) || d < 0 || d > 1_000_000),
  fc.integer().filter((n) => n < 0 || n > 1_000_000),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
);

describe('hostile input', () => {
  let t: TestApp;
  let bank: TestBankKey;
  let account: TestAccount;

  beforeAll(async () => {
    // The api role: no subscribers or schedulers run in the background, so the database changes only
    // through the requests under test and the before/after fingerprints compare like with like.
    t = await startTestApp({
      role: 'api',
      clock: new FixedClock('2026-11-28T04:00:00Z'),
      env: { COMPLAINT_SUBMIT_BURST: '10000', BANK_RATE_PER_SECOND: '100000', BANK_RATE_BURST: '100000' },
    });
    const admin = await t.loginAs(Role.COUNTY_ADMIN);
    bank = await t.registerBank();
    account = await openAccount(t, admin.token, bank.bankCode);
  });
  afterAll(() => {
    recordSummary('hostile inputs tried', tried);
    console.log(`hostile inputs tried: ${tried}`);
    return t?.close();
  });

  /** Sent signed; the answer is a refusal: 4xx problem+json, or 200 with every item REJECTED. */
  async function expectRefused(path: string, raw: string): Promise<void> {
    tried++;
    const res = await t.bankRequest('POST', path, raw, bank);
    if (res.status === 200) {
      expect({ accepted: res.body.accepted, duplicates: res.body.duplicates }).toEqual({ accepted: 0, duplicates: 0 });
      expect(
        res.body.results.every(
          (r: { status: string; code: string }) => r.status === 'REJECTED' && typeof r.code === 'string',
        ),
      ).toBe(true);
      return;
    }
    expect([400, 413, 415, 422]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(typeof res.body.code).toBe('string');
  }

  const statement = () => ({
    accountNo: account.accountNo,
    statementDate: '2026-11-27',
    openingBalance: '1000.00',
    closingBalance: '1200.00',
    currency: 'CNY',
    revision: 0,
  });
  const transaction = () => ({
    accountNo: account.accountNo,
    txnId: `T${Math.random()}`,
    bookedAt: '2026-11-27T10:15:00+08:00',
    type: 'DEPOSIT',
    amount: '300.00',
    currency: 'CNY',
    lessonHours: 24,
    coverageMonths: 2,
  });

  /** A valid item with at least one field made hostile. */
  const spoiled = (base: () => Record<string, unknown>, bad: Record<string, fc.Arbitrary<unknown>>) =>
    fc
      .uniqueArray(fc.constantFrom(...Object.keys(bad)), { minLength: 1, maxLength: 3 })
      .chain((fields) => fc.tuple(...fields.map((f) => bad[f]!.map((v) => [f, v] as const))))
      .map((pairs) => ({ ...base(), ...Object.fromEntries(pairs) }));

  const badStatement = spoiled(statement, {
    accountNo: fc.oneof(fc.constantFrom('6222000000000000', '0'), weird, notAString),
    statementDate: badDate,
    openingBalance: badAmount,
    closingBalance: badAmount,
    currency: fc.oneof(fc.constantFrom('USD', 'XXX', 'CNYY'), weird, notAString),
    revision: badCount,
  });
  const badTransaction = spoiled(transaction, {
    accountNo: fc.oneof(fc.constantFrom('6222000000000000', '0'), weird, notAString),
    txnId: fc.oneof(fc.constant('x'.repeat(10_000)), fc.constant(''), notAString),
    bookedAt: badTimestamp,
    type: fc.oneof(fc.constantFrom('STEAL', 'deposit', 'REVERSAL '), weird, notAString),
    amount: badAmount,
    currency: fc.oneof(fc.constantFrom('USD', 'XXX'), weird, notAString),
    lessonHours: badCount,
    coverageMonths: badCount,
  });

  /** Bodies that are not a well-formed envelope at all. */
  const garbage = (key: string, item: fc.Arbitrary<unknown>, valid: () => Record<string, unknown>) =>
    fc.oneof(
      // duplicate keys in an otherwise valid body: refused (DUPLICATE_JSON_KEY), whichever copy a parser would keep
      fc.constantFrom(...Object.keys(valid())).map((field) => {
        const one = valid();
        return JSON.stringify({ [key]: [one] }).replace(
          `"${field}":`,
          `"${field}":${JSON.stringify(one[field])},"${field}":`,
        );
      }),
      fc.constant(`{"${key}":${JSON.stringify([valid()])},"${key}":${JSON.stringify([valid()])}}`),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.constantFrom(
        '{',
        '[]',
        'null',
        '"x"',
        '{"' + key + '":',
        `{"${key}":{}}`,
        `{"${key}":[]}`,
        `{"${key}":null}`,
        '\uFEFF{}',
        `{"${key}":[1]}`,
      ),
      item.map((i) => JSON.stringify({ [key]: [i] }).slice(0, -3)), // truncated
      item.map((i) => `{"${key}":${JSON.stringify([i])},"${key}":"not a list"}`), // duplicate keys, the last one wrong
      item.map((i) => JSON.stringify({ [key]: Array.from({ length: 1001 }, () => i) })), // over the batch limit
      item.map((i) => JSON.stringify({ [key]: [i], extra: { nested: [[[[[[[[[[1]]]]]]]]]] } })),
      item.map((i) =>
        JSON.stringify({ [key]: [i] }).replace(/"(amount|closingBalance)":("[^"]*"|[^,}]*)/, '"$1":1e400'),
      ), // a number JSON cannot hold
    );

  it('refuses hostile statements and stores nothing', async () => {
    const before = await fingerprint(t.dataSource);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          badStatement.map((s) => JSON.stringify({ statements: [s] })),
          garbage('statements', badStatement, statement),
        ),
        (raw) => expectRefused('/api/bank/v1/statements', raw),
      ),
      { numRuns: RUNS },
    );
    expect(await fingerprint(t.dataSource)).toEqual(before);
  });

  it('names a duplicated key (JSON.parse would silently keep the last copy)', async () => {
    const raw = `{"statements":[{"accountNo":"${account.accountNo}","statementDate":"2026-11-25","openingBalance":"1.00","openingBalance":"1000.00","closingBalance":"1200.00","currency":"CNY","revision":0}]}`;
    const res = await t.bankRequest('POST', '/api/bank/v1/statements', raw, bank).expect(400);
    expect(res.body).toMatchObject({
      code: 'DUPLICATE_JSON_KEY',
      errors: [{ path: 'statements.0.openingBalance', message: 'named twice' }],
    });
    tried++;
  });

  it('refuses hostile transactions and stores nothing', async () => {
    const before = await fingerprint(t.dataSource);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          badTransaction.map((x) => JSON.stringify({ transactions: [x] })),
          garbage('transactions', badTransaction, transaction),
        ),
        (raw) => expectRefused('/api/bank/v1/transactions', raw),
      ),
      { numRuns: RUNS },
    );
    expect(await fingerprint(t.dataSource)).toEqual(before);
  });

  it('answers any input to the public complaint form with data or a coded error, and stores nothing it refused', async () => {
    const SUBMIT = `mutation($input: ComplaintIntakeInput!) { submitComplaint(input: $input) { trackingNumber } }`;
    const valid = {
      category: 'UNLICENSED_TRAINING',
      description: '周末有人在小区里开补习班',
      anonymous: true,
      townshipCode: '520122001',
    };
    const hostile = fc.oneof(
      fc.record({
        description: fc.oneof(
          fc.constant(''),
          fc.constant('字'.repeat(5001)),
          fc.constant('<script>x</script>'),
          notAString,
        ),
      }),
      fc.record({ category: fc.oneof(fc.constantFrom('NOPE', ''), weird, notAString) }),
      fc.record({ institutionId: fc.oneof(fc.constantFrom('not-a-uuid', "1' OR '1'='1"), weird, wrongType) }),
      fc.record({
        institutionCreditCode: fc.oneof(
          fc.constantFrom('91520122MA6DAAAAAI', '1'.repeat(19), 'SVIOZSVIOZSVIOZSVI'),
          weird,
          wrongType,
        ),
      }),
      fc.record({
        townshipCode: fc.oneof(
          fc.constantFrom('000000000', '5201220011'),
          weird.filter((s) => s !== ''),
          wrongType,
        ),
      }),
      fc.record({ anonymous: fc.oneof(fc.constantFrom('yes', 1, 0), fc.constant({})) }),
      fc.record({
        anonymous: fc.constant(false),
        contactName: fc.oneof(fc.constant('名'.repeat(1000)), wrongType),
        contactPhone: fc.oneof(fc.constantFrom('12', '+86 abc', '1'.repeat(100)), wrongType),
      }),
      fc.record({ unknownField: fc.jsonValue() }),
    );
    const before = await fingerprint(t.dataSource);
    await fc.assert(
      fc.asyncProperty(hostile, async (change) => {
        tried++;
        const res = await t.gql(SUBMIT, { input: { ...valid, ...change } });
        expect(res.status).toBeLessThan(500);
        expect(res.data?.submitComplaint ?? null).toBeNull();
        expect(typeof res.errors?.[0]?.extensions?.code).toBe('string');
        expect(res.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
      }),
      { numRuns: RUNS },
    );
    // Raw documents that are not GraphQL at all.
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 80 }),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        ),
        async (raw) => {
          tried++;
          const res = await t.http().post('/graphql').set('Content-Type', 'application/json').send(raw);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
    expect(await fingerprint(t.dataSource)).toEqual(before);
    // The same form with the valid input still works (the refusals were not a broken form).
    const ok = await t.gql<{ submitComplaint: { trackingNumber: string } }>(SUBMIT, { input: valid });
    expect(ok.data?.submitComplaint.trackingNumber).toEqual(expect.any(String));
  });

  it('accepts a credit code with the right check character and names the position of any one changed character', () => {
    const body = fc
      .array(fc.constantFrom(...CREDIT_ALPHABET), { minLength: 17, maxLength: 17 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        body,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...CREDIT_ALPHABET, 'I', 'O', 'S', 'V', 'Z', 'a', '中', ' '),
        (first17, at, replacement) => {
          tried++;
          const code = first17 + creditCodeCheckCharacter(first17);
          expect(checkCreditCode(code)).toEqual({ valid: true, code });
          expect(checkCreditCode(code.toLowerCase())).toEqual({ valid: true, code });
          const changed = code.slice(0, at) + replacement + code.slice(at + 1);
          const result = checkCreditCode(changed);
          if (changed.toUpperCase() === code) return;
          expect(result.valid).toBe(false);
          if (!result.valid) expect(result.message.en).toMatch(/position (\d+)|18 characters/);
          // One changed character anywhere is caught: by the alphabet at its position, or by the check character.
          if (!result.valid && /position/.test(result.message.en))
            expect([String(at + 1), '18']).toContain(/position (\d+)/.exec(result.message.en)![1]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses a signed request when its body, path, timestamp or method differ from what was signed', async () => {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const send = (method: 'GET' | 'POST', path: string, body: string, ts: number, signature: string) => {
      const req = (method === 'GET' ? t.http().get(path) : t.http().post(path))
        .set('X-Bank-Key-Id', bank.keyId)
        .set('X-Timestamp', String(ts))
        .set('X-Signature', signature);
      return method === 'POST'
        ? req.set('Idempotency-Key', randomUUID()).set('Content-Type', 'application/json').send(body)
        : req;
    };
    const sent = {
      method: 'POST' as const,
      path: '/api/bank/v1/statements',
      body: JSON.stringify({ statements: [statement()] }),
      ts: now,
    };
    const change = fc.oneof(
      fc.string({ minLength: 1, maxLength: 20 }).map((s) => ({ body: sent.body + s })),
      fc
        .integer({ min: 0, max: sent.body.length - 1 })
        .map((i) => ({ body: sent.body.slice(0, i) + sent.body.slice(i + 1) })),
      fc
        .constantFrom(
          '/api/bank/v1/transactions',
          '/api/bank/v1/statements?x=1',
          '/api/bank/v1/Statements',
          '/api/bank/v1/statements/',
        )
        .map((path) => ({ path })),
      fc
        .integer({ min: -120, max: 120 })
        .filter((d) => d !== 0)
        .map((d) => ({ ts: now + d })),
      fc.constant({ method: 'GET' as const }),
    );
    const before = await fingerprint(t.dataSource);
    await fc.assert(
      fc.asyncProperty(change, async (signedInstead) => {
        tried++;
        const s = { ...sent, ...signedInstead };
        const signature = signBankRequest(
          bank.secret,
          String(s.ts),
          s.method,
          s.path,
          s.method === 'GET' ? '' : s.body,
        );
        const res = await send(sent.method, sent.path, sent.body, sent.ts, signature);
        expect(res.status).toBe(401);
      }),
      { numRuns: 60 },
    );
    expect(await fingerprint(t.dataSource)).toEqual(before);
    // The unchanged request passes (so the refusals above were the signature's doing).
    const ok = await send(
      sent.method,
      sent.path,
      sent.body,
      sent.ts,
      signBankRequest(bank.secret, String(sent.ts), sent.method, sent.path, sent.body),
    );
    expect(ok.status).toBe(200);
  });
});
