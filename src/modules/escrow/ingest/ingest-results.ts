import { localize } from '../../../platform/i18n/locale';
import { Locale, Text, text } from '../../../platform/i18n/text';

/** What a bank batch answers, item by item (docs/bank-api.md "Batches and item results"). */
export type ItemStatus = 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';
export type RejectCode = 'ACCOUNT_NOT_FOUND' | 'ACCOUNT_CLOSED' | 'CONFLICT' | 'INVALID' | 'AMOUNT_OUT_OF_RANGE';

/** One item's result while a batch is worked: its message (when refused) in both languages (ADR 0021). */
export interface ItemResult {
  index: number;
  status: ItemStatus;
  code?: RejectCode;
  message?: Text;
}

/** One item as answered: the message in the request's language. */
export interface ItemAnswer {
  index: number;
  status: ItemStatus;
  code?: RejectCode;
  message?: string;
}

export interface BatchResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: ItemAnswer[];
}

/** One of the calling bank's accounts named in a batch, locked for the batch. */
export interface LockedAccount {
  id: string;
  account_no: string;
  status: string;
  institution_id: string;
  township_code: string | null;
  /** Required custody before this batch (int8 as text). */
  required_custody_fen: string;
}

export const rejected = (index: number, code: RejectCode, message?: Text): ItemResult => ({
  index,
  status: 'REJECTED',
  code,
  ...(message ? { message } : {}),
});

/** An item naming an account the bank does not hold (another bank's looks the same), or a closed one. */
export function accountProblem(index: number, account: LockedAccount | undefined): ItemResult | null {
  if (!account)
    return rejected(
      index,
      'ACCOUNT_NOT_FOUND',
      text('No escrow account with this number is held by your bank', '贵行没有该账号的资金监管账户'),
    );
  if (account.status === 'CLOSED')
    return rejected(index, 'ACCOUNT_CLOSED', text('The escrow account is closed', '该资金监管账户已销户'));
  return null;
}

/**
 * The batch's answer, its item messages in `locale` (the request's Accept-Language): written once, and
 * recorded as is with the idempotency key, so a replay answers in the first request's language.
 */
export function summarise(results: ItemResult[], locale?: Locale): BatchResult {
  let accepted = 0;
  let duplicates = 0;
  for (const r of results) {
    if (r.status === 'ACCEPTED') accepted++;
    else if (r.status === 'DUPLICATE') duplicates++;
  }
  return {
    accepted,
    duplicates,
    rejected: results.length - accepted - duplicates,
    results: results.map(({ message, ...r }) => (message ? { ...r, message: localize(message, locale) } : r)),
  };
}
