import { Injectable } from '@nestjs/common';
import { BankPrincipal } from '../../platform/auth/principal';
import { EscrowMetrics } from './escrow.metrics';
import { BatchResult } from './ingest/ingest-results';
import { StatementIngestService } from './ingest/statement-ingest.service';
import { TransactionIngestService } from './ingest/transaction-ingest.service';

export type { BatchResult, ItemAnswer, ItemResult, ItemStatus, RejectCode } from './ingest/ingest-results';

/**
 * Statements and transactions posted by banks (docs/bank-api.md), handled set-wise: every item is
 * validated in memory, then one transaction runs a fixed handful of statements for the whole batch (lock
 * the bank's accounts named in it; one multi-row INSERT … ON CONFLICT DO NOTHING that updates the accounts
 * in the same statement; a look-up of only the items it skipped; the monitoring queries; one audit row),
 * whatever the batch size. The account UPDATE is a HOT update (see migration 1764401200000).
 * Account look-ups are restricted to the calling bank, so another bank's account is ACCOUNT_NOT_FOUND.
 *
 * The entry of the bank REST interface's two posting endpoints, counted in the escrow metrics; the work is
 * in ingest/: the statement path, the transaction path with its per-item checks (transaction-plan) and
 * top-up window (top-ups), and the end every batch shares (batch-bookkeeping). Reads: escrow.queries.ts.
 */
@Injectable()
export class BankIngestService {
  constructor(
    private readonly statements: StatementIngestService,
    private readonly transactions: TransactionIngestService,
    private readonly metrics: EscrowMetrics,
  ) {}

  postStatements(actor: BankPrincipal, items: unknown[]): Promise<BatchResult> {
    return this.metrics.countItems('statement', this.statements.post(actor, items));
  }

  postTransactions(actor: BankPrincipal, items: unknown[]): Promise<BatchResult> {
    return this.metrics.countItems('transaction', this.transactions.post(actor, items));
  }
}
