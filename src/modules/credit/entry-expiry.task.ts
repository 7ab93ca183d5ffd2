import { Injectable } from '@nestjs/common';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { CreditEntryLifecycleService } from './credit-entry-lifecycle.service';

/** Entries past their last day in force leave the lists (EXPIRED), every 15 minutes. */
@Injectable()
@ScheduledTask('credit.entry-expiry')
export class EntryExpiryTask implements ScheduledTaskHandler {
  constructor(private readonly entries: CreditEntryLifecycleService) {}

  schedule() {
    return { every: 15 * 60 * 1000 };
  }

  run(now: Date): Promise<number> {
    return this.entries.expireDue(now);
  }
}
