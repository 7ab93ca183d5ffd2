import { Logger } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { EventsConfig } from '../../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { QueueFactory } from '../queue/queue-factory';
import { EventJob, OutboxRow, addEventJobs, eventJob, eventJobId, outboxEvent, withTimeout } from './outbox-relay';
import { SubscriberRegistry } from './subscriber-registry';

/** How far back the redrive looks: jobs lost longer ago than this are not searched for. */
export const REDRIVE_WINDOW_HOURS = 24;
export interface RedriveLimits {
  /** Published rows read per query … */
  pageRows: number;
  /** … and at most this many queries per cycle; the rest of the window waits for the next cycles. */
  pagesPerCycle: number;
}
const DEFAULT_LIMITS: RedriveLimits = { pageRows: 500, pagesPerCycle: 20 };
/** Job lookups sent to the queue backend at once. */
const LOOKUPS_AT_ONCE = 50;

export interface RedriveResult {
  /** Another worker held the redrive lock: this cycle did nothing. */
  skipped: boolean;
  /** Published outbox rows looked at. */
  scanned: number;
  /** (event, subscriber) pairs without a processed_event row whose job was looked up. */
  checked: number;
  /** Ids of the jobs added again because the queue backend no longer had them. */
  redriven: string[];
  /** Job schedulers declared by this build that were missing and have been created again. */
  schedulersRestored: number;
}

interface ScanRow {
  id: string;
  at: string;
  event_id: string;
  name: string;
  missing: string[];
}

/**
 * Repairs what the queue backend forgot. The relay marks an outbox row published once its jobs are added;
 * if Redis then loses its data (restart without persistence, FLUSHALL, failover to a lagging replica) those
 * jobs are gone and nothing would send them again. Every `OUTBOX_REDRIVE_MS` a worker looks at rows
 * published more than two periods ago (and at most REDRIVE_WINDOW_HOURS ago) for subscribers without a
 * processed_event row, asks the queue for the job `<eventId>.<subscriber>`, and adds it again, exactly as the
 * relay does, only when the queue has it in no state at all: waiting, delayed (backoff), active, completed
 * and failed (the dead letter) jobs are left alone. Adding an existing id is a no-op and the subscriber's
 * processed_event row makes a second delivery do nothing, so a redrive racing anything is still harmless.
 * It also creates again the job schedulers (@ScheduledTask) the queue lost.
 *
 * It runs on a plain timer, not as a scheduled job, because it must work when the schedulers are the thing
 * that was lost. Workers take turns through a transaction-scoped advisory lock; each keeps its own position
 * in the window, so a large window is covered over several cycles with bounded work in each.
 */
export class OutboxRedrive {
  private readonly logger = new Logger('OutboxRedrive');
  private readonly counter: Counter<'queue'>;
  private timer?: NodeJS.Timeout;
  private running = false;
  private cycle?: Promise<unknown>;
  /** Keyset position (published_at as PostgreSQL text, id) of the last row scanned; undefined: window start. */
  private cursor?: { at: string; id: string };

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueFactory,
    private readonly registry: SubscriberRegistry,
    private readonly config: EventsConfig,
    metrics: MetricsService,
    /** Creates the declared job schedulers that are missing (and removes strays); returns how many it created. */
    private readonly restoreSchedulers: () => Promise<number> = async () => 0,
    private readonly limits: RedriveLimits = DEFAULT_LIMITS,
  ) {
    this.counter = metrics.counter(
      'events_redriven_total',
      'Event jobs added again because the queue backend had lost them',
      ['queue'],
    );
  }

  /** Rows younger than this are left alone: their jobs are normally still on their way. */
  get graceMs(): number {
    return 2 * this.config.outboxRedriveMs;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.next();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.cycle;
  }

  private next(): void {
    this.timer = setTimeout(() => {
      this.cycle = this.runOnce()
        .catch((error: Error) =>
          this.logger.warn(`redrive failed (${error.message}); trying again in ${this.config.outboxRedriveMs} ms`),
        )
        .finally(() => {
          this.cycle = undefined;
          if (this.running) this.next();
        });
    }, this.config.outboxRedriveMs);
    this.timer.unref();
  }

  /** One cycle (exposed for tests). */
  async runOnce(): Promise<RedriveResult> {
    return this.dataSource.transaction(async (em) => {
      const [{ locked }] = (await em.query(
        `SELECT pg_try_advisory_xact_lock(hashtext('outbox'), hashtext('redrive')) AS locked`,
      )) as [{ locked: boolean }];
      if (!locked) return { skipped: true, scanned: 0, checked: 0, redriven: [], schedulersRestored: 0 };
      // A failure here is logged and does not keep the cycle from redriving events.
      const schedulersRestored = await withTimeout(
        this.restoreSchedulers(),
        this.config.queueTimeoutMs * 4,
        'restoring job schedulers',
      ).catch((error: Error) => {
        this.logger.warn(`could not check the job schedulers (${error.message})`);
        return 0;
      });
      if (schedulersRestored > 0)
        this.logger.warn(`restored ${schedulersRestored} job scheduler(s) the queue backend had lost`);
      const result: RedriveResult = { skipped: false, scanned: 0, checked: 0, redriven: [], schedulersRestored };
      for (let page = 0; page < this.limits.pagesPerCycle; page++) {
        const rows = await this.scan(em);
        result.scanned += rows.length;
        if (rows.length > 0) {
          await this.redrivePage(em, rows, result);
          const last = rows[rows.length - 1] as ScanRow;
          this.cursor = { at: last.at, id: last.id }; // only once the page is done: a failed page is read again
        }
        if (rows.length < this.limits.pageRows) {
          this.cursor = undefined; // end of the window: the next cycle starts again from its beginning
          break;
        }
      }
      if (result.redriven.length > 0) {
        this.logger.warn(
          `redrove ${result.redriven.length} event job(s) the queue backend had lost (checked ${result.checked} undelivered)`,
        );
      }
      return result;
    });
  }

  /** The next page of published rows in the window, each with the subscribers that have not processed it. */
  private async scan(em: EntityManager): Promise<ScanRow[]> {
    const subs = this.registry.all();
    if (subs.length === 0) return [];
    // The subscribers the relay queued the event for (outbox.subscribers) that this build still has: a
    // subscriber added later never receives older events; rows from before that column are left alone.
    return em.query(
      `SELECT o.id, o.published_at::text AS at, o.event_id, o.name,
              ARRAY(SELECT s.sub FROM unnest(o.subscribers) AS s(sub)
                    WHERE s.sub = ANY($1::text[])
                      AND NOT EXISTS (SELECT 1 FROM processed_event p WHERE p.event_id = o.event_id AND p.subscriber = s.sub)) AS missing
       FROM outbox o
       WHERE o.published_at IS NOT NULL AND o.subscribers IS NOT NULL
         AND o.published_at >= now() - make_interval(hours => $2)
         AND o.published_at < now() - make_interval(secs => $3)
         AND o.published_at >= $4::timestamptz AND (o.published_at > $4::timestamptz OR o.id > $5::bigint)
       ORDER BY o.published_at, o.id
       LIMIT $6`,
      [
        subs.map((s) => s.name),
        REDRIVE_WINDOW_HOURS,
        this.graceMs / 1000,
        this.cursor?.at ?? '-infinity',
        this.cursor?.id ?? '0',
        this.limits.pageRows,
      ],
    );
  }

  private async redrivePage(em: EntityManager, rows: ScanRow[], result: RedriveResult): Promise<void> {
    const pairs = rows.flatMap((row) => row.missing.map((subscriber) => ({ row, subscriber })));
    if (pairs.length === 0) return;
    result.checked += pairs.length;
    const lost: typeof pairs = [];
    for (let i = 0; i < pairs.length; i += LOOKUPS_AT_ONCE) {
      const chunk = pairs.slice(i, i + LOOKUPS_AT_ONCE);
      const found = await withTimeout(
        Promise.all(
          chunk.map(({ row, subscriber }) => {
            const sub = this.registry.get(subscriber);
            return sub
              ? this.queues.queue(sub.queue).getJob(eventJobId(row.event_id, subscriber))
              : Promise.resolve(true);
          }),
        ),
        this.config.queueTimeoutMs,
        'looking up event jobs',
      );
      chunk.forEach((pair, k) => found[k] === undefined && lost.push(pair));
    }
    if (lost.length === 0) return;
    const full: OutboxRow[] = await em.query(
      `SELECT id, event_id, name, version, payload, occurred_at, request_id, context FROM outbox WHERE id = ANY($1::bigint[])`,
      [[...new Set(lost.map((p) => p.row.id))]],
    );
    const byId = new Map(full.map((row) => [String(row.id), row]));
    const jobsByQueue = new Map<string, EventJob[]>();
    for (const { row, subscriber } of lost) {
      const outboxRow = byId.get(String(row.id));
      const sub = this.registry.get(subscriber);
      if (!outboxRow || !sub) continue; // cleaned up meanwhile
      const list = jobsByQueue.get(sub.queue) ?? [];
      list.push(eventJob(outboxEvent(outboxRow), sub, this.config));
      jobsByQueue.set(sub.queue, list);
    }
    await addEventJobs(this.queues, jobsByQueue, this.config);
    for (const [queue, jobs] of jobsByQueue) {
      this.counter.inc({ queue }, jobs.length);
      result.redriven.push(...jobs.map((job) => job.opts.jobId as string));
    }
  }
}
