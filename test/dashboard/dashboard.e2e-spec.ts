import { XIFENG, seedReferenceDemo } from '../../src/modules/reference';
import { InstitutionSummary } from '../../src/modules/registry';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { openAccount } from '../factories/escrow.factory';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

const T1 = '520122001'; // 永阳街道
const T2 = '520122100'; // 永靖镇

const DASHBOARD = `query($townshipCode: String, $asOf: Date) { dashboard(townshipCode: $townshipCode, asOf: $asOf) {
  townshipCode asOf periodFrom
  threeHundredPercent { semester homeworkPublicity { numerator denominator rate target } homeworkDurationCompliance { numerator denominator rate target } afterSchoolCoverage { numerator denominator rate target } }
  registry { subjectInstitutionsRemaining operatingByCategory { category count } unlicensedLeadsOpen unlicensedLeadsOverdue }
  escrow { coverage { numerator denominator rate } totalCustody openAlertsByType { type count } }
  credit { black white grey }
  complaints { received closed overdue satisfactionRate }
  supervision { open overdueByLevel { level count } openByDepartment { departmentCode count } } } }`;
const TREND = `query($kpi: DashboardKpi!, $from: Date!, $to: Date!, $townshipCode: String) {
  dashboardTrend(kpi: $kpi, from: $from, to: $to, townshipCode: $townshipCode) { month value numerator denominator } }`;

type Ratio = { numerator: number; denominator: number; rate: number | null };
interface DashboardView {
  townshipCode: string | null;
  asOf: string;
  periodFrom: string;
  threeHundredPercent: {
    semester: string;
    homeworkPublicity: Ratio;
    homeworkDurationCompliance: Ratio;
    afterSchoolCoverage: Ratio;
  };
  registry: {
    subjectInstitutionsRemaining: number;
    operatingByCategory: { category: string; count: number }[];
    unlicensedLeadsOpen: number;
    unlicensedLeadsOverdue: number;
  };
  escrow: { coverage: Ratio; totalCustody: string; openAlertsByType: { type: string; count: number }[] };
  credit: { black: number; white: number; grey: number };
  complaints: { received: number; closed: number; overdue: number; satisfactionRate: number | null };
  supervision: {
    open: number;
    overdueByLevel: { level: number; count: number }[];
    openByDepartment: { departmentCode: string; count: number }[];
  };
}

/**
 * The county dashboard against seeded records: each figure is recounted here from what the test
 * created (through the modules' GraphQL commands and the registry/escrow factories).
 */
describe('dashboard: the seed targets as live KPIs', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-11-20T04:00:00Z'); // Friday 12:00 in Xifeng
  let admin: LoggedIn;
  let edu: LoggedIn;
  let schoolAdmin: LoggedIn;
  let township1: LoggedIn;
  const created: (Omit<InstitutionSummary, 'status'> & { status: string })[] = [];
  const summaries: InstitutionSummary[] = [];

  const gql = <T>(query: string, vars: Record<string, unknown>, u: LoggedIn) => t.gql<T>(query, vars, t.tokenFor(u.id));
  const must = async (query: string, vars: Record<string, unknown>, u: LoggedIn) => {
    const res = await gql<Record<string, unknown>>(query, vars, u);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const dashboard = async (u: LoggedIn, vars: Record<string, unknown> = {}) => {
    const res = await gql<{ dashboard: DashboardView }>(DASHBOARD, vars, u);
    expect(res.errors).toBeUndefined();
    return res.data!.dashboard;
  };

  // What the test created, counted here.
  let complaintsByTownship: Record<string, { received: number; closed: number; satisfied: number }>;
  const tasks: { townshipCode: string; departmentCode: string; dueAt: Date }[] = [];
  const homeworkDays = { published: 2, reported: 2, within: 1 }; // in T1's school DEMO-S001
  const covered = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.dataSource.transaction((em) =>
      seedReferenceDemo(
        em,
        t.runtime.config.security.piiHashKey,
        XIFENG.townships.map((x) => x.code),
      ),
    );
    const [s001] = (await t.dataSource.query(`SELECT id FROM school WHERE code = 'DEMO-S001'`)) as { id: string }[];
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    schoolAdmin = await t.loginAs(Role.SCHOOL_ADMIN, s001!.id);
    township1 = await t.loginAs(Role.TOWNSHIP_OFFICER, T1);

    // Registry: institutions in two townships, subject and non-subject, in several states.
    for (const o of [
      { category: 'SUBJECT', townshipCode: T1, status: 'OPERATING' },
      { category: 'SUBJECT', townshipCode: T2, status: 'OPERATING' },
      { category: 'SUBJECT', townshipCode: T1, status: 'DEREGISTERED' },
      { category: 'NON_SUBJECT', townshipCode: T1, status: 'OPERATING' },
      { category: 'NON_SUBJECT', townshipCode: T1, status: 'OPERATING' },
      { category: 'NON_SUBJECT', townshipCode: T2, status: 'OPERATING' },
      { category: 'NON_SUBJECT', townshipCode: T1, status: 'SUSPENDED' },
    ] as const) {
      const i = await createInstitution(t, {
        category: o.category,
        nonSubjectKind: o.category === 'SUBJECT' ? null : 'ARTS',
        townshipCode: o.townshipCode,
        status: o.status,
      });
      created.push({ ...i, status: o.status });
      summaries.push(i);
    }
    await must(
      `mutation($input: RecordLeadInput!) { recordUnlicensedLead(input: $input) { id } }`,
      {
        input: {
          townshipCode: T1,
          location: '永阳街道某小区',
          kind: 'UNLICENSED',
          source: 'GRID_PATROL',
          description: '无证托管',
        },
      },
      township1,
    );

    // Escrow: accounts for two operating institutions of T1.
    const bank = await t.registerBank();
    for (const i of [summaries[0]!, summaries[3]!]) {
      await openAccount(t, t.tokenFor(admin.id), bank.bankCode, i);
      covered.add(i.id);
    }

    // Credit: published list entries (fixtures, as the credit module leaves them) and one merely proposed.
    for (const [i, kind, status] of [
      [created[3]!, 'WHITE', 'PUBLISHED'],
      [created[4]!, 'GREY', 'PUBLISHED'],
      [created[5]!, 'BLACK', 'PUBLISHED'],
      [created[0]!, 'BLACK', 'PROPOSED'],
    ] as const) {
      await t.dataSource.query(
        `INSERT INTO credit_entry (institution_id, institution_name, credit_code, township_code, kind, reason_code, reason, status, effective_on, proposed_by_name, proposed_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'FIXTURE', 'fixture', $6, '2026-11-01', 'fixture', now(), now(), now())`,
        [i.id, i.name, i.creditCode, i.townshipCode, kind, status],
      );
    }

    // Complaints: two in T1 (one closed satisfied), one in T2.
    complaintsByTownship = {
      [T1]: { received: 0, closed: 0, satisfied: 0 },
      [T2]: { received: 0, closed: 0, satisfied: 0 },
    };
    const ids: string[] = [];
    for (const townshipCode of [T1, T1, T2]) {
      const d = await must(
        `mutation($input: RegisterComplaintInput!) { registerComplaint(input: $input) { id } }`,
        {
          input: {
            channel: 'HOTLINE_12345',
            category: 'HOMEWORK_BURDEN',
            description: '作业过多',
            townshipCode,
            anonymous: true,
          },
        },
        admin,
      );
      ids.push((d.registerComplaint as { id: string }).id);
      complaintsByTownship[townshipCode]!.received++;
    }
    const step = (m: string, type: string, input: Record<string, unknown>) =>
      must(`mutation($input: ${type}!) { ${m}(input: $input) { id } }`, { input }, edu);
    await step('acceptComplaint', 'ComplaintReplyInput', { complaintId: ids[0] });
    await step('assignComplaint', 'ComplaintReplyInput', { complaintId: ids[0] });
    await step('startComplaintInvestigation', 'ComplaintReplyInput', { complaintId: ids[0] });
    await step('replyToComplaint', 'ReplyComplaintInput', {
      complaintId: ids[0],
      publicReply: '已责令整改',
      findings: '属实',
    });
    await step('closeComplaint', 'CloseComplaintInput', {
      complaintId: ids[0],
      substantiated: true,
      summary: '已整改',
      satisfaction: 'SATISFIED',
    });
    complaintsByTownship[T1]!.closed++;
    complaintsByTownship[T1]!.satisfied++;

    // Supervision: two tasks in T1 (one due before the dashboard's day), one in T2, and the one the
    // supervision module opens by itself for the unlicensed-training lead.
    for (const [townshipCode, dueAt] of [
      [T1, '2026-11-24T09:00:00Z'],
      [T1, '2026-12-31T09:00:00Z'],
      [T2, '2026-12-31T09:00:00Z'],
    ] as const) {
      await must(
        `mutation($input: CreateSupervisionTaskInput!) { createSupervisionTask(input: $input) { id } }`,
        {
          input: {
            type: 'ROUTINE_INSPECTION',
            title: '日常检查',
            targetKind: 'TOWNSHIP',
            targetId: townshipCode,
            townshipCode,
            leadDepartmentCode: 'EDU',
            dueAt,
          },
        },
        admin,
      );
      tasks.push({ townshipCode, departmentCode: 'EDU', dueAt: new Date(dueAt) });
    }
    const [leadTask] = await waitFor(
      async () => {
        const rows = (await t.dataSource.query(
          `SELECT township_code, lead_department_code, due_at FROM supervision_task WHERE target_kind = 'UNLICENSED_LEAD'`,
        )) as {
          township_code: string;
          lead_department_code: string;
          due_at: Date;
        }[];
        return rows.length ? rows : undefined;
      },
      { what: 'the task opened for the lead' },
    );
    tasks.push({
      townshipCode: leadTask!.township_code,
      departmentCode: leadTask!.lead_department_code,
      dueAt: new Date(leadTask!.due_at),
    });

    // After-school: homework of DEMO-S001 (grade 3, limit 60 min) on two school days, and coverage.
    for (const [date, minutes] of [
      ['2026-11-16', 30],
      ['2026-11-17', 100],
    ] as const) {
      const input = { schoolId: s001!.id, grade: 3, className: '3(1)班', date };
      await must(
        `mutation($input: PublishHomeworkInput!) { publishHomework(input: $input) { id } }`,
        { input: { ...input, subjects: [{ subject: '数学', minutes: 30 }] } },
        schoolAdmin,
      );
      await must(
        `mutation($input: ReportHomeworkInput!) { reportHomeworkDuration(input: $input) { reportedMinutes } }`,
        { input: { ...input, minutes } },
        schoolAdmin,
      );
    }
    await must(
      `mutation($input: ParticipationInput!) { recordAfterSchoolParticipation(input: $input) { served } }`,
      {
        input: {
          schoolId: s001!.id,
          semester: '2026-1',
          grade: 3,
          className: '3(1)班',
          enrolled: 45,
          asked: 40,
          served: 38,
        },
      },
      schoolAdmin,
    );

    clock.set('2026-11-27T04:00:00Z'); // a week later: the first task is past due
  });
  afterAll(() => t?.close());

  const expectedFor = (township?: string) => {
    const mine = created.filter((i) => !township || i.townshipCode === township);
    const operating = mine.filter((i) => i.status === 'OPERATING');
    const townships = township ? [township] : [T1, T2];
    const sum = <K extends string>(rec: Record<string, Record<K, number>>, k: K) =>
      townships.reduce((n, x) => n + (rec[x]?.[k] ?? 0), 0);
    return { mine, operating, sum };
  };

  const supervisionExpected = (township?: string) => {
    const mine = tasks.filter((x) => !township || x.townshipCode === township);
    const overdue = mine.filter((x) => x.dueAt < clock.now()).length;
    const departments = [...new Set(mine.map((x) => x.departmentCode))].sort();
    return {
      open: mine.length,
      overdueByLevel: overdue ? [{ level: 0, count: overdue }] : [],
      openByDepartment: departments.map((departmentCode) => ({
        departmentCode,
        count: mine.filter((x) => x.departmentCode === departmentCode).length,
      })),
    };
  };

  it('computes every county-wide figure from the records', async () => {
    const d = await dashboard(admin);
    const { mine, operating, sum } = expectedFor();
    expect(d).toMatchObject({ townshipCode: null, asOf: '2026-11-27', periodFrom: '2026-11-01' });
    expect(d.registry).toEqual({
      subjectInstitutionsRemaining: mine.filter(
        (i) => i.category === 'SUBJECT' && ['APPLIED', 'APPROVED', 'OPERATING', 'SUSPENDED'].includes(i.status),
      ).length,
      operatingByCategory: [
        { category: 'NON_SUBJECT', count: operating.filter((i) => i.category === 'NON_SUBJECT').length },
        { category: 'SUBJECT', count: operating.filter((i) => i.category === 'SUBJECT').length },
      ],
      unlicensedLeadsOpen: 1,
      unlicensedLeadsOverdue: 0, // reported 7 days ago: within the national 30-day clearance period (registry.lead_clearance_days)
    });
    expect(d.escrow).toEqual({
      coverage: {
        numerator: operating.filter((i) => covered.has(i.id)).length,
        denominator: operating.length,
        rate: Math.round((2 / 5) * 10000) / 10000,
      },
      totalCustody: '0.00',
      openAlertsByType: [],
    });
    expect(d.credit).toEqual({ black: 1, white: 1, grey: 1 });
    expect(d.complaints).toEqual({
      received: sum(complaintsByTownship, 'received'),
      closed: sum(complaintsByTownship, 'closed'),
      overdue: 0,
      satisfactionRate: 1,
    });
    expect(d.supervision).toEqual(supervisionExpected());
    expect(d.threeHundredPercent.afterSchoolCoverage).toEqual({
      numerator: 38,
      denominator: 40,
      rate: 0.95,
      target: 1,
    });
    expect(d.threeHundredPercent.semester).toBe('2026-1');
    // Publicity: class-days published / class-days expected, as the after-school module counts them.
    const compliance = await gql<{
      homeworkComplianceByTownship: { classDaysExpected: number; classDaysPublished: number }[];
    }>(
      `query { homeworkComplianceByTownship(filter: { from: "2026-11-01", to: "2026-11-27" }) { classDaysExpected classDaysPublished } }`,
      {},
      edu,
    );
    const expected = compliance.data!.homeworkComplianceByTownship.reduce((n, r) => n + r.classDaysExpected, 0);
    const published = compliance.data!.homeworkComplianceByTownship.reduce((n, r) => n + r.classDaysPublished, 0);
    expect(expected).toBeGreaterThan(0);
    expect(published).toBe(homeworkDays.published); // 3(1)班 of DEMO-S001 on two school days
    expect(d.threeHundredPercent.homeworkPublicity).toMatchObject({
      numerator: published,
      denominator: expected,
      target: 1,
    });
    expect(d.threeHundredPercent.homeworkDurationCompliance).toEqual({
      numerator: homeworkDays.within,
      denominator: homeworkDays.reported,
      rate: 0.5,
      target: 1,
    });
  });

  it('narrows every figure to one township', async () => {
    const d = await dashboard(admin, { townshipCode: T2 });
    const { operating } = expectedFor(T2);
    expect(d.townshipCode).toBe(T2);
    expect(d.registry).toMatchObject({ subjectInstitutionsRemaining: 1, unlicensedLeadsOpen: 0 });
    expect(d.escrow.coverage).toEqual({ numerator: 0, denominator: operating.length, rate: 0 });
    expect(d.credit).toEqual({ black: 1, white: 0, grey: 0 });
    expect(d.complaints).toEqual({
      received: complaintsByTownship[T2]!.received,
      closed: 0,
      overdue: 0,
      satisfactionRate: null,
    });
    expect(d.supervision).toEqual(supervisionExpected(T2));
    expect(d.threeHundredPercent.afterSchoolCoverage).toEqual({ numerator: 0, denominator: 0, rate: null, target: 1 });
  });

  it('gives a township officer their own township only; schools and the public get nothing', async () => {
    const own = await dashboard(township1);
    expect(own.townshipCode).toBe(T1);
    expect(own.registry.subjectInstitutionsRemaining).toBe(1);
    expect(own.escrow.coverage).toEqual({
      numerator: 2,
      denominator: expectedFor(T1).operating.length,
      rate: Math.round((2 / 3) * 10000) / 10000,
    });
    expect(own.complaints).toMatchObject({ received: 2, closed: 1 });
    expect((await dashboard(township1, { townshipCode: T1 })).townshipCode).toBe(T1);
    expectGqlError(await gql(DASHBOARD, { townshipCode: T2 }, township1), 'FORBIDDEN');
    expectGqlError(
      await gql(
        TREND,
        { kpi: 'COMPLAINTS_RECEIVED', from: '2026-09-01', to: '2026-11-27', townshipCode: T2 },
        township1,
      ),
      'FORBIDDEN',
    );
    expectGqlError(await gql(DASHBOARD, {}, schoolAdmin), 'FORBIDDEN');
    expectGqlError(await t.gql(DASHBOARD, {}), 'UNAUTHENTICATED');
    const inspector = await t.loginAs(Role.INSPECTOR, 'FIRE_RESCUE');
    expect((await dashboard(inspector, { townshipCode: T1 })).townshipCode).toBe(T1);
  });

  it('refuses bad input clearly', async () => {
    // Not a calendar day: the Date scalar refuses it before the resolver runs.
    expectGqlError(await gql(DASHBOARD, { asOf: '2026-13-01' }, admin), 'BAD_USER_INPUT');
    expectGqlError(await gql(DASHBOARD, { asOf: '2026-02-30' }, admin), 'BAD_USER_INPUT');
    expectGqlError(await gql(DASHBOARD, { asOf: '2026-12-01' }, admin), 'VALIDATION_FAILED');
    expectGqlError(await gql(DASHBOARD, { townshipCode: '520122999' }, admin), 'TOWNSHIP_NOT_FOUND');
    expectGqlError(
      await gql(TREND, { kpi: 'COMPLAINTS_RECEIVED', from: '2026-11-01', to: '2026-09-01' }, admin),
      'VALIDATION_FAILED',
    );
  });

  it('draws a point per month, as of each month end', async () => {
    const trend = async (kpi: string, townshipCode?: string) => {
      const res = await gql<{
        dashboardTrend: { month: string; value: number | null; numerator: number | null; denominator: number | null }[];
      }>(TREND, { kpi, from: '2026-09-15', to: '2026-11-27', townshipCode }, admin);
      expect(res.errors).toBeUndefined();
      return res.data!.dashboardTrend;
    };
    const months = ['2026-09', '2026-10', '2026-11'];
    const complaints = await trend('COMPLAINTS_RECEIVED');
    expect(complaints).toEqual(
      months.map((month, k) => ({ month, value: k === 2 ? 3 : 0, numerator: null, denominator: null })),
    );
    expect((await trend('SUBJECT_INSTITUTIONS_REMAINING')).map((p) => p.value)).toEqual([0, 0, 2]);
    expect((await trend('ESCROW_COVERAGE', T1)).map((p) => [p.month, p.numerator, p.denominator])).toEqual([
      ['2026-09', 0, 0],
      ['2026-10', 0, 0],
      ['2026-11', 2, 3],
    ]);
    expect((await trend('SUPERVISION_OVERDUE')).map((p) => p.value)).toEqual([
      0,
      0,
      supervisionExpected().overdueByLevel[0]?.count ?? 0,
    ]);
    const publicity = await trend('HOMEWORK_PUBLICITY', T1);
    expect(publicity.map((p) => p.month)).toEqual(months);
    expect(publicity[2]!.numerator).toBe(2);
  });
});
