import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import IORedis from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { DomainEvent } from '../src/platform/events/catalogue';
import { OnEvent } from '../src/platform/events/decorators';
import { EventPublisher } from '../src/platform/events/event-publisher';
import { QueueFactory } from '../src/platform/queue/queue-factory';
import { benchDatabase, machine, percentile, writeResult } from './bench-support';

/**
 * npm run bench:events — events/s and commit-to-handler latency through outbox → relay → BullMQ →
 * subscriber for N events, beside a bare BullMQ addBulk → no-op worker loop on the same backend in the
 * same run (the ceiling). Runs on Redis (REDIS_URL, or a Redis answering on 127.0.0.1:6379) and on
 * BullMQ's PostgreSQL backend.
 */
const N = Number(process.env.BENCH_EVENTS ?? 10_000);
const BATCH = 100; // events per publishing transaction
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

async function bare(backend: 'redis' | 'postgres', databaseUrl: string, redisUrl: string | undefined): Promise<Figures> {
  const factory = new QueueFactory({ redisUrl: backend === 'redis' ? redisUrl : undefined, databaseUrl, prefix: `bench${Date.now().toString(36)}` });
  await factory.migrate();
  const sent = new Map<string, number>();
  const got: number[] = [];
  factory.worker<{ id: string }>('bare', async (job) => {
    got.push(performance.now() - (sent.get(job.data.id) as number));
  }, { concurrency: 8 });
  const queue = factory.queue<{ id: string }>('bare');
  await queue.waitUntilReady();
  const start = performance.now();
  for (let i = 0; i < N; i += 500) {
    const jobs = Array.from({ length: Math.min(500, N - i) }, (_, k) => ({ name: 'bare', data: { id: `b${i + k}` }, opts: { jobId: `b${i + k}`, removeOnComplete: true } }));
    const now = performance.now();
    for (const j of jobs) sent.set(j.data.id, now);
    await queue.addBulk(jobs);
  }
  await waitUntil(() => got.length >= N, 600_000);
  const seconds = (performance.now() - start) / 1000;
  await queue.obliterate({ force: true }).catch(() => undefined);
  await factory.close();
  got.sort((a, b) => a - b);
  return { backend, path: 'bare BullMQ add → no-op worker', events: N, perSecond: N / seconds, p50ms: percentile(got, 50), p99ms: percentile(got, 99) };
}

async function throughOutbox(backend: 'redis' | 'postgres', databaseUrl: string, redisUrl: string | undefined): Promise<Figures> {
  arrivals.clear();
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: backend === 'redis' ? (redisUrl as string) : '',
    APP_ROLE: 'worker',
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: `bench${Date.now().toString(36)}`,
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
  await app.close();
  return { backend, path: 'outbox → relay → subscriber', events: N, perSecond: N / seconds, p50ms: percentile(latencies, 50), p99ms: percentile(latencies, 99) };
}

async function redisAvailable(): Promise<string | undefined> {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const client = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
    return url;
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  const redisUrl = await redisAvailable();
  const rows: Figures[] = [];
  try {
    for (const backend of [...(redisUrl ? (['redis'] as const) : []), 'postgres' as const]) {
      rows.push(await bare(backend, db.url, redisUrl));
      rows.push(await throughOutbox(backend, db.url, redisUrl));
    }
  } finally {
    await db.drop();
  }
  const m = machine();
  console.log(`\nbench:events — ${N} events, ${m.cores} cores, ${m.cpu}, Node ${m.node}${redisUrl ? '' : ' (no Redis reachable: PostgreSQL backend only)'}`);
  console.table(rows.map((r) => ({ backend: r.backend, path: r.path, 'events/s': Math.round(r.perSecond), 'p50 ms': r.p50ms.toFixed(1), 'p99 ms': r.p99ms.toFixed(1) })));
  for (const backend of new Set(rows.map((r) => r.backend))) {
    const [b, o] = [rows.find((r) => r.backend === backend && r.path.startsWith('bare')), rows.find((r) => r.backend === backend && r.path.startsWith('outbox'))];
    if (b && o) console.log(`${backend}: outbox path runs at ${(o.perSecond / b.perSecond).toFixed(2)} × the bare BullMQ loop`);
  }
  console.log(`written to ${writeResult('events', { events: N, rows })}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
