import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { EscrowQueries, TopUpWindow } from '../escrow.queries';
import { PrepaidLimits, TopUp, cumulativePrepaidBreaches } from '../monitoring/rules';
import { Candidate, Known } from './transaction-plan';

/**
 * Top-ups (续费) are one charge with the payer's earlier deposits: a deposit with a payerRef is flagged
 * when the same payer's non-reversed deposits on the account booked within escrow.prepaid_max_months
 * calendar months before it (business time: after bookedAt less N months, up to bookedAt), itself
 * included, sum above the amount or lesson-hour limit. One query for the whole batch reads the window
 * sums of the stored deposits (partial index on account, payer, booked_at); the batch's earlier items
 * are added in memory. A deposit without payerRef cannot be grouped and is judged alone. The flag is
 * set once, on arrival: a later reversal of an earlier top-up does not clear it (the alert names the
 * offending transactions, an officer judges).
 */
@Injectable()
export class TopUpFlagger {
  constructor(
    private readonly queries: EscrowQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async flag(
    em: EntityManager,
    candidates: Candidate[],
    known: Map<string, Known>,
    limits: PrepaidLimits,
  ): Promise<void> {
    const deposits = candidates.filter((c) => c.item.type === 'DEPOSIT' && c.item.payerRef !== null);
    if (deposits.length === 0) return;
    // Stored deposits the batch reverses do not count. A deposit the batch resends (already stored) is not a
    // candidate (the ingest answered it from its pre-read): it counts once, in the stored sums.
    const reversedHere = candidates.flatMap((c) => (c.item.type === 'REVERSAL' ? [c.item.reversalOf as string] : []));
    const rows = await this.queries.topUpWindows(em, {
      deposits: deposits.map((c) => ({
        accountId: c.accountId,
        payerRef: c.item.payerRef as string,
        bookedAt: c.item.bookedAt,
      })),
      months: limits.maxCoverageMonths,
      timeZone: this.config.timeZone,
      reversedHere,
    });
    const topUps: TopUp[] = deposits.map((c, i) => {
      const r = rows[i] as TopUpWindow;
      return {
        group: `${c.accountId}|${c.item.payerRef}`,
        bookedAt: c.item.bookedAt,
        since: new Date(r.since),
        amountFen: c.item.amountFen,
        lessonHours: c.item.lessonHours,
        storedFen: BigInt(r.fen),
        storedHours: BigInt(r.hours),
        counts: known.get(c.item.txnId)?.reversed !== true,
      };
    });
    cumulativePrepaidBreaches(topUps, limits).forEach((over, i) => {
      if (over) (deposits[i] as Candidate).exceeds = true;
    });
  }
}
