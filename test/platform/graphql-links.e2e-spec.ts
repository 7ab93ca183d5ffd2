import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { MetricsService } from '../../src/platform/metrics/metrics.service';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';

const INSTITUTION = 'institutionId institution { id name townshipCode }';
const ALERTS = `query($first: Int) { escrowAlerts(first: $first) {
  edges { node { id ${INSTITUTION} accountId account { id institutionId townshipCode } } } } }`;
const TASKS = `query($first: Int) { supervisionTasks(first: $first) {
  edges { node { id ${INSTITUTION} campaignId campaign { id name } assigneeIds assignees { id displayName role } } } } }`;
const ORDERS = `query($first: Int) { rectificationOrders(first: $first) {
  edges { node { id ${INSTITUTION} taskId task { id institutionId } findingId finding { id taskId } } } } }`;

interface LinkRow {
  id: string;
  institutionId: string | null;
  institution: { id: string; name: string; townshipCode: string } | null;
  accountId?: string | null;
  account?: { id: string; institutionId: string; townshipCode: string } | null;
  campaignId?: string | null;
  campaign?: { id: string; name: string } | null;
  assigneeIds?: string[];
  assignees?: { id: string; displayName: string; role: string }[];
  taskId?: string;
  task?: { id: string; institutionId: string } | null;
  findingId?: string;
  finding?: { id: string; taskId: string } | null;
}

/**
 * Related records as objects (`EscrowAlert.institution`, `EscrowAlert.account`, `SupervisionTask.campaign`,
 * `SupervisionTask.assignees`, `RectificationOrder.task`, …): they come in the same request, in a number of SQL
 * statements that does not grow with the page size (one per-request DataLoader per link kind), and a link
 * never shows a record the caller may not read (null, or left out of a list link).
 */
describe('GraphQL links to related records', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let township: string;
  let other: string;
  let names: Map<string, string>;
  /** An institution that moved to another township after its alert, task and order were raised in `township`. */
  let moved: string;
  let campaign: string;
  let assignees: string[];

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-11-29T02:00:00Z') });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    const codes = (await t.dataSource.query(`SELECT code FROM township ORDER BY code LIMIT 2`)) as { code: string }[];
    township = codes[0]!.code;
    other = codes[1]!.code;
    const bank = await t.registerBank();
    const now = t.clock.now();
    [{ id: campaign }] = (await t.dataSource.query(
      `INSERT INTO supervision_campaign (name, starts_on, ends_on, created_at)
       VALUES ('暑期专项治理', '2026-07-01', '2026-08-31', $1) RETURNING id`,
      [now],
    )) as { id: string }[];
    assignees = [(await t.loginAs(Role.INSPECTOR)).id, (await t.loginAs(Role.TOWNSHIP_OFFICER, township)).id];
    names = new Map();
    for (let i = 0; i < 50; i++) {
      const inst = await createInstitution(t, { townshipCode: township });
      names.set(inst.id, inst.name);
    }
    moved = (await createInstitution(t, { townshipCode: other })).id;
    const ids = [...names.keys(), moved];
    for (const [n, id] of ids.entries()) {
      const home = id === moved ? other : township;
      const [{ id: account }] = (await t.dataSource.query(
        `INSERT INTO escrow_account (institution_id, bank_code, account_no, status, township_code, opened_on, opened_at, updated_at)
         VALUES ($1, $2, $3, 'ACTIVE', $4, '2026-09-01', $5, $5) RETURNING id`,
        [id, bank.bankCode, `6222${String(n).padStart(12, '0')}`, home, now],
      )) as { id: string }[];
      await t.dataSource.query(
        `INSERT INTO escrow_alert (institution_id, account_id, township_code, type, status, details, raised_at)
         VALUES ($1, $2, $3, 'STALE_REPORT', 'OPEN', '{}', $4)`,
        [id, account, township, now],
      );
      const [{ id: task }] = (await t.dataSource.query(
        `INSERT INTO supervision_task (type, status, title, target_kind, target_id, institution_id, township_code,
           lead_department_code, due_at, checklist, campaign_id, assignee_ids, created_at, updated_at)
         VALUES ('ROUTINE_INSPECTION', 'ASSIGNED', '日常检查', 'INSTITUTION', $1::text, $1::uuid, $2, 'EDU', $3, '[]',
           $4, $5::uuid[], $3, $3) RETURNING id`,
        [id, township, now, campaign, assignees],
      )) as { id: string }[];
      const [{ id: finding }] = (await t.dataSource.query(
        `INSERT INTO supervision_finding (task_id, summary, checklist_results, evidence, recorded_by, recorded_at)
         VALUES ($1, '消防通道堵塞', '[]', '[]', 'test', $2) RETURNING id`,
        [task, now],
      )) as { id: string }[];
      await t.dataSource.query(
        `INSERT INTO rectification_order (finding_id, task_id, institution_id, township_code, lead_department_code,
           requirements, deadline_at, status, created_at)
         VALUES ($1, $2, $3, $4, 'EDU', '清理消防通道', $5, 'OPEN', $5)`,
        [finding, task, id, township, now],
      );
    }
  });
  afterAll(() => t?.close());

  const page = async (query: string, token: string, first: number): Promise<LinkRow[]> => {
    const res = await t.gql<Record<string, { edges: { node: LinkRow }[] }>>(query, { first }, token);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0]!.edges.map((e) => e.node);
  };

  /** What the county office sees of every link of a row: each link is the record its id names. */
  const complete = (r: LinkRow) => {
    expect(r.institution?.id).toBe(r.institutionId);
    if (r.institutionId !== moved) expect(r.institution?.name).toBe(names.get(r.institutionId!));
    if ('account' in r) expect(r.account).toMatchObject({ id: r.accountId, institutionId: r.institutionId });
    if ('campaign' in r) expect(r.campaign).toEqual({ id: campaign, name: '暑期专项治理' });
    if ('assignees' in r) {
      expect(r.assignees!.map((a) => a.id)).toEqual(assignees);
      expect(r.assignees!.map((a) => a.role)).toEqual(['INSPECTOR', 'TOWNSHIP_OFFICER']);
    }
    if ('task' in r) expect(r.task).toEqual({ id: r.taskId, institutionId: r.institutionId });
    if ('finding' in r) expect(r.finding).toEqual({ id: r.findingId, taskId: r.taskId });
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
    rows.forEach(complete);
    return (await sum()) - before;
  };

  it.each([
    ['alert', ALERTS],
    ['task', TASKS],
    ['rectification order', ORDERS],
  ])('shows the %s list with its links in the same statements for a page of 5 as of 50', async (_, query) => {
    const five = await statements(query, 5);
    const fifty = await statements(query, 50);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBe(five);
  });

  it.each([
    ['alert', ALERTS],
    ['task', TASKS],
    ['rectification order', ORDERS],
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

  it("gives a township officer an alert's account in their township, and null for one outside it", async () => {
    const officer = await t.loginAs(Role.TOWNSHIP_OFFICER, township);
    const rows = await page(ALERTS, officer.token, 100);
    expect(rows.find((r) => r.institutionId === moved)!.account).toBeNull();
    const inside = rows.filter((r) => r.institutionId !== moved);
    for (const r of inside)
      expect(r.account).toEqual({ id: r.accountId, institutionId: r.institutionId, townshipCode: township });
  });

  it("gives a task's and an order's readers the linked task, finding, campaign and assignees (as user summaries)", async () => {
    const officer = await t.loginAs(Role.TOWNSHIP_OFFICER, township);
    const orders = await page(ORDERS, officer.token, 100);
    expect(orders.length).toBe(51);
    for (const r of orders) {
      expect(r.task).toEqual({ id: r.taskId, institutionId: r.institutionId });
      expect(r.finding).toEqual({ id: r.findingId, taskId: r.taskId });
    }
    const tasks = await page(TASKS, officer.token, 100);
    for (const r of tasks) {
      expect(r.campaign?.id).toBe(campaign);
      expect(r.assignees!.map((a) => a.id)).toEqual(assignees);
    }
    // A township officer may not read users: the assignees are summaries, and `User` is not offered there.
    const res = await t.gql(
      `{ supervisionTasks(first: 1) { edges { node { assignees { username } } } } }`,
      {},
      officer.token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('gives null for a link to a type the role may not read', async () => {
    const inst = [...names.keys()][0]!;
    const now = t.clock.now();
    const [{ id: school }] = (await t.dataSource.query(
      `INSERT INTO school (code, name, township_code, stage) VALUES ('LINK-TEST-1', '链接测试小学', $1, 'PRIMARY') RETURNING id`,
      [township],
    )) as { id: string }[];
    const [{ id: plan }] = (await t.dataSource.query(
      `INSERT INTO after_school_plan (school_id, township_code, semester, status, time_slots, basic_care, created_at, updated_at)
       VALUES ($1, $2, '2026-1', 'APPROVED', '[]', '看护', $3, $3) RETURNING id`,
      [school, township, now],
    )) as { id: string }[];
    await t.dataSource.query(
      `INSERT INTO after_school_plan_staff (plan_id, school_id, kind, institution_id, name) VALUES ($1, $2, 'INSTITUTION', $3, 'x')`,
      [plan, school, inst],
    );
    const PLAN = `query($id: ID!) { afterSchoolPlan(id: $id) { school { id } staff { institutionId institution { id } } } }`;
    type Plan = {
      afterSchoolPlan: {
        school: { id: string } | null;
        staff: { institutionId: string; institution: { id: string } | null }[];
      };
    };
    const county = await t.gql<Plan>(PLAN, { id: plan }, admin.token);
    expect(county.data!.afterSchoolPlan).toEqual({
      school: { id: school },
      staff: [{ institutionId: inst, institution: { id: inst } }],
    });
    // A school administrator reads their school's plan and school, but no institution (registry.access.ts).
    const own = await t.loginAs(Role.SCHOOL_ADMIN, school);
    const mine = await t.gql<Plan>(PLAN, { id: plan }, own.token);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.afterSchoolPlan).toEqual({
      school: { id: school },
      staff: [{ institutionId: inst, institution: null }],
    });
  });
});
