import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, Runtime, runsWorker } from '../../config/app-config';
import { Clock } from '../clock/clock';
import { LiveUpdates } from '../live/live-updates';
import { MetricsService } from '../metrics/metrics.service';
import { runInRequestContext } from '../logging/request-context';
import { safeError } from '../logging/safe-error';
import { QueueFactory } from '../queue/queue-factory';
import { SpanKind, contextFromCarrier, inSpan } from '../tracing/tracing';
import { RUNTIME } from '../runtime.token';
import { DomainEvent } from './catalogue';
import { OutboxRedrive } from './outbox-redrive';
import { OutboxRelay } from './outbox-relay';
import { SubscriberRegistry } from './subscriber-registry';

export const SCHEDULES_QUEUE = 'schedules';

/** Counts free delivery slots across all event queues. */
class Slots {
  private readonly waiting: (() => void)[] = [];

  constructor(private free: number) {}

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

/**
 * The worker role: starts the outbox relay and its redrive, one BullMQ worker per event queue, and the job
 * schedulers.
 * Each delivery runs the subscriber in its own transaction together with the (event, subscriber)
 * record, so a redelivered job changes nothing the second time.
 */
@Injectable()
export class EventWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventWorker');
  private relay?: OutboxRelay;
  private redrive?: OutboxRedrive;
  private readonly jobs;
  /**
   * Deliveries in flight across every event queue. Each holds a pooled connection for its transaction
   * and a subscriber may take a second one for a facade read, so at most half the pool is theirs and
   * API requests keep the rest.
   */
  private readonly slots: Slots;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly dataSource: DataSource,
    private readonly queues: QueueFactory,
    private readonly registry: SubscriberRegistry,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
    private readonly live: LiveUpdates,
  ) {
    this.slots = new Slots(Math.max(1, Math.floor(config.database.poolSize / 2)));
    this.jobs = metrics.counter('event_jobs_total', 'Event and scheduled jobs finished, by queue and outcome', [
      'queue',
      'outcome',
    ]);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!runsWorker(this.config.role)) return;
    const { events } = this.config;
    for (const queue of this.registry.queues()) {
      const worker = this.queues.worker<DomainEvent>(queue, (job) => this.deliver(job), {
        concurrency: events.concurrency,
        lockDuration: events.lockMs,
        stalledInterval: Math.max(Math.floor(events.lockMs / 2), 50),
      });
      worker.on('completed', () => this.jobs.inc({ queue, outcome: 'completed' }));
      worker.on('failed', (job, err) => {
        this.jobs.inc({ queue, outcome: 'failed' });
        const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
        // Logged outside the delivery, so the request id of the change that caused the event is added here.
        runInRequestContext(job?.data?.requestId, () =>
          this.logger.warn({
            msg: `${job?.name ?? queue} failed on ${job?.data?.name ?? '?'}${final ? ': left in the failed set' : '; will retry'}`,
            err: safeError(err),
          }),
        );
      });
    }
    await this.startSchedules();
    this.relay = new OutboxRelay(this.dataSource, this.runtime.databaseUrl, this.queues, this.registry, events, (e) =>
      this.live.publish(e),
    );
    await this.relay.start();
    this.redrive = new OutboxRedrive(this.dataSource, this.queues, this.registry, events, this.metrics, () =>
      this.upsertSchedulers(true),
    );
    this.redrive.start();
    this.logger.log(
      `relay running; ${this.registry.all().length} subscriber(s) on ${this.registry.queues().length} queue(s)`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redrive?.stop();
    await this.relay?.stop();
  }

  /**
   * Runs one delivery (exposed for tests) in the context of the change that published the event: its
   * request id (log lines, audit rows and the events this subscriber publishes carry it) and, when tracing
   * is on, a consumer span that is a child of the outbox publish span, so the whole chain is one trace.
   */
  async deliver(job: Job<DomainEvent>): Promise<void> {
    const subscriber = this.registry.get(job.name);
    if (!subscriber) throw new Error(`no subscriber named "${job.name}" in this build`);
    const event = job.data;
    await this.slots.acquire();
    try {
      await runInRequestContext(event.requestId, () =>
        inSpan(
          `event ${event.name} → ${subscriber.name}`,
          {
            kind: SpanKind.CONSUMER,
            attributes: {
              'messaging.system': 'bullmq',
              'messaging.destination.name': subscriber.queue,
              'messaging.message.id': event.eventId,
              'sj.subscriber': subscriber.name,
              'sj.attempt': job.attemptsMade + 1,
            },
          },
          async (span) => {
            const delivered = await this.dataSource.transaction(async (em) => {
              const fresh: unknown[] = await em.query(
                `INSERT INTO processed_event (event_id, subscriber) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
                [event.eventId, subscriber.name],
              );
              if (fresh.length === 0) return false; // delivered before: the effect is already committed
              await subscriber.handle(event, em);
              return true;
            });
            span.setAttribute('sj.duplicate', !delivered);
            if (delivered) this.logger.debug(`${subscriber.name} handled ${event.name} ${event.eventId}`);
          },
          contextFromCarrier(event.traceContext),
        ),
      );
    } finally {
      this.slots.release();
    }
  }

  private async startSchedules(): Promise<void> {
    const tasks = this.registry.scheduledTasks();
    const worker = this.queues.worker(
      SCHEDULES_QUEUE,
      async (job) => {
        const task = tasks.find((t) => t.name === job.name);
        if (!task) throw new Error(`no scheduled task named "${job.name}" in this build`);
        return task.handler.run(this.clock.now());
      },
      { concurrency: 2, lockDuration: Math.max(this.config.events.lockMs, 60000) },
    );
    worker.on('completed', () => this.jobs.inc({ queue: SCHEDULES_QUEUE, outcome: 'completed' }));
    worker.on('failed', (job, err) => {
      this.jobs.inc({ queue: SCHEDULES_QUEUE, outcome: 'failed' });
      this.logger.warn({ msg: `scheduled task ${job?.name} failed`, err: safeError(err) });
    });
    await this.upsertSchedulers(false);
  }

  /**
   * At start: upserts the job scheduler of every declared task and removes the schedulers this build no
   * longer declares, so a renamed task does not run twice. With `onlyMissing` (the redrive, each cycle):
   * recreates them only when the queue backend has none of this build's schedulers left, i.e. it lost its
   * data; otherwise it changes nothing, so existing schedulers keep their next run, and during a rolling
   * deploy old and new workers do not undo each other's (only starting workers add and remove). Returns
   * how many it upserted.
   */
  async upsertSchedulers(onlyMissing: boolean): Promise<number> {
    const tasks = this.registry.scheduledTasks();
    const queue = this.queues.queue(SCHEDULES_QUEUE);
    const existing = new Set<string>();
    for (const scheduler of await queue.getJobSchedulers()) {
      const id = (scheduler as { key?: string; id?: string }).id ?? scheduler.key;
      if (id) existing.add(id);
    }
    if (onlyMissing && tasks.some((task) => existing.has(task.name))) return 0;
    let upserted = 0;
    for (const task of tasks) {
      const { every, pattern } = task.handler.schedule();
      await queue.upsertJobScheduler(task.name, pattern ? { pattern, tz: this.config.timeZone } : { every }, {
        name: task.name,
        data: {},
        opts: { removeOnComplete: 100, removeOnFail: 500, attempts: 3, backoff: { type: 'exponential', delay: 5000 } },
      });
      upserted++;
    }
    if (!onlyMissing) {
      const declared = new Set(tasks.map((t) => t.name));
      for (const id of existing) if (!declared.has(id)) await queue.removeJobScheduler(id);
    }
    return upserted;
  }
}
