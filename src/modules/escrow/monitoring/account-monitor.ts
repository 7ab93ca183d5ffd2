import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { PolicyFacade } from '../../policy';
import { prepaidLimitsAt } from '../escrow.policy';
import { addDays, toLocal } from '../../../platform/clock/business-time';
import { AlertDraft, AlertWriter } from './alert-writer';
import {
  AlertType,
  Verdict,
  abnormalRelease,
  expectedStatementDate,
  prepaidLimitBreaches,
  prepaidLimitExceeded,
  reconciliationMismatch,
  shortfall,
  staleReport,
} from './rules';

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

interface Facts extends AccountFacts {
  statement_date: string | null;
  opening_fen: string;
  closing_fen: string;
  custody_fen: string;
  movements_fen: string;
  window_end: Date | null;
  released_fen: string;
  custody_after_fen: string;
  prepaid_txns: { id: string; fen: string; h: number | null; m: number | null }[] | null;
  open_alerts: { id: string; type: AlertType }[] | null;
}

/** Rules run on posted data; STALE_REPORT is only resolved here (the scheduler raises it). */
const BATCH_RULES: AlertType[] = ['SHORTFALL', 'RECONCILIATION_MISMATCH', 'ABNORMAL_RELEASE', 'PREPAID_LIMIT_EXCEEDED'];

/**
 * Runs the monitoring rules on a set of accounts inside the caller's transaction: gathers every rule's
 * facts for all the accounts with one query that reads only what the rules need, asks the pure rules, then raises and resolves the difference
 * against the open alerts. Reversed transactions and the reversals themselves are left out of the facts
 * (together they change nothing).
 */
@Injectable()
export class AccountMonitor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writer: AlertWriter,
    private readonly policy: PolicyFacade,
  ) {}

  async evaluate(em: EntityManager, accountIds: string[], now: Date): Promise<{ raised: number; resolved: number }> {
    if (accountIds.length === 0) return { raised: 0, resolved: 0 };
    const cfg = await this.policy.values(
      ['escrow.shortfall_tolerance_fen', 'escrow.abnormal_release_percent', 'escrow.statement_due_hour'],
      now,
    );
    const ids = [...new Set(accountIds)];
    // One statement gathers every rule's facts, each through an index and only the rows it needs:
    // - the latest statement (one backward probe) and the custody required on its day: the running total
    //   kept on the account less what was booked after that day (recent rows, never the history);
    // - the latest release not reversed (index on account, type, booked_at); only an account that has one
    //   sums its 24-hour window and the custody left after it;
    // - the offending deposits (partial index of the few rows over the limits, in its order: no sort per
    //   account) and the open alerts.
    const accounts: Facts[] = await em.query(
      `SELECT a.id, a.institution_id, a.bank_code, a.account_no, a.township_code, a.status, a.opened_on::text, a.last_statement_date::text,
              s.statement_date::text, s.opening_fen, s.closing_fen,
              a.required_custody_fen - COALESCE((SELECT sum(t.custody_effect_fen) FROM escrow_transaction t WHERE t.account_id = a.id AND t.booked_on > s.statement_date), 0) AS custody_fen,
              COALESCE((SELECT sum(t.balance_effect_fen) FROM escrow_transaction t WHERE t.account_id = a.id AND t.booked_on = s.statement_date), 0) AS movements_fen,
              w.window_end, rw.released_fen, rw.custody_after_fen,
              (SELECT json_agg(json_build_object('id', t.txn_id, 'fen', t.amount_fen::text, 'h', t.lesson_hours, 'm', t.coverage_months) ORDER BY t.booked_at)
               FROM escrow_transaction t
               WHERE t.account_id = a.id AND t.exceeds_prepaid_limit
                 AND NOT EXISTS (SELECT 1 FROM escrow_transaction r WHERE r.bank_code = t.bank_code AND r.reversal_of = t.txn_id)) AS prepaid_txns,
              (SELECT json_agg(json_build_object('id', al.id, 'type', al.type)) FROM escrow_alert al WHERE al.account_id = a.id AND al.status <> 'RESOLVED') AS open_alerts
       FROM escrow_account a
       LEFT JOIN LATERAL (SELECT statement_date, opening_fen, closing_fen FROM escrow_statement
                          WHERE account_id = a.id ORDER BY statement_date DESC, revision DESC LIMIT 1) s ON true
       LEFT JOIN LATERAL (SELECT t.booked_at AS window_end FROM escrow_transaction t
                          WHERE t.account_id = a.id AND t.type = 'RELEASE'
                            AND NOT EXISTS (SELECT 1 FROM escrow_transaction r WHERE r.bank_code = t.bank_code AND r.reversal_of = t.txn_id)
                          ORDER BY t.booked_at DESC LIMIT 1) w ON true
       LEFT JOIN LATERAL (SELECT COALESCE(sum(e.amount_fen) FILTER (WHERE e.type = 'RELEASE' AND e.booked_at > w.window_end - interval '24 hours'), 0) AS released_fen,
                                 COALESCE(sum(e.custody_effect_fen), 0) AS custody_after_fen
                          FROM escrow_transaction e
                          WHERE w.window_end IS NOT NULL AND e.account_id = a.id AND e.type <> 'REVERSAL' AND e.booked_at <= w.window_end
                            AND NOT EXISTS (SELECT 1 FROM escrow_transaction r WHERE r.bank_code = e.bank_code AND r.reversal_of = e.txn_id)) rw ON true
       WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
    const openBy = new Map(
      accounts.flatMap((a) => (a.open_alerts ?? []).map((o) => [`${a.id}|${o.type}`, o.id] as const)),
    );
    const limits = await prepaidLimitsAt(this.policy, now);
    const expected = expectedStatementDate(
      toLocal(now, this.config.timeZone),
      cfg['escrow.statement_due_hour'],
      addDays,
    );

    const raise: AlertDraft[] = [];
    const resolve: string[] = [];
    for (const a of accounts) {
      const s = a.statement_date === null ? undefined : { ...a, statement_date: a.statement_date };
      const r = a.window_end === null ? undefined : { ...a, window_end: a.window_end };
      const verdicts: Record<string, Verdict> = {
        SHORTFALL: s
          ? shortfall({
              statementDate: s.statement_date,
              closingFen: BigInt(s.closing_fen),
              requiredCustodyFen: BigInt(s.custody_fen),
              toleranceFen: BigInt(cfg['escrow.shortfall_tolerance_fen']),
            })
          : { holds: false },
        RECONCILIATION_MISMATCH: s
          ? reconciliationMismatch({
              statementDate: s.statement_date,
              openingFen: BigInt(s.opening_fen),
              closingFen: BigInt(s.closing_fen),
              movementsFen: BigInt(s.movements_fen),
            })
          : { holds: false },
        ABNORMAL_RELEASE: abnormalRelease({
          windowEnd: r ? new Date(r.window_end) : null,
          releasedFen: BigInt(r?.released_fen ?? 0),
          custodyAfterFen: BigInt(r?.custody_after_fen ?? 0),
          maxShare: cfg['escrow.abnormal_release_percent'] / 100,
        }),
        PREPAID_LIMIT_EXCEEDED: prepaidLimitExceeded({
          offendingTxnIds: (a.prepaid_txns ?? []).map((p) => p.id),
          // Flagged yet within the limits alone: flagged by accumulation with the payer's top-ups.
          cumulativeTxnIds: (a.prepaid_txns ?? [])
            .filter(
              (p) =>
                prepaidLimitBreaches({ amountFen: BigInt(p.fen), lessonHours: p.h, coverageMonths: p.m }, limits)
                  .length === 0,
            )
            .map((p) => p.id),
        }),
      };
      for (const type of BATCH_RULES) {
        const v = verdicts[type] as Verdict;
        const openId = openBy.get(`${a.id}|${type}`);
        if (v.holds && !openId) {
          raise.push({
            type,
            accountId: a.id,
            accountNo: a.account_no,
            bankCode: a.bank_code,
            institutionId: a.institution_id,
            townshipCode: a.township_code,
            details: v.details,
          });
        } else if (!v.holds && openId) {
          resolve.push(openId);
        }
      }
      const staleId = openBy.get(`${a.id}|STALE_REPORT`);
      if (
        staleId &&
        !staleReport({
          status: a.status,
          openedOn: a.opened_on,
          lastStatementDate: a.last_statement_date,
          expectedDate: expected,
        }).holds
      )
        resolve.push(staleId);
    }
    return this.writer.apply(em, now, raise, resolve);
  }
}
