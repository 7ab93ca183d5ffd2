import { MAX_TOTAL_FEN, formatMoney, withinTotalBound } from '../../../platform/database/money';
import { Text, text } from '../../../platform/i18n/text';
import { PrepaidLimits, prepaidLimitBreaches } from '../monitoring/rules';
import { Checked, TransactionItem, TxnType, effects } from '../rest/bank-items';
import { ItemResult, LockedAccount, accountProblem, rejected } from './ingest-results';

/** A batch item that passed the checks and goes into the INSERT (its fate is known after it). */
export interface Candidate {
  index: number;
  accountId: string;
  item: TransactionItem;
  balance: bigint;
  custody: bigint;
  exceeds: boolean;
}

/** A transaction the batch's checks know of: stored (candidate null) or one of the batch's candidates. */
export interface Known {
  accountId: string;
  type: TxnType;
  amountFen: bigint;
  balance: bigint;
  custody: bigint;
  hash: string;
  reversed: boolean;
  candidate: Candidate | null;
}

/** What the checks decided: results of the items already answered, what to insert, and repeated txnIds. */
export interface TransactionPlan {
  results: ItemResult[];
  candidates: Candidate[];
  repeats: { index: number; first: Candidate; item: TransactionItem }[];
}

/** A transaction whose txnId is already taken: DUPLICATE when the content is the same, else CONFLICT. */
export function sameContent(index: number, item: TransactionItem, hash: string): ItemResult {
  if (item.contentHash === hash) return { index, status: 'DUPLICATE' };
  return rejected(
    index,
    'CONFLICT',
    text('A transaction with this txnId and different content is already stored', '该 txnId 的交易已存储且内容不同'),
  );
}

/**
 * The per-item checks of a transaction batch, in memory and in batch order: the account, a txnId already
 * known (DUPLICATE/CONFLICT, or a repeat of the batch's own), a REVERSAL against what it undoes, the
 * balance and custody effects, the running required custody of each account within the money bound, and
 * the prepaid limits of a deposit on its own. `known` (the stored transactions the batch names) is extended
 * with the batch's candidates.
 */
export function planTransactions(
  checked: Checked<TransactionItem>[],
  accounts: Map<string, LockedAccount>,
  known: Map<string, Known>,
  limits: PrepaidLimits,
): TransactionPlan {
  const results: ItemResult[] = new Array<ItemResult>(checked.length);
  const candidates: Candidate[] = [];
  const repeats: TransactionPlan['repeats'] = [];
  const custodyOf = new Map<string, bigint>();
  checked.forEach((c, index) => {
    if (!c.ok) return void (results[index] = rejected(index, c.code ?? 'INVALID', c.message));
    const item = c.value;
    const account = accounts.get(item.accountNo);
    const problem = accountProblem(index, account);
    if (problem || !account) return void (results[index] = problem as ItemResult);
    const before = known.get(item.txnId);
    if (before?.candidate) return void repeats.push({ index, first: before.candidate, item });
    if (before) return void (results[index] = sameContent(index, item, before.hash));
    let balance: bigint;
    let custody: bigint;
    if (item.type === 'REVERSAL') {
      const original = known.get(item.reversalOf as string);
      const invalid = (message: Text) => void (results[index] = rejected(index, 'INVALID', message));
      if (!original || original.accountId !== account.id)
        return invalid(
          text('reversalOf must name a transaction of the same account', 'reversalOf 须指向同一账户的交易'),
        );
      if (original.type === 'REVERSAL')
        return invalid(
          text(
            'a REVERSAL cannot be reversed; post the transaction again',
            'REVERSAL（冲正）不能再被冲正；请重新报送原交易',
          ),
        );
      if (original.reversed)
        return invalid(
          text('the transaction named by reversalOf is already reversed', 'reversalOf 指向的交易已被冲正'),
        );
      if (original.amountFen !== item.amountFen)
        return invalid(
          text(
            'a REVERSAL must have the amount of the transaction it undoes',
            'REVERSAL（冲正）的金额须与所撤销交易的金额相同',
          ),
        );
      balance = -original.balance;
      custody = -original.custody;
    } else {
      ({ balance, custody } = effects(item.type, item.amountFen));
    }
    // The account's required custody as this batch would leave it: an item that would take it past the
    // money bound is refused on its own (the account and the rest of the batch are untouched).
    const custodyAfter = (custodyOf.get(account.id) ?? BigInt(account.required_custody_fen)) + custody;
    if (!withinTotalBound(custodyAfter)) {
      return void (results[index] = rejected(
        index,
        'AMOUNT_OUT_OF_RANGE',
        text(
          `the account's required custody would exceed ${formatMoney(MAX_TOTAL_FEN)}`,
          `该账户的应监管资金将超过 ${formatMoney(MAX_TOTAL_FEN)}`,
        ),
      ));
    }
    custodyOf.set(account.id, custodyAfter);
    if (item.type === 'REVERSAL') (known.get(item.reversalOf as string) as Known).reversed = true;
    const exceeds = item.type === 'DEPOSIT' && prepaidLimitBreaches(item, limits).length > 0;
    const candidate = { index, accountId: account.id, item, balance, custody, exceeds };
    known.set(item.txnId, {
      accountId: account.id,
      type: item.type,
      amountFen: item.amountFen,
      balance,
      custody,
      hash: item.contentHash,
      reversed: false,
      candidate,
    });
    candidates.push(candidate);
  });
  return { results, candidates, repeats };
}

/** The stored transactions as the checks know them. */
export function knownFromStored(
  rows: {
    txn_id: string;
    account_id: string;
    type: TxnType;
    amount_fen: string;
    balance_effect_fen: string;
    custody_effect_fen: string;
    content_hash: string;
    reversed: boolean;
  }[],
): Map<string, Known> {
  return new Map<string, Known>(
    rows.map((s) => [
      s.txn_id,
      {
        accountId: s.account_id,
        type: s.type,
        amountFen: BigInt(s.amount_fen),
        balance: BigInt(s.balance_effect_fen),
        custody: BigInt(s.custody_effect_fen),
        hash: s.content_hash,
        reversed: s.reversed,
        candidate: null,
      },
    ]),
  );
}
