import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { MetricsService } from '../../src/platform/metrics/metrics.service';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';

const ALERTS = `query($first: Int) { escrowAlerts(first: $first) {
  edges { node { id institutionId institution { id name townshipCode } } } } }`;
const TASKS = `query($first: Int) { supervisionTasks(first: $first) {
  edges { node { id institutionId institution { id name townshipCode } } } } }`;

interface LinkRow {
  id: string;
  institutionId: string | null;
  institution: { id: string; name: string; townshipCode: string } | null;
}

/**
 * Related records as objects (`EscrowAlert.institution`, `SupervisionTask.institution`): the names come in
 * the same request, in a number of SQL statements that does not grow with the page size (one per-request
 * DataLoader), and a link never shows an institution the caller may not read.
 */
describe('GraphQL links to related records', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let township: string;
  let other: string;
  let names: Map<string, string>;
  /** An institution that moved to another township after its alert and task were raised in `township`. */
  let moved: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-11-29T02:00:00Z') });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    const codes = (await t.dataSource.query(`SELECT code FROM township ORDER BY code LIMIT 2`)) as { code: string }[];
    township = codes[0]!.code;
    other = codes[1]!.code;
    names = new Map();
    for (let i = 0; i < 50; i++) {
      const inst = await createInstitution(t, { townshipCode: township });
      names.set(inst.id, inst.name);
    }
    moved = (await createInstitution(t, { townshipCode: other })).id;
    const ids = [...names.keys(), moved];
    const now = t.clock.now();
    for (const id of ids) {
      await t.dataSource.query(
        `INSERT INTO escrow_alert (institution_id, township_code, type, status, details, raised_at)
         VALUES ($1, $2, 'NO_ESCROW_ACCOUNT', 'OPEN', '{}', $3)`,
        [id, township, now],
      );
      await t.dataSource.query(
        `INSERT INTO supervision_task (type, status, title, target_kind, target_id, institution_id, township_code,
           lead_department_code, due_at, checklist, created_at, updated_at)
         VALUES ('ROUTINE_INSPECTION', 'ASSIGNED', '日常检查', 'INSTITUTION', $1::text, $1::uuid, $2, 'EDU', $3, '[]', $3, $3)`,
        [id, township, now],
      );
    }
  });
  afterAll(() => t?.close());

  const page = async (query: string, token: string, first: number): Promise<LinkRow[]> => {
    const res = await t.gql<Record<string, { edges: { node: LinkRow }[] }>>(query, { first }, token);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0]!.edges.map((e) => e.node);
  };

  // The per-request count the access log keeps (http_request_db_queries), as the institution-list test does.
  const statements = async (query: string, first: number) => {
    const histogram = t.app.get(MetricsService).httpQueries;
    const sum = async () =>
      (await histogram.get()).values.find(
        (v) => v.metricName === 'http_request_db_queries_sum' && v.labels.route === '/graphql',
      )?.value ?? 0;
    await page(query, admin.token, first); // warm the caches the first call fills
    const before = await sum();
    const rows = await page(query, admin.token, first);
    expect(rows.length).toBe(first);
    for (const r of rows) {
      expect(r.institution?.id).toBe(r.institutionId);
      if (r.institutionId !== moved) expect(r.institution?.name).toBe(names.get(r.institutionId!));
    }
    return (await sum()) - before;
  };

  it.each([
    ['alert', ALERTS],
    ['task', TASKS],
  ])('shows the %s list with institution names in the same statements for a page of 5 as of 50', async (_, query) => {
    const five = await statements(query, 5);
    const fifty = await statements(query, 50);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBe(five);
  });

  it.each([
    ['alert', ALERTS],
    ['task', TASKS],
  ])(
    "gives a township officer the %s's institution in their township, and null for one outside it",
    async (_, query) => {
      const officer = await t.loginAs(Role.TOWNSHIP_OFFICER, township);
      const rows = await page(query, officer.token, 100);
      const outside = rows.find((r) => r.institutionId === moved);
      expect(outside).toBeDefined(); // the record itself is in the officer's township
      expect(outside!.institution).toBeNull();
      const inside = rows.filter((r) => r.institutionId !== moved);
      expect(inside.length).toBe(50);
      for (const r of inside) expect(r.institution).toMatchObject({ id: r.institutionId, townshipCode: township });
      // An officer of the other township reads the moved institution but not these records.
      const there = await t.loginAs(Role.TOWNSHIP_OFFICER, other);
      expect((await page(query, there.token, 100)).map((r) => r.institutionId)).not.toContain(moved);
    },
  );
});
