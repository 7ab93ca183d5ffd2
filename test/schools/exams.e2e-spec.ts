import { XIFENG, seedReferenceDemo } from '../../src/modules/reference';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

const VIOLATION_FIELDS = 'id kind grade source planId examId description descriptionEn';
const RECORD_PLAN = `mutation($input: RecordExamPlanInput!) { recordExamPlan(input: $input) {
  plan { id version term entries { kind grades plannedDate } school { id } } violations { ${VIOLATION_FIELDS} } } }`;
const RECORD_EXAM = `mutation($input: RecordExamInput!) { recordExam(input: $input) {
  exam { id term grade kind date results { participants form ranked } } violations { ${VIOLATION_FIELDS} } } }`;
const RECORD_RESULTS = `mutation($input: RecordExamResultsInput!) { recordExamResults(input: $input) {
  exam { id results { participants form ranked rankingPublished levelCounts { level count } } } violations { ${VIOLATION_FIELDS} } } }`;
const VIOLATIONS = `query($filter: ExamViolationFilter) { examViolations(first: 100, filter: $filter) {
  totalCount edges { node { kind grade schoolId school { id } exam { id kind } plan { id } } } } }`;
const EXAMS = `query($filter: SchoolExamFilter) { schoolExams(first: 100, filter: $filter) { totalCount edges { node { id grade kind } } } }`;
const PLANS = `query { examPlans(first: 100) { totalCount edges { node { id schoolId version } } } }`;
const DASHBOARD = `query($townshipCode: String) { dashboard(townshipCode: $townshipCode) { exams {
  term schools schoolsRecorded schoolsWithoutPlan schoolsCompliant schoolsWithViolations complianceRate violationsByKind { kind count } } } }`;

type Violation = {
  id: string;
  kind: string;
  grade: number;
  source: string;
  planId: string | null;
  examId: string | null;
};

const levels = (excellent: number, good: number, pass: number) => [
  { level: 'EXCELLENT', count: excellent },
  { level: 'GOOD', count: good },
  { level: 'PASS', count: pass },
];
const goodResults = {
  participants: 60,
  levelCounts: levels(20, 30, 10),
  form: 'LEVELS',
  ranked: false,
  rankingPublished: false,
};

describe('exam management in schools (考试管理)', () => {
  let t: TestApp;
  const school: Record<string, { id: string; township: string }> = {};
  let primary: LoggedIn; // DEMO-S001 息烽县永阳街道第一小学 (PRIMARY), 520122001
  let otherPrimary: LoggedIn; // DEMO-S003 (PRIMARY), 520122100
  let edu: LoggedIn;
  let fire: LoggedIn;
  let inspectionOffice: LoggedIn;
  let yongyang: LoggedIn; // township officer of 520122001 (S001, S002)
  let yongjing: LoggedIn; // township officer of 520122100 (S003)

  const exam = (overrides: Record<string, unknown> = {}) => ({
    schoolId: school['DEMO-S002']!.id, // 息烽县第二中学 (JUNIOR, grades 7–9)
    term: '2026-1',
    grade: 8,
    kind: 'END_OF_TERM',
    format: 'PAPER',
    organiser: 'SCHOOL',
    subjects: ['语文', '数学'],
    date: '2026-11-20',
    ...overrides,
  });
  const rows = async (table: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-11-25T02:00:00Z') }); // 2026-11-25, term 2026-1
    await t.dataSource.transaction((em) =>
      seedReferenceDemo(
        em,
        t.runtime.config.security.piiHashKey,
        XIFENG.townships.map((x) => x.code),
      ),
    );
    for (const row of await t.dataSource.query(`SELECT id, code, township_code FROM school`))
      school[row.code] = { id: row.id, township: row.township_code };
    primary = await t.loginAs(Role.SCHOOL_ADMIN, school['DEMO-S001']!.id);
    otherPrimary = await t.loginAs(Role.SCHOOL_ADMIN, school['DEMO-S003']!.id);
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    inspectionOffice = await t.loginAs(Role.DEPARTMENT_OFFICER, 'INSPECTION_OFFICE');
    yongyang = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
    yongjing = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122100');
  });
  afterAll(() => t?.close());

  it('refuses invalid input with VALIDATION_FAILED on the field, and stores nothing', async () => {
    const refused = async (input: Record<string, unknown>, token: string, path: string) => {
      const error = expectGqlError(await t.gql(RECORD_EXAM, { input }, token), 'VALIDATION_FAILED');
      expect((error.extensions!.errors as { path: string }[]).map((e) => e.path)).toContain(path);
    };
    // a grade the school does not teach (a primary school has no grade 8)
    await refused(exam({ schoolId: school['DEMO-S001']!.id }), primary.token, 'grade');
    // a day outside the term (2026-1 runs 2026-08-01 – 2027-01-31)
    await refused(exam({ date: '2026-07-01' }), edu.token, 'date');
    // not held yet
    await refused(exam({ date: '2026-12-01' }), edu.token, 'date');
    // a school administrator writing for another school
    await refused(exam(), primary.token, 'schoolId');
    // results with individual pupils' scores
    await refused(
      exam({ results: { ...goodResults, individualScores: [{ pupil: '张三', score: '95' }] } }),
      edu.token,
      'results.individualScores',
    );
    // level counts that do not add up to the participants
    await refused(exam({ results: { ...goodResults, participants: 61 } }), edu.token, 'results.levelCounts');
    const plan = expectGqlError(
      await t.gql(
        RECORD_PLAN,
        {
          input: {
            schoolId: school['DEMO-S001']!.id,
            term: '2026-1',
            entries: [
              { kind: 'END_OF_TERM', format: 'PAPER', grades: [3, 7], subjects: ['数学'], plannedDate: '2027-03-01' },
            ],
          },
        },
        primary.token,
      ),
      'VALIDATION_FAILED',
    );
    expect((plan.extensions!.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'entries.0.grades',
      'entries.0.plannedDate',
    ]);
    // another department's officer may not record
    expectGqlError(await t.gql(RECORD_EXAM, { input: exam() }, fire.token), 'FORBIDDEN');
    for (const table of ['school_exam', 'school_exam_plan', 'school_exam_violation']) expect(await rows(table)).toBe(0);
    expect(await t.dataSource.query(`SELECT 1 FROM outbox WHERE name LIKE 'schools.%'`)).toEqual([]);
  });

  it('stores a plan that breaks the rules, with each breach as a finding; recording it again finds nothing new', async () => {
    const input = {
      schoolId: school['DEMO-S001']!.id,
      term: '2026-1',
      entries: [
        {
          kind: 'END_OF_TERM',
          format: 'PAPER',
          grades: [1, 2, 3, 4, 5, 6],
          subjects: ['语文', '数学'],
          plannedDate: '2027-01-15',
        },
        { kind: 'MID_TERM', format: 'PAPER', grades: [4], subjects: ['数学'], plannedDate: '2026-11-10' },
      ],
    };
    const first = await t.gql<{
      recordExamPlan: { plan: { id: string; version: number; school: { id: string } }; violations: Violation[] };
    }>(RECORD_PLAN, { input }, primary.token);
    const { plan, violations } = first.data!.recordExamPlan;
    expect(plan.version).toBe(1);
    expect(plan.school.id).toBe(school['DEMO-S001']!.id);
    expect(violations.map((v) => [v.kind, v.grade, v.source, v.planId])).toEqual([
      ['PAPER_EXAM_IN_GRADES_1_2', 1, 'PLAN', plan.id],
      ['PAPER_EXAM_IN_GRADES_1_2', 2, 'PLAN', plan.id],
      ['MID_TERM_IN_PRIMARY', 4, 'PLAN', plan.id],
    ]);
    const again = await t.gql<{ recordExamPlan: { plan: { id: string; version: number }; violations: Violation[] } }>(
      RECORD_PLAN,
      { input },
      primary.token,
    );
    expect(again.data!.recordExamPlan.plan).toMatchObject({ id: plan.id, version: 2 });
    expect(again.data!.recordExamPlan.violations).toEqual([]);
    expect(await rows('school_exam_violation')).toBe(3);
    const audit = await t.dataSource.query(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'schools.%' GROUP BY action ORDER BY action`,
    );
    expect(audit).toEqual([
      { action: 'schools.exam.violation_found', n: 3 },
      { action: 'schools.exam_plan.recorded', n: 2 },
    ]);
    // a compliant plan of another school finds nothing
    const clean = await t.gql<{ recordExamPlan: { violations: Violation[] } }>(
      RECORD_PLAN,
      {
        input: {
          schoolId: school['DEMO-S003']!.id,
          term: '2026-1',
          entries: [
            {
              kind: 'END_OF_TERM',
              format: 'NON_WRITTEN',
              grades: [1, 2],
              subjects: ['综合'],
              plannedDate: '2027-01-14',
            },
            {
              kind: 'END_OF_TERM',
              format: 'PAPER',
              grades: [3, 4, 5, 6],
              subjects: ['语文', '数学'],
              plannedDate: '2027-01-15',
            },
          ],
        },
      },
      otherPrimary.token,
    );
    expect(clean.data!.recordExamPlan.violations).toEqual([]);
  });

  it('stores exams that break the count, routine-test and selection rules, and results that are scored or ranked', async () => {
    const record = async (input: Record<string, unknown>) => {
      const r = await t.gql<{ recordExam: { exam: { id: string }; violations: Violation[] } }>(
        RECORD_EXAM,
        { input: exam(input) },
        edu.token,
      );
      expect(r.errors).toBeUndefined();
      return r.data!.recordExam;
    };
    const kindsOf = (r: { violations: Violation[] }) => r.violations.map((v) => v.kind);
    // junior grade 8: one mid-term and one end-of-term are allowed, a second of each is not
    expect(kindsOf(await record({ kind: 'MID_TERM', date: '2026-11-02' }))).toEqual([]);
    expect(kindsOf(await record({ kind: 'MID_TERM', date: '2026-11-09' }))).toEqual(['EXTRA_MID_TERM_EXAM']);
    const endOfTerm = await record({ date: '2026-11-16', results: goodResults });
    expect(kindsOf(endOfTerm)).toEqual([]);
    expect(kindsOf(await record({ date: '2026-11-23' }))).toEqual(['EXTRA_END_OF_TERM_EXAM']);
    expect(kindsOf(await record({ grade: 7, kind: 'MONTHLY_TEST', organiser: 'TOWNSHIP' }))).toEqual(['ROUTINE_TEST']);
    expect(kindsOf(await record({ grade: 7, kind: 'SELECTION', date: '2026-09-01' }))).toEqual(['SELECTION_EXAM']);
    expectGqlError(
      await t.gql(RECORD_EXAM, { input: exam({ date: '2026-11-16' }) }, edu.token),
      'EXAM_ALREADY_RECORDED',
    );

    // results given as scores, ranked and published by rank: three findings; recording them again adds none
    const scored = { participants: 60, levelCounts: [], form: 'SCORES', ranked: true, rankingPublished: true };
    const results = await t.gql<{
      recordExamResults: { exam: { results: { form: string } }; violations: Violation[] };
    }>(RECORD_RESULTS, { input: { examId: endOfTerm.exam.id, results: scored } }, edu.token);
    expect(results.data!.recordExamResults.exam.results.form).toBe('SCORES');
    expect(kindsOf(results.data!.recordExamResults)).toEqual([
      'RESULTS_AS_SCORES',
      'RESULTS_RANKED',
      'RANKING_PUBLISHED',
    ]);
    const repeated = await t.gql<{ recordExamResults: { violations: Violation[] } }>(
      RECORD_RESULTS,
      { input: { examId: endOfTerm.exam.id, results: scored } },
      edu.token,
    );
    expect(repeated.data!.recordExamResults.violations).toEqual([]);
    // another school's administrator does not find the exam
    expectGqlError(
      await t.gql(RECORD_RESULTS, { input: { examId: endOfTerm.exam.id, results: goodResults } }, primary.token),
      'EXAM_NOT_FOUND',
    );
    const stored = await t.dataSource.query(`SELECT results FROM school_exam WHERE id = $1`, [endOfTerm.exam.id]);
    expect(Object.keys(stored[0].results).sort()).toEqual([
      'form',
      'levelCounts',
      'participants',
      'ranked',
      'rankingPublished',
    ]);
  });

  it('opens one exam-management inspection per school and term while it is open, and tells the school', async () => {
    await t.settle();
    const tasks = async () =>
      t.dataSource.query(
        `SELECT id, target_id, township_code, lead_department_code, cooperating_department_codes, source_ref, status
         FROM supervision_task WHERE type = 'EXAM_MANAGEMENT_INSPECTION' ORDER BY source_ref`,
      );
    const opened = await tasks();
    const s1 = school['DEMO-S001']!;
    const s2 = school['DEMO-S002']!;
    expect(
      opened
        .map((r: Record<string, unknown>) => [
          r.target_id,
          r.township_code,
          r.lead_department_code,
          r.cooperating_department_codes,
          r.source_ref,
        ])
        .sort(),
    ).toEqual(
      [
        [s1.id, s1.township, 'EDU', ['INSPECTION_OFFICE'], `school_exams:${s1.id}:2026-1#1`],
        [s2.id, s2.township, 'EDU', ['INSPECTION_OFFICE'], `school_exams:${s2.id}:2026-1#1`],
      ].sort(),
    );
    const toSchool = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notification n JOIN notification_target nt ON nt.notification_id = n.id
       WHERE n.kind = 'schools.exam.violation_found' AND nt.target_kind = 'SCHOOL' AND nt.target_value = $1`,
      [s2.id],
    );
    expect(toSchool[0].n).toBe(7); // every finding of the junior school: 4 exams + 3 results

    // once the inspection is over, the next breach of the term opens round 2
    const s2Task = opened.find((r: { target_id: string }) => r.target_id === s2.id);
    await t.dataSource.query(`UPDATE supervision_task SET status = 'CLOSED' WHERE id = $1`, [s2Task.id]);
    await t.gql(RECORD_EXAM, { input: exam({ grade: 9, kind: 'WEEKLY_TEST' }) }, edu.token);
    await t.settle();
    const after = await tasks();
    expect(after.map((r: { source_ref: string }) => r.source_ref)).toContain(`school_exams:${s2.id}:2026-1#2`);
    expect(after).toHaveLength(3);
  });

  it('shows plans, exams and violations to EDU, the inspection office, the township and the school of each, no one else', async () => {
    const count = async (token: string, filter: Record<string, unknown> = {}) => {
      const r = await t.gql<{ examViolations: { totalCount: number } }>(VIOLATIONS, { filter }, token);
      expect(r.errors).toBeUndefined();
      return r.data!.examViolations.totalCount;
    };
    const total = await rows('school_exam_violation');
    expect(total).toBe(11); // 3 plan + 4 exam + 3 results + 1 weekly test
    expect(await count(edu.token)).toBe(total);
    expect(await count(inspectionOffice.token)).toBe(total);
    expect(await count(yongyang.token)).toBe(total); // S001 and S002 are both in 永阳街道
    expect(await count(yongjing.token)).toBe(0);
    expect(await count(otherPrimary.token)).toBe(0);
    expect(await count(fire.token)).toBe(0);
    expect(await count(primary.token)).toBe(3);
    expect(await count(edu.token, { kind: 'ROUTINE_TEST' })).toBe(2);

    const linked = await t.gql<{
      examViolations: { edges: { node: { school: { id: string }; exam: { kind: string } | null } }[] };
    }>(VIOLATIONS, { filter: { kind: 'SELECTION_EXAM' } }, yongyang.token);
    expect(linked.data!.examViolations.edges[0]!.node).toMatchObject({
      school: { id: school['DEMO-S002']!.id },
      exam: { kind: 'SELECTION' },
    });
    const exams = await t.gql<{ schoolExams: { totalCount: number } }>(EXAMS, { filter: { grade: 8 } }, yongjing.token);
    expect(exams.data!.schoolExams.totalCount).toBe(0);
    const all = await t.gql<{ schoolExams: { totalCount: number } }>(EXAMS, { filter: { grade: 8 } }, edu.token);
    expect(all.data!.schoolExams.totalCount).toBe(4);
    const plans = await t.gql<{ examPlans: { totalCount: number } }>(PLANS, {}, otherPrimary.token);
    expect(plans.data!.examPlans.totalCount).toBe(1);
  });

  it('gives the dashboard the schools compliant in the term, those without a plan, and violations by kind', async () => {
    const schools = await rows('school');
    const county = await t.gql<{ dashboard: { exams: Record<string, unknown> } }>(DASHBOARD, {}, edu.token);
    expect(county.errors).toBeUndefined();
    expect(county.data!.dashboard.exams).toMatchObject({
      term: '2026-1',
      schools,
      schoolsRecorded: 3, // S001 and S003 (plans), S002 (exams)
      schoolsWithoutPlan: schools - 2,
      schoolsCompliant: 1, // S003
      schoolsWithViolations: 2,
      complianceRate: 0.3333,
    });
    expect(county.data!.dashboard.exams.violationsByKind).toEqual([
      { kind: 'PAPER_EXAM_IN_GRADES_1_2', count: 2 },
      { kind: 'ROUTINE_TEST', count: 2 },
      { kind: 'EXTRA_END_OF_TERM_EXAM', count: 1 },
      { kind: 'EXTRA_MID_TERM_EXAM', count: 1 },
      { kind: 'MID_TERM_IN_PRIMARY', count: 1 },
      { kind: 'RANKING_PUBLISHED', count: 1 },
      { kind: 'RESULTS_AS_SCORES', count: 1 },
      { kind: 'RESULTS_RANKED', count: 1 },
      { kind: 'SELECTION_EXAM', count: 1 },
    ]);
    const township = await t.gql<{ dashboard: { exams: Record<string, unknown> } }>(DASHBOARD, {}, yongjing.token);
    expect(township.data!.dashboard.exams).toMatchObject({
      schoolsRecorded: 1,
      schoolsCompliant: 1,
      complianceRate: 1,
    });
  });
});
