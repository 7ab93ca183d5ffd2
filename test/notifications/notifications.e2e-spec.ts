import { NotificationsFacade } from '../../src/modules/notifications';
import { Role } from '../../src/platform/auth/role';
import { TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

describe('notification inbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const INBOX = `query($after: String, $unread: Boolean) { notifications(first: 2, after: $after, filter: { unreadOnly: $unread }) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id kind title body entityType entityId read } } } }`;

  it('reaches people by name, department, township, school or role — and nobody else', async () => {
    const edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    const fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    const township = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122101');
    const otherTownship = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122102');
    const discipline = await t.loginAs(Role.DISCIPLINE_SUPERVISOR);
    const service = t.app.get(NotificationsFacade);
    const ids = await t.dataSource.transaction(async (em) => [
      await service.notify(
        em,
        { departmentCodes: ['EDU'], roles: [Role.DISCIPLINE_SUPERVISOR] },
        {
          kind: 'test.case',
          title: '在职教师违规',
          body: 'A staff member is on the teacher roster',
          entityType: 'staff',
          entityId: 's1',
        },
      ),
      await service.notify(
        em,
        { townshipCodes: ['520122101'], userIds: [edu.id] },
        { kind: 'test.township', title: 'Township notice', body: 'b' },
      ),
      await service.notify(em, { departmentCodes: ['EDU'] }, { kind: 'test.third', title: 'Third', body: 'c' }),
      await service.notify(em, {}, { kind: 'test.nobody', title: 'To nobody', body: 'd' }),
    ]);
    expect(ids[3]).toBeNull();

    const eduInbox = await t.gql<{
      notifications: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string; read: boolean } }[];
      };
    }>(INBOX, {}, edu.token);
    expect(eduInbox.data?.notifications.totalCount).toBe(3);
    expect(eduInbox.data?.notifications.pageInfo.hasNextPage).toBe(true);
    const next = await t.gql<{ notifications: { edges: { node: { id: string } }[] } }>(
      INBOX,
      { after: eduInbox.data?.notifications.pageInfo.endCursor },
      edu.token,
    );
    const seen = [...eduInbox.data!.notifications.edges, ...next.data!.notifications.edges]
      .map((e) => e.node.id)
      .sort();
    expect(seen).toEqual([ids[0], ids[1], ids[2]].sort());

    const count = async (token: string) =>
      (await t.gql<{ unreadNotificationCount: number }>('{ unreadNotificationCount }', {}, token)).data
        ?.unreadNotificationCount;
    expect(await count(fire.token)).toBe(0);
    expect(await count(township.token)).toBe(1);
    expect(await count(otherTownship.token)).toBe(0);
    expect(await count(discipline.token)).toBe(1);

    // Reading one's own; another's is not found, exactly like a missing one.
    const read = await t.gql(
      'mutation($id: ID!) { markNotificationRead(input: { id: $id }) { id read } }',
      { id: ids[1] },
      township.token,
    );
    expect(read.data).toEqual({ markNotificationRead: { id: ids[1], read: true } });
    expect(await count(township.token)).toBe(0);
    expect(await count(edu.token)).toBe(3); // read state is per person
    expectGqlError(
      await t.gql('mutation($id: ID!) { markNotificationRead(input: { id: $id }) { id } }', { id: ids[0] }, fire.token),
      'NOTIFICATION_NOT_FOUND',
    );
    const all = await t.gql<{ markAllNotificationsRead: number }>(
      'mutation { markAllNotificationsRead }',
      {},
      edu.token,
    );
    expect(all.errors).toBeUndefined();
    expect(all.data?.markAllNotificationsRead).toBe(3);
    expect(await count(edu.token)).toBe(0);
    const unreadOnly = await t.gql<{ notifications: { totalCount: number } }>(INBOX, { unread: true }, edu.token);
    expect(unreadOnly.data?.notifications.totalCount).toBe(0);
  });

  it('refuses a malformed notification id with VALIDATION_FAILED naming the input field', async () => {
    const edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    const res = await t.gql(
      'mutation($input: MarkNotificationReadInput!) { markNotificationRead(input: $input) { id } }',
      { input: { id: 'not-a-uuid' } },
      edu.token,
    );
    expect(expectGqlError(res, 'VALIDATION_FAILED').extensions?.errors).toEqual([
      expect.objectContaining({ path: 'id' }),
    ]);
  });

  it('needs a login', async () => {
    expectGqlError(await t.gql('{ unreadNotificationCount }'), 'UNAUTHENTICATED');
  });

  it('hands each notification to the outbound channels once, after commit', async () => {
    const service = t.app.get(NotificationsFacade);
    const id = await t.dataSource.transaction((em) =>
      service.notify(em, { roles: [Role.COUNTY_ADMIN] }, { kind: 'test.outbound', title: 'Out', body: 'x' }),
    );
    const [{ event_id }] = await t.dataSource.query(
      `SELECT event_id FROM outbox WHERE payload->>'notificationId' = $1`,
      [id],
    );
    await waitFor(
      async () =>
        (
          await t.dataSource.query(
            `SELECT 1 FROM processed_event WHERE event_id = $1 AND subscriber = 'notifications.deliver-outbound'`,
            [event_id],
          )
        ).length === 1,
      {
        what: 'outbound delivery',
      },
    );
  });
});
