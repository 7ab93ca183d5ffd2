import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prepaid contracts lesson by lesson (预付费 一课一消, issue #20): contracts, lessons taught and their
 * confirmations, refund cases and releases. Money is fen (bigint). The contract code is stored only as
 * a keyed hash; personal data is AES-GCM ciphertext. Deadlines computed from county rules are stored.
 */
export class Prepaid1764500000000 implements MigrationInterface {
  name = 'Prepaid1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE prepaid_contract (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_code_hash varchar(64) NOT NULL,
      institution_id uuid NOT NULL REFERENCES institution(id),
      township_code varchar(12) NOT NULL REFERENCES township(code),
      competent_department_code varchar(32) NOT NULL REFERENCES department(code),
      course_id uuid NOT NULL REFERENCES course(id),
      student_name_enc text NOT NULL,
      payer_name_enc text NOT NULL,
      payer_phone_enc text NOT NULL,
      payer_phone_last4_hash varchar(64) NOT NULL,
      payer_hash varchar(64) NOT NULL,
      lessons_bought int NOT NULL CHECK (lessons_bought > 0),
      lesson_minutes int NOT NULL CHECK (lesson_minutes > 0),
      price_per_lesson_fen bigint NOT NULL CHECK (price_per_lesson_fen >= 0),
      total_fen bigint NOT NULL CHECK (total_fen >= 0),
      period_start date NOT NULL,
      period_end date NOT NULL,
      payment_route varchar(16) NOT NULL CHECK (payment_route IN ('ESCROW_ACCOUNT','RISK_RESERVE')),
      escrow_account_id uuid REFERENCES escrow_account(id),
      refund_terms text NOT NULL,
      model_text_version varchar(20) NOT NULL DEFAULT 'GF-2021-2604',
      status varchar(12) NOT NULL DEFAULT 'ACTIVE'
        CHECK (status IN ('ACTIVE','COMPLETED','REFUNDING','REFUNDED','CANCELLED')),
      source varchar(12) NOT NULL CHECK (source IN ('INSTITUTION','PLATFORM')),
      platform_code varchar(40),
      external_ref varchar(100),
      created_at timestamptz NOT NULL,
      created_by_user_id uuid,
      created_by_name varchar(100) NOT NULL,
      matched_txn_id varchar(64),
      matched_at timestamptz,
      lessons_taught int NOT NULL DEFAULT 0,
      lessons_confirmed int NOT NULL DEFAULT 0,
      released_fen bigint NOT NULL DEFAULT 0,
      refunded_fen bigint NOT NULL DEFAULT 0,
      CHECK (period_end >= period_start),
      CHECK (payment_route = 'RISK_RESERVE' OR escrow_account_id IS NOT NULL),
      CHECK (lessons_confirmed >= 0 AND lessons_confirmed <= lessons_taught AND lessons_taught <= lessons_bought),
      CHECK (released_fen >= 0 AND refunded_fen >= 0),
      CHECK ((source = 'PLATFORM') = (external_ref IS NOT NULL)))`);
    await q.query(`CREATE UNIQUE INDEX uq_prepaid_contract_code ON prepaid_contract (contract_code_hash)`);
    await q.query(
      `CREATE UNIQUE INDEX uq_prepaid_contract_external ON prepaid_contract (platform_code, external_ref) WHERE external_ref IS NOT NULL`,
    );
    // Lists (newest first) by institution and by township; the per-account release computation.
    await q.query(
      `CREATE INDEX idx_prepaid_contract_institution ON prepaid_contract (institution_id, created_at DESC, id DESC)`,
    );
    // Top-ups count as one charge: the same payer and student's contracts at the institution in the window.
    await q.query(
      `CREATE INDEX idx_prepaid_contract_payer ON prepaid_contract (institution_id, payer_hash, created_at) WHERE status <> 'CANCELLED'`,
    );
    await q.query(`CREATE INDEX idx_prepaid_contract_list ON prepaid_contract (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_prepaid_contract_township ON prepaid_contract (township_code, created_at DESC)`);
    await q.query(
      `CREATE INDEX idx_prepaid_contract_account ON prepaid_contract (escrow_account_id) WHERE escrow_account_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX idx_prepaid_contract_unmatched ON prepaid_contract (escrow_account_id, created_at) WHERE matched_at IS NULL`,
    );

    await q.query(`CREATE TABLE prepaid_lesson (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL REFERENCES prepaid_contract(id),
      institution_id uuid NOT NULL,
      taught_on date NOT NULL,
      lessons int NOT NULL CHECK (lessons > 0),
      recorded_at timestamptz NOT NULL,
      recorded_by_user_id uuid,
      recorded_by_name varchar(100) NOT NULL,
      status varchar(12) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','CONFIRMED','OBJECTED')),
      confirm_due_on date NOT NULL,
      confirmed_at timestamptz,
      confirmed_by varchar(8) CHECK (confirmed_by IN ('PARENT','AUTO')),
      objection_complaint_id uuid,
      objected_at timestamptz,
      CHECK ((status = 'CONFIRMED') = (confirmed_at IS NOT NULL AND confirmed_by IS NOT NULL)))`);
    await q.query(`CREATE INDEX idx_prepaid_lesson_contract ON prepaid_lesson (contract_id, taught_on, id)`);
    // The daily auto-confirm reads only the due rows: WHERE status = 'PENDING' AND confirm_due_on <= today.
    await q.query(`CREATE INDEX idx_prepaid_lesson_due ON prepaid_lesson (status, confirm_due_on)`);

    await q.query(`CREATE TABLE prepaid_refund (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL REFERENCES prepaid_contract(id),
      institution_id uuid NOT NULL,
      requested_at timestamptz NOT NULL,
      requested_by varchar(100) NOT NULL,
      lessons_refunded int NOT NULL CHECK (lessons_refunded >= 0),
      amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
      status varchar(12) NOT NULL DEFAULT 'REQUESTED'
        CHECK (status IN ('REQUESTED','APPROVED','DISPUTED','INSTRUCTED','EXECUTED','OVERDUE')),
      answer_due_on date NOT NULL,
      answered_at timestamptz,
      answer_note varchar(1000),
      approved_by varchar(100),
      instruction_id uuid,
      executed_txn_id varchar(64),
      execution_due_on date,
      complaint_id uuid)`);
    await q.query(`CREATE INDEX idx_prepaid_refund_contract ON prepaid_refund (contract_id)`);
    await q.query(`CREATE INDEX idx_prepaid_refund_due ON prepaid_refund (status, answer_due_on)`);
    await q.query(`CREATE INDEX idx_prepaid_refund_institution ON prepaid_refund (institution_id, requested_at DESC)`);
    // At most one open refund case per contract.
    await q.query(
      `CREATE UNIQUE INDEX uq_prepaid_refund_open ON prepaid_refund (contract_id) WHERE status IN ('REQUESTED','APPROVED','DISPUTED','INSTRUCTED','OVERDUE')`,
    );

    await q.query(`CREATE TABLE prepaid_release (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES escrow_account(id),
      institution_id uuid NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      contract_ids uuid[] NOT NULL DEFAULT '{}',
      instruction_id uuid,
      status varchar(12) NOT NULL DEFAULT 'INSTRUCTED' CHECK (status IN ('INSTRUCTED','EXECUTED','REFUSED')),
      created_at timestamptz NOT NULL,
      executed_at timestamptz)`);
    await q.query(`CREATE INDEX idx_prepaid_release_account ON prepaid_release (account_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE prepaid_release`);
    await q.query(`DROP TABLE prepaid_refund`);
    await q.query(`DROP TABLE prepaid_lesson`);
    await q.query(`DROP TABLE prepaid_contract`);
  }
}
