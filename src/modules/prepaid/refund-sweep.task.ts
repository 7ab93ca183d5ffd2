import { Injectable } from '@nestjs/common';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { DepositService } from './deposit.service';
import { RefundService } from './refund.service';

/**
 * Hourly: refund requests unanswered past their answer date are approved by silence (and instructed);
 * instructed refunds past their execution date become OVERDUE with an alert; deposits unmatched past
 * their date raise DEPOSIT_UNMATCHED. Each reads only due rows by index.
 */
@Injectable()
@ScheduledTask('prepaid.refund-sweep')
export class RefundSweep implements ScheduledTaskHandler {
  constructor(
    private readonly refunds: RefundService,
    private readonly deposits: DepositService,
  ) {}

  schedule() {
    return { every: 3600 * 1000 };
  }

  async run(now: Date): Promise<{ approved: number; overdue: number; unmatched: number }> {
    const approved = await this.refunds.approveSilent(now);
    const overdue = await this.refunds.markOverdue(now);
    const unmatched = await this.deposits.alertUnmatched(now);
    return { approved, overdue, unmatched };
  }
}
