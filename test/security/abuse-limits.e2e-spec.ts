import { randomInt } from 'node:crypto';
// The test stubs the reference module's own read service (what its resolvers call), not the facade other modules use.
// eslint-disable-next-line local/module-boundaries
import { ReferenceQueries } from '../../src/modules/reference/reference.queries';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { RateLimiter } from '../../src/platform/http/rate-limiter';
import { TestAccount, openAccount } from '../factories/escrow.factory';
import { TEST_PASSWORD, TestBankKey, createUser } from '../factories/identity.factory';
import { randomCreditCode } from '../factories/registry.factory';
import { recordSummary } from '../support/suite-summary';
import { GqlResult, LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { fingerprint } from './db-fingerprint';

/**
 * Abuse limits, each refused early with a clear, stable error and the stored data unchanged: GraphQL
 * depth, alias and complexity limits (before any resolver runs), HTTP batching and many operations in one
 * document, login brute force per username and per address (racing requests included), public complaint
 * flooding, oversized bodies on /graphql and the bank API, and the bank rate limit. Small limits keep it fast.
 */
const LIMITS = {
  GRAPHQL_MAX_DEPTH: '4',
  GRAPHQL_MAX_ALIASES: '3',
  GRAPHQL_MAX_COMPLEXITY: '50',
  GRAPHQL_MAX_TOKENS: '3000',
  LOGIN_MAX_FAILURES: '3',
  LOGIN_SLOW_AFTER: '2',
  LOGIN_LOCK_SECONDS: '600',
  LOGIN_ADDRESS_MAX_FAILURES: '5',
  COMPLAINT_SUBMIT_BURST: '3',
  COMPLAINT_SUBMIT_WINDOW_SECONDS: '600',
  HTTP_BODY_LIMIT_BYTES: '16384',
  BANK_RATE_PER_SECOND: '0.01',
  BANK_RATE_BURST: '4',
};

const SUBMIT = `mutation($input: ComplaintIntakeInput!) { submitComplaint(input: $input) { trackingNumber } }`;
const LOGIN = `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`;
const COMPLAINT = { category: 'OTHER', description: '限流测试', townshipCode: '520122001', anonymous: true };

describe('abuse limits', () => {
  let t: TestApp;
  let admin: LoggedIn;
  const clock = new FixedClock('2026-11-28T04:00:00Z');
  const proven = new Set<string>();

  beforeAll(async () => {
    // The api role: no background subscriber writes, so "nothing stored" compares like with like.
    t = await startTestApp({ role: 'api', clock, env: LIMITS });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
  });
  afterAll(async () => {
    recordSummary('abuse limits checked', proven.size);
    console.log(`abuse limits checked: ${proven.size} (${[...proven].join(', ')})`);
    await t?.close();
  });
  afterEach(() => jest.restoreAllMocks());

  /** A client address of its own (the app trusts the loopback proxy's X-Forwarded-For). */
  const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await t.dataSource.query(sql, params))[0].n);
  const complaints = () => count(`SELECT count(*) AS n FROM complaint`);
  /** Spies on the services behind the resolvers: a refused operation never reaches them. */
  const spies = () => ({
    townships: jest.spyOn(t.app.get(ReferenceQueries), 'listTownships'),
    schools: jest.spyOn(t.app.get(ReferenceQueries), 'listSchools'),
    // The complaint service's submit takes the `complaint-submit:<address>` bucket first thing, so a call with
    // that key is a call of submit (the service is not on the complaints module's public surface).
    limiter: jest.spyOn(t.app.get(RateLimiter), 'take'),
  });
  const submitCalls = (spy: ReturnType<typeof spies>) =>
    spy.limiter.mock.calls.filter(([key]) => String(key).startsWith('complaint-submit:')).length;
  const postRaw = (body: string, headers: Record<string, string> = {}) =>
    t.http().post('/graphql').set('Content-Type', 'application/json').set(headers).send(body);

  /** Refused before execution: HTTP 400, the code, no data at all. */
  function expectRefused(res: GqlResult<unknown>, code: string, message: RegExp): void {
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(expectGqlError(res, code).message).toMatch(message);
  }

  describe('GraphQL query limits', () => {
    it('refuses a query deeper than GRAPHQL_MAX_DEPTH before any resolver runs, fragments included; depth at the limit passes', async () => {
      const spy = spies();
      const deep = `{ townships { schools { township { schools { name } } } } }`; // depth 5
      expectRefused(await t.gql(deep, {}, admin.token), 'QUERY_TOO_DEEP', /^Query depth 5 exceeds the limit of 4$/);
      const hidden = `query { townships { ...T } } fragment T on Township { schools { ...S } } fragment S on School { township { schools { id } } }`;
      expectRefused(await t.gql(hidden, {}, admin.token), 'QUERY_TOO_DEEP', /depth 5/);
      // A mutation too deep does not run either: no institution stored.
      const institutions = () => count(`SELECT count(*) AS n FROM institution`);
      const before = await institutions();
      const apply = `mutation($input: ApplyForLicenceInput!) { applyForLicence(input: $input) { id township { schools { township { code } } } } }`;
      const input = {
        reason: '新申请',
        institution: {
          name: '息烽县深度测试培训学校',
          creditCode: randomCreditCode(),
          category: 'NON_SUBJECT',
          nonSubjectKind: 'ARTS',
          legalForm: 'FOR_PROFIT',
          competentDepartmentCode: 'EDU',
          townshipCode: '520122001',
          address: '文化路 8 号',
          legalRepresentative: '王五',
          contactPhone: '13800000000',
        },
      };
      expectRefused(await t.gql(apply, { input }, admin.token), 'QUERY_TOO_DEEP', /depth 5/);
      expect(await institutions()).toBe(before);
      expect(spy.townships).not.toHaveBeenCalled();
      // The same application within the limit is stored (so the refusal above is what kept it out).
      expect(
        (
          await t.gql(
            apply.replace('township { schools { township { code } } }', 'township { code }'),
            { input },
            admin.token,
          )
        ).errors,
      ).toBeUndefined();
      expect(await institutions()).toBe(before + 1);

      const atLimit = await t.gql<{ townships: { schools: { township: { code: string } }[] }[] }>(
        `{ townships { schools { township { code } } } }`,
        {},
        admin.token,
      );
      expect(atLimit.errors).toBeUndefined();
      expect(atLimit.data?.townships.length).toBe(11); // the county's townships in the reference data
      expect(spy.townships).toHaveBeenCalledTimes(1);
      proven.add('GRAPHQL_MAX_DEPTH');
    });

    it('refuses more aliases than GRAPHQL_MAX_ALIASES before any resolver runs (no complaint stored); at the limit they run', async () => {
      const spy = spies();
      const address = someAddress();
      const aliased = (n: number) =>
        `mutation($input: ComplaintIntakeInput!) { ${Array.from({ length: n }, (_, i) => `c${i}: submitComplaint(input: $input) { trackingNumber }`).join(' ')} }`;
      const before = await complaints();
      expectRefused(
        await t.gql(aliased(4), { input: COMPLAINT }, undefined, { 'X-Forwarded-For': address }),
        'QUERY_TOO_MANY_ALIASES',
        /^Query uses 4 aliases; the limit is 3$/,
      );
      expectRefused(
        await t.gql(`{ ${Array.from({ length: 40 }, (_, i) => `t${i}: townships { code }`).join(' ')} }`),
        'QUERY_TOO_MANY_ALIASES',
        /40 aliases/,
      );
      expect(submitCalls(spy)).toBe(0);
      expect(spy.townships).not.toHaveBeenCalled();
      expect(await complaints()).toBe(before);

      const atLimit = await t.gql<Record<string, { trackingNumber: string }>>(
        aliased(3),
        { input: COMPLAINT },
        undefined,
        { 'X-Forwarded-For': address },
      );
      expect(atLimit.errors).toBeUndefined();
      expect(Object.keys(atLimit.data ?? {})).toEqual(['c0', 'c1', 'c2']);
      expect(await complaints()).toBe(before + 3);
      proven.add('GRAPHQL_MAX_ALIASES');
    });

    it('refuses a query costlier than GRAPHQL_MAX_COMPLEXITY before any resolver runs; just under the limit passes', async () => {
      const spy = spies();
      // schools(first: n) costs 1 + n (one per node; scalars are free): 49 → 50, 50 → 51.
      const page = (n: number) => `{ schools(first: ${n}) { edges { node { name } } } }`;
      expectRefused(
        await t.gql(page(50), {}, admin.token),
        'QUERY_TOO_COMPLEX',
        /^Query complexity 51 exceeds the limit of 50$/,
      );
      // The page size may come in a variable: it is counted all the same.
      expectRefused(
        await t.gql(`query($n: Int) { schools(first: $n) { edges { node { name } } } }`, { n: 100 }, admin.token),
        'QUERY_TOO_COMPLEX',
        /complexity 101 /,
      );
      // One field repeated in one selection: costly; repeated into a large document (under the body limit),
      // graphql-js gives up comparing the copies and refuses it as invalid.
      const repeated = (n: number) => `{ townships { ${'schools { township { code } } '.repeat(n)}} }`;
      expectRefused(
        await t.gql(repeated(30), {}, admin.token),
        'QUERY_TOO_COMPLEX',
        /^Query complexity \d+ exceeds the limit of 50$/,
      );
      const copies = (n: number) => `{ townships { ${'schools { name } '.repeat(n)}} }`;
      expectRefused(await t.gql(copies(700), {}, admin.token), 'GRAPHQL_VALIDATION_FAILED', /^Validation aborted\.$/);
      expect(spy.schools).not.toHaveBeenCalled();
      expect(spy.townships).not.toHaveBeenCalled();

      const under = await t.gql<{ schools: { edges: unknown[] } }>(page(49), {}, admin.token);
      expect(under.errors).toBeUndefined();
      expect(under.data?.schools.edges).toEqual(expect.any(Array));
      expect(spy.schools).toHaveBeenCalledTimes(1);
      proven.add('GRAPHQL_MAX_COMPLEXITY');
    });

    it('refuses a document of more than GRAPHQL_MAX_TOKENS tokens while parsing it; one at the limit gets past the parser', async () => {
      const spy = spies();
      // `{ townships { name name … } }`: 5 tokens of frame plus one per repeated field.
      const document = (fields: number) => `{ townships { ${'name '.repeat(fields)}} }`;
      expectRefused(
        await t.gql(document(2996), {}, admin.token),
        'GRAPHQL_PARSE_FAILED',
        /Document contains more tha[nt] 3000 tokens\. Parsing aborted\./,
      );
      // 3,000 tokens are parsed; so many fields are then refused by the expanded-size check, before validation.
      expectRefused(
        await t.gql(document(2995), {}, admin.token),
        'QUERY_TOO_LARGE',
        /^Query selects 2996 fields once fragments are expanded; the limit is 2000$/,
      );
      expect(spy.townships).not.toHaveBeenCalled();
      proven.add('GRAPHQL_MAX_TOKENS');
    });

    it('refuses an HTTP batch (an array of operations) as a whole, running none of them', async () => {
      const spy = spies();
      const before = await complaints();
      const op = { query: SUBMIT, variables: { input: COMPLAINT } };
      const res = await postRaw(JSON.stringify(Array.from({ length: 50 }, () => op)), {
        'X-Forwarded-For': someAddress(),
      });
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0]).toMatchObject({
        message: 'Operation batching disabled.',
        extensions: { code: 'BAD_REQUEST' },
      });
      // A batch of one is refused too (no batching at all, not a size limit).
      expect((await postRaw(JSON.stringify([op]), { 'X-Forwarded-For': someAddress() })).status).toBe(400);
      expect(submitCalls(spy)).toBe(0);
      expect(await complaints()).toBe(before);
      proven.add('GraphQL HTTP batching');
    });

    it('runs at most one operation of a document holding many, and none when it does not say which', async () => {
      const spy = spies();
      const before = await complaints();
      const document = Array.from(
        { length: 30 },
        (_, i) => `mutation M${i}($input: ComplaintIntakeInput!) { submitComplaint(input: $input) { trackingNumber } }`,
      ).join('\n');
      const ambiguous = await t.gql(document, { input: COMPLAINT }, undefined, { 'X-Forwarded-For': someAddress() });
      expect(ambiguous.status).toBe(400);
      expect(ambiguous.errors?.[0]?.message).toMatch(/Must provide operation name/);
      expect(submitCalls(spy)).toBe(0);
      expect(await complaints()).toBe(before);

      const one = await postRaw(
        JSON.stringify({ query: document, variables: { input: COMPLAINT }, operationName: 'M7' }),
        { 'X-Forwarded-For': someAddress() },
      );
      expect(one.status).toBe(200);
      expect(Object.keys(one.body.data)).toEqual(['submitComplaint']);
      expect(submitCalls(spy)).toBe(1);
      expect(await complaints()).toBe(before + 1);
      proven.add('operations per document');
    });
  });

  describe('login brute force', () => {
    const login = (username: string, password: string, address: string) =>
      t.gql<{ login: { accessToken: string } }>(LOGIN, { u: username, p: password }, undefined, {
        'X-Forwarded-For': address,
      });
    const failedAudits = (username: string) =>
      count(
        `SELECT count(*) AS n FROM audit_log WHERE action = 'identity.login.failed' AND summary->>'username' = $1`,
        [username],
      );
    const codes = (results: GqlResult<unknown>[]) => results.map((r) => r.errors?.[0]?.extensions?.code).sort();

    it('lets racing wrong passwords for one username through only until it is slowed, then locks it: the right password is refused and the lock audited', async () => {
      const user = await createUser(t.app, Role.DEPARTMENT_OFFICER, 'EDU');
      // Ten at once from ten addresses: LOGIN_SLOW_AFTER (2) are checked, the rest refused before any password check.
      const burst = await Promise.all(
        Array.from({ length: 10 }, () => login(user.username, 'wrong-password-1', someAddress())),
      );
      expect(codes(burst)).toEqual([
        ...Array(2).fill('INVALID_CREDENTIALS'),
        ...Array(8).fill('TOO_MANY_LOGIN_ATTEMPTS'),
      ]);
      for (const refused of burst.filter((r) => r.errors?.[0]?.extensions?.code === 'TOO_MANY_LOGIN_ATTEMPTS')) {
        expect(refused.errors?.[0]?.extensions?.status).toBe(429);
        expect(refused.errors?.[0]?.message).toBe('Too many failed logins; try again in 1 s');
      }
      expect(await failedAudits(user.username)).toBe(2);
      // The right password while slowed: refused, and no token.
      const slowed = await login(user.username, TEST_PASSWORD, someAddress());
      expect(slowed.data?.login).toBeUndefined();
      expectGqlError(slowed, 'TOO_MANY_LOGIN_ATTEMPTS');
      // The third failure (LOGIN_MAX_FAILURES) locks the username for LOGIN_LOCK_SECONDS, audited once.
      clock.advance(1000);
      expectGqlError(await login(user.username, 'wrong-password-2', someAddress()), 'INVALID_CREDENTIALS');
      const locked = await login(user.username, TEST_PASSWORD, someAddress());
      expect(locked.data?.login).toBeUndefined();
      expect(expectGqlError(locked, 'TOO_MANY_LOGIN_ATTEMPTS').message).toBe(
        'Too many failed logins; try again in 600 s',
      );
      const locks = await t.dataSource.query(
        `SELECT summary FROM audit_log WHERE action = 'identity.login.locked' AND entity_id = $1`,
        [`username:${user.username}`],
      );
      expect(locks).toHaveLength(1);
      expect(locks[0].summary).toMatchObject({ failures: 3 });
      // Attempts while locked are neither checked nor counted: no more failure rows, the lock not extended.
      for (let i = 0; i < 5; i++)
        expectGqlError(await login(user.username, 'wrong-password-3', someAddress()), 'TOO_MANY_LOGIN_ATTEMPTS');
      expect(await failedAudits(user.username)).toBe(3);
      clock.advance(600_000);
      expect((await login(user.username, TEST_PASSWORD, someAddress())).data?.login.accessToken).toEqual(
        expect.any(String),
      );
      proven.add('LOGIN_MAX_FAILURES');
    });

    it('slows and locks one address spraying many usernames (racing included), while the users still log in from elsewhere', async () => {
      const user = await createUser(t.app, Role.DEPARTMENT_OFFICER, 'EDU');
      const attacker = someAddress();
      // LOGIN_ADDRESS_MAX_FAILURES=5: the address is slowed after 4 failures (two before its lock, like a username).
      const spray = await Promise.all(
        Array.from({ length: 12 }, (_, i) => login(`spray-${i}-${randomInt(1e9)}`, 'password-guess', attacker)),
      );
      expect(codes(spray)).toEqual([
        ...Array(4).fill('INVALID_CREDENTIALS'),
        ...Array(8).fill('TOO_MANY_LOGIN_ATTEMPTS'),
      ]);
      clock.advance(1000);
      expectGqlError(await login('spray-last', 'password-guess', attacker), 'INVALID_CREDENTIALS');
      clock.advance(2000);
      // Locked now: even a real user with the right password is refused from this address.
      const refused = await login(user.username, TEST_PASSWORD, attacker);
      expect(expectGqlError(refused, 'TOO_MANY_LOGIN_ATTEMPTS').message).toMatch(/try again in \d+ s/);
      expect(
        await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'identity.login.locked' AND entity_id = $1`, [
          `address:${attacker}`,
        ]),
      ).toBe(1);
      expect((await login(user.username, TEST_PASSWORD, someAddress())).data?.login.accessToken).toEqual(
        expect.any(String),
      );
      clock.advance(600_000);
      proven.add('LOGIN_ADDRESS_MAX_FAILURES');
    });
  });

  describe('public complaint flooding', () => {
    it('takes COMPLAINT_SUBMIT_BURST submissions from one address, even racing, refuses the rest with TOO_MANY_REQUESTS and stores nothing more; another address gets through', async () => {
      const flooder = someAddress();
      const before = await complaints();
      const flood = await Promise.all(
        Array.from({ length: 12 }, () =>
          t.gql<{ submitComplaint: { trackingNumber: string } }>(SUBMIT, { input: COMPLAINT }, undefined, {
            'X-Forwarded-For': flooder,
          }),
        ),
      );
      const accepted = flood.filter((r) => r.data?.submitComplaint);
      const refused = flood.filter((r) => r.errors);
      expect(accepted).toHaveLength(3);
      expect(refused).toHaveLength(9);
      for (const r of refused) {
        expect(r.data?.submitComplaint ?? null).toBeNull();
        const error = expectGqlError(r, 'TOO_MANY_REQUESTS');
        expect(error.extensions?.status).toBe(429);
        expect(error.message).toBe('Too many complaints submitted from this address; retry after 200 s'); // 3 per 600 s: one every 200 s
      }
      expect(await complaints()).toBe(before + 3);
      // A refused submission writes nothing anywhere: no complaint, timeline, outbox, audit or notification row.
      const fp = await fingerprint(t.dataSource, [
        'complaint',
        'complaint_timeline_entry',
        'outbox',
        'audit_log',
        'notification',
      ]);
      expectGqlError(
        await t.gql(SUBMIT, { input: COMPLAINT }, undefined, { 'X-Forwarded-For': flooder }),
        'TOO_MANY_REQUESTS',
      );
      expect(
        await fingerprint(t.dataSource, [
          'complaint',
          'complaint_timeline_entry',
          'outbox',
          'audit_log',
          'notification',
        ]),
      ).toEqual(fp);

      const other = await t.gql<{ submitComplaint: { trackingNumber: string } }>(
        SUBMIT,
        { input: COMPLAINT },
        undefined,
        { 'X-Forwarded-For': someAddress() },
      );
      expect(other.data?.submitComplaint.trackingNumber).toEqual(expect.any(String));
      clock.advance(200_000);
      expect(
        (await t.gql(SUBMIT, { input: COMPLAINT }, undefined, { 'X-Forwarded-For': flooder })).errors,
      ).toBeUndefined();
      proven.add('COMPLAINT_SUBMIT_BURST');
    });
  });

  describe('oversized bodies and the bank rate limit', () => {
    let bank: TestBankKey;
    let account: TestAccount;
    beforeAll(async () => {
      bank = await t.registerBank();
      account = await openAccount(t, t.tokenFor(admin.id), bank.bankCode);
    });
    const statement = (day: number, extra: Record<string, unknown> = {}) => ({
      accountNo: account.accountNo,
      statementDate: `2026-11-${String(day).padStart(2, '0')}`,
      openingBalance: '1000.00',
      closingBalance: '1000.00',
      currency: 'CNY',
      revision: 0,
      ...extra,
    });
    const escrowTables = [
      'escrow_statement',
      'escrow_transaction',
      'escrow_alert',
      'idempotency_request',
      'rate_limit_bucket',
      'audit_log',
    ];

    it('refuses a body over HTTP_BODY_LIMIT_BYTES on /graphql and on the bank API with BODY_TOO_LARGE problem+json, storing nothing and drawing no rate-limit token', async () => {
      const spy = spies();
      const before = await fingerprint(t.dataSource, [...escrowTables, 'complaint']);
      // /graphql: a complaint whose description alone is over the limit.
      const huge = await postRaw(
        JSON.stringify({ query: SUBMIT, variables: { input: { ...COMPLAINT, description: '长'.repeat(6000) } } }),
        { 'X-Forwarded-For': someAddress() },
      );
      expect(huge.status).toBe(400);
      expect(huge.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(huge.body).toMatchObject({
        status: 400,
        code: 'BODY_TOO_LARGE',
        title: 'Bad Request',
        detail: 'The request body is too large',
      });
      expect(submitCalls(spy)).toBe(0);
      // The bank API, correctly signed, more times than the key's burst: refused by size before the key is even looked at.
      const items = Array.from({ length: 200 }, (_, i) => statement(1 + (i % 28), { revision: i }));
      const raw = JSON.stringify({ statements: items });
      expect(raw.length).toBeGreaterThan(16384);
      for (let i = 0; i < 6; i++) {
        const res = await t.bankRequest('POST', '/api/bank/v1/statements', raw, bank);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ code: 'BODY_TOO_LARGE' });
      }
      expect(await fingerprint(t.dataSource, [...escrowTables, 'complaint'])).toEqual(before);
      // The same bank's full burst is still there (the oversized posts drew nothing) — the next test spends it.
      proven.add('HTTP_BODY_LIMIT_BYTES');
    });

    it('takes BANK_RATE_BURST racing posts of one key, answers the rest 429 RATE_LIMITED with Retry-After, storing nothing for them; another bank is unaffected', async () => {
      const posts = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          t.bankRequest('POST', '/api/bank/v1/statements', { statements: [statement(10 + i)] }, bank),
        ),
      );
      const ok = posts.filter((r) => r.status === 200);
      const limited = posts.filter((r) => r.status === 429);
      expect(ok).toHaveLength(4);
      expect(limited).toHaveLength(6);
      for (const r of limited) {
        expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(r.headers['retry-after']).toBe('100'); // 0.01 a second: one token every 100 s
        expect(r.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      }
      const stored = await count(`SELECT count(*) AS n FROM escrow_statement WHERE account_id = $1`, [account.id]);
      expect(stored).toBe(4);
      expect(
        await count(`SELECT count(*) AS n FROM idempotency_request WHERE scope LIKE $1`, [`%${bank.keyId}%`]),
      ).toBe(4);

      const other = await t.registerBank();
      await t.bankRequest('GET', '/api/bank/v1/accounts', undefined, other).expect(200);
      clock.advance(100_000);
      await t.bankRequest('POST', '/api/bank/v1/statements', { statements: [statement(25)] }, bank).expect(200);
      await t.bankRequest('POST', '/api/bank/v1/statements', { statements: [statement(26)] }, bank).expect(429);
      proven.add('BANK_RATE_BURST');
    });
  });
});
