import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

const REGISTER = `mutation($input: RegisterComplaintInput!) { registerComplaint(input: $input) { id trackingNumber } }`;
const REPLY = `mutation($id: ID!, $text: String!) { replyToComplaintAsInstitution(input: { complaintId: $id, text: $text }) { id status } }`;
const REPLIES = `query($id: ID!) { complaint(id: $id) { status institutionReplies { text repliedBy repliedAt } } }`;
const STATUS = `query($n: String!) { complaintStatus(trackingNumber: $n) { status timeline { status reply } } }`;

/**
 * The institution side of complaints (机构端): an institution's administrator reads the complaints about
 * its institution (masked as a township officer sees them) and replies to the handling officers; the
 * reply changes no status and is not on the public timeline.
 */
describe('complaints: the institution replies', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let edu: LoggedIn;
  let ownAdmin: LoggedIn;
  let otherAdmin: LoggedIn;
  const complaint = { own: '', other: '', ownTracking: '' };

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-11-25T02:00:00Z') });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    const own = await createInstitution(t);
    const other = await createInstitution(t, { townshipCode: '520122100' });
    ownAdmin = await t.loginAs(Role.INSTITUTION_ADMIN, own.id);
    otherAdmin = await t.loginAs(Role.INSTITUTION_ADMIN, other.id);
    const register = async (institutionId: string, category: string) =>
      (
        await t.gql<{ registerComplaint: { id: string; trackingNumber: string } }>(
          REGISTER,
          {
            input: {
              channel: 'HOTLINE_12345',
              category,
              description: '培训机构收费不退',
              institutionId,
              contactName: '王五',
              contactPhone: '13712345678',
            },
          },
          admin.token,
        )
      ).data!.registerComplaint;
    const first = await register(own.id, 'OTHER');
    complaint.own = first.id;
    complaint.ownTracking = first.trackingNumber;
    complaint.other = (await register(other.id, 'OTHER')).id;
  });
  afterAll(() => t?.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].n);

  it('lists only the complaints about its own institution, the contact masked', async () => {
    const res = await t.gql<{ complaints: { edges: { node: { id: string; contact: unknown } }[] } }>(
      `{ complaints(first: 50) { edges { node { id contact { name phone masked } } } } }`,
      {},
      ownAdmin.token,
    );
    expect(res.data?.complaints.edges.map((e) => e.node)).toEqual([
      { id: complaint.own, contact: { name: '王*', phone: '137****5678', masked: true } },
    ]);
    expectGqlError(
      await t.gql(`query($id: ID!) { complaint(id: $id) { id } }`, { id: complaint.other }, ownAdmin.token),
      'COMPLAINT_NOT_FOUND',
    );
  });

  it('stores the reply for the handling officers, audited, evented and notified, with no status change and nothing public', async () => {
    const publicBefore = await t.gql<{ complaintStatus: { timeline: unknown[] } }>(STATUS, {
      n: complaint.ownTracking,
    });
    const unreadBefore = (
      await t.gql<{ unreadNotificationCount: number }>(`{ unreadNotificationCount }`, {}, edu.token)
    ).data!.unreadNotificationCount;
    const res = await t.gql<{ replyToComplaintAsInstitution: { id: string; status: string } }>(
      REPLY,
      { id: complaint.own, text: '  已与家长沟通，同意按未消课时退费。 ' },
      ownAdmin.token,
    );
    expect(res.data?.replyToComplaintAsInstitution).toEqual({ id: complaint.own, status: 'RECEIVED' });

    for (const token of [admin.token, edu.token, ownAdmin.token]) {
      const view = await t.gql<{
        complaint: { status: string; institutionReplies: { text: string; repliedBy: string }[] };
      }>(REPLIES, { id: complaint.own }, token);
      expect(view.data?.complaint.status).toBe('RECEIVED');
      expect(view.data?.complaint.institutionReplies).toEqual([
        expect.objectContaining({ text: '已与家长沟通，同意按未消课时退费。', repliedBy: ownAdmin.username }),
      ]);
    }
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'complaints.institution.replied' AND entity_id = $1 AND actor_user_id = $2`,
        [complaint.own, ownAdmin.id],
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbox WHERE name = 'complaints.institution.replied' AND payload->>'complaintId' = $1`,
        [complaint.own],
      ),
    ).toBe(1);
    // EDU leads complaints of the category OTHER (INSTITUTION_SUPERVISION): its officers are told.
    const unreadAfter = (await t.gql<{ unreadNotificationCount: number }>(`{ unreadNotificationCount }`, {}, edu.token))
      .data!.unreadNotificationCount;
    expect(unreadAfter).toBe(unreadBefore + 1);
    // The complainant's public view is as it was.
    expect((await t.gql(STATUS, { n: complaint.ownTracking })).data).toEqual(publicBefore.data);
  });

  it('refuses another institution’s complaint, empty text, a closed complaint and other roles, storing nothing', async () => {
    const replies = () => count(`SELECT count(*)::int AS n FROM complaint_institution_reply`);
    const before = await replies();
    expectGqlError(await t.gql(REPLY, { id: complaint.other, text: '说明' }, ownAdmin.token), 'COMPLAINT_NOT_FOUND');
    expectGqlError(await t.gql(REPLY, { id: complaint.own, text: '   ' }, ownAdmin.token), 'VALIDATION_FAILED');
    expectGqlError(await t.gql(REPLY, { id: complaint.own, text: '说明' }, edu.token), 'FORBIDDEN');
    const refused = await t.gql(
      `mutation($id: ID!) { notAcceptComplaint(input: { complaintId: $id, reason: "不属于受理范围", publicReply: "不予受理" }) { status } }`,
      { id: complaint.other },
      admin.token,
    );
    expect(refused.errors).toBeUndefined();
    expectGqlError(
      await t.gql(REPLY, { id: complaint.other, text: '说明' }, otherAdmin.token),
      'INVALID_COMPLAINT_TRANSITION',
    );
    // Handling commands stay the officers'.
    expectGqlError(
      await t.gql(
        `mutation($id: ID!) { acceptComplaint(input: { complaintId: $id }) { id } }`,
        { id: complaint.own },
        ownAdmin.token,
      ),
      'FORBIDDEN',
    );
    expect(await replies()).toBe(before);
  });
});
