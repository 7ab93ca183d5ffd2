import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { piiHash } from '../../src/platform/crypto/crypto';
import { EventPublisher } from '../../src/platform/events';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

/**
 * Cases against serving teachers who tutor for pay (issue #22): a roster match or an accepted paid-tutoring
 * complaint opens a case (once per teacher and source), the school and EDU are told, EDU records the outcome,
 * a referral reaches the discipline commission, and the teacher's record lists the cases by roster hash.
 * Every refusal leaves the stored case as it was. On the fixed clock (2026-11-25, Beijing time).
 */
const CASE = `id teacherId teacherName rosterHash schoolId townshipCode source institutionId staffId complaintId status
  decisionDueOn overdue outcome outcomeReason decidedBy`;
const CASES = `query($filter: TeacherCaseFilter) { teacherCases(first: 50, filter: $filter) { totalCount edges { node { ${CASE} } } } }`;
const ONE = `query($id: ID!) { teacherCase(id: $id) { ${CASE}
  school { id name } institution { id name } complaint { id category } teacherRecord { rosterHash openCount cases { id } } } }`;
const RECORD = `mutation($input: RecordTeacherCaseOutcomeInput!) { recordTeacherCaseOutcome(input: $input) { ${CASE} } }`;
const OPEN = `mutation($input: OpenTeacherCaseInput!) { openTeacherCase(input: $input) { ${CASE} } }`;
const TEACHER_RECORD = `query($teacherId: ID, $rosterHash: String) { teacherRecord(teacherId: $teacherId, rosterHash: $rosterHash) {
  rosterHash teacherId teacherName openCount warningCount sanctionReferredCount cases { id source status outcome } } }`;

interface CaseView {
  id: string;
  teacherId: string;
  teacherName: string;
  rosterHash: string;
  schoolId: string;
  townshipCode: string;
  source: string;
  institutionId: string | null;
  staffId: string | null;
  complaintId: string | null;
  status: string;
  decisionDueOn: string;
  overdue: boolean;
  outcome: string | null;
  outcomeReason: string | null;
  decidedBy: string | null;
}

describe('cases against serving teachers (schools)', () => {
  let t: TestApp;
  let edu: LoggedIn;
  let admin: LoggedIn;
  let fire: LoggedIn;
  let disciplineDept: LoggedIn;
  let supervisor: LoggedIn;
  let townshipA: LoggedIn;
  let townshipB: LoggedIn;
  let schoolAdminA: LoggedIn;
  let schoolAdminB: LoggedIn;
  const ID_A = '52012219800101123X';
  const ID_B = '520122198502024567';
  let hashA: string;
  let schoolA: string;
  let schoolB: string;
  let teacherA: string;
  let teacherB: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-11-25T02:00:00Z') });
    const key = t.runtime.config.security.piiHashKey;
    hashA = piiHash(key, ID_A);
    [{ id: schoolA }] = await t.dataSource.query(
      `INSERT INTO school (code, name, township_code, stage) VALUES ('TC-A', '永阳测试小学', '520122001', 'PRIMARY') RETURNING id`,
    );
    [{ id: schoolB }] = await t.dataSource.query(
      `INSERT INTO school (code, name, township_code, stage) VALUES ('TC-B', '永靖测试中学', '520122100', 'JUNIOR') RETURNING id`,
    );
    [{ id: teacherA }] = await t.dataSource.query(
      `INSERT INTO teacher (school_id, name, id_number_hash) VALUES ($1, '赵老师', $2) RETURNING id`,
      [schoolA, hashA],
    );
    [{ id: teacherB }] = await t.dataSource.query(
      `INSERT INTO teacher (school_id, name, id_number_hash) VALUES ($1, '钱老师', $2) RETURNING id`,
      [schoolB, piiHash(key, ID_B)],
    );
    [edu, admin, fire, disciplineDept, supervisor, townshipA, townshipB, schoolAdminA, schoolAdminB] =
      await Promise.all([
        t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU'),
        t.loginAs(Role.COUNTY_ADMIN),
        t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE'),
        t.loginAs(Role.DEPARTMENT_OFFICER, 'DISCIPLINE'),
        t.loginAs(Role.DISCIPLINE_SUPERVISOR),
        t.loginAs(Role.TOWNSHIP_OFFICER, '520122001'),
        t.loginAs(Role.TOWNSHIP_OFFICER, '520122100'),
        t.loginAs(Role.SCHOOL_ADMIN, schoolA),
        t.loginAs(Role.SCHOOL_ADMIN, schoolB),
      ]);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  const cases = async (who: LoggedIn, filter: Record<string, unknown> = {}) => {
    const res = await t.gql<{ teacherCases: { totalCount: number; edges: { node: CaseView }[] } }>(
      CASES,
      { filter },
      who.token,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.teacherCases.edges.map((e) => e.node);
  };
  const row = async (id: string) =>
    (await t.dataSource.query(`SELECT * FROM teacher_case WHERE id = $1`, [id]))[0] as Record<string, unknown>;
  const targets = async (kind: string, id: string) =>
    (
      await t.dataSource.query(
        `SELECT t.target_kind || ':' || t.target_value AS target FROM notification n
         JOIN notification_target t ON t.notification_id = n.id WHERE n.kind = $1 AND n.entity_id = $2 ORDER BY 1`,
        [kind, id],
      )
    ).map((r: { target: string }) => r.target);
  const count = async (sql: string, params: unknown[]) =>
    ((await t.dataSource.query(sql, params))[0] as { n: number }).n;
  const record = (who: LoggedIn, input: Record<string, unknown>) =>
    t.gql<{ recordTeacherCaseOutcome: CaseView }>(RECORD, { input }, who.token);
  const open = (who: LoggedIn, input: Record<string, unknown>) =>
    t.gql<{ openTeacherCase: CaseView }>(OPEN, { input }, who.token);
  const complaint = async (category: string): Promise<string> => {
    const res = await t.gql<{ registerComplaint: { id: string } }>(
      `mutation($input: RegisterComplaintInput!) { registerComplaint(input: $input) { id } }`,
      {
        input: {
          channel: 'HOTLINE_12345',
          category,
          description: '家长反映：钱老师周末在家中有偿补课',
          townshipCode: '520122100',
          anonymous: true,
        },
      },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.registerComplaint.id;
  };
  const accept = async (id: string) => {
    const res = await t.gql(
      `mutation($input: ComplaintReplyInput!) { acceptComplaint(input: $input) { id status } }`,
      { input: { complaintId: id } },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
  };
  /** Moves the test clock; access tokens are short, so everyone's is issued anew at the new time. */
  const moveClockTo = (instant: string) => {
    t.clock.set(instant);
    for (const who of [edu, admin, fire, disciplineDept, supervisor, townshipA, townshipB, schoolAdminA, schoolAdminB])
      who.token = t.tokenFor(who.id);
  };
  let matchCase: CaseView;
  let complaintCase: CaseView;
  let tutoringComplaint: string;

  it('opens a case when a roster teacher is found on an institution’s staff, once per staff record, and tells the school and EDU', async () => {
    const inst = await createInstitution(t);
    const added = await t.gql<{ addStaff: { id: string } }>(
      `mutation($input: AddStaffInput!) { addStaff(input: $input) { id } }`,
      { input: { institutionId: inst.id, name: '赵某', idNumber: ID_A, position: 'TEACHER' } },
      edu.token,
    );
    expect(added.errors).toBeUndefined();
    await t.settle();
    const [c] = await cases(edu);
    expect(c).toMatchObject({
      teacherId: teacherA,
      teacherName: '赵老师',
      rosterHash: hashA,
      schoolId: schoolA,
      townshipCode: '520122001',
      source: 'ROSTER_MATCH',
      institutionId: inst.id,
      staffId: added.data!.addStaff.id,
      complaintId: null,
      status: 'OPEN',
      decisionDueOn: '2026-12-25', // schools.teacher_case_decision_days (30) from 2026-11-25
      overdue: false,
      outcome: null,
    });
    matchCase = c!;
    // The ID number is nowhere in the case, its audit row or its event.
    expect(JSON.stringify(await row(c!.id))).not.toContain(ID_A);
    const [audit] = await t.dataSource.query(
      `SELECT actor_kind, summary FROM audit_log WHERE action = 'schools.teacher_case.opened' AND entity_id = $1`,
      [c!.id],
    );
    expect(audit.actor_kind).toBe('system');
    expect(JSON.stringify(audit.summary)).not.toContain(ID_A);
    const [event] = await t.dataSource.query(`SELECT payload FROM outbox WHERE name = 'schools.teacher_case.opened'`);
    expect(event.payload).toEqual({
      caseId: c!.id,
      teacherId: teacherA,
      schoolId: schoolA,
      townshipCode: '520122001',
      source: 'ROSTER_MATCH',
      institutionId: inst.id,
      complaintId: null,
      decisionDueOn: '2026-12-25',
    });
    expect(await targets('schools.teacher_case.opened', c!.id)).toEqual([`DEPARTMENT:EDU`, `SCHOOL:${schoolA}`]);

    // The same match again (a roster import re-checking the staff publishes it anew): no second case.
    await t.dataSource.transaction((em) =>
      t.app.get(EventPublisher).publish(em, 'registry.staff.in_service_teacher_found', {
        institutionId: inst.id,
        staffId: added.data!.addStaff.id,
        teacherId: teacherA,
        schoolId: schoolA,
        townshipCode: '520122001',
      }),
    );
    await t.settle();
    expect(await count(`SELECT count(*)::int AS n FROM teacher_case`, [])).toBe(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'schools.teacher_case.opened'`, []),
    ).toBe(1);

    // The links: school, institution, the teacher's record.
    const one = await t.gql<{ teacherCase: Record<string, unknown> }>(ONE, { id: c!.id }, edu.token);
    expect(one.errors).toBeUndefined();
    expect(one.data!.teacherCase).toMatchObject({
      school: { id: schoolA, name: '永阳测试小学' },
      institution: { id: inst.id },
      complaint: null,
      teacherRecord: { rosterHash: hashA, openCount: 1, cases: [{ id: c!.id }] },
    });
  });

  it('shows a case to EDU, the county, the discipline supervisor, its township and its school only', async () => {
    const visible = async (who: LoggedIn) => (await cases(who)).map((c) => c.id);
    for (const who of [edu, admin, supervisor, townshipA, schoolAdminA])
      expect(await visible(who)).toEqual([matchCase.id]);
    for (const who of [townshipB, schoolAdminB, fire, disciplineDept]) expect(await visible(who)).toEqual([]);
    const hidden = await t.gql<{ teacherCase: unknown }>(ONE, { id: matchCase.id }, schoolAdminB.token);
    expect(hidden.data!.teacherCase).toBeNull();
    expectGqlError(hidden, 'TEACHER_CASE_NOT_FOUND');
    // The record by id shows neither the cases nor the hash to someone outside the case's scope.
    const rec = await t.gql<{ teacherRecord: { rosterHash: string | null; cases: unknown[] } }>(
      TEACHER_RECORD,
      { teacherId: teacherA },
      townshipB.token,
    );
    expect(rec.data!.teacherRecord).toMatchObject({ rosterHash: null, cases: [] });
  });

  it('opens a case from an accepted paid-tutoring complaint, once per teacher and complaint, and refuses other complaints and callers', async () => {
    tutoringComplaint = await complaint('TEACHER_PAID_TUTORING');
    const fireComplaint = await complaint('FIRE_SAFETY');
    const input = { complaintId: tutoringComplaint, teacherId: teacherB, note: '家长来电反映，已初步核实' };
    // Not yet accepted, another category, or by someone other than EDU / the county office.
    expectGqlError(await open(edu, input), 'COMPLAINT_NOT_PAID_TUTORING');
    await accept(tutoringComplaint);
    await accept(fireComplaint);
    expectGqlError(await open(admin, { ...input, complaintId: fireComplaint }), 'COMPLAINT_NOT_PAID_TUTORING');
    expectGqlError(await open(fire, input), 'FORBIDDEN');
    expectGqlError(await open(schoolAdminB, input), 'FORBIDDEN');
    expectGqlError(await open(edu, { ...input, teacherId: schoolA }), 'TEACHER_NOT_FOUND');
    expectGqlError(await open(edu, { ...input, complaintId: 'nope' }), 'VALIDATION_FAILED');
    expectGqlError(await open(edu, { ...input, note: 'x'.repeat(2001) }), 'VALIDATION_FAILED');
    expect(await count(`SELECT count(*)::int AS n FROM teacher_case`, [])).toBe(1);

    const opened = await open(edu, input);
    expect(opened.errors).toBeUndefined();
    complaintCase = opened.data!.openTeacherCase;
    expect(complaintCase).toMatchObject({
      teacherId: teacherB,
      schoolId: schoolB,
      townshipCode: '520122100',
      source: 'COMPLAINT',
      complaintId: tutoringComplaint,
      institutionId: null,
      status: 'OPEN',
    });
    expect(await targets('schools.teacher_case.opened', complaintCase.id)).toEqual([
      'DEPARTMENT:EDU',
      `SCHOOL:${schoolB}`,
    ]);
    const again = await open(admin, input);
    expect(again.data!.openTeacherCase.id).toBe(complaintCase.id);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'schools.teacher_case.opened' AND entity_id = $1`,
        [complaintCase.id],
      ),
    ).toBe(1);
    const one = await t.gql<{ teacherCase: { complaint: { id: string; category: string } } }>(
      ONE,
      { id: complaintCase.id },
      edu.token,
    );
    expect(one.data!.teacherCase.complaint).toEqual({ id: tutoringComplaint, category: 'TEACHER_PAID_TUTORING' });
  });

  it('lets only EDU or the county office record an outcome, with reasons, once; refusals change nothing', async () => {
    const before = await row(matchCase.id);
    const input = { id: matchCase.id, outcome: 'WARNING', reason: '经查属实，予以批评教育并责令退还补课费用' };
    expectGqlError(await record(schoolAdminA, input), 'FORBIDDEN');
    expectGqlError(await record(townshipA, input), 'FORBIDDEN');
    expectGqlError(await record(supervisor, input), 'FORBIDDEN');
    expectGqlError(await record(fire, input), 'FORBIDDEN');
    const blank = expectGqlError(await record(edu, { ...input, reason: '  ' }), 'VALIDATION_FAILED');
    expect(JSON.stringify(blank.extensions)).toContain('reason');
    expectGqlError(await record(edu, { ...input, outcome: 'FIRED' }), 'BAD_USER_INPUT'); // not in the enum
    expectGqlError(await record(edu, { ...input, id: teacherA }), 'TEACHER_CASE_NOT_FOUND');
    expect(await row(matchCase.id)).toEqual(before);

    const decided = await record(edu, input);
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.recordTeacherCaseOutcome).toMatchObject({
      status: 'DECIDED',
      outcome: 'WARNING',
      outcomeReason: input.reason,
      decidedBy: edu.username,
    });
    expect(await targets('schools.teacher_case.decided', matchCase.id)).toEqual([`SCHOOL:${schoolA}`]);
    const [audit] = await t.dataSource.query(
      `SELECT actor_user_id, summary FROM audit_log WHERE action = 'schools.teacher_case.decided' AND entity_id = $1`,
      [matchCase.id],
    );
    expect(audit).toMatchObject({ actor_user_id: edu.id, summary: { outcome: 'WARNING', late: false } });
    const [event] = await t.dataSource.query(
      `SELECT payload FROM outbox WHERE name = 'schools.teacher_case.decided' AND payload->>'caseId' = $1`,
      [matchCase.id],
    );
    expect(event.payload).toMatchObject({ outcome: 'WARNING', teacherId: teacherA, source: 'ROSTER_MATCH' });

    const decidedRow = await row(matchCase.id);
    expectGqlError(await record(admin, { ...input, outcome: 'DISMISSED' }), 'TEACHER_CASE_ALREADY_DECIDED');
    expect(await row(matchCase.id)).toEqual(decidedRow);
  });

  it('refers a case to the discipline commission, which is told and then reads that case', async () => {
    const referred = await record(admin, {
      id: complaintCase.id,
      outcome: 'SANCTION_REFERRED',
      reason: '多次有偿补课，情节严重，移送县纪委监委',
    });
    expect(referred.errors).toBeUndefined();
    expect(await targets('schools.teacher_case.decided', complaintCase.id)).toEqual([
      'DEPARTMENT:DISCIPLINE',
      `SCHOOL:${schoolB}`,
    ]);
    expect((await cases(disciplineDept)).map((c) => c.id)).toEqual([complaintCase.id]);
    expect((await cases(fire)).map((c) => c.id)).toEqual([]);
    expect((await cases(edu, { outcome: 'SANCTION_REFERRED' })).map((c) => c.id)).toEqual([complaintCase.id]);
  });

  it('keeps a teacher’s record by roster hash, across sources, and marks open cases past their decision day', async () => {
    // A second source for teacher A, a day later: a complaint naming the same teacher.
    moveClockTo('2026-11-26T02:00:00Z');
    const second = await complaint('TEACHER_PAID_TUTORING');
    await accept(second);
    const opened = await open(edu, { complaintId: second, teacherId: teacherA });
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.openTeacherCase.decisionDueOn).toBe('2026-12-26');
    const byHash = await t.gql<{ teacherRecord: Record<string, unknown> }>(
      TEACHER_RECORD,
      { rosterHash: hashA },
      edu.token,
    );
    const byId = await t.gql<{ teacherRecord: Record<string, unknown> }>(
      TEACHER_RECORD,
      { teacherId: teacherA },
      edu.token,
    );
    expect(byHash.data!.teacherRecord).toEqual(byId.data!.teacherRecord);
    expect(byHash.data!.teacherRecord).toMatchObject({
      rosterHash: hashA,
      teacherId: teacherA,
      teacherName: '赵老师',
      openCount: 1,
      warningCount: 1,
      sanctionReferredCount: 0,
      cases: [
        { id: opened.data!.openTeacherCase.id, source: 'COMPLAINT', status: 'OPEN', outcome: null },
        { id: matchCase.id, source: 'ROSTER_MATCH', status: 'DECIDED', outcome: 'WARNING' },
      ],
    });
    // The school sees its teacher's record too; the other school sees nothing of it.
    const own = await t.gql<{ teacherRecord: { cases: unknown[] } }>(
      TEACHER_RECORD,
      { rosterHash: hashA },
      schoolAdminA.token,
    );
    expect(own.data!.teacherRecord.cases).toHaveLength(2);
    const other = await t.gql<{ teacherRecord: { cases: unknown[] } }>(
      TEACHER_RECORD,
      { rosterHash: hashA },
      schoolAdminB.token,
    );
    expect(other.data!.teacherRecord.cases).toEqual([]);
    expectGqlError(await t.gql(TEACHER_RECORD, {}, edu.token), 'VALIDATION_FAILED');
    expectGqlError(
      await t.gql(TEACHER_RECORD, { teacherId: teacherA, rosterHash: hashA }, edu.token),
      'VALIDATION_FAILED',
    );
    expectGqlError(await t.gql(TEACHER_RECORD, { rosterHash: ID_A }, edu.token), 'VALIDATION_FAILED');

    // On its decision day the open case is not overdue; the day after it is, and the filter finds it.
    moveClockTo('2026-12-26T15:00:00Z'); // 2026-12-26 23:00 in Beijing: its decision day
    expect(await cases(edu, { overdue: true })).toEqual([]);
    moveClockTo('2026-12-26T16:30:00Z'); // 2026-12-27 00:30 in Beijing
    const late = await cases(edu, { overdue: true });
    expect(late.map((c) => [c.id, c.overdue])).toEqual([[opened.data!.openTeacherCase.id, true]]);
    expect((await cases(edu, { overdue: false })).map((c) => c.id).sort()).toEqual(
      [matchCase.id, complaintCase.id].sort(),
    );
    // Deciding late is recorded as late in the audit.
    await record(edu, { id: opened.data!.openTeacherCase.id, outcome: 'DISMISSED', reason: '查无实据' });
    const [audit] = await t.dataSource.query(
      `SELECT summary FROM audit_log WHERE action = 'schools.teacher_case.decided' AND entity_id = $1`,
      [opened.data!.openTeacherCase.id],
    );
    expect(audit.summary).toMatchObject({ outcome: 'DISMISSED', late: true });
  });
});
