import { Logger } from '@nestjs/common';
import { JobsOptions } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EventsConfig } from '../../config/app-config';
import { QueueFactory } from '../queue/queue-factory';
import { SpanKind, inSpan, linksTo } from '../tracing/tracing';
import { DomainEvent } from './catalogue';
import { OUTBOX_CHANNEL } from './event-publisher';
import { RegisteredSubscriber, SubscriberRegistry } from './subscriber-registry';

export interface OutboxRow {
  id: string;
  event_id: string;
  name: string;
  version: number;
  payload: unknown;
  occurred_at: Date;
  request_id: string | null;
  context: { traceparent: string; tracestate?: string } | null;
}

export interface EventJob {
  name: string;
  data: DomainEvent;
  opts: JobsOptions;
}

/** The event an outbox row carries, as subscribers receive it. */
export function outboxEvent(row: OutboxRow): DomainEvent {
  return {
    eventId: row.event_id,
    name: row.name as DomainEvent['name'],
    version: row.version,
    occurredAt: new Date(row.occurred_at).toISOString(),
    requestId: row.request_id,
    traceContext: row.context ?? null,
    payload: row.payload as DomainEvent['payload'],
  };
}

/**
 * The job that delivers an event to one subscriber. The relay and the redrive both add it this way, so a
 * job added twice (relay crash, redrive racing a late job) is one job: adding an existing id is a no-op.
 */
export function eventJob(event: DomainEvent, sub: RegisteredSubscriber, config: EventsConfig): EventJob {
  return {
    name: sub.name,
    data: event,
    opts: {
      jobId: eventJobId(event.eventId, sub.name),
      attempts: sub.attempts ?? config.maxAttempts,
      backoff: { type: 'exponential', delay: config.backoffMs },
      removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
      removeOnFail: false,
    },
  };
}

/** BullMQ forbids ":" in custom ids. */
export function eventJobId(eventId: string, subscriber: string): string {
  return `${eventId}.${subscriber}`;
}

/** Adds jobs grouped by queue, giving up after the configured queue timeout. */
export async function addEventJobs(
  queues: QueueFactory,
  jobsByQueue: Map<string, EventJob[]>,
  config: EventsConfig,
): Promise<void> {
  await withTimeout(
    Promise.all([...jobsByQueue].map(([queue, jobs]) => queues.queue(queue).addBulk(jobs))),
    config.queueTimeoutMs,
    'adding jobs',
  );
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Moves outbox rows to BullMQ: claims a batch with FOR UPDATE SKIP LOCKED (so several relays never take
 * the same rows), adds one job per subscriber with jobId `<eventId>.<subscriber>` (so a row published
 * twice after a crash is still one job), and marks the rows published in the same transaction. It wakes
 * on NOTIFY from publishing transactions and polls slowly as a fallback. When the queue backend is down
 * the transaction rolls back, the rows wait, and the relay retries with backoff.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private listener?: Client;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly databaseUrl: string,
    private readonly queues: QueueFactory,
    private readonly registry: SubscriberRegistry,
    private readonly config: EventsConfig,
    /**
     * Called with a batch's events once its transaction has committed (live updates: at most once, so a
     * crash between the commit and this call loses the hint, never an effect). Not awaited by the relay.
     */
    private readonly afterCommit?: (events: DomainEvent[]) => Promise<void>,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** Publishes everything pending now; returns how many rows it moved (tests and benchmarks use it). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.relayBatch();
      total += moved;
      if (moved < this.config.outboxBatchSize) return total;
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'shuangjian-relay' });
    client.on('notification', () => this.wake?.());
    client.on('error', (err) => {
      this.logger.warn(`LISTEN connection lost (${err.message}); polling until it is back`);
      this.listener = undefined;
      setTimeout(() => this.running && void this.listen().catch(() => undefined), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn(`cannot LISTEN (${(error as Error).message}); polling instead`);
      await client.end().catch(() => undefined);
      setTimeout(() => this.running && void this.listen().catch(() => undefined), 2000).unref();
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let moved = 0;
      try {
        moved = await this.relayBatch();
        if (this.failures > 0) this.logger.log('queue backend reachable again; relaying the backlog');
        this.failures = 0;
      } catch (error) {
        this.failures++;
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.logger.warn(`relay failed (${(error as Error).message}); events wait in the outbox`);
        }
      }
      if (moved >= this.config.outboxBatchSize) continue; // more waiting: go again at once
      const pause =
        this.failures > 0 ? Math.min(200 * 2 ** Math.min(this.failures, 5), 5000) : this.config.outboxPollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async relayBatch(): Promise<number> {
    const relayed: DomainEvent[] = [];
    const moved = await this.dataSource.transaction(async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT id, event_id, name, version, payload, occurred_at, request_id, context FROM outbox
         WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.config.outboxBatchSize],
      );
      if (rows.length === 0) return 0;
      const jobsByQueue = new Map<string, EventJob[]>();
      const subscribersOf = new Map<string, string>(); // event name → the subscribers queued, comma-separated
      for (const row of rows) {
        const event = outboxEvent(row);
        relayed.push(event);
        const subscribers = this.registry.forEvent(row.name);
        subscribersOf.set(row.name, subscribers.map((s) => s.name).join(','));
        for (const sub of subscribers) {
          const list = jobsByQueue.get(sub.queue) ?? [];
          list.push(eventJob(event, sub, this.config));
          jobsByQueue.set(sub.queue, list);
        }
      }
      // One span per batch, linked to the publishing spans (a batch mixes events of many traces).
      await inSpan(
        'outbox relay',
        {
          kind: SpanKind.PRODUCER,
          attributes: { 'messaging.system': 'bullmq', 'messaging.batch.message_count': rows.length },
          links: linksTo(rows.map((r) => r.context)),
        },
        () => addEventJobs(this.queues, jobsByQueue, this.config),
      );
      // Published, with whom it was queued for: the redrive re-queues lost jobs for those subscribers only.
      await em.query(
        `UPDATE outbox o SET published_at = now(), subscribers = string_to_array(s.subs, ',')::varchar(100)[]
         FROM unnest($2::text[], $3::text[]) AS s(name, subs)
         WHERE o.id = ANY($1::bigint[]) AND o.name = s.name`,
        [rows.map((r) => r.id), [...subscribersOf.keys()], [...subscribersOf.values()]],
      );
      return rows.length;
    });
    if (relayed.length > 0 && this.afterCommit) void this.afterCommit(relayed).catch(() => undefined);
    return moved;
  }
}
