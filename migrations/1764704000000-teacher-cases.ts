import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases against serving teachers who tutor for pay (issue #22): one per teacher and source (a roster match
 * with an institution's staff, or a paid-tutoring complaint), kept by the roster's keyed hash of the
 * teacher's ID number (never the number itself). OPEN until the Education Bureau records its outcome.
 */
export class TeacherCases1764704000000 implements MigrationInterface {
  name = 'TeacherCases1764704000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE teacher_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        teacher_id uuid NOT NULL,
        roster_hash char(64) NOT NULL,
        teacher_name varchar(100) NOT NULL,
        school_id uuid NOT NULL,
        township_code varchar(12) NOT NULL,
        source_kind varchar(16) NOT NULL CONSTRAINT chk_teacher_case_source_kind CHECK (source_kind IN ('ROSTER_MATCH', 'COMPLAINT')),
        source_ref varchar(80) NOT NULL,
        institution_id uuid,
        staff_id uuid,
        complaint_id uuid,
        status varchar(8) NOT NULL CONSTRAINT chk_teacher_case_status CHECK (status IN ('OPEN', 'DECIDED')),
        opened_at timestamptz NOT NULL,
        opened_by varchar(120) NOT NULL,
        note varchar(2000),
        decision_due_on date NOT NULL,
        outcome varchar(20) CONSTRAINT chk_teacher_case_outcome CHECK (outcome IN ('DISMISSED', 'WARNING', 'SANCTION_REFERRED')),
        outcome_reason varchar(2000),
        decided_at timestamptz,
        decided_by varchar(120),
        CONSTRAINT uq_teacher_case_source UNIQUE (teacher_id, source_kind, source_ref),
        CONSTRAINT chk_teacher_case_decided CHECK ((status = 'DECIDED') = (outcome IS NOT NULL AND decided_at IS NOT NULL)),
        CONSTRAINT chk_teacher_case_source CHECK (
          (source_kind = 'ROSTER_MATCH' AND institution_id IS NOT NULL AND staff_id IS NOT NULL AND complaint_id IS NULL)
          OR (source_kind = 'COMPLAINT' AND complaint_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX idx_teacher_case_roster_hash ON teacher_case (roster_hash, opened_at DESC)`);
    await q.query(`CREATE INDEX idx_teacher_case_school ON teacher_case (school_id)`);
    await q.query(`CREATE INDEX idx_teacher_case_township ON teacher_case (township_code)`);
    await q.query(`CREATE INDEX idx_teacher_case_opened ON teacher_case (opened_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_teacher_case_open_due ON teacher_case (decision_due_on) WHERE status = 'OPEN'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE teacher_case`);
  }
}
