import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { BankPrincipal } from '../../../platform/auth/principal';
import { Clock } from '../../../platform/clock/clock';
import { text } from '../../../platform/i18n/text';
import { EventPublisher } from '../../../platform/events';
import { PolicyFacade } from '../../policy';
import { EscrowQueries } from '../escrow.queries';
import { prepaidLimitsAt } from '../escrow.policy';
import { TransactionItem, checkTransaction } from '../rest/bank-items';
import { IngestBookkeeping } from './batch-bookkeeping';
import { BatchResult, ItemResult, rejected } from './ingest-results';
import { TopUpFlagger } from './top-ups';
import { Candidate, knownFromStored, planTransactions, sameContent } from './transaction-plan';
import { postedEvent } from './transactions-posted';

/**
 * Account movements posted by banks (docs/bank-api.md `POST /transactions`), set-wise in one transaction.
 * As for statements, insert first: every transaction that passes the checks in memory (transaction-plan)
 * goes into one INSERT … ON CONFLICT DO NOTHING that also moves the accounts' required custody by what it
 * stored. The stored transactions the batch names are read before (one index look-up for the batch), so a
 * resent item is answered DUPLICATE (same content hash) or CONFLICT without counting towards the running
 * custody; a txnId the insert still skipped (another account's item of a concurrent request) is looked up
 * after it and answered likewise.
 */
@Injectable()
export class TransactionIngestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: EscrowQueries,
    private readonly topUps: TopUpFlagger,
    private readonly bookkeeping: IngestBookkeeping,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policy: PolicyFacade,
    private readonly events: EventPublisher,
  ) {}

  async post(actor: BankPrincipal, items: unknown[]): Promise<BatchResult> {
    const now = this.clock.now();
    const checked = items.map((raw) => checkTransaction(raw, now));
    const valid = checked.flatMap((c) => (c.ok ? [c.value] : []));
    const accountNos = [...new Set(valid.map((v) => v.accountNo))];
    // Every txnId the batch names (its items' and what its reversals undo) is read before the checks: a
    // resend of a stored transaction is answered DUPLICATE/CONFLICT there and never moves the running custody.
    const named = [
      ...new Set(valid.flatMap((v) => (v.type === 'REVERSAL' ? [v.txnId, v.reversalOf as string] : [v.txnId]))),
    ];
    return this.dataSource.transaction(async (em) => {
      const accounts = await this.queries.lockBankAccounts(em, actor.bankCode, accountNos);
      const known = knownFromStored(await this.queries.storedTransactions(em, actor.bankCode, named));
      const limits = await prepaidLimitsAt(this.policy, now);
      const { results, candidates, repeats } = planTransactions(checked, accounts, known, limits);
      await this.topUps.flag(em, candidates, known, limits);
      const batchId = randomUUID();
      const inserted = new Set<string>();
      if (candidates.length > 0) {
        const col = <T>(f: (a: Candidate) => T) => candidates.map(f);
        const rows: { txn_id: string }[] = await em.query(
          `WITH ins AS (
             INSERT INTO escrow_transaction (account_id, bank_code, txn_id, booked_at, booked_on, type, amount_fen, currency, payer_ref, lesson_hours,
               coverage_months, reversal_of, memo, balance_effect_fen, custody_effect_fen, exceeds_prepaid_limit, content_hash, batch_id, key_id, received_at,
               contract_ref)
             SELECT a, $1, t, b, (b AT TIME ZONE $19)::date, ty, am, 'CNY', p, lh, cm, r, m, be, ce, ex, h, $16, $17, $18, cr
             FROM unnest($2::uuid[], $3::varchar[], $4::timestamptz[], $5::varchar[], $6::bigint[], $7::varchar[], $8::int[], $9::int[],
                         $10::varchar[], $11::varchar[], $12::bigint[], $13::bigint[], $14::boolean[], $15::char(64)[], $20::varchar[])
               AS x(a, t, b, ty, am, p, lh, cm, r, m, be, ce, ex, h, cr)
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
            col((a) => a.item.contractRef),
          ],
        );
        for (const r of rows) inserted.add(r.txn_id);
      }
      // What the insert skipped was stored before (DUPLICATE or CONFLICT by content), or by a concurrent
      // request of this bank between our checks and our insert (that one's content decides likewise).
      const skipped = candidates.filter((c) => !inserted.has(c.item.txnId)).map((c) => c.item.txnId);
      const storedHash = await this.queries.contentHashes(em, actor.bankCode, skipped);
      const fate = (index: number, item: TransactionItem, first: Candidate): ItemResult => {
        if (inserted.has(first.item.txnId)) return sameContent(index, item, first.item.contentHash);
        const hash = storedHash.get(first.item.txnId);
        return hash === undefined
          ? rejected(
              index,
              'CONFLICT',
              text(
                'A concurrent request stored a conflicting transaction',
                '另一个同时进行的请求已存储了与之冲突的交易',
              ),
            )
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
      // One event for the whole batch (v2): one outbox row and one delivery, whatever the number of accounts.
      const posted = postedEvent(actor.bankCode, batchId, accounts.values(), accepted, known);
      if (posted) await this.events.publish(em, 'escrow.transactions.posted', posted);
      return this.bookkeeping.close(em, {
        actor,
        action: 'escrow.transactions.received',
        batchId,
        now,
        items: items.length,
        acceptedAccountIds: accepted.map((c) => c.accountId),
        results,
      });
    });
  }
}
