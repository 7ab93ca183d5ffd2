import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PolicyFacade } from '../policy';
import { prepaidLimitsAt } from './escrow.policy';
import { AuditService } from '../../platform/audit/audit.service';
import { BankPrincipal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { IdempotencyStore } from '../../platform/http/idempotency';
import { businessDate } from '../../platform/clock/business-time';
import { MAX_TOTAL_FEN, formatMoney, withinTotalBound } from '../../platform/database/money';
import { EscrowMetrics } from './escrow.metrics';
import { AccountMonitor } from './monitoring/account-monitor';
import { PrepaidLimits, TopUp, cumulativePrepaidBreaches, prepaidLimitBreaches } from './monitoring/rules';
import { StatementItem, TransactionItem, TxnType, checkStatement, checkTransaction, effects } from './rest/bank-items';

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

interface LockedAccount {
  id: string;
  account_no: string;
  status: string;
  /** Required custody before this batch (int8 as text). */
  required_custody_fen: string;
}

const rejected = (index: number, code: RejectCode, message?: string): ItemResult => ({
  index,
  status: 'REJECTED',
  code,
  ...(message ? { message } : {}),
});

/** A transaction whose txnId is already taken: DUPLICATE when the content is the same, else CONFLICT. */
function sameContent(index: number, item: TransactionItem, hash: string): ItemResult {
  if (item.contentHash === hash) return { index, status: 'DUPLICATE' };
  return rejected(index, 'CONFLICT', 'A transaction with this txnId and different content is already stored');
}

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
 * the bank's accounts named in it; one multi-row INSERT … ON CONFLICT DO NOTHING that updates the accounts
 * in the same statement; a look-up of only the items it skipped; the monitoring queries; one audit row),
 * whatever the batch size. The account UPDATE is a HOT update (see migration 1764401200000).
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
    private readonly idempotency: IdempotencyStore,
    private readonly metrics: EscrowMetrics,
    private readonly policy: PolicyFacade,
  ) {}

  /**
   * Locks the calling bank's accounts named in the batch (in id order, so concurrent batches queue instead
   * of deadlocking; FOR NO KEY UPDATE, the lock the account UPDATE takes anyway, which still lets other
   * work insert rows that reference the account).
   */
  private async lockAccounts(
    em: EntityManager,
    bankCode: string,
    accountNos: string[],
  ): Promise<Map<string, LockedAccount>> {
    if (accountNos.length === 0) return new Map();
    const rows: LockedAccount[] = await em.query(
      `SELECT a.id, a.account_no, a.status, a.required_custody_fen::text AS required_custody_fen FROM unnest($2::varchar[]) AS k(no) JOIN escrow_account a ON a.bank_code = $1 AND a.account_no = k.no
       ORDER BY a.id FOR NO KEY UPDATE OF a`,
      [bankCode, accountNos],
    );
    return new Map(rows.map((r) => [r.account_no, r]));
  }

  private accountProblem(index: number, account: LockedAccount | undefined): ItemResult | null {
    if (!account)
      return rejected(index, 'ACCOUNT_NOT_FOUND', 'No escrow account with this number is held by your bank');
    if (account.status === 'CLOSED') return rejected(index, 'ACCOUNT_CLOSED', 'The escrow account is closed');
    return null;
  }

  /**
   * Insert first, ask later: the first item of each account, date and revision goes into one multi-row
   * INSERT … ON CONFLICT DO NOTHING that also advances the accounts' last statement date (one statement,
   * one round trip); only the items it did not store are looked up, to answer DUPLICATE or CONFLICT.
   * Later items with the same key are compared with what is stored (theirs or the batch's first).
   */
  async postStatements(actor: BankPrincipal, items: unknown[]): Promise<BatchResult> {
    const now = this.clock.now();
    const today = businessDate(now, this.config.timeZone);
    const checked = items.map((raw) => checkStatement(raw, today));
    const accountNos = [...new Set(checked.flatMap((c) => (c.ok ? [c.value.accountNo] : [])))];
    return this.metrics.countItems(
      'statement',
      this.dataSource.transaction(async (em) => {
        const accounts = await this.lockAccounts(em, actor.bankCode, accountNos);
        const keyOf = (accountId: string, s: { statementDate: string; revision: number }) =>
          `${accountId}|${s.statementDate}|${s.revision}`;
        const results: ItemResult[] = new Array<ItemResult>(checked.length);
        interface Candidate {
          index: number;
          key: string;
          accountId: string;
          item: StatementItem;
        }
        const candidates: Candidate[] = [];
        const firstOf = new Map<string, Candidate>();
        const repeats: { index: number; first: Candidate; item: StatementItem }[] = [];
        checked.forEach((c, index) => {
          if (!c.ok) return void (results[index] = rejected(index, c.code ?? 'INVALID', c.message));
          const account = accounts.get(c.value.accountNo);
          const problem = this.accountProblem(index, account);
          if (problem || !account) return void (results[index] = problem as ItemResult);
          const key = keyOf(account.id, c.value);
          const first = firstOf.get(key);
          if (first) return void repeats.push({ index, first, item: c.value });
          const candidate = { index, key, accountId: account.id, item: c.value };
          firstOf.set(key, candidate);
          candidates.push(candidate);
        });
        const batchId = randomUUID();
        const stored = new Set<string>();
        if (candidates.length > 0) {
          const rows: { account_id: string; statement_date: string; revision: number }[] = await em.query(
            `WITH ins AS (
             INSERT INTO escrow_statement (account_id, statement_date, revision, opening_fen, closing_fen, currency, batch_id, key_id, received_at)
             SELECT a, d, r, o, c, 'CNY', $6, $7, $8 FROM unnest($1::uuid[], $2::date[], $3::int[], $4::bigint[], $5::bigint[]) AS x(a, d, r, o, c)
             ON CONFLICT DO NOTHING
             RETURNING account_id, statement_date, revision),
           advanced AS (
             UPDATE escrow_account a SET last_statement_date = x.d, updated_at = $8
             FROM (SELECT account_id, max(statement_date) AS d FROM ins GROUP BY account_id) AS x
             WHERE a.id = x.account_id AND (a.last_statement_date IS NULL OR a.last_statement_date < x.d))
           SELECT account_id, statement_date::text AS statement_date, revision FROM ins`,
            [
              candidates.map((c) => c.accountId),
              candidates.map((c) => c.item.statementDate),
              candidates.map((c) => c.item.revision),
              candidates.map((c) => c.item.openingFen.toString()),
              candidates.map((c) => c.item.closingFen.toString()),
              batchId,
              actor.keyId,
              now,
            ],
          );
          for (const r of rows)
            stored.add(keyOf(r.account_id, { statementDate: r.statement_date, revision: Number(r.revision) }));
        }
        const missing = candidates.filter((c) => !stored.has(c.key));
        const before = new Map<string, { openingFen: bigint; closingFen: bigint }>();
        if (missing.length > 0) {
          const existing: {
            account_id: string;
            statement_date: string;
            revision: number;
            opening_fen: string;
            closing_fen: string;
          }[] = await em.query(
            `SELECT s.account_id, s.statement_date::text, s.revision, s.opening_fen, s.closing_fen FROM unnest($1::uuid[], $2::date[], $3::int[]) AS k(a, d, r)
           JOIN escrow_statement s ON s.account_id = k.a AND s.statement_date = k.d AND s.revision = k.r`,
            [
              missing.map((c) => c.accountId),
              missing.map((c) => c.item.statementDate),
              missing.map((c) => c.item.revision),
            ],
          );
          for (const e of existing)
            before.set(keyOf(e.account_id, { statementDate: e.statement_date, revision: Number(e.revision) }), {
              openingFen: BigInt(e.opening_fen),
              closingFen: BigInt(e.closing_fen),
            });
        }
        const against = (
          index: number,
          item: StatementItem,
          kept: { openingFen: bigint; closingFen: bigint } | undefined,
        ): ItemResult => {
          if (kept && kept.openingFen === item.openingFen && kept.closingFen === item.closingFen)
            return { index, status: 'DUPLICATE' };
          return rejected(
            index,
            'CONFLICT',
            'A statement with this account, date and revision and different values is already stored; send a higher revision',
          );
        };
        const accepted: Candidate[] = [];
        for (const c of candidates) {
          if (stored.has(c.key)) {
            accepted.push(c);
            results[c.index] = { index: c.index, status: 'ACCEPTED' };
          } else {
            results[c.index] = against(c.index, c.item, before.get(c.key));
          }
        }
        for (const r of repeats)
          results[r.index] = against(r.index, r.item, stored.has(r.first.key) ? r.first.item : before.get(r.first.key));
        if (accepted.length > 0) {
          const accountIds = [...new Set(accepted.map((a) => a.accountId))];
          const alerts = await this.monitor.evaluate(em, accountIds, now);
          await this.audit.record(em, {
            actor,
            action: 'escrow.statements.received',
            entityType: 'escrow_batch',
            entityId: batchId,
            summary: {
              accepted: accepted.length,
              items: items.length,
              accounts: accountIds.length,
              alertsRaised: alerts.raised,
              alertsResolved: alerts.resolved,
            },
          });
        }
        const answer = summarise(results);
        await this.idempotency.recordIn(em, answer); // the answer commits with the batch (a retry after a crash gets it)
        return answer;
      }),
    );
  }

  /**
   * Top-ups (续费) are one charge with the payer's earlier deposits: a deposit with a payerRef is flagged
   * when the same payer's non-reversed deposits on the account booked within escrow.prepaid_max_months
   * calendar months before it (business time: after bookedAt less N months, up to bookedAt), itself
   * included, sum above the amount or lesson-hour limit. One query for the whole batch reads the window
   * sums of the stored deposits (partial index on account, payer, booked_at); the batch's earlier items
   * are added in memory. A deposit without payerRef cannot be grouped and is judged alone. The flag is
   * set once, on arrival: a later reversal of an earlier top-up does not clear it (the alert names the
   * offending transactions, an officer judges).
   */
  private async flagTopUps(
    em: EntityManager,
    bankCode: string,
    candidates: { item: TransactionItem; accountId: string; exceeds: boolean }[],
    known: Map<string, { reversed: boolean }>,
    limits: PrepaidLimits,
  ): Promise<void> {
    const deposits = candidates.filter((c) => c.item.type === 'DEPOSIT' && c.item.payerRef !== null);
    if (deposits.length === 0) return;
    // Stored deposits the batch reverses do not count; a deposit the batch resends (already stored) counts
    // once, in the stored sums, not again as a batch item.
    const reversedHere = candidates.flatMap((c) => (c.item.type === 'REVERSAL' ? [c.item.reversalOf as string] : []));
    const rows: { since: Date; fen: string; hours: number; stored: boolean }[] = await em.query(
      `SELECT s.since, COALESCE(w.fen, 0)::text AS fen, COALESCE(w.hours, 0)::int AS hours,
              EXISTS (SELECT 1 FROM escrow_transaction d WHERE d.bank_code = $7 AND d.txn_id = x.t) AS stored
       FROM unnest($1::uuid[], $2::varchar[], $3::timestamptz[], $8::varchar[]) WITH ORDINALITY AS x(a, p, b, t, i)
       CROSS JOIN LATERAL (SELECT ((x.b AT TIME ZONE $5) - make_interval(months => $4)) AT TIME ZONE $5 AS since) s
       LEFT JOIN LATERAL (
         SELECT sum(t.amount_fen) AS fen, sum(t.lesson_hours) AS hours FROM escrow_transaction t
         WHERE t.account_id = x.a AND t.type = 'DEPOSIT' AND t.payer_ref = x.p AND t.booked_at > s.since AND t.booked_at <= x.b
           AND t.txn_id <> ALL($6::varchar[])
           AND NOT EXISTS (SELECT 1 FROM escrow_transaction r WHERE r.bank_code = t.bank_code AND r.reversal_of = t.txn_id)) w ON true
       ORDER BY x.i`,
      [
        deposits.map((c) => c.accountId),
        deposits.map((c) => c.item.payerRef),
        deposits.map((c) => c.item.bookedAt.toISOString()),
        limits.maxCoverageMonths,
        this.config.timeZone,
        reversedHere,
        bankCode,
        deposits.map((c) => c.item.txnId),
      ],
    );
    const topUps: TopUp[] = deposits.map((c, i) => {
      const r = rows[i] as { since: Date; fen: string; hours: number; stored: boolean };
      return {
        group: `${c.accountId}|${c.item.payerRef}`,
        bookedAt: c.item.bookedAt,
        since: new Date(r.since),
        amountFen: c.item.amountFen,
        lessonHours: c.item.lessonHours,
        storedFen: BigInt(r.fen),
        storedHours: Number(r.hours),
        counts: !r.stored && known.get(c.item.txnId)?.reversed !== true,
      };
    });
    cumulativePrepaidBreaches(topUps, limits).forEach((over, i) => {
      if (over) (deposits[i] as { exceeds: boolean }).exceeds = true;
    });
  }

  /**
   * As for statements, insert first: every transaction that passes the checks in memory goes into one
   * INSERT … ON CONFLICT DO NOTHING that also moves the accounts' required custody by what it stored.
   * Only what a reversal needs (its own txnId and the one it undoes) is read before; a txnId the insert
   * skipped is then looked up and answered DUPLICATE (same content hash) or CONFLICT.
   */
  async postTransactions(actor: BankPrincipal, items: unknown[]): Promise<BatchResult> {
    const now = this.clock.now();
    const checked = items.map((raw) => checkTransaction(raw, now));
    const valid = checked.flatMap((c) => (c.ok ? [c.value] : []));
    const accountNos = [...new Set(valid.map((v) => v.accountNo))];
    const reversalIds = [
      ...new Set(valid.flatMap((v) => (v.type === 'REVERSAL' ? [v.txnId, v.reversalOf as string] : []))),
    ];
    return this.metrics.countItems(
      'transaction',
      this.dataSource.transaction(async (em) => {
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
        const stored: Stored[] = reversalIds.length
          ? await em.query(
              `SELECT t.txn_id, t.account_id, t.type, t.amount_fen, t.balance_effect_fen, t.custody_effect_fen, t.content_hash,
                    EXISTS (SELECT 1 FROM escrow_transaction r WHERE r.bank_code = t.bank_code AND r.reversal_of = t.txn_id) AS reversed
             FROM unnest($2::varchar[]) AS k(id) JOIN escrow_transaction t ON t.bank_code = $1 AND t.txn_id = k.id`,
              [actor.bankCode, reversalIds],
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
          /** The batch's own item (its fate is known after the insert), or null for a stored row. */
          candidate: Candidate | null;
        }
        interface Candidate {
          index: number;
          accountId: string;
          item: TransactionItem;
          balance: bigint;
          custody: bigint;
          exceeds: boolean;
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
              candidate: null,
            },
          ]),
        );
        const limits = await prepaidLimitsAt(this.policy, now);
        const results: ItemResult[] = new Array<ItemResult>(checked.length);
        const candidates: Candidate[] = [];
        const repeats: { index: number; first: Candidate; item: TransactionItem }[] = [];
        const custodyOf = new Map<string, bigint>();
        checked.forEach((c, index) => {
          if (!c.ok) return void (results[index] = rejected(index, c.code ?? 'INVALID', c.message));
          const item = c.value;
          const account = accounts.get(item.accountNo);
          const problem = this.accountProblem(index, account);
          if (problem || !account) return void (results[index] = problem as ItemResult);
          const before = known.get(item.txnId);
          if (before?.candidate) return void repeats.push({ index, first: before.candidate, item });
          if (before) return void (results[index] = sameContent(index, item, before.hash));
          let balance: bigint;
          let custody: bigint;
          if (item.type === 'REVERSAL') {
            const original = known.get(item.reversalOf as string);
            const invalid = (message: string) => void (results[index] = rejected(index, 'INVALID', message));
            if (!original || original.accountId !== account.id)
              return invalid('reversalOf must name a transaction of the same account');
            if (original.type === 'REVERSAL')
              return invalid('a REVERSAL cannot be reversed; post the transaction again');
            if (original.reversed) return invalid('the transaction named by reversalOf is already reversed');
            if (original.amountFen !== item.amountFen)
              return invalid('a REVERSAL must have the amount of the transaction it undoes');
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
              `the account's required custody would exceed ${formatMoney(MAX_TOTAL_FEN)}`,
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
        await this.flagTopUps(em, actor.bankCode, candidates, known, limits);
        const batchId = randomUUID();
        const inserted = new Set<string>();
        if (candidates.length > 0) {
          const col = <T>(f: (a: Candidate) => T) => candidates.map(f);
          const rows: { txn_id: string }[] = await em.query(
            `WITH ins AS (
             INSERT INTO escrow_transaction (account_id, bank_code, txn_id, booked_at, booked_on, type, amount_fen, currency, payer_ref, lesson_hours,
               coverage_months, reversal_of, memo, balance_effect_fen, custody_effect_fen, exceeds_prepaid_limit, content_hash, batch_id, key_id, received_at)
             SELECT a, $1, t, b, (b AT TIME ZONE $19)::date, ty, am, 'CNY', p, lh, cm, r, m, be, ce, ex, h, $16, $17, $18
             FROM unnest($2::uuid[], $3::varchar[], $4::timestamptz[], $5::varchar[], $6::bigint[], $7::varchar[], $8::int[], $9::int[],
                         $10::varchar[], $11::varchar[], $12::bigint[], $13::bigint[], $14::boolean[], $15::char(64)[])
               AS x(a, t, b, ty, am, p, lh, cm, r, m, be, ce, ex, h)
             ON CONFLICT DO NOTHING
             RETURNING txn_id, account_id, custody_effect_fen),
           custody AS (
             UPDATE escrow_account a SET required_custody_fen = a.required_custody_fen + x.delta, updated_at = $18
             FROM (SELECT account_id, sum(custody_effect_fen)::bigint AS delta FROM ins GROUP BY account_id) AS x WHERE a.id = x.account_id)
           SELECT txn_id FROM ins`,
            [
              actor.bankCode,
              col((a) => a.accountId),
              col((a) => a.item.txnId),
              col((a) => a.item.bookedAt.toISOString()),
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
              this.config.timeZone,
            ],
          );
          for (const r of rows) inserted.add(r.txn_id);
        }
        // What the insert skipped was stored before (DUPLICATE or CONFLICT by content), or by a concurrent
        // request of this bank between our checks and our insert (that one's content decides likewise).
        const skipped = candidates.filter((c) => !inserted.has(c.item.txnId));
        const storedHash = new Map<string, string>();
        if (skipped.length > 0) {
          const rows: { txn_id: string; content_hash: string }[] = await em.query(
            `SELECT t.txn_id, t.content_hash FROM unnest($2::varchar[]) AS k(id) JOIN escrow_transaction t ON t.bank_code = $1 AND t.txn_id = k.id`,
            [actor.bankCode, skipped.map((c) => c.item.txnId)],
          );
          for (const r of rows) storedHash.set(r.txn_id, r.content_hash);
        }
        const fate = (index: number, item: TransactionItem, first: Candidate): ItemResult => {
          if (inserted.has(first.item.txnId)) return sameContent(index, item, first.item.contentHash);
          const hash = storedHash.get(first.item.txnId);
          return hash === undefined
            ? rejected(index, 'CONFLICT', 'A concurrent request stored a conflicting transaction')
            : sameContent(index, item, hash);
        };
        const accepted: Candidate[] = [];
        for (const c of candidates) {
          if (inserted.has(c.item.txnId)) {
            accepted.push(c);
            results[c.index] = { index: c.index, status: 'ACCEPTED' };
          } else {
            results[c.index] = fate(c.index, c.item, c);
          }
        }
        for (const r of repeats) results[r.index] = fate(r.index, r.item, r.first);
        if (accepted.length > 0) {
          const accountIds = [...new Set(accepted.map((a) => a.accountId))];
          const alerts = await this.monitor.evaluate(em, accountIds, now);
          await this.audit.record(em, {
            actor,
            action: 'escrow.transactions.received',
            entityType: 'escrow_batch',
            entityId: batchId,
            summary: {
              accepted: accepted.length,
              items: items.length,
              accounts: accountIds.length,
              alertsRaised: alerts.raised,
              alertsResolved: alerts.resolved,
            },
          });
        }
        const answer = summarise(results);
        await this.idempotency.recordIn(em, answer); // the answer commits with the batch (a retry after a crash gets it)
        return answer;
      }),
    );
  }
}
