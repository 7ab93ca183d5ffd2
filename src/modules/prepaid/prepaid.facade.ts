import { Injectable } from '@nestjs/common';
import { ConfirmationService } from './confirmation.service';
import { PrepaidContract } from './entities/prepaid-contract.entity';
import { PrepaidLesson } from './entities/prepaid-lesson.entity';
import { PrepaidQueries } from './prepaid.queries';
import { WorkingDays } from './working-days';
import { PrepaidRefund } from './entities/prepaid-refund.entity';
import { RefundService } from './refund.service';

/**
 * Prepaid contracts (预付费 一课一消) as other modules and the other sides see them. The parent side
 * (no account) first proves the contract with `findByCode` (throttled by the caller), then passes the
 * contract id to the confirmation methods.
 */
@Injectable()
export class PrepaidFacade {
  constructor(
    private readonly workingDays: WorkingDays,
    private readonly refunds: RefundService,
    private readonly queries: PrepaidQueries,
    private readonly confirmations: ConfirmationService,
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

  /** The contract for a printed code and the payer phone's last 4 digits; one not-found answer for both mistakes. */
  findByCode(code: string, phoneLast4: string): Promise<PrepaidContract> {
    return this.queries.findByCode(code, phoneLast4);
  }

  /** Lesson records of contracts the caller has already proven or scoped. */
  lessonsOf(contractIds: readonly string[]): Promise<PrepaidLesson[]> {
    return this.queries.lessonsOf(contractIds);
  }

  /** The parent confirms PENDING lesson records of the contract (all or nothing). */
  confirmLessons(contractId: string, lessonIds: readonly string[], by: 'PARENT' = 'PARENT'): Promise<PrepaidLesson[]> {
    return this.confirmations.confirm(contractId, lessonIds, by);
  }

  /** The parent objects to a PENDING lesson record: a prepaid-fee complaint opens with the contract named. */
  objectToLesson(contractId: string, lessonId: string, reason: string): Promise<PrepaidLesson> {
    return this.confirmations.object(contractId, lessonId, reason);
  }

  /** Runs the auto-confirm now (operators' tools, tests); the task runs it hourly. */
  autoConfirmDue(now?: Date): Promise<number> {
    return this.confirmations.autoConfirmDue(now);
  }
}
