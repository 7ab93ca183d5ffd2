import { XIFENG, seedReferenceDemo } from '../../src/modules/reference';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';

const T1 = '520122001'; // 永阳街道
const T2 = '520122100'; // 永靖镇

const DASHBOARD = `query($townshipCode: String) { dashboard(townshipCode: $townshipCode) {
  townshipCode
  registry { partyOrganisationCoverage { numerator denominator rate target } partyWorkCoverage { numerator denominator rate target }
    partyCoverageByTownship { townshipCode organisation { numerator denominator rate } work { numerator denominator rate } } }
  complaints { pendingOverdue pendingOverdueByTownship { townshipCode count byLevel { level count } } pendingOverdueByDepartment { departmentCode count byLevel { level count } } }
  supervision { overdueByLevel { level count } overdueByTownship { townshipCode count byLevel { level count } } overdueByDepartment { departmentCode count byLevel { level count } } } } }`;
const TREND = `query($kpi: DashboardKpi!, $from: Date!, $to: Date!, $townshipCode: String) {
  dashboardTrend(kpi: $kpi, from: $from, to: $to, townshipCode: $townshipCode) { month value numerator denominator } }`;

type Levels = { level: number; count: number }[];
interface View {
  townshipCode: string | null;
  registry: {
    partyOrganisationCoverage: { numerator: number; denominator: number; rate: number | null; target: number };
    partyWorkCoverage: { numerator: number; denominator: number; rate: number | null; target: number };
    partyCoverageByTownship: {
      townshipCode: string;
      organisation: { numerator: number; denominator: number; rate: number | null };
      work: { numerator: number; denominator: number; rate: number | null };
    }[];
  };
  complaints: {
    pendingOverdue: number;
    pendingOverdueByTownship: { townshipCode: string; count: number; byLevel: Levels }[];
    pendingOverdueByDepartment: { departmentCode: string; count: number; byLevel: Levels }[];
  };
  supervision: {
    overdueByLevel: Levels;
    overdueByTownship: { townshipCode: string | null; count: number; byLevel: Levels }[];
    overdueByDepartment: { departmentCode: string; count: number; byLevel: Levels }[];
  };
}

/**
 * The dashboard's breakdowns: overdue tasks and complaints by township and lead department with their
 * escalation levels, the complaint-satisfaction trend, and party-building coverage (两个全覆盖).
 */
describe('dashboard: overdue by township and department, satisfaction trend, party coverage', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-10-12T04:00:00Z');
  let admin: LoggedIn;
  let edu: LoggedIn;
  let fire: LoggedIn;
  let township1: LoggedIn;

  const must = async (query: string, vars: Record<string, unknown>, u: LoggedIn) => {
    const res = await t.gql<Record<string, unknown>>(query, vars, t.tokenFor(u.id));
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const dashboard = async (u: LoggedIn, vars: Record<string, unknown> = {}) =>
    (await must(DASHBOARD, vars, u)).dashboard as View;
  const register = async (townshipCode: string, category = 'HOMEWORK_BURDEN') => {
    const d = await must(
      `mutation($input: RegisterComplaintInput!) { registerComplaint(input: $input) { id } }`,
      { input: { channel: 'HOTLINE_12345', category, description: '反映问题', townshipCode, anonymous: true } },
      admin,
    );
    return (d.registerComplaint as { id: string }).id;
  };
  const step = (u: LoggedIn, m: string, type: string, input: Record<string, unknown>) =>
    must(`mutation($input: ${type}!) { ${m}(input: $input) { id } }`, { input }, u);
  const closeWith = async (satisfaction: string | undefined) => {
    const id = await register(T1);
    await step(edu, 'acceptComplaint', 'ComplaintReplyInput', { complaintId: id });
    await step(edu, 'assignComplaint', 'ComplaintReplyInput', { complaintId: id });
    await step(edu, 'startComplaintInvestigation', 'ComplaintReplyInput', { complaintId: id });
    await step(edu, 'replyToComplaint', 'ReplyComplaintInput', {
      complaintId: id,
      publicReply: '已处理',
      findings: '属实',
    });
    await step(edu, 'closeComplaint', 'CloseComplaintInput', {
      complaintId: id,
      substantiated: true,
      summary: '已整改',
      ...(satisfaction ? { satisfaction } : {}),
    });
  };
  const createTask = async (townshipCode: string, leadDepartmentCode: string, dueAt: string) => {
    const d = await must(
      `mutation($input: CreateSupervisionTaskInput!) { createSupervisionTask(input: $input) { id } }`,
      {
        input: {
          type: 'ROUTINE_INSPECTION',
          title: '日常检查',
          targetKind: 'TOWNSHIP',
          targetId: townshipCode,
          townshipCode,
          leadDepartmentCode,
          dueAt,
        },
      },
      admin,
    );
    return (d.createSupervisionTask as { id: string }).id;
  };
  const past = '2026-11-21T00:00:00Z';
  const future = '2026-12-31T00:00:00Z';

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.dataSource.transaction((em) =>
      seedReferenceDemo(
        em,
        t.runtime.config.security.piiHashKey,
        XIFENG.townships.map((x) => x.code),
      ),
    );
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    township1 = await t.loginAs(Role.TOWNSHIP_OFFICER, T1);

    // Satisfaction: October, one satisfied and one dissatisfied; November, one basically satisfied and one not rated.
    await closeWith('SATISFIED');
    await closeWith('DISSATISFIED');
    clock.set('2026-11-20T04:00:00Z');
    await closeWith('BASICALLY_SATISFIED');
    await closeWith(undefined);

    // Party building: T1 three operating (two with each coverage) and a suspended one covered; T2 one operating, uncovered.
    for (const [townshipCode, status, partyOrganisationCovered, partyWorkCovered] of [
      [T1, 'OPERATING', true, true],
      [T1, 'OPERATING', false, true],
      [T1, 'OPERATING', true, false],
      [T1, 'SUSPENDED', true, true],
      [T2, 'OPERATING', false, false],
    ] as const) {
      await createInstitution(t, { townshipCode, status, partyOrganisationCovered, partyWorkCovered });
    }

    // Supervision: created due in the future, then the clock passes the first three's due time.
    const tasks = {
      t1Edu: await createTask(T1, 'EDU', '2026-11-22T09:00:00Z'),
      t1EduEscalated: await createTask(T1, 'EDU', '2026-11-22T09:00:00Z'),
      t1Fire: await createTask(T1, 'FIRE_RESCUE', '2026-11-22T09:00:00Z'),
      t2Edu: await createTask(T2, 'EDU', '2026-11-22T09:00:00Z'),
      t1NotDue: await createTask(T1, 'EDU', '2026-12-31T09:00:00Z'),
    };
    // The escalation sweep's mark (fixture: the level the ladder would have reached).
    await t.dataSource.query(`UPDATE supervision_task SET escalation_level = 2 WHERE id = $1`, [tasks.t1EduEscalated]);

    // Complaints: deadlines and the sweep's levels set as fixtures.
    const c = {
      t1Received: await register(T1), // ROUTE level 1 and ACCEPT level 2 past: level 2
      t1Accepted: await register(T1), // accepted; HANDLE past, not yet swept: level 0
      t1Fire: await register(T1, 'FIRE_SAFETY'), // RECEIVED, nothing past
      t2Received: await register(T2), // ROUTE past at level 3, ACCEPT not: level 3
      t2Stale: await register(T2), // assigned: a ROUTE level left from before is no longer pending, HANDLE not past
    };
    await step(edu, 'acceptComplaint', 'ComplaintReplyInput', { complaintId: c.t1Accepted });
    await step(edu, 'acceptComplaint', 'ComplaintReplyInput', { complaintId: c.t2Stale });
    await step(edu, 'assignComplaint', 'ComplaintReplyInput', { complaintId: c.t2Stale });
    const set = (id: string, sql: string, params: unknown[] = []) =>
      t.dataSource.query(`UPDATE complaint SET ${sql} WHERE id = $1`, [id, ...params]);
    await set(
      c.t1Received,
      `route_due_at = $2, route_overdue_at = $2, route_overdue_level = 1, accept_due_at = $2, accept_overdue_at = $2, accept_overdue_level = 2`,
      [past],
    );
    await set(c.t1Accepted, `route_due_at = $3, accept_due_at = $2, handle_due_at = $2`, [past, future]);
    await set(c.t1Fire, `route_due_at = $2, accept_due_at = $2`, [future]);
    await set(c.t2Received, `route_due_at = $2, route_overdue_at = $2, route_overdue_level = 3, accept_due_at = $3`, [
      past,
      future,
    ]);
    await set(c.t2Stale, `route_due_at = $2, route_overdue_at = $2, route_overdue_level = 3, handle_due_at = $3`, [
      past,
      future,
    ]);

    clock.set('2026-11-27T04:00:00Z');
  });
  afterAll(() => t?.close());

  it('breaks overdue tasks down by township and lead department, with escalation levels', async () => {
    const d = await dashboard(admin);
    expect(d.supervision.overdueByLevel).toEqual([
      { level: 0, count: 3 },
      { level: 2, count: 1 },
    ]);
    expect(d.supervision.overdueByTownship).toEqual([
      {
        townshipCode: T1,
        count: 3,
        byLevel: [
          { level: 0, count: 2 },
          { level: 2, count: 1 },
        ],
      },
      { townshipCode: T2, count: 1, byLevel: [{ level: 0, count: 1 }] },
    ]);
    expect(d.supervision.overdueByDepartment).toEqual([
      {
        departmentCode: 'EDU',
        count: 3,
        byLevel: [
          { level: 0, count: 2 },
          { level: 2, count: 1 },
        ],
      },
      { departmentCode: 'FIRE_RESCUE', count: 1, byLevel: [{ level: 0, count: 1 }] },
    ]);
  });

  it('breaks complaints past a pending deadline down by township and lead department, with levels', async () => {
    const [{ lead }] = (await t.dataSource.query(
      `SELECT DISTINCT lead_department_code AS lead FROM complaint WHERE category = 'HOMEWORK_BURDEN'`,
    )) as { lead: string }[];
    const d = await dashboard(admin);
    expect(d.complaints.pendingOverdue).toBe(3);
    expect(d.complaints.pendingOverdueByTownship).toEqual([
      {
        townshipCode: T1,
        count: 2,
        byLevel: [
          { level: 0, count: 1 },
          { level: 2, count: 1 },
        ],
      },
      { townshipCode: T2, count: 1, byLevel: [{ level: 3, count: 1 }] },
    ]);
    expect(d.complaints.pendingOverdueByDepartment).toEqual([
      {
        departmentCode: lead,
        count: 3,
        byLevel: [
          { level: 0, count: 1 },
          { level: 2, count: 1 },
          { level: 3, count: 1 },
        ],
      },
    ]);
    // The same complaints the complaints list calls overdue.
    const listed = await must(`query { complaints(filter: { overdue: true }, first: 50) { totalCount } }`, {}, admin);
    expect((listed.complaints as { totalCount: number }).totalCount).toBe(3);
  });

  it('shows a township officer only their township', async () => {
    const d = await dashboard(township1);
    expect(d.townshipCode).toBe(T1);
    expect(d.supervision.overdueByTownship.map((r) => r.townshipCode)).toEqual([T1]);
    expect(d.supervision.overdueByDepartment).toEqual([
      {
        departmentCode: 'EDU',
        count: 2,
        byLevel: [
          { level: 0, count: 1 },
          { level: 2, count: 1 },
        ],
      },
      { departmentCode: 'FIRE_RESCUE', count: 1, byLevel: [{ level: 0, count: 1 }] },
    ]);
    expect(d.complaints.pendingOverdue).toBe(2);
    expect(d.complaints.pendingOverdueByTownship.map((r) => r.townshipCode)).toEqual([T1]);
    expect(d.complaints.pendingOverdueByDepartment.map((r) => r.count)).toEqual([2]);
    expect(d.registry.partyCoverageByTownship.map((r) => r.townshipCode)).toEqual([T1]);
    expect(d.registry.partyOrganisationCoverage).toMatchObject({ numerator: 2, denominator: 3 });
    const fireView = await dashboard(fire, { townshipCode: T2 });
    expect(fireView.supervision.overdueByTownship).toEqual([
      { townshipCode: T2, count: 1, byLevel: [{ level: 0, count: 1 }] },
    ]);
  });

  it('draws complaint satisfaction per month', async () => {
    const d = await must(TREND, { kpi: 'COMPLAINT_SATISFACTION', from: '2026-10-01', to: '2026-11-27' }, admin);
    expect(d.dashboardTrend).toEqual([
      { month: '2026-10', value: 0.5, numerator: 1, denominator: 2 },
      { month: '2026-11', value: 1, numerator: 1, denominator: 1 },
    ]);
    const own = await must(
      TREND,
      { kpi: 'COMPLAINT_SATISFACTION', from: '2026-10-01', to: '2026-11-27', townshipCode: T2 },
      admin,
    );
    expect(own.dashboardTrend).toEqual([
      { month: '2026-10', value: null, numerator: 0, denominator: 0 },
      { month: '2026-11', value: null, numerator: 0, denominator: 0 },
    ]);
  });

  it('gives party-building coverage of operating institutions, county-wide and by township', async () => {
    const d = await dashboard(admin);
    expect(d.registry.partyOrganisationCoverage).toEqual({ numerator: 2, denominator: 4, rate: 0.5, target: 1 });
    expect(d.registry.partyWorkCoverage).toEqual({ numerator: 2, denominator: 4, rate: 0.5, target: 1 });
    expect(d.registry.partyCoverageByTownship).toEqual([
      {
        townshipCode: T1,
        organisation: { numerator: 2, denominator: 3, rate: 0.6667 },
        work: { numerator: 2, denominator: 3, rate: 0.6667 },
      },
      {
        townshipCode: T2,
        organisation: { numerator: 0, denominator: 1, rate: 0 },
        work: { numerator: 0, denominator: 1, rate: 0 },
      },
    ]);
  });
});
