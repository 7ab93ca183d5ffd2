import { randomInt } from 'node:crypto';
import { ComplaintsFacade } from '../../src/modules/complaints';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { SubscriberRegistry } from '../../src/platform/events/subscriber-registry';
import { createInstitution } from '../factories/registry.factory';
import { GqlResult, LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

const SUBMIT = `mutation($input: ComplaintIntakeInput!) { submitComplaint(input: $input) { trackingNumber receivedAt } }`;
const STATUS = `query($n: String!) { complaintStatus(trackingNumber: $n) { trackingNumber category status receivedAt timeline { status occurredAt reply } } }`;
const FIELDS = `id trackingNumber channel category status townshipCode leadDepartmentCode coDepartmentCodes duplicateOfId duplicateCount
  routeDueAt acceptDueAt handleDueAt overdue overdueDeadlines escalationLevel reviewRequestedAt reviewDueAt reviewDecision closedAt extensionDays substantiated satisfaction contact { name phone masked }`;
const GET = `query($id: ID!) { complaint(id: $id) { ${FIELDS} } }`;
const LIST = `query($f: Boolean, $t: String) { complaints(first: 100, filter: { overdue: $f, townshipCode: $t }) { totalCount edges { node { id } } } }`;

type ComplaintView = {
  id: string;
  trackingNumber: string;
  status: string;
  townshipCode: string;
  leadDepartmentCode: string;
  coDepartmentCodes: string[];
  duplicateOfId: string | null;
  duplicateCount: number;
  routeDueAt: string;
  acceptDueAt: string;
  handleDueAt: string | null;
  overdue: boolean;
  overdueDeadlines: string[];
  escalationLevel: number;
  reviewRequestedAt: string | null;
  reviewDueAt: string | null;
  reviewDecision: string | null;
  closedAt: string | null;
  extensionDays: number | null;
  contact: { name: string | null; phone: string | null; masked: boolean } | null;
};

/** A client address of its own per call (the app trusts loopback proxies), so the rate limit stays out of the way. */
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

describe('complaints and petitions (投诉/信访)', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let market: LoggedIn;
  let edu: LoggedIn;

  // 2026-03-02 10:00 in Xifeng; tests that move the clock are put back afterwards.
  const START = '2026-03-02T02:00:00Z';
  const clock = new FixedClock(START);
  afterEach(() => clock.set(START));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    market = await t.loginAs(Role.DEPARTMENT_OFFICER, 'MARKET_REGULATION');
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
  });
  afterAll(() => t?.close());

  const submit = (input: Record<string, unknown>, address = someAddress()) =>
    t.gql<{ submitComplaint: { trackingNumber: string } }>(SUBMIT, { input }, undefined, {
      'X-Forwarded-For': address,
    });

  async function submitOk(input: Record<string, unknown>): Promise<ComplaintView> {
    const res = await submit(input);
    expect(res.errors).toBeUndefined();
    const [{ id }] = await t.dataSource.query(`SELECT id FROM complaint WHERE tracking_number = $1`, [
      res.data!.submitComplaint.trackingNumber,
    ]);
    return (await get(id, admin.token)).data!.complaint;
  }

  const get = (id: string, token: string) => t.gql<{ complaint: ComplaintView }>(GET, { id }, token);

  async function run<T = ComplaintView>(
    mutation: string,
    input: Record<string, unknown>,
    token: string,
  ): Promise<GqlResult<Record<string, T>>> {
    return t.gql<Record<string, T>>(
      `mutation($input: ${inputTypeOf[mutation]}!) { ${mutation}(input: $input) { ${FIELDS} } }`,
      { input },
      token,
    );
  }
  const inputTypeOf: Record<string, string> = {
    acceptComplaint: 'ComplaintReplyInput',
    assignComplaint: 'ComplaintReplyInput',
    startComplaintInvestigation: 'ComplaintReplyInput',
    notAcceptComplaint: 'NotAcceptComplaintInput',
    reassignComplaint: 'ReassignComplaintInput',
    replyToComplaint: 'ReplyComplaintInput',
    extendComplaintDeadline: 'ExtendComplaintInput',
    closeComplaint: 'CloseComplaintInput',
    reopenComplaint: 'ReopenComplaintInput',
    requestComplaintInvestigationTask: 'RequestInvestigationTaskInput',
    registerComplaintReview: 'RegisterComplaintReviewInput',
    decideComplaintReview: 'DecideComplaintReviewInput',
  };
  async function ok(mutation: string, input: Record<string, unknown>, token: string): Promise<ComplaintView> {
    const res = await run(mutation, input, token);
    expect(res.errors).toBeUndefined();
    return res.data![mutation]!;
  }

  const outbox = (name: string, complaintId: string) =>
    t.dataSource.query(`SELECT payload FROM outbox WHERE name = $1 AND payload->>'complaintId' = $2 ORDER BY id`, [
      name,
      complaintId,
    ]) as Promise<{ payload: Record<string, unknown> }[]>;

  it('routes a public submission to the departments of its category and the township of the address', async () => {
    const institution = await createInstitution(t, { townshipCode: '520122101' });
    const c = await submitOk({
      category: 'FALSE_ADVERTISING',
      description: '机构宣传"保证提分30分"，与实际不符',
      institutionCreditCode: institution.creditCode,
      contactName: '张三',
      contactPhone: '13812341234',
    });
    expect(c).toMatchObject({
      status: 'RECEIVED',
      townshipCode: '520122101',
      leadDepartmentCode: 'MARKET_REGULATION',
      coDepartmentCodes: ['URBAN_ENFORCEMENT'],
    });
    expect(c.trackingNumber).toMatch(/^TS[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$/);
    // 15 calendar days from 2 March (local), due by the end of 17 March in Asia/Shanghai.
    expect(c.routeDueAt).toBe('2026-03-17T16:00:00.000Z');
    expect(c.acceptDueAt).toBe('2026-03-17T16:00:00.000Z');
    expect(c.handleDueAt).toBeNull();

    // The routing table reads the reference duty table for every category.
    const service = t.app.get(ComplaintsFacade);
    expect(await service.routeCategory('FIRE_SAFETY' as never)).toEqual({
      leadDepartmentCode: 'FIRE_RESCUE',
      coDepartmentCodes: [],
    });
    expect(await service.routeCategory('TEACHER_PAID_TUTORING' as never)).toEqual({
      leadDepartmentCode: 'EDU',
      coDepartmentCodes: ['DISCIPLINE'],
    });
    expect(await service.routeCategory('UNLICENSED_TRAINING' as never)).toEqual({
      leadDepartmentCode: 'EDU',
      coDepartmentCodes: [],
    });
    expect((await service.routeCategory('PREPAID_FEE_REFUND' as never)).coDepartmentCodes.sort()).toEqual([
      'FINANCIAL_OFFICE',
      'MARKET_REGULATION',
    ]);
    expect(await service.routeCategory('PRICING' as never)).toEqual({
      leadDepartmentCode: 'DEVELOPMENT_REFORM',
      coDepartmentCodes: ['MARKET_REGULATION'],
    });
    expect(await service.routeCategory('HEALTH_FOOD_SAFETY' as never)).toEqual({
      leadDepartmentCode: 'HEALTH',
      coDepartmentCodes: ['MARKET_REGULATION'],
    });

    // The contact is encrypted at rest; masked for all but the assigned departments' officers, whose views are audited.
    const [row] = await t.dataSource.query(`SELECT contact_name_enc, contact_phone_enc FROM complaint WHERE id = $1`, [
      c.id,
    ]);
    expect(JSON.stringify(row)).not.toContain('13812341234');
    expect(JSON.stringify(row)).not.toContain('张三');
    expect(c.contact).toEqual({ name: '张*', phone: '138****1234', masked: true }); // the county admin
    const township = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122101');
    expect((await get(c.id, township.token)).data?.complaint.contact).toEqual({
      name: '张*',
      phone: '138****1234',
      masked: true,
    });
    expect((await get(c.id, market.token)).data?.complaint.contact).toEqual({
      name: '张三',
      phone: '13812341234',
      masked: false,
    });
    const audited = await t.dataSource.query(
      `SELECT actor_user_id FROM audit_log WHERE action = 'complaints.contact.viewed' AND entity_id = $1`,
      [c.id],
    );
    expect(audited).toEqual([{ actor_user_id: market.id }]);

    // Assignment notifies the lead and co-operating departments and the township.
    await ok('acceptComplaint', { complaintId: c.id }, market.token);
    await ok('assignComplaint', { complaintId: c.id }, market.token);
    const targets = await t.dataSource.query(
      `SELECT t.target_kind || ':' || t.target_value AS target FROM notification n JOIN notification_target t ON t.notification_id = n.id
       WHERE n.entity_id = $1 AND n.kind = 'complaints.complaint.assigned' ORDER BY 1`,
      [c.id],
    );
    expect(targets.map((r: { target: string }) => r.target)).toEqual([
      'DEPARTMENT:MARKET_REGULATION',
      'DEPARTMENT:URBAN_ENFORCEMENT',
      'TOWNSHIP:520122101',
    ]);
  });

  it('reports an unlicensed-training complaint for the registry, and takes officer intake from other channels', async () => {
    const officer = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122103');
    const res = await t.gql<{ registerComplaint: ComplaintView & { channel: string } }>(
      `mutation($input: RegisterComplaintInput!) { registerComplaint(input: $input) { ${FIELDS} } }`,
      {
        input: {
          channel: 'GRID_PATROL',
          category: 'UNLICENSED_TRAINING',
          description: '居民楼内无证开办托管班',
          institutionName: '阳光托管',
          address: '小寨坝镇某小区 3 栋',
          townshipCode: '520122103',
          anonymous: true,
        },
      },
      officer.token,
    );
    expect(res.errors).toBeUndefined();
    const c = res.data!.registerComplaint;
    expect(c).toMatchObject({
      channel: 'GRID_PATROL',
      leadDepartmentCode: 'EDU',
      coDepartmentCodes: [],
      townshipCode: '520122103',
      contact: null,
    });
    expect((await outbox('complaints.unlicensed_training.reported', c.id)).map((r) => r.payload)).toEqual([
      {
        complaintId: c.id,
        trackingNumber: c.trackingNumber,
        townshipCode: '520122103',
        address: '小寨坝镇某小区 3 栋',
        description: '居民楼内无证开办托管班',
        institutionName: '阳光托管',
      },
    ]);
    // The registry opens an unlicensed lead from it (and supervision an investigation task from the lead).
    const lead = await waitFor(
      async () =>
        (
          (await t.dataSource.query(
            `SELECT township_code, source, kind, location, description, status FROM unlicensed_lead WHERE description LIKE $1`,
            [`%${c.trackingNumber}%`],
          )) as Record<string, string>[]
        )[0],
      { what: 'the unlicensed lead opened from the complaint' },
    );
    expect(lead).toEqual({
      township_code: '520122103',
      source: 'COMPLAINT',
      kind: 'UNLICENSED',
      location: '小寨坝镇某小区 3 栋',
      description: `投诉 ${c.trackingNumber} (阳光托管): 居民楼内无证开办托管班`,
      status: 'OPEN',
    });
    await t.settle(); // the lead's own consequences (a supervision task, notifications) finish here, not in later tests
    // A township officer registers for their own township only.
    const elsewhere = await t.gql(
      `mutation($input: RegisterComplaintInput!) { registerComplaint(input: $input) { id } }`,
      {
        input: {
          channel: 'GRID_PATROL',
          category: 'OTHER',
          description: 'x',
          townshipCode: '520122001',
          anonymous: true,
        },
      },
      officer.token,
    );
    expect((expectGqlError(elsewhere, 'VALIDATION_FAILED').extensions?.errors as { path: string }[])[0]?.path).toBe(
      'townshipCode',
    );
    // Schools do not register complaints; anonymous callers neither.
    expectGqlError(
      await t.gql(`mutation($input: RegisterComplaintInput!) { registerComplaint(input: $input) { id } }`, {
        input: {
          channel: 'HOTLINE_12345',
          category: 'OTHER',
          description: 'x',
          townshipCode: '520122001',
          anonymous: true,
        },
      }),
      'UNAUTHENTICATED',
    );
  });

  it('keeps each township, department and reader to its own complaints', async () => {
    const c = await submitOk({
      category: 'FIRE_SAFETY',
      description: '培训场所消防通道堵塞',
      townshipCode: '520122101',
      address: '温泉镇 1 号',
      anonymous: true,
    });
    const own = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122101');
    const other = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122102');
    const fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    const tax = await t.loginAs(Role.DEPARTMENT_OFFICER, 'TAX');
    const petitions = await t.loginAs(Role.DEPARTMENT_OFFICER, 'PETITIONS');
    const discipline = await t.loginAs(Role.DISCIPLINE_SUPERVISOR);

    expect((await get(c.id, own.token)).data?.complaint.id).toBe(c.id);
    expectGqlError(await get(c.id, other.token), 'COMPLAINT_NOT_FOUND');
    expectGqlError(await get(c.id, tax.token), 'COMPLAINT_NOT_FOUND');
    expect((await get(c.id, fire.token)).data?.complaint.id).toBe(c.id);
    expect((await get(c.id, petitions.token)).data?.complaint.id).toBe(c.id);
    expect((await get(c.id, discipline.token)).data?.complaint.id).toBe(c.id);

    const list = (token: string) =>
      t.gql<{ complaints: { totalCount: number; edges: { node: { id: string } }[] } }>(LIST, {}, token);
    expect((await list(other.token)).data?.complaints.edges.map((e) => e.node.id)).not.toContain(c.id);
    expect((await list(own.token)).data?.complaints.edges.map((e) => e.node.id)).toContain(c.id);
    expect((await list(tax.token)).data?.complaints.totalCount).toBe(0);
    // Commands: out of scope is not found; the discipline supervisor only reads; the wrong role is refused.
    expectGqlError(await run('acceptComplaint', { complaintId: c.id }, other.token), 'COMPLAINT_NOT_FOUND');
    expectGqlError(await run('acceptComplaint', { complaintId: c.id }, discipline.token), 'FORBIDDEN');
    expectGqlError(await run('acceptComplaint', { complaintId: c.id }, own.token), 'FORBIDDEN'); // townships handle, EDU/PETITIONS/lead route
    await ok('acceptComplaint', { complaintId: c.id }, petitions.token);
    expectGqlError(
      await run('closeComplaint', { complaintId: c.id, substantiated: false, summary: 's' }, fire.token),
      'INVALID_COMPLAINT_TRANSITION',
    );
  });

  it('shows the public only the timeline: statuses, dates and public replies', async () => {
    const c = await submitOk({
      category: 'HOMEWORK_BURDEN',
      description: '三年级每天作业超过两小时',
      townshipCode: '520122001',
      contactPhone: '13900001111',
    });
    await ok('acceptComplaint', { complaintId: c.id, publicReply: '您的投诉已受理。' }, edu.token);
    await ok('assignComplaint', { complaintId: c.id }, edu.token);
    await ok(
      'reassignComplaint',
      {
        complaintId: c.id,
        leadDepartmentCode: 'EDU',
        coDepartmentCodes: ['WOMENS_FEDERATION'],
        reason: 'INTERNAL-REASSIGN-NOTE',
      },
      edu.token,
    );
    await ok('startComplaintInvestigation', { complaintId: c.id }, edu.token);
    await ok(
      'replyToComplaint',
      { complaintId: c.id, publicReply: '经核查，已责令学校整改。', findings: 'INTERNAL-FINDINGS' },
      edu.token,
    );
    await ok(
      'closeComplaint',
      { complaintId: c.id, substantiated: true, summary: 'INTERNAL-SUMMARY', satisfaction: 'BASICALLY_SATISFIED' },
      edu.token,
    );

    const res = await t.gql<{
      complaintStatus: { status: string; timeline: { status: string; reply: string | null }[] };
    }>(STATUS, { n: c.trackingNumber.toLowerCase() });
    expect(res.errors).toBeUndefined();
    expect(res.data?.complaintStatus.status).toBe('CLOSED');
    expect(res.data?.complaintStatus.timeline.map((e) => [e.status, e.reply])).toEqual([
      ['RECEIVED', null],
      ['ACCEPTED', '您的投诉已受理。'],
      ['ASSIGNED', null],
      ['INVESTIGATING', null],
      ['REPLIED', '经核查，已责令学校整改。'],
      ['CLOSED', null],
    ]);
    const text = JSON.stringify(res);
    for (const secret of ['INTERNAL', edu.username, 'WOMENS_FEDERATION', '13900001111', c.id])
      expect(text).not.toContain(secret);
    // A substantiated closing without an institution emits no credit event.
    expect(await outbox('complaints.complaint.substantiated', c.id)).toEqual([]);

    expectGqlError(await t.gql(STATUS, { n: 'TS2222222222222' }), 'COMPLAINT_NOT_FOUND');
    expectGqlError(await t.gql(STATUS, { n: 'TS222222222222' }), 'COMPLAINT_NOT_FOUND');

    // 不满意 at a later return visit reopens it with a new handling period.
    const reopened = await ok('reopenComplaint', { complaintId: c.id, reason: '回访不满意' }, edu.token);
    expect(reopened.status).toBe('INVESTIGATING');
  });

  it('fires the overdue event once when the handling deadline passes, and allows one extension', async () => {
    const c = await submitOk({
      category: 'SUBJECT_TRAINING_VIOLATION',
      description: '周末开展数学培训',
      townshipCode: '520122104',
      anonymous: true,
    });
    const accepted = await ok('acceptComplaint', { complaintId: c.id }, edu.token);
    expect(accepted.handleDueAt).toBe('2026-05-01T16:00:00.000Z'); // 60 days from 2 March: end of 1 May
    await ok('assignComplaint', { complaintId: c.id }, edu.token);
    expect(
      (await ok('extendComplaintDeadline', { complaintId: c.id, days: 10, reason: '需联合执法' }, edu.token))
        .handleDueAt,
    ).toBe('2026-05-11T16:00:00.000Z');
    expectGqlError(
      await run('extendComplaintDeadline', { complaintId: c.id, days: 5, reason: 'again' }, edu.token),
      'DEADLINE_ALREADY_EXTENDED',
    );
    expectGqlError(
      await run('extendComplaintDeadline', { complaintId: c.id, days: 31, reason: 'too long' }, edu.token),
      'VALIDATION_FAILED',
    );

    const sweep = t.app
      .get(SubscriberRegistry)
      .scheduledTasks()
      .find((s) => s.name === 'complaints.overdue-sweep')!;
    expect(sweep).toBeDefined();
    clock.set('2026-05-11T15:59:00Z');
    await sweep.handler.run(clock.now());
    expect(await outbox('complaints.complaint.overdue', c.id)).toEqual([]);
    expect((await get(c.id, t.tokenFor(edu.id))).data?.complaint.overdue).toBe(false);

    clock.set('2026-05-11T16:00:00Z');
    await sweep.handler.run(clock.now());
    await sweep.handler.run(clock.now());
    const events = await outbox('complaints.complaint.overdue', c.id);
    const overdueEvent = {
      complaintId: c.id,
      trackingNumber: c.trackingNumber,
      deadline: 'HANDLE',
      dueAt: '2026-05-11T16:00:00.000Z',
      leadDepartmentCode: 'EDU',
      townshipCode: '520122104',
    };
    expect(events.map((e) => e.payload)).toEqual([{ ...overdueEvent, level: 1, previousLevel: 0 }]);
    const token = t.tokenFor(edu.id); // tokens live 15 minutes of the test clock
    const view = (await get(c.id, token)).data!.complaint;
    expect(view).toMatchObject({ overdue: true, overdueDeadlines: ['HANDLE'] });
    const overdueList = await t.gql<{ complaints: { edges: { node: { id: string } }[] } }>(
      LIST,
      { f: true, t: '520122104' },
      token,
    );
    expect(overdueList.data?.complaints.edges.map((e) => e.node.id)).toEqual([c.id]);
    const notOverdue = await t.gql<{ complaints: { edges: { node: { id: string } }[] } }>(
      LIST,
      { f: false, t: '520122104' },
      token,
    );
    expect(notOverdue.data?.complaints.edges.map((e) => e.node.id)).toEqual([]);
    // The escalation is in the lead department's and the township's inboxes.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notification WHERE entity_id = $1 AND kind = 'complaints.complaint.overdue'`,
      [c.id],
    );
    expect(n).toBe(1);
  });

  it('climbs the escalation ladder like a task while it stays overdue, once per level, and starts again after a reopen', async () => {
    const c = await submitOk({
      category: 'SUBJECT_TRAINING_VIOLATION',
      description: '寒假开展英语培训',
      townshipCode: '520122103',
      anonymous: true,
    });
    await ok('acceptComplaint', { complaintId: c.id }, edu.token);
    await ok('assignComplaint', { complaintId: c.id }, edu.token); // routed in time: only handling is pending
    const sweep = t.app
      .get(SubscriberRegistry)
      .scheduledTasks()
      .find((s) => s.name === 'complaints.overdue-sweep')!;
    const levels = async () =>
      (await outbox('complaints.complaint.overdue', c.id)).map((e) => [e.payload.previousLevel, e.payload.level]);
    const sweepAt = async (at: string) => {
      clock.set(at);
      await sweep.handler.run(clock.now());
      await sweep.handler.run(clock.now()); // a second run at the same time changes nothing
    };
    const due = '2026-05-01T16:00:00Z'; // handling deadline: 60 days from 2 March

    await sweepAt(due);
    expect(await levels()).toEqual([[0, 1]]);
    await sweepAt('2026-05-04T16:00:00Z'); // exactly 3 days late: still level 1 (more than 3 days raises it)
    expect(await levels()).toEqual([[0, 1]]);
    await sweepAt('2026-05-04T16:01:00Z');
    expect(await levels()).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect((await get(c.id, t.tokenFor(edu.id))).data?.complaint).toMatchObject({
      overdueDeadlines: ['HANDLE'],
      escalationLevel: 2,
    });
    await sweepAt('2026-05-08T16:01:00Z');
    await sweepAt('2026-06-30T00:00:00Z'); // level 3 is the top
    expect(await levels()).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);

    // The supervision ladder records each level and notifies only the people each rise adds.
    await t.settle();
    const ladder: { level: number; notified: { roles?: string[]; departmentCodes?: string[] } }[] =
      await t.dataSource.query(
        `SELECT level, notified FROM supervision_escalation WHERE item_kind = 'COMPLAINT' AND item_id = $1 ORDER BY level`,
        [c.id],
      );
    expect(ladder.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(ladder[0]!.notified.departmentCodes).toContain('EDU');
    expect(ladder[1]!.notified.roles).toContain('COUNTY_ADMIN');
    expect(ladder[2]!.notified.departmentCodes).toEqual(expect.arrayContaining(['INSPECTION_OFFICE', 'DISCIPLINE']));
    expect(ladder[2]!.notified.roles ?? []).not.toContain('COUNTY_ADMIN');
    // The inbox notice of a missed deadline went out once, when it was first missed.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notification WHERE entity_id = $1 AND kind = 'complaints.complaint.overdue'`,
      [c.id],
    );
    expect(n).toBe(1);

    // Handled late and closed: no deadline is pending, so the level no longer shows.
    const token = t.tokenFor(edu.id);
    await ok('startComplaintInvestigation', { complaintId: c.id }, token);
    await ok('replyToComplaint', { complaintId: c.id, publicReply: '已责令停止' }, token);
    await ok(
      'closeComplaint',
      { complaintId: c.id, substantiated: true, summary: '属实', satisfaction: 'DISSATISFIED' },
      token,
    );
    expect((await get(c.id, token)).data?.complaint).toMatchObject({ overdue: false, escalationLevel: 0 });
    // Reopened: a new 60-day handling period, watched again from the bottom of the ladder.
    await ok('reopenComplaint', { complaintId: c.id, reason: '回访不满意' }, token);
    expect((await get(c.id, token)).data?.complaint.escalationLevel).toBe(0);
    const reopened = (await get(c.id, token)).data!.complaint;
    await sweepAt(new Date(new Date(reopened.handleDueAt!).getTime() + 60_000).toISOString());
    expect((await levels()).slice(3)).toEqual([[0, 1]]);
  });

  describe('review (复查, 《信访工作条例》 Art. 35)', () => {
    const REQUEST = `mutation($input: RequestComplaintReviewInput!) { requestComplaintReview(input: $input) { status timeline { status reply } } }`;
    const requestReview = (trackingNumber: string, reason = '答复未解决退费问题') =>
      t.gql<{ requestComplaintReview: { status: string; timeline: { status: string; reply: string | null }[] } }>(
        REQUEST,
        { input: { trackingNumber, reason } },
        undefined,
        {
          'X-Forwarded-For': someAddress(),
        },
      );
    const row = async (id: string) =>
      (await t.dataSource.query(`SELECT * FROM complaint WHERE id = $1`, [id]))[0] as Record<string, unknown>;

    /** A complaint handled and replied to at the test clock's current time, then closed with the return visit. */
    async function repliedAndClosed(township: string): Promise<ComplaintView> {
      const c = await submitOk({
        category: 'PREPAID_FEE_REFUND',
        description: '机构拒绝退费',
        townshipCode: township,
        contactName: '李四',
        contactPhone: '13900001111',
      });
      const token = t.tokenFor(edu.id);
      await ok('acceptComplaint', { complaintId: c.id }, token);
      await ok('assignComplaint', { complaintId: c.id }, token);
      await ok('startComplaintInvestigation', { complaintId: c.id }, token);
      await ok('replyToComplaint', { complaintId: c.id, publicReply: '已约谈机构' }, token);
      return ok(
        'closeComplaint',
        { complaintId: c.id, substantiated: false, summary: '未查实', satisfaction: 'DISSATISFIED' },
        token,
      );
    }

    it('the complainant asks once within 30 days of the reply; the county office overturns it and handling starts again', async () => {
      const c = await repliedAndClosed('520122107');
      expectGqlError(await requestReview('TS222222222222'), 'COMPLAINT_NOT_FOUND');

      clock.set('2026-03-20T02:00:00Z');
      const requested = await requestReview(c.trackingNumber);
      expect(requested.errors).toBeUndefined();
      expect(requested.data?.requestComplaintReview.status).toBe('UNDER_REVIEW');
      expect(requested.data?.requestComplaintReview.timeline.map((e) => e.status).slice(-2)).toEqual([
        'CLOSED',
        'UNDER_REVIEW',
      ]);
      const under = (await get(c.id, t.tokenFor(admin.id))).data!.complaint;
      expect(under).toMatchObject({
        status: 'UNDER_REVIEW',
        reviewRequestedAt: '2026-03-20T02:00:00.000Z',
        reviewDueAt: '2026-04-19T16:00:00.000Z',
        overdue: false,
      });
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM notification WHERE entity_id = $1 AND kind = 'complaints.review.requested'`,
        [c.id],
      );
      expect(n).toBe(1);

      // Once: a second request, by the public or by an officer, is refused and changes nothing.
      const before = await row(c.id);
      expectGqlError(await requestReview(c.trackingNumber), 'REVIEW_ALREADY_REQUESTED');
      expectGqlError(
        await run('registerComplaintReview', { complaintId: c.id, reason: '来访' }, t.tokenFor(edu.id)),
        'REVIEW_ALREADY_REQUESTED',
      );
      // Only the county office decides it; the handling department cannot review itself.
      expectGqlError(
        await run(
          'decideComplaintReview',
          { complaintId: c.id, decision: 'OVERTURNED', opinion: '重新办理' },
          t.tokenFor(edu.id),
        ),
        'FORBIDDEN',
      );
      expect(await row(c.id)).toEqual(before);

      const overturned = await ok(
        'decideComplaintReview',
        { complaintId: c.id, decision: 'OVERTURNED', opinion: '责成重新调查退费情况' },
        t.tokenFor(admin.id),
      );
      expect(overturned).toMatchObject({
        status: 'INVESTIGATING',
        reviewDecision: 'OVERTURNED',
        closedAt: null,
        handleDueAt: '2026-05-19T16:00:00.000Z',
      });
      const timeline = (
        await t.gql<{ complaintStatus: { timeline: { status: string; reply: string | null }[] } }>(STATUS, {
          n: c.trackingNumber,
        })
      ).data!.complaintStatus.timeline;
      expect(timeline.at(-1)).toEqual({
        status: 'INVESTIGATING',
        occurredAt: expect.any(String),
        reply: '责成重新调查退费情况',
      });
      const [{ n: told }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM notification WHERE entity_id = $1 AND kind = 'complaints.review.overturned'`,
        [c.id],
      );
      expect(told).toBe(1);
      const [audit] = await t.dataSource.query(
        `SELECT summary FROM audit_log WHERE entity_id = $1 AND action = 'complaints.review.overturned'`,
        [c.id],
      );
      expect(audit.summary).toMatchObject({ from: 'UNDER_REVIEW', to: 'INVESTIGATING', decision: 'OVERTURNED' });

      // Replied again after the new investigation: no second review.
      await ok('replyToComplaint', { complaintId: c.id, publicReply: '已督促退费' }, t.tokenFor(edu.id));
      expectGqlError(await requestReview(c.trackingNumber), 'REVIEW_ALREADY_REQUESTED');
    });

    it('refuses a request after 30 days or before a reply, and watches the 30-day decision deadline', async () => {
      const late = await repliedAndClosed('520122108');
      clock.set('2026-04-01T16:00:00Z'); // the reply was on 2 March: the window ended with 1 April
      const before = await row(late.id);
      expectGqlError(await requestReview(late.trackingNumber), 'REVIEW_WINDOW_CLOSED');
      expect(await row(late.id)).toEqual(before);

      clock.set(START);
      const fresh = await submitOk({
        category: 'PRICING',
        description: '乱收费',
        townshipCode: '520122108',
        anonymous: true,
      });
      expectGqlError(await requestReview(fresh.trackingNumber), 'INVALID_COMPLAINT_TRANSITION');

      // An officer registers a request received by visit; the decision is due 30 days later.
      const visited = await repliedAndClosed('520122200');
      clock.set('2026-03-10T02:00:00Z');
      const closedAt = visited.closedAt;
      const registered = await ok(
        'registerComplaintReview',
        { complaintId: visited.id, reason: '来访申请复查' },
        t.tokenFor(edu.id),
      );
      expect(registered).toMatchObject({ status: 'UNDER_REVIEW', reviewDueAt: '2026-04-09T16:00:00.000Z' });
      const sweep = t.app
        .get(SubscriberRegistry)
        .scheduledTasks()
        .find((s) => s.name === 'complaints.overdue-sweep')!;
      clock.set('2026-04-09T16:00:00Z');
      await sweep.handler.run(clock.now());
      expect(
        (await outbox('complaints.complaint.overdue', visited.id)).map((e) => [e.payload.deadline, e.payload.level]),
      ).toEqual([['REVIEW', 1]]);
      expect((await get(visited.id, t.tokenFor(admin.id))).data?.complaint).toMatchObject({
        overdueDeadlines: ['REVIEW'],
        escalationLevel: 1,
      });

      // Upheld: closed again, keeping the original closing time and return visit.
      const upheld = await ok(
        'decideComplaintReview',
        { complaintId: visited.id, decision: 'UPHELD', opinion: '维持原答复意见' },
        t.tokenFor(admin.id),
      );
      expect(upheld).toMatchObject({
        status: 'CLOSED',
        reviewDecision: 'UPHELD',
        closedAt,
        satisfaction: 'DISSATISFIED',
        overdue: false,
      });

      // Reviewed before closing and upheld: back to REPLIED, to be closed with its return visit.
      clock.set(START);
      const open = await submitOk({
        category: 'SUBJECT_TRAINING_VIOLATION',
        description: '周末补课',
        townshipCode: '520122200',
        anonymous: true,
      });
      const token = t.tokenFor(edu.id);
      for (const step of ['acceptComplaint', 'assignComplaint', 'startComplaintInvestigation'])
        await ok(step, { complaintId: open.id }, token);
      await ok('replyToComplaint', { complaintId: open.id, publicReply: '已核查' }, token);
      await ok('registerComplaintReview', { complaintId: open.id, reason: '来信申请复查' }, token);
      expect(
        await ok(
          'decideComplaintReview',
          { complaintId: open.id, decision: 'UPHELD', opinion: '维持' },
          t.tokenFor(admin.id),
        ),
      ).toMatchObject({ status: 'REPLIED', closedAt: null });
      expect(
        await ok(
          'closeComplaint',
          { complaintId: open.id, substantiated: false, summary: '未查实' },
          t.tokenFor(edu.id),
        ),
      ).toMatchObject({ status: 'CLOSED' });
    });
  });

  it('emits the substantiated event for the credit module and the investigation request for supervision', async () => {
    const institution = await createInstitution(t, { townshipCode: '520122105' });
    const c = await submitOk({
      category: 'PREPAID_FEE_REFUND',
      description: '机构拒绝退费',
      institutionId: institution.id,
      anonymous: true,
    });
    expect(c.townshipCode).toBe('520122105'); // from the institution
    await ok('acceptComplaint', { complaintId: c.id }, edu.token);
    await ok('assignComplaint', { complaintId: c.id }, edu.token);
    await ok('requestComplaintInvestigationTask', { complaintId: c.id, note: '请督导组核查' }, edu.token);
    expect((await outbox('complaints.investigation.requested', c.id)).map((r) => r.payload)).toEqual([
      {
        complaintId: c.id,
        institutionId: institution.id,
        townshipCode: '520122105',
        leadDepartmentCode: 'EDU',
        category: 'PREPAID_FEE_REFUND',
      },
    ]);
    await ok('startComplaintInvestigation', { complaintId: c.id }, edu.token);
    await ok('replyToComplaint', { complaintId: c.id, publicReply: '已责令退费' }, edu.token);
    const closed = await ok(
      'closeComplaint',
      { complaintId: c.id, substantiated: true, summary: '拒不退费属实', satisfaction: 'SATISFIED' },
      edu.token,
    );
    expect(closed).toMatchObject({ status: 'CLOSED', substantiated: true, satisfaction: 'SATISFIED' });
    expect((await outbox('complaints.complaint.substantiated', c.id)).map((r) => r.payload)).toEqual([
      {
        complaintId: c.id,
        institutionId: institution.id,
        category: 'PREPAID_FEE_REFUND',
        closedAt: clock.now().toISOString(),
        summary: '拒不退费属实',
      },
    ]);
  });

  it('links complaints about the same institution and category to the first, and counts them', async () => {
    const institution = await createInstitution(t, { townshipCode: '520122106' });
    const first = await submitOk({
      category: 'PRICING',
      description: '收费高于公示标准',
      institutionId: institution.id,
      anonymous: true,
    });
    const second = await submitOk({
      category: 'PRICING',
      description: '同一机构乱收费',
      institutionId: institution.id,
      anonymous: true,
    });
    const third = await submitOk({
      category: 'PRICING',
      description: '又一次',
      institutionCreditCode: institution.creditCode,
      anonymous: true,
    });
    const otherCategory = await submitOk({
      category: 'FIRE_SAFETY',
      description: '消防',
      institutionId: institution.id,
      anonymous: true,
    });
    expect(first.duplicateOfId).toBeNull();
    expect(second.duplicateOfId).toBe(first.id);
    expect(third.duplicateOfId).toBe(first.id);
    expect(otherCategory.duplicateOfId).toBeNull();
    expect((await get(first.id, admin.token)).data?.complaint.duplicateCount).toBe(2);
  });

  it('refuses bad input with clear errors and writes nothing', async () => {
    const counts = async () =>
      (await t.dataSource
        .query(`SELECT (SELECT count(*) FROM complaint)::int AS c, (SELECT count(*) FROM complaint_timeline_entry)::int AS tl,
        (SELECT count(*) FROM outbox)::int AS o, (SELECT count(*) FROM audit_log)::int AS a`)) as unknown[];
    await t.settle(); // no background subscriber may write while the counts are compared
    const before = await counts();
    const base = { category: 'OTHER', description: '正常描述', townshipCode: '520122001', anonymous: true };

    const missing = await submit({ description: '没有类别', townshipCode: '520122001', anonymous: true });
    expect(missing.errors?.[0]?.message).toMatch(/category/);
    const fieldOf = (res: GqlResult<unknown>, code = 'VALIDATION_FAILED') =>
      (expectGqlError(res, code).extensions?.errors as { path: string }[] | undefined)?.map((e) => e.path);
    expect(fieldOf(await submit({ ...base, description: '长'.repeat(100 * 1024) }))).toEqual(['description']);
    expect(fieldOf(await submit({ ...base, description: '看这里 <script>alert(1)</script>' }))).toEqual([
      'description',
    ]);
    expect(fieldOf(await submit({ ...base, address: '<SCRIPT src=x>' }))).toEqual(['address']);
    expect(fieldOf(await submit({ ...base, townshipCode: '520122999' }))).toEqual(['townshipCode']);
    expect(fieldOf(await submit({ ...base, anonymous: false }))).toEqual(['contactPhone']);
    expect(fieldOf(await submit({ ...base, contactPhone: 'not a phone' }))).toEqual(['contactPhone']);
    expectGqlError(
      await submit({ ...base, institutionId: '00000000-0000-4000-8000-000000000000' }),
      'INSTITUTION_NOT_FOUND',
    );
    expectGqlError(await submit({ ...base, institutionCreditCode: '91110000600037341L' }), 'INSTITUTION_NOT_FOUND');
    expect(await counts()).toEqual(before);

    // Text is kept exactly as written, angle brackets included.
    const kept = await submitOk({ ...base, description: 'a < b && c > d "quoted" <b>bold</b>' });
    const [{ description }] = await t.dataSource.query(`SELECT description FROM complaint WHERE id = $1`, [kept.id]);
    expect(description).toBe('a < b && c > d "quoted" <b>bold</b>');
  });

  it('limits public submissions per client address', async () => {
    const address = someAddress();
    const input = { category: 'OTHER', description: '限流测试', townshipCode: '520122001', anonymous: true };
    for (let i = 0; i < 5; i++) expect((await submit(input, address)).errors).toBeUndefined();
    const refused = expectGqlError(await submit(input, address), 'TOO_MANY_REQUESTS');
    expect(refused.message).toMatch(/retry after \d+ s/);
    expect((await submit(input, someAddress())).errors).toBeUndefined();
    clock.advance(120_000); // one token back every 2 minutes (5 per 10 minutes)
    expect((await submit(input, address)).errors).toBeUndefined();
  });
});
