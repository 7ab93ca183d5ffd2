import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { BankPrincipal } from '../../../platform/auth/principal';
import { businessDate } from '../../../platform/clock/business-time';
import { Clock } from '../../../platform/clock/clock';
import { text } from '../../../platform/i18n/text';
import { EscrowQueries } from '../escrow.queries';
import { StatementItem, checkStatement } from '../rest/bank-items';
import { IngestBookkeeping } from './batch-bookkeeping';
import { BatchResult, ItemResult, accountProblem, rejected } from './ingest-results';

interface Candidate {
  index: number;
  key: string;
  accountId: string;
  item: StatementItem;
}

interface Balances {
  openingFen: bigint;
  closingFen: bigint;
}

const keyOf = (accountId: string, s: { statementDate: string; revision: number }) =>
  `${accountId}|${s.statementDate}|${s.revision}`;

/** A statement whose key is already taken: DUPLICATE with the same balances, else CONFLICT. */
function against(index: number, item: StatementItem, kept: Balances | undefined): ItemResult {
  if (kept && kept.openingFen === item.openingFen && kept.closingFen === item.closingFen)
    return { index, status: 'DUPLICATE' };
  return rejected(
    index,
    'CONFLICT',
    text(
      'A statement with this account, date and revision and different values is already stored; send a higher revision',
      '该账户同一日期、同一修订号的对账单已存储且数值不同；请以更高的修订号（revision）重新报送',
    ),
  );
}

/**
 * Daily statements posted by banks (docs/bank-api.md `POST /statements`), set-wise in one transaction.
 * Insert first, ask later: the first item of each account, date and revision goes into one multi-row
 * INSERT … ON CONFLICT DO NOTHING that also advances the accounts' last statement date (one statement,
 * one round trip); only the items it did not store are looked up, to answer DUPLICATE or CONFLICT.
 * Later items with the same key are compared with what is stored (theirs or the batch's first).
 */
@Injectable()
export class StatementIngestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: EscrowQueries,
    private readonly bookkeeping: IngestBookkeeping,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async post(actor: BankPrincipal, items: unknown[]): Promise<BatchResult> {
    const now = this.clock.now();
    const today = businessDate(now, this.config.timeZone);
    const checked = items.map((raw) => checkStatement(raw, today));
    const accountNos = [...new Set(checked.flatMap((c) => (c.ok ? [c.value.accountNo] : [])))];
    return this.dataSource.transaction(async (em) => {
      const accounts = await this.queries.lockBankAccounts(em, actor.bankCode, accountNos);
      const results: ItemResult[] = new Array<ItemResult>(checked.length);
      const candidates: Candidate[] = [];
      const firstOf = new Map<string, Candidate>();
      const repeats: { index: number; first: Candidate; item: StatementItem }[] = [];
      checked.forEach((c, index) => {
        if (!c.ok) return void (results[index] = rejected(index, c.code ?? 'INVALID', c.message));
        const account = accounts.get(c.value.accountNo);
        const problem = accountProblem(index, account);
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
      const before = new Map<string, Balances>();
      if (missing.length > 0) {
        const existing = await this.queries.storedStatements(
          em,
          missing.map((c) => ({
            accountId: c.accountId,
            statementDate: c.item.statementDate,
            revision: c.item.revision,
          })),
        );
        for (const e of existing)
          before.set(keyOf(e.account_id, { statementDate: e.statement_date, revision: Number(e.revision) }), {
            openingFen: BigInt(e.opening_fen),
            closingFen: BigInt(e.closing_fen),
          });
      }
      const acceptedAccountIds: string[] = [];
      for (const c of candidates) {
        if (stored.has(c.key)) {
          acceptedAccountIds.push(c.accountId);
          results[c.index] = { index: c.index, status: 'ACCEPTED' };
        } else {
          results[c.index] = against(c.index, c.item, before.get(c.key));
        }
      }
      for (const r of repeats)
        results[r.index] = against(r.index, r.item, stored.has(r.first.key) ? r.first.item : before.get(r.first.key));
      return this.bookkeeping.close(em, {
        actor,
        action: 'escrow.statements.received',
        batchId,
        now,
        items: items.length,
        acceptedAccountIds,
        results,
      });
    });
  }
}
