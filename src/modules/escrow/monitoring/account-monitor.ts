import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { addDays, toLocal } from '../../../platform/clock/business-time';
import { AlertDraft, AlertWriter } from './alert-writer';
import { AlertType, Verdict, abnormalRelease, expectedStatementDate, prepaidLimitExceeded, reconciliationMismatch, shortfall, staleReport } from './rules';

interface AccountFacts {
  id: string;
  institution_id: string;
  bank_code: string;
  account_no: string;
  township_code: string | null;
  status: string;
  opened_on: string;
  last_statement_date: string | null;
}

/** Rules run on posted data; STALE_REPORT is only resolved here (the scheduler raises it). */
const BATCH_RULES: AlertType[] = ['SHORTFALL', 'RECONCILIATION_MISMATCH', 'ABNORMAL_RELEASE', 'PREPAID_LIMIT_EXCEEDED'];

/**
 * Runs the monitoring rules on a set of accounts inside the caller's transaction: gathers each rule's
 * facts with one query for all the accounts, asks the pure rules, then raises and resolves the difference
 * against the open alerts. Reversed transactions and the reversals themselves are left out of the facts
 * (together they change nothing).
 */
@Injectable()
export class AccountMonitor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writer: AlertWriter,
  ) {}

  async evaluate(em: EntityManager, accountIds: string[], now: Date): Promise<{ raised: number; resolved: number }> {
    if (accountIds.length === 0) return { raised: 0, resolved: 0 };
    const cfg = this.config.escrow;
    const ids = [...new Set(accountIds)];
    const accounts: AccountFacts[] = await em.query(
      `SELECT id, institution_id, bank_code, account_no, township_code, status, opened_on::text, last_statement_date::text
       FROM escrow_account WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const statements: { account_id: string; statement_date: string; opening_fen: string; closing_fen: string; custody_fen: string; movements_fen: string }[] = await em.query(
      `WITH s AS (
         SELECT DISTINCT ON (account_id) account_id, statement_date, opening_fen, closing_fen
         FROM escrow_statement WHERE account_id = ANY($1::uuid[]) ORDER BY account_id, statement_date DESC, revision DESC)
       SELECT s.account_id, s.statement_date::text, s.opening_fen, s.closing_fen,
              COALESCE(sum(t.custody_effect_fen), 0) AS custody_fen,
              COALESCE(sum(t.balance_effect_fen) FILTER (WHERE t.booked_on = s.statement_date), 0) AS movements_fen
       FROM s LEFT JOIN escrow_transaction t ON t.account_id = s.account_id AND t.booked_on <= s.statement_date
       GROUP BY s.account_id, s.statement_date, s.opening_fen, s.closing_fen`,
      [ids],
    );
    const releases: { account_id: string; window_end: Date; released_fen: string; custody_after_fen: string }[] = await em.query(
      `WITH eff AS (
         SELECT t.account_id, t.type, t.amount_fen, t.custody_effect_fen, t.booked_at FROM escrow_transaction t
         WHERE t.account_id = ANY($1::uuid[]) AND t.type <> 'REVERSAL'
           AND NOT EXISTS (SELECT 1 FROM escrow_transaction r WHERE r.bank_code = t.bank_code AND r.reversal_of = t.txn_id)),
       w AS (SELECT account_id, max(booked_at) AS window_end FROM eff WHERE type = 'RELEASE' GROUP BY account_id)
       SELECT w.account_id, w.window_end,
              COALESCE(sum(e.amount_fen) FILTER (WHERE e.type = 'RELEASE' AND e.booked_at > w.window_end - interval '24 hours'), 0) AS released_fen,
              COALESCE(sum(e.custody_effect_fen), 0) AS custody_after_fen
       FROM w JOIN eff e ON e.account_id = w.account_id AND e.booked_at <= w.window_end
       GROUP BY w.account_id, w.window_end`,
      [ids],
    );
    const prepaid: { account_id: string; txn_ids: string[] }[] = await em.query(
      `SELECT t.account_id, array_agg(t.txn_id ORDER BY t.booked_at) AS txn_ids FROM escrow_transaction t
       WHERE t.account_id = ANY($1::uuid[]) AND t.exceeds_prepaid_limit
         AND NOT EXISTS (SELECT 1 FROM escrow_transaction r WHERE r.bank_code = t.bank_code AND r.reversal_of = t.txn_id)
       GROUP BY t.account_id`,
      [ids],
    );
    const open: { id: string; account_id: string; type: AlertType }[] = await em.query(
      `SELECT id, account_id, type FROM escrow_alert WHERE account_id = ANY($1::uuid[]) AND status <> 'RESOLVED'`,
      [ids],
    );

    const stmtBy = new Map(statements.map((s) => [s.account_id, s]));
    const relBy = new Map(releases.map((r) => [r.account_id, r]));
    const preBy = new Map(prepaid.map((p) => [p.account_id, p]));
    const openBy = new Map(open.map((o) => [`${o.account_id}|${o.type}`, o.id]));
    const expected = expectedStatementDate(toLocal(now, this.config.timeZone), cfg.statementDueHour, addDays);

    const raise: AlertDraft[] = [];
    const resolve: string[] = [];
    for (const a of accounts) {
      const s = stmtBy.get(a.id);
      const r = relBy.get(a.id);
      const verdicts: Record<string, Verdict> = {
        SHORTFALL: s
          ? shortfall({ statementDate: s.statement_date, closingFen: BigInt(s.closing_fen), requiredCustodyFen: BigInt(s.custody_fen), toleranceFen: cfg.shortfallToleranceFen })
          : { holds: false },
        RECONCILIATION_MISMATCH: s
          ? reconciliationMismatch({ statementDate: s.statement_date, openingFen: BigInt(s.opening_fen), closingFen: BigInt(s.closing_fen), movementsFen: BigInt(s.movements_fen) })
          : { holds: false },
        ABNORMAL_RELEASE: abnormalRelease({
          windowEnd: r ? new Date(r.window_end) : null,
          releasedFen: BigInt(r?.released_fen ?? 0),
          custodyAfterFen: BigInt(r?.custody_after_fen ?? 0),
          maxShare: cfg.abnormalReleaseShare,
        }),
        PREPAID_LIMIT_EXCEEDED: prepaidLimitExceeded({ offendingTxnIds: preBy.get(a.id)?.txn_ids ?? [] }),
      };
      for (const type of BATCH_RULES) {
        const v = verdicts[type] as Verdict;
        const openId = openBy.get(`${a.id}|${type}`);
        if (v.holds && !openId) {
          raise.push({ type, accountId: a.id, accountNo: a.account_no, bankCode: a.bank_code, institutionId: a.institution_id, townshipCode: a.township_code, details: v.details });
        } else if (!v.holds && openId) {
          resolve.push(openId);
        }
      }
      const staleId = openBy.get(`${a.id}|STALE_REPORT`);
      if (staleId && !staleReport({ status: a.status, openedOn: a.opened_on, lastStatementDate: a.last_statement_date, expectedDate: expected }).holds) resolve.push(staleId);
    }
    return this.writer.apply(em, now, raise, resolve);
  }
}
