import { ValueTransformer } from 'typeorm';

/**
 * Money is integer fen (分) in the database and in code, and a two-decimal string at the edges
 * (`"1234.50"`). Fen are BigInt: the bank contract allows 15 integer digits, beyond Number's exact range.
 */
export const MONEY_PATTERN = /^\d{1,15}\.\d{2}$/;

/**
 * The largest single amount the service accepts: 99,999,999,999.99 yuan (10^13 − 1 fen), far beyond any
 * real prepayment or balance of a training institution, and small enough that no total the service keeps
 * can reach the 64-bit column limit (9.2 × 10^18 fen) before MAX_TOTAL_FEN stops it.
 */
export const MAX_AMOUNT_FEN = 10n ** 13n - 1n;

/**
 * The largest running total the service keeps (an account's required custody, a statement balance):
 * 99,999,999,999,999.99 yuan (10^16 − 1 fen), a thousandth of the 64-bit limit, so county-wide sums of
 * many accounts still fit.
 */
export const MAX_TOTAL_FEN = 10n ** 16n - 1n;

/** Money typed into GraphQL inputs: two decimals and at most 11 integer digits (≤ MAX_AMOUNT_FEN). */
export const MONEY_INPUT_PATTERN = /^\d{1,11}\.\d{2}$/;

/** Whether a total (or a total about to be stored) is within ±MAX_TOTAL_FEN. */
export function withinTotalBound(fen: bigint): boolean {
  return fen <= MAX_TOTAL_FEN && fen >= -MAX_TOTAL_FEN;
}

export function parseMoney(value: string): bigint {
  if (!MONEY_PATTERN.test(value)) throw new RangeError(`not a money amount: "${value}"`);
  const [yuan, fen] = value.split('.') as [string, string];
  return BigInt(yuan) * 100n + BigInt(fen);
}

export function formatMoney(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = abs / 100n;
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${rest}`;
}

/** TypeORM transformer for `bigint` money columns (pg returns int8 as a string). */
export const fenTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
