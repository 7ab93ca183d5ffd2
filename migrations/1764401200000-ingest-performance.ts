import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank ingest (issue #12): every accepted batch updates each named account once (last_statement_date or
 * required_custody_fen). Those updates are HOT — no index entry written — only when no indexed column
 * changes and the page has room, so: the status index no longer carries last_statement_date (the stale
 * check reads accounts by status and filters the date), and account pages keep half their space free.
 * The PREPAID_LIMIT_EXCEEDED rule reads the offending deposits of an account through a partial index of
 * those few rows instead of the account's whole history.
 */
export class IngestPerformance1764401200000 implements MigrationInterface {
  name = 'IngestPerformance1764401200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escrow_account SET (fillfactor = 50)`);
    await q.query(`DROP INDEX idx_escrow_account_status`);
    await q.query(`CREATE INDEX idx_escrow_account_status ON escrow_account (status)`);
    await q.query(
      `CREATE INDEX idx_escrow_transaction_prepaid ON escrow_transaction (account_id, booked_at) WHERE exceeds_prepaid_limit`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_escrow_transaction_prepaid`);
    await q.query(`DROP INDEX idx_escrow_account_status`);
    await q.query(`CREATE INDEX idx_escrow_account_status ON escrow_account (status, last_statement_date)`);
    await q.query(`ALTER TABLE escrow_account RESET (fillfactor)`);
  }
}
