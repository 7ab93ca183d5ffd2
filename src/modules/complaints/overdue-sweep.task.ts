import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { ComplaintOverdueService } from './complaint-overdue.service';

/** Every COMPLAINT_OVERDUE_SWEEP_MINUTES: complaints past a statutory deadline → complaints.complaint.overdue (once each). */
@Injectable()
@ScheduledTask('complaints.overdue-sweep')
export class ComplaintOverdueSweep implements ScheduledTaskHandler {
  constructor(
    private readonly complaints: ComplaintOverdueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  schedule() {
    return { every: this.config.complaints.overdueSweepMinutes * 60_000 };
  }

  run(now: Date): Promise<number> {
    return this.complaints.sweepOverdue(now);
  }
}
