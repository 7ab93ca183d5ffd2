import { randomUUID } from 'node:crypto';
import { PrepaidFacade, PrepaidPaymentRoute } from '../../src/modules/prepaid';
// The institution side is exercised through the services: INSTITUTION_ADMIN users cannot be created yet,
// so the test builds that principal itself (the access guard would load it from the user row).
// eslint-disable-next-line local/module-boundaries
import { ContractService } from '../../src/modules/prepaid/contract.service';
// eslint-disable-next-line local/module-boundaries
import { LessonService } from '../../src/modules/prepaid/lesson.service';
// eslint-disable-next-line local/module-boundaries
import { PrepaidQueries } from '../../src/modules/prepaid/prepaid.queries';
import { InstitutionSummary } from '../../src/modules/registry';
import { UserPrincipal } from '../../src/platform/auth/principal';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { DomainError } from '../../src/platform/errors/domain-error';
import { openAccount } from '../factories/escrow.factory';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

// Monday 21 September 2026, 10:00 in Xifeng. 国庆节 1–7 October is a public holiday (seeded); the test adds
// Saturday 10 October as an adjusted workday (调休上班).
const START = '2026-09-21T02:00:00Z';
const noonOn = (date: string) => `${date}T04:00:00Z`;

function institutionAdmin(institutionId: string): UserPrincipal {
  return {
    kind: 'user',
    userId: randomUUID(),
    username: `inst-${institutionId.slice(0, 8)}`,
    role: Role.INSTITUTION_ADMIN,
    institutionId,
  };
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('prepaid contracts and lessons (一课一消)', () => {
  const clock = new FixedClock(START);
  let t: TestApp;
  let admin: LoggedIn;
  let contracts: ContractService;
  let lessons: LessonService;
  let queries: PrepaidQueries;
  let facade: PrepaidFacade;
  let instA: InstitutionSummary;
  let instB: InstitutionSummary;
  let courseA: string;
  let subjectCourseA: string;
  let courseB: string;

  const addCourse = async (institutionId: string, subject = false): Promise<string> => {
    const [row] = await t.dataSource.query(
      `INSERT INTO course (institution_id, name, topic, subject, target_grades, mode, lesson_minutes, price_per_hour_fen,
         term_start, term_end, weekly_slots, extra_sessions, created_at)
       VALUES ($1, $2, $3, $4, '{3,4}', 'OFFLINE', 60, 10000, '2026-09-01', '2026-12-31', $5, '[]', now()) RETURNING id`,
      [
        institutionId,
        subject ? '数学提高' : '少儿美术',
        subject ? 'MATH' : 'ART',
        subject,
        JSON.stringify([
          { weekday: 1, start: '17:00', end: '18:00' },
          { weekday: 1, start: '18:10', end: '19:10' },
          { weekday: 3, start: '17:00', end: '18:00' },
          { weekday: 5, start: '17:00', end: '18:00' },
        ]),
      ],
    );
    return row.id as string;
  };

  type Command = Parameters<ContractService['register']>[1];
  const contractInput = (institutionId: string, courseId: string, over: Partial<Command> = {}): Command => ({
    institutionId,
    courseId,
    studentName: '王小明',
    payerName: '王大明',
    payerPhone: '13800001234',
    lessonsBought: 40,
    pricePerLesson: '100.00',
    periodStart: '2026-09-01',
    periodEnd: '2026-11-30',
    paymentRoute: PrepaidPaymentRoute.ESCROW_ACCOUNT,
    paymentMethod: 'BANK_TRANSFER' as const,
    refundTerms: '未消课时按合同单价全额退还',
    ...over,
  });

  const count = async (table: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    contracts = t.app.get(ContractService);
    lessons = t.app.get(LessonService);
    queries = t.app.get(PrepaidQueries);
    facade = t.app.get(PrepaidFacade);
    const bank = await t.registerBank();
    instA = (await openAccount(t, admin.token, bank.bankCode)).institution;
    instB = (await openAccount(t, admin.token, bank.bankCode)).institution;
    courseA = await addCourse(instA.id);
    subjectCourseA = await addCourse(instA.id, true);
    courseB = await addCourse(instB.id);
    await t.dataSource.query(
      `INSERT INTO calendar_period (kind, name, start_date, end_date, source) VALUES ('ADJUSTED_WORKDAY', '国庆调休', '2026-10-10', '2026-10-10', 'COUNTY')`,
    );
    const [holiday] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM calendar_period WHERE kind = 'PUBLIC_HOLIDAY' AND start_date = '2026-10-01' AND end_date = '2026-10-07' AND removed_at IS NULL`,
    );
    expect(holiday.n).toBe(1);
  });

  afterAll(async () => {
    await t?.close();
  });

  let contractId: string;
  let contractCode: string;

  it('registers a contract for its own institution; the code is returned once and only its hash stored', async () => {
    const { contract, contractCode: code } = await contracts.register(
      institutionAdmin(instA.id),
      contractInput(instA.id, courseA),
    );
    expect(code).toMatch(/^[3469A-Y]{4}-[3469A-Y]{4}-[3469A-Y]{4}-[3469A-Y]{4}$/);
    expect(contract).toMatchObject({
      status: 'ACTIVE',
      totalFen: 400_000n,
      lessonMinutes: 60,
      paymentRoute: 'ESCROW_ACCOUNT',
    });
    contractId = contract.id;
    contractCode = code;
    const [row] = await t.dataSource.query(
      `SELECT row_to_json(c)::text AS json FROM prepaid_contract c WHERE id = $1`,
      [contractId],
    );
    for (const secret of [code, code.replace(/-/g, ''), '王小明', '王大明', '13800001234'])
      expect(row.json).not.toContain(secret);
    const [audit] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'prepaid.contract.registered' AND entity_id = $1`,
      [contractId],
    );
    expect(audit.n).toBe(1);
    const [event] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE name = 'prepaid.contract.registered'`,
    );
    expect(event.n).toBeGreaterThanOrEqual(1);
  });

  it('refuses every rule of the issue with a clear code and stores nothing', async () => {
    const before = await count('prepaid_contract');
    const audits = await count('audit_log');
    const a = institutionAdmin(instA.id);
    const suspended = await createInstitution(t, { status: 'SUSPENDED' });
    const noAccount = await createInstitution(t);
    const noAccountCourse = await addCourse(noAccount.id);
    const cases: [Promise<unknown>, string][] = [
      [
        contracts.register(a, contractInput(instA.id, courseA, { lessonsBought: 51, studentName: '甲' })),
        'PREPAID_CHARGE_OVER_CAP',
      ],
      [
        contracts.register(a, contractInput(instA.id, courseA, { periodEnd: '2026-12-01', studentName: '乙' })),
        'PREPAID_CHARGE_OVER_CAP',
      ],
      [
        contracts.register(
          a,
          contractInput(instA.id, courseA, {
            lessonsBought: 31,
            lessonMinutes: 90,
            pricePerLesson: '10.00',
            studentName: '丙',
          }),
        ),
        'PREPAID_CHARGE_OVER_CAP',
      ],
      // A top-up of the same family within the window: 4,000 + 2,000 yuan is over 5,000.
      [contracts.register(a, contractInput(instA.id, courseA, { lessonsBought: 20 })), 'PREPAID_CHARGE_OVER_CAP'],
      [
        contracts.register(a, contractInput(instA.id, courseA, { paymentMethod: 'LOAN', studentName: '丁' })),
        'PREPAID_LOAN_REFUSED',
      ],
      [
        contracts.register(a, contractInput(instA.id, subjectCourseA, { studentName: '戊' })),
        'PREPAID_COURSE_NOT_ALLOWED',
      ],
      [contracts.register(a, contractInput(instA.id, courseB, { studentName: '己' })), 'PREPAID_COURSE_NOT_ALLOWED'],
      [
        contracts.register(institutionAdmin(suspended.id), contractInput(suspended.id, courseA, { studentName: '庚' })),
        'PREPAID_INSTITUTION_NOT_OPERATING',
      ],
      [
        contracts.register(
          institutionAdmin(noAccount.id),
          contractInput(noAccount.id, noAccountCourse, { studentName: '辛' }),
        ),
        'PREPAID_PAYMENT_ROUTE_UNAVAILABLE',
      ],
      [
        contracts.register(
          a,
          contractInput(instA.id, courseA, { paymentRoute: PrepaidPaymentRoute.RISK_RESERVE, studentName: '壬' }),
        ),
        'PREPAID_PAYMENT_ROUTE_UNAVAILABLE',
      ],
      [
        contracts.register(institutionAdmin(instB.id), contractInput(instA.id, courseA, { studentName: '癸' })),
        'FORBIDDEN',
      ],
      [
        contracts.register(a, contractInput(instA.id, courseA, { payerPhone: 'call me', studentName: '子' })),
        'VALIDATION_FAILED',
      ],
    ];
    for (const [attempt, code] of cases) expect((await refusal(attempt)).code).toBe(code);
    const overCap = await refusal(
      contracts.register(a, contractInput(instA.id, courseA, { lessonsBought: 51, studentName: '甲' })),
    );
    expect(overCap.message).toContain('5100.00 yuan; at most 5000.00');
    expect(await count('prepaid_contract')).toBe(before);
    expect(await count('audit_log')).toBe(audits);
  });

  it('registers on behalf of the institution by GraphQL (county office), masked, and scopes the reads', async () => {
    const res = await t.gql<{ registerPrepaidContract: { contractCode: string; contract: Record<string, unknown> } }>(
      `mutation($input: RegisterPrepaidContractInput!) { registerPrepaidContract(input: $input) {
         contractCode contract { id institutionId studentName payerName payerPhone total lessonsLeft modelTextVersion lessons { id } } } }`,
      {
        input: contractInput(instB.id, courseB, {
          studentName: '李小红',
          payerPhone: '13900005678',
          lessonsBought: 10,
        }),
      },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerPrepaidContract.contract).toMatchObject({
      institutionId: instB.id,
      studentName: '李**',
      payerName: '王**',
      payerPhone: '139****5678',
      total: '1000.00',
      lessonsLeft: 10,
      modelTextVersion: 'GF-2021-2604',
      lessons: [],
    });
    const bId = res.data!.registerPrepaidContract.contract.id as string;

    const ownA = await queries.contracts(institutionAdmin(instA.id), {}, {});
    expect(ownA.edges.map((e) => e.node.id)).toEqual([contractId]);
    const ownB = await queries.contracts(institutionAdmin(instB.id), {}, {});
    expect(ownB.edges.map((e) => e.node.id)).toEqual([bId]);
    expect((await refusal(queries.contract(institutionAdmin(instB.id), contractId))).code).toBe(
      'PREPAID_CONTRACT_NOT_FOUND',
    );

    const township = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
    const fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    const list = `query { prepaidContracts(first: 10) { totalCount edges { node { id } } } }`;
    expect(
      (await t.gql<{ prepaidContracts: { totalCount: number } }>(list, {}, township.token)).data!.prepaidContracts
        .totalCount,
    ).toBe(2);
    expect(
      (await t.gql<{ prepaidContracts: { totalCount: number } }>(list, {}, fire.token)).data!.prepaidContracts
        .totalCount,
    ).toBe(0);
    // The financial office supervises prepaid funds county-wide: it reads both institutions' contracts.
    const funds = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FINANCIAL_OFFICE');
    expect(
      (await t.gql<{ prepaidContracts: { totalCount: number } }>(list, {}, funds.token)).data!.prepaidContracts
        .totalCount,
    ).toBe(2);
    // Narrowed through one filter: one institution's contracts.
    const filtered = await t.gql<{ prepaidContracts: { edges: { node: { id: string } }[] } }>(
      `query($f: PrepaidContractFilter) { prepaidContracts(first: 10, filter: $f) { edges { node { id } } } }`,
      { f: { institutionId: instB.id, status: 'ACTIVE' } },
      funds.token,
    );
    expect(filtered.data?.prepaidContracts.edges.map((e) => e.node.id)).toEqual([bId]);
    const one = await t.gql(`query($id: ID!) { prepaidContract(id: $id) { id } }`, { id: contractId }, fire.token);
    expect(one.data).toEqual({ prepaidContract: null });
    expectGqlError(one, 'PREPAID_CONTRACT_NOT_FOUND');
    const inspector = await t.loginAs(Role.INSPECTOR, 'EDU');
    for (const token of [inspector.token, fire.token]) {
      const denied = await t.gql(
        `mutation($input: RecordPrepaidLessonsInput!) { recordPrepaidLessons(input: $input) { id } }`,
        { input: { contractId, taughtOn: '2026-09-21', lessons: 1 } },
        token,
      );
      expectGqlError(denied, 'FORBIDDEN');
    }
    const fireRegisters = await t.gql(
      `mutation($input: RegisterPrepaidContractInput!) { registerPrepaidContract(input: $input) { contractCode } }`,
      { input: contractInput(instA.id, courseA, { studentName: '丑' }) },
      fire.token,
    );
    expectGqlError(fireRegisters, 'FORBIDDEN');
  });

  const lessonIds: Record<string, string> = {};

  it('records lessons within the bounds and stores the auto-confirm date in working days', async () => {
    const a = institutionAdmin(instA.id);
    for (const [taughtOn, n] of [
      ['2026-09-11', 1],
      ['2026-09-14', 2],
      ['2026-09-16', 1],
      ['2026-09-18', 1],
      ['2026-09-21', 1],
    ] as const) {
      const lesson = await lessons.record(a, { contractId, taughtOn, lessons: n });
      lessonIds[taughtOn] = lesson.id;
      expect(lesson.status).toBe('PENDING');
    }
    const rows = await t.dataSource.query(
      `SELECT taught_on::text, confirm_due_on::text FROM prepaid_lesson WHERE contract_id = $1 ORDER BY taught_on`,
      [contractId],
    );
    // 15 working days: 中秋节 (25 September) and 国庆节 (1–7 October) are skipped, the adjusted Saturday
    // 10 October counts (the 11 September lessons fall due on it).
    expect(rows).toEqual([
      { taught_on: '2026-09-11', confirm_due_on: '2026-10-10' },
      { taught_on: '2026-09-14', confirm_due_on: '2026-10-12' },
      { taught_on: '2026-09-16', confirm_due_on: '2026-10-14' },
      { taught_on: '2026-09-18', confirm_due_on: '2026-10-16' },
      { taught_on: '2026-09-21', confirm_due_on: '2026-10-19' },
    ]);

    const before = await count('prepaid_lesson');
    const refused: [Promise<unknown>, string][] = [
      [lessons.record(a, { contractId, taughtOn: '2026-09-23', lessons: 1 }), 'PREPAID_LESSON_DATE_REFUSED'], // future
      [lessons.record(a, { contractId, taughtOn: '2026-09-15', lessons: 1 }), 'PREPAID_LESSON_DATE_REFUSED'], // no lesson on Tuesdays
      [lessons.record(a, { contractId, taughtOn: '2026-09-16', lessons: 2 }), 'PREPAID_LESSON_DATE_REFUSED'], // one slot on Wednesdays
      [lessons.record(a, { contractId, taughtOn: '2026-08-31', lessons: 1 }), 'PREPAID_LESSON_DATE_REFUSED'], // before the period
      [
        lessons.record(institutionAdmin(instB.id), { contractId, taughtOn: '2026-09-21', lessons: 1 }),
        'PREPAID_CONTRACT_NOT_FOUND',
      ],
    ];
    for (const [attempt, code] of refused) expect((await refusal(attempt)).code).toBe(code);
    expect(await count('prepaid_lesson')).toBe(before);
  });

  it('never records beyond the lessons bought', async () => {
    const small = await contracts.register(
      institutionAdmin(instA.id),
      contractInput(instA.id, courseA, { lessonsBought: 2, studentName: '赵小丽', payerPhone: '13700001111' }),
    );
    await lessons.record(institutionAdmin(instA.id), {
      contractId: small.contract.id,
      taughtOn: '2026-09-14',
      lessons: 2,
    });
    const over = await refusal(
      lessons.record(institutionAdmin(instA.id), { contractId: small.contract.id, taughtOn: '2026-09-16', lessons: 1 }),
    );
    expect(over.code).toBe('PREPAID_LESSONS_EXCEED_BOUGHT');
  });

  it('lets the parent in with the code and phone digits only, one answer for both mistakes', async () => {
    const found = await facade.findByCode(contractCode.toLowerCase(), '1234');
    expect(found.id).toBe(contractId);
    expect((await refusal(facade.findByCode(contractCode, '1235'))).code).toBe('PREPAID_CONTRACT_CODE_NOT_FOUND');
    expect((await refusal(facade.findByCode('AAAA-AAAA-AAAA-AAAA', '1234'))).code).toBe(
      'PREPAID_CONTRACT_CODE_NOT_FOUND',
    );
    expect((await refusal(facade.findByCode('not a code', '1234'))).code).toBe('PREPAID_CONTRACT_CODE_NOT_FOUND');
  });

  it('takes the parent’s confirmation and objection; the objection opens a prepaid-fee complaint', async () => {
    const [confirmed] = await facade.confirmLessons(contractId, [lessonIds['2026-09-16']!]);
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', confirmedBy: 'PARENT' });
    expect((await refusal(facade.confirmLessons(contractId, [lessonIds['2026-09-16']!]))).code).toBe(
      'PREPAID_LESSON_NOT_PENDING',
    );

    const objected = await facade.objectToLesson(contractId, lessonIds['2026-09-18']!, '孩子当天请假,未上课');
    expect(objected.status).toBe('OBJECTED');
    const [complaint] = await t.dataSource.query(
      `SELECT category, institution_id, description FROM complaint WHERE id = $1`,
      [objected.objectionComplaintId],
    );
    expect(complaint).toMatchObject({ category: 'PREPAID_FEE_REFUND', institution_id: instA.id });
    expect(complaint.description).toContain(contractId);
    const [c] = await t.dataSource.query(
      `SELECT lessons_taught, lessons_confirmed FROM prepaid_contract WHERE id = $1`,
      [contractId],
    );
    expect(c).toEqual({ lessons_taught: 5, lessons_confirmed: 1 }); // 6 recorded, 1 objected; 1 confirmed
  });

  it('auto-confirms on the 15th working day, across the holiday and the adjusted workday, once', async () => {
    clock.set(noonOn('2026-10-09')); // Friday: nothing due yet (the holidays do not count)
    expect(await facade.autoConfirmDue(clock.now())).toBe(0);
    clock.set(noonOn('2026-10-10')); // the adjusted Saturday is a working day: the 11 September lesson is due
    expect(await facade.autoConfirmDue(clock.now())).toBe(1);
    expect(await facade.autoConfirmDue(clock.now())).toBe(0);
    clock.set(noonOn('2026-10-16')); // 14 September here and on the small contract (due 12 October); 16 Sept
    // was confirmed by the parent, 18 Sept objected
    expect(await facade.autoConfirmDue(clock.now())).toBe(2);
    clock.set(noonOn('2026-10-19'));
    expect(await facade.autoConfirmDue(clock.now())).toBe(1);
    const rows = await t.dataSource.query(
      `SELECT taught_on::text, status, confirmed_by FROM prepaid_lesson WHERE contract_id = $1 ORDER BY taught_on`,
      [contractId],
    );
    expect(rows).toEqual([
      { taught_on: '2026-09-11', status: 'CONFIRMED', confirmed_by: 'AUTO' },
      { taught_on: '2026-09-14', status: 'CONFIRMED', confirmed_by: 'AUTO' },
      { taught_on: '2026-09-16', status: 'CONFIRMED', confirmed_by: 'PARENT' },
      { taught_on: '2026-09-18', status: 'OBJECTED', confirmed_by: null },
      { taught_on: '2026-09-21', status: 'CONFIRMED', confirmed_by: 'AUTO' },
    ]);
    const [c] = await t.dataSource.query(`SELECT lessons_confirmed FROM prepaid_contract WHERE id = $1`, [contractId]);
    expect(c.lessons_confirmed).toBe(5);
    const events = await t.dataSource.query(
      `SELECT payload->>'by' AS by, (payload->>'lessons')::int AS lessons FROM outbox
       WHERE name = 'prepaid.lesson.confirmed' AND payload->>'contractId' = $1 ORDER BY id`,
      [contractId],
    );
    expect(events).toEqual([
      { by: 'PARENT', lessons: 1 },
      { by: 'AUTO', lessons: 1 },
      { by: 'AUTO', lessons: 2 },
      { by: 'AUTO', lessons: 1 },
    ]);
    clock.set(START);
  });

  it('feeds the credit record once when lessons keep being auto-confirmed after a parent’s objection', async () => {
    const a = institutionAdmin(instA.id);
    const { contract } = await contracts.register(
      a,
      contractInput(instA.id, courseA, { lessonsBought: 10, studentName: '孙小军', payerPhone: '13600002222' }),
    );
    const first = await lessons.record(a, { contractId: contract.id, taughtOn: '2026-09-14', lessons: 1 });
    await facade.objectToLesson(contract.id, first.id, '当天未上课');
    clock.set('2026-09-21T03:00:00Z'); // recorded after the objection
    for (const [taughtOn, n] of [
      ['2026-09-16', 1],
      ['2026-09-18', 1],
      ['2026-09-21', 2],
    ] as const)
      await lessons.record(a, { contractId: contract.id, taughtOn, lessons: n });
    clock.set(noonOn('2026-10-19'));
    expect(await facade.autoConfirmDue(clock.now())).toBe(3); // prepaid.auto_confirms_after_objection: 3
    expect(await facade.autoConfirmDue(clock.now())).toBe(0);
    await t.settle();
    const records = await t.dataSource.query(
      `SELECT kind, severity, institution_id FROM credit_record WHERE source = 'PREPAID_OBJECTIONS_OVERRIDDEN' AND source_reference = $1`,
      [contract.id],
    );
    expect(records).toEqual([{ kind: 'VIOLATION', severity: 'MINOR', institution_id: instA.id }]);
    const [published] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE name = 'prepaid.objections.overridden' AND payload->>'contractId' = $1`,
      [contract.id],
    );
    expect(published.n).toBe(1);
    clock.set(START);
  });
});
