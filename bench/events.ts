import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource, EntityManager } from 'typeorm';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { DomainEvent } from '../src/platform/events/catalogue';
import { OnEvent } from '../src/platform/events/decorators';
import { EventPublisher } from '../src/platform/events/event-publisher';
import { dataSourceOptions } from '../src/platform/database/data-source-options';
import { QueueFactory } from '../src/platform/queue/queue-factory';
import {
  Headline,
  benchDatabase,
  deleteRedisKeys,
  machine,
  percentile,
  ratioOf,
  redisReachable,
  writeResult,
} from './bench-support';

/**
 * npm run bench:events — events/s and commit-to-handler latency through outbox → relay → BullMQ →
 * subscriber for N events, beside a bare BullMQ addBulk → no-op worker loop on the same backend in the
 * same run (the ceiling). Runs on Redis (REDIS_URL, or a Redis answering on 127.0.0.1:6379) and on
 * BullMQ's PostgreSQL backend.
 */
const N = Number(process.env.BENCH_EVENTS ?? 5_000);
const BATCH = 100; // events per publishing transaction
const STEADY_RATE = Number(process.env.BENCH_EVENTS_STEADY_RATE ?? 100);
const STEADY_SECONDS = 5;
const arrivals = new Map<string, number>();

@Injectable()
class BenchSubscriber {
  @OnEvent('identity.user.created', { name: 'bench.noop' })
  async handle(event: DomainEvent<'identity.user.created'>, _em: EntityManager): Promise<void> {
    arrivals.set(event.eventId, performance.now());
  }
}

@Module({ providers: [BenchSubscriber] })
class BenchModule {}

interface Figures {
  backend: string;
  path: string;
  events: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function bare(
  backend: 'redis' | 'postgres',
  databaseUrl: string,
  redisUrl: string | undefined,
): Promise<Figures> {
  const prefix = `bench${Date.now().toString(36)}`;
  const factory = new QueueFactory({ redisUrl: backend === 'redis' ? redisUrl : undefined, databaseUrl, prefix });
  await factory.migrate();
  const sent = new Map<string, number>();
  const got: number[] = [];
  factory.worker<{ id: string }>(
    'bare',
    async (job) => {
      got.push(performance.now() - (sent.get(job.data.id) as number));
    },
    { concurrency: 8 },
  );
  const queue = factory.queue<{ id: string }>('bare');
  await queue.waitUntilReady();
  const start = performance.now();
  for (let i = 0; i < N; i += 500) {
    const jobs = Array.from({ length: Math.min(500, N - i) }, (_, k) => ({
      name: 'bare',
      data: { id: `b${i + k}` },
      opts: { jobId: `b${i + k}`, removeOnComplete: true },
    }));
    const now = performance.now();
    for (const j of jobs) sent.set(j.data.id, now);
    await queue.addBulk(jobs);
  }
  await waitUntil(() => got.length >= N, 600_000);
  const seconds = (performance.now() - start) / 1000;
  await queue.obliterate({ force: true }).catch(() => undefined);
  await factory.close();
  if (backend === 'redis' && redisUrl) await deleteRedisKeys(redisUrl, prefix);
  got.sort((a, b) => a - b);
  return {
    backend,
    path: 'bare BullMQ add → no-op worker',
    events: N,
    perSecond: N / seconds,
    p50ms: percentile(got, 50),
    p99ms: percentile(got, 99),
  };
}

async function throughOutbox(
  backend: 'redis' | 'postgres',
  databaseUrl: string,
  redisUrl: string | undefined,
): Promise<Figures[]> {
  arrivals.clear();
  const prefix = `bench${Date.now().toString(36)}`;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: backend === 'redis' ? (redisUrl as string) : '',
    APP_ROLE: 'worker',
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: prefix,
  });
  const root = AppModule.forRoot({ config, databaseUrl, embeddedDatabase: false });
  root.imports = [...(root.imports ?? []), BenchModule];
  const app = await NestFactory.createApplicationContext(root, { logger: ['error', 'warn'] });
  await app.get(QueueFactory).migrate();
  await app.init();
  const dataSource = app.get(DataSource);
  const publisher = app.get(EventPublisher);
  const committed = new Map<string, number>();
  const start = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => ({
      name: 'identity.user.created' as const,
      payload: { userId: `u${i + k}`, username: `u${i + k}`, role: 'INSPECTOR' },
    }));
    const ids = await dataSource.transaction((em) => publisher.publishMany(em, events));
    const now = performance.now();
    for (const id of ids) committed.set(id, now);
  }
  await waitUntil(() => arrivals.size >= N, 600_000);
  const seconds = (Math.max(...arrivals.values()) - start) / 1000;
  const latencies = [...arrivals].map(([id, at]) => at - (committed.get(id) as number)).sort((a, b) => a - b);
  const saturated: Figures = {
    backend,
    path: 'outbox → relay → subscriber',
    events: N,
    perSecond: N / seconds,
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99),
  };

  // Commit-to-handler latency as the service lives it: one event per transaction at a steady rate well
  // below the ceiling (in the burst above, latency is mostly the time spent queueing behind the burst).
  arrivals.clear();
  committed.clear();
  const steadyStart = performance.now();
  for (let i = 0; i < STEADY_RATE * STEADY_SECONDS; i++) {
    const due = steadyStart + (i * 1000) / STEADY_RATE;
    if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
    const [id] = await dataSource.transaction((em) =>
      publisher.publishMany(em, [
        { name: 'identity.user.created' as const, payload: { userId: `s${i}`, username: `s${i}`, role: 'INSPECTOR' } },
      ]),
    );
    committed.set(id as string, performance.now());
  }
  await waitUntil(() => arrivals.size >= committed.size, 60_000);
  const steadyLatencies = [...arrivals].map(([id, at]) => at - (committed.get(id) as number)).sort((a, b) => a - b);
  const steady: Figures = {
    backend,
    path: `outbox, steady ${STEADY_RATE} events/s, 1 per transaction`,
    events: committed.size,
    perSecond: STEADY_RATE,
    p50ms: percentile(steadyLatencies, 50),
    p99ms: percentile(steadyLatencies, 99),
  };

  await app.close();
  // The service's queues under the benchmark's prefix go with it (the PostgreSQL backend's rows go with the database).
  if (backend === 'redis' && redisUrl) await deleteRedisKeys(redisUrl, prefix);
  return [saturated, steady];
}

/**
 * What exactly-once delivery costs by itself, without any queue: the transaction each delivery runs
 * (BEGIN, INSERT processed_event, COMMIT) for N events, as many at a time as the worker's delivery slots
 * (half the default pool of 10). The outbox path cannot beat this; the bare BullMQ loop does not pay it.
 */
async function bookkeepingOnly(databaseUrl: string): Promise<Figures> {
  const slots = 5;
  const ds = new DataSource(dataSourceOptions(databaseUrl, slots, 'bench-bookkeeping', false));
  await ds.initialize();
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: slots }, async () => {
      while (next < N) {
        const i = next++;
        await ds.transaction((em) =>
          em.query(
            `INSERT INTO processed_event (event_id, subscriber) VALUES (gen_random_uuid(), $1) ON CONFLICT DO NOTHING RETURNING 1`,
            [`bench.bookkeeping.${i % 7}`],
          ),
        );
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await ds.destroy();
  return {
    backend: 'postgres',
    path: 'delivery transaction alone (no queue), 5 at a time',
    events: N,
    perSecond: N / seconds,
    p50ms: NaN,
    p99ms: NaN,
  };
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  const redisUrl = await redisReachable();
  const rows: Figures[] = [];
  try {
    for (const backend of [...(redisUrl ? (['redis'] as const) : []), 'postgres' as const]) {
      rows.push(await bare(backend, db.url, redisUrl));
      rows.push(...(await throughOutbox(backend, db.url, redisUrl)));
    }
    rows.push(await bookkeepingOnly(db.url));
  } finally {
    await db.drop();
  }
  const m = machine();
  console.log(
    `\nbench:events — ${N} events, ${m.cores} cores, ${m.cpu}, Node ${m.node}${redisUrl ? '' : ' (no Redis reachable: PostgreSQL backend only)'}`,
  );
  console.table(
    rows.map((r) => ({
      backend: r.backend,
      path: r.path,
      'events/s': Math.round(r.perSecond),
      'p50 ms': Number.isNaN(r.p50ms) ? '' : r.p50ms.toFixed(1),
      'p99 ms': Number.isNaN(r.p99ms) ? '' : r.p99ms.toFixed(1),
    })),
  );
  for (const backend of new Set(rows.map((r) => r.backend))) {
    const [b, o] = [
      rows.find((r) => r.backend === backend && r.path.startsWith('bare')),
      rows.find((r) => r.backend === backend && r.path.startsWith('outbox →')),
    ];
    if (b && o)
      console.log(`${backend}: outbox path runs at ${(o.perSecond / b.perSecond).toFixed(2)} × the bare BullMQ loop`);
  }
  const headline: Headline[] = [];
  const bookkeeping = rows.find((r) => r.path.startsWith('delivery transaction alone'));
  for (const backend of new Set(rows.map((r) => r.backend))) {
    const [b, o] = [
      rows.find((r) => r.backend === backend && r.path.startsWith('bare')),
      rows.find((r) => r.backend === backend && r.path.startsWith('outbox →')),
    ];
    const steady = rows.find((r) => r.backend === backend && r.path.startsWith('outbox, steady'));
    if (!b || !o || !steady) continue;
    const ratio = ratioOf(o.perSecond, b.perSecond);
    headline.push(
      {
        benchmark: 'events',
        metric: `${backend}: events/s outbox → subscriber vs bare BullMQ`,
        service: Math.round(o.perSecond),
        baseline: Math.round(b.perSecond),
        unit: 'events/s',
        ratio,
        goal: '≥ 0.6 × bare',
        met: ratio >= 0.6,
      },
      ...(bookkeeping
        ? [
            {
              benchmark: 'events',
              metric: `${backend}: events/s outbox → subscriber vs its delivery transactions alone`,
              service: Math.round(o.perSecond),
              baseline: Math.round(bookkeeping.perSecond),
              unit: 'events/s',
              ratio: ratioOf(o.perSecond, bookkeeping.perSecond),
            },
          ]
        : []),
      {
        benchmark: 'events',
        metric: `${backend}: p99 commit → handler, ${N} at once (queueing included)`,
        service: Math.round(o.p99ms),
        baseline: Math.round(b.p99ms),
        unit: 'ms',
      },
      {
        benchmark: 'events',
        metric: `${backend}: p99 commit → handler at a steady ${STEADY_RATE}/s`,
        service: Math.round(steady.p99ms),
        unit: 'ms',
        goal: '< 1000 ms',
        met: steady.p99ms < 1000,
      },
    );
  }
  console.log(`written to ${writeResult('events', { events: N, rows, headline })}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
