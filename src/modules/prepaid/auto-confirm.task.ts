import { Injectable } from '@nestjs/common';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { ConfirmationService } from './confirmation.service';

/**
 * Lessons unanswered by the parent are confirmed on their stored confirm_due_on (the 15th working day
 * by default). Runs hourly so a missed run catches up the same day; each run touches only the due rows.
 */
@Injectable()
@ScheduledTask('prepaid.auto-confirm')
export class AutoConfirmTask implements ScheduledTaskHandler {
  constructor(private readonly confirmations: ConfirmationService) {}

  schedule() {
    return { pattern: '5 * * * *' };
  }

  run(now: Date): Promise<number> {
    return this.confirmations.autoConfirmDue(now);
  }
}
