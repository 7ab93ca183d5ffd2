import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { BankPrincipal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { AccountMonitor } from './monitoring/account-monitor';
import { prepaidLimitBreaches } from './monitoring/rules';
import { StatementItem, TransactionItem, TxnType, checkStatement, checkTransaction, effects } from './rest/bank-items';

export type ItemStatus = 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';
export type RejectCode = 'ACCOUNT_NOT_FOUND' | 'ACCOUNT_CLOSED' | 'CONFLICT' | 'INVALID';

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

interface LockedAccount {
  id: string;
  account_no: string;
  status: string;
}

const rejected = (index: number, code: RejectCode, message?: string): ItemResult => ({ index, status: 'REJECTED', code, ...(message ? { message } : {}) });

function summarise(results: ItemResult[]): BatchResult {
  let accepted = 0;
  let duplicates = 0;
  for (const r of results) {
    if (r.status === 'ACCEPTED') accepted++;
    else if (r.status === 'DUPLICATE') duplicates++;
  }
  return { accepted, duplicates, rejected: results.length - accepted - duplicates, results };
}

/**
 * Statements and transactions posted by banks (docs/bank-api.md), handled set-wise: every item is
 * validated in memory, then one transaction runs a fixed handful of statements for the whole batch (lock
 * the bank's accounts named in it, fetch the rows it might repeat, one multi-row INSERT … ON CONFLICT DO
 * NOTHING, one UPDATE of the accounts, the monitoring queries, one audit row), whatever the batch size.
 * Account look-ups are restricted to the calling bank, so another bank's account is ACCOUNT_NOT_FOUND.
 */
@Injectable()
export class BankIngestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly monitor: AccountMonitor,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Locks the calling bank's accounts named in the batch (in id order, so concurrent batches queue instead of deadlocking). */
  private async lockAccounts(em: EntityManager, bankCode: string, accountNos: string[]): Promise<Map<string, LockedAccount>> {
    if (accountNos.length === 0) return new Map();
    const rows: LockedAccount[] = await em.query(
      `SELECT id, account_no, status FROM escrow_account WHERE bank_code = $1 AND account_no = ANY($2::varchar[]) ORDER BY id FOR UPDATE`,
      [bankCode, accountNos],
    );
    return new Map(rows.map((r) => [r.account_no, r]));
  }

  private accountProblem(index: number, account: LockedAccount | undefined): ItemResult | null {
    if (!account) return rejected(index, 'ACCOUNT_NOT_FOUND', 'No escrow account with this number is held by your bank');
    if (account.status === 'CLOSED') return rejected(index, 'ACCOUNT_CLOSED', 'The escrow account is closed');
    return null;
  }

  async postStatements(actor: BankPrincipal, items: unknown[]): Promise<BatchResult> {
    const now = this.clock.now();
    const today = businessDate(now, this.config.timeZone);
    const checked = items.map((raw) => checkStatement(raw, today));
    const accountNos = [...new Set(checked.flatMap((c) => (c.ok ? [c.value.accountNo] : [])))];
    return this.dataSource.transaction(async (em) => {
      const accounts = await this.lockAccounts(em, actor.bankCode, accountNos);
      const keyOf = (accountId: string, s: { statementDate: string; revision: number }) => `${accountId}|${s.statementDate}|${s.revision}`;
      const candidates = checked.flatMap((c) => {
        const a = c.ok ? accounts.get(c.value.accountNo) : undefined;
        return c.ok && a ? [{ accountId: a.id, item: c.value }] : [];
      });
      const existing: { account_id: string; statement_date: string; revision: number; opening_fen: string; closing_fen: string }[] = candidates.length
        ? await em.query(
            `SELECT s.account_id, s.statement_date::text, s.revision, s.opening_fen, s.closing_fen FROM escrow_statement s
             JOIN unnest($1::uuid[], $2::date[], $3::int[]) AS k(a, d, r) ON s.account_id = k.a AND s.statement_date = k.d AND s.revision = k.r`,
            [candidates.map((c) => c.accountId), candidates.map((c) => c.item.statementDate), candidates.map((c) => c.item.revision)],
          )
        : [];
      const known = new Map<string, { openingFen: bigint; closingFen: bigint }>(
        existing.map((e) => [keyOf(e.account_id, { statementDate: e.statement_date, revision: e.revision }), { openingFen: BigInt(e.opening_fen), closingFen: BigInt(e.closing_fen) }]),
      );
      const results: ItemResult[] = [];
      const accepted: { accountId: string; item: StatementItem }[] = [];
      checked.forEach((c, index) => {
        if (!c.ok) return results.push(rejected(index, 'INVALID', c.message));
        const account = accounts.get(c.value.accountNo);
        const problem = this.accountProblem(index, account);
        if (problem || !account) return results.push(problem as ItemResult);
        const key = keyOf(account.id, c.value);
        const before = known.get(key);
        if (before) {
          if (before.openingFen === c.value.openingFen && before.closingFen === c.value.closingFen) return results.push({ index, status: 'DUPLICATE' });
          return results.push(rejected(index, 'CONFLICT', 'A statement with this account, date and revision and different values is already stored; send a higher revision'));
        }
        known.set(key, c.value);
        accepted.push({ accountId: account.id, item: c.value });
        return results.push({ index, status: 'ACCEPTED' });
      });
      if (accepted.length > 0) {
        const batchId = randomUUID();
        await em.query(
          `INSERT INTO escrow_statement (account_id, statement_date, revision, opening_fen, closing_fen, currency, batch_id, key_id, received_at)
           SELECT a, d, r, o, c, 'CNY', $6, $7, $8 FROM unnest($1::uuid[], $2::date[], $3::int[], $4::bigint[], $5::bigint[]) AS x(a, d, r, o, c)
           ON CONFLICT DO NOTHING`,
          [
            accepted.map((a) => a.accountId),
            accepted.map((a) => a.item.statementDate),
            accepted.map((a) => a.item.revision),
            accepted.map((a) => a.item.openingFen.toString()),
            accepted.map((a) => a.item.closingFen.toString()),
            batchId,
            actor.keyId,
            now,
          ],
        );
        await em.query(
          `UPDATE escrow_account a SET last_statement_date = GREATEST(a.last_statement_date, x.d), updated_at = $3
           FROM (SELECT a, max(d) AS d FROM unnest($1::uuid[], $2::date[]) AS u(a, d) GROUP BY a) AS x
           WHERE a.id = x.a AND (a.last_statement_date IS NULL OR a.last_statement_date < x.d)`,
          [accepted.map((a) => a.accountId), accepted.map((a) => a.item.statementDate), now],
        );
        const accountIds = [...new Set(accepted.map((a) => a.accountId))];
        const alerts = await this.monitor.evaluate(em, accountIds, now);
        await this.audit.record(em, {
          actor,
          action: 'escrow.statements.received',
          entityType: 'escrow_batch',
          entityId: batchId,
          summary: { accepted: accepted.length, items: items.length, accounts: accountIds.length, alertsRaised: alerts.raised, alertsResolved: alerts.resolved },
        });
      }
      return summarise(results);
    });
  }

  async postTransactions(actor: BankPrincipal, items: unknown[]): Promise<BatchResult> {
    const now = this.clock.now();
    const tz = this.config.timeZone;
    const checked = items.map((raw) => checkTransaction(raw, now));
    const valid = checked.flatMap((c) => (c.ok ? [c.value] : []));
    const accountNos = [...new Set(valid.map((v) => v.accountNo))];
    const txnIds = [...new Set(valid.flatMap((v) => (v.reversalOf ? [v.txnId, v.reversalOf] : [v.txnId])))];
    return this.dataSource.transaction(async (em) => {
      const accounts = await this.lockAccounts(em, actor.bankCode, accountNos);
      interface Stored {
        txn_id: string;
        account_id: string;
        type: TxnType;
        amount_fen: string;
        balance_effect_fen: string;
        custody_effect_fen: string;
        content_hash: string;
        reversed: boolean;
      }
      const stored: Stored[] = txnIds.length
        ? await em.query(
            `SELECT t.txn_id, t.account_id, t.type, t.amount_fen, t.balance_effect_fen, t.custody_effect_fen, t.content_hash,
                    EXISTS (SELECT 1 FROM escrow_transaction r WHERE r.bank_code = t.bank_code AND r.reversal_of = t.txn_id) AS reversed
             FROM escrow_transaction t WHERE t.bank_code = $1 AND t.txn_id = ANY($2::varchar[])`,
            [actor.bankCode, txnIds],
          )
        : [];
      interface Known {
        accountId: string;
        type: TxnType;
        amountFen: bigint;
        balance: bigint;
        custody: bigint;
        hash: string;
        reversed: boolean;
      }
      const known = new Map<string, Known>(
        stored.map((s) => [
          s.txn_id,
          {
            accountId: s.account_id,
            type: s.type,
            amountFen: BigInt(s.amount_fen),
            balance: BigInt(s.balance_effect_fen),
            custody: BigInt(s.custody_effect_fen),
            hash: s.content_hash,
            reversed: s.reversed,
          },
        ]),
      );
      const limits = { maxAmountFen: this.config.escrow.prepaidMaxFen, maxLessonHours: this.config.escrow.prepaidMaxLessonHours, maxCoverageMonths: this.config.escrow.prepaidMaxMonths };
      const results: ItemResult[] = [];
      const accepted: { accountId: string; item: TransactionItem; balance: bigint; custody: bigint; exceeds: boolean }[] = [];
      checked.forEach((c, index) => {
        if (!c.ok) return results.push(rejected(index, 'INVALID', c.message));
        const item = c.value;
        const account = accounts.get(item.accountNo);
        const problem = this.accountProblem(index, account);
        if (problem || !account) return results.push(problem as ItemResult);
        const before = known.get(item.txnId);
        if (before) {
          if (before.hash === item.contentHash) return results.push({ index, status: 'DUPLICATE' });
          return results.push(rejected(index, 'CONFLICT', 'A transaction with this txnId and different content is already stored'));
        }
        let balance: bigint;
        let custody: bigint;
        if (item.type === 'REVERSAL') {
          const original = known.get(item.reversalOf as string);
          if (!original || original.accountId !== account.id) return results.push(rejected(index, 'INVALID', 'reversalOf must name a transaction of the same account'));
          if (original.type === 'REVERSAL') return results.push(rejected(index, 'INVALID', 'a REVERSAL cannot be reversed; post the transaction again'));
          if (original.reversed) return results.push(rejected(index, 'INVALID', 'the transaction named by reversalOf is already reversed'));
          if (original.amountFen !== item.amountFen) return results.push(rejected(index, 'INVALID', 'a REVERSAL must have the amount of the transaction it undoes'));
          original.reversed = true;
          balance = -original.balance;
          custody = -original.custody;
        } else {
          ({ balance, custody } = effects(item.type, item.amountFen));
        }
        const exceeds = item.type === 'DEPOSIT' && prepaidLimitBreaches(item, limits).length > 0;
        known.set(item.txnId, { accountId: account.id, type: item.type, amountFen: item.amountFen, balance, custody, hash: item.contentHash, reversed: false });
        accepted.push({ accountId: account.id, item, balance, custody, exceeds });
        return results.push({ index, status: 'ACCEPTED' });
      });
      if (accepted.length > 0) {
        const batchId = randomUUID();
        let col = <T>(f: (a: (typeof accepted)[number]) => T) => accepted.map(f);
        const inserted: { txn_id: string }[] = await em.query(
          `INSERT INTO escrow_transaction (account_id, bank_code, txn_id, booked_at, booked_on, type, amount_fen, currency, payer_ref, lesson_hours,
             coverage_months, reversal_of, memo, balance_effect_fen, custody_effect_fen, exceeds_prepaid_limit, content_hash, batch_id, key_id, received_at)
           SELECT a, $1, t, b, o, ty, am, 'CNY', p, lh, cm, r, m, be, ce, ex, h, $17, $18, $19
           FROM unnest($2::uuid[], $3::varchar[], $4::timestamptz[], $5::date[], $6::varchar[], $7::bigint[], $8::varchar[], $9::int[], $10::int[],
                       $11::varchar[], $12::varchar[], $13::bigint[], $14::bigint[], $15::boolean[], $16::char(64)[])
             AS x(a, t, b, o, ty, am, p, lh, cm, r, m, be, ce, ex, h)
           ON CONFLICT DO NOTHING RETURNING txn_id`,
          [
            actor.bankCode,
            col((a) => a.accountId),
            col((a) => a.item.txnId),
            col((a) => a.item.bookedAt.toISOString()),
            col((a) => businessDate(a.item.bookedAt, tz)),
            col((a) => a.item.type),
            col((a) => a.item.amountFen.toString()),
            col((a) => a.item.payerRef),
            col((a) => a.item.lessonHours),
            col((a) => a.item.coverageMonths),
            col((a) => a.item.reversalOf),
            col((a) => a.item.memo),
            col((a) => a.balance.toString()),
            col((a) => a.custody.toString()),
            col((a) => a.exceeds),
            col((a) => a.item.contentHash),
            batchId,
            actor.keyId,
            now,
          ],
        );
        if (inserted.length < accepted.length) {
          // Another batch of this bank stored the same txnId (or reversed the same transaction) for another
          // account between our read and our insert: those items were not stored.
          const stored = new Set(inserted.map((r) => r.txn_id));
          const lost = new Set(accepted.filter((a) => !stored.has(a.item.txnId)).map((a) => a.item.txnId));
          for (const r of results) {
            const c = checked[r.index];
            if (r.status === 'ACCEPTED' && c?.ok && lost.has(c.value.txnId)) Object.assign(r, rejected(r.index, 'CONFLICT', 'A concurrent request stored a conflicting transaction'));
          }
          const kept = accepted.filter((a) => stored.has(a.item.txnId));
          col = <T>(f: (a: (typeof accepted)[number]) => T) => kept.map(f);
          accepted.splice(0, accepted.length, ...kept);
        }
        await em.query(
          `UPDATE escrow_account a SET required_custody_fen = a.required_custody_fen + x.delta, updated_at = $3
           FROM (SELECT a, sum(c)::bigint AS delta FROM unnest($1::uuid[], $2::bigint[]) AS u(a, c) GROUP BY a) AS x WHERE a.id = x.a`,
          [col((a) => a.accountId), col((a) => a.custody.toString()), now],
        );
        const accountIds = [...new Set(accepted.map((a) => a.accountId))];
        const alerts = await this.monitor.evaluate(em, accountIds, now);
        await this.audit.record(em, {
          actor,
          action: 'escrow.transactions.received',
          entityType: 'escrow_batch',
          entityId: batchId,
          summary: { accepted: accepted.length, items: items.length, accounts: accountIds.length, alertsRaised: alerts.raised, alertsResolved: alerts.resolved },
        });
      }
      return summarise(results);
    });
  }
}
