import { piiHash } from '../../src/platform/crypto/crypto';
import { Role } from '../../src/platform/auth/role';
import { createInstitution, randomCreditCode } from '../factories/registry.factory';
import { GqlResult, LoggedIn, TestApp, startTestApp } from '../support/test-app';

const FIELDS = 'id name creditCode category nonSubjectKind legalForm status townshipCode licenceNumber';

const details = (over: Record<string, unknown> = {}) => ({
  name: '息烽县启航艺术培训学校',
  creditCode: randomCreditCode(),
  category: 'NON_SUBJECT',
  nonSubjectKind: 'ARTS',
  legalForm: 'FOR_PROFIT',
  competentDepartmentCode: 'EDU',
  townshipCode: '520122001',
  address: '永阳街道文化路 8 号',
  legalRepresentative: '王五',
  contactPhone: '13800000000',
  partyWorkCovered: true,
  ...over,
});

const LICENCE = {
  licenceNumber: '教民152012270000123号',
  licenceValidFrom: '2026-09-01',
  licenceValidUntil: '2029-08-31',
};

function code(r: GqlResult): unknown {
  return r.errors?.[0]?.extensions?.code;
}

describe('institution registry (GraphQL)', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let edu: LoggedIn;
  let otherDept: LoggedIn;
  let township: LoggedIn;
  let otherTownship: LoggedIn;
  let discipline: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2026-09-01T02:00:00Z');
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    otherDept = await t.loginAs(Role.DEPARTMENT_OFFICER, 'HEALTH');
    township = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
    otherTownship = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122100');
    discipline = await t.loginAs(Role.DISCIPLINE_SUPERVISOR);
  });
  afterAll(() => t.close());

  const command = (mutation: string, input: Record<string, unknown>, token: string) =>
    t.gql<Record<string, { id: string; status: string }>>(
      `mutation($input: ${inputType(mutation)}!) { ${mutation}(input: $input) { ${FIELDS} } }`,
      { input },
      token,
    );

  function inputType(mutation: string): string {
    const types: Record<string, string> = {
      applyForLicence: 'ApplyForLicenceInput',
      registerExistingInstitution: 'RegisterExistingInstitutionInput',
      approveInstitution: 'ApproveInstitutionInput',
      convertToNonSubject: 'ConvertToNonSubjectInput',
    };
    return types[mutation] ?? 'InstitutionCommandInput';
  }

  async function addAcceptedPremises(institutionId: string, token: string): Promise<string> {
    const added = await t.gql<{ addPremises: { id: string } }>(
      `mutation($input: AddPremisesInput!) { addPremises(input: $input) { id fireAcceptance } }`,
      { input: { institutionId, address: '文化路 8 号 2 楼', floorAreaM2: 320, physicalProtection: true } },
      token,
    );
    const premisesId = added.data!.addPremises.id;
    const check = (c: string, result = 'PASSED') =>
      t.gql(
        `mutation($input: RecordPremisesCheckInput!) { recordPremisesCheck(input: $input) { id fireAcceptance } }`,
        { input: { premisesId, check: c, result, date: '2026-08-20' } },
        token,
      );
    // Acceptance cannot pass before the design review.
    const early = await check('FIRE_ACCEPTANCE');
    expect(code(early)).toBe('FIRE_DESIGN_REVIEW_REQUIRED');
    expect((await check('FIRE_DESIGN_REVIEW')).errors).toBeUndefined();
    expect((await check('FIRE_ACCEPTANCE')).errors).toBeUndefined();
    return premisesId;
  }

  it('walks an institution from application to operation, suspension and deregistration, with audit and events', async () => {
    const applied = await command('applyForLicence', { institution: details(), reason: '新申请' }, edu.token);
    expect(applied.errors).toBeUndefined();
    const id = applied.data!.applyForLicence!.id;
    expect(applied.data!.applyForLicence!.status).toBe('APPLIED');

    // Illegal transitions name the current state.
    const early = await command('startOperating', { id, reason: 'x' }, edu.token);
    expect(code(early)).toBe('ILLEGAL_TRANSITION');
    expect(early.errors![0]!.message).toBe('Cannot startOperating: the institution is APPLIED (allowed from APPROVED)');
    expect(code(await command('suspendInstitution', { id, reason: 'x' }, edu.token))).toBe('ILLEGAL_TRANSITION');

    const approved = await command('approveInstitution', { id, licence: LICENCE, reason: '材料齐全' }, edu.token);
    expect(approved.data!.approveInstitution).toMatchObject({
      status: 'APPROVED',
      licenceNumber: LICENCE.licenceNumber,
    });

    // No premises with a passed fire acceptance yet.
    const noFire = await command('startOperating', { id, reason: '开业' }, edu.token);
    expect(code(noFire)).toBe('FIRE_ACCEPTANCE_REQUIRED');
    await addAcceptedPremises(id, edu.token);

    expect((await command('startOperating', { id, reason: '开业' }, edu.token)).data!.startOperating!.status).toBe(
      'OPERATING',
    );
    expect(
      (await command('suspendInstitution', { id, reason: '停业整顿' }, admin.token)).data!.suspendInstitution!.status,
    ).toBe('SUSPENDED');
    const twice = await command('suspendInstitution', { id, reason: '停业整顿' }, admin.token);
    expect(twice.errors![0]!.message).toContain('the institution is SUSPENDED');
    expect(
      (await command('resumeInstitution', { id, reason: '整改完成' }, edu.token)).data!.resumeInstitution!.status,
    ).toBe('OPERATING');
    expect(
      (await command('deregisterInstitution', { id, reason: '申请注销' }, edu.token)).data!.deregisterInstitution!
        .status,
    ).toBe('DEREGISTERED');
    const after = await command('resumeInstitution', { id, reason: 'x' }, edu.token);
    expect(after.errors![0]!.message).toBe(
      'Cannot resumeInstitution: the institution is DEREGISTERED (allowed from SUSPENDED)',
    );
    expect(code(await command('revokeLicence', { id, reason: 'x' }, edu.token))).toBe('ILLEGAL_TRANSITION');

    const audit = await t.dataSource.query(
      `SELECT action, summary FROM audit_log WHERE entity_id = $1 AND entity_type = 'institution' ORDER BY id`,
      [id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'registry.institution.applied',
      'registry.institution.approved',
      'registry.institution.operating',
      'registry.institution.suspended',
      'registry.institution.resumed',
      'registry.institution.deregistered',
    ]);
    expect(audit[3].summary).toMatchObject({ from: 'OPERATING', to: 'SUSPENDED', reason: '停业整顿' });
    const events = await t.dataSource.query(
      `SELECT name, payload FROM outbox WHERE payload->>'institutionId' = $1 ORDER BY id`,
      [id],
    );
    expect(events.map((e: { name: string }) => e.name)).toEqual([
      'registry.institution.applied',
      'registry.institution.approved',
      'registry.institution.operating',
      'registry.institution.suspended',
      'registry.institution.resumed',
      'registry.institution.deregistered',
    ]);
    expect(events[3].payload).toMatchObject({
      fromStatus: 'OPERATING',
      toStatus: 'SUSPENDED',
      reason: '停业整顿',
      townshipCode: '520122001',
      category: 'NON_SUBJECT',
    });
  });

  it('rejects an application; refuses new subject institutions and wrong credit codes, leaving nothing stored', async () => {
    const applied = await command('applyForLicence', { institution: details(), reason: '申请' }, admin.token);
    const rejected = await command(
      'rejectInstitution',
      { id: applied.data!.applyForLicence!.id, reason: '场所不符合要求' },
      admin.token,
    );
    expect(rejected.data!.rejectInstitution!.status).toBe('REJECTED');
    expect(
      code(
        await command(
          'approveInstitution',
          { id: applied.data!.applyForLicence!.id, licence: LICENCE, reason: 'x' },
          admin.token,
        ),
      ),
    ).toBe('ILLEGAL_TRANSITION');

    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM institution`);
    const subject = await command(
      'applyForLicence',
      { institution: details({ category: 'SUBJECT', nonSubjectKind: null }), reason: '申请' },
      edu.token,
    );
    expect(code(subject)).toBe('NO_NEW_SUBJECT_INSTITUTIONS');

    const wrongCheck = await command(
      'applyForLicence',
      { institution: details({ creditCode: '91110000600037341M' }), reason: '申请' },
      edu.token,
    );
    expect(code(wrongCheck)).toBe('VALIDATION_FAILED');
    expect(wrongCheck.errors![0]!.message).toBe("Check character 'M' at position 18 is wrong: positions 1–17 give 'L'");
    const badChar = await command(
      'applyForLicence',
      { institution: details({ creditCode: '9111000060003734OL' }), reason: '申请' },
      edu.token,
    );
    expect(badChar.errors![0]!.message).toContain("Character 'O' at position 17");

    const taken = await createInstitution(t);
    expect(
      code(
        await command(
          'applyForLicence',
          { institution: details({ creditCode: taken.creditCode }), reason: '申请' },
          edu.token,
        ),
      ),
    ).toBe('CREDIT_CODE_TAKEN');
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM institution`)).toEqual([{ n: before[0].n + 1 }]);
  });

  it('lets only the county office and the licensing department change the registry', async () => {
    const input = { institution: details(), reason: '申请' };
    expect(code(await command('applyForLicence', input, otherDept.token))).toBe('FORBIDDEN');
    expect(code(await command('applyForLicence', input, township.token))).toBe('FORBIDDEN');
    expect(code(await command('applyForLicence', input, discipline.token))).toBe('FORBIDDEN');
  });

  it('reduces existing subject institutions: conversion to non-profit and to non-subject; no subject courses for non-subject institutions', async () => {
    const reg = await command(
      'registerExistingInstitution',
      {
        institution: details({ name: '某学科类培训学校', category: 'SUBJECT', nonSubjectKind: null }),
        licence: LICENCE,
        reason: '存量机构登记',
      },
      edu.token,
    );
    expect(reg.errors).toBeUndefined();
    const id = reg.data!.registerExistingInstitution!.id;
    const dashboard = () =>
      t.gql<{ registryDashboard: { subjectInstitutionsRemaining: number } }>(
        `{ registryDashboard { subjectInstitutionsRemaining } }`,
        {},
        admin.token,
      );
    const remaining = (await dashboard()).data!.registryDashboard.subjectInstitutionsRemaining;
    expect(remaining).toBeGreaterThanOrEqual(1);

    const nonProfit = await command('convertToNonProfit', { id, reason: '营改非' }, edu.token);
    expect(nonProfit.data!.convertToNonProfit).toMatchObject({ legalForm: 'NON_PROFIT', category: 'SUBJECT' });
    expect((await dashboard()).data!.registryDashboard.subjectInstitutionsRemaining).toBe(remaining - 1);
    expect(nonProfit.errors).toBeUndefined();
    expect((await command('convertToNonProfit', { id, reason: 'again' }, edu.token)).errors![0]!.message).toContain(
      'already NON_PROFIT',
    );

    // A running subject course blocks conversion to non-subject.
    const course = await addCourse(id, { topic: 'MATHEMATICS', termStart: '2026-09-01', termEnd: '2026-12-31' });
    expect(course.errors).toBeUndefined();
    const blocked = await command(
      'convertToNonSubject',
      { id, nonSubjectKind: 'SCIENCE_TECH', reason: '转非' },
      edu.token,
    );
    expect(code(blocked)).toBe('SUBJECT_COURSES_REMAIN');
    t.clock.set('2027-01-05T02:00:00Z');
    const later = t.tokenFor(edu.id); // tokens expire with the clock
    try {
      const converted = await command(
        'convertToNonSubject',
        { id, nonSubjectKind: 'SCIENCE_TECH', reason: '转非' },
        later,
      );
      expect(converted.data!.convertToNonSubject).toMatchObject({
        category: 'NON_SUBJECT',
        nonSubjectKind: 'SCIENCE_TECH',
        status: 'OPERATING',
      });
      const [event] = await t.dataSource.query(
        `SELECT payload FROM outbox WHERE name = 'registry.institution.converted' AND payload->>'institutionId' = $1 AND payload->>'convertedTo' = 'NON_SUBJECT'`,
        [id],
      );
      expect(event.payload).toMatchObject({
        previousCategory: 'SUBJECT',
        category: 'NON_SUBJECT',
        nonSubjectKind: 'SCIENCE_TECH',
      });
      const refused = await addCourse(id, { topic: 'CHINESE', termStart: '2027-03-01', termEnd: '2027-06-30' }, later);
      expect(code(refused)).toBe('SUBJECT_COURSE_NOT_ALLOWED');
      expect(refused.errors![0]!.message).toContain('CHINESE');
    } finally {
      t.clock.set('2026-09-01T02:00:00Z');
    }
  });

  function addCourse(institutionId: string, over: Record<string, unknown>, token = edu.token) {
    return t.gql<{ addCourse: { id: string; subject: boolean; pricePerHour: string; skippedHolidayDates: string[] } }>(
      `mutation($input: AddCourseInput!) { addCourse(input: $input) { id subject pricePerHour skippedHolidayDates weeklySlots { weekday start end } } }`,
      {
        input: {
          institutionId,
          name: '课程',
          topic: 'ARTS',
          targetGrades: [4, 5],
          mode: 'OFFLINE',
          lessonMinutes: 60,
          pricePerHour: '120.00',
          termStart: '2026-09-01',
          termEnd: '2026-12-31',
          weeklySlots: [{ weekday: 4, start: '18:30', end: '19:30' }],
          ...over,
        },
      },
      token,
    );
  }

  it('checks course schedules against the training-time rules with the county calendar', async () => {
    const subject = await createInstitution(t, { category: 'SUBJECT', nonSubjectKind: null });
    const ok = await addCourse(subject.id, { topic: 'MATHEMATICS' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.addCourse).toMatchObject({
      subject: true,
      pricePerHour: '120.00',
      skippedHolidayDates: ['2026-10-01'],
    });

    const weekend = await addCourse(subject.id, {
      topic: 'MATHEMATICS',
      weeklySlots: [{ weekday: 6, start: '09:00', end: '10:00' }],
    });
    expect(code(weekend)).toBe('TRAINING_TIME_VIOLATION');
    expect(weekend.errors![0]!.message).toContain(
      'weeklySlots[0] is on Saturday; subject training is not allowed on weekends',
    );
    const holiday = await addCourse(subject.id, {
      topic: 'MATHEMATICS',
      extraSessions: [{ date: '2026-10-03', start: '09:00', end: '10:00' }],
    });
    expect(holiday.errors![0]!.message).toContain('2026-10-03 is a public holiday (国庆节)');
    const vacation = await addCourse(subject.id, { topic: 'PHYSICS', termStart: '2026-07-01', termEnd: '2026-08-15' });
    expect(vacation.errors![0]!.message).toContain('overlaps the 2026年暑假 (2026-07-11–2026-08-31)');
    const late = await addCourse(subject.id, {
      topic: 'MATHEMATICS',
      weeklySlots: [{ weekday: 2, start: '19:45', end: '20:45' }],
    });
    expect(late.errors![0]!.message).toContain('ends at 20:45; offline subject training must end by 20:30');
    const online = await addCourse(subject.id, {
      topic: 'FOREIGN_LANGUAGE',
      mode: 'ONLINE',
      lessonMinutes: 40,
      weeklySlots: [
        { weekday: 1, start: '20:10', end: '20:50' },
        { weekday: 1, start: '20:55', end: '21:35' },
      ],
    });
    const problems = (online.errors![0]!.extensions!.errors as { message: string }[]).map((e) => e.message);
    expect(problems).toEqual(
      expect.arrayContaining([
        'an online subject lesson lasts at most 30 minutes; this one lasts 40',
        'ends at 21:35; online subject training must end by 21:00',
        "starts 5 minutes after the previous online lesson; at least 10 minutes' break is required",
      ]),
    );
    // Non-subject courses may run at weekends.
    const arts = await createInstitution(t);
    expect(
      (await addCourse(arts.id, { topic: 'ARTS', weeklySlots: [{ weekday: 6, start: '09:00', end: '10:00' }] })).errors,
    ).toBeUndefined();
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM course WHERE institution_id = $1`, [subject.id]),
    ).toEqual([{ n: 1 }]);
  });

  it('stores staff ID numbers hashed and encrypted, shows them masked, and flags in-service teachers', async () => {
    const inst = await createInstitution(t);
    const [school] = await t.dataSource.query(
      `INSERT INTO school (code, name, township_code, stage) VALUES ('T-S1', '测试小学', '520122100', 'PRIMARY') RETURNING id`,
    );
    const teacherId = '52012219800101123X';
    const [teacher] = await t.dataSource.query(
      `INSERT INTO teacher (school_id, name, id_number_hash) VALUES ($1, '赵老师', $2) RETURNING id`,
      [school.id, piiHash(t.runtime.config.security.piiHashKey, teacherId)],
    );
    const add = (idNumber: string) =>
      t.gql<{ addStaff: { id: string; idNumberMasked: string; inServiceTeacher: boolean } }>(
        `mutation($input: AddStaffInput!) { addStaff(input: $input) { id idNumberMasked inServiceTeacher } }`,
        { input: { institutionId: inst.id, name: '赵某', idNumber, position: 'TEACHER' } },
        edu.token,
      );
    const clean = await add('520122199001011234');
    expect(clean.data!.addStaff).toMatchObject({ idNumberMasked: '5201**********1234', inServiceTeacher: false });
    expect(code(await add('520122199001011234'))).toBe('STAFF_ALREADY_REGISTERED');
    expect(code(await add('12345'))).toBe('VALIDATION_FAILED');

    const flagged = await add(teacherId.toLowerCase());
    expect(flagged.data!.addStaff).toMatchObject({ idNumberMasked: '5201**********123X', inServiceTeacher: true });
    const [row] = await t.dataSource.query(`SELECT id_number_hash, id_number_encrypted FROM staff WHERE id = $1`, [
      flagged.data!.addStaff.id,
    ]);
    expect(JSON.stringify(row)).not.toContain('52012219800101123X');
    const [event] = await t.dataSource.query(
      `SELECT payload FROM outbox WHERE name = 'registry.staff.in_service_teacher_found'`,
    );
    expect(event.payload).toEqual({
      institutionId: inst.id,
      staffId: flagged.data!.addStaff.id,
      teacherId: teacher.id,
      schoolId: school.id,
      townshipCode: '520122100',
    });
    const targets = await t.dataSource.query(
      `SELECT t.target_value FROM notification n JOIN notification_target t ON t.notification_id = n.id WHERE n.kind = 'registry.staff.in_service_teacher_found' ORDER BY 1`,
    );
    expect(targets.map((x: { target_value: string }) => x.target_value)).toEqual(['DISCIPLINE', 'EDU']);
    const read = await t.gql<{ institution: { staff: { idNumberMasked: string }[] } }>(
      `query($id: ID!) { institution(id: $id) { staff { idNumberMasked } } }`,
      { id: inst.id },
      discipline.token,
    );
    expect(read.data!.institution.staff.map((s) => s.idNumberMasked).sort()).toEqual([
      '5201**********1234',
      '5201**********123X',
    ]);
  });

  it('reviews materials and ads, and scores the annual review against the year’s checklist', async () => {
    const inst = await createInstitution(t);
    const submitted = await t.gql<{ submitTrainingMaterial: { id: string; status: string } }>(
      `mutation($input: SubmitMaterialInput!) { submitTrainingMaterial(input: $input) { id status } }`,
      { input: { institutionId: inst.id, kind: 'ENROLMENT_AD', title: '秋季招生', content: '提分保过' } },
      edu.token,
    );
    const review = (input: Record<string, unknown>) =>
      t.gql<{ reviewTrainingMaterial: { status: string; reviewReasons: string } }>(
        `mutation($input: ReviewMaterialInput!) { reviewTrainingMaterial(input: $input) { status reviewReasons } }`,
        { input },
        edu.token,
      );
    const id = submitted.data!.submitTrainingMaterial.id;
    expect(code(await review({ id, decision: 'REJECTED' }))).toBe('VALIDATION_FAILED');
    expect(
      (await review({ id, decision: 'REJECTED', reasons: '含“提分保过”等违规用语' })).data!.reviewTrainingMaterial,
    ).toMatchObject({ status: 'REJECTED' });
    expect(code(await review({ id, decision: 'APPROVED' }))).toBe('MATERIAL_ALREADY_REVIEWED');

    const record = (scores: { code: string; score: number }[]) =>
      t.gql<{ recordAnnualReview: { result: string; score: number } }>(
        `mutation($input: RecordAnnualReviewInput!) { recordAnnualReview(input: $input) { result score } }`,
        { input: { institutionId: inst.id, year: 2031, scores } },
        edu.token,
      );
    expect(code(await record([]))).toBe('ANNUAL_REVIEW_CHECKLIST_MISSING');
    const set = await t.gql(
      `mutation($input: SetAnnualReviewChecklistInput!) { setAnnualReviewChecklist(input: $input) { year } }`,
      {
        input: {
          year: 2031,
          passScore: 80,
          basicPassScore: 60,
          items: [
            { code: 'SAFETY', title: '安全管理', maxScore: 50 },
            { code: 'FEES', title: '收费管理', maxScore: 50 },
          ],
        },
      },
      admin.token,
    );
    expect(set.errors).toBeUndefined();
    expect(
      code(
        await record([
          { code: 'SAFETY', score: 60 },
          { code: 'FEES', score: 10 },
        ]),
      ),
    ).toBe('VALIDATION_FAILED');
    const done = await record([
      { code: 'SAFETY', score: 40 },
      { code: 'FEES', score: 30 },
    ]);
    expect(done.data!.recordAnnualReview).toEqual({ result: 'BASIC_PASS', score: 70 });
    expect(
      code(
        await record([
          { code: 'SAFETY', score: 40 },
          { code: 'FEES', score: 30 },
        ]),
      ),
    ).toBe('ANNUAL_REVIEW_EXISTS');
    const [event] = await t.dataSource.query(
      `SELECT payload FROM outbox WHERE name = 'registry.annual_review.completed' AND payload->>'institutionId' = $1`,
      [inst.id],
    );
    expect(event.payload).toEqual({ institutionId: inst.id, year: 2031, result: 'BASIC_PASS', score: 70 });
  });

  it('scopes reads: a township officer sees only their township; school administrators nothing', async () => {
    const mine = await createInstitution(t, { townshipCode: '520122001', name: '甲机构' });
    const theirs = await createInstitution(t, { townshipCode: '520122100', name: '乙机构' });
    const list = (token: string) =>
      t.gql<{ institutions: { totalCount: number; edges: { node: { id: string; townshipCode: string } }[] } }>(
        `{ institutions(first: 100) { totalCount edges { node { id townshipCode } } } }`,
        {},
        token,
      );
    const own = await list(township.token);
    expect(own.data!.institutions.edges.every((e) => e.node.townshipCode === '520122001')).toBe(true);
    expect(own.data!.institutions.edges.map((e) => e.node.id)).toContain(mine.id);
    const all = await list(otherDept.token);
    expect(all.data!.institutions.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));

    const get = (id: string, token: string) =>
      t.gql(
        `query($id: ID!) { institution(id: $id) { id premises { id } courses { id } annualReviews { id } } }`,
        { id },
        token,
      );
    expect((await get(mine.id, township.token)).errors).toBeUndefined();
    expect(code(await get(theirs.id, township.token))).toBe('INSTITUTION_NOT_FOUND');
    expect(code(await get('00000000-0000-0000-0000-000000000000', township.token))).toBe('INSTITUTION_NOT_FOUND');
    const filtered = await t.gql<{ institutions: { totalCount: number } }>(
      `{ institutions(filter: { townshipCode: "520122100" }) { totalCount } }`,
      {},
      township.token,
    );
    expect(filtered.data!.institutions.totalCount).toBe(0);
    // …nor change one (no lifecycle commands at all for township officers).
    expect(code(await command('suspendInstitution', { id: theirs.id, reason: 'x' }, township.token))).toBe('FORBIDDEN');
    const search = await t.gql<{ institutions: { totalCount: number } }>(
      `query($s: String) { institutions(filter: { search: $s }) { totalCount } }`,
      { s: theirs.creditCode },
      admin.token,
    );
    expect(search.data!.institutions.totalCount).toBe(1);
  });

  it('publishes only what may be published, without a login', async () => {
    const inst = await createInstitution(t, { contactPhone: '13999999999' });
    const r = await t.gql<{ institutionPublicProfile: Record<string, unknown> }>(
      `query($c: String!) { institutionPublicProfile(creditCode: $c) { name creditCode category licenceNumber licenceValidUntil status complaintHotline } }`,
      { c: inst.creditCode.toLowerCase() },
    );
    expect(r.data!.institutionPublicProfile).toMatchObject({
      name: inst.name,
      creditCode: inst.creditCode,
      status: 'OPERATING',
      complaintHotline: '12345',
    });
    expect(JSON.stringify(r.data)).not.toContain('13999999999');
    const leak = await t.gql(`query($c: String!) { institutionPublicProfile(creditCode: $c) { contactPhone } }`, {
      c: inst.creditCode,
    });
    expect(leak.status).toBe(400);
    const pending = await createInstitution(t, { status: 'APPLIED' });
    expect(
      code(
        await t.gql(`query($c: String!) { institutionPublicProfile(creditCode: $c) { name } }`, {
          c: pending.creditCode,
        }),
      ),
    ).toBe('INSTITUTION_NOT_FOUND');
    expect(code(await t.gql(`{ institutionPublicProfile(creditCode: "91110000600037341M") { name } }`))).toBe(
      'VALIDATION_FAILED',
    );
    expect(code(await t.gql(`{ institutions { totalCount } }`))).toBe('UNAUTHENTICATED');
  });

  it('handles unlicensed-training leads in a township and reports overdue ones', async () => {
    const record = (input: Record<string, unknown>, token: string) =>
      t.gql<{ recordUnlicensedLead: { id: string; status: string; overdue: boolean } }>(
        `mutation($input: RecordLeadInput!) { recordUnlicensedLead(input: $input) { id status overdue } }`,
        {
          input: {
            location: '某小区 3 栋',
            kind: 'DAY_CARE',
            source: 'GRID_PATROL',
            description: '以托管名义开展学科培训',
            ...input,
          },
        },
        token,
      );
    const lead = await record({ townshipCode: '520122001', latitude: 27.09, longitude: 106.74 }, township.token);
    expect(lead.data!.recordUnlicensedLead).toMatchObject({ status: 'OPEN', overdue: false });
    expect(code(await record({ townshipCode: '520122100' }, township.token))).toBe('LEAD_OUTSIDE_TOWNSHIP');
    const other = await record({ townshipCode: '520122100' }, edu.token);
    const id = lead.data!.recordUnlicensedLead.id;

    const move = (mutation: string, type: string, input: Record<string, unknown>, token: string) =>
      t.gql<Record<string, { status: string }>>(
        `mutation($input: ${type}!) { ${mutation}(input: $input) { status } }`,
        { input },
        token,
      );
    // Another township's lead is invisible to this officer.
    expect(
      code(
        await move(
          'startLeadInvestigation',
          'StartLeadInvestigationInput',
          { id: other.data!.recordUnlicensedLead.id, note: 'x' },
          township.token,
        ),
      ),
    ).toBe('LEAD_NOT_FOUND');
    expect(
      code(
        await t.gql(
          `query($id: ID!) { unlicensedLead(id: $id) { id } }`,
          { id: other.data!.recordUnlicensedLead.id },
          township.token,
        ),
      ),
    ).toBe('LEAD_NOT_FOUND');

    const dash = (token: string) =>
      t.gql<{ registryDashboard: { openLeads: number; overdueLeads: number } }>(
        `{ registryDashboard { openLeads overdueLeads leadClearanceDays } }`,
        {},
        token,
      );
    expect((await dash(township.token)).data!.registryDashboard).toMatchObject({ openLeads: 1, overdueLeads: 0 });
    t.clock.advanceDays(31);
    const [tw, ad, ot] = [township, admin, otherTownship].map((u) => ({ ...u, token: t.tokenFor(u.id) }));
    try {
      expect((await dash(tw.token)).data!.registryDashboard).toMatchObject({ openLeads: 1, overdueLeads: 1 });
      expect((await dash(ad.token)).data!.registryDashboard).toMatchObject({ openLeads: 2, overdueLeads: 2 });
      const overdueList = await t.gql<{ unlicensedLeads: { totalCount: number } }>(
        `{ unlicensedLeads(filter: { overdue: true }) { totalCount } }`,
        {},
        ot.token,
      );
      expect(overdueList.data!.unlicensedLeads.totalCount).toBe(1);

      expect(
        (
          await move(
            'startLeadInvestigation',
            'StartLeadInvestigationInput',
            { id, note: '网格员与教育局联合核查' },
            tw.token,
          )
        ).data!.startLeadInvestigation!.status,
      ).toBe('INVESTIGATING');
      const illegal = await move(
        'startLeadInvestigation',
        'StartLeadInvestigationInput',
        { id, note: 'again' },
        tw.token,
      );
      expect(illegal.errors![0]!.message).toBe(
        'Cannot startLeadInvestigation: the lead is INVESTIGATING (allowed from OPEN)',
      );
      expect(
        (
          await move(
            'resolveUnlicensedLead',
            'ResolveLeadInput',
            { id, outcome: 'CLOSED', findings: '已取缔' },
            tw.token,
          )
        ).data!.resolveUnlicensedLead!.status,
      ).toBe('CLOSED');
      expect((await dash(tw.token)).data!.registryDashboard).toMatchObject({ openLeads: 0, overdueLeads: 0 });
    } finally {
      t.clock.set('2026-09-01T02:00:00Z');
    }
    const names = await t.dataSource.query(`SELECT name FROM outbox WHERE payload->>'leadId' = $1 ORDER BY id`, [id]);
    expect(names.map((n: { name: string }) => n.name)).toEqual([
      'registry.unlicensed_lead.opened',
      'registry.unlicensed_lead.closed',
    ]);
    expect(code(await record({ townshipCode: '520122001' }, discipline.token))).toBe('FORBIDDEN');
  });
});
