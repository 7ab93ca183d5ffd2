import { ValueTransformer } from 'typeorm';

/**
 * Money is integer fen (分) in the database and in code, and a two-decimal string at the edges
 * (`"1234.50"`). Fen are BigInt: the bank contract allows 15 integer digits, beyond Number's exact range.
 */
export const MONEY_PATTERN = /^\d{1,15}\.\d{2}$/;

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
