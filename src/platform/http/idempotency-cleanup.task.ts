import { Injectable } from '@nestjs/common';
import { ScheduledTask, ScheduledTaskHandler } from '../events/decorators';
import { IdempotencyStore } from './idempotency';

/** Deletes idempotency records past their 7-day window, hourly. */
@Injectable()
@ScheduledTask('platform.idempotency-cleanup')
export class IdempotencyCleanupTask implements ScheduledTaskHandler {
  constructor(private readonly store: IdempotencyStore) {}

  schedule() {
    return { every: 3600 * 1000 };
  }

  run(): Promise<number> {
    return this.store.purgeExpired();
  }
}
