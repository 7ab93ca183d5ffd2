/**
 * The money arithmetic of a prepaid contract (一课一消) in fen, as pure functions the services and the SQL
 * mirror (the SQL repeats these formulas set-wise; prepaid-money.spec.ts checks the invariants over random
 * sequences). A matched contract's deposit (total_fen) is in custody until released or refunded:
 *   custody = total − released − refunded ≥ 0, released ≤ confirmed value.
 */
export interface ContractMoney {
  lessonsBought: number;
  lessonsTaught: number;
  lessonsConfirmed: number;
  pricePerLessonFen: bigint;
  totalFen: bigint;
  releasedFen: bigint;
  refundedFen: bigint;
}

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** Value of the confirmed lessons, never above what stays of the deposit after refunds. */
export function confirmedValueFen(c: ContractMoney): bigint {
  return min(BigInt(c.lessonsConfirmed) * c.pricePerLessonFen, c.totalFen - c.refundedFen);
}

/** Releasable now: confirmed value less what was already released (instructed or executed). */
export function releasableFen(c: ContractMoney): bigint {
  return max(0n, confirmedValueFen(c) - c.releasedFen);
}

/**
 * A refund case's amount: the lessons not yet taught at the contract price, never more than the deposit
 * less what was refunded and less the value of every lesson taught (those may still be confirmed and
 * released), so released + refunded never exceeds the deposit.
 */
export function refundableFen(c: ContractMoney): { lessons: number; amountFen: bigint } {
  const lessons = Math.max(0, c.lessonsBought - c.lessonsTaught);
  const taughtValue = BigInt(c.lessonsTaught) * c.pricePerLessonFen;
  const amountFen = max(0n, min(BigInt(lessons) * c.pricePerLessonFen, c.totalFen - c.refundedFen - taughtValue));
  return { lessons, amountFen };
}

/** SQL of confirmedValueFen over prepaid_contract alias c. */
export const CONFIRMED_VALUE_SQL = (c: string): string =>
  `least(${c}.lessons_confirmed::bigint * ${c}.price_per_lesson_fen, ${c}.total_fen - ${c}.refunded_fen)`;

/**
 * The contracts with money to release: matched deposit, confirmed value above what was released. Written
 * exactly as the predicate of the partial index idx_prepaid_contract_releasable, so the planner uses it.
 */
export const RELEASABLE_WHERE = (c: string): string =>
  `${c}.matched_at IS NOT NULL AND least(${c}.lessons_confirmed::bigint * ${c}.price_per_lesson_fen, ${c}.total_fen - ${c}.refunded_fen) > ${c}.released_fen`;
