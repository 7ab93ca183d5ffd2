import { XIFENG, seedReference, withResidentIdCheck } from '../../src/modules/reference';
import { Role } from '../../src/platform/auth/role';
import { createInstitution } from '../factories/registry.factory';
import { GqlResult, LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

const code = (r: GqlResult<unknown>): unknown => r.errors?.[0]?.extensions?.code;

describe('reference data maintenance (schools, roster, grid cells, calendar)', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let edu: LoggedIn;
  let fire: LoggedIn;
  let township: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2026-09-01T02:00:00Z');
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    township = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
  });
  afterAll(() => t.close());

  const SCHOOL_FIELDS = 'id code name townshipCode stage address';
  const createSchool = (input: Record<string, unknown>, token = edu.token) =>
    t.gql<{ createSchool: Record<string, string> }>(
      `mutation($input: CreateSchoolInput!) { createSchool(input: $input) { ${SCHOOL_FIELDS} } }`,
      { input },
      token,
    );
  const updateSchool = (id: string, input: Record<string, unknown>, token = edu.token) =>
    t.gql<{ updateSchool: Record<string, string> }>(
      `mutation($input: UpdateSchoolInput!) { updateSchool(input: $input) { ${SCHOOL_FIELDS} } }`,
      { input: { id, ...input } },
      token,
    );
  const importRoster = (
    schoolId: string,
    teachers: { name: string; idNumber: string }[],
    replace = false,
    token = edu.token,
  ) =>
    t.gql<{ importTeacherRoster: { added: number; updated: number; deactivated: number } }>(
      `mutation($input: ImportTeacherRosterInput!) { importTeacherRoster(input: $input) { added updated deactivated } }`,
      { input: { schoolId, teachers, replace } },
      token,
    );
  const roster = (schoolId: string, token = edu.token) =>
    t.gql<{ teachers: { totalCount: number; edges: { node: { id: string; name: string; active: boolean } }[] } }>(
      `query($schoolId: ID!) { teachers(filter: { schoolId: $schoolId }, first: 50) { totalCount edges { node { id name active } } } }`,
      { schoolId },
      token,
    );
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    (await t.dataSource.query(sql, params))[0].n;
  const id = (digits: string): string => withResidentIdCheck(digits);

  it('creates and updates schools; bad input changes nothing', async () => {
    const created = await createSchool({
      code: 'S-NEW-1',
      name: '息烽县新建小学',
      townshipCode: '520122100',
      stage: 'PRIMARY',
      address: '永靖镇新街1号',
    });
    expect(created.errors).toBeUndefined();
    const school = created.data!.createSchool;
    expect(school).toMatchObject({ code: 'S-NEW-1', townshipCode: '520122100', stage: 'PRIMARY' });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'reference.school.created' AND entity_id = $1`,
        [school.id],
      ),
    ).toBe(1);

    const before = await count(`SELECT count(*)::int AS n FROM school`);
    expect(
      code(await createSchool({ code: 'S-NEW-1', name: '重复', townshipCode: '520122100', stage: 'PRIMARY' })),
    ).toBe('SCHOOL_CODE_TAKEN');
    expect(
      code(await createSchool({ code: 'S-NEW-2', name: '无乡镇', townshipCode: '520122999', stage: 'PRIMARY' })),
    ).toBe('TOWNSHIP_NOT_FOUND');
    expect(
      code(
        await createSchool({ code: 'S-NEW-3', name: '消防', townshipCode: '520122100', stage: 'PRIMARY' }, fire.token),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(
        await createSchool(
          { code: 'S-NEW-4', name: '乡镇', townshipCode: '520122100', stage: 'PRIMARY' },
          township.token,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(await count(`SELECT count(*)::int AS n FROM school`)).toBe(before);

    const updated = await updateSchool(
      school.id,
      { name: '息烽县永靖镇新建小学', stage: 'NINE_YEAR', address: null },
      admin.token,
    );
    expect(updated.data!.updateSchool).toMatchObject({
      name: '息烽县永靖镇新建小学',
      stage: 'NINE_YEAR',
      address: null,
      townshipCode: '520122100',
    });
    // Moving a school is refused (its records carry the township); the same township is fine.
    expect(code(await updateSchool(school.id, { name: '搬家', townshipCode: '520122001' }))).toBe(
      'SCHOOL_TOWNSHIP_IMMUTABLE',
    );
    expect(code(await updateSchool('00000000-0000-0000-0000-000000000000', { name: 'x' }))).toBe('SCHOOL_NOT_FOUND');
    // An id that is not a UUID is refused by the input's validation, naming the field.
    const notUuid = expectGqlError(await updateSchool('not-a-uuid', { name: 'x' }), 'VALIDATION_FAILED');
    expect((notUuid.extensions!.errors as { path: string }[]).map((e) => e.path)).toEqual(['id']);
    const [row] = await t.dataSource.query(`SELECT name, township_code FROM school WHERE id = $1`, [school.id]);
    expect(row).toEqual({ name: '息烽县永靖镇新建小学', township_code: '520122100' });
    expect(code(await updateSchool(school.id, { townshipCode: '520122100', address: '新址' }))).toBeUndefined();

    // The new school gives its administrator a scope.
    const head = await t.loginAs(Role.SCHOOL_ADMIN, school.id);
    expect(
      (
        await t.gql<{ school: { name: string } }>(
          `query($id: ID!) { school(id: $id) { name } }`,
          { id: school.id },
          head.token,
        )
      ).data!.school.name,
    ).toBe('息烽县永靖镇新建小学');
  });

  it('imports a roster all-or-nothing, upserts by ID number, moves and deactivates teachers, never returns ID numbers', async () => {
    const a = (await createSchool({ code: 'R-A', name: '名册甲校', townshipCode: '520122001', stage: 'PRIMARY' })).data!
      .createSchool;
    const b = (await createSchool({ code: 'R-B', name: '名册乙校', townshipCode: '520122100', stage: 'JUNIOR' })).data!
      .createSchool;
    const wang = id('52012219850101001');
    const li = id('52012219870202002');
    const zhang = id('52012219900303003');

    const bad = await importRoster(a.id, [
      { name: '王老师', idNumber: wang },
      { name: '坏号码', idNumber: wang.slice(0, 17) + (wang[17] === '0' ? '1' : '0') },
      { name: '太短', idNumber: '12345' },
    ]);
    const err = expectGqlError(bad, 'VALIDATION_FAILED');
    expect((err.extensions!.errors as { path: string }[]).map((e) => e.path)).toEqual([
      'teachers.1.idNumber',
      'teachers.2.idNumber',
    ]);
    expect(JSON.stringify(bad)).not.toContain(wang);
    expect(await count(`SELECT count(*)::int AS n FROM teacher WHERE school_id = $1`, [a.id])).toBe(0);

    const first = await importRoster(a.id, [
      { name: '王老师', idNumber: wang },
      { name: '李老师', idNumber: li.toLowerCase() },
    ]);
    expect(first.data!.importTeacherRoster).toEqual({ added: 2, updated: 0, deactivated: 0 });
    expect(JSON.stringify(first)).not.toContain(wang);
    const stored = await t.dataSource.query(`SELECT * FROM teacher WHERE school_id = $1`, [a.id]);
    expect(JSON.stringify(stored)).not.toContain(wang);
    expect(JSON.stringify(stored)).not.toContain(li);

    // Again, unchanged: nothing to do. Then 李 moves to school B (same ID number, another school).
    expect((await importRoster(a.id, [{ name: '王老师', idNumber: wang }])).data!.importTeacherRoster).toEqual({
      added: 0,
      updated: 0,
      deactivated: 0,
    });
    expect(
      (
        await importRoster(
          b.id,
          [
            { name: '李老师', idNumber: li },
            { name: '张老师', idNumber: zhang },
          ],
          false,
          admin.token,
        )
      ).data!.importTeacherRoster,
    ).toEqual({
      added: 1,
      updated: 1,
      deactivated: 0,
    });
    // Replace on A: 王 stays, nobody else is left at A (李 moved); replace on B without 张: 张 leaves service.
    expect((await importRoster(a.id, [{ name: '王老师', idNumber: wang }], true)).data!.importTeacherRoster).toEqual({
      added: 0,
      updated: 0,
      deactivated: 0,
    });
    expect((await importRoster(b.id, [{ name: '李老师', idNumber: li }], true)).data!.importTeacherRoster).toEqual({
      added: 0,
      updated: 0,
      deactivated: 1,
    });

    const listA = await roster(a.id);
    expect(listA.data!.teachers.edges.map((e) => e.node.name)).toEqual(['王老师']);
    const listB = await roster(b.id);
    expect(listB.data!.teachers.edges.map((e) => [e.node.name, e.node.active])).toEqual([
      ['张老师', false],
      ['李老师', true],
    ]);
    const audit = await t.dataSource.query(
      `SELECT summary FROM audit_log WHERE action = 'reference.teacher_roster.imported'`,
    );
    expect(audit.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(audit)).not.toMatch(/\d{17}[\dX]/);
    expect(audit.map((a: { summary: unknown }) => a.summary)).toContainEqual({
      rows: 1,
      replace: true,
      added: 0,
      updated: 0,
      deactivated: 1,
    });

    // Who reads a roster: the school's own administrator, not another school's; not FIRE_RESCUE; not a township officer.
    const headA = await t.loginAs(Role.SCHOOL_ADMIN, a.id);
    expect(code(await roster(a.id, headA.token))).toBeUndefined();
    expect(code(await roster(b.id, headA.token))).toBe('SCHOOL_NOT_FOUND');
    expect(code(await roster(a.id, fire.token))).toBe('FORBIDDEN');
    expect(code(await roster(a.id, township.token))).toBe('FORBIDDEN');
    expect(code(await importRoster(a.id, [{ name: '王老师', idNumber: wang }], false, headA.token))).toBe('FORBIDDEN');
  });

  it('flags staff already registered at an institution once their teacher appears on an imported roster', async () => {
    const school = (await createSchool({ code: 'R-C', name: '名册丙校', townshipCode: '520122101', stage: 'PRIMARY' }))
      .data!.createSchool;
    const inst = await createInstitution(t);
    const idNumber = id('52012219910707007');
    const added = await t.gql<{ addStaff: { id: string; inServiceTeacher: boolean } }>(
      `mutation($input: AddStaffInput!) { addStaff(input: $input) { id inServiceTeacher } }`,
      { input: { institutionId: inst.id, name: '周某', idNumber, position: 'TEACHER' } },
      edu.token,
    );
    expect(added.data!.addStaff.inServiceTeacher).toBe(false);
    expect((await importRoster(school.id, [{ name: '周老师', idNumber }])).data!.importTeacherRoster.added).toBe(1);
    await t.settle();
    const [staff] = await t.dataSource.query(`SELECT in_service_teacher_id FROM staff WHERE id = $1`, [
      added.data!.addStaff.id,
    ]);
    const [teacher] = await t.dataSource.query(`SELECT id FROM teacher WHERE school_id = $1`, [school.id]);
    expect(staff.in_service_teacher_id).toBe(teacher.id);
    const events = await t.dataSource.query(
      `SELECT payload FROM outbox WHERE name = 'registry.staff.in_service_teacher_found' AND payload->>'staffId' = $1`,
      [added.data!.addStaff.id],
    );
    expect(events.map((e: { payload: unknown }) => e.payload)).toEqual([
      {
        institutionId: inst.id,
        staffId: added.data!.addStaff.id,
        teacherId: teacher.id,
        schoolId: school.id,
        townshipCode: '520122101',
      },
    ]);
    const notices = await count(
      `SELECT count(*)::int AS n FROM notification WHERE kind = 'registry.staff.in_service_teacher_found' AND entity_id = $1`,
      [inst.id],
    );
    expect(notices).toBe(1);
    // Importing the same roster again flags nobody twice.
    await importRoster(school.id, [{ name: '周老师', idNumber }]);
    await t.settle();
    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbox WHERE name = 'registry.staff.in_service_teacher_found' AND payload->>'staffId' = $1`,
        [added.data!.addStaff.id],
      ),
    ).toBe(1);
  });

  it('maintains grid cells; a township officer only in their own township', async () => {
    const create = (townshipCode: string, cellCode: string, name: string, token: string) =>
      t.gql<{ createGridCell: { code: string; name: string } }>(
        `mutation($input: CreateGridCellInput!) { createGridCell(input: $input) { code name } }`,
        { input: { townshipCode, code: cellCode, name } },
        token,
      );
    const rename = (cellCode: string, name: string, token: string) =>
      t.gql<{ renameGridCell: { code: string; name: string } }>(
        `mutation($input: RenameGridCellInput!) { renameGridCell(input: $input) { code name } }`,
        { input: { code: cellCode, name } },
        token,
      );

    expect((await create('520122001', 'YY-G01', '第一网格', township.token)).data!.createGridCell).toEqual({
      code: 'YY-G01',
      name: '第一网格',
    });
    expect(code(await create('520122100', 'YJ-G01', '别的乡镇', township.token))).toBe('GRID_CELL_OUTSIDE_TOWNSHIP');
    expect((await create('520122100', 'YJ-G01', '永靖第一网格', edu.token)).errors).toBeUndefined();
    expect(code(await create('520122100', 'YJ-G01', '重复', admin.token))).toBe('GRID_CELL_CODE_TAKEN');
    expect(code(await create('520122999', 'XX-G01', '无乡镇', admin.token))).toBe('TOWNSHIP_NOT_FOUND');
    expect(code(await create('520122100', 'YJ-G02', '消防', fire.token))).toBe('FORBIDDEN');

    expect((await rename('YY-G01', '永阳一网格', township.token)).data!.renameGridCell.name).toBe('永阳一网格');
    expect(code(await rename('YJ-G01', '改名', township.token))).toBe('GRID_CELL_OUTSIDE_TOWNSHIP');
    expect(code(await rename('NOPE', '改名', edu.token))).toBe('GRID_CELL_NOT_FOUND');
    const rows = await t.dataSource.query(
      `SELECT code, name FROM grid_cell WHERE code IN ('YY-G01','YJ-G01') ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: 'YJ-G01', name: '永靖第一网格' },
      { code: 'YY-G01', name: '永阳一网格' },
    ]);
    const grids = await t.gql<{ townships: { code: string; grids: { code: string }[] }[] }>(
      `{ townships { code grids { code } } }`,
    );
    expect(grids.data!.townships.find((x) => x.code === '520122001')!.grids.map((g) => g.code)).toContain('YY-G01');
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'reference.grid_cell.%'`)).toBe(3);
  });

  it('maintains the calendar: validation, overlap refusal, and the training-time rules see a new holiday', async () => {
    const set = (input: Record<string, unknown>, token = edu.token) =>
      t.gql<{ setCalendarPeriod: { id: string; kind: string; name: string; startDate: string; endDate: string } }>(
        `mutation($input: CalendarPeriodInput!) { setCalendarPeriod(input: $input) { id kind name startDate endDate } }`,
        { input },
        token,
      );
    const periods = async (year: number, token = township.token) =>
      (
        await t.gql<{ calendarPeriods: { id: string; name: string; kind: string }[] }>(
          `query($y: Int!) { calendarPeriods(filter: { year: $y }) { id name kind } }`,
          { y: year },
          token,
        )
      ).data!.calendarPeriods;

    expect((await periods(2026)).length).toBe(XIFENG.calendar.length);
    expect(await periods(2027)).toEqual([]);
    expect(code(await t.gql(`query { calendarPeriods(filter: { year: 2027 }) { id } }`))).toBe('UNAUTHENTICATED');

    const problems = async (input: Record<string, unknown>) =>
      (expectGqlError(await set(input), 'VALIDATION_FAILED').extensions!.errors as { message: string }[]).map(
        (e) => e.message,
      );
    // Not a calendar day: the Date scalar refuses the variable before the resolver runs.
    expect(
      expectGqlError(
        await set({ kind: 'PUBLIC_HOLIDAY', name: '坏日期', startDate: '2027-02-30', endDate: '2027-03-01' }),
        'BAD_USER_INPUT',
      ).message,
    ).toContain('YYYY-MM-DD');
    expect(
      await problems({ kind: 'PUBLIC_HOLIDAY', name: '倒序', startDate: '2027-01-03', endDate: '2027-01-01' }),
    ).toEqual(['must not be before startDate']);
    expect(
      await problems({ kind: 'SUMMER_VACATION', name: '太长', startDate: '2027-07-01', endDate: '2027-09-30' }),
    ).toEqual(['a period lasts at most 62 days; this one lasts 92']);
    expect(
      await problems({ kind: 'ADJUSTED_WORKDAY', name: '两天', startDate: '2027-02-06', endDate: '2027-02-07' }),
    ).toEqual(['an adjusted workday is exactly one day (endDate = startDate)']);
    expect(
      code(
        await set({ kind: 'PUBLIC_HOLIDAY', name: '消防', startDate: '2027-01-01', endDate: '2027-01-01' }, fire.token),
      ),
    ).toBe('FORBIDDEN');

    // A subject course with an extra session on 2027-01-01 passes while 2027 has no calendar…
    const inst = await createInstitution(t, { category: 'SUBJECT', nonSubjectKind: null });
    const addCourse = () =>
      t.gql(
        `mutation($input: AddCourseInput!) { addCourse(input: $input) { id } }`,
        {
          input: {
            institutionId: inst.id,
            name: '数学',
            topic: 'MATHEMATICS',
            targetGrades: [4],
            mode: 'OFFLINE',
            lessonMinutes: 60,
            pricePerHour: '100.00',
            termStart: '2026-12-01',
            termEnd: '2026-12-31',
            weeklySlots: [{ weekday: 3, start: '18:30', end: '19:30' }],
            extraSessions: [{ date: '2027-01-01', start: '18:30', end: '19:30' }],
          },
        },
        edu.token,
      );
    expect((await addCourse()).errors).toBeUndefined();

    const newYear = await set({
      kind: 'PUBLIC_HOLIDAY',
      name: '2027年元旦',
      startDate: '2027-01-01',
      endDate: '2027-01-03',
    });
    expect(newYear.errors).toBeUndefined();
    const holidayId = newYear.data!.setCalendarPeriod.id;
    // …and is refused once the county enters the holiday.
    const refused = expectGqlError(await addCourse(), 'TRAINING_TIME_VIOLATION');
    expect(refused.message).toContain('2027年元旦');

    expect(
      code(await set({ kind: 'PUBLIC_HOLIDAY', name: '重叠', startDate: '2027-01-03', endDate: '2027-01-04' })),
    ).toBe('CALENDAR_PERIOD_OVERLAP');
    // Another kind may overlap (a holiday inside the winter vacation).
    const winter = await set(
      { kind: 'WINTER_VACATION', name: '2027年寒假', startDate: '2027-01-02', endDate: '2027-02-20' },
      admin.token,
    );
    expect(winter.errors).toBeUndefined();
    // Changing a period: itself does not count as an overlap.
    expect(
      (
        await set({
          id: holidayId,
          kind: 'PUBLIC_HOLIDAY',
          name: '元旦',
          startDate: '2027-01-01',
          endDate: '2027-01-02',
        })
      ).data!.setCalendarPeriod,
    ).toMatchObject({
      name: '元旦',
      endDate: '2027-01-02',
    });
    expect((await periods(2027)).map((p) => p.name)).toEqual(['元旦', '2027年寒假']);

    expect(
      (
        await t.gql(
          `mutation($id: ID!) { deleteCalendarPeriod(input: { id: $id }) }`,
          { id: winter.data!.setCalendarPeriod.id },
          edu.token,
        )
      ).data,
    ).toEqual({ deleteCalendarPeriod: true });
    expect(
      code(
        await t.gql(
          `mutation($id: ID!) { deleteCalendarPeriod(input: { id: $id }) }`,
          { id: winter.data!.setCalendarPeriod.id },
          edu.token,
        ),
      ),
    ).toBe('CALENDAR_PERIOD_NOT_FOUND');
    expect((await periods(2027)).map((p) => p.name)).toEqual(['元旦']);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'reference.calendar_period.%'`),
    ).toBe(4);
  });

  it('keeps the county’s calendar changes when the reference data is seeded again', async () => {
    const [national] = await t.dataSource.query(
      `SELECT id FROM calendar_period WHERE name = '国庆节' AND removed_at IS NULL`,
    );
    const [may] = await t.dataSource.query(`SELECT id FROM calendar_period WHERE name = '劳动节'`);
    // The county shortens National Day and deletes Labour Day (both seeded).
    const changed = await t.gql(
      `mutation($input: CalendarPeriodInput!) { setCalendarPeriod(input: $input) { id } }`,
      {
        input: {
          id: national.id,
          kind: 'PUBLIC_HOLIDAY',
          name: '国庆节（调整）',
          startDate: '2026-10-01',
          endDate: '2026-10-06',
        },
      },
      edu.token,
    );
    expect(changed.errors).toBeUndefined();
    expect(
      (await t.gql(`mutation($id: ID!) { deleteCalendarPeriod(input: { id: $id }) }`, { id: may.id }, edu.token))
        .errors,
    ).toBeUndefined();
    await t.dataSource.transaction((em) => seedReference(em, XIFENG));
    const rows = await t.dataSource.query(
      `SELECT name, end_date::text AS end FROM calendar_period WHERE start_date BETWEEN '2026-05-01' AND '2026-10-01' AND kind = 'PUBLIC_HOLIDAY' AND removed_at IS NULL ORDER BY start_date`,
    );
    expect(rows).toEqual([
      { name: '端午节', end: '2026-06-21' },
      { name: '中秋节', end: '2026-09-27' },
      { name: '国庆节（调整）', end: '2026-10-06' },
    ]);
  });
});
