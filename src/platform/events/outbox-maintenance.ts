import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { ScheduledTask, ScheduledTaskHandler } from './decorators';

/** Deletes published outbox rows and old delivery records once they can no longer be redelivered. */
@Injectable()
@ScheduledTask('platform.outbox-cleanup')
export class OutboxCleanupTask implements ScheduledTaskHandler {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  schedule() {
    return { every: 6 * 3600 * 1000 };
  }

  async run(now: Date): Promise<{ outbox: number; processed: number }> {
    const days = this.config.events.outboxRetentionDays;
    const [, outbox] = await this.dataSource.query(
      `DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < $1::timestamptz - make_interval(days => $2)`,
      [now, days],
    );
    // Delivery records outlive both the outbox rows and the completed jobs that could be redelivered.
    const [, processed] = await this.dataSource.query(
      `DELETE FROM processed_event WHERE processed_at < $1::timestamptz - make_interval(days => $2)`,
      [now, days * 4],
    );
    return { outbox: Number(outbox ?? 0), processed: Number(processed ?? 0) };
  }
}

/** Outbox backlog gauges, read from the database at scrape time. */
@Injectable()
export class OutboxMetrics {
  constructor(metrics: MetricsService, dataSource: DataSource) {
    let last: Promise<{ backlog: number; oldest: number }> | undefined;
    const read = () =>
      (last ??= dataSource
        .query(`SELECT count(*)::int AS backlog, COALESCE(EXTRACT(EPOCH FROM now() - min(occurred_at)), 0)::float AS oldest FROM outbox WHERE published_at IS NULL`)
        .then((rows: { backlog: number; oldest: number }[]) => rows[0] ?? { backlog: 0, oldest: 0 })
        .catch(() => ({ backlog: -1, oldest: -1 }))
        .finally(() => setTimeout(() => (last = undefined), 0)));
    metrics.gauge('outbox_backlog', 'Events written but not yet relayed to the queues', [], async function () {
      this.set((await read()).backlog);
    });
    metrics.gauge('outbox_oldest_unpublished_seconds', 'Age of the oldest event waiting in the outbox', [], async function () {
      this.set((await read()).oldest);
    });
  }
}
