import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AppConfig, Runtime } from '../../config/app-config';
import { FixedClock } from '../clock/clock';
import { MetricsService } from '../metrics/metrics.service';
import { QueueFactory } from '../queue/queue-factory';
import { LiveUpdates } from '../live/live-updates';
import { EventWorker, SCHEDULES_QUEUE } from './event-worker';
import { SubscriberRegistry } from './subscriber-registry';

// The relay and its redrive talk to PostgreSQL; this spec is about the workers' failure lines only.
jest.mock('./outbox-relay');
jest.mock('./outbox-redrive');

/** A database error whose message, parameters and detail carry a complaint's text and a phone number. */
function leakyDatabaseError(): QueryFailedError {
  const driverError = Object.assign(new Error('invalid input syntax for type uuid: "张三 13800138000"'), {
    code: '22P02',
    severity: 'ERROR',
    routine: 'string_to_uuid',
    detail: 'Key (payer_ref)=(张三 13800138000) already exists.',
  });
  return new QueryFailedError('SELECT … WHERE id = $1', ['张三 13800138000'], driverError);
}

/** An EventWorker started over one event queue and one scheduled task, with BullMQ workers as emitters. */
async function startWorker(): Promise<Map<string, EventEmitter>> {
  const workers = new Map<string, EventEmitter>();
  const queues = {
    worker: (name: string) => {
      const worker = new EventEmitter();
      workers.set(name, worker);
      return worker;
    },
    queue: () => ({
      getJobSchedulers: async () => [],
      upsertJobScheduler: async () => undefined,
      removeJobScheduler: async () => undefined,
    }),
  } as unknown as QueueFactory;
  const registry = {
    queues: () => ['events-complaints'],
    scheduledTasks: () => [
      { name: 'demo.sweep', handler: { schedule: () => ({ every: 60_000 }), run: async () => undefined } },
    ],
    all: () => [],
  } as unknown as SubscriberRegistry;
  const metrics = { counter: () => ({ inc: () => undefined }) } as unknown as MetricsService;
  const config = {
    role: 'worker',
    timeZone: 'Asia/Shanghai',
    database: { poolSize: 4 },
    events: { concurrency: 2, lockMs: 30_000 },
  } as unknown as AppConfig;
  const worker = new EventWorker(
    config,
    { databaseUrl: 'postgres://unused' } as Runtime,
    {} as DataSource,
    queues,
    registry,
    new FixedClock('2026-11-28T04:00:00Z'),
    metrics,
    { publish: async () => undefined } as unknown as LiveUpdates,
  );
  jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  await worker.onApplicationBootstrap();
  return workers;
}

describe('EventWorker failure lines', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const expectRedacted = (line: unknown) => {
    const text = JSON.stringify(line);
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('张三');
    expect(text).not.toContain('SELECT');
  };

  it('a failed delivery is logged with the error through safeError, not its raw message', async () => {
    const workers = await startWorker();
    const job = {
      name: 'events-complaints',
      data: { name: 'complaints.complaint.received' },
      attemptsMade: 1,
      opts: { attempts: 3 },
    };
    workers.get('events-complaints')!.emit('failed', job, leakyDatabaseError());
    expect(warn).toHaveBeenCalledTimes(1);
    const [line] = warn.mock.calls[0]!;
    expect(line).toMatchObject({
      msg: 'events-complaints failed on complaints.complaint.received; will retry',
      err: { type: 'QueryFailedError', code: '22P02', routine: 'string_to_uuid' },
    });
    expectRedacted(line);
  });

  it('a failed scheduled task is logged the same way', async () => {
    const workers = await startWorker();
    workers.get(SCHEDULES_QUEUE)!.emit('failed', { name: 'demo.sweep' }, leakyDatabaseError());
    expect(warn).toHaveBeenCalledTimes(1);
    const [line] = warn.mock.calls[0]!;
    expect(line).toMatchObject({
      msg: 'scheduled task demo.sweep failed',
      err: { type: 'QueryFailedError', code: '22P02', message: 'invalid input syntax for type uuid: "…"' },
    });
    expectRedacted(line);
  });
});
