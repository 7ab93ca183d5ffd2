import { Injectable } from '@nestjs/common';
import { ConfirmationService } from './confirmation.service';
import { PrepaidContract } from './entities/prepaid-contract.entity';
import { PrepaidLesson } from './entities/prepaid-lesson.entity';
import { PrepaidQueries } from './prepaid.queries';
import { WorkingDays } from './working-days';
import { PrepaidRefund } from './entities/prepaid-refund.entity';
import { RefundService } from './refund.service';
import { EscrowFacade, PrepaidAlertType } from '../escrow';
import { Clock } from '../../platform/clock/clock';
import { PrepaidDashboardFigures, PrepaidDashboardQueries } from './prepaid.dashboard-queries';

/** The escrow alerts the prepaid module raises (ADR 0017), as the dashboard lists them. */
export const PREPAID_ALERTS: readonly PrepaidAlertType[] = [
  'RELEASE_OVER_RELEASABLE',
  'DEPOSIT_UNMATCHED',
  'REFUND_OVERDUE',
];
/** How far back a registered contract still counts for the public profile's "sells under supervised contracts". */
const SELLING_LOOKBACK_MONTHS = 12;
/** Institutions listed by gap on the dashboard. */
const TOP_INSTITUTIONS = 10;

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
    private readonly dashboard: PrepaidDashboardQueries,
    private readonly escrow: EscrowFacade,
    private readonly clock: Clock,
  ) {}

  /**
   * The dashboard's prepaid figures (县 or one township), index-backed aggregates: active contracts and their
   * custody against their unconsumed value (by township, and the institutions with the largest gap), lessons
   * confirmed by parents and automatically in [from, to), refunds by status with the median working days
   * from request to execution of those executed in [from, to), the open prepaid alerts and the money at
   * risk of institutions that left the market. The caller has applied the dashboard's scope.
   */
  async dashboardFigures(input: {
    townshipCode?: string;
    from: Date;
    to: Date;
  }): Promise<PrepaidDashboardFigures & { openAlerts: { type: PrepaidAlertType; count: number }[] }> {
    const [figures, openAlerts] = await Promise.all([
      this.dashboard.figures({ ...input, topInstitutions: TOP_INSTITUTIONS }),
      this.escrow.countOpenAlerts(PREPAID_ALERTS, input.townshipCode),
    ]);
    return { ...figures, openAlerts };
  }

  /**
   * Of the given institutions, those that sell under supervised contracts (public profile): a contract
   * registered in the last 12 months, or one still ACTIVE.
   */
  sellingUnderContracts(institutionIds: readonly string[]): Promise<Set<string>> {
    const since = new Date(this.clock.now());
    since.setUTCMonth(since.getUTCMonth() - SELLING_LOOKBACK_MONTHS);
    return this.dashboard.sellingUnderContracts(institutionIds, since);
  }

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
