import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prepaid releases and refunds (一课一消, issue #20) through the bank instruction channel:
 * - escrow_instruction gets the payment actions RELEASE and REFUND with their amount (fen), the prepaid
 *   contracts they cover and, for a REFUND, the payer reference the bank pays back to. The one-pending rule
 *   keeps holding for FREEZE/UNFREEZE only: payment instructions may be several pending on one account.
 * - escrow_alert gets the prepaid alert types and a subject reference (the refund or deposit an alert is
 *   about), so each overdue refund or unmatched deposit keeps its own open alert (and supervision task);
 *   REFUND_OVERDUE and DEPOSIT_UNMATCHED may stand against an institution without an account in use.
 */
export class EscrowPaymentInstructions1764500100000 implements MigrationInterface {
  name = 'EscrowPaymentInstructions1764500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escrow_instruction DROP CONSTRAINT escrow_instruction_action_check`);
    await q.query(`ALTER TABLE escrow_instruction
      ADD COLUMN amount_fen bigint,
      ADD COLUMN contract_ids uuid[],
      ADD COLUMN payee_ref varchar(128),
      ADD CONSTRAINT escrow_instruction_action_check CHECK (action IN ('FREEZE','UNFREEZE','RELEASE','REFUND')),
      ADD CONSTRAINT escrow_instruction_payment_fields CHECK (
        CASE WHEN action IN ('RELEASE','REFUND')
          THEN amount_fen > 0 AND cardinality(contract_ids) > 0 AND ((action = 'REFUND') = (payee_ref IS NOT NULL))
          ELSE amount_fen IS NULL AND contract_ids IS NULL AND payee_ref IS NULL END)`);
    await q.query(`DROP INDEX ux_escrow_instruction_pending`);
    await q.query(
      `CREATE UNIQUE INDEX ux_escrow_instruction_pending ON escrow_instruction (account_id) WHERE status = 'PENDING' AND action IN ('FREEZE','UNFREEZE')`,
    );

    await q.query(`ALTER TABLE escrow_alert DROP CONSTRAINT escrow_alert_type_check`);
    await q.query(`ALTER TABLE escrow_alert DROP CONSTRAINT escrow_alert_account_unless_institution`);
    await q.query(`ALTER TABLE escrow_alert
      ADD COLUMN subject_ref varchar(64),
      ADD CONSTRAINT escrow_alert_type_check CHECK (type IN ('SHORTFALL','RECONCILIATION_MISMATCH','ABNORMAL_RELEASE','PREPAID_LIMIT_EXCEEDED','STALE_REPORT','NO_ESCROW_ACCOUNT','RELEASE_OVER_RELEASABLE','DEPOSIT_UNMATCHED','REFUND_OVERDUE')),
      ADD CONSTRAINT escrow_alert_account_unless_institution CHECK (
        CASE WHEN type = 'NO_ESCROW_ACCOUNT' THEN account_id IS NULL
             WHEN type IN ('REFUND_OVERDUE','DEPOSIT_UNMATCHED') THEN true
             ELSE account_id IS NOT NULL END)`);
    await q.query(`DROP INDEX ux_escrow_alert_open_account`);
    await q.query(`DROP INDEX ux_escrow_alert_open_institution`);
    await q.query(
      `CREATE UNIQUE INDEX ux_escrow_alert_open_account ON escrow_alert (account_id, type, (coalesce(subject_ref, ''))) WHERE status <> 'RESOLVED' AND account_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX ux_escrow_alert_open_institution ON escrow_alert (institution_id, type, (coalesce(subject_ref, ''))) WHERE status <> 'RESOLVED' AND account_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM escrow_alert WHERE type IN ('RELEASE_OVER_RELEASABLE','DEPOSIT_UNMATCHED','REFUND_OVERDUE')`,
    );
    await q.query(`DROP INDEX ux_escrow_alert_open_account`);
    await q.query(`DROP INDEX ux_escrow_alert_open_institution`);
    await q.query(`ALTER TABLE escrow_alert DROP CONSTRAINT escrow_alert_account_unless_institution`);
    await q.query(`ALTER TABLE escrow_alert DROP CONSTRAINT escrow_alert_type_check`);
    await q.query(`ALTER TABLE escrow_alert DROP COLUMN subject_ref,
      ADD CONSTRAINT escrow_alert_type_check CHECK (type IN ('SHORTFALL','RECONCILIATION_MISMATCH','ABNORMAL_RELEASE','PREPAID_LIMIT_EXCEEDED','STALE_REPORT','NO_ESCROW_ACCOUNT')),
      ADD CONSTRAINT escrow_alert_account_unless_institution CHECK ((account_id IS NULL) = (type = 'NO_ESCROW_ACCOUNT'))`);
    await q.query(
      `CREATE UNIQUE INDEX ux_escrow_alert_open_account ON escrow_alert (account_id, type) WHERE status <> 'RESOLVED' AND account_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX ux_escrow_alert_open_institution ON escrow_alert (institution_id, type) WHERE status <> 'RESOLVED' AND account_id IS NULL`,
    );
    await q.query(`DELETE FROM escrow_instruction WHERE action IN ('RELEASE','REFUND')`);
    await q.query(`DROP INDEX ux_escrow_instruction_pending`);
    await q.query(
      `CREATE UNIQUE INDEX ux_escrow_instruction_pending ON escrow_instruction (account_id) WHERE status = 'PENDING'`,
    );
    await q.query(`ALTER TABLE escrow_instruction DROP CONSTRAINT escrow_instruction_payment_fields`);
    await q.query(`ALTER TABLE escrow_instruction DROP CONSTRAINT escrow_instruction_action_check`);
    await q.query(`ALTER TABLE escrow_instruction DROP COLUMN amount_fen, DROP COLUMN contract_ids, DROP COLUMN payee_ref,
      ADD CONSTRAINT escrow_instruction_action_check CHECK (action IN ('FREEZE','UNFREEZE'))`);
  }
}
