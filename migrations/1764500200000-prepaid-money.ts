import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prepaid money (一课一消, issue #20): deposits matched to contracts, releases and refunds.
 * - prepaid_contract.matched_payer_ref: the bank's payerRef of the matched deposit, the payee of a REFUND.
 * - prepaid_deposit: every DEPOSIT a bank posted for an account, matched to its contract or not; the unmatched
 *   ones carry the stored date their alert is due (prepaid.deposit_match_working_days) and are alerted once.
 * - A partial index holds the contracts with money earned and not yet released, so the daily release reads
 *   only those, however many contracts there are.
 * - prepaid_refund: the overdue sweep reads INSTRUCTED (or, refused by the bank, APPROVED again) refunds by their
 *   stored execution due date; a refused refund keeps the bank's note and is instructed again.
 * - prepaid_release: what it takes from each contract, given back when the bank refuses the instruction.
 */
export class PrepaidMoney1764500200000 implements MigrationInterface {
  name = 'PrepaidMoney1764500200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE prepaid_contract ADD COLUMN matched_payer_ref varchar(128)`);
    await q.query(`CREATE INDEX idx_prepaid_contract_releasable ON prepaid_contract (escrow_account_id)
      WHERE matched_at IS NOT NULL AND least(lessons_confirmed::bigint * price_per_lesson_fen, total_fen - refunded_fen) > released_fen`);
    await q.query(`CREATE TABLE prepaid_deposit (
      account_id uuid NOT NULL REFERENCES escrow_account(id),
      txn_id varchar(64) NOT NULL,
      institution_id uuid NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      payer_ref varchar(128),
      contract_ref_given boolean NOT NULL,
      booked_at timestamptz NOT NULL,
      contract_id uuid REFERENCES prepaid_contract(id),
      matched_by varchar(16) CHECK (matched_by IN ('CONTRACT_REF','PAYER_AMOUNT')),
      matched_at timestamptz,
      alert_due_on date NOT NULL,
      alerted_at timestamptz,
      PRIMARY KEY (account_id, txn_id),
      CHECK ((contract_id IS NULL) = (matched_by IS NULL)))`);
    await q.query(
      `CREATE INDEX idx_prepaid_deposit_unmatched ON prepaid_deposit (alert_due_on) WHERE contract_id IS NULL AND alerted_at IS NULL`,
    );
    // A refund the bank refused is APPROVED again (instructed again by the sweep) and still falls due.
    await q.query(
      `ALTER TABLE prepaid_refund ADD COLUMN refused_at timestamptz, ADD COLUMN refusal_note varchar(1000)`,
    );
    await q.query(
      `CREATE INDEX idx_prepaid_refund_execution ON prepaid_refund (execution_due_on) WHERE status IN ('INSTRUCTED','APPROVED')`,
    );
    await q.query(
      `CREATE INDEX idx_prepaid_refund_refused ON prepaid_refund (refused_at) WHERE status = 'APPROVED' AND refused_at IS NOT NULL`,
    );
    // What a release takes from each contract, given back when the bank refuses it.
    await q.query(
      `ALTER TABLE prepaid_release ADD COLUMN contract_fens bigint[] NOT NULL DEFAULT '{}', ADD COLUMN refusal_note varchar(1000)`,
    );
    await q.query(`CREATE UNIQUE INDEX uq_prepaid_release_instruction ON prepaid_release (instruction_id)`);
    await q.query(
      `CREATE INDEX idx_prepaid_release_instructed ON prepaid_release (account_id, amount_fen) WHERE status = 'INSTRUCTED'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_prepaid_release_instructed`);
    await q.query(`DROP INDEX uq_prepaid_release_instruction`);
    await q.query(`ALTER TABLE prepaid_release DROP COLUMN contract_fens, DROP COLUMN refusal_note`);
    await q.query(`DROP INDEX idx_prepaid_refund_refused`);
    await q.query(`DROP INDEX idx_prepaid_refund_execution`);
    await q.query(`ALTER TABLE prepaid_refund DROP COLUMN refused_at, DROP COLUMN refusal_note`);
    await q.query(`DROP TABLE prepaid_deposit`);
    await q.query(`DROP INDEX idx_prepaid_contract_releasable`);
    await q.query(`ALTER TABLE prepaid_contract DROP COLUMN matched_payer_ref`);
  }
}
