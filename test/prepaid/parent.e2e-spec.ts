import { randomInt } from 'node:crypto';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';
import { TestPlatformKey, contractItem, platformPost, registerPlatform, sellingInstitution } from './prepaid-fixtures';

const VIEW = `query($code: String!, $last4: String!) {
  parentContract(code: $code, phoneLast4: $last4) {
    contractCode institutionName courseName studentName payerPhone modelTextVersion status
    lessonsBought lessonsTaught lessonsConfirmed lessonsLeft pricePerLesson total paymentRoute
    depositReceived inCustody released refunded
    lessons { id taughtOn lessons status confirmDueOn confirmedBy }
    refunds { lessonsRefunded amount status answerDueOn }
  } }`;
const CONFIRM = `mutation($input: ConfirmPrepaidLessonsInput!) { confirmPrepaidLessons(input: $input) { lessonsConfirmed lessons { id status confirmedBy } } }`;
const OBJECT = `mutation($input: ObjectToPrepaidLessonInput!) { objectToPrepaidLesson(input: $input) { complaintTrackingNumber contract { lessonsTaught lessons { id status } } } }`;
const REFUND = `mutation($input: RequestPrepaidRefundInput!) { requestPrepaidRefund(input: $input) { status refunds { lessonsRefunded amount status answerDueOn } } }`;

interface ParentView {
  contractCode: string;
  institutionName: string;
  studentName: string;
  payerPhone: string;
  lessonsBought: number;
  lessonsTaught: number;
  lessonsConfirmed: number;
  lessonsLeft: number;
  lessons: { id: string; status: string; confirmedBy: string | null }[];
  refunds: { lessonsRefunded: number; amount: string; status: string }[];
}

const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/**
 * The parent side (家长端), no account: a contract by its printed code and the paying phone's last 4
 * digits; the same answer for an unknown code and a wrong factor; throttles per address and per code;
 * confirmations, an objection that opens a linked complaint, a refund request; nothing of another contract.
 */
describe('prepaid: the parent side', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-09-28T02:00:00Z'); // Monday 28 September 2026, 10:00 CST
  let admin: LoggedIn;
  let platform: TestPlatformKey;
  let creditCode: string;
  let courseId: string;
  let institutionName: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { PREPAID_PARENT_BURST: '12', PREPAID_CODE_FAILURES: '3' } });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    const bank = await t.registerBank();
    platform = await registerPlatform(t, admin.token);
    const selling = await sellingInstitution(t, admin.token, bank.bankCode);
    creditCode = selling.account.institution.creditCode;
    institutionName = selling.account.institution.name;
    courseId = selling.courseId;
  });
  afterAll(() => t?.close());

  /** A contract sent by the platform with three lessons recorded; its printed code. */
  async function contractWithLessons(): Promise<{ code: string; id: string }> {
    const c = contractItem(creditCode, courseId);
    const reg = await platformPost(t, '/api/platform/v1/contracts', { contracts: [c] }, platform).expect(200);
    const { id, contractCode } = reg.body.results[0] as { id: string; contractCode: string };
    const lessons = ['2026-09-21', '2026-09-22', '2026-09-23'].map((taughtOn, i) => ({
      externalId: `${c.externalId}-L${i}`,
      contractExternalId: c.externalId,
      taughtOn,
      lessons: 1,
    }));
    const rec = await platformPost(t, '/api/platform/v1/lesson-records', { lessonRecords: lessons }, platform).expect(
      200,
    );
    expect(rec.body.accepted).toBe(3);
    return { code: contractCode, id };
  }

  const view = (code: string, last4: string, address = someAddress()) =>
    t.gql<{ parentContract: ParentView }>(VIEW, { code, last4 }, undefined, { 'X-Forwarded-For': address });

  it('shows the contract for its code and the phone digits, masked, with lessons and money', async () => {
    const { code } = await contractWithLessons();
    const res = await view(code.toLowerCase().replace(/-/g, ' '), '1234');
    expect(res.errors).toBeUndefined();
    const v = res.data!.parentContract;
    expect(v).toMatchObject({
      contractCode: code,
      institutionName,
      courseName: '少儿美术',
      payerPhone: '138****1234',
      modelTextVersion: 'GF-2021-2604',
      status: 'ACTIVE',
      lessonsBought: 20,
      lessonsTaught: 3,
      lessonsConfirmed: 0,
      lessonsLeft: 17,
      pricePerLesson: '150.00',
      total: '3000.00',
      paymentRoute: 'ESCROW_ACCOUNT',
      depositReceived: false,
      inCustody: '0.00',
      released: '0.00',
      refunded: '0.00',
      refunds: [],
    });
    expect(v.studentName).toMatch(/^李\*+$/);
    expect(v.lessons.map((l) => l.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    expect(JSON.stringify(res)).not.toContain('李大明'); // the payer's name is not shown
    expect(JSON.stringify(res)).not.toContain('13800001234');
  });

  it('answers a wrong second factor exactly as an unknown or malformed code', async () => {
    const { code } = await contractWithLessons();
    const wrongDigits = await view(code, '9999');
    const unknown = await view('KAQX-4MHA-R9TD-3WNC', '1234');
    const malformed = await view('not a code', '1234');
    const answers = [wrongDigits, unknown, malformed].map((r) => ({
      data: r.data ?? null,
      code: r.errors?.[0]?.extensions?.code,
      message: r.errors?.[0]?.message,
    }));
    expect(answers[0]!.code).toBe('PREPAID_CONTRACT_CODE_NOT_FOUND');
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('locks a code after repeated wrong digits, even for the right ones, until the lock refills', async () => {
    const { code } = await contractWithLessons();
    for (let i = 0; i < 3; i++)
      expect((await view(code, `000${i}`)).errors?.[0]?.extensions?.code).toBe('PREPAID_CONTRACT_CODE_NOT_FOUND');
    const locked = await view(code, '1234');
    expect(locked.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.data ?? null).toBeNull();
    // Another contract's code is not locked; this one opens again once a failure's worth has refilled.
    const other = await contractWithLessons();
    expect((await view(other.code, '1234')).errors).toBeUndefined();
    clock.advance(301_000); // 900 s / 3 failures
    expect((await view(code, '1234')).errors).toBeUndefined();
  });

  it('throttles one client address whatever the codes', async () => {
    const { code } = await contractWithLessons();
    const address = someAddress();
    for (let i = 0; i < 12; i++) expect((await view(code, '1234', address)).errors).toBeUndefined();
    const refused = await view(code, '1234', address);
    expect(refused.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect((await view(code, '1234')).errors).toBeUndefined(); // another address
  });

  it('confirms lessons, audited as the anonymous parent with the contract id', async () => {
    const { code, id } = await contractWithLessons();
    const lessons = (await view(code, '1234')).data!.parentContract.lessons;
    const res = await t.gql<{ confirmPrepaidLessons: { lessonsConfirmed: number; lessons: ParentView['lessons'] } }>(
      CONFIRM,
      { input: { code, phoneLast4: '1234', lessonIds: [lessons[0]!.id, lessons[1]!.id] } },
      undefined,
      { 'X-Forwarded-For': someAddress() },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.confirmPrepaidLessons.lessonsConfirmed).toBe(2);
    expect(res.data!.confirmPrepaidLessons.lessons.map((l) => l.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'PENDING']);
    const audit = (await t.dataSource.query(
      `SELECT actor_kind, actor_name FROM audit_log WHERE action = 'prepaid.lesson.confirmed' AND entity_id = $1`,
      [id],
    )) as { actor_kind: string; actor_name: string | null }[];
    expect(audit).toEqual([{ actor_kind: 'anonymous', actor_name: null }]);
    // The wrong factor confirms nothing.
    const denied = await t.gql(
      CONFIRM,
      { input: { code, phoneLast4: '4321', lessonIds: [lessons[2]!.id] } },
      undefined,
      { 'X-Forwarded-For': someAddress() },
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe('PREPAID_CONTRACT_CODE_NOT_FOUND');
    const [row] = (await t.dataSource.query(`SELECT status FROM prepaid_lesson WHERE id = $1`, [lessons[2]!.id])) as {
      status: string;
    }[];
    expect(row!.status).toBe('PENDING');
  });

  it('an objection opens a prepaid-fee complaint linked to the lesson, followed by its tracking number', async () => {
    const { code } = await contractWithLessons();
    const lessons = (await view(code, '1234')).data!.parentContract.lessons;
    const res = await t.gql<{
      objectToPrepaidLesson: { complaintTrackingNumber: string; contract: { lessonsTaught: number } };
    }>(
      OBJECT,
      { input: { code, phoneLast4: '1234', lessonId: lessons[2]!.id, reason: '当天孩子请假, 没有上课' } },
      undefined,
      { 'X-Forwarded-For': someAddress() },
    );
    expect(res.errors).toBeUndefined();
    const { complaintTrackingNumber, contract } = res.data!.objectToPrepaidLesson;
    expect(contract.lessonsTaught).toBe(2);
    const [complaint] = (await t.dataSource.query(
      `SELECT c.category, l.status FROM complaint c JOIN prepaid_lesson l ON l.objection_complaint_id = c.id
       WHERE c.tracking_number = $1`,
      [complaintTrackingNumber],
    )) as { category: string; status: string }[];
    expect(complaint).toEqual({ category: 'PREPAID_FEE_REFUND', status: 'OBJECTED' });
    const status = await t.gql<{ complaintStatus: { category: string } }>(
      `query($n: String!) { complaintStatus(trackingNumber: $n) { category } }`,
      { n: complaintTrackingNumber },
      undefined,
      { 'X-Forwarded-For': someAddress() },
    );
    expect(status.data?.complaintStatus.category).toBe('PREPAID_FEE_REFUND');
  });

  it('requests a refund of the lessons not taught; a second request is refused while one is open', async () => {
    const { code, id } = await contractWithLessons();
    const res = await t.gql<{ requestPrepaidRefund: { status: string; refunds: ParentView['refunds'] } }>(
      REFUND,
      { input: { code, phoneLast4: '1234', reason: '孩子转学' } },
      undefined,
      { 'X-Forwarded-For': someAddress() },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.requestPrepaidRefund.status).toBe('REFUNDING');
    expect(res.data!.requestPrepaidRefund.refunds).toEqual([
      expect.objectContaining({ lessonsRefunded: 17, amount: '2550.00', status: 'REQUESTED' }),
    ]);
    const again = await t.gql(REFUND, { input: { code, phoneLast4: '1234', reason: '再次申请' } }, undefined, {
      'X-Forwarded-For': someAddress(),
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONTRACT_NOT_REFUNDABLE'); // it is REFUNDING now
    const [audit] = (await t.dataSource.query(
      `SELECT actor_kind, summary->>'contractId' AS contract_id FROM audit_log WHERE action = 'prepaid.refund.requested'
       AND summary->>'contractId' = $1`,
      [id],
    )) as { actor_kind: string; contract_id: string }[];
    expect(audit).toEqual({ actor_kind: 'anonymous', contract_id: id });
  });

  it('a code shows its own contract only: another contract’s lesson cannot be confirmed with it', async () => {
    const mine = await contractWithLessons();
    const theirs = await contractWithLessons();
    const theirLessons = (await view(theirs.code, '1234')).data!.parentContract.lessons;
    const res = await t.gql(
      CONFIRM,
      { input: { code: mine.code, phoneLast4: '1234', lessonIds: [theirLessons[0]!.id] } },
      undefined,
      { 'X-Forwarded-For': someAddress() },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('PREPAID_LESSON_NOT_FOUND');
    const mineView = (await view(mine.code, '1234')).data!.parentContract;
    expect(mineView.lessons.map((l) => l.id)).not.toContain(theirLessons[0]!.id);
  });
});
