import { Role } from '../../src/platform/auth/role';
import { createInstitution } from '../factories/registry.factory';
import { GqlResult, LoggedIn, TestApp, startTestApp } from '../support/test-app';

/**
 * Registry records change after registration: updateInstitution (变更登记), a staff member's background
 * check and end of employment (离职), and ending a course early. Each refusal leaves the stored rows and
 * the audit log exactly as they were; ending a subject institution's subject courses lets it convert.
 */

function code(r: GqlResult): unknown {
  return r.errors?.[0]?.extensions?.code;
}

const INSTITUTION_FIELDS =
  'id name address townshipCode gridCode legalRepresentative contactPhone partyOrganisationCovered partyWorkCovered competentDepartmentCode status';
const STAFF_FIELDS = 'id backgroundCheck backgroundCheckedOn active employmentEndedOn';

describe('registry: changing records after registration', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let edu: LoggedIn;
  let fire: LoggedIn;
  let township: LoggedIn;
  let inspector: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2026-09-01T02:00:00Z');
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    township = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
    inspector = await t.loginAs(Role.INSPECTOR, 'EDU');
    await t.dataSource.query(
      `INSERT INTO grid_cell (code, township_code, name) VALUES ('520122001-G01', '520122001', '第1网格'), ('520122001-G02', '520122001', '第2网格'), ('520122100-G01', '520122100', '第1网格')
       ON CONFLICT DO NOTHING`,
    );
  });
  afterAll(() => t?.close());

  /** The stored rows a refusal must leave alone, and the audit rows about them. */
  async function snapshot(table: 'institution' | 'staff' | 'course', id: string): Promise<unknown> {
    const [row] = await t.dataSource.query(`SELECT * FROM ${table} WHERE id = $1`, [id]);
    const audit = await t.dataSource.query(`SELECT action, summary FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
      id,
    ]);
    const events = await t.dataSource.query(
      `SELECT name FROM outbox WHERE payload->>'institutionId' = $1 ORDER BY id`,
      [table === 'institution' ? id : (row as { institution_id: string }).institution_id],
    );
    return { row, audit, events };
  }

  const update = (input: Record<string, unknown>, token = edu.token) =>
    t.gql<{ updateInstitution: Record<string, unknown> }>(
      `mutation($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { ${INSTITUTION_FIELDS} } }`,
      { input },
      token,
    );

  async function addStaff(institutionId: string, idNumber: string): Promise<string> {
    const r = await t.gql<{ addStaff: { id: string } }>(
      `mutation($input: AddStaffInput!) { addStaff(input: $input) { id } }`,
      { input: { institutionId, name: '钱某', idNumber, position: 'TEACHER' } },
      edu.token,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.addStaff.id;
  }

  async function addCourse(institutionId: string, topic: string): Promise<string> {
    const r = await t.gql<{ addCourse: { id: string } }>(
      `mutation($input: AddCourseInput!) { addCourse(input: $input) { id } }`,
      {
        input: {
          institutionId,
          name: '课程',
          topic,
          targetGrades: [4, 5],
          mode: 'OFFLINE',
          lessonMinutes: 60,
          pricePerHour: '120.00',
          termStart: '2026-09-01',
          termEnd: '2026-12-31',
          weeklySlots: [{ weekday: 4, start: '18:30', end: '19:30' }],
        },
      },
      edu.token,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.addCourse.id;
  }

  const checkStaff = (input: Record<string, unknown>, token = edu.token) =>
    t.gql<{ updateStaffBackgroundCheck: Record<string, unknown> }>(
      `mutation($input: UpdateStaffBackgroundCheckInput!) { updateStaffBackgroundCheck(input: $input) { ${STAFF_FIELDS} } }`,
      { input },
      token,
    );
  const endStaff = (input: Record<string, unknown>, token = edu.token) =>
    t.gql<{ endStaffEmployment: Record<string, unknown> }>(
      `mutation($input: EndStaffEmploymentInput!) { endStaffEmployment(input: $input) { ${STAFF_FIELDS} } }`,
      { input },
      token,
    );
  const endCourse = (input: Record<string, unknown>, token = edu.token) =>
    t.gql<{ endCourse: { id: string; termStart: string; termEnd: string } }>(
      `mutation($input: EndCourseInput!) { endCourse(input: $input) { id termStart termEnd } }`,
      { input },
      token,
    );

  describe('updateInstitution', () => {
    it('changes only the given details, audits and publishes the changed fields only', async () => {
      const inst = await createInstitution(t, { gridCode: '520122001-G01' });
      const r = await update({
        id: inst.id,
        reason: '变更登记：迁址',
        changes: {
          name: '息烽县新名称艺术培训学校',
          address: '温泉路 2 号',
          gridCode: '520122001-G02',
          partyOrganisationCovered: true,
          partyWorkCovered: true,
          townshipCode: '520122001',
        },
      });
      expect(r.errors).toBeUndefined();
      expect(r.data!.updateInstitution).toMatchObject({
        name: '息烽县新名称艺术培训学校',
        address: '温泉路 2 号',
        townshipCode: '520122001',
        gridCode: '520122001-G02',
        partyOrganisationCovered: true,
        partyWorkCovered: true,
        legalRepresentative: '张三',
        status: 'OPERATING',
      });
      const [audit] = await t.dataSource.query(`SELECT action, summary FROM audit_log WHERE entity_id = $1`, [inst.id]);
      // partyWorkCovered was already true and the township is the same: neither is a change.
      expect(audit).toEqual({
        action: 'registry.institution.updated',
        summary: {
          changed: ['name', 'address', 'gridCode', 'partyOrganisationCovered'],
          before: {
            name: inst.name,
            address: '息烽县永阳街道测试路 1 号',
            gridCode: '520122001-G01',
            partyOrganisationCovered: false,
          },
          after: {
            name: '息烽县新名称艺术培训学校',
            address: '温泉路 2 号',
            gridCode: '520122001-G02',
            partyOrganisationCovered: true,
          },
          reason: '变更登记：迁址',
        },
      });
      const [event] = await t.dataSource.query(
        `SELECT payload FROM outbox WHERE name = 'registry.institution.updated' AND payload->>'institutionId' = $1`,
        [inst.id],
      );
      expect(event.payload).toMatchObject({
        name: '息烽县新名称艺术培训学校',
        townshipCode: '520122001',
        changed: ['name', 'address', 'gridCode', 'partyOrganisationCovered'],
      });

      // The county office may change the competent department and clear the grid.
      const again = await update(
        {
          id: inst.id,
          reason: '主管部门调整',
          changes: {
            competentDepartmentCode: 'CIVIL_AFFAIRS',
            gridCode: null,
            contactPhone: '0851-87711111',
            legalRepresentative: '李四',
          },
        },
        admin.token,
      );
      expect(again.errors).toBeUndefined();
      expect(again.data!.updateInstitution).toMatchObject({
        competentDepartmentCode: 'CIVIL_AFFAIRS',
        gridCode: null,
        contactPhone: '0851-87711111',
        legalRepresentative: '李四',
      });
    });

    it('answers the institution unchanged, with no audit row or event, when nothing changes', async () => {
      const inst = await createInstitution(t);
      const before = await snapshot('institution', inst.id);
      const r = await update({
        id: inst.id,
        reason: '核对',
        changes: { address: '息烽县永阳街道测试路 1 号', legalRepresentative: '张三' },
      });
      expect(r.errors).toBeUndefined();
      expect(r.data!.updateInstitution).toMatchObject({ id: inst.id, address: '息烽县永阳街道测试路 1 号' });
      expect(await snapshot('institution', inst.id)).toEqual(before);
    });

    it('refuses bad input, a township change, unknown ids, other roles and closed institutions, changing nothing', async () => {
      const inst = await createInstitution(t, { gridCode: '520122001-G01' });
      const closed = await createInstitution(t, { status: 'DEREGISTERED' });
      const before = await snapshot('institution', inst.id);
      const closedBefore = await snapshot('institution', closed.id);
      const cases: [Record<string, unknown>, string, string?][] = [
        [{ id: inst.id, reason: '换网格', changes: { gridCode: '520122100-G01' } }, 'VALIDATION_FAILED'], // a grid of another township
        [{ id: inst.id, reason: '换网格', changes: { gridCode: 'NO-SUCH-GRID' } }, 'VALIDATION_FAILED'],
        [
          { id: inst.id, reason: '迁址', changes: { townshipCode: '520122100', address: '永靖镇 1 号' } },
          'TOWNSHIP_CHANGE_NOT_SUPPORTED',
        ],
        [{ id: inst.id, reason: '', changes: { address: '新地址' } }, 'VALIDATION_FAILED'],
        [{ id: inst.id, reason: '   ', changes: { address: '新地址' } }, 'VALIDATION_FAILED'],
        [{ id: inst.id, changes: { address: '新地址' } }, 'BAD_USER_INPUT'],
        [{ id: inst.id, reason: '改名', changes: { name: '  ' } }, 'VALIDATION_FAILED'],
        [{ id: inst.id, reason: '改电话', changes: { contactPhone: 'call me' } }, 'VALIDATION_FAILED'],
        [{ id: inst.id, reason: '改部门', changes: { competentDepartmentCode: 'NOPE' } }, 'DEPARTMENT_NOT_FOUND'],
        [{ id: inst.id, reason: '改地址', changes: { address: '新地址' } }, 'FORBIDDEN', fire.token],
        [{ id: inst.id, reason: '改地址', changes: { address: '新地址' } }, 'FORBIDDEN', township.token],
        [{ id: inst.id, reason: '改地址', changes: { address: '新地址' } }, 'FORBIDDEN', inspector.token],
        [
          { id: '00000000-0000-4000-8000-000000000000', reason: '改地址', changes: { address: '新地址' } },
          'INSTITUTION_NOT_FOUND',
        ],
        [{ id: closed.id, reason: '改地址', changes: { address: '新地址' } }, 'INSTITUTION_NOT_ACTIVE'],
      ];
      for (const [input, expected, token] of cases) {
        const r = await update(input, token);
        expect({ input, code: code(r) }).toEqual({ input, code: expected });
      }
      // An explicit null is "not given" (docs/security.md): a change of nothing answers the record unchanged.
      const nothing = await update({ id: inst.id, reason: '改覆盖', changes: { partyWorkCovered: null } });
      expect(nothing.errors).toBeUndefined();
      const moved = await update({ id: inst.id, reason: '迁址', changes: { townshipCode: '520122100' } });
      expect(moved.errors![0]!.message).toContain('deregister it and register it in the new township');
      expect(await snapshot('institution', inst.id)).toEqual(before);
      expect(await snapshot('institution', closed.id)).toEqual(closedBefore);
    });
  });

  describe('staff', () => {
    it('completes a background check and ends an employment', async () => {
      const inst = await createInstitution(t);
      const staffId = await addStaff(inst.id, '520122199001011234');
      const checked = await checkStaff({
        staffId,
        result: 'CLEARED',
        date: '2026-08-28',
        reason: '公安机关无犯罪记录证明',
      });
      expect(checked.errors).toBeUndefined();
      expect(checked.data!.updateStaffBackgroundCheck).toEqual({
        id: staffId,
        backgroundCheck: 'CLEARED',
        backgroundCheckedOn: '2026-08-28',
        active: true,
        employmentEndedOn: null,
      });

      const ended = await endStaff({ staffId, date: '2026-09-01', reason: '个人原因离职' }, admin.token);
      expect(ended.errors).toBeUndefined();
      expect(ended.data!.endStaffEmployment).toMatchObject({ active: false, employmentEndedOn: '2026-09-01' });

      const audit = await t.dataSource.query(`SELECT action, summary FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
        staffId,
      ]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'registry.staff.added',
        'registry.staff.background_checked',
        'registry.staff.employment_ended',
      ]);
      expect(audit[1].summary).toMatchObject({
        before: { backgroundCheck: 'PENDING', backgroundCheckedOn: null },
        after: { backgroundCheck: 'CLEARED', backgroundCheckedOn: '2026-08-28' },
      });
      expect(audit[2].summary).toMatchObject({ endedOn: '2026-09-01', reason: '个人原因离职' });

      // The institution's staff list shows who left.
      const read = await t.gql<{
        institution: { staff: { id: string; active: boolean; employmentEndedOn: string | null }[] };
      }>(
        `query($id: ID!) { institution(id: $id) { staff { id active employmentEndedOn } } }`,
        { id: inst.id },
        edu.token,
      );
      expect(read.data!.institution.staff).toEqual([{ id: staffId, active: false, employmentEndedOn: '2026-09-01' }]);
    });

    it('refuses bad input, unknown staff, other roles, a second end and closed institutions, changing nothing', async () => {
      const inst = await createInstitution(t);
      const staffId = await addStaff(inst.id, '520122199001015678');
      const leftId = await addStaff(inst.id, '520122199001019999');
      expect((await endStaff({ staffId: leftId, date: '2026-09-01', reason: '离职' })).errors).toBeUndefined();
      const closedInst = await createInstitution(t);
      const closedStaff = await addStaff(closedInst.id, '520122199001010001');
      await t.dataSource.query(`UPDATE institution SET status = 'REVOKED' WHERE id = $1`, [closedInst.id]);
      const before = await Promise.all([staffId, leftId, closedStaff].map((id) => snapshot('staff', id)));

      const unknown = '00000000-0000-4000-8000-000000000000';
      const checks: [Record<string, unknown>, string, string?][] = [
        [{ staffId, result: 'PENDING', date: '2026-08-28', reason: '审查' }, 'VALIDATION_FAILED'],
        [{ staffId, result: 'CLEARED', date: '2026-09-02', reason: '审查' }, 'VALIDATION_FAILED'], // in the future
        [{ staffId, result: 'CLEARED', date: '28.08.2026', reason: '审查' }, 'BAD_USER_INPUT'], // not a Date
        [{ staffId, result: 'CLEARED', date: '2026-02-30', reason: '审查' }, 'BAD_USER_INPUT'], // no such day
        [{ staffId, result: 'CLEARED', date: '2026-08-28', reason: '' }, 'VALIDATION_FAILED'],
        [{ staffId, result: 'CLEARED', date: '2026-08-28', reason: '审查' }, 'FORBIDDEN', fire.token],
        [{ staffId, result: 'CLEARED', date: '2026-08-28', reason: '审查' }, 'FORBIDDEN', township.token],
        [{ staffId: unknown, result: 'CLEARED', date: '2026-08-28', reason: '审查' }, 'STAFF_NOT_FOUND'],
        [{ staffId: closedStaff, result: 'CLEARED', date: '2026-08-28', reason: '审查' }, 'INSTITUTION_NOT_ACTIVE'],
      ];
      for (const [input, expected, token] of checks)
        expect({ input, code: code(await checkStaff(input, token)) }).toEqual({ input, code: expected });

      const ends: [Record<string, unknown>, string, string?][] = [
        [{ staffId, date: '2026-09-02', reason: '离职' }, 'VALIDATION_FAILED'], // in the future
        [{ staffId, date: '2026-08-01', reason: '离职' }, 'VALIDATION_FAILED'], // before registration
        [{ staffId, date: '2026-09-01', reason: ' ' }, 'VALIDATION_FAILED'],
        [{ staffId, date: '2026-09-01', reason: '离职' }, 'FORBIDDEN', fire.token],
        [{ staffId, date: '2026-09-01', reason: '离职' }, 'FORBIDDEN', inspector.token],
        [{ staffId: unknown, date: '2026-09-01', reason: '离职' }, 'STAFF_NOT_FOUND'],
        [{ staffId: leftId, date: '2026-09-01', reason: '离职' }, 'STAFF_ALREADY_LEFT'],
        [{ staffId: closedStaff, date: '2026-09-01', reason: '离职' }, 'INSTITUTION_NOT_ACTIVE'],
      ];
      for (const [input, expected, token] of ends)
        expect({ input, code: code(await endStaff(input, token)) }).toEqual({ input, code: expected });

      expect(await Promise.all([staffId, leftId, closedStaff].map((id) => snapshot('staff', id)))).toEqual(before);
    });
  });

  describe('courses', () => {
    it('ending its subject courses lets a subject institution convert to non-subject', async () => {
      const inst = await createInstitution(t, { category: 'SUBJECT' });
      const math = await addCourse(inst.id, 'MATHEMATICS');
      const chinese = await addCourse(inst.id, 'CHINESE');
      const convert = (token = edu.token) =>
        t.gql<{ convertToNonSubject: { category: string } }>(
          `mutation($input: ConvertToNonSubjectInput!) { convertToNonSubject(input: $input) { category } }`,
          { input: { id: inst.id, nonSubjectKind: 'SCIENCE_TECH', reason: '压减：转为非学科类' } },
          token,
        );
      expect(code(await convert())).toBe('SUBJECT_COURSES_REMAIN');

      t.clock.set('2026-10-10T02:00:00Z');
      const later = t.tokenFor(edu.id); // tokens expire with the clock
      try {
        const ended = await endCourse({ courseId: math, endDate: '2026-10-09', reason: '压减：停止学科类课程' }, later);
        expect(ended.errors).toBeUndefined();
        expect(ended.data!.endCourse).toEqual({ id: math, termStart: '2026-09-01', termEnd: '2026-10-09' });
        expect(code(await convert(later))).toBe('SUBJECT_COURSES_REMAIN'); // CHINESE still runs

        // A course ending today still has today's lesson: conversion waits until it has ended.
        expect(
          (
            await endCourse(
              { courseId: chinese, endDate: '2026-10-10', reason: '压减：停止学科类课程' },
              t.tokenFor(admin.id),
            )
          ).errors,
        ).toBeUndefined();
        expect(code(await convert(later))).toBe('SUBJECT_COURSES_REMAIN');
        expect(
          (await endCourse({ courseId: chinese, endDate: '2026-10-09', reason: '压减：最后一课提前' }, later)).errors,
        ).toBeUndefined();
        const converted = await convert(later);
        expect(converted.errors).toBeUndefined();
        expect(converted.data!.convertToNonSubject.category).toBe('NON_SUBJECT');

        const [audit] = await t.dataSource.query(
          `SELECT action, summary FROM audit_log WHERE entity_id = $1 AND action = 'registry.course.ended'`,
          [math],
        );
        expect(audit.summary).toMatchObject({
          subject: true,
          before: { termStart: '2026-09-01', termEnd: '2026-12-31' },
          after: { termEnd: '2026-10-09' },
          reason: '压减：停止学科类课程',
        });
      } finally {
        t.clock.set('2026-09-01T02:00:00Z');
      }
    });

    it('ends a course cancelled before its term began on the given day', async () => {
      const inst = await createInstitution(t);
      const course = await addCourse(inst.id, 'ARTS');
      // Pretend the course was registered ahead of its term: today is before it begins.
      await t.dataSource.query(`UPDATE course SET term_start = '2026-09-07' WHERE id = $1`, [course]);
      try {
        const r = await endCourse({ courseId: course, endDate: '2026-09-01', reason: '未开课取消' });
        expect(r.errors).toBeUndefined();
        expect(r.data!.endCourse).toEqual({ id: course, termStart: '2026-09-01', termEnd: '2026-09-01' });
      } finally {
        t.clock.set('2026-09-01T02:00:00Z');
      }
    });

    it('refuses bad input, unknown courses, other roles, ended courses and closed institutions, changing nothing', async () => {
      const inst = await createInstitution(t);
      const course = await addCourse(inst.id, 'ARTS');
      const past = await addCourse(inst.id, 'PHYSICAL_EDUCATION');
      await t.dataSource.query(`UPDATE course SET term_end = '2026-08-31', term_start = '2026-03-01' WHERE id = $1`, [
        past,
      ]);
      const closedInst = await createInstitution(t);
      const closedCourse = await addCourse(closedInst.id, 'ARTS');
      await t.dataSource.query(`UPDATE institution SET status = 'DEREGISTERED' WHERE id = $1`, [closedInst.id]);
      const ids = [course, past, closedCourse];
      const before = await Promise.all(ids.map((id) => snapshot('course', id)));

      const cases: [Record<string, unknown>, string, string?][] = [
        [{ courseId: course, endDate: '2027-01-15', reason: '延长' }, 'VALIDATION_FAILED'], // after the planned end
        [{ courseId: course, endDate: '2026/10/01', reason: '停课' }, 'BAD_USER_INPUT'], // not a Date
        [{ courseId: course, endDate: '2026-09-31', reason: '停课' }, 'BAD_USER_INPUT'], // no such day
        [{ courseId: course, endDate: '2026-10-01', reason: '' }, 'VALIDATION_FAILED'],
        [{ courseId: course, endDate: '2026-10-01', reason: '停课' }, 'FORBIDDEN', fire.token],
        [{ courseId: course, endDate: '2026-10-01', reason: '停课' }, 'FORBIDDEN', township.token],
        [
          { courseId: '00000000-0000-4000-8000-000000000000', endDate: '2026-10-01', reason: '停课' },
          'COURSE_NOT_FOUND',
        ],
        [{ courseId: past, endDate: '2026-08-01', reason: '停课' }, 'COURSE_ALREADY_ENDED'],
        [{ courseId: closedCourse, endDate: '2026-10-01', reason: '停课' }, 'INSTITUTION_NOT_ACTIVE'],
      ];
      for (const [input, expected, token] of cases)
        expect({ input, code: code(await endCourse(input, token)) }).toEqual({ input, code: expected });
      // Written inline, an impossible day fails validation of the document itself.
      const inline = `mutation { endCourse(input: { courseId: "${course}", endDate: "2026-09-31", reason: "停课" }) { id } }`;
      expect(code(await t.gql(inline, {}, edu.token))).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(await Promise.all(ids.map((id) => snapshot('course', id)))).toEqual(before);
    });
  });
});
