import { MAX_TOTAL_FEN } from '../../../platform/database/money';
import { checkTransaction } from '../rest/bank-items';
import { LockedAccount } from './ingest-results';
import { Known, knownFromStored, planTransactions } from './transaction-plan';

describe('planTransactions: per-item checks and the running custody of a batch', () => {
  const now = new Date('2026-11-28T12:00:00+08:00');
  const limits = { maxAmountFen: 500_000n, maxLessonHours: 60, maxCoverageMonths: 3 };
  const deposit = (txnId: string, amount: string) =>
    checkTransaction(
      {
        accountNo: '6222020200112233',
        txnId,
        bookedAt: '2026-11-28T10:15:00+08:00',
        type: 'DEPOSIT',
        amount,
        currency: 'CNY',
      },
      now,
    );
  const accountWith = (requiredCustodyFen: bigint): Map<string, LockedAccount> =>
    new Map([
      [
        '6222020200112233',
        {
          id: 'acc-1',
          account_no: '6222020200112233',
          status: 'ACTIVE',
          institution_id: 'inst-1',
          township_code: null,
          required_custody_fen: String(requiredCustodyFen),
        },
      ],
    ]);
  const storedAs = (txnId: string, amountFen: bigint, contentHash: string): Map<string, Known> =>
    knownFromStored([
      {
        txn_id: txnId,
        account_id: 'acc-1',
        type: 'DEPOSIT',
        amount_fen: String(amountFen),
        balance_effect_fen: String(amountFen),
        custody_effect_fen: String(amountFen),
        content_hash: contentHash,
        reversed: false,
      },
    ]);
  const hashOf = (c: ReturnType<typeof deposit>): string => (c.ok ? c.value.contentHash : '');

  it('answers a stored transaction DUPLICATE without moving the running custody', () => {
    const big = '99999999999.99';
    const resent = deposit('OLD-1', big);
    const fits = deposit('NEW-1', '0.01');
    // The stored deposit is already in the account's custody, which is one fen below the bound.
    const plan = planTransactions(
      [resent, fits],
      accountWith(MAX_TOTAL_FEN - 1n),
      storedAs('OLD-1', 9_999_999_999_999n, hashOf(resent)),
      limits,
    );
    expect(plan.results[0]).toEqual({ index: 0, status: 'DUPLICATE' });
    expect(plan.candidates.map((c) => [c.item.txnId, c.custody])).toEqual([['NEW-1', 1n]]);
  });

  it('answers a stored txnId with other content CONFLICT, and still counts a new item against the bound', () => {
    const plan = planTransactions(
      [deposit('OLD-1', '1.00'), deposit('NEW-1', '0.02')],
      accountWith(MAX_TOTAL_FEN - 1n),
      storedAs('OLD-1', 200n, 'f'.repeat(64)),
      limits,
    );
    expect(plan.results[0]).toMatchObject({ status: 'REJECTED', code: 'CONFLICT' });
    expect(plan.results[1]).toMatchObject({ status: 'REJECTED', code: 'AMOUNT_OUT_OF_RANGE' });
    expect(plan.candidates).toEqual([]);
  });

  it('counts new items of the batch cumulatively, and a repeated txnId once', () => {
    const first = deposit('NEW-1', '0.01');
    const plan = planTransactions(
      [first, first, deposit('NEW-2', '0.01')],
      accountWith(MAX_TOTAL_FEN - 1n),
      new Map(),
      limits,
    );
    expect(plan.candidates.map((c) => c.item.txnId)).toEqual(['NEW-1']);
    expect(plan.repeats.map((r) => r.index)).toEqual([1]);
    expect(plan.results[2]).toMatchObject({ status: 'REJECTED', code: 'AMOUNT_OUT_OF_RANGE' });
  });
});
