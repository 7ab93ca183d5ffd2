import { spawn } from 'node:child_process';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EntityManager } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/app-config';
import { DomainEvent } from '../../src/platform/events/catalogue';
import { DeadLetters } from '../../src/platform/events/dead-letters';
import { OnEvent, ScheduledTask, ScheduledTaskHandler } from '../../src/platform/events/decorators';
import { EventPublisher } from '../../src/platform/events/event-publisher';
import { OutboxRelay } from '../../src/platform/events/outbox-relay';
import { SubscriberRegistry } from '../../src/platform/events/subscriber-registry';
import { QueueFactory } from '../../src/platform/queue/queue-factory';
import { Spawned, startPrivateRedis } from '../support/processes';
import { Role } from '../../src/platform/auth/role';
import { TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { MetricsService } from '../../src/platform/metrics/metrics.service';
import { env, freePort, waitFor } from '../support/test-env';

// Test-only subscribers: they record each delivery in a table of the test database, inside the
// subscriber's transaction, so "exactly once" can be counted.
const failing = { fixed: false, attempts: 0 };
const ticks: Date[] = [];

@Injectable()
class ProbeSubscribers {
  @OnEvent('identity.user.created', { name: 'probe.record' })
  async record(event: DomainEvent<'identity.user.created'>, em: EntityManager): Promise<void> {
    await em.query(`INSERT INTO probe_delivery (event_id, subscriber, username) VALUES ($1, 'probe.record', $2)`, [
      event.eventId,
      event.payload.username,
    ]);
  }

  @OnEvent('identity.user.created', { name: 'probe2.record' })
  async recordToo(event: DomainEvent<'identity.user.created'>, em: EntityManager): Promise<void> {
    await em.query(`INSERT INTO probe_delivery (event_id, subscriber, username) VALUES ($1, 'probe2.record', $2)`, [
      event.eventId,
      event.payload.username,
    ]);
  }

  @OnEvent('identity.user.disabled', { name: 'failing.always-throws', attempts: 2 })
  async fail(event: DomainEvent<'identity.user.disabled'>, em: EntityManager): Promise<void> {
    failing.attempts++;
    if (!failing.fixed) throw new Error('probe failure');
    await em.query(
      `INSERT INTO probe_delivery (event_id, subscriber, username) VALUES ($1, 'failing.always-throws', $2)`,
      [event.eventId, event.payload.username],
    );
  }
}

@Injectable()
@ScheduledTask('probe.tick')
class ProbeTick implements ScheduledTaskHandler {
  schedule() {
    return { every: 200 };
  }
  async run(now: Date) {
    ticks.push(now);
  }
}

@Module({ providers: [ProbeSubscribers, ProbeTick] })
class ProbeModule {}

const FAST = { EVENT_BACKOFF_MS: '20', EVENT_LOCK_MS: '1000', OUTBOX_POLL_MS: '200', QUEUE_TIMEOUT_MS: '1000' };

async function createProbeTable(t: TestApp): Promise<void> {
  await t.dataSource.query(
    `CREATE TABLE IF NOT EXISTS probe_delivery (event_id uuid NOT NULL, subscriber text NOT NULL, username text, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  );
}

async function publishUsers(t: TestApp, names: string[]): Promise<string[]> {
  const publisher = t.app.get(EventPublisher);
  return t.dataSource.transaction((em) =>
    publisher.publishMany(
      em,
      names.map((username) => ({
        name: 'identity.user.created' as const,
        payload: { userId: username, username, role: 'INSPECTOR' },
      })),
    ),
  );
}

async function deliveries(t: TestApp, subscriber: string): Promise<Map<string, number>> {
  const rows: { event_id: string; n: number }[] = await t.dataSource.query(
    `SELECT event_id, count(*)::int AS n FROM probe_delivery WHERE subscriber = $1 GROUP BY event_id`,
    [subscriber],
  );
  return new Map(rows.map((r) => [r.event_id, r.n]));
}

async function expectDeliveredOnce(
  t: TestApp,
  ids: string[],
  subscribers = ['probe.record', 'probe2.record'],
): Promise<void> {
  for (const subscriber of subscribers) {
    const seen = await waitFor(
      async () => {
        const map = await deliveries(t, subscriber);
        return ids.every((id) => map.has(id)) ? map : undefined;
      },
      { what: `${ids.length} deliveries to ${subscriber}`, timeoutMs: 30000 },
    );
    for (const id of ids) expect(seen.get(id)).toBe(1);
  }
}

describe(`domain events through the outbox (${env.redisUrl ? 'Redis' : 'PostgreSQL'} queues)`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [ProbeModule], env: FAST });
    await createProbeTable(t);
  });
  afterAll(() => t?.close());

  it('delivers each committed event once to every subscriber, and never one from a rolled-back transaction', async () => {
    const publisher = t.app.get(EventPublisher);
    let rolledBack = '';
    await expect(
      t.dataSource.transaction(async (em) => {
        rolledBack = await publisher.publish(em, 'identity.user.created', {
          userId: 'x',
          username: 'ghost',
          role: 'INSPECTOR',
        });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    const ids = await publishUsers(
      t,
      Array.from({ length: 25 }, (_, i) => `user${i}`),
    );
    await expectDeliveredOnce(t, ids);
    expect((await deliveries(t, 'probe.record')).has(rolledBack)).toBe(false);
    expect(await t.dataSource.query(`SELECT 1 FROM outbox WHERE event_id = $1`, [rolledBack])).toHaveLength(0);
    const [{ pending }] = await t.dataSource.query(
      `SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL`,
    );
    expect(pending).toBe(0);
  });

  it('refuses to publish outside a transaction', async () => {
    const publisher = t.app.get(EventPublisher);
    await expect(
      publisher.publish(t.dataSource.manager, 'identity.user.created', {
        userId: 'x',
        username: 'x',
        role: 'INSPECTOR',
      }),
    ).rejects.toThrow(/inside the transaction/);
  });

  it('lets two relays drain one backlog together without publishing a row twice', async () => {
    const relayConfig = { ...t.runtime.config.events, outboxBatchSize: 50 };
    const registry = t.app.get(SubscriberRegistry);
    const queues = t.app.get(QueueFactory);
    const a = new OutboxRelay(t.dataSource, t.runtime.databaseUrl, queues, registry, relayConfig);
    const b = new OutboxRelay(t.dataSource, t.runtime.databaseUrl, queues, registry, relayConfig);
    // Count every job any relay adds (they share the app's queue objects).
    const added = new Map<string, number>();
    const spied = ['events.probe', 'events.probe2'].map((name) => {
      const queue = queues.queue(name);
      const addBulk = queue.addBulk.bind(queue);
      queue.addBulk = (jobs) => {
        for (const job of jobs) added.set(job.opts?.jobId as string, (added.get(job.opts?.jobId as string) ?? 0) + 1);
        return addBulk(jobs);
      };
      return () => (queue.addBulk = addBulk);
    });
    try {
      const ids = await publishUsers(
        t,
        Array.from({ length: 600 }, (_, i) => `bulk${i}`),
      );
      // The app's own relay runs too: three relays at once. Together they move each row exactly once.
      const [movedA, movedB] = await Promise.all([a.drain(), b.drain()]);
      expect(movedA + movedB).toBeLessThanOrEqual(600);
      await expectDeliveredOnce(t, ids);
      for (const id of ids) expect([added.get(`${id}.probe.record`), added.get(`${id}.probe2.record`)]).toEqual([1, 1]);
    } finally {
      spied.forEach((restore) => restore());
    }
    const counts = await queues
      .queue('events.probe')
      .getJobCounts('completed', 'waiting', 'active', 'delayed', 'failed');
    expect(counts.failed).toBe(0);
  });

  it('keeps a subscriber that always throws in the dead letter set, and delivers once after a retry', async () => {
    const publisher = t.app.get(EventPublisher);
    const eventId = await t.dataSource.transaction((em) =>
      publisher.publish(em, 'identity.user.disabled', { userId: 'u1', username: 'broken' }),
    );
    const deadLetters = t.app.get(DeadLetters);
    const dead = await waitFor(async () => (await deadLetters.list()).find((f) => f.eventId === eventId), {
      what: 'the failed delivery',
    });
    expect(dead).toMatchObject({
      subscriber: 'failing.always-throws',
      eventName: 'identity.user.disabled',
      attemptsMade: 2,
      failedReason: 'probe failure',
    });
    expect(failing.attempts).toBe(2);
    // Other subscribers were not held back meanwhile.
    await expectDeliveredOnce(t, await publishUsers(t, ['after-failure']));
    // Over GraphQL: only the county office sees and retries dead letters.
    const inspector = await t.loginAs(Role.INSPECTOR);
    expectGqlError(await t.gql('{ failedEvents { id } }', {}, inspector.token), 'FORBIDDEN');
    const admin = await t.loginAs(Role.COUNTY_ADMIN);
    const listed = await t.gql<{
      failedEvents: { id: string; subscriber: string; eventName: string; attemptsMade: number }[];
    }>('{ failedEvents(first: 10) { id subscriber eventName attemptsMade failedReason payload } }', {}, admin.token);
    expect(listed.data?.failedEvents).toContainEqual(
      expect.objectContaining({ id: dead.id, subscriber: 'failing.always-throws', attemptsMade: 2 }),
    );
    expectGqlError(
      await t.gql(
        'mutation($id: ID!) { retryFailedEvent(input: { id: $id }) { id } }',
        { id: 'events.nope/123' },
        admin.token,
      ),
      'FAILED_EVENT_NOT_FOUND',
    );
    failing.fixed = true;
    const retried = await t.gql(
      'mutation($id: ID!) { retryFailedEvent(input: { id: $id }) { id eventId } }',
      { id: dead.id },
      admin.token,
    );
    expect(retried.errors).toBeUndefined();
    const audited = await t.dataSource.query(
      `SELECT actor_user_id FROM audit_log WHERE action = 'platform.failed_event.retried' AND entity_id = $1`,
      [dead.id],
    );
    expect(audited).toEqual([{ actor_user_id: admin.id }]);
    await waitFor(async () => (await deliveries(t, 'failing.always-throws')).get(eventId) === 1, {
      what: 'the retried delivery',
    });
    expect((await deadLetters.list()).find((f) => f.eventId === eventId)).toBeUndefined();
    await expect(deadLetters.retry(dead.id)).rejects.toMatchObject({ code: 'FAILED_EVENT_NOT_FOUND' });
  });

  it('upserts each declared scheduler once and runs it', async () => {
    await waitFor(async () => ticks.length >= 2, { what: 'two ticks of the probe scheduler' });
    const schedulers = await t.app.get(QueueFactory).queue('schedules').getJobSchedulers();
    const names = schedulers.map((s) => (s as { id?: string; key: string }).id ?? s.key).sort();
    const registry = t.app.get(SubscriberRegistry);
    const declared = registry
      .scheduledTasks()
      .map((task) => task.name)
      .sort();
    expect(declared).toEqual(
      expect.arrayContaining(['platform.outbox-cleanup', 'platform.idempotency-cleanup', 'probe.tick']),
    );
    expect(names).toEqual(declared); // one scheduler per declared task, no strays
    // Each declared task runs against the real schema without error.
    for (const task of registry.scheduledTasks()) await task.handler.run(t.clock.now());
  });

  it('reports the outbox backlog in the metrics', async () => {
    const res = { text: await t.app.get(MetricsService).registry.metrics() };
    expect(res.text).toMatch(/^sj_outbox_backlog \d+$/m);
    expect(res.text).toMatch(/^sj_outbox_lag_seconds [\d.]+$/m);
    expect(res.text).toMatch(/event_jobs_total\{queue="events\.probe",outcome="completed"\} \d+/);
  });
});

describe('subscriber declarations', () => {
  it('stop start-up when a subscriber names an event the catalogue does not have', async () => {
    @Injectable()
    class Wrong {
      @OnEvent('registry.nothing.happened' as never, { name: 'wrong.subscriber' })
      async handle(_event: DomainEvent<never>, _em: EntityManager): Promise<void> {}
    }
    @Module({ providers: [Wrong] })
    class WrongModule {}
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: 'postgres://offline/offline',
      APP_ROLE: 'api',
      LOG_LEVEL: 'silent',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppModule.forRoot({
          config,
          databaseUrl: 'postgres://offline/offline',
          embeddedDatabase: false,
          offline: true,
        }),
        WrongModule,
      ],
    }).compile();
    await expect(moduleRef.createNestApplication().init()).rejects.toThrow(/unknown event "registry.nothing.happened"/);
  });
});

describe('a worker killed in the middle of a job', () => {
  let api: TestApp;
  let worker: TestApp | undefined;
  let child: ReturnType<typeof spawn> | undefined;

  beforeAll(async () => {
    api = await startTestApp({ role: 'api', imports: [ProbeModule], env: FAST });
    await createProbeTable(api);
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await worker?.close();
    await api?.close();
  });

  it('has its job retried by another worker and completed once', async () => {
    const [eventId] = await publishUsers(api, ['interrupted']);
    const relay = new OutboxRelay(
      api.dataSource,
      api.runtime.databaseUrl,
      api.app.get(QueueFactory),
      api.app.get(SubscriberRegistry),
      api.runtime.config.events,
    );
    expect(await relay.drain()).toBe(1);
    // Another process takes the job and dies holding it.
    const { prefix } = api.runtime.config.queue;
    const script = `
      const { Worker, createPostgresBackend } = require('bullmq');
      const redis = process.env.PROBE_REDIS_URL;
      const opts = { prefix: ${JSON.stringify(prefix)}, lockDuration: 1000, stalledInterval: 500,
        connection: redis ? { url: redis, maxRetriesPerRequest: null } : { connectionString: ${JSON.stringify(api.runtime.databaseUrl)} } };
      const w = redis ? new Worker('events.probe', () => { console.log('TOOK'); return new Promise(() => {}); }, opts)
                      : new Worker('events.probe', () => { console.log('TOOK'); return new Promise(() => {}); }, opts, createPostgresBackend);`;
    const spawned = spawn(process.execPath, ['-e', script], {
      env: { ...process.env, PROBE_REDIS_URL: env.redisUrl ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = spawned;
    let out = '';
    spawned.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    spawned.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(async () => out.includes('TOOK'), { what: `the other process to take the job (${out})` });
    spawned.kill('SIGKILL');
    expect(await deliveries(api, 'probe.record')).toEqual(new Map());
    worker = await startTestApp({ role: 'worker', imports: [ProbeModule], env: FAST, shareDatabaseOf: api });
    await expectDeliveredOnce(api, [eventId as string]);
  });
});

const describeWithRedis = env.redisUrl ? describe : describe.skip;
if (!env.redisUrl) console.warn('SKIPPED the Redis outage part of events.e2e-spec: REDIS_URL is unset');

describeWithRedis('events written while Redis is down', () => {
  let redis: Spawned;
  let port: number;
  let t: TestApp;

  beforeAll(async () => {
    port = await freePort();
    redis = await startPrivateRedis(port);
    t = await startTestApp({ imports: [ProbeModule], env: { ...FAST, REDIS_URL: `redis://127.0.0.1:${port}` } });
    await createProbeTable(t);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('wait in the outbox and are all delivered exactly once after Redis returns', async () => {
    await expectDeliveredOnce(t, await publishUsers(t, ['before-outage']));
    await redis.stop('SIGKILL');
    const ids: string[] = [];
    for (let i = 0; i < 10; i++)
      ids.push(
        ...(await publishUsers(
          t,
          Array.from({ length: 10 }, (_, j) => `outage${i}-${j}`),
        )),
      );
    expect(ids).toHaveLength(100); // the writes succeeded with Redis down
    await t.http().get('/health/ready').expect(503);
    const [{ pending }] = await t.dataSource.query(
      `SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL`,
    );
    expect(pending).toBe(100);
    redis = await startPrivateRedis(port);
    await expectDeliveredOnce(t, ids);
    await waitFor(async () => (await t.http().get('/health/ready')).status === 200, { what: 'readiness to recover' });
  });
});
