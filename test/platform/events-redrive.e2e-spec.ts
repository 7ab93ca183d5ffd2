import { spawnSync } from 'node:child_process';
import { Injectable, Module } from '@nestjs/common';
import { Job } from 'bullmq';
import { EntityManager } from 'typeorm';
import { DomainEvent } from '../../src/platform/events/catalogue';
import { OnEvent, ScheduledTask, ScheduledTaskHandler } from '../../src/platform/events/decorators';
import { EventPublisher } from '../../src/platform/events/event-publisher';
import { SCHEDULES_QUEUE } from '../../src/platform/events/event-worker';
import { OutboxRedrive, RedriveResult } from '../../src/platform/events/outbox-redrive';
import { SubscriberRegistry } from '../../src/platform/events/subscriber-registry';
import { MetricsService } from '../../src/platform/metrics/metrics.service';
import { QueueFactory } from '../../src/platform/queue/queue-factory';
import { Spawned, startPrivateRedis } from '../support/processes';
import { recordSummary } from '../support/suite-summary';
import { TestApp, startTestApp } from '../support/test-app';
import { env, freePort, waitFor } from '../support/test-env';

// Test-only subscribers: each records its delivery in a table of the test database inside the
// subscriber's transaction, so lost and duplicated deliveries can be counted.
const RECORDERS = ['redrive.record', 'redrive2.record'];
const calls = { failing: 0, flaky: 0 };

@Injectable()
class RedriveProbes {
  @OnEvent('identity.user.created', { name: 'redrive.record' })
  async record(event: DomainEvent<'identity.user.created'>, em: EntityManager): Promise<void> {
    await em.query(`INSERT INTO probe_delivery (event_id, subscriber) VALUES ($1, 'redrive.record')`, [event.eventId]);
  }

  @OnEvent('identity.user.created', { name: 'redrive2.record' })
  async recordToo(event: DomainEvent<'identity.user.created'>, em: EntityManager): Promise<void> {
    await em.query(`INSERT INTO probe_delivery (event_id, subscriber) VALUES ($1, 'redrive2.record')`, [event.eventId]);
  }

  /** One attempt, always throws: straight into the failed set (the dead letter). */
  @OnEvent('identity.user.disabled', { name: 'redrivefail.always-throws', attempts: 1 })
  async fail(): Promise<void> {
    calls.failing++;
    throw new Error('probe failure');
  }

  /** Fails its first attempt, so the job waits out a (long) backoff as a delayed job. */
  @OnEvent('identity.user.disabled', { name: 'redriveflaky.first-fails', attempts: 2 })
  async flaky(event: DomainEvent<'identity.user.disabled'>, em: EntityManager): Promise<void> {
    if (++calls.flaky === 1) throw new Error('first attempt fails');
    await em.query(`INSERT INTO probe_delivery (event_id, subscriber) VALUES ($1, 'redriveflaky.first-fails')`, [
      event.eventId,
    ]);
  }
}

@Injectable()
@ScheduledTask('probe.redrive-tick')
class RedriveTick implements ScheduledTaskHandler {
  schedule() {
    return { every: 3_600_000 };
  }
  async run() {
    return undefined;
  }
}

@Module({ providers: [RedriveProbes, RedriveTick] })
class RedriveProbeModule {}

/** A redrive every 300 ms (grace 600 ms); the flaky subscriber's retry waits a minute, past the test. */
const FAST = {
  EVENT_BACKOFF_MS: '60000',
  EVENT_LOCK_MS: '1000',
  OUTBOX_POLL_MS: '200',
  QUEUE_TIMEOUT_MS: '1000',
  OUTBOX_REDRIVE_MS: '300',
};

async function start(extraEnv: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp({ imports: [RedriveProbeModule], env: { ...FAST, ...extraEnv } });
  await t.dataSource.query(`CREATE TABLE probe_delivery (event_id uuid NOT NULL, subscriber text NOT NULL)`);
  return t;
}

async function publishUsers(t: TestApp, count: number, tag: string): Promise<string[]> {
  const publisher = t.app.get(EventPublisher);
  return t.dataSource.transaction((em) =>
    publisher.publishMany(
      em,
      Array.from({ length: count }, (_, i) => ({
        name: 'identity.user.created' as const,
        payload: { userId: `${tag}${i}`, username: `${tag}${i}`, role: 'INSPECTOR' },
      })),
    ),
  );
}

async function waitPublished(t: TestApp, ids: string[]): Promise<void> {
  await waitFor(
    async () => {
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox WHERE event_id = ANY($1::uuid[]) AND published_at IS NOT NULL`,
        [ids],
      );
      return n === ids.length;
    },
    { what: `${ids.length} outbox rows to be relayed` },
  );
}

/** Every job `<eventId>.<subscriber>` exists in the queue (so the relay's part is done and they sit there). */
async function waitQueued(t: TestApp, ids: string[]): Promise<void> {
  const queues = t.app.get(QueueFactory);
  const registry = t.app.get(SubscriberRegistry);
  await waitFor(
    async () => {
      for (const sub of RECORDERS) {
        const queue = queues.queue(registry.get(sub)!.queue);
        const jobs = await Promise.all(ids.map((id) => queue.getJob(`${id}.${sub}`)));
        if (jobs.some((job) => !job)) return false;
      }
      return true;
    },
    { what: 'the jobs to be in the queues' },
  );
}

/** Deliveries of each event to each recording subscriber: how many events got none, and how many got more than one. */
async function ledger(t: TestApp, ids: string[]): Promise<{ lost: number; duplicates: number }> {
  const rows: { event_id: string; subscriber: string; n: number }[] = await t.dataSource.query(
    `SELECT event_id, subscriber, count(*)::int AS n FROM probe_delivery WHERE event_id = ANY($1::uuid[]) AND subscriber = ANY($2) GROUP BY 1, 2`,
    [ids, RECORDERS],
  );
  return {
    lost: ids.length * RECORDERS.length - rows.length,
    duplicates: rows.reduce((sum, r) => sum + r.n - 1, 0),
  };
}

async function waitDelivered(t: TestApp, ids: string[]): Promise<{ lost: number; duplicates: number }> {
  return waitFor(
    async () => {
      const result = await ledger(t, ids);
      return result.lost === 0 || result.duplicates > 0 ? result : undefined;
    },
    { what: `${ids.length} events delivered to ${RECORDERS.join(' and ')}`, timeoutMs: 30000 },
  ).catch(async (error: Error) => {
    throw new Error(`${error.message} (${JSON.stringify(await ledger(t, ids))})`);
  });
}

async function processedRows(t: TestApp, ids: string[]): Promise<number> {
  const [{ n }] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM processed_event WHERE event_id = ANY($1::uuid[]) AND subscriber = ANY($2)`,
    [ids, RECORDERS],
  );
  return n;
}

async function schedulerIds(t: TestApp): Promise<string[]> {
  const schedulers = await t.app.get(QueueFactory).queue(SCHEDULES_QUEUE).getJobSchedulers();
  return schedulers.map((s) => (s as { id?: string; key: string }).id ?? s.key).sort();
}

function declaredTasks(t: TestApp): string[] {
  return t.app
    .get(SubscriberRegistry)
    .scheduledTasks()
    .map((task) => task.name)
    .sort();
}

async function redrivenMetric(t: TestApp, queue: string): Promise<number> {
  const text = await t.app.get(MetricsService).registry.metrics();
  const match = new RegExp(`^events_redriven_total\\{queue="${queue.replace('.', '\\.')}"\\} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

describe(`the outbox redrive (${env.redisUrl ? 'Redis' : 'PostgreSQL'} queues)`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await start();
  });
  afterAll(() => t?.close());

  it('adds again, once, the jobs the queue backend lost, and restores its lost schedulers', async () => {
    const queues = t.app.get(QueueFactory);
    const probeQueues = ['events.redrive', 'events.redrive2'].map((name) => queues.queue(name));
    expect(await schedulerIds(t)).toEqual(declaredTasks(t));
    // The subscribers' queues are paused, so the relayed jobs sit in the backend …
    await Promise.all(probeQueues.map((q) => q.pause()));
    const ids = await publishUsers(t, 30, 'lost');
    await waitPublished(t, ids);
    await waitQueued(t, ids);
    expect(await ledger(t, ids)).toEqual({ lost: ids.length * RECORDERS.length, duplicates: 0 });
    // … until the backend loses them, and the schedulers with them: the outbox rows stay "published".
    await Promise.all(probeQueues.map((q) => q.obliterate({ force: true })));
    const schedules = queues.queue(SCHEDULES_QUEUE);
    for (const id of await schedulerIds(t)) await schedules.removeJobScheduler(id);
    expect(await schedulerIds(t)).toEqual([]);
    await Promise.all(probeQueues.map((q) => q.resume()));

    const result = await waitDelivered(t, ids);
    recordSummary('faults injected', 1);
    recordSummary('events lost', result.lost);
    recordSummary('duplicates', result.duplicates);
    expect(result).toEqual({ lost: 0, duplicates: 0 });
    expect(await processedRows(t, ids)).toBe(ids.length * RECORDERS.length);
    await waitFor(async () => (await schedulerIds(t)).length === declaredTasks(t).length, {
      what: 'the schedulers to be restored',
    });
    expect(await schedulerIds(t)).toEqual(declaredTasks(t));
    // Each lost job was added back exactly once, though the redrive ran many times meanwhile.
    expect(await redrivenMetric(t, 'events.redrive')).toBe(ids.length);
    expect(await redrivenMetric(t, 'events.redrive2')).toBe(ids.length);
  });

  it('re-queues a lost event only for the subscribers it was queued for: one added by a later build gets no older events', async () => {
    const queues = t.app.get(QueueFactory);
    const probeQueues = ['events.redrive', 'events.redrive2'].map((name) => queues.queue(name));
    await Promise.all(probeQueues.map((q) => q.pause()));
    const ids = await publishUsers(t, 10, 'older');
    await waitPublished(t, ids);
    await waitQueued(t, ids);
    // As if an earlier build (without redrive2.record) had relayed these events, and the backend then lost them.
    await t.dataSource.query(
      `UPDATE outbox SET subscribers = ARRAY['redrive.record']::varchar(100)[] WHERE event_id = ANY($1::uuid[])`,
      [ids],
    );
    await Promise.all(probeQueues.map((q) => q.obliterate({ force: true })));
    await Promise.all(probeQueues.map((q) => q.resume()));

    await waitFor(
      async () => {
        const [{ n }] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM probe_delivery WHERE event_id = ANY($1::uuid[]) AND subscriber = 'redrive.record'`,
          [ids],
        );
        return n === ids.length;
      },
      { what: 'the events redriven to redrive.record' },
    );
    // A full cycle of our own after that: it finds nothing more to send to either subscriber.
    const redrive = new OutboxRedrive(
      t.dataSource,
      queues,
      t.app.get(SubscriberRegistry),
      t.runtime.config.events,
      t.app.get(MetricsService),
    );
    const cycle = await waitFor(
      async () => {
        const result = await redrive.runOnce();
        return result.skipped ? undefined : result;
      },
      { what: 'a redrive cycle of our own' },
    );
    expect(cycle.redriven).toEqual([]);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM probe_delivery WHERE event_id = ANY($1::uuid[]) AND subscriber <> 'redrive.record'`,
      [ids],
    );
    expect(n).toBe(0);
    for (const id of ids) expect(await queues.queue('events.redrive2').getJob(`${id}.redrive2.record`)).toBeUndefined();
  });

  it('leaves a dead-lettered job and a job waiting out its backoff alone', async () => {
    const publisher = t.app.get(EventPublisher);
    const queues = t.app.get(QueueFactory);
    const eventId = await t.dataSource.transaction((em) =>
      publisher.publish(em, 'identity.user.disabled', { userId: 'u1', username: 'broken' }),
    );
    const failed = (await waitFor(
      async () => {
        const job = await queues.queue('events.redrivefail').getJob(`${eventId}.redrivefail.always-throws`);
        return job && (await job.isFailed()) ? job : undefined;
      },
      { what: 'the dead-lettered job' },
    )) as Job;
    const backingOff = (await waitFor(
      async () => {
        const job = await queues.queue('events.redriveflaky').getJob(`${eventId}.redriveflaky.first-fails`);
        return job && (await job.isDelayed()) ? job : undefined;
      },
      { what: 'the job in backoff' },
    )) as Job;
    await waitFor(
      async () => {
        const [{ old }] = await t.dataSource.query(
          `SELECT published_at < now() - make_interval(secs => $2) AS old FROM outbox WHERE event_id = $1`,
          [eventId, (2 * t.runtime.config.events.outboxRedriveMs) / 1000],
        );
        return old;
      },
      { what: 'the event to be older than the grace period' },
    );
    // A redrive of our own (the app's runs too; they take turns) that has looked at both undelivered pairs.
    const redrive = new OutboxRedrive(
      t.dataSource,
      queues,
      t.app.get(SubscriberRegistry),
      t.runtime.config.events,
      t.app.get(MetricsService),
    );
    const seen: RedriveResult[] = [];
    await waitFor(
      async () => {
        const result = await redrive.runOnce();
        seen.push(result);
        return !result.skipped && result.checked >= 2;
      },
      { what: 'a redrive cycle that checked the two undelivered jobs' },
    );
    expect(seen.flatMap((r) => r.redriven)).toEqual([]);
    expect(calls.failing).toBe(1);
    expect(calls.flaky).toBe(1);
    expect(await (await queues.queue('events.redrivefail').getJob(failed.id!))?.getState()).toBe('failed');
    expect(await (await queues.queue('events.redriveflaky').getJob(backingOff.id!))?.getState()).toBe('delayed');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM processed_event WHERE event_id = $1`, [
      eventId,
    ]);
    expect(n).toBe(0);
    // The job in backoff is still the one that delivers: promoted, it runs its second attempt once.
    await backingOff.promote();
    await waitFor(async () => calls.flaky === 2, { what: 'the second attempt' });
    const delivered = await t.dataSource.query(`SELECT subscriber FROM probe_delivery WHERE event_id = $1`, [eventId]);
    expect(delivered).toEqual([{ subscriber: 'redriveflaky.first-fails' }]);
  });
});

describe('the redrive reading a window larger than one cycle', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The app's own redrive stays out of the way (an hour apart); the test runs one with tiny pages.
    t = await start({ OUTBOX_REDRIVE_MS: '3600000' });
  });
  afterAll(() => t?.close());

  it('covers every row over several bounded cycles, rows relayed in one batch included, and adds each lost job once', async () => {
    const queues = t.app.get(QueueFactory);
    const queue = queues.queue('events.redrive');
    await queue.pause();
    const ids = await publishUsers(t, 25, 'paged'); // relayed in one batch: one published_at for all
    await waitPublished(t, ids);
    await waitQueued(t, ids);
    await queue.obliterate({ force: true });
    await queue.resume();
    const config = { ...t.runtime.config.events, outboxRedriveMs: 300 };
    const redrive = new OutboxRedrive(
      t.dataSource,
      queues,
      t.app.get(SubscriberRegistry),
      config,
      t.app.get(MetricsService),
      undefined,
      {
        pageRows: 4,
        pagesPerCycle: 2,
      },
    );
    const cycles: RedriveResult[] = [];
    const result = await waitFor(
      async () => {
        cycles.push(await redrive.runOnce());
        const seen = await ledger(t, ids);
        return seen.lost === 0 || seen.duplicates > 0 ? seen : undefined;
      },
      { what: 'the paged redrive to deliver every event', timeoutMs: 30000 },
    );
    expect(result).toEqual({ lost: 0, duplicates: 0 });
    expect(Math.max(...cycles.map((c) => c.scanned))).toBeLessThanOrEqual(8);
    const redriven = cycles.flatMap((c) => c.redriven);
    expect(redriven.sort()).toEqual(ids.map((id) => `${id}.redrive.record`).sort());
    expect(cycles.filter((c) => c.redriven.length > 0).length).toBeGreaterThanOrEqual(Math.ceil(ids.length / 8));
  });
});

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const describeWithRedisServer = hasRedisServer ? describe : describe.skip;
if (!hasRedisServer)
  console.warn(
    'SKIPPED the Redis restart part of events-redrive.e2e-spec: no redis-server binary to run a private one',
  );

describeWithRedisServer('Redis restarted without its data (private redis-server)', () => {
  let redis: Spawned | undefined;
  let t: TestApp;

  beforeAll(async () => {
    const port = await freePort();
    redis = await startPrivateRedis(port);
    t = await start({ REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop('SIGKILL');
  });

  it('has every relayed event delivered exactly once and the schedulers back', async () => {
    const port = Number(new URL(t.runtime.config.queue.redisUrl!).port);
    const queues = t.app.get(QueueFactory);
    const probeQueues = ['events.redrive', 'events.redrive2'].map((name) => queues.queue(name));
    // Some events are delivered before the loss (their completed jobs vanish with it too) …
    const early = await publishUsers(t, 10, 'early');
    expect(await waitDelivered(t, early)).toEqual({ lost: 0, duplicates: 0 });
    // … the rest sit in Redis, relayed and marked published, when it dies.
    await Promise.all(probeQueues.map((q) => q.pause()));
    const waiting = await publishUsers(t, 30, 'waiting');
    await waitPublished(t, waiting);
    await waitQueued(t, waiting);
    expect(await ledger(t, waiting)).toEqual({ lost: waiting.length * RECORDERS.length, duplicates: 0 });
    await redis!.stop('SIGKILL');
    redis = await startPrivateRedis(port);

    const ids = [...early, ...waiting];
    const result = await waitDelivered(t, ids);
    recordSummary('faults injected', 1);
    recordSummary('events lost', result.lost);
    recordSummary('duplicates', result.duplicates);
    expect(result).toEqual({ lost: 0, duplicates: 0 });
    expect(await processedRows(t, ids)).toBe(ids.length * RECORDERS.length);
    await waitFor(async () => (await schedulerIds(t)).join() === declaredTasks(t).join(), {
      what: 'the schedulers to be back in the new Redis',
    });
    // Only the jobs that were never processed came back.
    expect(await redrivenMetric(t, 'events.redrive')).toBe(waiting.length);
  });
});
