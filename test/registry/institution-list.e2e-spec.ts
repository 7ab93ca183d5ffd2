import { randomUUID } from 'node:crypto';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { MetricsService } from '../../src/platform/metrics/metrics.service';
import { openAccount, TestAccount } from '../factories/escrow.factory';
import { TestBankKey } from '../factories/identity.factory';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';

/** The front end's institution list, as bench/graphql-read.ts asks for it. */
const LIST = `query($first: Int, $after: String, $filter: InstitutionFilter) {
  institutions(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node {
      id name creditCode status townshipCode
      township { code name }
      escrowAccount { id accountNo bankCode status custody { required latestBalance latestStatementDate shortfall } }
      openEscrowAlertCount
      creditStanding { standing effectiveOn expiresOn }
      openTaskCount
    } } } }`;

interface Row {
  id: string;
  township: { code: string; name: string };
  escrowAccount: null | {
    id: string;
    accountNo: string;
    status: string;
    custody: {
      required: string;
      latestBalance: string | null;
      latestStatementDate: string | null;
      shortfall: string | null;
    };
  };
  openEscrowAlertCount: number;
  creditStanding: { standing: string; effectiveOn: string | null };
  openTaskCount: number;
}

/**
 * The institution list with what each row needs from other modules (township, escrow account and
 * custody, unresolved alerts, list standing, open tasks): right figures, scope kept, and a number of
 * SQL statements per request that does not grow with the page size (DataLoaders, one query per fact).
 */
describe('institution list across modules', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let bank: TestBankKey;
  let short: TestAccount;
  let quiet: TestAccount;
  let township: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-11-29T02:00:00Z') });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    bank = await t.registerBank();
    township = ((await t.dataSource.query(`SELECT min(code) AS code FROM township`)) as { code: string }[])[0]!.code;
    short = await openAccount(t, admin.token, bank.bankCode, await createInstitution(t, { townshipCode: township }));
    quiet = await openAccount(t, admin.token, bank.bankCode, await createInstitution(t, { townshipCode: township }));
    // A deposit of 3,000 with a reported balance of 1,000: a SHORTFALL alert, and a follow-up task from it.
    await t
      .bankRequest(
        'POST',
        '/api/bank/v1/transactions',
        {
          transactions: [
            {
              accountNo: short.accountNo,
              txnId: `T${randomUUID().slice(0, 12)}`,
              bookedAt: '2026-11-28T10:15:00+08:00',
              type: 'DEPOSIT',
              amount: '3000.00',
              currency: 'CNY',
              payerRef: 'p***1',
              lessonHours: 10,
              coverageMonths: 1,
              reversalOf: null,
              memo: 'term fee',
            },
          ],
        },
        bank,
      )
      .expect(200);
    await t
      .bankRequest(
        'POST',
        '/api/bank/v1/statements',
        {
          statements: [
            {
              accountNo: short.accountNo,
              statementDate: '2026-11-28',
              openingBalance: '0.00',
              closingBalance: '1000.00',
              currency: 'CNY',
              revision: 0,
            },
          ],
        },
        bank,
      )
      .expect(200);
    // 48 more institutions in the same township, without accounts: 50 in all.
    for (let i = 0; i < 48; i++) await createInstitution(t, { townshipCode: township });
    await t.settle();
  });
  afterAll(() => t?.close());

  const list = async (token: string, first: number, filter: Record<string, unknown> = {}) => {
    const res = await t.gql<{ institutions: { totalCount: number; edges: { node: Row }[] } }>(
      LIST,
      { first, filter },
      token,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.institutions;
  };

  it('shows each row with its township, escrow account and custody, unresolved alerts, standing and open tasks', async () => {
    const rows = (await list(admin.token, 50, { townshipCode: township })).edges.map((e) => e.node);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const s = byId.get(short.institution.id)!;
    expect(s.township.code).toBe(township);
    expect(s.township.name).toEqual(expect.any(String));
    expect(s.escrowAccount).toMatchObject({
      id: short.id,
      accountNo: short.accountNo,
      status: 'ACTIVE',
      custody: {
        required: '3000.00',
        latestBalance: '1000.00',
        latestStatementDate: '2026-11-28',
        shortfall: '2000.00',
      },
    });
    const types = (
      (await t.dataSource.query(`SELECT type FROM escrow_alert WHERE institution_id = $1`, [short.institution.id])) as {
        type: string;
      }[]
    ).map((a) => a.type);
    expect(types).toContain('SHORTFALL');
    expect(s.openEscrowAlertCount).toBe(types.length);
    const [{ n: openTasks }] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM supervision_task WHERE institution_id = $1 AND status IN ('ASSIGNED','IN_PROGRESS','SUBMITTED','RETURNED')`,
      [short.institution.id],
    )) as [{ n: number }];
    expect(openTasks).toBeGreaterThanOrEqual(1); // the SHORTFALL follow-up at least
    expect(s.openTaskCount).toBe(openTasks);
    expect(s.creditStanding.standing).toBe('NONE');
    const q = byId.get(quiet.institution.id)!;
    expect(q.escrowAccount).toMatchObject({
      id: quiet.id,
      custody: { required: '0.00', latestBalance: null, latestStatementDate: null, shortfall: null },
    });
    expect(q.openEscrowAlertCount).toBe(0);
    expect(q.openTaskCount).toBe(0);
    expect(rows.filter((r) => r.escrowAccount === null).length).toBe(48);
  });

  it('sends as many SQL statements for a page of 50 as for a page of 5', async () => {
    // The per-request count the access log keeps (http_request_db_queries), so background work in this
    // process (relay, subscribers) does not count.
    const histogram = t.app.get(MetricsService).httpQueries;
    const graphqlSum = async () =>
      (await histogram.get()).values.find(
        (v) => v.metricName === 'http_request_db_queries_sum' && v.labels.route === '/graphql',
      )?.value ?? 0;
    const statements = async (first: number) => {
      await list(admin.token, first); // warm the caches the first call fills (e.g. users, reference data)
      const before = await graphqlSum();
      const page = await list(admin.token, first);
      expect(page.edges.length).toBe(first);
      return (await graphqlSum()) - before;
    };
    const five = await statements(5);
    const fifty = await statements(50);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBe(five);
    // One per fact (page, count, township, account, latest statement, alerts, standing, tasks) and a few for the login.
    expect(fifty).toBeLessThanOrEqual(12);
  });

  it('counts only the tasks the caller may see: a department officer those its department leads or works on', async () => {
    const tasks = (await t.dataSource.query(
      `SELECT lead_department_code AS lead, cooperating_department_codes AS coop FROM supervision_task WHERE institution_id = $1 AND status IN ('ASSIGNED','IN_PROGRESS','SUBMITTED','RETURNED')`,
      [short.institution.id],
    )) as { lead: string; coop: string[] }[];
    expect(tasks.length).toBeGreaterThanOrEqual(1);
    const lead = tasks[0]!.lead;
    const involved = new Set(tasks.flatMap((x) => [x.lead, ...x.coop]));
    const outsider = ['HEALTH', 'TAX', 'HOUSING', 'PUBLIC_SECURITY', 'FIRE_RESCUE'].find((d) => !involved.has(d))!;
    const rowFor = async (token: string) =>
      (await list(token, 50, { townshipCode: township })).edges.find((e) => e.node.id === short.institution.id)!.node;
    const leadOfficer = await t.loginAs(Role.DEPARTMENT_OFFICER, lead);
    const otherOfficer = await t.loginAs(Role.DEPARTMENT_OFFICER, outsider);
    expect((await rowFor(leadOfficer.token)).openTaskCount).toBe(
      tasks.filter((x) => x.lead === lead || x.coop.includes(lead)).length,
    );
    expect((await rowFor(otherOfficer.token)).openTaskCount).toBe(0);
    // The discipline commission reads everything.
    expect((await rowFor((await t.loginAs(Role.DISCIPLINE_SUPERVISOR)).token)).openTaskCount).toBe(tasks.length);
  });

  it("keeps a township officer to their township's institutions and accounts", async () => {
    const other = (
      (await t.dataSource.query(`SELECT code FROM township WHERE code <> $1 ORDER BY code LIMIT 1`, [township])) as {
        code: string;
      }[]
    )[0]!.code;
    const inside = await t.loginAs(Role.TOWNSHIP_OFFICER, township);
    const outside = await t.loginAs(Role.TOWNSHIP_OFFICER, other);
    const mine = (await list(inside.token, 50)).edges.map((e) => e.node);
    const row = mine.find((r) => r.id === short.institution.id);
    expect(row?.escrowAccount?.id).toBe(short.id);
    const [{ n: alerts }] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM escrow_alert WHERE institution_id = $1`,
      [short.institution.id],
    )) as [{ n: number }];
    expect(row?.openEscrowAlertCount).toBe(alerts);
    expect((await list(outside.token, 50)).edges.map((e) => e.node.id)).not.toContain(short.institution.id);
  });
});
