import { Injectable } from '@nestjs/common';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { ReportService } from './report.service';
import { ReportKind } from './supervision.enums';

/** 一季一总结: at 03:00 on the first day of each quarter, for the quarter just ended. */
@Injectable()
@ScheduledTask('supervision.quarterly-report')
export class QuarterlyReportTask implements ScheduledTaskHandler {
  constructor(private readonly reports: ReportService) {}
  schedule() {
    return { pattern: '0 3 1 1,4,7,10 *' };
  }
  run(now: Date) {
    return this.reports.generateScheduled(ReportKind.QUARTERLY, now);
  }
}
