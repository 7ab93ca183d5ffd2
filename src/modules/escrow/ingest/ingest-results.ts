/** What a bank batch answers, item by item (docs/bank-api.md "Batches and item results"). */
export type ItemStatus = 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';
export type RejectCode = 'ACCOUNT_NOT_FOUND' | 'ACCOUNT_CLOSED' | 'CONFLICT' | 'INVALID' | 'AMOUNT_OUT_OF_RANGE';

export interface ItemResult {
  index: number;
  status: ItemStatus;
  code?: RejectCode;
  message?: string;
}

export interface BatchResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: ItemResult[];
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

export const rejected = (index: number, code: RejectCode, message?: string): ItemResult => ({
  index,
  status: 'REJECTED',
  code,
  ...(message ? { message } : {}),
});

/** An item naming an account the bank does not hold (another bank's looks the same), or a closed one. */
export function accountProblem(index: number, account: LockedAccount | undefined): ItemResult | null {
  if (!account) return rejected(index, 'ACCOUNT_NOT_FOUND', 'No escrow account with this number is held by your bank');
  if (account.status === 'CLOSED') return rejected(index, 'ACCOUNT_CLOSED', 'The escrow account is closed');
  return null;
}

export function summarise(results: ItemResult[]): BatchResult {
  let accepted = 0;
  let duplicates = 0;
  for (const r of results) {
    if (r.status === 'ACCEPTED') accepted++;
    else if (r.status === 'DUPLICATE') duplicates++;
  }
  return { accepted, duplicates, rejected: results.length - accepted - duplicates, results };
}
