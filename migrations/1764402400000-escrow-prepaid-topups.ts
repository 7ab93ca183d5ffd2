import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Top-ups count as one charge (PREPAID_LIMIT_EXCEEDED): the ingest sums, for each deposit of a batch, the
 * same payer's deposits on the account within the last ESCROW_PREPAID_MAX_MONTHS months. This partial
 * index serves that range probe (account, payer, booked_at) over deposits that name a payer only.
 */
export class EscrowPrepaidTopups1764402400000 implements MigrationInterface {
  name = 'EscrowPrepaidTopups1764402400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX idx_escrow_transaction_payer ON escrow_transaction (account_id, payer_ref, booked_at) WHERE type = 'DEPOSIT' AND payer_ref IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_escrow_transaction_payer`);
  }
}
