import type { AddressInfo } from 'node:net';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { CoverageCheck } from '../../src/modules/escrow';
import { IdentityFacade } from '../../src/modules/identity';
import { NotificationsFacade } from '../../src/modules/notifications';
import { systemPrincipal } from '../../src/platform/auth/principal';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { LiveServer } from '../../src/platform/live/live-server';
import { MetricsService } from '../../src/platform/metrics/metrics.service';
import { LiveUpdates } from '../../src/platform/live/live-updates';
// eslint-disable-next-line local/module-boundaries -- a task command without its GraphQL shape
import { TaskLifecycleService } from '../../src/modules/supervision/task-lifecycle.service';
import { openAccount } from '../factories/escrow.factory';
import { createInstitution } from '../factories/registry.factory';
import { AUTHORIZATION_MATRIX } from '../security/authorization-matrix';
import { CALLERS, loginCallers } from '../security/principals';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';
import { recordSummary } from '../support/suite-summary';
import { waitFor } from '../support/test-env';

const DAY = 24 * 3_600_000;
const A = '520122001'; // 永阳街道
const B = '520122100'; // 永靖镇

const NOTIFICATIONS = `subscription { notificationAdded { kind notification { id title read } } }`;
const TASKS = `subscription { supervisionTaskChanged { kind task { id title townshipCode status } } }`;
const ALERTS = `subscription { escrowAlertChanged { kind alert { id type institutionId status } } }`;

type Next<T> = { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** One subscription read message by message (a real graphql-ws client over `ws`). */
function subscription<T>(client: Client, query: string) {
  const iterator = client.iterate<T>({ query });
  return {
    next: async (): Promise<Next<T>> => {
      const r = await iterator.next();
      if (r.done) throw new Error('the subscription completed');
      return r.value as Next<T>;
    },
    stop: () => iterator.return?.(),
  };
}

/** The close event a refused connection ends with. */
async function closeCodeOf(client: Client, query: string): Promise<number> {
  try {
    await client.iterate({ query }).next();
  } catch (event) {
    return (event as { code: number }).code;
  }
  throw new Error('the connection was not refused');
}

/**
 * Live updates (issue #21): subscriptions over graphql-ws on /graphql, authenticated at connection,
 * scoped like the queries, fed by the domain events through the bus (Redis pub/sub here, PostgreSQL
 * LISTEN/NOTIFY without REDIS_URL), and surviving an API restart by reconnecting.
 */
describe('live updates (graphql-ws)', () => {
  const clock = new FixedClock('2026-11-10T02:00:00Z');
  let worker: TestApp; // owns the database, relays the outbox, publishes on the bus
  let api: TestApp; // serves /graphql over HTTP and WebSocket
  let url: string;
  let port: number;
  const clients: Client[] = [];
  let eduOfficer: LoggedIn;
  let townshipA: LoggedIn;
  let townshipB: LoggedIn;
  let institutionA: { id: string };
  let institutionB: { id: string };

  const connect = (token: string | undefined, options: Partial<Parameters<typeof createClient>[0]> = {}) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      ...options,
    });
    clients.push(client);
    return client;
  };
  const subscribed = (app: TestApp, n: number) =>
    waitFor(async () => app.app.get(LiveUpdates).subscriptions >= n, { what: `${n} live subscription(s)` });

  async function createTask(institutionId: string, title: string): Promise<string> {
    const res = await api.gql<{ createSupervisionTask: { id: string } }>(
      `mutation($input: CreateSupervisionTaskInput!) { createSupervisionTask(input: $input) { id } }`,
      {
        input: {
          type: 'SPECIAL_INSPECTION',
          title,
          targetKind: 'INSTITUTION',
          targetId: institutionId,
          leadDepartmentCode: 'EDU',
          dueAt: new Date(clock.now().getTime() + 5 * DAY).toISOString(),
        },
      },
      eduOfficer.token,
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.createSupervisionTask.id;
  }

  const notify = (app: TestApp, userId: string, title: string) =>
    app.dataSource.transaction((em) =>
      app.app
        .get(NotificationsFacade)
        .notify(em, { userIds: [userId] }, { kind: 'test.live', title, body: 'live update test' }),
    );

  beforeAll(async () => {
    worker = await startTestApp({ role: 'worker', clock });
    api = await startTestApp({ role: 'api', clock, shareDatabaseOf: worker });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
    url = `ws://127.0.0.1:${port}/graphql`;
    eduOfficer = await api.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    townshipA = await api.loginAs(Role.TOWNSHIP_OFFICER, A);
    townshipB = await api.loginAs(Role.TOWNSHIP_OFFICER, B);
    institutionA = await createInstitution(api, { townshipCode: A });
    institutionB = await createInstitution(api, { townshipCode: B });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    // The server sees the sockets close a moment later: each test starts with none (its counts are its own).
    await waitFor(
      async () => api.app.get(LiveUpdates).subscriptions === 0 && api.app.get(LiveServer).connections === 0,
      { what: 'the live connections of the test to close' },
    );
  });
  afterAll(async () => {
    await api?.close();
    await worker?.close();
  });

  it('refuses a connection without a valid access token (4401) and serves only subscriptions', async () => {
    expect(await closeCodeOf(connect(undefined), NOTIFICATIONS)).toBe(4401);
    expect(await closeCodeOf(connect('not-a-token'), NOTIFICATIONS)).toBe(4401);
    expect(api.app.get(LiveUpdates).subscriptions).toBe(0);

    // A query over the socket is refused (send it to POST /graphql), the connection stays usable.
    const client = connect(townshipA.token);
    const query = subscription<unknown>(client, '{ me { id } }');
    await expect(query.next()).rejects.toEqual([expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })]);
    // The HTTP endpoint's document checks apply (here: fields once expanded).
    const large = subscription<unknown>(client, `subscription { notificationAdded { kind ${'kind '.repeat(2000)} } }`);
    await expect(large.next()).rejects.toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_LARGE' }) }),
    ]);
  });

  it("sends the caller's own new notification, and not another person's", async () => {
    const client = connect(townshipA.token);
    const mine = subscription<{ notificationAdded: { kind: string; notification: { id: string; title: string } } }>(
      client,
      NOTIFICATIONS,
    );
    await subscribed(api, 1);
    // The process's gauges see the socket and the subscription (operators watch sj_live_*).
    const gauges = await api.app.get(MetricsService).registry.metrics();
    expect(gauges).toMatch(/^sj_live_connections 1$/m);
    expect(gauges).toMatch(/^sj_live_subscriptions 1$/m);
    await notify(api, townshipB.id, '别人的通知');
    const id = await notify(api, townshipA.id, '我的通知');
    const next = await mine.next();
    expect(next.errors).toBeUndefined();
    expect(next.data?.notificationAdded).toEqual({
      kind: 'ADDED',
      notification: { id, title: '我的通知', read: false },
    });
  });

  it('sends a township officer the tasks of their township only', async () => {
    const a = subscription<{ supervisionTaskChanged: { kind: string; task: { id: string; townshipCode: string } } }>(
      connect(townshipA.token),
      TASKS,
    );
    const b = subscription<{ supervisionTaskChanged: { kind: string; task: { id: string; townshipCode: string } } }>(
      connect(townshipB.token),
      TASKS,
    );
    await subscribed(api, 2);
    // B's task is published first: A's subscriber reads and skips it, then gets its own.
    const inB = await createTask(institutionB.id, '永靖镇检查');
    const inA = await createTask(institutionA.id, '永阳街道检查');
    const forA = await a.next();
    expect(forA.data?.supervisionTaskChanged).toMatchObject({ kind: 'CREATED', task: { id: inA, townshipCode: A } });
    const forB = await b.next();
    expect(forB.data?.supervisionTaskChanged).toMatchObject({ kind: 'CREATED', task: { id: inB, townshipCode: B } });

    // A command on A's task reaches A as UPDATED (through the service: the mutation's shape is not the subject here).
    await api.app.get(TaskLifecycleService).start(systemPrincipal('test'), inA);
    const updated = await a.next();
    expect(updated.data?.supervisionTaskChanged).toMatchObject({
      kind: 'UPDATED',
      task: { id: inA, status: 'IN_PROGRESS' },
    });
  });

  it('sends a township officer the escrow alerts of their township only', async () => {
    type Change = { escrowAlertChanged: { kind: string; alert: { institutionId: string; type: string } } };
    const a = subscription<Change>(connect(townshipA.token), ALERTS);
    await subscribed(api, 1);
    // One run raises NO_ESCROW_ACCOUNT for both institutions (neither has an account), in one transaction.
    await api.app.get(CoverageCheck).run(clock.now());
    const first = await a.next();
    expect(first.data?.escrowAlertChanged).toMatchObject({
      kind: 'RAISED',
      alert: { institutionId: institutionA.id, type: 'NO_ESCROW_ACCOUNT' },
    });
  });

  it('delivers the alert a bank post raises (bank → escrow alert → live update), and records how long it took', async () => {
    type Change = { escrowAlertChanged: { kind: string; alert: { institutionId: string; type: string } } };
    const admin = await api.loginAs(Role.COUNTY_ADMIN);
    const bank = await api.registerBank();
    const account = await openAccount(
      api,
      admin.token,
      bank.bankCode,
      await createInstitution(api, { townshipCode: A }),
    );
    await worker.settle(); // the account's own events are out of the way
    const a = subscription<Change>(connect(townshipA.token), ALERTS);
    await subscribed(api, 1);
    const posted = Date.now();
    await api
      .bankRequest(
        'POST',
        '/api/bank/v1/transactions',
        {
          transactions: [
            {
              accountNo: account.accountNo,
              txnId: `LIVE${posted.toString(36)}`,
              bookedAt: new Date(clock.now().getTime() - 3_600_000).toISOString(),
              type: 'DEPOSIT',
              amount: '5000.01', // over the per-payment prepaid cap: PREPAID_LIMIT_EXCEEDED
              currency: 'CNY',
              payerRef: 'p***1',
              lessonHours: 10,
              coverageMonths: 1,
              reversalOf: null,
              memo: 'term fee',
            },
          ],
        },
        bank,
      )
      .expect(200);
    let change: Change['escrowAlertChanged'] | undefined;
    while (change?.alert.type !== 'PREPAID_LIMIT_EXCEEDED') change = (await a.next()).data?.escrowAlertChanged;
    // A figure, not an assertion (timings are for benchmarks): printed in the suite summary at the end of the run.
    recordSummary('live alert after a bank post (ms)', Date.now() - posted);
    expect(change).toMatchObject({
      kind: 'RAISED',
      alert: { institutionId: account.institution.id, type: 'PREPAID_LIMIT_EXCEEDED' },
    });
  });

  it('refuses a subscription to a role its query refuses, and sends nothing', async () => {
    const institutionAdmin = await api.loginAs(Role.INSTITUTION_ADMIN, institutionA.id);
    const refused = await subscription<unknown>(connect(institutionAdmin.token), TASKS).next();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(api.app.get(LiveUpdates).subscriptions).toBe(0);
  });

  it('lets exactly the callers of the matching query subscribe (its authorization-matrix row)', async () => {
    const tokens = await loginCallers(api);
    const rows = {
      notificationAdded: 'query.notifications',
      escrowAlertChanged: 'query.escrowAlerts',
      supervisionTaskChanged: 'query.supervisionTasks',
      complaintChanged: 'query.complaints',
    };
    const live = api.app.get(LiveUpdates);
    const mismatches: string[] = [];
    for (const [field, row] of Object.entries(rows)) {
      const allowed = new Set(AUTHORIZATION_MATRIX[row]);
      for (const caller of CALLERS) {
        const client = connect(tokens[caller]);
        const stop = { done: false };
        const accepted = async () => {
          while (!stop.done) {
            if (live.subscriptions > 0) return 'accepted';
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          return 'stopped';
        };
        const refused = client
          .iterate({ query: `subscription { ${field} { kind } }` })
          .next()
          .then(
            () => 'refused',
            () => 'refused',
          );
        const outcome = await Promise.race([accepted(), refused]);
        stop.done = true;
        if ((outcome === 'accepted') !== allowed.has(caller)) mismatches.push(`${field} × ${caller}: ${outcome}`);
        await client.dispose();
        await waitFor(async () => live.subscriptions === 0 && api.app.get(LiveServer).connections === 0, {
          what: 'the connection to close',
        });
      }
    }
    expect(mismatches).toEqual([]);
  }, 60_000);

  it('caps the connections one user holds (4429)', async () => {
    const user = await api.loginAs(Role.TOWNSHIP_OFFICER, A);
    const max = api.runtime.config.graphql.liveMaxConnectionsPerUser;
    for (let i = 0; i < max; i++) {
      const client = connect(user.token);
      await new Promise<void>((resolve, reject) => {
        client.on('connected', () => resolve());
        client.on('closed', (e) => reject(new Error(`closed ${(e as { code: number }).code}`)));
        subscription(client, NOTIFICATIONS);
      });
    }
    expect(await closeCodeOf(connect(user.token), NOTIFICATIONS)).toBe(4429);
  });

  it('closes the connection when its access token expires (4401)', async () => {
    const ttlMs = api.runtime.config.auth.jwtTtlSeconds * 1000;
    const now = clock.now();
    clock.set(new Date(now.getTime() - ttlMs + 1500)); // a token with 1.5 s left
    const token = api.tokenFor(townshipA.id);
    clock.set(now);
    const closed = new Promise<number>((resolve) => {
      const client = connect(token, { on: { closed: (e) => resolve((e as { code: number }).code) } });
      subscription(client, NOTIFICATIONS);
    });
    expect(await closed).toBe(4401);
  });

  it('closes the connections of a user disabled while connected (4403)', async () => {
    const officer = await api.loginAs(Role.TOWNSHIP_OFFICER, A);
    const closed = new Promise<number>((resolve) => {
      const client = connect(officer.token, { on: { closed: (e) => resolve((e as { code: number }).code) } });
      subscription(client, NOTIFICATIONS);
    });
    await subscribed(api, 1);
    await api.app.get(IdentityFacade).disableUser(systemPrincipal('test'), officer.id);
    expect(await closed).toBe(4403);
  });

  it('resubscribes after the API process restarts on the same port and receives the next event', async () => {
    const client = connect(townshipA.token, {
      retryAttempts: 50,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 100)),
      shouldRetry: () => true,
    });
    const mine = subscription<{ notificationAdded: { notification: { id: string } } }>(client, NOTIFICATIONS);
    await subscribed(api, 1);
    await api.close(); // shares the worker's database: nothing is dropped
    api = await startTestApp({ role: 'api', clock, shareDatabaseOf: worker });
    await api.app.listen(port, '127.0.0.1');
    await subscribed(api, 1);
    const id = await notify(api, townshipA.id, '重启之后');
    expect((await mine.next()).data?.notificationAdded.notification.id).toBe(id);
  }, 30_000);
});

describe('live updates on PostgreSQL LISTEN/NOTIFY (no REDIS_URL)', () => {
  let t: TestApp;
  let client: Client | undefined;
  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_URL: '' } });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await client?.dispose();
    await t?.close();
  });

  it('delivers a notification through the database bus', async () => {
    expect(t.app.get(LiveUpdates).backend).toBe('postgres');
    const user = await t.loginAs(Role.COUNTY_ADMIN);
    client = createClient({
      url: `ws://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${user.token}` },
      retryAttempts: 0,
    });
    const mine = subscription<{ notificationAdded: { notification: { id: string } } }>(client, NOTIFICATIONS);
    await waitFor(async () => t.app.get(LiveUpdates).subscriptions >= 1, { what: 'the subscription' });
    const id = await t.dataSource.transaction((em) =>
      t.app
        .get(NotificationsFacade)
        .notify(em, { userIds: [user.id] }, { kind: 'test.live', title: '数据库', body: '-' }),
    );
    expect((await mine.next()).data?.notificationAdded.notification.id).toBe(id);
  });
});
