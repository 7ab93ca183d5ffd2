import { signBankRequest } from '../../src/platform/auth/bank-signature';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { TestBankKey, issueKey } from '../factories/identity.factory';
import { BankProbeModule, gate } from '../support/bank-probe.module';
import { TestApp, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

const WORK = '/api/test-bank/work';

/**
 * The bank interface's guard, rate limit and idempotency (docs/bank-api.md) on routes that exist only in
 * this suite. Time is the test clock's: nothing here waits for the wall clock.
 */
describe('bank requests: signature, idempotency, rate limit', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-11-28T02:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      imports: [BankProbeModule],
      env: { BANK_RATE_PER_SECOND: '0.5', BANK_RATE_BURST: '10' },
    });
  });
  afterAll(() => t?.close());

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await t.dataSource.query(sql, params))[0].n);
  const works = (key: TestBankKey) =>
    count(`SELECT count(*) AS n FROM audit_log WHERE action = 'test.work' AND actor_bank_key_id = $1`, [key.keyId]);

  describe('signature guard', () => {
    let key: TestBankKey;
    beforeAll(async () => {
      key = await t.registerBank();
    });

    it('accepts a correctly signed request, query string included, and knows which bank sent it', async () => {
      const res = await t
        .bankRequest('GET', '/api/test-bank/whoami?status=ACTIVE&limit=100', undefined, key)
        .expect(200);
      expect(res.body.principal).toEqual({ kind: 'bank', bankCode: key.bankCode, keyId: key.keyId });
      const post = await t.bankRequest('POST', WORK, { n: 1 }, key).expect(200);
      expect(post.body).toMatchObject({ n: 1 });
    });

    it('refuses a signature made with another secret, or over another path, with SIGNATURE_INVALID', async () => {
      const other = await t
        .bankRequest('GET', '/api/test-bank/whoami', undefined, key, { secret: 'x'.repeat(43) })
        .expect(401);
      expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(other.body).toMatchObject({ status: 401, code: 'SIGNATURE_INVALID' });
      const ts = String(Math.floor(clock.now().getTime() / 1000));
      const res = await t
        .http()
        .get('/api/test-bank/whoami?limit=500')
        .set({
          'X-Bank-Key-Id': key.keyId,
          'X-Timestamp': ts,
          'X-Signature': signBankRequest(key.secret, ts, 'GET', '/api/test-bank/whoami?limit=100', ''),
        })
        .expect(401);
      expect(res.body.code).toBe('SIGNATURE_INVALID');
      const zeros = await t
        .bankRequest('GET', '/api/test-bank/whoami', undefined, key, {
          headers: { 'X-Signature': 'v1=' + '0'.repeat(64) },
        })
        .expect(401);
      expect(zeros.body.code).toBe('SIGNATURE_INVALID');
      const missing = await t
        .http()
        .get('/api/test-bank/whoami')
        .set({ 'X-Bank-Key-Id': key.keyId, 'X-Timestamp': ts })
        .expect(401);
      expect(missing.body.code).toBe('SIGNATURE_INVALID');
    });

    it('refuses a body changed after signing with SIGNATURE_INVALID and does nothing', async () => {
      const before = await works(key);
      const res = await t
        .bankRequest('POST', WORK, { n: 100 }, key, { signedBody: JSON.stringify({ n: 1 }) })
        .expect(401);
      expect(res.body.code).toBe('SIGNATURE_INVALID');
      const spaced = await t.bankRequest('POST', WORK, '{"n": 1}', key, { signedBody: '{"n":1}' }).expect(401);
      expect(spaced.body.code).toBe('SIGNATURE_INVALID');
      expect(await works(key)).toBe(before);
    });

    it('refuses a timestamp more than 300 s from the service clock, either way, with TIMESTAMP_OUT_OF_WINDOW', async () => {
      const now = Math.floor(clock.now().getTime() / 1000);
      for (const timestamp of [now - 301, now + 301, 'yesterday', '']) {
        const res = await t.bankRequest('GET', '/api/test-bank/whoami', undefined, key, { timestamp }).expect(401);
        expect(res.body.code).toBe('TIMESTAMP_OUT_OF_WINDOW');
      }
      await t.bankRequest('GET', '/api/test-bank/whoami', undefined, key, { timestamp: now - 300 }).expect(200);
      await t.bankRequest('GET', '/api/test-bank/whoami', undefined, key, { timestamp: now + 300 }).expect(200);
    });

    it('refuses a request replayed after the window has passed', async () => {
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      await t.bankRequest('GET', '/api/test-bank/whoami', undefined, key, { timestamp }).expect(200);
      clock.advance(301_000);
      const res = await t.bankRequest('GET', '/api/test-bank/whoami', undefined, key, { timestamp }).expect(401);
      expect(res.body.code).toBe('TIMESTAMP_OUT_OF_WINDOW');
    });

    it('refuses an unknown or missing key with KEY_UNKNOWN', async () => {
      const unknown = await t
        .bankRequest('GET', '/api/test-bank/whoami', undefined, { ...key, keyId: 'bk_000000000000000000000000' })
        .expect(401);
      expect(unknown.body.code).toBe('KEY_UNKNOWN');
      const none = await t.http().get('/api/test-bank/whoami').expect(401);
      expect(none.body.code).toBe('KEY_UNKNOWN');
    });

    it('refuses a revoked key with KEY_REVOKED while the bank rotates to its second key', async () => {
      const bank = await t.registerBank();
      const next = await issueKey(t.app, bank.bankCode);
      const admin = await t.loginAs(Role.COUNTY_ADMIN);
      const revoked = await t.gql<{ revokeBankApiKey: { active: boolean } }>(
        `mutation($k: String!) { revokeBankApiKey(input: { keyId: $k }) { active } }`,
        { k: bank.keyId },
        admin.token,
      );
      expect(revoked.data?.revokeBankApiKey.active).toBe(false);
      const res = await t.bankRequest('GET', '/api/test-bank/whoami', undefined, bank).expect(401);
      expect(res.body).toMatchObject({ code: 'KEY_REVOKED', status: 401 });
      await t.bankRequest('GET', '/api/test-bank/whoami', undefined, next).expect(200);
    });

    it('changes nothing when authentication fails: no work, no idempotency record, no rate-limit draw', async () => {
      const fresh = await t.registerBank();
      const tables = async () => ({
        work: await works(fresh),
        idempotency: await count(`SELECT count(*) AS n FROM idempotency_request WHERE scope = $1`, [
          `bank-key:${fresh.keyId}`,
        ]),
        buckets: await count(`SELECT count(*) AS n FROM rate_limit_bucket WHERE bucket = $1`, [
          `bank-key:${fresh.keyId}`,
        ]),
      });
      await t
        .bankRequest('POST', WORK, { n: 5 }, fresh, {
          secret: 'wrong-secret-wrong-secret-wrong-secret-xx',
          idempotencyKey: 'k-1',
        })
        .expect(401);
      await t.bankRequest('POST', WORK, { n: 5 }, fresh, { timestamp: 1, idempotencyKey: 'k-1' }).expect(401);
      expect(await tables()).toEqual({ work: 0, idempotency: 0, buckets: 0 });
    });

    it('is not reachable with a user access token', async () => {
      const admin = await t.loginAs(Role.COUNTY_ADMIN);
      const res = await t.http().get('/api/test-bank/whoami').set('Authorization', `Bearer ${admin.token}`).expect(401);
      expect(res.body.code).toBe('KEY_UNKNOWN');
    });

    it('does not know a credit-platform key, and the credit feed does not know a bank key (separate key kinds)', async () => {
      const admin = await t.loginAs(Role.COUNTY_ADMIN);
      const code = `CREDIT_${Math.floor(Math.random() * 1e6)}`;
      await t.gql(
        `mutation($c: String!) { registerCreditPlatform(input: { code: $c, name: "信用平台" }) { code } }`,
        { c: code },
        admin.token,
      );
      const issued = await t.gql<{ issueCreditPlatformApiKey: { keyId: string; secret: string } }>(
        `mutation($c: String!) { issueCreditPlatformApiKey(input: { creditPlatformCode: $c }) { keyId secret } }`,
        { c: code },
        admin.token,
      );
      const credit = issued.data!.issueCreditPlatformApiKey;
      // Correctly signed with the credit key's own secret, presented to the bank guard: unknown, no work.
      const asBank = await t
        .bankRequest('POST', WORK, { n: 7 }, { bankCode: code, keyId: credit.keyId, secret: credit.secret })
        .expect(401);
      expect(asBank.body.code).toBe('KEY_UNKNOWN');
      expect(
        await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'test.work' AND actor_bank_key_id = $1`, [
          credit.keyId,
        ]),
      ).toBe(0);
      // A bank key presented to the credit feed's guard: unknown too.
      const bank = await t.registerBank();
      const ts = String(Math.floor(clock.now().getTime() / 1000));
      const feed = '/api/credit-platform/v1/feed';
      const res = await t
        .http()
        .get(feed)
        .set({
          'X-Credit-Platform-Key-Id': bank.keyId,
          'X-Timestamp': ts,
          'X-Signature': signBankRequest(bank.secret, ts, 'GET', feed, ''),
        })
        .expect(401);
      expect(res.body.code).toBe('KEY_UNKNOWN');
    });
  });

  describe('idempotency', () => {
    let key: TestBankKey;
    beforeEach(async () => {
      key = await t.registerBank();
    });

    it('does the work of a replayed POST once and answers with the first response', async () => {
      const first = await t
        .bankRequest('POST', WORK, { n: 7 }, key, { idempotencyKey: 'stmt-2026-11-28-001' })
        .expect(200);
      const again = await t
        .bankRequest('POST', WORK, { n: 7 }, key, { idempotencyKey: 'stmt-2026-11-28-001' })
        .expect(200);
      expect(again.text).toBe(first.text);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(await works(key)).toBe(1);
    });

    it('replays the first status too', async () => {
      const first = await t
        .bankRequest('POST', '/api/test-bank/created', { n: 3 }, key, { idempotencyKey: 'c-1' })
        .expect(201);
      const again = await t
        .bankRequest('POST', '/api/test-bank/created', { n: 3 }, key, { idempotencyKey: 'c-1' })
        .expect(201);
      expect(again.body).toEqual(first.body);
    });

    it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body, without doing it', async () => {
      await t.bankRequest('POST', WORK, { n: 1 }, key, { idempotencyKey: 'reuse-1' }).expect(200);
      const res = await t.bankRequest('POST', WORK, { n: 2 }, key, { idempotencyKey: 'reuse-1' }).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await works(key)).toBe(1);
    });

    it('answers 409 IDEMPOTENCY_IN_PROGRESS while the first request is still running', async () => {
      gate.reset();
      const slow = t
        .bankRequest('POST', '/api/test-bank/slow', { n: 9 }, key, { idempotencyKey: 'slow-1' })
        .then((r) => r);
      await waitFor(async () => gate.entered, { what: 'the first request to be in flight' });
      const concurrent = await t
        .bankRequest('POST', '/api/test-bank/slow', { n: 9 }, key, { idempotencyKey: 'slow-1' })
        .expect(409);
      expect(concurrent.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      gate.open();
      const first = await slow;
      expect(first.status).toBe(201);
      const replay = await t
        .bankRequest('POST', '/api/test-bank/slow', { n: 9 }, key, { idempotencyKey: 'slow-1' })
        .expect(201);
      expect(replay.body).toEqual(first.body);
      expect(await works(key)).toBe(1);
    });

    it('keeps a response for 7 days; after that the key may be used again', async () => {
      const first = await t.bankRequest('POST', WORK, { n: 4 }, key, { idempotencyKey: 'week-1' }).expect(200);
      clock.advance(7 * 86_400_000 - 1000);
      const within = await t.bankRequest('POST', WORK, { n: 4 }, key, { idempotencyKey: 'week-1' }).expect(200);
      expect(within.body).toEqual(first.body);
      clock.advance(1000);
      const after = await t.bankRequest('POST', WORK, { n: 4 }, key, { idempotencyKey: 'week-1' }).expect(200);
      expect(after.body.workId).not.toBe(first.body.workId);
      expect(await works(key)).toBe(2);
    });

    it('does not keep failed requests: the same key works once the request is put right', async () => {
      const bad = await t.bankRequest('POST', WORK, { n: -1 }, key, { idempotencyKey: 'fix-1' }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      await t.bankRequest('POST', '/api/test-bank/refuse', {}, key, { idempotencyKey: 'fix-2' }).expect(409);
      await t.bankRequest('POST', WORK, { n: 1 }, key, { idempotencyKey: 'fix-1' }).expect(200);
      expect(
        await count(`SELECT count(*) AS n FROM idempotency_request WHERE scope = $1`, [`bank-key:${key.keyId}`]),
      ).toBe(1);
    });

    it('requires a well-formed Idempotency-Key on every POST', async () => {
      const missing = await t.bankRequest('POST', WORK, { n: 1 }, key, { idempotencyKey: null }).expect(400);
      expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'Idempotency-Key' }] });
      const bad = await t.bankRequest('POST', WORK, { n: 1 }, key, { idempotencyKey: 'not allowed!' }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(await works(key)).toBe(0);
    });

    it('keeps idempotency keys apart per API key', async () => {
      const other = await t.registerBank();
      const a = await t.bankRequest('POST', WORK, { n: 1 }, key, { idempotencyKey: 'shared-name' }).expect(200);
      const b = await t.bankRequest('POST', WORK, { n: 1 }, other, { idempotencyKey: 'shared-name' }).expect(200);
      expect(b.body.workId).not.toBe(a.body.workId);
    });
  });

  describe('rate limit', () => {
    it('allows bursts of BANK_RATE_BURST per key, then answers 429 with Retry-After until tokens come back', async () => {
      const key = await t.registerBank();
      const other = await t.registerBank();
      for (let i = 0; i < 10; i++) await t.bankRequest('GET', '/api/test-bank/whoami', undefined, key).expect(200);
      const limited = await t.bankRequest('GET', '/api/test-bank/whoami', undefined, key).expect(429);
      expect(limited.headers['retry-after']).toBe('2'); // 0.5 requests/s: one token every 2 s
      expect(limited.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      await t.bankRequest('GET', '/api/test-bank/whoami', undefined, other).expect(200);
      clock.advance(1000);
      const still = await t.bankRequest('GET', '/api/test-bank/whoami', undefined, key).expect(429);
      expect(still.headers['retry-after']).toBe('1');
      clock.advance(1000);
      await t.bankRequest('GET', '/api/test-bank/whoami', undefined, key).expect(200);
      await t.bankRequest('GET', '/api/test-bank/whoami', undefined, key).expect(429);
    });
  });

  describe('two API replicas', () => {
    let replica: TestApp;
    beforeAll(async () => {
      replica = await startTestApp({
        clock,
        imports: [BankProbeModule],
        shareDatabaseOf: t,
        env: { BANK_RATE_PER_SECOND: '0.5', BANK_RATE_BURST: '10' },
      });
    });
    afterAll(() => replica?.close());

    it('agree on idempotency records and rate-limit buckets (both in PostgreSQL)', async () => {
      const key = await t.registerBank();
      const first = await t.bankRequest('POST', WORK, { n: 8 }, key, { idempotencyKey: 'across' }).expect(200);
      const replayed = await replica.bankRequest('POST', WORK, { n: 8 }, key, { idempotencyKey: 'across' }).expect(200);
      expect(replayed.body).toEqual(first.body);
      expect(await works(key)).toBe(1);
      for (let i = 0; i < 4; i++) await t.bankRequest('GET', '/api/test-bank/whoami', undefined, key).expect(200);
      for (let i = 0; i < 4; i++) await replica.bankRequest('GET', '/api/test-bank/whoami', undefined, key).expect(200);
      await replica.bankRequest('GET', '/api/test-bank/whoami', undefined, key).expect(429);
      await t.bankRequest('GET', '/api/test-bank/whoami', undefined, key).expect(429);
    });
  });
});
