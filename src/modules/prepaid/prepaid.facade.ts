import { Injectable } from '@nestjs/common';
import { WorkingDays } from './working-days';
import { PrepaidRefund } from './entities/prepaid-refund.entity';
import { RefundService } from './refund.service';

/**
 * Prepaid contracts (预付费 一课一消) as other modules and the other sides (parent, platform) see them.
 * Starts small; the contract, lesson, confirmation, release and refund methods are added with their services.
 */
@Injectable()
export class PrepaidFacade {
  constructor(
    private readonly workingDays: WorkingDays,
    private readonly refunds: RefundService,
  ) {}

  /**
   * A parent's refund request for a contract (the parent entry point has checked the contract code and the
   * second factor): the lessons not taught at the contract price; the institution answers within
   * prepaid.refund_answer_working_days, silence approves. CONTRACT_NOT_REFUNDABLE, REFUND_OPEN, NOTHING_TO_REFUND.
   */
  requestRefund(contractId: string): Promise<PrepaidRefund> {
    return this.refunds.requestByParent(contractId);
  }

  /** The n-th working day of the county calendar after a business date (YYYY-MM-DD). */
  addWorkingDays(fromBusinessDate: string, n: number): Promise<string> {
    return this.workingDays.addWorkingDays(fromBusinessDate, n);
  }

  /** Working days after `from`, up to and including `to`. */
  workingDaysBetween(from: string, to: string): Promise<number> {
    return this.workingDays.workingDaysBetween(from, to);
  }
}
