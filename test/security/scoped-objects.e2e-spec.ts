import { XIFENG, seedReferenceDemo } from '../../src/modules/reference';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { openAccount } from '../factories/escrow.factory';
import { createInstitution } from '../factories/registry.factory';
import { recordSummary } from '../support/suite-summary';
import { GqlResult, TestApp, startTestApp } from '../support/test-app';
import { fingerprint } from './db-fingerprint';

/**
 * Object-level authorization: each scoped role with data inside and outside its scope. Two sets of data —
 * township A (永阳街道) with school A, and township B (永靖镇) with school B — and, in ONE table below, for
 * every query that takes an id, a township or a school, or lists scoped objects: which objects each scoped
 * role sees and which it does not. Out of scope is answered like a record that does not exist
 * (…_NOT_FOUND) by id, and is absent from lists (also when the list is filtered to the other township or
 * school). Property level: complainants' contacts stay masked for all but the assigned departments'
 * officers, and staff ID numbers are masked for everyone.
 */
const A = '520122001';
const B = '520122100';
const SEMESTER = '2026-1';
const CONTACT_A = { name: '张三', phone: '13812341234' };
const CONTACT_B = { name: '李四', phone: '13900001111' };
const STAFF_ID_NUMBER = '520122199001011234';

/**
 * The scoped callers: a township officer of A, the administrator of school A, department officers (EDU,
 * FIRE_RESCUE), an inspector (MARKET_REGULATION), the administrator of institution A (机构端).
 */
const ROLES = ['TOWNSHIP_A', 'SCHOOL_A', 'DEPT_EDU', 'DEPT_FIRE', 'INSPECTOR_MR', 'INSTITUTION_A'] as const;
type ScopedRole = (typeof ROLES)[number];

/** The objects, one of each kind in A and in B. */
const OBJECTS = [
  'townshipA',
  'townshipB',
  'schoolA',
  'schoolB',
  'institutionA',
  'institutionB',
  'accountA',
  'accountB',
  'alertA',
  'alertB',
  'complaintA',
  'complaintB',
  'taskA',
  'taskB',
  'planA',
  'planB',
  'leadA',
  'leadB',
  'creditRecordA',
  'creditRecordB',
  'creditEntryA',
  'creditEntryB',
  'orderA',
  'orderB',
  'homeworkA',
  'homeworkB',
  'contractA',
  'contractB',
  'refundA',
  'refundB',
  'releaseA',
  'releaseB',
  // Schools (#22, #23): exam plans, exams and their violations, monitoring results, enrolment plans,
  // teacher-burden demands and teacher cases; enforcement's penalty decisions; supervision's accountability cases.
  'examPlanA',
  'examPlanB',
  'examA',
  'examB',
  'examViolationA',
  'examViolationB',
  'qualityA',
  'qualityB',
  'enrolmentA',
  'enrolmentB',
  'burdenA',
  'burdenB',
  'teacherCaseA',
  'teacherCaseB',
  'penaltyA',
  'penaltyB',
  'accountabilityA',
  'accountabilityB',
] as const;
type Obj = (typeof OBJECTS)[number];

/** How a query shows an object: by id (visible, or an error code), or in a list (present or absent). */
interface Probe {
  /** The object kinds the probe applies to (their ids are looked up in `ids`). */
  kind: string;
  run(t: TestApp, token: string, obj: Obj): Promise<'visible' | 'absent' | `error:${string}`>;
}

/** Ids of every object, and the township and school each belongs to. */
const ids = {} as Record<Obj, string>;
const townshipOf = (obj: Obj) => (obj.endsWith('A') ? A : B);
const schoolOf = (obj: Obj) => ids[obj.endsWith('A') ? 'schoolA' : 'schoolB'];
/** The roster teacher each teacher case is about, and the roster hash of the teacher's ID number. */
const teacherOf = {} as Record<'teacherCaseA' | 'teacherCaseB', { id: string; hash: string }>;

const data = (res: GqlResult<Record<string, unknown>>) => {
  if (res.errors?.length) return `error:${String(res.errors[0]!.extensions?.code)}` as const;
  return res.data!;
};
const byId = (kind: string, field: string): Probe => ({
  kind,
  async run(t, token, obj) {
    const res = await t.gql(`query($id: ID!) { ${field}(id: $id) { id } }`, { id: ids[obj] }, token);
    const d = data(res);
    if (typeof d === 'string') return d;
    expect((d[field] as { id: string }).id).toBe(ids[obj]);
    return 'visible';
  },
});
/** A list query (connection or plain list) with optional arguments derived from the object; visible when the object's id is among the returned ids. */
const inList = (
  kind: string,
  query: string,
  pick: (d: Record<string, unknown>) => string[],
  vars: (obj: Obj) => Record<string, unknown> = () => ({}),
): Probe => ({
  kind,
  async run(t, token, obj) {
    const d = data(await t.gql(query, vars(obj), token));
    if (typeof d === 'string') return d;
    return pick(d).includes(ids[obj]) ? 'visible' : 'absent';
  },
});
type Edges = { edges: { node: { id: string } }[] };
const nodes = (field: string) => (d: Record<string, unknown>) => (d[field] as Edges).edges.map((e) => e.node.id);
const rows =
  (field: string, key = 'schoolId') =>
  (d: Record<string, unknown>) =>
    (d[field] as Record<string, string>[]).map((r) => r[key]!);
const conn = (field: string, args: string, decl = '') =>
  `query${decl} { ${field}(first: 100${args}) { edges { node { id } } } }`;
const own = {
  township: (obj: Obj) => ({ tc: townshipOf(obj) }),
  school: (obj: Obj) => ({ sid: ids[obj] }),
  /** The school the object belongs to (for objects of a school that are not the school itself). */
  schoolOf: (obj: Obj) => ({ sid: schoolOf(obj) }),
};

const PROBES: Record<string, Probe> = {
  'school(id)': byId('school', 'school'),
  schools: inList('school', conn('schools', ''), nodes('schools')),
  'schools(filter.townshipCode)': inList(
    'school',
    conn('schools', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('schools'),
    own.township,
  ),
  'institution(id)': byId('institution', 'institution'),
  institutions: inList('institution', conn('institutions', ''), nodes('institutions')),
  'institutions(filter.townshipCode)': inList(
    'institution',
    conn('institutions', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('institutions'),
    own.township,
  ),
  'whitelistEligibility(institutionId)': {
    kind: 'institution',
    async run(t, token, obj) {
      const d = data(
        await t.gql(
          `query($id: ID!) { whitelistEligibility(institutionId: $id) { eligible } }`,
          { id: ids[obj] },
          token,
        ),
      );
      return typeof d === 'string' ? d : 'visible';
    },
  },
  'escrowAccount(id)': byId('account', 'escrowAccount'),
  escrowAccounts: inList('account', conn('escrowAccounts', ''), nodes('escrowAccounts')),
  'escrowAccounts(filter.townshipCode)': inList(
    'account',
    conn('escrowAccounts', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('escrowAccounts'),
    own.township,
  ),
  escrowAlerts: inList('alert', conn('escrowAlerts', ''), nodes('escrowAlerts')),
  'escrowAlerts(filter.townshipCode)': inList(
    'alert',
    conn('escrowAlerts', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('escrowAlerts'),
    own.township,
  ),
  'complaint(id)': byId('complaint', 'complaint'),
  complaints: inList('complaint', conn('complaints', ''), nodes('complaints')),
  'complaints(filter.townshipCode)': inList(
    'complaint',
    conn('complaints', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('complaints'),
    own.township,
  ),
  'supervisionTask(id)': byId('task', 'supervisionTask'),
  supervisionTasks: inList('task', conn('supervisionTasks', ''), nodes('supervisionTasks')),
  'supervisionTasks(filter.townshipCode)': inList(
    'task',
    conn('supervisionTasks', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('supervisionTasks'),
    own.township,
  ),
  'afterSchoolPlan(id)': byId('plan', 'afterSchoolPlan'),
  afterSchoolPlans: inList('plan', conn('afterSchoolPlans', ''), nodes('afterSchoolPlans')),
  'afterSchoolPlans(filter.townshipCode)': inList(
    'plan',
    conn('afterSchoolPlans', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('afterSchoolPlans'),
    own.township,
  ),
  'unlicensedLead(id)': byId('lead', 'unlicensedLead'),
  unlicensedLeads: inList('lead', conn('unlicensedLeads', ''), nodes('unlicensedLeads')),
  'unlicensedLeads(filter.townshipCode)': inList(
    'lead',
    conn('unlicensedLeads', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('unlicensedLeads'),
    own.township,
  ),
  'creditRecord(id)': byId('creditRecord', 'creditRecord'),
  creditRecords: inList('creditRecord', conn('creditRecords', ''), nodes('creditRecords')),
  'creditRecords(filter.townshipCode)': inList(
    'creditRecord',
    conn('creditRecords', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('creditRecords'),
    own.township,
  ),
  'creditEntry(id)': byId('creditEntry', 'creditEntry'),
  creditEntries: inList('creditEntry', conn('creditEntries', ''), nodes('creditEntries')),
  'creditEntries(filter.townshipCode)': inList(
    'creditEntry',
    conn('creditEntries', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('creditEntries'),
    own.township,
  ),
  // Per-school figures: the school's row is there or not.
  'afterSchoolCoverageBySchool(filter.schoolId)': inList(
    'school',
    `query($sid: ID) { afterSchoolCoverageBySchool(filter: { semester: "${SEMESTER}", schoolId: $sid }) { schoolId } }`,
    rows('afterSchoolCoverageBySchool'),
    own.school,
  ),
  'homeworkComplianceBySchool(filter.schoolId)': inList(
    'school',
    `query($sid: ID) { homeworkComplianceBySchool(filter: { from: "2026-11-02", to: "2026-11-20", schoolId: $sid }) { schoolId } }`,
    rows('homeworkComplianceBySchool'),
    own.school,
  ),
  'familyEducationCompletion(filter.schoolId)': inList(
    'school',
    `query($sid: ID) { familyEducationCompletion(filter: { schoolYear: 2026, schoolId: $sid }) { schoolId } }`,
    rows('familyEducationCompletion'),
    own.school,
  ),
  'afterSchoolParticipation(filter.schoolId)': inList(
    'school',
    `query($sid: ID) { afterSchoolParticipation(filter: { semester: "${SEMESTER}", schoolId: $sid }) { schoolId } }`,
    rows('afterSchoolParticipation'),
    own.school,
  ),
  'teacherParticipationHours(filter.schoolId)': inList(
    'school',
    `query($sid: ID) { teacherParticipationHours(filter: { from: "2026-11-01", to: "2026-11-30", schoolId: $sid }) { schoolId } }`,
    rows('teacherParticipationHours'),
    own.school,
  ),
  homeworkRecords: inList(
    'homework',
    `{ homeworkRecords(filter: { from: "2026-11-01", to: "2026-11-30" }) { id } }`,
    rows('homeworkRecords', 'id'),
  ),
  'homeworkRecords(filter.townshipCode)': inList(
    'homework',
    `query($tc: String) { homeworkRecords(filter: { from: "2026-11-01", to: "2026-11-30", townshipCode: $tc }) { id } }`,
    rows('homeworkRecords', 'id'),
    own.township,
  ),
  'rectificationOrder(id)': byId('order', 'rectificationOrder'),
  // Prepaid contracts (一课一消) and their refunds and releases.
  'prepaidContract(id)': byId('contract', 'prepaidContract'),
  prepaidContracts: inList('contract', conn('prepaidContracts', ''), nodes('prepaidContracts')),
  prepaidRefunds: inList('refund', conn('prepaidRefunds', ''), nodes('prepaidRefunds')),
  'prepaidRefunds(filter.contractId)': inList(
    'refund',
    `query($c: ID) { prepaidRefunds(first: 100, filter: { contractId: $c }) { edges { node { id } } } }`,
    nodes('prepaidRefunds'),
    (obj) => ({ c: ids[obj === 'refundA' ? 'contractA' : 'contractB'] }),
  ),
  prepaidReleases: inList('release', conn('prepaidReleases', ''), nodes('prepaidReleases')),
  // Per-township figures: the township's row is there or not.
  afterSchoolCoverageByTownship: inList(
    'township',
    `{ afterSchoolCoverageByTownship(filter: { semester: "${SEMESTER}" }) { townshipCode } }`,
    rows('afterSchoolCoverageByTownship', 'townshipCode'),
  ),
  homeworkComplianceByTownship: inList(
    'township',
    `{ homeworkComplianceByTownship(filter: { from: "2026-11-02", to: "2026-11-20" }) { townshipCode } }`,
    rows('homeworkComplianceByTownship', 'townshipCode'),
  ),
  'escrowCoverage.byTownship': inList('township', `{ escrowCoverage { byTownship { key } } }`, (d) =>
    (d.escrowCoverage as { byTownship: { key: string }[] }).byTownship.map((r) => r.key),
  ),
  // Exam management (考试管理).
  examPlans: inList('examPlan', conn('examPlans', ''), nodes('examPlans')),
  'examPlans(filter.schoolId)': inList(
    'examPlan',
    conn('examPlans', ', filter: { schoolId: $sid }', '($sid: ID)'),
    nodes('examPlans'),
    own.schoolOf,
  ),
  schoolExams: inList('exam', conn('schoolExams', ''), nodes('schoolExams')),
  'schoolExams(filter.townshipCode)': inList(
    'exam',
    conn('schoolExams', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('schoolExams'),
    own.township,
  ),
  examViolations: inList('examViolation', conn('examViolations', ''), nodes('examViolations')),
  'examViolations(filter.schoolId)': inList(
    'examViolation',
    conn('examViolations', ', filter: { schoolId: $sid }', '($sid: ID)'),
    nodes('examViolations'),
    own.schoolOf,
  ),
  // Academic quality monitoring (学业质量监测): a result has no id of its own — it is its school's for a year,
  // grade and subject, so a result is known by its school (one result per school here). A school's trend:
  // its points, or not found.
  qualityResults: inList('quality', `{ qualityResults(first: 100) { edges { node { schoolId } } } }`, (d) =>
    (d.qualityResults as { edges: { node: { schoolId: string } }[] }).edges.map((e) => e.node.schoolId),
  ),
  'qualityResults(filter.townshipCode)': inList(
    'quality',
    `query($tc: String) { qualityResults(first: 100, filter: { townshipCode: $tc }) { edges { node { schoolId } } } }`,
    (d) => (d.qualityResults as { edges: { node: { schoolId: string } }[] }).edges.map((e) => e.node.schoolId),
    own.township,
  ),
  'qualityTrend(filter.schoolId)': inList(
    'quality',
    `query($sid: ID) { qualityTrend(filter: { grade: 6, subject: MATHEMATICS, schoolId: $sid }) { schoolId } }`,
    rows('qualityTrend'),
    own.schoolOf,
  ),
  // Enrolment plans (招生计划).
  'enrolmentPlan(id)': byId('enrolment', 'enrolmentPlan'),
  enrolmentPlans: inList('enrolment', conn('enrolmentPlans', ''), nodes('enrolmentPlans')),
  'enrolmentPlans(filter.townshipCode)': inList(
    'enrolment',
    conn('enrolmentPlans', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('enrolmentPlans'),
    own.township,
  ),
  // Teacher burden (教师负担): the demands, and the figure per school (the school's row is there or not).
  'teacherBurdenDemand(id)': byId('burden', 'teacherBurdenDemand'),
  teacherBurdenDemands: inList('burden', conn('teacherBurdenDemands', ''), nodes('teacherBurdenDemands')),
  'teacherBurdenDemands(filter.townshipCode)': inList(
    'burden',
    conn('teacherBurdenDemands', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('teacherBurdenDemands'),
    own.township,
  ),
  teacherBurdenBySchool: inList(
    'school',
    `{ teacherBurdenBySchool(filter: { month: "2026-11" }) { schoolId } }`,
    rows('teacherBurdenBySchool'),
  ),
  'teacherBurdenBySchool(filter.townshipCode)': inList(
    'school',
    `query($tc: String) { teacherBurdenBySchool(filter: { month: "2026-11", townshipCode: $tc }) { schoolId } }`,
    rows('teacherBurdenBySchool'),
    own.township,
  ),
  'teacherBurdenBySchool(filter.schoolId)': inList(
    'school',
    `query($sid: ID) { teacherBurdenBySchool(filter: { month: "2026-11", schoolId: $sid }) { schoolId } }`,
    rows('teacherBurdenBySchool'),
    own.school,
  ),
  // Cases against serving teachers (在职教师有偿补课), and a teacher's record of them.
  'teacherCase(id)': byId('teacherCase', 'teacherCase'),
  teacherCases: inList('teacherCase', conn('teacherCases', ''), nodes('teacherCases')),
  'teacherCases(filter.schoolId)': inList(
    'teacherCase',
    conn('teacherCases', ', filter: { schoolId: $sid }', '($sid: ID)'),
    nodes('teacherCases'),
    own.schoolOf,
  ),
  'teacherRecord(teacherId)': inList(
    'teacherCase',
    `query($tid: ID) { teacherRecord(teacherId: $tid) { cases { id } } }`,
    (d) => (d.teacherRecord as { cases: { id: string }[] }).cases.map((c) => c.id),
    (obj) => ({ tid: teacherOf[obj as 'teacherCaseA' | 'teacherCaseB'].id }),
  ),
  'teacherRecord(rosterHash)': inList(
    'teacherCase',
    `query($h: String) { teacherRecord(rosterHash: $h) { cases { id } } }`,
    (d) => (d.teacherRecord as { cases: { id: string }[] }).cases.map((c) => c.id),
    (obj) => ({ h: teacherOf[obj as 'teacherCaseA' | 'teacherCaseB'].hash }),
  ),
  // Administrative penalty decisions (行政处罚决定).
  'penaltyDecision(id)': byId('penalty', 'penaltyDecision'),
  penaltyDecisions: inList('penalty', conn('penaltyDecisions', ''), nodes('penaltyDecisions')),
  'penaltyDecisions(filter.townshipCode)': inList(
    'penalty',
    conn('penaltyDecisions', ', filter: { townshipCode: $tc }', '($tc: String)'),
    nodes('penaltyDecisions'),
    own.township,
  ),
  'penaltyDecisions(filter.institutionId)': inList(
    'penalty',
    conn('penaltyDecisions', ', filter: { institutionId: $i }', '($i: ID)'),
    nodes('penaltyDecisions'),
    (obj) => ({ i: ids[obj === 'penaltyA' ? 'institutionA' : 'institutionB'] }),
  ),
  // Accountability cases (问责): case A against township A, case B against the department FIRE_RESCUE.
  'accountabilityCase(id)': byId('accountability', 'accountabilityCase'),
  accountabilityCases: inList('accountability', conn('accountabilityCases', ''), nodes('accountabilityCases')),
};
type ProbeName = keyof typeof PROBES;

const BOTH = (kind: string): [Obj[], Obj[]] => [[`${kind}A`, `${kind}B`] as Obj[], []];
const ONLY_A = (kind: string): [Obj[], Obj[]] => [[`${kind}A`] as Obj[], [`${kind}B`] as Obj[]];
const ONLY_B = (kind: string): [Obj[], Obj[]] => [[`${kind}B`] as Obj[], [`${kind}A`] as Obj[]];
const NONE = (kind: string): [Obj[], Obj[]] => [[], [`${kind}A`, `${kind}B`] as Obj[]];

/**
 * THE TABLE: for each probe, each scoped role's [visible objects, objects it must not see]. A role left
 * out of a row is refused at the gate (test/security/authorization-matrix.ts holds that).
 *  - Reference data, the registry, escrow and credit: department officers and inspectors read the whole
 *    county; a township officer their township; a school administrator only its school (and no registry,
 *    escrow or credit data at all).
 *  - Complaints: EDU (and PETITIONS) officers route every complaint; other departments see those they lead
 *    or co-operate on (FIRE_SAFETY → FIRE_RESCUE in A; PRICING → DEVELOPMENT_REFORM + MARKET_REGULATION in B).
 *  - Supervision tasks: departments see the tasks they lead or co-operate on (task A led by EDU, task B led
 *    by FIRE_RESCUE with MARKET_REGULATION); a school administrator none.
 *  - After-school: EDU reads the county, other departments and inspectors none; township and school their own.
 *  - An institution administrator: its own institution's record and the complaints about it (both complaints
 *    here name their institution), nothing else.
 */
const TABLE: Record<ProbeName, Partial<Record<ScopedRole, [Obj[], Obj[]]>>> = {
  'school(id)': {
    TOWNSHIP_A: ONLY_A('school'),
    SCHOOL_A: ONLY_A('school'),
    DEPT_EDU: BOTH('school'),
    DEPT_FIRE: BOTH('school'),
    INSPECTOR_MR: BOTH('school'),
  },
  schools: {
    TOWNSHIP_A: ONLY_A('school'),
    SCHOOL_A: ONLY_A('school'),
    DEPT_EDU: BOTH('school'),
    DEPT_FIRE: BOTH('school'),
    INSPECTOR_MR: BOTH('school'),
  },
  'schools(filter.townshipCode)': {
    TOWNSHIP_A: ONLY_A('school'),
    SCHOOL_A: ONLY_A('school'),
    DEPT_EDU: BOTH('school'),
    INSPECTOR_MR: BOTH('school'),
  },
  'institution(id)': {
    INSTITUTION_A: ONLY_A('institution'),
    TOWNSHIP_A: ONLY_A('institution'),
    DEPT_EDU: BOTH('institution'),
    DEPT_FIRE: BOTH('institution'),
    INSPECTOR_MR: BOTH('institution'),
  },
  institutions: {
    INSTITUTION_A: ONLY_A('institution'),
    TOWNSHIP_A: ONLY_A('institution'),
    DEPT_EDU: BOTH('institution'),
    DEPT_FIRE: BOTH('institution'),
    INSPECTOR_MR: BOTH('institution'),
  },
  'institutions(filter.townshipCode)': {
    TOWNSHIP_A: ONLY_A('institution'),
    DEPT_FIRE: BOTH('institution'),
    INSTITUTION_A: ONLY_A('institution'),
  },
  'whitelistEligibility(institutionId)': {
    TOWNSHIP_A: ONLY_A('institution'),
    DEPT_EDU: BOTH('institution'),
    INSPECTOR_MR: BOTH('institution'),
  },
  'escrowAccount(id)': {
    TOWNSHIP_A: ONLY_A('account'),
    DEPT_EDU: BOTH('account'),
    DEPT_FIRE: BOTH('account'),
    INSPECTOR_MR: BOTH('account'),
  },
  escrowAccounts: {
    TOWNSHIP_A: ONLY_A('account'),
    DEPT_EDU: BOTH('account'),
    DEPT_FIRE: BOTH('account'),
    INSPECTOR_MR: BOTH('account'),
  },
  'escrowAccounts(filter.townshipCode)': { TOWNSHIP_A: ONLY_A('account'), INSPECTOR_MR: BOTH('account') },
  escrowAlerts: {
    TOWNSHIP_A: ONLY_A('alert'),
    DEPT_EDU: BOTH('alert'),
    DEPT_FIRE: BOTH('alert'),
    INSPECTOR_MR: BOTH('alert'),
  },
  'escrowAlerts(filter.townshipCode)': { TOWNSHIP_A: ONLY_A('alert'), DEPT_FIRE: BOTH('alert') },
  'complaint(id)': {
    INSTITUTION_A: ONLY_A('complaint'),
    TOWNSHIP_A: ONLY_A('complaint'),
    DEPT_EDU: BOTH('complaint'),
    DEPT_FIRE: ONLY_A('complaint'),
    INSPECTOR_MR: ONLY_B('complaint'),
  },
  complaints: {
    INSTITUTION_A: ONLY_A('complaint'),
    TOWNSHIP_A: ONLY_A('complaint'),
    DEPT_EDU: BOTH('complaint'),
    DEPT_FIRE: ONLY_A('complaint'),
    INSPECTOR_MR: ONLY_B('complaint'),
  },
  'complaints(filter.townshipCode)': {
    INSTITUTION_A: ONLY_A('complaint'),
    TOWNSHIP_A: ONLY_A('complaint'),
    DEPT_EDU: BOTH('complaint'),
    DEPT_FIRE: ONLY_A('complaint'),
    INSPECTOR_MR: ONLY_B('complaint'),
  },
  'supervisionTask(id)': {
    TOWNSHIP_A: ONLY_A('task'),
    SCHOOL_A: NONE('task'),
    DEPT_EDU: ONLY_A('task'),
    DEPT_FIRE: ONLY_B('task'),
    INSPECTOR_MR: ONLY_B('task'),
  },
  supervisionTasks: {
    TOWNSHIP_A: ONLY_A('task'),
    SCHOOL_A: NONE('task'),
    DEPT_EDU: ONLY_A('task'),
    DEPT_FIRE: ONLY_B('task'),
    INSPECTOR_MR: ONLY_B('task'),
  },
  'supervisionTasks(filter.townshipCode)': {
    TOWNSHIP_A: ONLY_A('task'),
    SCHOOL_A: NONE('task'),
    DEPT_EDU: ONLY_A('task'),
    DEPT_FIRE: ONLY_B('task'),
    INSPECTOR_MR: ONLY_B('task'),
  },
  'afterSchoolPlan(id)': {
    TOWNSHIP_A: ONLY_A('plan'),
    SCHOOL_A: ONLY_A('plan'),
    DEPT_EDU: BOTH('plan'),
    DEPT_FIRE: NONE('plan'),
    INSPECTOR_MR: NONE('plan'),
  },
  afterSchoolPlans: {
    TOWNSHIP_A: ONLY_A('plan'),
    SCHOOL_A: ONLY_A('plan'),
    DEPT_EDU: BOTH('plan'),
    DEPT_FIRE: NONE('plan'),
    INSPECTOR_MR: NONE('plan'),
  },
  'afterSchoolPlans(filter.townshipCode)': {
    TOWNSHIP_A: ONLY_A('plan'),
    SCHOOL_A: ONLY_A('plan'),
    DEPT_EDU: BOTH('plan'),
    DEPT_FIRE: NONE('plan'),
  },
  'unlicensedLead(id)': {
    TOWNSHIP_A: ONLY_A('lead'),
    DEPT_EDU: BOTH('lead'),
    DEPT_FIRE: BOTH('lead'),
    INSPECTOR_MR: BOTH('lead'),
  },
  unlicensedLeads: {
    TOWNSHIP_A: ONLY_A('lead'),
    DEPT_EDU: BOTH('lead'),
    DEPT_FIRE: BOTH('lead'),
    INSPECTOR_MR: BOTH('lead'),
  },
  'unlicensedLeads(filter.townshipCode)': { TOWNSHIP_A: ONLY_A('lead'), DEPT_EDU: BOTH('lead') },
  'creditRecord(id)': {
    TOWNSHIP_A: ONLY_A('creditRecord'),
    DEPT_EDU: BOTH('creditRecord'),
    DEPT_FIRE: BOTH('creditRecord'),
    INSPECTOR_MR: BOTH('creditRecord'),
  },
  creditRecords: {
    TOWNSHIP_A: ONLY_A('creditRecord'),
    DEPT_EDU: BOTH('creditRecord'),
    DEPT_FIRE: BOTH('creditRecord'),
    INSPECTOR_MR: BOTH('creditRecord'),
  },
  'creditRecords(filter.townshipCode)': { TOWNSHIP_A: ONLY_A('creditRecord'), INSPECTOR_MR: BOTH('creditRecord') },
  'creditEntry(id)': {
    TOWNSHIP_A: ONLY_A('creditEntry'),
    DEPT_EDU: BOTH('creditEntry'),
    DEPT_FIRE: BOTH('creditEntry'),
    INSPECTOR_MR: BOTH('creditEntry'),
  },
  creditEntries: {
    TOWNSHIP_A: ONLY_A('creditEntry'),
    DEPT_EDU: BOTH('creditEntry'),
    DEPT_FIRE: BOTH('creditEntry'),
    INSPECTOR_MR: BOTH('creditEntry'),
  },
  'creditEntries(filter.townshipCode)': { TOWNSHIP_A: ONLY_A('creditEntry'), DEPT_FIRE: BOTH('creditEntry') },
  // County-wide KPIs (coverage, homework compliance, family education): every department officer.
  'afterSchoolCoverageBySchool(filter.schoolId)': {
    TOWNSHIP_A: ONLY_A('school'),
    SCHOOL_A: ONLY_A('school'),
    DEPT_EDU: BOTH('school'),
    DEPT_FIRE: BOTH('school'),
    INSPECTOR_MR: NONE('school'),
  },
  'homeworkComplianceBySchool(filter.schoolId)': {
    TOWNSHIP_A: ONLY_A('school'),
    SCHOOL_A: ONLY_A('school'),
    DEPT_EDU: BOTH('school'),
    DEPT_FIRE: BOTH('school'),
    INSPECTOR_MR: NONE('school'),
  },
  'familyEducationCompletion(filter.schoolId)': {
    TOWNSHIP_A: ONLY_A('school'),
    SCHOOL_A: ONLY_A('school'),
    DEPT_EDU: BOTH('school'),
    DEPT_FIRE: BOTH('school'),
    INSPECTOR_MR: NONE('school'),
  },
  // Records: EDU (teacher hours also HUMAN_RESOURCES), not other departments.
  'afterSchoolParticipation(filter.schoolId)': {
    TOWNSHIP_A: ONLY_A('school'),
    SCHOOL_A: ONLY_A('school'),
    DEPT_EDU: BOTH('school'),
    DEPT_FIRE: NONE('school'),
    INSPECTOR_MR: NONE('school'),
  },
  'teacherParticipationHours(filter.schoolId)': {
    TOWNSHIP_A: ONLY_A('school'),
    SCHOOL_A: ONLY_A('school'),
    DEPT_EDU: BOTH('school'),
    DEPT_FIRE: NONE('school'),
    INSPECTOR_MR: NONE('school'),
  },
  homeworkRecords: {
    TOWNSHIP_A: ONLY_A('homework'),
    SCHOOL_A: ONLY_A('homework'),
    DEPT_EDU: BOTH('homework'),
    DEPT_FIRE: NONE('homework'),
    INSPECTOR_MR: NONE('homework'),
  },
  'homeworkRecords(filter.townshipCode)': {
    TOWNSHIP_A: ONLY_A('homework'),
    SCHOOL_A: ONLY_A('homework'),
    DEPT_EDU: BOTH('homework'),
  },
  afterSchoolCoverageByTownship: {
    TOWNSHIP_A: ONLY_A('township'),
    SCHOOL_A: ONLY_A('township'),
    DEPT_EDU: BOTH('township'),
    DEPT_FIRE: BOTH('township'),
    INSPECTOR_MR: NONE('township'),
  },
  homeworkComplianceByTownship: {
    TOWNSHIP_A: ONLY_A('township'),
    SCHOOL_A: ONLY_A('township'),
    DEPT_EDU: BOTH('township'),
    DEPT_FIRE: BOTH('township'),
    INSPECTOR_MR: NONE('township'),
  },
  'escrowCoverage.byTownship': {
    TOWNSHIP_A: ONLY_A('township'),
    DEPT_EDU: BOTH('township'),
    DEPT_FIRE: BOTH('township'),
    INSPECTOR_MR: BOTH('township'),
  },
  // Prepaid: an institution administrator its own; a township officer its township's; department officers
  // and inspectors the institutions of their competent department (both institutions are EDU's).
  'prepaidContract(id)': {
    INSTITUTION_A: ONLY_A('contract'),
    TOWNSHIP_A: ONLY_A('contract'),
    DEPT_EDU: BOTH('contract'),
    DEPT_FIRE: NONE('contract'),
    INSPECTOR_MR: NONE('contract'),
  },
  prepaidContracts: {
    INSTITUTION_A: ONLY_A('contract'),
    TOWNSHIP_A: ONLY_A('contract'),
    DEPT_EDU: BOTH('contract'),
    DEPT_FIRE: NONE('contract'),
    INSPECTOR_MR: NONE('contract'),
  },
  prepaidRefunds: {
    INSTITUTION_A: ONLY_A('refund'),
    TOWNSHIP_A: ONLY_A('refund'),
    DEPT_EDU: BOTH('refund'),
    DEPT_FIRE: NONE('refund'),
    INSPECTOR_MR: NONE('refund'),
  },
  'prepaidRefunds(filter.contractId)': {
    INSTITUTION_A: ONLY_A('refund'),
    TOWNSHIP_A: ONLY_A('refund'),
    DEPT_EDU: BOTH('refund'),
  },
  prepaidReleases: {
    INSTITUTION_A: ONLY_A('release'),
    TOWNSHIP_A: ONLY_A('release'),
    DEPT_EDU: BOTH('release'),
    DEPT_FIRE: NONE('release'),
    INSPECTOR_MR: NONE('release'),
  },
  // Rectification orders follow their task.
  'rectificationOrder(id)': {
    TOWNSHIP_A: ONLY_A('order'),
    SCHOOL_A: NONE('order'),
    DEPT_EDU: ONLY_A('order'),
    DEPT_FIRE: ONLY_B('order'),
    INSPECTOR_MR: ONLY_B('order'),
  },
  // Exams: EDU and the inspection office (officers and inspectors) county-wide, a township its schools, a
  // school its own; other departments' officers and inspectors empty lists (docs/modules/schools.md, Exams).
  examPlans: {
    TOWNSHIP_A: ONLY_A('examPlan'),
    SCHOOL_A: ONLY_A('examPlan'),
    DEPT_EDU: BOTH('examPlan'),
    DEPT_FIRE: NONE('examPlan'),
    INSPECTOR_MR: NONE('examPlan'),
  },
  'examPlans(filter.schoolId)': {
    TOWNSHIP_A: ONLY_A('examPlan'),
    SCHOOL_A: ONLY_A('examPlan'),
    DEPT_EDU: BOTH('examPlan'),
    DEPT_FIRE: NONE('examPlan'),
    INSPECTOR_MR: NONE('examPlan'),
  },
  schoolExams: {
    TOWNSHIP_A: ONLY_A('exam'),
    SCHOOL_A: ONLY_A('exam'),
    DEPT_EDU: BOTH('exam'),
    DEPT_FIRE: NONE('exam'),
    INSPECTOR_MR: NONE('exam'),
  },
  'schoolExams(filter.townshipCode)': {
    TOWNSHIP_A: ONLY_A('exam'),
    SCHOOL_A: ONLY_A('exam'),
    DEPT_EDU: BOTH('exam'),
    DEPT_FIRE: NONE('exam'),
    INSPECTOR_MR: NONE('exam'),
  },
  examViolations: {
    TOWNSHIP_A: ONLY_A('examViolation'),
    SCHOOL_A: ONLY_A('examViolation'),
    DEPT_EDU: BOTH('examViolation'),
    DEPT_FIRE: NONE('examViolation'),
    INSPECTOR_MR: NONE('examViolation'),
  },
  'examViolations(filter.schoolId)': {
    TOWNSHIP_A: ONLY_A('examViolation'),
    SCHOOL_A: ONLY_A('examViolation'),
    DEPT_EDU: BOTH('examViolation'),
    DEPT_FIRE: NONE('examViolation'),
    INSPECTOR_MR: NONE('examViolation'),
  },
  // Monitoring results and enrolment plans: EDU all, a township its schools, a school its own, other
  // departments none (inspectors are refused at the gate).
  qualityResults: {
    TOWNSHIP_A: ONLY_A('quality'),
    SCHOOL_A: ONLY_A('quality'),
    DEPT_EDU: BOTH('quality'),
    DEPT_FIRE: NONE('quality'),
  },
  'qualityResults(filter.townshipCode)': {
    TOWNSHIP_A: ONLY_A('quality'),
    SCHOOL_A: ONLY_A('quality'),
    DEPT_EDU: BOTH('quality'),
    DEPT_FIRE: NONE('quality'),
  },
  'qualityTrend(filter.schoolId)': {
    TOWNSHIP_A: ONLY_A('quality'),
    SCHOOL_A: ONLY_A('quality'),
    DEPT_EDU: BOTH('quality'),
    DEPT_FIRE: NONE('quality'),
  },
  'enrolmentPlan(id)': {
    TOWNSHIP_A: ONLY_A('enrolment'),
    SCHOOL_A: ONLY_A('enrolment'),
    DEPT_EDU: BOTH('enrolment'),
    DEPT_FIRE: NONE('enrolment'),
  },
  enrolmentPlans: {
    TOWNSHIP_A: ONLY_A('enrolment'),
    SCHOOL_A: ONLY_A('enrolment'),
    DEPT_EDU: BOTH('enrolment'),
    DEPT_FIRE: NONE('enrolment'),
  },
  'enrolmentPlans(filter.townshipCode)': {
    TOWNSHIP_A: ONLY_A('enrolment'),
    SCHOOL_A: ONLY_A('enrolment'),
    DEPT_EDU: BOTH('enrolment'),
    DEPT_FIRE: NONE('enrolment'),
  },
  // Teacher-burden demands: EDU and the inspection office county-wide, a township its schools, a school its
  // own, another department the demands it made (A was asked by FIRE_RESCUE, B by MARKET_REGULATION).
  'teacherBurdenDemand(id)': {
    TOWNSHIP_A: ONLY_A('burden'),
    SCHOOL_A: ONLY_A('burden'),
    DEPT_EDU: BOTH('burden'),
    DEPT_FIRE: ONLY_A('burden'),
    INSPECTOR_MR: ONLY_B('burden'),
  },
  teacherBurdenDemands: {
    TOWNSHIP_A: ONLY_A('burden'),
    SCHOOL_A: ONLY_A('burden'),
    DEPT_EDU: BOTH('burden'),
    DEPT_FIRE: ONLY_A('burden'),
    INSPECTOR_MR: ONLY_B('burden'),
  },
  'teacherBurdenDemands(filter.townshipCode)': {
    TOWNSHIP_A: ONLY_A('burden'),
    SCHOOL_A: ONLY_A('burden'),
    DEPT_EDU: BOTH('burden'),
    DEPT_FIRE: ONLY_A('burden'),
    INSPECTOR_MR: ONLY_B('burden'),
  },
  // The burden figure per school: the schools the caller sees whole (a department's own demands are not a school's figure).
  teacherBurdenBySchool: {
    TOWNSHIP_A: ONLY_A('school'),
    SCHOOL_A: ONLY_A('school'),
    DEPT_EDU: BOTH('school'),
    DEPT_FIRE: NONE('school'),
    INSPECTOR_MR: NONE('school'),
  },
  'teacherBurdenBySchool(filter.townshipCode)': {
    TOWNSHIP_A: ONLY_A('school'),
    SCHOOL_A: ONLY_A('school'),
    DEPT_EDU: BOTH('school'),
    DEPT_FIRE: NONE('school'),
    INSPECTOR_MR: NONE('school'),
  },
  'teacherBurdenBySchool(filter.schoolId)': {
    TOWNSHIP_A: ONLY_A('school'),
    SCHOOL_A: ONLY_A('school'),
    DEPT_EDU: BOTH('school'),
    DEPT_FIRE: NONE('school'),
    INSPECTOR_MR: NONE('school'),
  },
  // Teacher cases: EDU all, a township its schools, a school its own, other departments none.
  'teacherCase(id)': {
    TOWNSHIP_A: ONLY_A('teacherCase'),
    SCHOOL_A: ONLY_A('teacherCase'),
    DEPT_EDU: BOTH('teacherCase'),
    DEPT_FIRE: NONE('teacherCase'),
  },
  teacherCases: {
    TOWNSHIP_A: ONLY_A('teacherCase'),
    SCHOOL_A: ONLY_A('teacherCase'),
    DEPT_EDU: BOTH('teacherCase'),
    DEPT_FIRE: NONE('teacherCase'),
  },
  'teacherCases(filter.schoolId)': {
    TOWNSHIP_A: ONLY_A('teacherCase'),
    SCHOOL_A: ONLY_A('teacherCase'),
    DEPT_EDU: BOTH('teacherCase'),
    DEPT_FIRE: NONE('teacherCase'),
  },
  'teacherRecord(teacherId)': {
    TOWNSHIP_A: ONLY_A('teacherCase'),
    SCHOOL_A: ONLY_A('teacherCase'),
    DEPT_EDU: BOTH('teacherCase'),
    DEPT_FIRE: NONE('teacherCase'),
  },
  'teacherRecord(rosterHash)': {
    TOWNSHIP_A: ONLY_A('teacherCase'),
    SCHOOL_A: ONLY_A('teacherCase'),
    DEPT_EDU: BOTH('teacherCase'),
    DEPT_FIRE: NONE('teacherCase'),
  },
  // Penalty decisions: department officers and inspectors county-wide, a township its own (schools and
  // institutions are refused at the gate).
  'penaltyDecision(id)': {
    TOWNSHIP_A: ONLY_A('penalty'),
    DEPT_EDU: BOTH('penalty'),
    DEPT_FIRE: BOTH('penalty'),
    INSPECTOR_MR: BOTH('penalty'),
  },
  penaltyDecisions: {
    TOWNSHIP_A: ONLY_A('penalty'),
    DEPT_EDU: BOTH('penalty'),
    DEPT_FIRE: BOTH('penalty'),
    INSPECTOR_MR: BOTH('penalty'),
  },
  'penaltyDecisions(filter.townshipCode)': {
    TOWNSHIP_A: ONLY_A('penalty'),
    DEPT_EDU: BOTH('penalty'),
    DEPT_FIRE: BOTH('penalty'),
    INSPECTOR_MR: BOTH('penalty'),
  },
  'penaltyDecisions(filter.institutionId)': {
    TOWNSHIP_A: ONLY_A('penalty'),
    DEPT_EDU: BOTH('penalty'),
    DEPT_FIRE: BOTH('penalty'),
    INSPECTOR_MR: BOTH('penalty'),
  },
  // Accountability cases: a township's officers those against it, a department's those against it (EDU none here).
  'accountabilityCase(id)': {
    TOWNSHIP_A: ONLY_A('accountability'),
    DEPT_EDU: NONE('accountability'),
    DEPT_FIRE: ONLY_B('accountability'),
  },
  accountabilityCases: {
    TOWNSHIP_A: ONLY_A('accountability'),
    DEPT_EDU: NONE('accountability'),
    DEPT_FIRE: ONLY_B('accountability'),
  },
};

describe('object-level authorization: scoped roles with data inside and outside their scope', () => {
  let t: TestApp;
  const tokens = {} as Record<ScopedRole | 'ADMIN' | 'SCHOOL_B' | 'INSTITUTION_B', string>;
  let checked = 0;

  beforeAll(async () => {
    // The api role: no subscriber adds leads, tasks or credit records behind the test's back.
    t = await startTestApp({ role: 'api', clock: new FixedClock('2026-11-25T02:00:00Z') });
    await t.dataSource.transaction((em) =>
      seedReferenceDemo(
        em,
        t.runtime.config.security.piiHashKey,
        XIFENG.townships.map((x) => x.code),
      ),
    );
    const school = async (code: string) =>
      (await t.dataSource.query(`SELECT id FROM school WHERE code = $1`, [code]))[0].id as string;
    ids.townshipA = A;
    ids.townshipB = B;
    ids.schoolA = await school('DEMO-S001');
    ids.schoolB = await school('DEMO-S003');
    const token = async (role: Role, scope?: string) => (await t.loginAs(role, scope)).token;
    tokens.ADMIN = await token(Role.COUNTY_ADMIN);
    tokens.TOWNSHIP_A = await token(Role.TOWNSHIP_OFFICER, A);
    tokens.SCHOOL_A = await token(Role.SCHOOL_ADMIN, ids.schoolA);
    tokens.SCHOOL_B = await token(Role.SCHOOL_ADMIN, ids.schoolB);
    tokens.DEPT_EDU = await token(Role.DEPARTMENT_OFFICER, 'EDU');
    tokens.DEPT_FIRE = await token(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    tokens.INSPECTOR_MR = await token(Role.INSPECTOR, 'MARKET_REGULATION');

    const must = async <T>(query: string, variables: Record<string, unknown>, tok = tokens.ADMIN): Promise<T> => {
      const res = await t.gql<Record<string, T>>(query, variables, tok);
      if (!res.data) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
      return Object.values(res.data)[0]!;
    };
    const bank = await t.registerBank();
    for (const [side, township] of [
      ['A', A],
      ['B', B],
    ] as const) {
      const institution = await createInstitution(t, { townshipCode: township });
      ids[`institution${side}`] = institution.id;
      tokens[`INSTITUTION_${side}`] = await token(Role.INSTITUTION_ADMIN, institution.id);
      const account = await openAccount(t, tokens.ADMIN, bank.bankCode, institution);
      ids[`account${side}`] = account.id;
      // An alert as the monitoring rules leave it (a fixture).
      const [alert] = await t.dataSource.query(
        `INSERT INTO escrow_alert (account_id, institution_id, bank_code, account_no, township_code, type, status, details, raised_at)
         VALUES ($1, $2, $3, $4, $5, 'SHORTFALL', 'OPEN', '{}', now()) RETURNING id`,
        [account.id, institution.id, bank.bankCode, account.accountNo, township],
      );
      ids[`alert${side}`] = alert.id;
      const [entry] = await t.dataSource.query(
        `INSERT INTO credit_entry (institution_id, institution_name, credit_code, township_code, kind, reason_code, reason, status, effective_on, proposed_by_name, proposed_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'WHITE', 'COMPLIANT', '规范经营', 'PUBLISHED', '2026-11-01', 'fixture', now(), now(), now()) RETURNING id`,
        [institution.id, institution.name, institution.creditCode, township],
      );
      ids[`creditEntry${side}`] = entry.id;
      ids[`creditRecord${side}`] = (
        await must<{ id: string }>(`mutation($input: RecordCreditInput!) { recordCredit(input: $input) { id } }`, {
          input: {
            institutionId: institution.id,
            kind: 'VIOLATION',
            source: 'MANUAL',
            severity: 'MINOR',
            summary: `测试违规 ${side}`,
          },
        })
      ).id;
      // A prepaid contract registered by the county office (paper contract), a refund registered by staff, and
      // a release as the release task leaves it (a fixture: the api role runs no deposit matching).
      const [course] = await t.dataSource.query(
        `INSERT INTO course (institution_id, name, topic, subject, target_grades, mode, lesson_minutes, price_per_hour_fen,
           term_start, term_end, weekly_slots, extra_sessions, created_at)
         VALUES ($1, '少儿美术', 'ART', false, '{3,4}', 'OFFLINE', 60, 10000, '2026-09-01', '2026-12-31', '[]', '[]', now()) RETURNING id`,
        [institution.id],
      );
      ids[`contract${side}`] = (
        await must<{ contract: { id: string } }>(
          `mutation($i: RegisterPrepaidContractInput!) { registerPrepaidContract(input: $i) { contract { id } } }`,
          {
            i: {
              institutionId: institution.id,
              courseId: course.id,
              studentName: `学生${side}`,
              payerName: `家长${side}`,
              payerPhone: side === 'A' ? '13800000001' : '13800000002',
              lessonsBought: 10,
              pricePerLesson: '100.00',
              periodStart: '2026-11-25',
              periodEnd: '2026-12-31',
              paymentRoute: 'ESCROW_ACCOUNT',
              paymentMethod: 'BANK_TRANSFER',
              refundTerms: '未消课时按合同单价全额退还',
            },
          },
        )
      ).contract.id;
      ids[`refund${side}`] = (
        await must<{ id: string }>(
          `mutation($i: RegisterPrepaidRefundInput!) { registerPrepaidRefund(input: $i) { id } }`,
          { i: { contractId: ids[`contract${side}`], note: '家长来信' } },
        )
      ).id;
      const [release] = await t.dataSource.query(
        `INSERT INTO prepaid_release (account_id, institution_id, amount_fen, contract_ids, contract_fens, status, created_at)
         VALUES ($1, $2, 10000, ARRAY[$3::uuid], ARRAY[10000::bigint], 'INSTRUCTED', now()) RETURNING id`,
        [account.id, institution.id, ids[`contract${side}`]],
      );
      ids[`release${side}`] = release.id;
      const contact = side === 'A' ? CONTACT_A : CONTACT_B;
      ids[`complaint${side}`] = (
        await must<{ id: string }>(
          `mutation($input: RegisterComplaintInput!) { registerComplaint(input: $input) { id } }`,
          {
            input: {
              channel: 'HOTLINE_12345',
              category: side === 'A' ? 'FIRE_SAFETY' : 'PRICING',
              description: `投诉 ${side}`,
              townshipCode: township,
              institutionId: institution.id,
              contactName: contact.name,
              contactPhone: contact.phone,
            },
          },
        )
      ).id;
      ids[`task${side}`] = (
        await must<{ id: string }>(
          `mutation($input: CreateSupervisionTaskInput!) { createSupervisionTask(input: $input) { id } }`,
          {
            input: {
              type: 'SPECIAL_INSPECTION',
              title: `专项督导 ${side}`,
              targetKind: 'INSTITUTION',
              targetId: institution.id,
              leadDepartmentCode: side === 'A' ? 'EDU' : 'FIRE_RESCUE',
              cooperatingDepartmentCodes: side === 'A' ? [] : ['MARKET_REGULATION'],
              dueAt: '2026-12-10T10:00:00+08:00',
            },
          },
        )
      ).id;
      ids[`plan${side}`] = (
        await must<{ id: string }>(
          `mutation($input: SavePlanInput!) { saveAfterSchoolPlan(input: $input) { id } }`,
          {
            input: {
              schoolId: ids[`school${side}`],
              semester: SEMESTER,
              timeSlots: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '15:30', end: '17:30' })),
              basicCare: '作业辅导',
              customisedServices: ['书法'],
              staff: [{ kind: 'VOLUNTEER', name: '团县委志愿者' }],
            },
          },
          side === 'A' ? tokens.SCHOOL_A : tokens.SCHOOL_B,
        )
      ).id;
      // A finding and a rectification order on the task; after-school records of the school.
      await must(`mutation($id: ID!) { startTask(input: { id: $id }) { id } }`, { id: ids[`task${side}`] });
      const finding = await must<{ id: string }>(
        `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`,
        {
          input: { taskId: ids[`task${side}`], summary: `发现问题 ${side}` },
        },
      );
      ids[`order${side}`] = (
        await must<{ id: string }>(
          `mutation($input: IssueRectificationOrderInput!) { issueRectificationOrder(input: $input) { id } }`,
          {
            input: { findingId: finding.id, requirements: `限期整改 ${side}`, deadlineAt: '2026-12-20T10:00:00+08:00' },
          },
        )
      ).id;
      const schoolToken = side === 'A' ? tokens.SCHOOL_A : tokens.SCHOOL_B;
      const schoolId = ids[`school${side}`];
      await must(
        `mutation($input: ParticipationInput!) { recordAfterSchoolParticipation(input: $input) { served } }`,
        {
          input: { schoolId, semester: SEMESTER, grade: 3, className: '3(1)班', enrolled: 40, asked: 30, served: 30 },
        },
        schoolToken,
      );
      const [teacher] = await t.dataSource.query(
        `SELECT id, id_number_hash FROM teacher WHERE school_id = $1 ORDER BY name LIMIT 1`,
        [schoolId],
      );
      await must(
        `mutation($input: TeacherHoursInput!) { recordTeacherParticipation(input: $input) }`,
        {
          input: { schoolId, teacherId: teacher.id, date: '2026-11-24', minutes: 120 },
        },
        schoolToken,
      );
      ids[`homework${side}`] = (
        await must<{ id: string }>(
          `mutation($input: PublishHomeworkInput!) { publishHomework(input: $input) { id } }`,
          {
            input: {
              schoolId,
              grade: 3,
              className: '3(1)班',
              date: '2026-11-24',
              subjects: [{ subject: '数学', minutes: 30 }],
            },
          },
          schoolToken,
        )
      ).id;
      ids[`lead${side}`] = (
        await must<{ id: string }>(
          `mutation($input: RecordLeadInput!) { recordUnlicensedLead(input: $input) { id } }`,
          {
            input: {
              description: `线索 ${side}`,
              kind: 'UNLICENSED',
              location: '某小区',
              source: 'GRID_PATROL',
              townshipCode: township,
            },
          },
          side === 'A' ? tokens.TOWNSHIP_A : tokens.ADMIN,
        )
      ).id;
      // Exams: a plan with a mid-term exam in a primary school (a violation) and an exam held.
      const recorded = await must<{ plan: { id: string }; violations: { id: string }[] }>(
        `mutation($input: RecordExamPlanInput!) { recordExamPlan(input: $input) { plan { id } violations { id } } }`,
        {
          input: {
            schoolId,
            term: SEMESTER,
            entries: [
              { kind: 'MID_TERM', format: 'PAPER', grades: [4], subjects: ['数学'], plannedDate: '2026-11-10' },
            ],
          },
        },
        schoolToken,
      );
      ids[`examPlan${side}`] = recorded.plan.id;
      ids[`examViolation${side}`] = recorded.violations[0]!.id;
      ids[`exam${side}`] = (
        await must<{ exam: { id: string } }>(
          `mutation($input: RecordExamInput!) { recordExam(input: $input) { exam { id } } }`,
          {
            input: {
              schoolId,
              term: SEMESTER,
              grade: 5,
              kind: 'END_OF_TERM',
              format: 'PAPER',
              organiser: 'SCHOOL',
              subjects: ['语文'],
              date: '2026-11-20',
            },
          },
          schoolToken,
        )
      ).exam.id;
      ids[`quality${side}`] = (
        await must<{ schoolId: string }>(
          `mutation($input: RecordQualityResultInput!) { recordQualityResult(input: $input) { schoolId } }`,
          {
            input: {
              schoolId,
              year: 2026,
              grade: 6,
              subject: 'MATHEMATICS',
              assessedCount: 100,
              excellentPercent: 10,
              goodPercent: 30,
              passPercent: 40,
              improvePercent: 20,
            },
          },
        )
      ).schoolId;
      // An enrolment plan as the school's submission leaves it (a fixture: no calendar or service area needed).
      const [enrolment] = await t.dataSource.query(
        `INSERT INTO enrolment_plan (school_id, township_code, year, sector, status, places, registration_start,
           registration_end, admission_date, admission_method, recorded_by, recorded_at)
         VALUES ($1, $2, 2027, 'PUBLIC', 'SUBMITTED', '[{"grade":1,"places":90}]', '2027-07-01', '2027-07-10',
           '2027-08-20', 'SERVICE_AREA', 'fixture', now()) RETURNING id`,
        [schoolId, township],
      );
      ids[`enrolment${side}`] = enrolment.id;
      ids[`burden${side}`] = (
        await must<{ id: string }>(
          `mutation($input: RecordTeacherBurdenDemandInput!) { recordTeacherBurdenDemand(input: $input) { id } }`,
          {
            input: {
              schoolId,
              kind: 'CAMPUS_ACTIVITY',
              title: `进校园活动 ${side}`,
              requesterDepartmentCode: side === 'A' ? 'FIRE_RESCUE' : 'MARKET_REGULATION',
              startsOn: '2026-11-18',
              endsOn: '2026-11-18',
              teachersInvolved: 4,
              teacherHours: 8,
              approvalReference: `息双减进校园〔2026〕${side === 'A' ? 7 : 8}号`,
            },
          },
          schoolToken,
        )
      ).id;
      // A teacher case as opening it from the complaint leaves it (a fixture: the complaint is not about tutoring).
      const [teacherCase] = await t.dataSource.query(
        `INSERT INTO teacher_case (teacher_id, roster_hash, teacher_name, school_id, township_code, source_kind, source_ref,
           complaint_id, status, opened_at, opened_by, decision_due_on)
         SELECT id, id_number_hash, name, school_id, $2, 'COMPLAINT', $3::text, $3::uuid, 'OPEN', now(), 'fixture', '2026-12-25'
           FROM teacher WHERE id = $1 RETURNING id`,
        [teacher.id, township, ids[`complaint${side}`]],
      );
      ids[`teacherCase${side}`] = teacherCase.id;
      teacherOf[`teacherCase${side}`] = { id: teacher.id, hash: teacher.id_number_hash };
      ids[`penalty${side}`] = (
        await must<{ id: string }>(`mutation($input: DecidePenaltyInput!) { decidePenalty(input: $input) { id } }`, {
          input: {
            decisionNumber: `息教罚决字〔2026〕9${side === 'A' ? 1 : 2}号`,
            institutionId: institution.id,
            kinds: ['WARNING'],
            legalBasis: '《校外培训行政处罚暂行办法》第十四条',
            facts: `超范围培训 ${side}`,
            decidingDepartmentCode: 'EDU',
            noticeServedOn: '2026-11-20',
            decidedOn: '2026-11-24',
          },
        })
      ).id;
      // An accountability case as a level-3 escalation leaves it (a fixture): A against township A, B
      // against the department FIRE_RESCUE (department scope; both townships' officers are outside it).
      const [accountability] = await t.dataSource.query(
        `INSERT INTO accountability_case (party_kind, party_code, status, opened_at, statement_due_at, decision_due_at, updated_at)
         VALUES ($1, $2, 'OPEN', now(), now() + interval '5 days', now() + interval '15 days', now()) RETURNING id`,
        side === 'A' ? ['TOWNSHIP', A] : ['DEPARTMENT', 'FIRE_RESCUE'],
      );
      ids[`accountability${side}`] = accountability.id;
    }
    await must(`mutation($input: AddStaffInput!) { addStaff(input: $input) { id } }`, {
      input: { institutionId: ids.institutionA, name: '赵某', idNumber: STAFF_ID_NUMBER, position: 'TEACHER' },
    });
  });
  afterAll(async () => {
    recordSummary('scoped objects × roles checked', checked);
    console.log(`scoped objects × roles checked: ${checked}`);
    await t?.close();
  });

  it('has a row for every probe, each naming objects of its own kind, both sides covered for each role', () => {
    for (const [name, row] of Object.entries(TABLE)) {
      const probe = PROBES[name]!;
      expect(probe).toBeDefined();
      for (const [, [visible, hidden]] of Object.entries(row)) {
        expect([...visible, ...hidden].every((o) => o === `${probe.kind}A` || o === `${probe.kind}B`)).toBe(true);
        expect([...visible, ...hidden].sort()).toEqual([`${probe.kind}A`, `${probe.kind}B`]);
      }
    }
    expect(Object.keys(PROBES).sort()).toEqual(Object.keys(TABLE).sort());
    // Every object is probed, and every scoped role appears with in- and out-of-scope objects somewhere.
    const kinds = new Set(Object.values(PROBES).map((p) => p.kind));
    expect(OBJECTS.filter((o) => !kinds.has(o.slice(0, -1)))).toEqual([]);
    for (const role of ROLES) {
      const rowsOfRole = Object.values(TABLE).flatMap((row) => (row[role] ? [row[role]!] : []));
      expect(rowsOfRole.some(([visible]) => visible.length > 0)).toBe(true);
      expect(rowsOfRole.some(([, hidden]) => hidden.length > 0)).toBe(true);
    }
  });

  it.each(Object.keys(TABLE))('%s: each scoped role sees the objects in its scope and not the others', async (name) => {
    const probe = PROBES[name]!;
    const seen: string[] = [];
    const expected: string[] = [];
    for (const [role, [visible, hidden]] of Object.entries(TABLE[name]!) as [ScopedRole, [Obj[], Obj[]]][]) {
      for (const obj of [...visible, ...hidden]) {
        const outcome = await probe.run(t, tokens[role], obj);
        checked++;
        // Out of scope by id: like a record that does not exist. In a list: simply not there.
        const shown =
          outcome === 'visible'
            ? 'visible'
            : outcome === 'absent' || /^error:[A-Z_]*NOT_FOUND$/.test(outcome)
              ? 'hidden'
              : outcome;
        seen.push(`${role} ${obj}: ${shown}`);
        expected.push(`${role} ${obj}: ${visible.includes(obj) ? 'visible' : 'hidden'}`);
      }
    }
    expect(seen).toEqual(expected);
  });

  it('answers a township officer asking for another township’s figures with their own, or FORBIDDEN — never the other township’s', async () => {
    const figures = (tok: string, tc: string) =>
      t.gql<{ registryDashboard: { openLeads: number } }>(
        `query($tc: String) { registryDashboard(townshipCode: $tc) { openLeads } }`,
        { tc },
        tok,
      );
    const ownA = (await figures(tokens.ADMIN, A)).data!.registryDashboard.openLeads;
    // One more open lead in B, so the figures of A and B differ.
    await t.gql(
      `mutation($input: RecordLeadInput!) { recordUnlicensedLead(input: $input) { id } }`,
      {
        input: { description: '线索 B2', kind: 'ONLINE', location: '网上', source: 'PUBLIC_OPINION', townshipCode: B },
      },
      tokens.ADMIN,
    );
    const ownB = (await figures(tokens.ADMIN, B)).data!.registryDashboard.openLeads;
    expect(ownB).not.toBe(ownA);
    // Refused like the KPI dashboard below (it used to answer with A's own figures, silently).
    const other = await figures(tokens.TOWNSHIP_A, B);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(other.data?.registryDashboard ?? null).toBeNull();
    expect((await figures(tokens.TOWNSHIP_A, A)).data!.registryDashboard.openLeads).toBe(ownA);
    const dashboard = await t.gql(
      `query($tc: String) { dashboard(townshipCode: $tc) { townshipCode } }`,
      { tc: B },
      tokens.TOWNSHIP_A,
    );
    expect(dashboard.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(dashboard.data?.dashboard ?? null).toBeNull();
    const trend = await t.gql(
      `query($tc: String) { dashboardTrend(kpi: COMPLAINTS_RECEIVED, from: "2026-01-01", to: "2026-11-25", townshipCode: $tc) { month value } }`,
      { tc: B },
      tokens.TOWNSHIP_A,
    );
    expect(trend.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const mine = await t.gql<{ dashboard: { townshipCode: string } }>(
      `query($tc: String) { dashboard(townshipCode: $tc) { townshipCode } }`,
      { tc: A },
      tokens.TOWNSHIP_A,
    );
    expect(mine.data?.dashboard.townshipCode).toBe(A);
    checked += 4;
  });

  it('keeps a complainant’s contact masked for every role but the officers of the assigned departments', async () => {
    type Contact = { name: string | null; phone: string | null; masked: boolean };
    const contactOf = async (tok: string, obj: Obj) =>
      (
        await t.gql<{ complaint: { contact: Contact } }>(
          `query($id: ID!) { complaint(id: $id) { contact { name phone masked } } }`,
          { id: ids[obj] },
          tok,
        )
      ).data?.complaint.contact;
    const masked = { name: '张*', phone: '138****1234', masked: true };
    // Complaint A (FIRE_SAFETY): FIRE_RESCUE leads it.
    expect(await contactOf(tokens.ADMIN, 'complaintA')).toEqual(masked);
    expect(await contactOf(tokens.TOWNSHIP_A, 'complaintA')).toEqual(masked);
    expect(await contactOf(tokens.DEPT_EDU, 'complaintA')).toEqual(masked);
    expect(await contactOf(tokens.DEPT_FIRE, 'complaintA')).toEqual({ ...CONTACT_A, masked: false });
    // The institution the complaint is about sees it as the township officer does.
    expect(await contactOf(tokens.INSTITUTION_A, 'complaintA')).toEqual(masked);
    // Complaint B (PRICING): MARKET_REGULATION co-operates, so its inspector sees it in clear; EDU routes it but does not.
    expect(await contactOf(tokens.INSPECTOR_MR, 'complaintB')).toEqual({ ...CONTACT_B, masked: false });
    expect(await contactOf(tokens.DEPT_EDU, 'complaintB')).toEqual({ name: '李*', phone: '139****1111', masked: true });
    // In a list too.
    const listed = await t.gql<{ complaints: { edges: { node: { id: string; contact: Contact } }[] } }>(
      `{ complaints(first: 100) { edges { node { id contact { name phone masked } } } } }`,
      {},
      tokens.TOWNSHIP_A,
    );
    expect(listed.data?.complaints.edges.map((e) => e.node)).toEqual([{ id: ids.complaintA, contact: masked }]);
    const ownList = await t.gql<{ complaints: { edges: { node: { id: string; contact: Contact } }[] } }>(
      `{ complaints(first: 100) { edges { node { id contact { name phone masked } } } } }`,
      {},
      tokens.INSTITUTION_A,
    );
    expect(ownList.data?.complaints.edges.map((e) => e.node)).toEqual([{ id: ids.complaintA, contact: masked }]);
    checked += 9;
  });

  it('refuses commands on objects outside the caller’s scope like missing ones, changing nothing', async () => {
    const guarded = [
      'complaint',
      'complaint_timeline_entry',
      'complaint_institution_reply',
      'unlicensed_lead',
      'supervision_task',
      'after_school_participation',
      'homework_record',
      'escrow_alert',
      'audit_log',
    ];
    const before = await fingerprint(t.dataSource, guarded);
    const attempts: [ScopedRole, string, Record<string, unknown>, string][] = [
      [
        'TOWNSHIP_A',
        `mutation($id: ID!) { acceptComplaint(input: { complaintId: $id }) { id } }`,
        { id: ids.complaintB },
        'COMPLAINT_NOT_FOUND',
      ],
      [
        'DEPT_FIRE',
        `mutation($id: ID!) { startComplaintInvestigation(input: { complaintId: $id }) { id } }`,
        { id: ids.complaintB },
        'COMPLAINT_NOT_FOUND',
      ],
      [
        'TOWNSHIP_A',
        `mutation($id: ID!) { startLeadInvestigation(input: { id: $id, note: "查" }) { id } }`,
        { id: ids.leadB },
        'LEAD_NOT_FOUND',
      ],
      ['DEPT_FIRE', `mutation($id: ID!) { startTask(input: { id: $id }) { id } }`, { id: ids.taskA }, 'TASK_NOT_FOUND'],
      [
        'SCHOOL_A',
        `mutation($input: ParticipationInput!) { recordAfterSchoolParticipation(input: $input) { served } }`,
        {
          input: {
            schoolId: ids.schoolB,
            semester: SEMESTER,
            grade: 4,
            className: '4(1)班',
            enrolled: 40,
            asked: 30,
            served: 30,
          },
        },
        'SCHOOL_NOT_FOUND',
      ],
      [
        'SCHOOL_A',
        `mutation($input: PublishHomeworkInput!) { publishHomework(input: $input) { id } }`,
        { input: { schoolId: ids.schoolB, grade: 4, className: '4(1)班', date: '2026-11-24', subjects: [] } },
        'SCHOOL_NOT_FOUND',
      ],
      [
        'TOWNSHIP_A',
        `mutation($input: RecordLeadInput!) { recordUnlicensedLead(input: $input) { id } }`,
        { input: { description: '越界线索', kind: 'OTHER', location: '别处', source: 'GRID_PATROL', townshipCode: B } },
        'LEAD_OUTSIDE_TOWNSHIP',
      ],
      [
        'INSTITUTION_A',
        `mutation($id: ID!) { replyToComplaintAsInstitution(input: { complaintId: $id, text: "说明" }) { id } }`,
        { id: ids.complaintB },
        'COMPLAINT_NOT_FOUND',
      ],
    ];
    const outcomes = [];
    for (const [role, mutation, variables] of attempts) {
      const res = await t.gql(mutation, variables, tokens[role]);
      outcomes.push(String(res.errors?.[0]?.extensions?.code ?? 'ALLOWED'));
      checked++;
    }
    expect(outcomes).toEqual(attempts.map(([, , , code]) => code));
    expect(await fingerprint(t.dataSource, guarded)).toEqual(before);
  });

  it('shows staff ID numbers masked to every role that sees the institution', async () => {
    for (const tok of [
      tokens.ADMIN,
      tokens.TOWNSHIP_A,
      tokens.DEPT_EDU,
      tokens.DEPT_FIRE,
      tokens.INSPECTOR_MR,
      tokens.INSTITUTION_A,
    ]) {
      const res = await t.gql<{ institution: { staff: { idNumberMasked: string }[] } }>(
        `query($id: ID!) { institution(id: $id) { staff { name idNumberMasked } } }`,
        { id: ids.institutionA },
        tok,
      );
      expect(res.data?.institution.staff).toEqual([{ name: '赵某', idNumberMasked: '5201**********1234' }]);
      expect(JSON.stringify(res)).not.toContain(STAFF_ID_NUMBER);
      checked++;
    }
  });
});
