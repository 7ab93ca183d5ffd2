import { EscrowPostedItem, EscrowTransactionsPostedPayload } from '../../../platform/events/catalogue';
import { LockedAccount } from './ingest-results';
import { Candidate, Known } from './transaction-plan';

const MONEY_TYPES: ReadonlySet<string> = new Set(['DEPOSIT', 'RELEASE', 'REFUND']);

/**
 * The escrow.transactions.posted events of a batch: one per account with newly stored money movements
 * (DEPOSIT, RELEASE, REFUND, and a REVERSAL of one of those), in batch order. `stored`: the batch's
 * candidates the INSERT stored, in batch order; `known`: what the checks knew (a reversal's original).
 */
export function postedEvents(
  bankCode: string,
  accounts: Iterable<LockedAccount>,
  stored: Candidate[],
  known: Map<string, Known>,
): EscrowTransactionsPostedPayload[] {
  const accountById = new Map<string, LockedAccount>();
  for (const a of accounts) accountById.set(a.id, a);
  const byAccount = new Map<string, EscrowTransactionsPostedPayload>();
  for (const c of stored) {
    const { item } = c;
    const moves =
      MONEY_TYPES.has(item.type) ||
      (item.type === 'REVERSAL' && MONEY_TYPES.has(known.get(item.reversalOf as string)?.type ?? ''));
    if (!moves) continue;
    let event = byAccount.get(c.accountId);
    if (!event) {
      const account = accountById.get(c.accountId) as LockedAccount;
      event = {
        accountId: account.id,
        institutionId: account.institution_id,
        bankCode,
        townshipCode: account.township_code,
        items: [],
      };
      byAccount.set(c.accountId, event);
    }
    event.items.push({
      txnId: item.txnId,
      type: item.type as EscrowPostedItem['type'],
      amountFen: item.amountFen.toString(),
      bookedAt: item.bookedAt.toISOString(),
      payerRef: item.payerRef,
      contractRef: item.contractRef,
      reversalOf: item.reversalOf,
    });
  }
  return [...byAccount.values()];
}
