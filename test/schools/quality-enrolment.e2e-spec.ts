import { XIFENG, seedReferenceDemo } from '../../src/modules/reference';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { GqlResult, LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

const RECORD_RESULT = `mutation($input: RecordQualityResultInput!) { recordQualityResult(input: $input) {
  schoolId year grade subject assessedCount excellentPercent passOrAboveRate band belowCounty school { code } } }`;
const PUBLISH = `mutation($input: PublishQualityRoundInput!) { publishQualityRound(input: $input) {
  year grade schools flaggedSchoolIds flaggedSchools { code } } }`;
const RESULTS = `query($filter: QualityResultFilter) { qualityResults(first: 50, filter: $filter) {
  totalCount edges { node { schoolId subject band belowCounty } } } }`;
const TREND = `query($filter: QualityTrendFilter!) { qualityTrend(filter: $filter) {
  year schoolId assessedCount passOrAboveRate band countyBand countyPassOrAboveRate belowCounty } }`;
const SET_CALENDAR = `mutation($input: SetEnrolmentCalendarInput!) { setEnrolmentCalendar(input: $input) { year registrationStart } }`;
const CALENDAR = `query($year: Int!) { enrolmentCalendar(year: $year) { year registrationStart registrationEnd admissionDate } }`;
const SET_SECTOR = `mutation($input: SetSchoolSectorInput!) { setSchoolSector(input: $input) { schoolId sector } }`;
const SET_AREA = `mutation($input: SetServiceAreaInput!) { setServiceArea(input: $input) { schoolCode townshipCodes gridCellCodes } }`;
const AREAS = `query($filter: ServiceAreaFilter!) { serviceAreas(first: 20, filter: $filter) {
  totalCount edges { node { schoolCode schoolName year townshipCodes gridCellCodes school { code } } } } }`;
const RECORD_PLAN = `mutation($input: RecordEnrolmentPlanInput!) { recordEnrolmentPlan(input: $input) {
  id status sector admissionMethod places { grade places } school { code } } }`;
const REVIEW = `mutation($input: ReviewEnrolmentPlanInput!) { reviewEnrolmentPlan(input: $input) { id status reviewComment } }`;
const PLANS = `query { enrolmentPlans(first: 20) { totalCount edges { node { id schoolId status } } } }`;
const SUBMIT_COMPLAINT = `mutation($input: ComplaintIntakeInput!) { submitComplaint(input: $input) { trackingNumber } }`;

type Shares = [number, number, number, number];

describe('schools: academic quality monitoring and enrolment', () => {
  let t: TestApp;
  const school: Record<string, { id: string; township: string }> = {};
  let edu: LoggedIn;
  let fire: LoggedIn;
  let township001: LoggedIn; // 永阳街道: S001 (primary), S002 (junior)
  let township100: LoggedIn; // 永靖镇: S003
  let admin1: LoggedIn;
  let admin2: LoggedIn;
  let admin3: LoggedIn;

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await t.dataSource.query(sql, params))[0].n);
  const ok = <T>(res: GqlResult<T>): T => {
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const result = (code: string, subject: string, assessedCount: number, [e, g, p, i]: Shares, over = {}) => ({
    schoolId: school[code]!.id,
    year: 2026,
    grade: 6,
    subject,
    assessedCount,
    excellentPercent: e,
    goodPercent: g,
    passPercent: p,
    improvePercent: i,
    ...over,
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
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    township001 = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
    township100 = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122100');
    admin1 = await t.loginAs(Role.SCHOOL_ADMIN, school['DEMO-S001']!.id);
    admin2 = await t.loginAs(Role.SCHOOL_ADMIN, school['DEMO-S002']!.id);
    admin3 = await t.loginAs(Role.SCHOOL_ADMIN, school['DEMO-S003']!.id);
  });
  afterAll(() => t?.close());

  describe('academic quality monitoring', () => {
    it('refuses results that are not the Education Bureau’s, not band shares of 100, or of a grade the school lacks, storing nothing', async () => {
      const good = result('DEMO-S001', 'MATHEMATICS', 400, [30, 40, 25, 5]);
      expectGqlError(await t.gql(RECORD_RESULT, { input: good }, fire.token), 'FORBIDDEN');
      expectGqlError(await t.gql(RECORD_RESULT, { input: good }, admin1.token), 'FORBIDDEN');
      const sum = expectGqlError(
        await t.gql(RECORD_RESULT, { input: result('DEMO-S001', 'MATHEMATICS', 400, [30, 40, 25, 4.9]) }, edu.token),
        'VALIDATION_FAILED',
      );
      expect(sum.extensions?.errors).toEqual([expect.objectContaining({ path: 'improvePercent' })]);
      const grade = expectGqlError(
        await t.gql(
          RECORD_RESULT,
          { input: result('DEMO-S001', 'MATHEMATICS', 400, [30, 40, 25, 5], { grade: 8 }) },
          edu.token,
        ),
        'VALIDATION_FAILED',
      );
      expect(grade.extensions?.errors).toEqual([expect.objectContaining({ path: 'grade' })]);
      const future = expectGqlError(
        await t.gql(
          RECORD_RESULT,
          { input: result('DEMO-S001', 'MATHEMATICS', 400, [30, 40, 25, 5], { year: 2027 }) },
          edu.token,
        ),
        'VALIDATION_FAILED',
      );
      expect(future.extensions?.errors).toEqual([expect.objectContaining({ path: 'year' })]);
      expect(await count(`SELECT count(*) AS n FROM quality_result`)).toBe(0);
    });

    it('records band shares per school, audited and evented, and shows each reader only their scope', async () => {
      // County pooled by students: 优秀 22.4, 良好 37.6 → the county's median band is GOOD.
      const s1 = ok(
        await t.gql(RECORD_RESULT, { input: result('DEMO-S001', 'MATHEMATICS', 400, [30, 40, 25, 5]) }, edu.token),
      );
      expect(s1.recordQualityResult).toMatchObject({
        band: 'GOOD',
        passOrAboveRate: 95,
        belowCounty: null,
        school: { code: 'DEMO-S001' },
      });
      ok(await t.gql(RECORD_RESULT, { input: result('DEMO-S003', 'MATHEMATICS', 100, [5, 25, 50, 20]) }, edu.token));
      ok(await t.gql(RECORD_RESULT, { input: result('DEMO-S005', 'MATHEMATICS', 300, [20, 40, 30, 10]) }, edu.token));
      ok(await t.gql(RECORD_RESULT, { input: result('DEMO-S004', 'MATHEMATICS', 50, [10, 30, 40, 20]) }, edu.token));
      ok(await t.gql(RECORD_RESULT, { input: result('DEMO-S001', 'CHINESE', 400, [60, 30, 10, 0]) }, edu.token));
      // A correction replaces the shares of the same school, round and subject.
      ok(await t.gql(RECORD_RESULT, { input: result('DEMO-S004', 'MATHEMATICS', 50, [10, 25, 45, 20]) }, edu.token));
      expect(await count(`SELECT count(*) AS n FROM quality_result`)).toBe(5);
      expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'schools.quality.result_recorded'`)).toBe(
        6,
      );
      expect(await count(`SELECT count(*) AS n FROM outbox WHERE name = 'schools.quality.result_recorded'`)).toBe(6);

      const seen = async (token: string) =>
        ok(await t.gql<{ qualityResults: { totalCount: number } }>(RESULTS, {}, token)).qualityResults.totalCount;
      expect(await seen(edu.token)).toBe(5);
      expect(await seen(township001.token)).toBe(2); // S001's two subjects
      expect(await seen(admin3.token)).toBe(1);
      expect(await seen(fire.token)).toBe(0);
    });

    it('publishes a round: flags the schools below the county band, opens one teaching-research visit each, freezes the round', async () => {
      expectGqlError(await t.gql(PUBLISH, { input: { year: 2026, grade: 6 } }, fire.token), 'FORBIDDEN');
      expectGqlError(await t.gql(PUBLISH, { input: { year: 2026, grade: 5 } }, edu.token), 'QUALITY_ROUND_EMPTY');
      const round = ok(
        await t.gql<{
          publishQualityRound: { schools: number; flaggedSchoolIds: string[]; flaggedSchools: { code: string }[] };
        }>(PUBLISH, { input: { year: 2026, grade: 6 } }, edu.token),
      ).publishQualityRound;
      expect(round.schools).toBe(4);
      expect([...round.flaggedSchoolIds].sort()).toEqual([school['DEMO-S003']!.id, school['DEMO-S004']!.id].sort());
      expect(round.flaggedSchools.map((s) => s.code).sort()).toEqual(['DEMO-S003', 'DEMO-S004']);

      const below = ok(
        await t.gql<{ qualityResults: { edges: { node: { schoolId: string; band: string } }[] } }>(
          RESULTS,
          { filter: { belowCounty: true } },
          edu.token,
        ),
      ).qualityResults.edges.map((e) => e.node.band);
      expect(below.sort()).toEqual(['PASS', 'PASS']);
      expect(await count(`SELECT count(*) AS n FROM quality_result WHERE below_county IS NULL`)).toBe(0);

      await t.settle();
      const tasks = await t.dataSource.query(
        `SELECT target_id, target_kind, lead_department_code, township_code, title FROM supervision_task
         WHERE type = 'TEACHING_RESEARCH_VISIT' ORDER BY target_id`,
      );
      expect(tasks.map((x: { target_id: string }) => x.target_id).sort()).toEqual(round.flaggedSchoolIds.sort());
      expect(tasks[0]).toMatchObject({ target_kind: 'SCHOOL', lead_department_code: 'EDU' });
      expect(tasks.map((x: { title: string }) => x.title).join()).toContain('2026年6年级 数学');

      // Frozen: no second publication, no more results; stored data as it was.
      expectGqlError(await t.gql(PUBLISH, { input: { year: 2026, grade: 6 } }, edu.token), 'QUALITY_ROUND_PUBLISHED');
      expectGqlError(
        await t.gql(RECORD_RESULT, { input: result('DEMO-S003', 'MATHEMATICS', 100, [25, 25, 40, 10]) }, edu.token),
        'QUALITY_ROUND_PUBLISHED',
      );
      expect(await count(`SELECT count(*) AS n FROM quality_result WHERE excellent_pct = 25`)).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM outbox WHERE name = 'schools.quality.below_county'`)).toBe(2);
      expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'schools.quality.round_published'`)).toBe(
        1,
      );
    });

    it('draws a school’s trend against the county’s, and the county’s own, within scope', async () => {
      ok(
        await t.gql(
          RECORD_RESULT,
          { input: result('DEMO-S003', 'MATHEMATICS', 90, [15, 40, 35, 10], { year: 2025 }) },
          edu.token,
        ),
      );
      ok(
        await t.gql(
          RECORD_RESULT,
          { input: result('DEMO-S001', 'MATHEMATICS', 380, [20, 35, 35, 10], { year: 2025 }) },
          edu.token,
        ),
      );
      const filter = { grade: 6, subject: 'MATHEMATICS', schoolId: school['DEMO-S003']!.id };
      const trend = ok(
        await t.gql<{ qualityTrend: Record<string, unknown>[] }>(TREND, { filter }, township100.token),
      ).qualityTrend;
      expect(trend).toEqual([
        expect.objectContaining({ year: 2025, band: 'GOOD', countyBand: 'GOOD', belowCounty: false }),
        expect.objectContaining({
          year: 2026,
          band: 'PASS',
          countyBand: 'GOOD',
          belowCounty: true,
          passOrAboveRate: 80,
        }),
      ]);
      const county = ok(
        await t.gql<{ qualityTrend: Record<string, unknown>[] }>(
          TREND,
          { filter: { grade: 6, subject: 'MATHEMATICS' } },
          township100.token,
        ),
      ).qualityTrend;
      expect(county.map((p) => [p.year, p.schoolId, p.assessedCount])).toEqual([
        [2025, null, 470],
        [2026, null, 850],
      ]);
      expectGqlError(await t.gql(TREND, { filter }, township001.token), 'SCHOOL_NOT_FOUND');
    });
  });

  describe('enrolment', () => {
    const calendar = {
      year: 2027,
      registrationStart: '2027-07-01',
      registrationEnd: '2027-07-10',
      admissionDate: '2027-07-20',
    };
    const plan = (code: string, over: Record<string, unknown> = {}) => ({
      schoolId: school[code]!.id,
      year: 2027,
      places: [{ grade: code === 'DEMO-S002' ? 7 : 1, places: 90 }],
      registrationStart: '2027-07-01',
      registrationEnd: '2027-07-10',
      admissionDate: '2027-07-20',
      admissionMethod: 'SERVICE_AREA',
      notes: '按服务范围免试就近入学',
      ...over,
    });
    const plans = () => count(`SELECT count(*) AS n FROM enrolment_plan`);

    it('keeps the county calendar with the Education Bureau and publishes it without login', async () => {
      expect(ok(await t.gql(CALENDAR, { year: 2027 })).enrolmentCalendar).toBeNull();
      expectGqlError(await t.gql(SET_CALENDAR, { input: calendar }, fire.token), 'FORBIDDEN');
      const order = expectGqlError(
        await t.gql(SET_CALENDAR, { input: { ...calendar, registrationEnd: '2027-06-01' } }, edu.token),
        'VALIDATION_FAILED',
      );
      expect(order.extensions?.errors).toEqual([expect.objectContaining({ path: 'registrationEnd' })]);
      ok(await t.gql(SET_CALENDAR, { input: calendar }, edu.token));
      expect(ok(await t.gql(CALENDAR, { year: 2027 })).enrolmentCalendar).toEqual(calendar);
    });

    it('refuses a public school’s plan before its service area is published, storing nothing', async () => {
      const res = expectGqlError(
        await t.gql(RECORD_PLAN, { input: plan('DEMO-S001') }, admin1.token),
        'SERVICE_AREA_MISSING',
      );
      expect(res.extensions?.errors).toEqual([expect.objectContaining({ path: 'schoolId' })]);
      expect(await plans()).toBe(0);
    });

    it('publishes service areas of townships and grid cells, and answers the public which schools serve where', async () => {
      const area = {
        schoolId: school['DEMO-S001']!.id,
        year: 2027,
        townshipCodes: ['520122001'],
        gridCellCodes: ['520122100-G01'],
      };
      expectGqlError(await t.gql(SET_AREA, { input: area }, admin1.token), 'FORBIDDEN');
      const inside = expectGqlError(
        await t.gql(SET_AREA, { input: { ...area, gridCellCodes: ['520122001-G02'] } }, edu.token),
        'VALIDATION_FAILED',
      );
      expect(inside.extensions?.errors).toEqual([expect.objectContaining({ path: 'gridCellCodes.0' })]);
      const unknown = expectGqlError(
        await t.gql(
          SET_AREA,
          { input: { ...area, townshipCodes: ['520122999'], gridCellCodes: ['X-G01'] } },
          edu.token,
        ),
        'VALIDATION_FAILED',
      );
      expect((unknown.extensions?.errors as { path: string }[]).map((e) => e.path)).toEqual([
        'townshipCodes.0',
        'gridCellCodes.0',
      ]);
      expect(await count(`SELECT count(*) AS n FROM service_area`)).toBe(0);
      ok(await t.gql(SET_AREA, { input: area }, edu.token));
      expect(
        await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'schools.enrolment.service_area_set'`),
      ).toBe(1);

      const serving = async (filter: Record<string, unknown>) =>
        ok(
          await t.gql<{ serviceAreas: { edges: { node: { schoolCode: string; school: unknown } }[] } }>(AREAS, {
            filter: { year: 2027, ...filter },
          }),
        ).serviceAreas.edges.map((e) => e.node);
      expect(await serving({ gridCellCode: '520122100-G01' })).toEqual([
        expect.objectContaining({ schoolCode: 'DEMO-S001', school: null }),
      ]);
      expect((await serving({ gridCellCode: '520122001-G03' })).map((a) => a.schoolCode)).toEqual(['DEMO-S001']);
      expect((await serving({ townshipCode: '520122100' })).map((a) => a.schoolCode)).toEqual(['DEMO-S001']);
      expect(await serving({ gridCellCode: '520122100-G02' })).toEqual([]);
      expect(await serving({ schoolId: school['DEMO-S003']!.id })).toEqual([]);
      expect((await t.gql(AREAS, { filter: { year: 2026 } })).errors).toBeUndefined();
    });

    it('records school sectors: a private school gets no service area, a school with one does not turn private', async () => {
      ok(await t.gql(SET_SECTOR, { input: { schoolId: school['DEMO-S002']!.id, sector: 'PRIVATE' } }, edu.token));
      expectGqlError(
        await t.gql(
          SET_AREA,
          { input: { schoolId: school['DEMO-S002']!.id, year: 2027, townshipCodes: ['520122001'], gridCellCodes: [] } },
          edu.token,
        ),
        'SERVICE_AREA_NOT_FOR_PRIVATE',
      );
      expectGqlError(
        await t.gql(SET_SECTOR, { input: { schoolId: school['DEMO-S001']!.id, sector: 'PRIVATE' } }, edu.token),
        'SCHOOL_HAS_SERVICE_AREA',
      );
      expect(await count(`SELECT count(*) AS n FROM school_sector WHERE sector = 'PRIVATE'`)).toBe(1);
    });

    it('refuses plans that break the enrolment rules, each with its code, and stores nothing', async () => {
      const refused = async (input: Record<string, unknown>, token: string, code: string, path?: string) => {
        const error = expectGqlError(await t.gql(RECORD_PLAN, { input }, token), code);
        if (path) expect((error.extensions?.errors as { path: string }[]).map((e) => e.path)).toContain(path);
      };
      await refused(
        plan('DEMO-S001', { registrationStart: '2027-06-25' }),
        admin1.token,
        'ENROLMENT_DATES_DIFFER',
        'registrationStart',
      );
      await refused(
        plan('DEMO-S001', { notes: '新生需参加入学面试' }),
        admin1.token,
        'ADMISSION_EXAM_FORBIDDEN',
        'notes',
      );
      await refused(
        plan('DEMO-S001', { admissionMethod: 'LOTTERY_WHEN_OVERSUBSCRIBED' }),
        admin1.token,
        'ADMISSION_METHOD_NOT_ALLOWED',
        'admissionMethod',
      );
      await refused(
        plan('DEMO-S001', { places: [{ grade: 7, places: 40 }] }),
        admin1.token,
        'VALIDATION_FAILED',
        'places.0.grade',
      );
      await refused(
        plan('DEMO-S001', {
          year: 2028,
          registrationStart: '2028-07-01',
          registrationEnd: '2028-07-10',
          admissionDate: '2028-07-20',
        }),
        admin1.token,
        'ENROLMENT_CALENDAR_MISSING',
      );
      await refused(plan('DEMO-S002', { places: [{ grade: 7, places: 40 }] }), admin1.token, 'SCHOOL_NOT_FOUND');
      // 公民同招: the private school's dates are the county's; it admits by lottery, not by area.
      await refused(
        plan('DEMO-S002', {
          admissionMethod: 'LOTTERY_WHEN_OVERSUBSCRIBED',
          registrationStart: '2027-06-10',
          registrationEnd: '2027-06-20',
          admissionDate: '2027-06-30',
        }),
        admin2.token,
        'ENROLMENT_DATES_DIFFER',
        'admissionDate',
      );
      await refused(plan('DEMO-S002'), admin2.token, 'ADMISSION_METHOD_NOT_ALLOWED', 'admissionMethod');
      expectGqlError(await t.gql(RECORD_PLAN, { input: plan('DEMO-S001') }, edu.token), 'FORBIDDEN');
      expect(await plans()).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM outbox WHERE name = 'schools.enrolment.plan_recorded'`)).toBe(0);
    });

    it('records plans that keep the rules, shows them by scope, and lets the Education Bureau approve or return them', async () => {
      const p1 = ok(
        await t.gql<{ recordEnrolmentPlan: { id: string } }>(RECORD_PLAN, { input: plan('DEMO-S001') }, admin1.token),
      ).recordEnrolmentPlan;
      expect(p1).toMatchObject({ status: 'SUBMITTED', sector: 'PUBLIC', school: { code: 'DEMO-S001' } });
      const p2 = ok(
        await t.gql<{ recordEnrolmentPlan: { id: string } }>(
          RECORD_PLAN,
          {
            input: plan('DEMO-S002', {
              admissionMethod: 'LOTTERY_WHEN_OVERSUBSCRIBED',
              notes: '报名人数超过计划时电脑随机录取',
            }),
          },
          admin2.token,
        ),
      ).recordEnrolmentPlan;
      expect(p2).toMatchObject({ status: 'SUBMITTED', sector: 'PRIVATE' });

      const visible = async (token: string) =>
        ok(await t.gql<{ enrolmentPlans: { totalCount: number } }>(PLANS, {}, token)).enrolmentPlans.totalCount;
      expect(await visible(edu.token)).toBe(2);
      expect(await visible(township001.token)).toBe(2);
      expect(await visible(township100.token)).toBe(0);
      expect(await visible(admin1.token)).toBe(1);
      expect(await visible(fire.token)).toBe(0);

      expectGqlError(await t.gql(REVIEW, { input: { id: p1.id, decision: 'APPROVE' } }, fire.token), 'FORBIDDEN');
      expectGqlError(await t.gql(REVIEW, { input: { id: p2.id, decision: 'RETURN' } }, edu.token), 'VALIDATION_FAILED');
      ok(await t.gql(REVIEW, { input: { id: p2.id, decision: 'RETURN', comment: '请补充随机录取办法' } }, edu.token));
      expect(
        ok(await t.gql(REVIEW, { input: { id: p1.id, decision: 'APPROVE' } }, edu.token)).reviewEnrolmentPlan,
      ).toMatchObject({ status: 'APPROVED' });
      expectGqlError(
        await t.gql(REVIEW, { input: { id: p1.id, decision: 'RETURN', comment: 'x' } }, edu.token),
        'ENROLMENT_PLAN_STATUS_CONFLICT',
      );
      expectGqlError(
        await t.gql(RECORD_PLAN, { input: plan('DEMO-S001') }, admin1.token),
        'ENROLMENT_PLAN_STATUS_CONFLICT',
      );
      // A returned plan is recorded again and goes back to the bureau.
      const again = ok(
        await t.gql(
          RECORD_PLAN,
          { input: plan('DEMO-S002', { admissionMethod: 'LOTTERY_WHEN_OVERSUBSCRIBED' }) },
          admin2.token,
        ),
      ).recordEnrolmentPlan;
      expect(again).toMatchObject({ id: p2.id, status: 'SUBMITTED' });
      expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'schools.enrolment.plan_reviewed'`)).toBe(
        2,
      );
      expect(await count(`SELECT count(*) AS n FROM outbox WHERE name = 'schools.enrolment.plan_recorded'`)).toBe(3);
    });

    it('routes enrolment complaints to the Education Bureau as a category of their own', async () => {
      ok(
        await t.gql(
          SUBMIT_COMPLAINT,
          {
            input: {
              category: 'ENROLMENT',
              description: '民办学校提前组织面试招生',
              townshipCode: '520122001',
              contactPhone: '13900002222',
            },
          },
          undefined,
          { 'X-Forwarded-For': '203.0.113.77' },
        ),
      );
      expect(await t.dataSource.query(`SELECT category, lead_department_code FROM complaint`)).toEqual([
        { category: 'ENROLMENT', lead_department_code: 'EDU' },
      ]);
    });
  });
});
