import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escrow (资金监管): accounts banks hold for institutions, the statements and transactions they post
 * (append-only: a trigger refuses UPDATE, DELETE and TRUNCATE), alerts, and instructions to banks.
 */
export class Escrow1764400400000 implements MigrationInterface {
  name = 'Escrow1764400400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE escrow_account (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      institution_id uuid NOT NULL,
      bank_code varchar(32) NOT NULL REFERENCES partner_bank(code),
      account_no varchar(34) NOT NULL,
      status varchar(16) NOT NULL CHECK (status IN ('ACTIVE','FROZEN','CLOSED')),
      township_code varchar(12),
      institution_category varchar(16),
      opened_on date NOT NULL,
      required_custody_fen bigint NOT NULL DEFAULT 0,
      last_statement_date date,
      opened_at timestamptz NOT NULL,
      closed_at timestamptz,
      updated_at timestamptz NOT NULL,
      CONSTRAINT escrow_account_no_per_bank UNIQUE (bank_code, account_no))`);
    // One account that is not closed per institution (资金监管全覆盖: exactly one in use).
    await q.query(
      `CREATE UNIQUE INDEX ux_escrow_account_institution_open ON escrow_account (institution_id) WHERE status <> 'CLOSED'`,
    );
    await q.query(`CREATE INDEX idx_escrow_account_status ON escrow_account (status, last_statement_date)`);
    await q.query(`CREATE INDEX idx_escrow_account_township ON escrow_account (township_code, opened_at)`);
    await q.query(`CREATE INDEX idx_escrow_account_opened ON escrow_account (opened_at, id)`);

    await q.query(`CREATE TABLE escrow_statement (
      id bigserial PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES escrow_account(id),
      statement_date date NOT NULL,
      revision int NOT NULL CHECK (revision >= 0),
      opening_fen bigint NOT NULL CHECK (opening_fen >= 0),
      closing_fen bigint NOT NULL CHECK (closing_fen >= 0),
      currency char(3) NOT NULL CHECK (currency = 'CNY'),
      batch_id uuid NOT NULL,
      key_id varchar(64) NOT NULL,
      received_at timestamptz NOT NULL,
      CONSTRAINT escrow_statement_revision UNIQUE (account_id, statement_date, revision))`);

    await q.query(`CREATE TABLE escrow_transaction (
      id bigserial PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES escrow_account(id),
      bank_code varchar(32) NOT NULL,
      txn_id varchar(64) NOT NULL,
      booked_at timestamptz NOT NULL,
      booked_on date NOT NULL,
      type varchar(16) NOT NULL CHECK (type IN ('DEPOSIT','RELEASE','REFUND','INTEREST','FEE','REVERSAL')),
      amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
      currency char(3) NOT NULL CHECK (currency = 'CNY'),
      payer_ref varchar(128),
      lesson_hours int,
      coverage_months int,
      reversal_of varchar(64),
      memo varchar(500),
      balance_effect_fen bigint NOT NULL,
      custody_effect_fen bigint NOT NULL,
      exceeds_prepaid_limit boolean NOT NULL DEFAULT false,
      content_hash char(64) NOT NULL,
      batch_id uuid NOT NULL,
      key_id varchar(64) NOT NULL,
      received_at timestamptz NOT NULL,
      CONSTRAINT escrow_transaction_txn_id UNIQUE (bank_code, txn_id),
      CONSTRAINT escrow_transaction_reversal CHECK ((type = 'REVERSAL') = (reversal_of IS NOT NULL)))`);
    // A transaction is reversed at most once.
    await q.query(
      `CREATE UNIQUE INDEX ux_escrow_transaction_reversal ON escrow_transaction (bank_code, reversal_of) WHERE reversal_of IS NOT NULL`,
    );
    await q.query(`CREATE INDEX idx_escrow_transaction_account_day ON escrow_transaction (account_id, booked_on)`);
    await q.query(
      `CREATE INDEX idx_escrow_transaction_account_time ON escrow_transaction (account_id, type, booked_at)`,
    );

    await q.query(`CREATE FUNCTION escrow_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only: corrections are new revisions or reversals', TG_TABLE_NAME; END $$`);
    for (const table of ['escrow_statement', 'escrow_transaction']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION escrow_append_only()`,
      );
    }

    await q.query(`CREATE TABLE escrow_alert (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid REFERENCES escrow_account(id),
      institution_id uuid NOT NULL,
      bank_code varchar(32),
      account_no varchar(34),
      township_code varchar(12),
      type varchar(32) NOT NULL CHECK (type IN ('SHORTFALL','RECONCILIATION_MISMATCH','ABNORMAL_RELEASE','PREPAID_LIMIT_EXCEEDED','STALE_REPORT','NO_ESCROW_ACCOUNT')),
      status varchar(16) NOT NULL CHECK (status IN ('OPEN','ACKNOWLEDGED','RESOLVED')),
      details jsonb NOT NULL,
      raised_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by varchar(100),
      acknowledge_note varchar(500),
      resolved_at timestamptz,
      CONSTRAINT escrow_alert_account_unless_institution CHECK ((account_id IS NULL) = (type = 'NO_ESCROW_ACCOUNT')))`);
    await q.query(
      `CREATE UNIQUE INDEX ux_escrow_alert_open_account ON escrow_alert (account_id, type) WHERE status <> 'RESOLVED' AND account_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX ux_escrow_alert_open_institution ON escrow_alert (institution_id, type) WHERE status <> 'RESOLVED' AND account_id IS NULL`,
    );
    await q.query(`CREATE INDEX idx_escrow_alert_list ON escrow_alert (status, type, raised_at DESC)`);
    await q.query(`CREATE INDEX idx_escrow_alert_township ON escrow_alert (township_code, raised_at DESC)`);

    await q.query(`CREATE TABLE escrow_instruction (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES escrow_account(id),
      bank_code varchar(32) NOT NULL,
      institution_id uuid NOT NULL,
      action varchar(16) NOT NULL CHECK (action IN ('FREEZE','UNFREEZE')),
      reason varchar(500) NOT NULL,
      status varchar(16) NOT NULL CHECK (status IN ('PENDING','EXECUTED','REFUSED')),
      issued_at timestamptz NOT NULL,
      issued_by varchar(100) NOT NULL,
      executed_at timestamptz,
      note varchar(500),
      acknowledged_at timestamptz,
      acknowledged_key_id varchar(64),
      escalated_at timestamptz)`);
    // One instruction waiting per account at a time.
    await q.query(
      `CREATE UNIQUE INDEX ux_escrow_instruction_pending ON escrow_instruction (account_id) WHERE status = 'PENDING'`,
    );
    await q.query(`CREATE INDEX idx_escrow_instruction_bank ON escrow_instruction (bank_code, status, issued_at)`);
    await q.query(
      `CREATE INDEX idx_escrow_instruction_overdue ON escrow_instruction (issued_at) WHERE status = 'PENDING' AND escalated_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'escrow_instruction',
      'escrow_alert',
      'escrow_transaction',
      'escrow_statement',
      'escrow_account',
    ])
      await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP FUNCTION escrow_append_only()`);
  }
}
