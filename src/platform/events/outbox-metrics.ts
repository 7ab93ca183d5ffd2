import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';
import { QueueFactory } from '../queue/queue-factory';
import { withTimeout } from './outbox-relay';
import { SubscriberRegistry } from './subscriber-registry';

/**
 * Event machinery gauges, read at scrape time (cached for METRICS_CACHE_MS): the outbox backlog and its lag
 * (the unpublished rows, through the partial index idx_outbox_unpublished), and the deliveries that used up
 * their attempts and wait in the failed set (the dead letter), per queue.
 */
@Injectable()
export class OutboxMetrics {
  constructor(metrics: MetricsService, dataSource: DataSource, queues: QueueFactory, registry: SubscriberRegistry) {
    const outbox = metrics.cached(
      () =>
        dataSource
          .query(
            `SELECT count(*)::int AS backlog, COALESCE(EXTRACT(EPOCH FROM now() - min(occurred_at)), 0)::float AS lag FROM outbox WHERE published_at IS NULL`,
          )
          .then((rows: { backlog: number; lag: number }[]) => [rows[0] ?? { backlog: 0, lag: 0 }]),
      [] as { backlog: number; lag: number }[],
    );
    metrics.cachedGauge(
      'sj_outbox_backlog',
      'Domain events written to the outbox and not yet relayed to the queues',
      [],
      async () => (await outbox()).map((r) => ({ labels: {}, value: r.backlog })),
    );
    metrics.cachedGauge(
      'sj_outbox_lag_seconds',
      'Age of the oldest domain event waiting in the outbox (0 when none waits)',
      [],
      async () => (await outbox()).map((r) => ({ labels: {}, value: r.lag })),
    );
    metrics.cachedGauge(
      'sj_event_deliveries_failed',
      'Event deliveries that used up their attempts and wait in the failed set (dead letter), by queue',
      ['queue'],
      async () =>
        Promise.all(
          registry.queues().map(async (queue) => {
            const counts = await withTimeout(
              queues.queue(queue).getJobCounts('failed'),
              5000,
              'reading failed job counts',
            );
            return { labels: { queue }, value: counts.failed ?? 0 };
          }),
        ),
    );
  }
}
