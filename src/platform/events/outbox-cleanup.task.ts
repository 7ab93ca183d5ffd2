import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
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
