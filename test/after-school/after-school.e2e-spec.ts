import { AfterSchoolFacade, PublicationMissingTask, seedAfterSchoolDemo } from '../../src/modules/after-school';
import { InstitutionSummary } from '../../src/modules/registry';
import { XIFENG, seedReferenceDemo } from '../../src/modules/reference';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { EventPublisher } from '../../src/platform/events';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

const SAVE_PLAN = `mutation($input: SavePlanInput!) { saveAfterSchoolPlan(input: $input) { id status semester staff { kind name institutionId teacherId } } }`;
const PLAN = `query($id: ID!) { afterSchoolPlan(id: $id) { id status reviewComment staff { kind name institutionId } } }`;
const PUBLISH = `mutation($input: PublishHomeworkInput!) { publishHomework(input: $input) { id estimatedMinutes limitMinutes } }`;
const REPORT = `mutation($input: ReportHomeworkInput!) { reportHomeworkDuration(input: $input) { reportedMinutes limitMinutes } }`;
const PARTICIPATION = `mutation($input: ParticipationInput!) { recordAfterSchoolParticipation(input: $input) { served } }`;
const COMPLIANCE_BY_SCHOOL = `query($from: Date!, $to: Date!, $townshipCode: String) { homeworkComplianceBySchool(filter: { from: $from, to: $to, townshipCode: $townshipCode }) {
  schoolId townshipCode schoolDays publishedDays missingDays classes classDaysExpected classDaysPublished publicityRate classDaysReported classDaysWithinLimit durationComplianceRate } }`;
const COMPLIANCE_BY_TOWNSHIP = `query($from: Date!, $to: Date!) { homeworkComplianceByTownship(filter: { from: $from, to: $to }) {
  townshipCode schoolDays publishedDays missingDays classes classDaysExpected classDaysPublished publicityRate classDaysReported classDaysWithinLimit durationComplianceRate } }`;

/** A published white-list entry (a fixture, as the credit module would leave it). */
async function whitelist(t: TestApp, institution: InstitutionSummary): Promise<InstitutionSummary> {
  await t.dataSource.query(
    `INSERT INTO credit_entry (institution_id, institution_name, credit_code, township_code, kind, reason_code, reason, status, effective_on, proposed_by_name, proposed_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'WHITE', 'COMPLIANT', '规范经营', 'PUBLISHED', '2026-11-01', 'fixture', now(), now(), now())`,
    [institution.id, institution.name, institution.creditCode, institution.townshipCode],
  );
  return institution;
}

const week = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));

describe('after-school services and homework', () => {
  let t: TestApp;
  const school: Record<string, { id: string; township: string }> = {};
  const teacherOf: Record<string, { id: string; name: string }> = {};
  let admin1: LoggedIn; // DEMO-S001, 永阳街道 520122001
  let admin3: LoggedIn; // DEMO-S003, 永靖镇 520122100
  let edu: LoggedIn;

  const planInput = (overrides: Record<string, unknown> = {}) => ({
    schoolId: school['DEMO-S001']!.id,
    semester: '2026-1',
    timeSlots: week('15:30', '17:30'),
    basicCare: '作业辅导',
    customisedServices: ['书法', '篮球'],
    staff: [
      { kind: 'TEACHER', teacherId: teacherOf['DEMO-S001']!.id },
      { kind: 'VOLUNTEER', name: '团县委志愿者' },
    ],
    ...overrides,
  });

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
    for (const row of await t.dataSource.query(
      `SELECT t.id, t.name, s.code FROM teacher t JOIN school s ON s.id = t.school_id ORDER BY t.name`,
    ))
      teacherOf[row.code] ??= { id: row.id, name: row.name };
    admin1 = await t.loginAs(Role.SCHOOL_ADMIN, school['DEMO-S001']!.id);
    admin3 = await t.loginAs(Role.SCHOOL_ADMIN, school['DEMO-S003']!.id);
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
  });
  afterAll(() => t?.close());

  describe('one school, one plan', () => {
    it('refuses a plan that breaks the 5×2 or end-time rule, with the reason, and stores nothing', async () => {
      const fourDays = await t.gql(
        SAVE_PLAN,
        { input: planInput({ timeSlots: week('15:30', '17:30').slice(0, 4) }) },
        admin1.token,
      );
      expect(expectGqlError(fourDays, 'PLAN_RULES_BROKEN').message).toContain('weekday 5: no service');
      const short = await t.gql(SAVE_PLAN, { input: planInput({ timeSlots: week('16:00', '17:30') }) }, admin1.token);
      expect(expectGqlError(short, 'PLAN_RULES_BROKEN').message).toContain('90 minutes of service, at least 120');
      const early = await t.gql(SAVE_PLAN, { input: planInput({ timeSlots: week('15:00', '17:00') }) }, admin1.token);
      expect(expectGqlError(early, 'PLAN_RULES_BROKEN').message).toContain('before the local off-work time 17:30');
      expect(await t.dataSource.query(`SELECT 1 FROM after_school_plan`)).toHaveLength(0);
    });

    it('brings in only roster teachers and NON_SUBJECT, OPERATING, whitelisted institutions', async () => {
      const subject = await whitelist(t, await createInstitution(t, { category: 'SUBJECT', nonSubjectKind: null }));
      const suspended = await whitelist(t, await createInstitution(t, { status: 'SUSPENDED' }));
      const notWhitelisted = await createInstitution(t);
      for (const staff of [
        { kind: 'INSTITUTION', institutionId: subject.id },
        { kind: 'INSTITUTION', institutionId: suspended.id },
        { kind: 'INSTITUTION', institutionId: notWhitelisted.id },
        { kind: 'TEACHER', teacherId: teacherOf['DEMO-S003']!.id },
      ]) {
        expectGqlError(
          await t.gql(SAVE_PLAN, { input: planInput({ staff: [staff] }) }, admin1.token),
          'PLAN_STAFF_REJECTED',
        );
      }
      expect(await t.dataSource.query(`SELECT 1 FROM after_school_plan`)).toHaveLength(0);
    });

    it('is submitted by the school and approved or returned by EDU only, with events', async () => {
      const saved = await t.gql<{ saveAfterSchoolPlan: { id: string; status: string; staff: unknown[] } }>(
        SAVE_PLAN,
        { input: planInput() },
        admin1.token,
      );
      const plan = saved.data!.saveAfterSchoolPlan;
      expect(plan.status).toBe('DRAFT');
      expect(plan.staff).toHaveLength(2);
      const submit = `mutation($id: ID!) { submitAfterSchoolPlan(input: { id: $id }) { status } }`;
      expect(
        (await t.gql<{ submitAfterSchoolPlan: { status: string } }>(submit, { id: plan.id }, admin1.token)).data
          ?.submitAfterSchoolPlan.status,
      ).toBe('SUBMITTED');
      const ret = `mutation($id: ID!, $reason: String!) { returnAfterSchoolPlan(input: { id: $id, reason: $reason }) { status reviewComment } }`;
      const finance = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FINANCE');
      expectGqlError(await t.gql(ret, { id: plan.id, reason: 'x' }, finance.token), 'FORBIDDEN');
      expectGqlError(await t.gql(ret, { id: plan.id, reason: 'x' }, admin1.token), 'FORBIDDEN');
      const returned = await t.gql<{ returnAfterSchoolPlan: { status: string; reviewComment: string } }>(
        ret,
        { id: plan.id, reason: '请补充安全预案' },
        edu.token,
      );
      expect(returned.data?.returnAfterSchoolPlan).toEqual({ status: 'RETURNED', reviewComment: '请补充安全预案' });
      await t.gql(SAVE_PLAN, { input: planInput({ basicCare: '作业辅导；安全预案见附件' }) }, admin1.token);
      await t.gql(submit, { id: plan.id }, admin1.token);
      const approve = `mutation($id: ID!) { approveAfterSchoolPlan(input: { id: $id }) { status } }`;
      expect(
        (await t.gql<{ approveAfterSchoolPlan: { status: string } }>(approve, { id: plan.id }, edu.token)).data
          ?.approveAfterSchoolPlan.status,
      ).toBe('APPROVED');
      expectGqlError(await t.gql(approve, { id: plan.id }, edu.token), 'PLAN_STATUS_CONFLICT');
      expectGqlError(await t.gql(SAVE_PLAN, { input: planInput() }, admin1.token), 'PLAN_STATUS_CONFLICT');
      const names: { name: string }[] = await t.dataSource.query(
        `SELECT name FROM outbox WHERE payload->>'planId' = $1 ORDER BY name`,
        [plan.id],
      );
      expect(names.map((n) => n.name).sort()).toEqual(
        [
          'after_school.plan.approved',
          'after_school.plan.returned',
          'after_school.plan.submitted',
          'after_school.plan.submitted',
        ].sort(),
      );
      const audit: { action: string }[] = await t.dataSource.query(
        `SELECT action FROM audit_log WHERE entity_id = $1`,
        [plan.id],
      );
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining([
          'after_school.plan.created',
          'after_school.plan.returned',
          'after_school.plan.approved',
        ]),
      );
    });

    it('keeps a school administrator to its own school', async () => {
      const [{ id }] = await t.dataSource.query(`SELECT id FROM after_school_plan WHERE school_id = $1`, [
        school['DEMO-S001']!.id,
      ]);
      expectGqlError(await t.gql(PLAN, { id }, admin3.token), 'AFTER_SCHOOL_PLAN_NOT_FOUND');
      expectGqlError(
        await t.gql(
          `mutation($id: ID!) { submitAfterSchoolPlan(input: { id: $id }) { status } }`,
          { id },
          admin3.token,
        ),
        'AFTER_SCHOOL_PLAN_NOT_FOUND',
      );
      expectGqlError(await t.gql(SAVE_PLAN, { input: planInput() }, admin3.token), 'SCHOOL_NOT_FOUND');
      const date = '2026-11-16';
      expectGqlError(
        await t.gql(
          PUBLISH,
          { input: { schoolId: school['DEMO-S001']!.id, grade: 3, className: '3(1)班', date, subjects: [] } },
          admin3.token,
        ),
        'SCHOOL_NOT_FOUND',
      );
      const participation = {
        schoolId: school['DEMO-S001']!.id,
        semester: '2026-1',
        grade: 3,
        className: '3(1)班',
        enrolled: 45,
        asked: 40,
        served: 38,
      };
      expectGqlError(await t.gql(PARTICIPATION, { input: participation }, admin3.token), 'SCHOOL_NOT_FOUND');
      const list = `{ afterSchoolPlans(first: 10) { totalCount } }`;
      expect(
        (await t.gql<{ afterSchoolPlans: { totalCount: number } }>(list, {}, admin3.token)).data?.afterSchoolPlans
          .totalCount,
      ).toBe(0);
      expect(
        (await t.gql<{ afterSchoolPlans: { totalCount: number } }>(list, {}, admin1.token)).data?.afterSchoolPlans
          .totalCount,
      ).toBe(1);
      expect(
        (await t.gql<{ afterSchoolPlans: { totalCount: number } }>(list, {}, edu.token)).data?.afterSchoolPlans
          .totalCount,
      ).toBe(1);
      const township3 = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122100');
      expect(
        (await t.gql<{ afterSchoolPlans: { totalCount: number } }>(list, {}, township3.token)).data?.afterSchoolPlans
          .totalCount,
      ).toBe(0);
      expect(
        await t.dataSource.query(`SELECT 1 FROM homework_record UNION ALL SELECT 1 FROM after_school_participation`),
      ).toHaveLength(0);
    });

    it('takes a blacklisted institution off every plan and notifies the school', async () => {
      const institution = await whitelist(t, await createInstitution(t, { name: '息烽星光艺术培训中心' }));
      const saved = await t.gql<{ saveAfterSchoolPlan: { id: string } }>(
        SAVE_PLAN,
        {
          input: planInput({
            schoolId: school['DEMO-S003']!.id,
            staff: [
              { kind: 'INSTITUTION', institutionId: institution.id },
              { kind: 'VOLUNTEER', name: '志愿者' },
            ],
          }),
        },
        admin3.token,
      );
      const planId = saved.data!.saveAfterSchoolPlan.id;
      const facade = t.app.get(AfterSchoolFacade);
      const removal = await t.dataSource.transaction((em) =>
        facade.removeInstitutionFromPlans(em, institution.id, '列入黑名单'),
      );
      expect(removal).toEqual({ planIds: [planId], schoolIds: [school['DEMO-S003']!.id] });
      const plan = await t.gql<{ afterSchoolPlan: { staff: { kind: string; institutionId: string | null }[] } }>(
        PLAN,
        { id: planId },
        admin3.token,
      );
      expect(plan.data?.afterSchoolPlan.staff).toEqual([{ kind: 'VOLUNTEER', name: '志愿者', institutionId: null }]);
      const inbox = await t.gql<{ notifications: { edges: { node: { kind: string; body: string } }[] } }>(
        `{ notifications(first: 10) { edges { node { kind body } } } }`,
        {},
        admin3.token,
      );
      const removed = inbox.data?.notifications.edges
        .map((e) => e.node)
        .find((n) => n.kind === 'after_school.institution.removed');
      expect(removed?.body).toContain('息烽星光艺术培训中心');
      expect(removed?.body).toContain('列入黑名单');
      expect(
        await t.dataSource.transaction((em) => facade.removeInstitutionFromPlans(em, institution.id, '列入黑名单')),
      ).toEqual({ planIds: [], schoolIds: [] });
    });

    it('reacts to credit.blacklist.published by taking the institution off the plans', async () => {
      const institution = await whitelist(
        t,
        await createInstitution(t, { name: '息烽跃动体育俱乐部', nonSubjectKind: 'SPORTS' }),
      );
      const saved = await t.gql<{ saveAfterSchoolPlan: { id: string } }>(
        SAVE_PLAN,
        {
          input: planInput({
            schoolId: school['DEMO-S003']!.id,
            staff: [{ kind: 'INSTITUTION', institutionId: institution.id }],
          }),
        },
        admin3.token,
      );
      expect(saved.errors).toBeUndefined();
      await t.dataSource.transaction((em) =>
        t.app.get(EventPublisher).publish(em, 'credit.blacklist.published', {
          entryId: '00000000-0000-4000-8000-000000000001',
          institutionId: institution.id,
          creditCode: institution.creditCode,
          name: institution.name,
          reason: '违规开展学科类培训',
          effectiveOn: '2026-11-25',
          expiresOn: null,
        }),
      );
      const staff = await waitFor(
        async () => {
          const plan = await t.gql<{ afterSchoolPlan: { staff: unknown[] } }>(
            PLAN,
            { id: saved.data!.saveAfterSchoolPlan.id },
            admin3.token,
          );
          return plan.data?.afterSchoolPlan.staff.length === 0 ? plan.data.afterSchoolPlan.staff : undefined;
        },
        { what: 'the blacklisted institution to leave the plan', timeoutMs: 30000 },
      );
      expect(staff).toEqual([]);
      const [row] = await t.dataSource.query(
        `SELECT removal_reason FROM after_school_plan_staff WHERE institution_id = $1`,
        [institution.id],
      );
      expect(row.removal_reason).toBe('列入黑名单：违规开展学科类培训');
    });
  });

  describe('participation and coverage', () => {
    it('computes coverage per school and township from the class records', async () => {
      const base = { schoolId: school['DEMO-S001']!.id, semester: '2026-1' };
      await t.gql(
        PARTICIPATION,
        { input: { ...base, grade: 3, className: '3(1)班', enrolled: 45, asked: 40, served: 38 } },
        admin1.token,
      );
      await t.gql(
        PARTICIPATION,
        { input: { ...base, grade: 4, className: '4(1)班', enrolled: 44, asked: 30, served: 30 } },
        admin1.token,
      );
      await t.gql(
        PARTICIPATION,
        {
          input: {
            ...base,
            schoolId: school['DEMO-S003']!.id,
            grade: 1,
            className: '1(1)班',
            enrolled: 40,
            asked: 20,
            served: 20,
          },
        },
        admin3.token,
      );
      expectGqlError(
        await t.gql(
          PARTICIPATION,
          { input: { ...base, grade: 5, className: '5(1)班', enrolled: 40, asked: 20, served: 21 } },
          admin1.token,
        ),
        'VALIDATION_FAILED',
      );
      const bySchool = `query($t: String) { afterSchoolCoverageBySchool(filter: { semester: "2026-1", townshipCode: $t }) { schoolId asked served coverage } }`;
      const yongyang = await t.gql<{
        afterSchoolCoverageBySchool: { schoolId: string; asked: number; served: number; coverage: number | null }[];
      }>(bySchool, { t: '520122001' }, edu.token);
      const rows = new Map(yongyang.data!.afterSchoolCoverageBySchool.map((r) => [r.schoolId, r]));
      expect(rows.get(school['DEMO-S001']!.id)).toMatchObject({ asked: 70, served: 68, coverage: 0.9714 });
      expect(rows.get(school['DEMO-S002']!.id)).toMatchObject({ asked: 0, served: 0, coverage: null });
      const byTownship = `{ afterSchoolCoverageByTownship(filter: { semester: "2026-1" }) { townshipCode asked served coverage } }`;
      const townships = await t.gql<{
        afterSchoolCoverageByTownship: { townshipCode: string; coverage: number | null }[];
      }>(byTownship, {}, edu.token);
      expect(townships.data?.afterSchoolCoverageByTownship).toEqual(
        expect.arrayContaining([
          { townshipCode: '520122001', asked: 70, served: 68, coverage: 0.9714 },
          { townshipCode: '520122100', asked: 20, served: 20, coverage: 1 },
        ]),
      );
      const township3 = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122100');
      const seen = await t.gql<{ afterSchoolCoverageBySchool: { schoolId: string }[] }>(bySchool, {}, township3.token);
      expect(seen.data?.afterSchoolCoverageBySchool.map((r) => r.schoolId)).toEqual([school['DEMO-S003']!.id]);
    });
  });

  describe('homework', () => {
    const publish = (
      admin: LoggedIn,
      schoolCode: string,
      grade: number,
      date: string,
      subjects: { subject: string; minutes: number }[] = [{ subject: '数学', minutes: 30 }],
    ) =>
      t.gql(
        PUBLISH,
        { input: { schoolId: school[schoolCode]!.id, grade, className: `${grade}(1)班`, date, subjects } },
        admin.token,
      );
    const report = (admin: LoggedIn, schoolCode: string, grade: number, date: string, minutes: number) =>
      t.gql(
        REPORT,
        { input: { schoolId: school[schoolCode]!.id, grade, className: `${grade}(1)班`, date, minutes } },
        admin.token,
      );

    it('computes publicity and duration compliance, counting a day without publication as missing', async () => {
      // Week of Monday 16 to Friday 20 November 2026: S001 publishes Monday to Thursday, nothing on Friday.
      for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'])
        expect((await publish(admin1, 'DEMO-S001', 3, date)).errors).toBeUndefined();
      await publish(admin1, 'DEMO-S001', 1, '2026-11-16', []);
      expectGqlError(await publish(admin1, 'DEMO-S001', 3, '2026-11-21'), 'VALIDATION_FAILED'); // a Saturday
      await report(admin1, 'DEMO-S001', 3, '2026-11-16', 50);
      await report(admin1, 'DEMO-S001', 3, '2026-11-17', 70); // over the grade 3 limit of 60
      await report(admin1, 'DEMO-S001', 3, '2026-11-18', 60);
      await report(admin1, 'DEMO-S001', 1, '2026-11-16', 0);
      expectGqlError(await report(admin1, 'DEMO-S001', 3, '2026-11-20', 30), 'HOMEWORK_NOT_FOUND');

      const vars = { from: '2026-11-16', to: '2026-11-22', townshipCode: '520122001' };
      const bySchool = await t.gql<{ homeworkComplianceBySchool: Record<string, unknown>[] }>(
        COMPLIANCE_BY_SCHOOL,
        vars,
        edu.token,
      );
      const rows = new Map(bySchool.data!.homeworkComplianceBySchool.map((r) => [r.schoolId, r]));
      expect(rows.get(school['DEMO-S001']!.id)).toEqual({
        schoolId: school['DEMO-S001']!.id,
        townshipCode: '520122001',
        schoolDays: 5,
        publishedDays: 4,
        missingDays: 1,
        // Per class and day: 3(1) and 4(1) on the 2026-1 roster, 1(1) published without being on it;
        // 3(1) published on 4 days, 1(1) on 1, 4(1) never: 5 of 15 class-days.
        classes: 3,
        classDaysExpected: 15,
        classDaysPublished: 5,
        publicityRate: 0.3333,
        classDaysReported: 4,
        classDaysWithinLimit: 3,
        durationComplianceRate: 0.75,
      });
      // No class known at all: the school counts as one class, missing every day.
      expect(rows.get(school['DEMO-S002']!.id)).toMatchObject({
        schoolDays: 5,
        publishedDays: 0,
        missingDays: 5,
        classes: 0,
        classDaysExpected: 5,
        classDaysPublished: 0,
        publicityRate: 0,
        classDaysReported: 0,
        durationComplianceRate: null,
      });
      const byTownship = await t.gql<{ homeworkComplianceByTownship: Record<string, unknown>[] }>(
        COMPLIANCE_BY_TOWNSHIP,
        { from: vars.from, to: vars.to },
        edu.token,
      );
      expect(byTownship.data?.homeworkComplianceByTownship.find((r) => r.townshipCode === '520122001')).toEqual({
        townshipCode: '520122001',
        schoolDays: 10,
        publishedDays: 4,
        missingDays: 6,
        classes: 3,
        classDaysExpected: 20,
        classDaysPublished: 5,
        publicityRate: 0.25,
        classDaysReported: 4,
        classDaysWithinLimit: 3,
        durationComplianceRate: 0.75,
      });
      const exceeded: { payload: Record<string, unknown> }[] = await t.dataSource.query(
        `SELECT payload FROM outbox WHERE name = 'after_school.homework.limit_exceeded'`,
      );
      expect(exceeded.map((e) => e.payload)).toEqual([
        {
          schoolId: school['DEMO-S001']!.id,
          classId: '3/3(1)班',
          grade: 3,
          date: '2026-11-17',
          minutes: 70,
          limit: 60,
        },
      ]);
      // A school administrator reads only its own school's rates.
      const own = await t.gql<{ homeworkComplianceBySchool: { schoolId: string }[] }>(
        COMPLIANCE_BY_SCHOOL,
        { from: vars.from, to: vars.to },
        admin3.token,
      );
      expect(own.data?.homeworkComplianceBySchool.map((r) => r.schoolId)).toEqual([school['DEMO-S003']!.id]);
    });

    it('takes holidays from the county calendar: no publication that day, and not a missing day', async () => {
      await t.dataSource.query(
        `INSERT INTO calendar_period (kind, name, start_date, end_date) VALUES ('PUBLIC_HOLIDAY', '测试假日', '2026-12-01', '2026-12-01')`,
      );
      expectGqlError(await publish(admin1, 'DEMO-S001', 3, '2026-12-01'), 'VALIDATION_FAILED');
      const rows = await t.gql<{ homeworkComplianceBySchool: { schoolDays: number }[] }>(
        COMPLIANCE_BY_SCHOOL,
        { from: '2026-11-30', to: '2026-12-06' },
        admin1.token,
      );
      expect(rows.data?.homeworkComplianceBySchool).toEqual([
        expect.objectContaining({ schoolDays: 4, publishedDays: 0, missingDays: 4, publicityRate: 0 }),
      ]);
    });

    it('flags the schools that did not publish for every class on the previous school day, once, naming the classes', async () => {
      // S003's 2026-1 roster has 1(1)班 only; S004 has no roster. Both publish for 3(1)班 on Friday 20.
      await publish(admin3, 'DEMO-S003', 3, '2026-11-20');
      const s004 = await t.loginAs(Role.SCHOOL_ADMIN, school['DEMO-S004']!.id);
      await publish(s004, 'DEMO-S004', 3, '2026-11-20');
      const task = t.app.get(PublicationMissingTask);
      const monday = new Date('2026-11-23T00:30:00Z'); // 08:30 in Xifeng; the previous school day is Friday 20
      const flagged = await task.run(monday);
      expect(flagged).toContain(school['DEMO-S001']!.id);
      expect(flagged).toContain(school['DEMO-S003']!.id); // its roster class 1(1)班 published nothing
      expect(flagged).not.toContain(school['DEMO-S004']!.id); // every class it is known to have published
      expect(await task.run(monday)).toEqual([]);
      const events: { payload: { schoolId: string; date: string; missingClasses: string[] } }[] =
        await t.dataSource.query(
          `SELECT payload FROM outbox WHERE name = 'after_school.homework.publication_missing' ORDER BY id`,
        );
      const of = (code: string) =>
        events
          .filter((e) => e.payload.schoolId === school[code]!.id)
          .map((e) => [e.payload.date, e.payload.missingClasses]);
      expect(of('DEMO-S001')).toEqual([['2026-11-20', ['3/3(1)班', '4/4(1)班']]]);
      expect(of('DEMO-S003')).toEqual([['2026-11-20', ['1/1(1)班']]]);
      expect(of('DEMO-S002')).toEqual([['2026-11-20', []]]); // nothing published and no roster
      const inbox = await t.gql<{ notifications: { edges: { node: { kind: string } }[] } }>(
        `{ notifications(first: 20) { edges { node { kind } } } }`,
        {},
        admin1.token,
      );
      expect(inbox.data?.notifications.edges.map((e) => e.node.kind)).toContain(
        'after_school.homework.publication_missing',
      );
    });
  });

  describe('funding, fees and teacher hours', () => {
    it('builds semester statements for FINANCE from the participation and the approved fee standards', async () => {
      const create = `mutation($input: FeeStandardInput!) { createAfterSchoolFeeStandard(input: $input) { code feePerSemester } }`;
      expectGqlError(
        await t.gql(create, { input: { code: 'ARTS', name: '艺术兴趣', feePerSemester: '200.00' } }, edu.token),
        'FORBIDDEN',
      );
      const ndrc = await t.loginAs(Role.DEPARTMENT_OFFICER, 'DEVELOPMENT_REFORM');
      expect(
        (
          await t.gql<{ createAfterSchoolFeeStandard: unknown }>(
            create,
            { input: { code: 'ARTS', name: '艺术兴趣', feePerSemester: '200.00' } },
            ndrc.token,
          )
        ).data?.createAfterSchoolFeeStandard,
      ).toEqual({ code: 'ARTS', feePerSemester: '200.00' });
      const fees = `mutation($input: FeeChargeInput!) { recordAfterSchoolFees(input: $input) }`;
      const charge = {
        schoolId: school['DEMO-S001']!.id,
        semester: '2026-1',
        feeStandardCode: 'ARTS',
        students: 10,
        exemptedStudents: 2,
      };
      expect((await t.gql(fees, { input: charge }, admin1.token)).errors).toBeUndefined();
      expectGqlError(
        await t.gql(fees, { input: { ...charge, feeStandardCode: 'NOPE' } }, admin1.token),
        'FEE_STANDARD_NOT_FOUND',
      );
      const statements = `{ afterSchoolFundingStatements(filter: { semester: "2026-1" }) { schoolId studentsFunded fundedAmount feesCharged exempted } }`;
      const finance = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FINANCE');
      const rows = (
        await t.gql<{ afterSchoolFundingStatements: { schoolId: string }[] }>(statements, {}, finance.token)
      ).data!.afterSchoolFundingStatements;
      expect(rows.find((r) => r.schoolId === school['DEMO-S001']!.id)).toEqual({
        schoolId: school['DEMO-S001']!.id,
        studentsFunded: 68,
        fundedAmount: '10200.00',
        feesCharged: '1600.00',
        exempted: '400.00',
      });
      const health = await t.loginAs(Role.DEPARTMENT_OFFICER, 'HEALTH');
      expect(
        (await t.gql<{ afterSchoolFundingStatements: unknown[] }>(statements, {}, health.token)).data
          ?.afterSchoolFundingStatements,
      ).toEqual([]);
    });

    it('exports teacher participation hours as CSV to an authenticated reader', async () => {
      const record = `mutation($input: TeacherHoursInput!) { recordTeacherParticipation(input: $input) }`;
      const teacher = teacherOf['DEMO-S001']!;
      for (const date of ['2026-11-16', '2026-11-17']) {
        expect(
          (
            await t.gql(
              record,
              { input: { schoolId: school['DEMO-S001']!.id, teacherId: teacher.id, date, minutes: 120 } },
              admin1.token,
            )
          ).errors,
        ).toBeUndefined();
      }
      expectGqlError(
        await t.gql(
          record,
          {
            input: {
              schoolId: school['DEMO-S001']!.id,
              teacherId: teacherOf['DEMO-S003']!.id,
              date: '2026-11-16',
              minutes: 60,
            },
          },
          admin1.token,
        ),
        'PLAN_STAFF_REJECTED',
      );
      const url = `/api/after-school/teacher-hours.csv?schoolId=${school['DEMO-S001']!.id}&from=2026-11-01&to=2026-11-30`;
      expect((await t.http().get(url)).status).toBe(401);
      const res = await t.http().get(url).set('Authorization', `Bearer ${edu.token}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.text).toBe(
        `\uFEFFteacher_id,teacher_name,school_id,days,minutes,hours\r\n${teacher.id},${teacher.name},${school['DEMO-S001']!.id},2,240,4.00\r\n`,
      );
      const other = await t.http().get(url).set('Authorization', `Bearer ${admin3.token}`);
      expect(other.text).toBe('\uFEFFteacher_id,teacher_name,school_id,days,minutes,hours\r\n');
      expect(
        (
          await t
            .http()
            .get('/api/after-school/teacher-hours.csv?from=2026-13-01&to=2026-11-30')
            .set('Authorization', `Bearer ${edu.token}`)
        ).status,
      ).toBe(400);
    });
  });

  describe('family education', () => {
    it('computes yearly completion per school', async () => {
      const session = `mutation($input: FamilySessionInput!) { recordFamilyEducationSession(input: $input) }`;
      for (const [kind, minutes] of [
        ['GUIDANCE', 120],
        ['GUIDANCE', 120],
        ['CONSULTATION', 60],
      ] as const) {
        await t.gql(
          session,
          { input: { schoolId: school['DEMO-S001']!.id, kind, date: '2026-10-10', minutes, topic: '家长课堂' } },
          admin1.token,
        );
      }
      await t.gql(
        `mutation($input: HomeVisitInput!) { recordHomeVisits(input: $input) }`,
        {
          input: {
            schoolId: school['DEMO-S001']!.id,
            schoolYear: 2026,
            grade: 3,
            className: '3(1)班',
            students: 40,
            visited: 30,
          },
        },
        admin1.token,
      );
      const q = `{ familyEducationCompletion(filter: { schoolYear: 2026, townshipCode: "520122001" }) { schoolId guidanceSessions guidanceMinutes consultations sessionTargetsMet homeVisitRate } }`;
      const rows = (await t.gql<{ familyEducationCompletion: { schoolId: string }[] }>(q, {}, edu.token)).data!
        .familyEducationCompletion;
      expect(rows.find((r) => r.schoolId === school['DEMO-S001']!.id)).toEqual({
        schoolId: school['DEMO-S001']!.id,
        guidanceSessions: 2,
        guidanceMinutes: 240,
        consultations: 1,
        sessionTargetsMet: 0,
        homeVisitRate: 0.75,
      });

      // "4次8课时": two more sessions of one 40-minute class period each make 4 sessions and 8 periods
      // (320 minutes, not 8 hours); the second consultation is still missing.
      for (const minutes of [40, 40]) {
        await t.gql(
          session,
          {
            input: {
              schoolId: school['DEMO-S001']!.id,
              kind: 'GUIDANCE',
              date: '2026-11-10',
              minutes,
              topic: '家长课堂',
            },
          },
          admin1.token,
        );
      }
      const q2 = `{ familyEducationCompletion(filter: { schoolYear: 2026, schoolId: "${school['DEMO-S001']!.id}" }) { guidanceSessions guidanceMinutes guidancePeriods consultations sessionTargetsMet } }`;
      expect(
        (await t.gql<{ familyEducationCompletion: unknown[] }>(q2, {}, edu.token)).data!.familyEducationCompletion,
      ).toEqual([
        { guidanceSessions: 4, guidanceMinutes: 320, guidancePeriods: 8, consultations: 1, sessionTargetsMet: 0.6667 },
      ]);
    });
  });

  describe('demo data', () => {
    it('seeds plans, participation and weeks of homework for the demo schools, idempotently', async () => {
      const seed = () => t.dataSource.transaction((em) => seedAfterSchoolDemo(em, '2026-11-25'));
      expect(await seed()).toEqual({ schools: 8, homeworkDays: 15 });
      const count = async () =>
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM homework_record`))[0].n as number;
      const before = await count();
      await seed();
      expect(await count()).toBe(before);
      const rows = (
        await t.gql<{ homeworkComplianceByTownship: { publicityRate: number }[] }>(
          COMPLIANCE_BY_TOWNSHIP,
          { from: '2026-11-04', to: '2026-11-24' },
          edu.token,
        )
      ).data!.homeworkComplianceByTownship;
      expect(rows.length).toBe(7); // the townships of the eight demo schools
    });
  });
});
