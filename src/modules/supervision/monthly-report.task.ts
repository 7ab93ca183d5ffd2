import { Injectable } from '@nestjs/common';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { ReportService } from './report.service';
import { ReportKind } from './supervision.enums';

/** 一月一调度: at 02:00 on the 1st of each month (business time zone), for the month just ended. */
@Injectable()
@ScheduledTask('supervision.monthly-report')
export class MonthlyReportTask implements ScheduledTaskHandler {
  constructor(private readonly reports: ReportService) {}
  schedule() {
    return { pattern: '0 2 1 * *' };
  }
  run(now: Date) {
    return this.reports.generateScheduled(ReportKind.MONTHLY, now);
  }
}
