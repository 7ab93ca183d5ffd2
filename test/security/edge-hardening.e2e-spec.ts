import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { RateLimiter } from '../../src/platform/http/rate-limiter';
import { checkCreditCode, creditCodeCheckCharacter } from '../../src/modules/registry';
import { DEMO_INSTITUTIONS, seedRegistryDemo } from '../../src/modules/registry/seed/demo-data';
import { openAccount } from '../factories/escrow.factory';
import { TestBankKey } from '../factories/identity.factory';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';

/**
 * Edge and state hardening (issue #17): list cursors bound to their list and opaque, money bounds in
 * the bank ingest, forwarded headers trusted only from listed proxies (this app lists none), security
 * headers, rate-limit bucket eviction, complaintStatus throttling, a complaint's township, and the
 * registry dashboard's scope.
 */
describe('edge hardening', () => {
  let t: TestApp;
  let admin: LoggedIn;
  const clock = new FixedClock('2026-11-28T04:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      // No trusted proxy (the default): supertest's loopback peer is the client, whatever it forwards.
      env: {
        TRUSTED_PROXIES: '',
        COMPLAINT_SUBMIT_BURST: '2',
        COMPLAINT_SUBMIT_WINDOW_SECONDS: '600',
        COMPLAINT_STATUS_BURST: '3',
        COMPLAINT_STATUS_WINDOW_SECONDS: '60',
      },
    });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
  });
  afterAll(() => t?.close());

  describe('list cursors', () => {
    const LISTS: Record<string, string> = {
      institutions: `query($after: String) { institutions(first: 1, after: $after) { edges { cursor node { id } } pageInfo { endCursor } } }`,
      users: `query($after: String) { users(first: 1, after: $after) { edges { cursor node { id } } pageInfo { endCursor } } }`,
      complaints: `query($after: String) { complaints(first: 1, after: $after) { edges { cursor node { id } } pageInfo { endCursor } } }`,
      auditLog: `query($after: String) { auditLog(first: 1, after: $after) { edges { cursor node { id } } pageInfo { endCursor } } }`,
      escrowAccounts: `query($after: String) { escrowAccounts(first: 1, after: $after) { edges { cursor node { id } } pageInfo { endCursor } } }`,
    };
    type Page = Record<
      string,
      { edges: { cursor: string; node: { id: string } }[]; pageInfo: { endCursor: string | null } }
    >;

    it('binds a cursor to the list that issued it: any other list answers VALIDATION_FAILED, never INTERNAL', async () => {
      const bank = await t.registerBank();
      const names = ['甲乙丙丁培训学校 cursor-secret-name', '戊己庚辛培训学校 cursor-secret-name'];
      for (const name of names) await openAccount(t, admin.token, bank.bankCode, await createInstitution(t, { name }));
      await t.loginAs(Role.INSPECTOR);
      for (let i = 0; i < 2; i++) {
        const filed = await t.gql(
          `mutation($input: RegisterComplaintInput!) { registerComplaint(input: $input) { id } }`,
          {
            input: {
              category: 'OTHER',
              channel: 'HOTLINE_12345',
              description: `游标测试 ${i}`,
              anonymous: true,
              townshipCode: '520122001',
            },
          },
          admin.token,
        );
        expect(filed.errors).toBeUndefined();
      }
      const cursors: Record<string, string> = {};
      for (const [list, query] of Object.entries(LISTS)) {
        const res = await t.gql<Page>(query, {}, admin.token);
        expect(res.errors).toBeUndefined();
        const cursor = Object.values(res.data!)[0]!.pageInfo.endCursor;
        expect({ list, cursor }).toEqual({ list, cursor: expect.any(String) });
        cursors[list] = cursor as string;
        // The issuing list pages on with it.
        const next = await t.gql<Page>(query, { after: cursor }, admin.token);
        expect(next.errors).toBeUndefined();
        expect(Object.values(next.data!)[0]!.edges[0]?.node.id).not.toBe(
          Object.values(res.data!)[0]!.edges[0]?.node.id,
        );
      }
      let pairs = 0;
      for (const [issuer, cursor] of Object.entries(cursors)) {
        for (const [list, query] of Object.entries(LISTS)) {
          if (list === issuer) continue;
          const res = await t.gql(query, { after: cursor }, admin.token);
          expect({ issuer, list, code: res.errors?.[0]?.extensions?.code }).toEqual({
            issuer,
            list,
            code: 'VALIDATION_FAILED',
          });
          pairs++;
        }
      }
      expect(pairs).toBe(20);
    });

    it('issues opaque cursors: no sort key (an institution name) is readable in them', async () => {
      const res = await t.gql<Page>(`{ institutions(first: 100) { edges { cursor } } }`, {}, admin.token);
      const cursors = res.data!.institutions!.edges.map((e) => e.cursor);
      expect(cursors.length).toBeGreaterThan(1);
      for (const cursor of cursors) {
        const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
        expect(decoded).not.toContain('cursor-secret-name');
        expect(decoded).not.toContain('培训');
      }
      // A readable hand-made cursor of today's format is refused, not executed.
      const forged = Buffer.from(JSON.stringify(["'; SELECT 1 --", 'not-a-uuid'])).toString('base64url');
      expect(
        (await t.gql(LISTS.institutions as string, { after: forged }, admin.token)).errors?.[0]?.extensions?.code,
      ).toBe('VALIDATION_FAILED');
    });

    it('binds the bank accounts list cursor too: a GraphQL cursor there is a 400 VALIDATION_FAILED', async () => {
      const bank = await t.registerBank();
      await openAccount(t, admin.token, bank.bankCode);
      await openAccount(t, admin.token, bank.bankCode);
      const first = await t.bankRequest('GET', '/api/bank/v1/accounts?limit=1', undefined, bank).expect(200);
      const nextCursor = first.body.nextCursor as string;
      expect(nextCursor).toEqual(expect.any(String));
      expect(Buffer.from(nextCursor, 'base64url').toString('utf8')).not.toContain(first.body.accounts[0].accountNo);
      const second = await t
        .bankRequest('GET', `/api/bank/v1/accounts?limit=1&cursor=${encodeURIComponent(nextCursor)}`, undefined, bank)
        .expect(200);
      expect(second.body.accounts[0].accountNo).not.toBe(first.body.accounts[0].accountNo);
      const gqlCursor = (await t.gql<Page>(`{ users(first: 1) { pageInfo { endCursor } } }`, {}, admin.token)).data!
        .users!.pageInfo.endCursor as string;
      const refused = await t
        .bankRequest('GET', `/api/bank/v1/accounts?limit=1&cursor=${encodeURIComponent(gqlCursor)}`, undefined, bank)
        .expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('money bounds in the bank ingest', () => {
    let bank: TestBankKey;
    const deposit = (accountNo: string, txnId: string, amount: string) => ({
      accountNo,
      txnId,
      bookedAt: '2026-11-28T10:00:00+08:00',
      type: 'DEPOSIT',
      amount,
      currency: 'CNY',
    });
    const custodyOf = async (id: string): Promise<string> =>
      (
        (await t.dataSource.query(`SELECT required_custody_fen::text AS fen FROM escrow_account WHERE id = $1`, [
          id,
        ])) as { fen: string }[]
      )[0]!.fen;

    beforeAll(async () => {
      bank = await t.registerBank();
    });

    it('refuses each absurd amount on its own (AMOUNT_OUT_OF_RANGE); the account is not poisoned', async () => {
      const account = await openAccount(t, admin.token, bank.bankCode);
      // 100 deposits at the contract pattern's largest amount would push required custody past int8.
      const huge = Array.from({ length: 100 }, (_, i) =>
        deposit(account.accountNo, `HUGE-${account.accountNo}-${i}`, '999999999999999.99'),
      );
      const res = await t
        .bankRequest(
          'POST',
          '/api/bank/v1/transactions',
          { transactions: [...huge, deposit(account.accountNo, `OK-${account.accountNo}`, '100.00')] },
          bank,
        )
        .expect(200);
      expect(res.body.rejected).toBe(100);
      expect(res.body.accepted).toBe(1);
      expect(new Set(res.body.results.slice(0, 100).map((r: { code: string }) => r.code))).toEqual(
        new Set(['AMOUNT_OUT_OF_RANGE']),
      );
      expect(await custodyOf(account.id)).toBe('10000');
      // Later batches for the account still work.
      const later = await t
        .bankRequest(
          'POST',
          '/api/bank/v1/transactions',
          { transactions: [deposit(account.accountNo, `LATER-${account.accountNo}`, '50.00')] },
          bank,
        )
        .expect(200);
      expect(later.body.accepted).toBe(1);
      expect(await custodyOf(account.id)).toBe('15000');
    });

    it('refuses an item that would take the running required custody past the bound, and only that item', async () => {
      const account = await openAccount(t, admin.token, bank.bankCode);
      const other = await openAccount(t, admin.token, bank.bankCode);
      const big = '99999999999.99'; // the largest single amount
      // 1,000 of these reach 10^16 − 1,000 fen: just inside the bound of 10^16 − 1.
      const fill = Array.from({ length: 1000 }, (_, i) =>
        deposit(account.accountNo, `FILL-${account.accountNo}-${i}`, big),
      );
      const filled = await t.bankRequest('POST', '/api/bank/v1/transactions', { transactions: fill }, bank).expect(200);
      expect(filled.body.accepted).toBe(1000);
      const res = await t
        .bankRequest(
          'POST',
          '/api/bank/v1/transactions',
          {
            transactions: [
              deposit(account.accountNo, `OVER-${account.accountNo}`, big),
              deposit(other.accountNo, `OTHER-${other.accountNo}`, big),
              deposit(account.accountNo, `FITS-${account.accountNo}`, '9.99'),
            ],
          },
          bank,
        )
        .expect(200);
      expect(res.body.results.map((r: { status: string; code?: string }) => [r.status, r.code ?? null])).toEqual([
        ['REJECTED', 'AMOUNT_OUT_OF_RANGE'],
        ['ACCEPTED', null],
        ['ACCEPTED', null],
      ]);
      expect(await custodyOf(account.id)).toBe(String(10n ** 16n - 1n));
      expect(await custodyOf(other.id)).toBe('9999999999999');
    });
  });

  describe('client addresses and headers', () => {
    const SUBMIT = `mutation($input: ComplaintIntakeInput!) { submitComplaint(input: $input) { trackingNumber } }`;
    const COMPLAINT = { category: 'OTHER', description: '代理测试', townshipCode: '520122001', anonymous: true };

    it('ignores X-Forwarded-For from a proxy the operator did not list: rotating it does not reset the complaint limit', async () => {
      const answers = [];
      for (let i = 0; i < 4; i++)
        answers.push(await t.gql(SUBMIT, { input: COMPLAINT }, undefined, { 'X-Forwarded-For': `203.0.113.${i + 1}` }));
      expect(answers.slice(0, 2).every((a) => a.errors === undefined)).toBe(true);
      expect(answers.slice(2).map((a) => a.errors?.[0]?.extensions?.code)).toEqual([
        'TOO_MANY_REQUESTS',
        'TOO_MANY_REQUESTS',
      ]);
    });

    it('sends the security headers, and no HSTS unless told', async () => {
      const gql = await t
        .http()
        .post('/graphql')
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ query: '{ me { id } }' });
      for (const res of [gql, await t.http().get('/health/live')]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
      expect(gql.headers['cache-control']).toContain('no-store');
    });
  });

  describe('rate-limit buckets', () => {
    it('evicts buckets that have refilled, keeps the ones still counting', async () => {
      const limiter = t.app.get(RateLimiter);
      const tag = `evict-${Date.now()}`;
      await limiter.take(`${tag}:slow`, 1 / 3600, 5); // refills in an hour
      await limiter.take(`${tag}:fast`, 1, 5); // refills in a second
      const count = async () =>
        Number(
          (
            (await t.dataSource.query(`SELECT count(*)::int AS n FROM rate_limit_bucket WHERE bucket LIKE $1`, [
              `${tag}:%`,
            ])) as { n: number }[]
          )[0]!.n,
        );
      expect(await count()).toBe(2);
      const start = clock.now();
      clock.set(new Date(start.getTime() + 60_000));
      try {
        expect(await limiter.evictFull()).toBeGreaterThanOrEqual(1);
        const left = (await t.dataSource.query(`SELECT bucket FROM rate_limit_bucket WHERE bucket LIKE $1`, [
          `${tag}:%`,
        ])) as { bucket: string }[];
        expect(left.map((r) => r.bucket)).toEqual([`${tag}:slow`]);
        // An evicted bucket behaves as a full one: the next take is allowed.
        expect((await limiter.take(`${tag}:fast`, 1, 5)).allowed).toBe(true);
      } finally {
        clock.set(start);
      }
    });
  });

  describe('complaints', () => {
    const STATUS = `query($n: String!) { complaintStatus(trackingNumber: $n) { status } }`;
    const REGISTER = `mutation($input: RegisterComplaintInput!) { registerComplaint(input: $input) { id townshipCode } }`;

    it('throttles complaintStatus per client address with TOO_MANY_REQUESTS', async () => {
      const codes: unknown[] = [];
      for (let i = 0; i < 5; i++)
        codes.push((await t.gql(STATUS, { n: `ZZ-NOPE-${i}` })).errors?.[0]?.extensions?.code);
      expect(codes.slice(0, 3).every((c) => c !== 'TOO_MANY_REQUESTS')).toBe(true);
      expect(codes.slice(3)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
      const refused = await t.gql(STATUS, { n: 'ZZ-NOPE-X' });
      expect(refused.errors?.[0]?.message).toMatch(
        /^Too many complaint progress look-ups from this address; retry after \d+ s$/,
      );
    });

    it("refuses a complaint filed under another township than the named institution's, and stores nothing", async () => {
      const institution = await createInstitution(t, { townshipCode: '520122100' });
      const count = async () =>
        Number(
          (
            (await t.dataSource.query(`SELECT count(*)::int AS n FROM complaint WHERE institution_id = $1`, [
              institution.id,
            ])) as { n: number }[]
          )[0]!.n,
        );
      const base = {
        category: 'OTHER',
        channel: 'HOTLINE_12345',
        description: '乡镇一致性测试',
        anonymous: true,
        institutionId: institution.id,
      };
      const wrong = await t.gql(REGISTER, { input: { ...base, townshipCode: '520122001' } }, admin.token);
      expect(wrong.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
      expect(await count()).toBe(0);
      const derived = await t.gql<{ registerComplaint: { townshipCode: string } }>(
        REGISTER,
        { input: base },
        admin.token,
      );
      expect(derived.errors).toBeUndefined();
      expect(derived.data!.registerComplaint.townshipCode).toBe('520122100');
    });
  });

  describe('registry dashboard scope', () => {
    const DASHBOARD = `query($c: String) { registryDashboard(townshipCode: $c) { openLeads } }`;

    it("refuses a township officer asking for another township's figures, as the KPI dashboard does", async () => {
      const officer = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
      const other = await t.gql(DASHBOARD, { c: '520122100' }, officer.token);
      expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const kpi = await t.gql(
        `query($c: String) { dashboard(townshipCode: $c) { __typename } }`,
        { c: '520122100' },
        officer.token,
      );
      expect(kpi.errors?.[0]?.extensions?.code).toBe(other.errors?.[0]?.extensions?.code);
      expect((await t.gql(DASHBOARD, { c: '520122001' }, officer.token)).errors).toBeUndefined();
      expect((await t.gql(DASHBOARD, {}, officer.token)).errors).toBeUndefined();
    });
  });

  describe('demo seed', () => {
    it('gives demo institutions credit codes the service accepts, correcting ones seeded with the old codes', async () => {
      const legacy17 = '91520122MA6DEMO01'; // the old generator's organisation code held a letter O
      const legacy = legacy17 + creditCodeCheckCharacter(legacy17);
      await createInstitution(t, {
        creditCode: legacy,
        name: DEMO_INSTITUTIONS[0]!.name,
        townshipCode: DEMO_INSTITUTIONS[0]!.township,
      });
      await t.dataSource.transaction((em) => seedRegistryDemo(em, t.runtime.config.security, clock.now()));
      const rows = (await t.dataSource.query(`SELECT credit_code, status FROM institution WHERE name = ANY($1)`, [
        DEMO_INSTITUTIONS.map((d) => d.name),
      ])) as { credit_code: string; status: string }[];
      expect(rows).toHaveLength(DEMO_INSTITUTIONS.length); // the legacy row was corrected, not duplicated
      const PROFILE = `query($c: String!) { institutionPublicProfile(creditCode: $c) { name } }`;
      let published = 0;
      for (const r of rows) {
        expect(checkCreditCode(r.credit_code).valid).toBe(true);
        if (!['OPERATING', 'SUSPENDED'].includes(r.status)) continue;
        const res = await t.gql(PROFILE, { c: r.credit_code });
        expect({ code: r.credit_code, errors: res.errors }).toEqual({ code: r.credit_code, errors: undefined });
        published++;
      }
      expect(published).toBeGreaterThan(0);
    });
  });
});
