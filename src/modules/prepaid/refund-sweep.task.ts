import { Injectable } from '@nestjs/common';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { DepositService } from './deposit.service';
import { RefundPaymentService } from './refund-payment.service';
import { RefundService } from './refund.service';

/**
 * Hourly: refund requests unanswered past their answer date are approved by silence (and instructed);
 * refunds the bank refused are instructed again; instructed (or refused) refunds past their execution date
 * become OVERDUE with an alert; deposits unmatched past
 * their date raise DEPOSIT_UNMATCHED. Each reads only due rows by index.
 */
@Injectable()
@ScheduledTask('prepaid.refund-sweep')
export class RefundSweep implements ScheduledTaskHandler {
  constructor(
    private readonly refunds: RefundService,
    private readonly payments: RefundPaymentService,
    private readonly deposits: DepositService,
  ) {}

  schedule() {
    return { every: 3600 * 1000 };
  }

  async run(now: Date): Promise<{ approved: number; reinstructed: number; overdue: number; unmatched: number }> {
    const approved = await this.refunds.approveSilent(now);
    const reinstructed = await this.payments.instructRefused();
    const overdue = await this.payments.markOverdue(now);
    const unmatched = await this.deposits.alertUnmatched(now);
    return { approved, reinstructed, overdue, unmatched };
  }
}
