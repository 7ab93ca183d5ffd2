import {
  EscrowPostedAccount,
  EscrowPostedItem,
  EscrowTransactionsPostedPayload,
} from '../../../platform/events/catalogue';
import { LockedAccount } from './ingest-results';
import { Candidate, Known } from './transaction-plan';

const MONEY_TYPES: ReadonlySet<string> = new Set(['DEPOSIT', 'RELEASE', 'REFUND']);

/**
 * The escrow.transactions.posted event of a batch (v2), or null when the batch stored no money movement:
 * every account with newly stored DEPOSIT, RELEASE, REFUND items (and REVERSALs of one of those), in the
 * order of its first such item, each with its items in batch order. `stored`: the batch's candidates the
 * INSERT stored, in batch order; `known`: what the checks knew (a reversal's original).
 */
export function postedEvent(
  bankCode: string,
  batchId: string,
  accounts: Iterable<LockedAccount>,
  stored: Candidate[],
  known: Map<string, Known>,
): EscrowTransactionsPostedPayload | null {
  const accountById = new Map<string, LockedAccount>();
  for (const a of accounts) accountById.set(a.id, a);
  const byAccount = new Map<string, EscrowPostedAccount>();
  for (const c of stored) {
    const { item } = c;
    const moves =
      MONEY_TYPES.has(item.type) ||
      (item.type === 'REVERSAL' && MONEY_TYPES.has(known.get(item.reversalOf as string)?.type ?? ''));
    if (!moves) continue;
    let entry = byAccount.get(c.accountId);
    if (!entry) {
      const account = accountById.get(c.accountId) as LockedAccount;
      entry = {
        accountId: account.id,
        institutionId: account.institution_id,
        townshipCode: account.township_code,
        items: [],
      };
      byAccount.set(c.accountId, entry);
    }
    entry.items.push({
      txnId: item.txnId,
      type: item.type as EscrowPostedItem['type'],
      amountFen: item.amountFen.toString(),
      bookedAt: item.bookedAt.toISOString(),
      payerRef: item.payerRef,
      contractRef: item.contractRef,
      reversalOf: item.reversalOf,
    });
  }
  return byAccount.size === 0 ? null : { bankCode, batchId, accounts: [...byAccount.values()] };
}
