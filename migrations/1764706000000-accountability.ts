import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accountability cases (问责, issue #23, ADR 0028): a level-3 escalation opens a case against the
 * department or township held to account, listing the overdue items behind it; the party's statement and
 * the discipline supervisor's decision close it. At most one OPEN case per party (later level-3 items join
 * it); an item is behind one case only.
 */
export class Accountability1764706000000 implements MigrationInterface {
  name = 'Accountability1764706000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE accountability_case (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      party_kind varchar(12) NOT NULL CONSTRAINT chk_accountability_case_party_kind CHECK (party_kind IN ('DEPARTMENT','TOWNSHIP')),
      party_code varchar(32) NOT NULL,
      status varchar(20) NOT NULL CONSTRAINT chk_accountability_case_status CHECK (status IN ('OPEN','STATEMENT_RECEIVED','DECIDED')),
      opened_at timestamptz NOT NULL,
      statement_due_at timestamptz NOT NULL,
      decision_due_at timestamptz NOT NULL,
      statement text,
      statement_at timestamptz,
      statement_by_id uuid,
      decision_kind varchar(20) CONSTRAINT chk_accountability_case_decision_kind
        CHECK (decision_kind IN ('INTERVIEW','CIRCULATED','ACCOUNTABILITY','NO_ACTION')),
      accountability_level varchar(24) CONSTRAINT chk_accountability_case_level
        CHECK (accountability_level IN ('ADMONISHMENT','ORGANISATIONAL','DISCIPLINARY_REFERRAL')),
      decision_reasons text,
      decided_at timestamptz,
      decided_by_id uuid,
      updated_at timestamptz NOT NULL,
      CONSTRAINT chk_accountability_case_decided CHECK ((status = 'DECIDED') = (decision_kind IS NOT NULL AND decided_at IS NOT NULL)),
      CONSTRAINT chk_accountability_case_level_kind CHECK ((decision_kind = 'ACCOUNTABILITY') = (accountability_level IS NOT NULL)),
      CONSTRAINT chk_accountability_case_statement CHECK ((statement IS NULL) = (statement_at IS NULL)))`);
    await q.query(
      `CREATE UNIQUE INDEX uq_accountability_case_open_party ON accountability_case (party_kind, party_code) WHERE status = 'OPEN'`,
    );
    await q.query(`CREATE INDEX idx_accountability_case_opened ON accountability_case (opened_at, id)`);
    await q.query(
      `CREATE INDEX idx_accountability_case_decided ON accountability_case (decided_at) WHERE decided_at IS NOT NULL`,
    );
    await q.query(`CREATE TABLE accountability_case_item (
      item_kind varchar(12) NOT NULL CONSTRAINT chk_accountability_case_item_kind CHECK (item_kind IN ('TASK','ORDER','COMPLAINT')),
      item_id uuid NOT NULL,
      case_id uuid NOT NULL REFERENCES accountability_case (id),
      title varchar(200) NOT NULL,
      due_at timestamptz NOT NULL,
      overdue_days int NOT NULL,
      lead_department_code varchar(32) NOT NULL,
      township_code varchar(12),
      escalated_at timestamptz NOT NULL,
      PRIMARY KEY (item_kind, item_id))`);
    await q.query(`CREATE INDEX idx_accountability_case_item_case ON accountability_case_item (case_id, due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE accountability_case_item`);
    await q.query(`DROP TABLE accountability_case`);
  }
}
