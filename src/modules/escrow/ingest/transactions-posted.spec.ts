import { postedAccounts } from '../../../platform/events/catalogue';
import { TransactionItem } from '../rest/bank-items';
import { LockedAccount } from './ingest-results';
import { Candidate, Known } from './transaction-plan';
import { postedEvent } from './transactions-posted';

describe('escrow.transactions.posted: one event per batch (v2), v1 still read', () => {
  const account = (id: string): LockedAccount => ({
    id,
    account_no: `no-${id}`,
    status: 'ACTIVE',
    institution_id: `inst-${id}`,
    township_code: '520122001',
    required_custody_fen: '0',
  });
  const accounts = [account('a'), account('b')];
  let seq = 0;
  const stored = (accountId: string, type: string, reversalOf: string | null = null): Candidate => ({
    index: seq,
    accountId,
    item: {
      accountNo: `no-${accountId}`,
      txnId: `T${++seq}`,
      bookedAt: new Date('2026-11-28T02:15:00Z'),
      type,
      amountFen: 100n,
      payerRef: null,
      contractRef: null,
      reversalOf,
    } as unknown as TransactionItem,
    balance: 0n,
    custody: 0n,
    exceeds: false,
  });

  it('groups the money items by account in order of first appearance, items in batch order', () => {
    const items = [stored('b', 'DEPOSIT'), stored('a', 'INTEREST'), stored('a', 'RELEASE'), stored('b', 'REFUND')];
    const event = postedEvent('BANK', 'batch-1', accounts, items, new Map());
    expect(event).toMatchObject({ bankCode: 'BANK', batchId: 'batch-1' });
    expect(event?.accounts.map((x) => [x.accountId, x.institutionId, x.items.map((i) => i.txnId)])).toEqual([
      ['b', 'inst-b', [items[0].item.txnId, items[3].item.txnId]],
      ['a', 'inst-a', [items[2].item.txnId]],
    ]);
  });

  it('a batch without money items (interest, fees, reversals of those) publishes nothing', () => {
    const fee = stored('a', 'FEE');
    const known = new Map<string, Known>([[fee.item.txnId, { type: 'FEE' } as Known]]);
    expect(
      postedEvent(
        'BANK',
        'batch-2',
        accounts,
        [stored('a', 'INTEREST'), stored('a', 'REVERSAL', fee.item.txnId)],
        known,
      ),
    ).toBeNull();
  });

  it('postedAccounts reads v2 as it is and v1 as its one account', () => {
    const one = { accountId: 'a', institutionId: 'inst-a', townshipCode: null, items: [] };
    expect(postedAccounts({ version: 2, payload: { bankCode: 'BANK', batchId: 'x', accounts: [one, one] } })).toEqual([
      one,
      one,
    ]);
    expect(postedAccounts({ version: 1, payload: { bankCode: 'BANK', ...one } })).toEqual([one]);
  });
});
