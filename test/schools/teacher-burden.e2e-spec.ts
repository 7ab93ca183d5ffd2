import { XIFENG, seedReferenceDemo } from '../../src/modules/reference';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { setPolicy } from '../support/policy';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

/**
 * Teacher burden (教师负担, src/modules/schools/burden) and homework over the time limit (作业超时,
 * src/modules/after-school/homework-breach.service.ts) with the supervision tasks they open. One app for
 * both, on a fixed clock: Wednesday 25 November 2026, 10:00 in Xifeng.
 */
const RECORD = `mutation($input: RecordTeacherBurdenDemandInput!) { recordTeacherBurdenDemand(input: $input) {
  id schoolId townshipCode kind requesterDepartmentCode requesterName teachersInvolved teacherHours approvalStatus approvalReference recordedByName school { id } } }`;
const WITHDRAW = `mutation($input: WithdrawTeacherBurdenDemandInput!) { withdrawTeacherBurdenDemand(input: $input) { id withdrawnAt withdrawalReason } }`;
const DISPUTE = `mutation($input: DisputeTeacherBurdenApprovalInput!) { disputeTeacherBurdenApproval(input: $input) { id approvalStatus approvalReference disputeReason } }`;
const LIST = `query($filter: TeacherBurdenDemandFilter) { teacherBurdenDemands(first: 50, filter: $filter) { totalCount edges { node { id schoolId title } } } }`;
const ONE = `query($id: ID!) { teacherBurdenDemand(id: $id) { id approvalStatus } }`;
const BY_SCHOOL = `query($filter: TeacherBurdenBySchoolFilter!) { teacherBurdenBySchool(filter: $filter) {
  schoolId townshipCode month demands unapprovedDemands teachersInvolved teacherHours school { id } } }`;
const DASHBOARD = `query($townshipCode: String) { dashboard(asOf: "2026-11-25", townshipCode: $townshipCode) { teacherBurden {
  month { month schools schoolsReporting demands unapprovedDemands teachersInvolved teacherHours teacherHoursPerSchool }
  topSchools { schoolId demands teacherHours school { id } }
  trend { month demands unapprovedDemands teacherHours } } } }`;
const PUBLISH = `mutation($input: PublishHomeworkInput!) { publishHomework(input: $input) { id } }`;
const REPORT = `mutation($input: ReportHomeworkInput!) { reportHomeworkDuration(input: $input) { reportedMinutes limitMinutes } }`;
const INBOX = `query { notifications(first: 50) { edges { node { kind title entityType entityId } } } }`;

interface BurdenSection {
  month: Record<string, unknown>;
  topSchools: Record<string, unknown>[];
  trend: { month: string; demands: number; unapprovedDemands: number; teacherHours: number }[];
}

interface Demand {
  id: string;
  approvalStatus: string;
  [key: string]: unknown;
}

describe('teacher burden and homework over the time limit', () => {
  let t: TestApp;
  const school: Record<string, { id: string; township: string }> = {};
  let admin1: LoggedIn; // DEMO-S001, 永阳街道 520122001
  let admin3: LoggedIn; // DEMO-S003, 永靖镇 520122100
  let county: LoggedIn;
  let edu: LoggedIn;
  let inspection: LoggedIn;
  let fire: LoggedIn;
  let township1: LoggedIn;

  const demand = (overrides: Record<string, unknown> = {}) => ({
    schoolId: school['DEMO-S001']!.id,
    kind: 'CAMPUS_ACTIVITY',
    title: '消防安全知识竞赛进校园',
    requesterDepartmentCode: 'FIRE_RESCUE',
    startsOn: '2026-11-18',
    endsOn: '2026-11-19',
    teachersInvolved: 6,
    teacherHours: 18,
    approvalReference: '息双减进校园〔2026〕7号',
    ...overrides,
  });
  const record = (input: Record<string, unknown>, who = admin1) =>
    t.gql<{ recordTeacherBurdenDemand: Demand }>(RECORD, { input }, who.token);
  const rowCount = async (sql: string): Promise<number> => (await t.dataSource.query(sql))[0].n as number;
  const tasks = (type: string) =>
    t.dataSource.query(
      `SELECT id, status, target_kind, target_id, lead_department_code, cooperating_department_codes, source_ref FROM supervision_task WHERE type = $1 ORDER BY created_at, id`,
      [type],
    ) as Promise<Record<string, unknown>[]>;
  const inbox = async (who: LoggedIn) =>
    (
      await t.gql<{ notifications: { edges: { node: Record<string, string> }[] } }>(INBOX, {}, who.token)
    ).data!.notifications.edges.map((e) => e.node);

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-11-25T02:00:00Z') });
    await t.dataSource.transaction((em) =>
      seedReferenceDemo(
        em,
        t.runtime.config.security.piiHashKey,
        XIFENG.townships.map((x) => x.code),
      ),
    );
    for (const row of await t.dataSource.query(`SELECT id, code, township_code FROM school`))
      school[row.code] = { id: row.id, township: row.township_code };
    admin1 = await t.loginAs(Role.SCHOOL_ADMIN, school['DEMO-S001']!.id);
    admin3 = await t.loginAs(Role.SCHOOL_ADMIN, school['DEMO-S003']!.id);
    county = await t.loginAs(Role.COUNTY_ADMIN);
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    inspection = await t.loginAs(Role.DEPARTMENT_OFFICER, 'INSPECTION_OFFICE');
    fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    township1 = await t.loginAs(Role.TOWNSHIP_OFFICER, school['DEMO-S001']!.township);
  });
  afterAll(() => t?.close());

  describe('teacher burden (教师负担)', () => {
    let approved: Demand;
    let unapproved: Demand;
    let other: Demand;

    it('refuses demands from anyone but the school itself, and bad input, storing nothing', async () => {
      expectGqlError(await record(demand(), edu), 'FORBIDDEN');
      expectGqlError(await record(demand(), admin3), 'SCHOOL_NOT_FOUND');
      const problems = [
        [{ requesterName: '某公司' }, 'requesterDepartmentCode'], // two requesters
        [{ requesterDepartmentCode: undefined }, 'requesterDepartmentCode'], // none
        [{ requesterDepartmentCode: 'NO_SUCH' }, 'requesterDepartmentCode'],
        [{ endsOn: '2026-11-17' }, 'endsOn'],
        [{ startsOn: '2025-11-01', endsOn: '2025-11-01' }, 'startsOn'], // more than a year ago
        [{ teacherHours: 145 }, 'teacherHours'], // 6 teachers × 2 days × 12 h = 144 at most
        [{ teacherHours: 1.25 }, 'teacherHours'],
        [{ title: '   ' }, 'title'],
        [{ approvalReference: '  ' }, 'approvalReference'],
      ] as const;
      for (const [overrides, path] of problems) {
        const error = expectGqlError(await record(demand(overrides)), 'VALIDATION_FAILED');
        expect(JSON.stringify(error.extensions)).toContain(path);
      }
      expect(await rowCount(`SELECT count(*)::int AS n FROM teacher_burden_demand`)).toBe(0);
      expect(await rowCount(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'schools.%'`)).toBe(0);
      expect(await rowCount(`SELECT count(*)::int AS n FROM outbox WHERE name LIKE 'schools.%'`)).toBe(0);
    });

    it('records an approved demand: audited and evented, nothing flagged', async () => {
      const result = await record(demand());
      expect(result.errors).toBeUndefined();
      approved = result.data!.recordTeacherBurdenDemand;
      expect(approved).toMatchObject({
        schoolId: school['DEMO-S001']!.id,
        townshipCode: '520122001',
        requesterDepartmentCode: 'FIRE_RESCUE',
        requesterName: null,
        teacherHours: 18,
        approvalStatus: 'DECLARED',
        approvalReference: '息双减进校园〔2026〕7号',
        school: { id: school['DEMO-S001']!.id },
      });
      expect(await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [approved.id])).toEqual([
        { action: 'schools.burden_demand.recorded' },
      ]);
      expect(
        (await t.dataSource.query(`SELECT name FROM outbox WHERE name LIKE 'schools.%' ORDER BY id`)).map(
          (r: { name: string }) => r.name,
        ),
      ).toEqual(['schools.burden_demand.recorded']);
    });

    it('flags a demand without approval to the inspection office and opens one review task', async () => {
      const result = await record(
        demand({
          kind: 'FORM_FILLING',
          title: '家庭经济情况调查表',
          requesterDepartmentCode: undefined,
          requesterName: '某保险公司',
          startsOn: '2026-11-20',
          endsOn: '2026-11-20',
          teachersInvolved: 30,
          teacherHours: 45.5,
          approvalReference: undefined,
        }),
      );
      unapproved = result.data!.recordTeacherBurdenDemand;
      expect(unapproved).toMatchObject({
        approvalStatus: 'NONE',
        approvalReference: null,
        requesterName: '某保险公司',
      });
      await t.settle();
      expect(await tasks('TEACHER_BURDEN_REVIEW')).toEqual([
        expect.objectContaining({
          status: 'ASSIGNED',
          target_kind: 'SCHOOL',
          target_id: school['DEMO-S001']!.id,
          lead_department_code: 'INSPECTION_OFFICE',
          cooperating_department_codes: ['EDU'],
          source_ref: `teacher_burden_demand:${unapproved.id}`,
        }),
      ]);
      const flagged = (await inbox(inspection)).filter((n) => n.kind === 'schools.burden_demand.unapproved');
      expect(flagged).toEqual([
        expect.objectContaining({ entityType: 'teacher_burden_demand', entityId: unapproved.id }),
      ]);
      expect((await inbox(admin3)).some((n) => n.kind.startsWith('schools.'))).toBe(false);
    });

    it('lets only the county office or the inspection office dispute a declared approval, once', async () => {
      const input = { id: approved.id, reason: '县进校园事项清单无此文号' };
      expectGqlError(await t.gql(DISPUTE, { input }, edu.token), 'FORBIDDEN');
      expectGqlError(await t.gql(DISPUTE, { input }, admin1.token), 'FORBIDDEN');
      expectGqlError(await t.gql(DISPUTE, { input: { ...input, reason: ' ' } }, inspection.token), 'VALIDATION_FAILED');
      expectGqlError(
        await t.gql(DISPUTE, { input: { ...input, id: unapproved.id } }, inspection.token),
        'BURDEN_DEMAND_STATE_CONFLICT',
      );
      const disputed = await t.gql<{ disputeTeacherBurdenApproval: Demand }>(DISPUTE, { input }, inspection.token);
      expect(disputed.data?.disputeTeacherBurdenApproval).toMatchObject({
        approvalStatus: 'DISPUTED',
        approvalReference: '息双减进校园〔2026〕7号',
        disputeReason: '县进校园事项清单无此文号',
      });
      expectGqlError(await t.gql(DISPUTE, { input }, county.token), 'BURDEN_DEMAND_STATE_CONFLICT');
      await t.settle();
      expect((await tasks('TEACHER_BURDEN_REVIEW')).map((r) => r.source_ref).sort()).toEqual(
        [`teacher_burden_demand:${unapproved.id}`, `teacher_burden_demand:${approved.id}`].sort(),
      );
      expect((await inbox(admin1)).filter((n) => n.kind === 'schools.burden_demand.approval_disputed')).toHaveLength(1);
      expect(
        await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [approved.id]),
      ).toEqual([{ action: 'schools.burden_demand.recorded' }, { action: 'schools.burden_demand.approval_disputed' }]);
    });

    it('shows a school its own demands, a township its schools’, a department the demands it made', async () => {
      other = (
        await record(
          demand({
            schoolId: school['DEMO-S003']!.id,
            kind: 'EVALUATION',
            title: '文明校园评比',
            requesterDepartmentCode: 'PROPAGANDA',
            startsOn: '2026-10-12',
            endsOn: '2026-10-13',
            teachersInvolved: 4,
            teacherHours: 12,
          }),
          admin3,
        )
      ).data!.recordTeacherBurdenDemand;
      const seen = async (who: LoggedIn) =>
        (await t.gql<{ teacherBurdenDemands: { edges: { node: { id: string } }[] } }>(LIST, {}, who.token))
          .data!.teacherBurdenDemands.edges.map((e) => e.node.id)
          .sort();
      const all = [approved.id, unapproved.id, other.id].sort();
      expect(await seen(county)).toEqual(all);
      expect(await seen(inspection)).toEqual(all);
      expect(await seen(edu)).toEqual(all);
      expect(await seen(admin1)).toEqual([approved.id, unapproved.id].sort());
      expect(await seen(admin3)).toEqual([other.id]);
      expect(await seen(township1)).toEqual([approved.id, unapproved.id].sort());
      expect(await seen(fire)).toEqual([approved.id]); // FIRE_RESCUE asked for it
      expectGqlError(await t.gql(ONE, { id: other.id }, admin1.token), 'BURDEN_DEMAND_NOT_FOUND');
      expectGqlError(await t.gql(ONE, { id: other.id }, township1.token), 'BURDEN_DEMAND_NOT_FOUND');
      const listed = await t.gql<{ teacherBurdenDemands: { totalCount: number } }>(
        LIST,
        { filter: { approvalStatus: 'NONE', from: '2026-11-01' } },
        county.token,
      );
      expect(listed.data?.teacherBurdenDemands.totalCount).toBe(1);
    });

    it('lets only the recording school withdraw a demand, once; it leaves the figures', async () => {
      const extra = (
        await record(demand({ title: '重复登记', approvalReference: undefined, requesterDepartmentCode: 'HEALTH' }))
      ).data!.recordTeacherBurdenDemand;
      const input = { id: extra.id, reason: '重复登记' };
      expectGqlError(await t.gql(WITHDRAW, { input }, admin3.token), 'BURDEN_DEMAND_NOT_FOUND');
      expectGqlError(await t.gql(WITHDRAW, { input }, edu.token), 'FORBIDDEN');
      const withdrawn = await t.gql<{ withdrawTeacherBurdenDemand: { withdrawalReason: string } }>(
        WITHDRAW,
        { input },
        admin1.token,
      );
      expect(withdrawn.data?.withdrawTeacherBurdenDemand.withdrawalReason).toBe('重复登记');
      expectGqlError(await t.gql(WITHDRAW, { input }, admin1.token), 'BURDEN_DEMAND_STATE_CONFLICT');
      await t.settle();
      // The withdrawal is told to the inspection office, whose review task (opened when it was flagged) stays.
      expect(
        (await inbox(inspection)).some((n) => n.kind === 'schools.burden_demand.withdrawn' && n.entityId === extra.id),
      ).toBe(true);
      expect((await tasks('TEACHER_BURDEN_REVIEW')).map((r) => r.source_ref)).toContain(
        `teacher_burden_demand:${extra.id}`,
      );
    });

    it('computes the burden figure per school and month, and the dashboard section with the trend', async () => {
      const rows = await t.gql<{ teacherBurdenBySchool: Record<string, unknown>[] }>(
        BY_SCHOOL,
        { filter: { month: '2026-11' } },
        township1.token,
      );
      const own = rows.data!.teacherBurdenBySchool;
      expect(own.every((r) => r.townshipCode === '520122001')).toBe(true);
      expect(own.find((r) => r.schoolId === school['DEMO-S001']!.id)).toEqual({
        schoolId: school['DEMO-S001']!.id,
        townshipCode: '520122001',
        month: '2026-11',
        demands: 2,
        unapprovedDemands: 2, // one without approval, one disputed; the withdrawn one is left out
        teachersInvolved: 36,
        teacherHours: 63.5,
        school: { id: school['DEMO-S001']!.id },
      });
      expect(
        (await t.gql<{ teacherBurdenBySchool: unknown[] }>(BY_SCHOOL, { filter: { month: '2026-11' } }, admin3.token))
          .data?.teacherBurdenBySchool,
      ).toEqual([expect.objectContaining({ schoolId: school['DEMO-S003']!.id, demands: 0, teacherHours: 0 })]);
      expectGqlError(await t.gql(BY_SCHOOL, { filter: { month: '2026-13' } }, county.token), 'VALIDATION_FAILED');

      const dash = await t.gql<{ dashboard: { teacherBurden: BurdenSection } }>(DASHBOARD, {}, county.token);
      const section = dash.data!.dashboard.teacherBurden;
      const schools = await rowCount(`SELECT count(*)::int AS n FROM school`);
      expect(section.month).toEqual({
        month: '2026-11',
        schools,
        schoolsReporting: 1,
        demands: 2,
        unapprovedDemands: 2,
        teachersInvolved: 36,
        teacherHours: 63.5,
        teacherHoursPerSchool: Math.round((63.5 / schools) * 10) / 10,
      });
      expect(section.topSchools).toEqual([
        { schoolId: school['DEMO-S001']!.id, demands: 2, teacherHours: 63.5, school: { id: school['DEMO-S001']!.id } },
      ]);
      expect(section.trend).toHaveLength(12);
      expect(section.trend[0]!.month).toBe('2025-12');
      expect(section.trend.slice(-2)).toEqual([
        { month: '2026-10', demands: 1, unapprovedDemands: 0, teacherHours: 12 },
        { month: '2026-11', demands: 2, unapprovedDemands: 2, teacherHours: 63.5 },
      ]);
      // A township officer's dashboard is their township's.
      const local = await t.gql<{ dashboard: { teacherBurden: BurdenSection } }>(DASHBOARD, {}, township1.token);
      expect(local.data!.dashboard.teacherBurden.trend.slice(-2).map((p) => p.demands)).toEqual([0, 2]);
    });
  });

  describe('homework over the time limit (作业超时)', () => {
    const S = 'DEMO-S003';
    /** A grade-4 class (limit 60 minutes) publishes and reports 80 minutes on a school day. */
    const breach = async (date: string, className = '4(1)班') => {
      const input = { schoolId: school[S]!.id, grade: 4, className, date };
      expect(
        (await t.gql(PUBLISH, { input: { ...input, subjects: [{ subject: '数学', minutes: 40 }] } }, admin3.token))
          .errors,
      ).toBeUndefined();
      const reported = await t.gql<{ reportHomeworkDuration: { limitMinutes: number } }>(
        REPORT,
        { input: { ...input, minutes: 80 } },
        admin3.token,
      );
      expect(reported.data?.reportHomeworkDuration.limitMinutes).toBe(60);
    };
    const homeworkTasks = () => tasks('HOMEWORK_BURDEN_INSPECTION');
    /** Moves the test clock; tokens live 15 minutes of it, so the people acting log in again. */
    const moveClockTo = (instant: string) => {
      t.clock.set(instant);
      for (const who of [admin3, edu]) who.token = t.tokenFor(who.id);
    };

    it('tells the school and EDU of each breach, and below the threshold opens nothing', async () => {
      await breach('2026-11-23');
      await breach('2026-11-24');
      // Reported again over the limit: the same class-day, not a new breach (no second event).
      await t.gql(
        REPORT,
        { input: { schoolId: school[S]!.id, grade: 4, className: '4(1)班', date: '2026-11-24', minutes: 90 } },
        admin3.token,
      );
      await t.settle();
      const told = (who: LoggedIn) =>
        inbox(who).then((items) => items.filter((n) => n.kind === 'after_school.homework.limit_exceeded'));
      expect(await told(admin3)).toHaveLength(2);
      expect(await told(edu)).toHaveLength(2);
      expect(await told(admin1)).toHaveLength(0);
      expect(await rowCount(`SELECT count(*)::int AS n FROM homework_breach_alert`)).toBe(0);
      expect(await homeworkTasks()).toEqual([]);
    });

    it('at the county threshold opens one inspection of the school, EDU leading', async () => {
      await breach('2026-11-25');
      await t.settle();
      const alerts = await t.dataSource.query(
        `SELECT breaches, threshold, period_days, to_char(window_from, 'YYYY-MM-DD') AS "from", to_char(window_to, 'YYYY-MM-DD') AS "to" FROM homework_breach_alert`,
      );
      expect(alerts).toEqual([{ breaches: 3, threshold: 3, period_days: 30, from: '2026-10-27', to: '2026-11-25' }]);
      expect(await homeworkTasks()).toEqual([
        expect.objectContaining({
          status: 'ASSIGNED',
          target_kind: 'SCHOOL',
          target_id: school[S]!.id,
          lead_department_code: 'EDU',
        }),
      ]);
      expect(
        await rowCount(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = 'after_school.homework.breach_threshold_reached'`,
        ),
      ).toBe(1);
    });

    it('while the task is unfinished, a new alert joins it; after it ends, a fresh run of breaches opens another', async () => {
      // The county lowers the threshold to 2: the breaches already counted never count again.
      await setPolicy(t, 'after_school.homework_breach_threshold', 2);
      moveClockTo('2026-11-27T02:00:00Z');
      await breach('2026-11-26');
      await breach('2026-11-27');
      await t.settle();
      expect(await rowCount(`SELECT count(*)::int AS n FROM homework_breach_alert`)).toBe(2);
      const [task] = await homeworkTasks();
      expect(await homeworkTasks()).toHaveLength(1);
      expect((await inbox(edu)).filter((n) => n.kind === 'supervision.homework_burden.repeated')).toEqual([
        expect.objectContaining({ entityType: 'supervision_task', entityId: task!.id }),
      ]);
      const cancelled = await t.gql(
        `mutation($input: CancelTaskInput!) { cancelTask(input: $input) { status } }`,
        { input: { id: task!.id, reason: '已约谈学校' } },
        edu.token,
      );
      expect(cancelled.errors).toBeUndefined();
      moveClockTo('2026-12-01T02:00:00Z');
      await breach('2026-11-30');
      await breach('2026-12-01');
      await t.settle();
      const after = await homeworkTasks();
      expect(after.map((r) => r.status)).toEqual(['CANCELLED', 'ASSIGNED']);
    });
  });
});
