import { createHash } from 'node:crypto';
import { isCalendarDate } from '../../../platform/clock/business-time';
import { stringProblem } from '../../../platform/graphql/query-limits';
import {
  MAX_AMOUNT_FEN,
  MAX_TOTAL_FEN,
  MONEY_PATTERN,
  formatMoney,
  parseMoney,
} from '../../../platform/database/money';
import { ACCOUNT_NO_FORMAT, MUST_BE_DATE, oneOf } from '../../../platform/i18n/field-texts';
import { Text, text } from '../../../platform/i18n/text';

/**
 * Item-level validation of what banks post (docs/bank-api.md). An item that fails is REJECTED with
 * code INVALID and a message naming the field, in both languages (ADR 0021: the answer picks the request's);
 * the envelope itself is validated by the DTOs (400).
 */
export const TXN_TYPES = ['DEPOSIT', 'RELEASE', 'REFUND', 'INTEREST', 'FEE', 'REVERSAL'] as const;
export type TxnType = (typeof TXN_TYPES)[number];

export interface StatementItem {
  accountNo: string;
  statementDate: string;
  openingFen: bigint;
  closingFen: bigint;
  revision: number;
}

export interface TransactionItem {
  accountNo: string;
  txnId: string;
  bookedAt: Date;
  type: TxnType;
  amountFen: bigint;
  payerRef: string | null;
  lessonHours: number | null;
  coverageMonths: number | null;
  reversalOf: string | null;
  memo: string | null;
  /** The prepaid contract's code (预付费合同编号) a DEPOSIT pays for, when the bank knows it. */
  contractRef: string | null;
  /** sha256 over the normalised content: identical content ⇔ same hash (DUPLICATE vs CONFLICT). */
  contentHash: string;
}

/** A refused item: INVALID, or AMOUNT_OUT_OF_RANGE for an amount beyond the service's money bounds. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: Text; code?: 'AMOUNT_OUT_OF_RANGE' };

/** An account number as banks send it (and officers enter it): 1–34 characters 0-9, A-Z, a-z or -. */
export const ACCOUNT_NO_PATTERN = /^[0-9A-Za-z-]{1,34}$/;
const TXN_ID = /^[\x21-\x7e]{1,64}$/;
/** A prepaid contract code as printed on the contract: 8–32 characters A-Z, 0-9 or -. */
export const CONTRACT_REF_PATTERN = /^[A-Z0-9-]{8,32}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const CURRENCY_CNY = text('currency must be CNY', '币种（currency）须为 CNY');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (message: Text): { ok: false; message: Text } => ({ ok: false, message });
const outOfRange = (message: Text): { ok: false; message: Text; code: 'AMOUNT_OUT_OF_RANGE' } => ({
  ok: false,
  message,
  code: 'AMOUNT_OUT_OF_RANGE',
});

export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !INSTANT.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "<field> <problem>": the field's name (as the bank sends it) before the problem, in both languages. */
const field = (name: string, problem: Text): Text => text(`${name} ${problem.en}`, `${name} ${problem.zh}`);

/** The Chinese names of the fields in the money messages (the English names the field as sent). */
const MONEY_FIELD: Record<string, string> = { amount: '金额', openingBalance: '期初余额', closingBalance: '期末余额' };

function money(item: Record<string, unknown>, name: string): bigint | { error: Text } {
  const v = item[name];
  if (typeof v !== 'string' || !MONEY_PATTERN.test(v))
    return {
      error: text(
        `${name} must be a decimal string with exactly two decimals, e.g. "1234.50"`,
        `${MONEY_FIELD[name] ?? name}（${name}）须为恰好两位小数的字符串，例如 "1234.50"`,
      ),
    };
  return parseMoney(v);
}

function optionalInt(item: Record<string, unknown>, name: string, max: number): number | null | { error: Text } {
  const v = item[name];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max)
    return { error: text(`${name} must be an integer from 0 to ${max}`, `${name} 须为 0 到 ${max} 之间的整数`) };
  return v;
}

function optionalText(item: Record<string, unknown>, name: string, max: number): string | null | { error: Text } {
  const v = item[name];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.length > max)
    return {
      error: text(`${name} must be a string of at most ${max} characters`, `${name} 须为不超过 ${max} 个字符的字符串`),
    };
  // PostgreSQL cannot store NUL or lone surrogates: refused per item, as the GraphQL edge refuses them.
  const problem = stringProblem(v, max);
  if (problem) return { error: field(name, problem) };
  return v;
}

function accountNo(item: Record<string, unknown>): string | null {
  return typeof item.accountNo === 'string' && ACCOUNT_NO_PATTERN.test(item.accountNo) ? item.accountNo : null;
}

export function checkStatement(raw: unknown, today: string): Checked<StatementItem> {
  if (!isObject(raw)) return fail(text('a statement must be an object', '对账单须为 JSON 对象'));
  const no = accountNo(raw);
  if (!no) return fail(field('accountNo', ACCOUNT_NO_FORMAT));
  if (!isCalendarDate(raw.statementDate)) return fail(field('statementDate', MUST_BE_DATE));
  if (raw.statementDate > today)
    return fail(text(`statementDate must not be after today (${today})`, `statementDate 不能晚于今天（${today}）`));
  const opening = money(raw, 'openingBalance');
  if (typeof opening !== 'bigint') return fail(opening.error);
  const closing = money(raw, 'closingBalance');
  if (typeof closing !== 'bigint') return fail(closing.error);
  if (opening > MAX_TOTAL_FEN || closing > MAX_TOTAL_FEN)
    return outOfRange(
      text(
        `openingBalance and closingBalance must not exceed ${formatMoney(MAX_TOTAL_FEN)}`,
        `期初余额和期末余额均不能超过 ${formatMoney(MAX_TOTAL_FEN)}`,
      ),
    );
  if (raw.currency !== 'CNY') return fail(CURRENCY_CNY);
  const revision = raw.revision;
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0 || revision > 1_000_000)
    return fail(text('revision must be an integer from 0 to 1000000', 'revision 须为 0 到 1000000 之间的整数'));
  return {
    ok: true,
    value: { accountNo: no, statementDate: raw.statementDate, openingFen: opening, closingFen: closing, revision },
  };
}

export function checkTransaction(raw: unknown, now: Date): Checked<TransactionItem> {
  if (!isObject(raw)) return fail(text('a transaction must be an object', '交易须为 JSON 对象'));
  const no = accountNo(raw);
  if (!no) return fail(field('accountNo', ACCOUNT_NO_FORMAT));
  if (typeof raw.txnId !== 'string' || !TXN_ID.test(raw.txnId))
    return fail(
      text(
        'txnId must be 1–64 printable ASCII characters without spaces',
        'txnId 须为 1–64 个可打印 ASCII 字符，不含空格',
      ),
    );
  const bookedAt = parseInstant(raw.bookedAt);
  if (!bookedAt)
    return fail(
      text(
        'bookedAt must be an ISO 8601 date-time with an offset, e.g. 2026-11-28T10:15:00+08:00',
        'bookedAt 须为带时区偏移的 ISO 8601 日期时间，例如 2026-11-28T10:15:00+08:00',
      ),
    );
  if (bookedAt.getTime() > now.getTime() + 300_000)
    return fail(text('bookedAt must not be in the future', 'bookedAt（记账时间）不能晚于当前时间'));
  if (typeof raw.type !== 'string' || !(TXN_TYPES as readonly string[]).includes(raw.type))
    return fail(field('type', oneOf(TXN_TYPES)));
  const type = raw.type as TxnType;
  const amount = money(raw, 'amount');
  if (typeof amount !== 'bigint') return fail(amount.error);
  if (amount > MAX_AMOUNT_FEN)
    return outOfRange(
      text(`amount must not exceed ${formatMoney(MAX_AMOUNT_FEN)}`, `金额不能超过 ${formatMoney(MAX_AMOUNT_FEN)}`),
    );
  if (raw.currency !== 'CNY') return fail(CURRENCY_CNY);
  const payerRef = optionalText(raw, 'payerRef', 128);
  if (payerRef !== null && typeof payerRef === 'object') return fail(payerRef.error);
  const memo = optionalText(raw, 'memo', 500);
  if (memo !== null && typeof memo === 'object') return fail(memo.error);
  const lessonHours = optionalInt(raw, 'lessonHours', 100_000);
  if (lessonHours !== null && typeof lessonHours === 'object') return fail(lessonHours.error);
  const coverageMonths = optionalInt(raw, 'coverageMonths', 1_200);
  if (coverageMonths !== null && typeof coverageMonths === 'object') return fail(coverageMonths.error);
  const contractRef = optionalText(raw, 'contractRef', 32);
  if (contractRef !== null && typeof contractRef === 'object') return fail(contractRef.error);
  if (contractRef !== null) {
    if (!CONTRACT_REF_PATTERN.test(contractRef))
      return fail(
        text(
          'contractRef must be the contract code: 8–32 characters A-Z, 0-9 or -',
          'contractRef 须为合同编号：8–32 位大写字母、数字或 -',
        ),
      );
    if (type !== 'DEPOSIT')
      return fail(text('contractRef is only allowed on a DEPOSIT', 'contractRef 仅可用于 DEPOSIT（存入）'));
  }
  const reversalOf = raw.reversalOf === undefined || raw.reversalOf === null ? null : raw.reversalOf;
  if (type === 'REVERSAL') {
    if (typeof reversalOf !== 'string' || !TXN_ID.test(reversalOf))
      return fail(
        text('reversalOf must name the txnId a REVERSAL undoes', 'reversalOf 须为 REVERSAL（冲正）所撤销交易的 txnId'),
      );
    if (reversalOf === raw.txnId) return fail(text('a transaction cannot reverse itself', '交易不能冲正自身'));
  } else if (reversalOf !== null) {
    return fail(text('reversalOf is only allowed on a REVERSAL', 'reversalOf 仅可用于 REVERSAL（冲正）'));
  }
  const value = {
    accountNo: no,
    txnId: raw.txnId,
    bookedAt,
    type,
    amountFen: amount,
    payerRef,
    lessonHours,
    coverageMonths,
    reversalOf: reversalOf as string | null,
    memo,
    contractRef,
  };
  // contractRef (added within v1) is hashed only when present: an item sent before it existed, resent
  // as it was, keeps its hash and stays DUPLICATE.
  const canonical = JSON.stringify([
    value.accountNo,
    value.txnId,
    bookedAt.toISOString(),
    type,
    amount.toString(),
    'CNY',
    payerRef,
    lessonHours,
    coverageMonths,
    reversalOf,
    memo,
    ...(contractRef !== null ? [contractRef] : []),
  ]);
  return { ok: true, value: { ...value, contentHash: createHash('sha256').update(canonical).digest('hex') } };
}

/** How a movement changes the balance and the custody required (押金/预收费: deposits − releases − refunds). */
export function effects(type: Exclude<TxnType, 'REVERSAL'>, amountFen: bigint): { balance: bigint; custody: bigint } {
  switch (type) {
    case 'DEPOSIT':
      return { balance: amountFen, custody: amountFen };
    case 'RELEASE':
    case 'REFUND':
      return { balance: -amountFen, custody: -amountFen };
    case 'INTEREST':
      return { balance: amountFen, custody: 0n };
    case 'FEE':
      return { balance: -amountFen, custody: 0n };
  }
}
