import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit (黑白名单): credit records (never deleted), list entries with their two-step decisions, and the
 * credit module's own projections of other modules' events (escrow alerts and accounts, annual reviews).
 */
export class Credit1764400700000 implements MigrationInterface {
  name = 'Credit1764400700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE credit_record (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      institution_id uuid NOT NULL,
      staff_id uuid,
      township_code varchar(12) NOT NULL,
      kind varchar(16) NOT NULL CHECK (kind IN ('VIOLATION','COMMENDATION')),
      source varchar(32) NOT NULL CHECK (source IN ('INSPECTION_FINDING','VERIFIED_COMPLAINT','ESCROW_ALERT_UNRESOLVED','ANNUAL_REVIEW_FAILED','IN_SERVICE_TEACHER','FIRE_NOT_RECTIFIED','MANUAL')),
      severity varchar(16) CHECK (severity IN ('MINOR','SERIOUS','GRAVE')),
      summary varchar(500) NOT NULL,
      evidence jsonb NOT NULL DEFAULT '[]',
      occurred_on date NOT NULL,
      source_reference varchar(100),
      status varchar(16) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','REVOKED')),
      revoke_reason varchar(500),
      revoked_at timestamptz,
      revoked_by_name varchar(100),
      created_by_user_id uuid,
      created_by_name varchar(100) NOT NULL,
      created_at timestamptz NOT NULL,
      CHECK (kind = 'COMMENDATION' OR severity IS NOT NULL),
      CHECK (status = 'ACTIVE' OR revoke_reason IS NOT NULL))`);
    // A redelivered event (or the same alert seen twice) never makes a second record.
    await q.query(
      `CREATE UNIQUE INDEX uq_credit_record_source ON credit_record (source, source_reference) WHERE source_reference IS NOT NULL`,
    );
    // Per institution (filters, look-back window of whitelist eligibility); list filters by township.
    await q.query(
      `CREATE INDEX idx_credit_record_institution ON credit_record (institution_id, kind, occurred_on) WHERE status = 'ACTIVE'`,
    );
    await q.query(`CREATE INDEX idx_credit_record_list ON credit_record (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_credit_record_township ON credit_record (township_code, created_at DESC)`);
    // Records are never deleted: a mistaken one is revoked with a reason.
    await q.query(`CREATE FUNCTION credit_record_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'credit_record rows are never deleted; revoke them with a reason'; END $$`);
    await q.query(`CREATE TRIGGER credit_record_no_delete BEFORE DELETE OR TRUNCATE ON credit_record
      FOR EACH STATEMENT EXECUTE FUNCTION credit_record_no_delete()`);

    await q.query(`CREATE TABLE credit_entry (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      institution_id uuid NOT NULL,
      institution_name varchar(200) NOT NULL,
      credit_code varchar(18) NOT NULL,
      township_code varchar(12) NOT NULL,
      kind varchar(8) NOT NULL CHECK (kind IN ('BLACK','WHITE','GREY')),
      reason_code varchar(48) NOT NULL,
      reason text NOT NULL,
      evidence jsonb NOT NULL DEFAULT '[]',
      record_ids uuid[] NOT NULL DEFAULT '{}',
      status varchar(20) NOT NULL CHECK (status IN ('PROPOSED','PUBLISHED','REJECTED','REMOVAL_PROPOSED','REMOVED','EXPIRED')),
      effective_on date,
      expires_on date,
      proposed_by_user_id uuid,
      proposed_by_name varchar(100) NOT NULL,
      proposed_at timestamptz NOT NULL,
      decided_by_user_id uuid,
      decided_by_name varchar(100),
      decided_at timestamptz,
      decision_note varchar(1000),
      removal_grounds varchar(32) CHECK (removal_grounds IN ('APPEAL','CREDIT_REPAIR','SUPERSEDED_BY_BLACKLIST')),
      removal_note varchar(1000),
      removal_evidence jsonb NOT NULL DEFAULT '[]',
      removal_proposed_by_user_id uuid,
      removal_proposed_by_name varchar(100),
      removal_proposed_at timestamptz,
      removal_decided_by_user_id uuid,
      removal_decided_by_name varchar(100),
      removal_decided_at timestamptz,
      removal_decision_note varchar(1000),
      ended_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL)`);
    // One active entry per institution and kind.
    await q.query(
      `CREATE UNIQUE INDEX uq_credit_entry_active ON credit_entry (institution_id, kind) WHERE status IN ('PROPOSED','PUBLISHED','REMOVAL_PROPOSED')`,
    );
    // The public list: published entries by kind (and township), newest first; the expiry sweep.
    await q.query(
      `CREATE INDEX idx_credit_entry_public ON credit_entry (kind, township_code, effective_on DESC, id DESC) WHERE status IN ('PUBLISHED','REMOVAL_PROPOSED')`,
    );
    await q.query(
      `CREATE INDEX idx_credit_entry_expiry ON credit_entry (expires_on) WHERE status IN ('PUBLISHED','REMOVAL_PROPOSED')`,
    );
    await q.query(`CREATE INDEX idx_credit_entry_list ON credit_entry (status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_credit_entry_institution ON credit_entry (institution_id, created_at DESC)`);

    // Projections of other modules' events (event-carried state; no reads of their tables).
    await q.query(`CREATE TABLE credit_escrow_alert (
      alert_id uuid PRIMARY KEY,
      institution_id uuid NOT NULL,
      account_id uuid,
      type varchar(40) NOT NULL,
      raised_at timestamptz NOT NULL,
      resolved_at timestamptz,
      deadline_handled_at timestamptz,
      record_id uuid)`);
    await q.query(
      `CREATE INDEX idx_credit_escrow_alert_open ON credit_escrow_alert (raised_at) WHERE resolved_at IS NULL AND deadline_handled_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX idx_credit_escrow_alert_institution ON credit_escrow_alert (institution_id) WHERE resolved_at IS NULL`,
    );
    await q.query(`CREATE TABLE credit_escrow_account (
      account_id uuid PRIMARY KEY,
      institution_id uuid NOT NULL,
      status varchar(16) NOT NULL,
      updated_at timestamptz NOT NULL)`);
    await q.query(
      `CREATE INDEX idx_credit_escrow_account_institution ON credit_escrow_account (institution_id, status)`,
    );
    await q.query(`CREATE TABLE credit_annual_review (
      institution_id uuid NOT NULL,
      year int NOT NULL,
      result varchar(16) NOT NULL,
      score numeric,
      completed_at timestamptz NOT NULL,
      PRIMARY KEY (institution_id, year))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['credit_annual_review', 'credit_escrow_account', 'credit_escrow_alert', 'credit_entry'])
      await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP TABLE credit_record`);
    await q.query(`DROP FUNCTION credit_record_no_delete()`);
  }
}
