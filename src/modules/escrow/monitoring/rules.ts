/**
 * Escrow monitoring rules (资金监管预警) as small pure functions: each takes the facts of one account and
 * the configured thresholds and says whether its condition holds now, with the figures behind it. The
 * monitor gathers the facts set-wise and raises or resolves alerts from these answers.
 */
import { formatMoney } from '../../../platform/database/money';

export type AlertType =
  | 'SHORTFALL'
  | 'RECONCILIATION_MISMATCH'
  | 'ABNORMAL_RELEASE'
  | 'PREPAID_LIMIT_EXCEEDED'
  | 'STALE_REPORT'
  | 'NO_ESCROW_ACCOUNT'
  | PrepaidAlertType;
/** Raised by the prepaid module (一课一消, issue #20) through EscrowFacade.raiseAlert. */
export type PrepaidAlertType = 'RELEASE_OVER_RELEASABLE' | 'DEPOSIT_UNMATCHED' | 'REFUND_OVERDUE';
export const PREPAID_ALERT_TYPES: readonly PrepaidAlertType[] = [
  'RELEASE_OVER_RELEASABLE',
  'DEPOSIT_UNMATCHED',
  'REFUND_OVERDUE',
];
export const ALERT_TYPES: readonly AlertType[] = [
  'SHORTFALL',
  'RECONCILIATION_MISMATCH',
  'ABNORMAL_RELEASE',
  'PREPAID_LIMIT_EXCEEDED',
  'STALE_REPORT',
  'NO_ESCROW_ACCOUNT',
  ...PREPAID_ALERT_TYPES,
];

/** A rule's verdict: the condition holds (with details for the alert) or it does not. */
export type Verdict = { holds: true; details: Record<string, unknown> } | { holds: false };

const clear: Verdict = { holds: false };

/** SHORTFALL: the reported closing balance is below the custody required on that day, beyond the tolerance. */
export function shortfall(input: {
  statementDate: string;
  closingFen: bigint;
  requiredCustodyFen: bigint;
  toleranceFen: bigint;
}): Verdict {
  const missing = input.requiredCustodyFen - input.closingFen;
  if (missing <= input.toleranceFen) return clear;
  return {
    holds: true,
    details: {
      statementDate: input.statementDate,
      closingBalance: formatMoney(input.closingFen),
      requiredCustody: formatMoney(input.requiredCustodyFen),
      shortfall: formatMoney(missing),
    },
  };
}

/** RECONCILIATION_MISMATCH: opening balance + the day's movements ≠ closing balance. */
export function reconciliationMismatch(input: {
  statementDate: string;
  openingFen: bigint;
  closingFen: bigint;
  movementsFen: bigint;
}): Verdict {
  const expected = input.openingFen + input.movementsFen;
  if (expected === input.closingFen) return clear;
  return {
    holds: true,
    details: {
      statementDate: input.statementDate,
      openingBalance: formatMoney(input.openingFen),
      movements: formatMoney(input.movementsFen),
      expectedClosing: formatMoney(expected),
      closingBalance: formatMoney(input.closingFen),
      difference: formatMoney(input.closingFen - expected),
    },
  };
}

/**
 * ABNORMAL_RELEASE: releases within 24 h (not reversed) above a share of the custody held before them
 * (custody after the window + what it released). Any release out of no custody is abnormal.
 */
export function abnormalRelease(input: {
  windowEnd: Date | null;
  releasedFen: bigint;
  custodyAfterFen: bigint;
  maxShare: number;
}): Verdict {
  if (input.releasedFen <= 0n || !input.windowEnd) return clear;
  const before = input.custodyAfterFen + input.releasedFen;
  // Compare in basis points with integers: released / before > share  ⇔  released × 10000 > share_bp × before.
  const shareBp = BigInt(Math.round(input.maxShare * 10_000));
  if (before > 0n && input.releasedFen * 10_000n <= shareBp * before) return clear;
  return {
    holds: true,
    details: {
      windowStart: new Date(input.windowEnd.getTime() - 86_400_000).toISOString(),
      windowEnd: input.windowEnd.toISOString(),
      released: formatMoney(input.releasedFen),
      custodyBefore: formatMoney(before),
      maxShare: input.maxShare,
    },
  };
}

export interface PrepaidLimits {
  maxAmountFen: bigint;
  maxLessonHours: number;
  maxCoverageMonths: number;
}

/** The limits one prepayment (DEPOSIT) breaks: over 5,000 yuan, over 60 lesson hours, over 3 months. */
export function prepaidLimitBreaches(
  deposit: { amountFen: bigint; lessonHours: number | null; coverageMonths: number | null },
  limits: PrepaidLimits,
): string[] {
  const breaches: string[] = [];
  if (deposit.amountFen > limits.maxAmountFen) breaches.push(`amount above ${formatMoney(limits.maxAmountFen)} yuan`);
  if (deposit.lessonHours !== null && deposit.lessonHours > limits.maxLessonHours)
    breaches.push(`more than ${limits.maxLessonHours} lesson hours`);
  if (deposit.coverageMonths !== null && deposit.coverageMonths > limits.maxCoverageMonths)
    breaches.push(`more than ${limits.maxCoverageMonths} months`);
  return breaches;
}

/** A deposit of a batch with a payer reference, as the top-up rule sees it. */
export interface TopUp {
  /** Account and payer: deposits with the same group are one payer's top-ups. */
  group: string;
  bookedAt: Date;
  /** Start of its window (exclusive): bookedAt less escrow.prepaid_max_months calendar months, business time. */
  since: Date;
  amountFen: bigint;
  lessonHours: number | null;
  /** Sums of the payer's stored, non-reversed deposits booked in (since, bookedAt]. */
  storedFen: bigint;
  storedHours: number;
  /** False when the batch itself reverses it: it is not counted for the payer's later deposits. */
  counts: boolean;
}

/**
 * One charge may not be split into top-ups: for each deposit (in the order given), whether the payer's
 * deposits in its window — the stored ones plus the batch's earlier ones (by bookedAt, then batch order)
 * and itself — sum above the amount or lesson-hour limit.
 */
export function cumulativePrepaidBreaches(topUps: TopUp[], limits: PrepaidLimits): boolean[] {
  const result = new Array<boolean>(topUps.length).fill(false);
  const groups = new Map<string, number[]>();
  topUps.forEach((u, i) => {
    const g = groups.get(u.group);
    if (g) g.push(i);
    else groups.set(u.group, [i]);
  });
  for (const members of groups.values()) {
    members.sort((x, y) => (topUps[x] as TopUp).bookedAt.getTime() - (topUps[y] as TopUp).bookedAt.getTime() || x - y);
    members.forEach((i, k) => {
      const u = topUps[i] as TopUp;
      let fen = u.storedFen + u.amountFen;
      let hours = u.storedHours + (u.lessonHours ?? 0);
      for (let j = k - 1; j >= 0; j--) {
        const e = topUps[members[j] as number] as TopUp;
        if (e.bookedAt.getTime() <= u.since.getTime()) break; // sorted by bookedAt: the rest are older still
        if (!e.counts) continue;
        fen += e.amountFen;
        hours += e.lessonHours ?? 0;
      }
      result[i] = fen > limits.maxAmountFen || hours > limits.maxLessonHours;
    });
  }
  return result;
}

/**
 * PREPAID_LIMIT_EXCEEDED: the account holds deposits over the limits that have not been reversed. Those
 * within the limits alone were flagged as one charge with the same payer's top-ups: they are named apart.
 */
export function prepaidLimitExceeded(input: { offendingTxnIds: string[]; cumulativeTxnIds?: string[] }): Verdict {
  if (input.offendingTxnIds.length === 0) return clear;
  const details: Record<string, unknown> = {
    txnIds: input.offendingTxnIds.slice(0, 20),
    count: input.offendingTxnIds.length,
  };
  const cumulative = input.cumulativeTxnIds ?? [];
  if (cumulative.length > 0) {
    details.cumulativeTxnIds = cumulative.slice(0, 20);
    details.cumulative =
      "within the limits alone, over them cumulative with the same payer's top-ups in the window (one charge)";
  }
  return { holds: true, details };
}

/**
 * The statement date an active account must have reported by `now`: yesterday's (local) once the
 * configured hour has passed, otherwise the day before.
 */
export function expectedStatementDate(
  local: { date: string; time: string },
  dueHour: number,
  addDays: (d: string, n: number) => string,
): string {
  const hour = Number(local.time.slice(0, 2));
  return addDays(local.date, hour >= dueHour ? -1 : -2);
}

/** STALE_REPORT: an active account opened by the expected date has no statement for it (or later). */
export function staleReport(input: {
  status: string;
  openedOn: string;
  lastStatementDate: string | null;
  expectedDate: string;
}): Verdict {
  if (input.status !== 'ACTIVE' || input.openedOn > input.expectedDate) return clear;
  if (input.lastStatementDate !== null && input.lastStatementDate >= input.expectedDate) return clear;
  return {
    holds: true,
    details: { expectedStatementDate: input.expectedDate, lastStatementDate: input.lastStatementDate },
  };
}

/** NO_ESCROW_ACCOUNT: an operating institution without an account in use (ACTIVE or FROZEN) nor a risk reserve valid today (hasAccount covers both). */
export function noEscrowAccount(input: { operating: boolean; hasAccount: boolean }): Verdict {
  return input.operating && !input.hasAccount ? { holds: true, details: {} } : clear;
}
