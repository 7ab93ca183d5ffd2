import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports as immutable snapshots (#23, ADR 0029): a version per period, the document number (文号), the
 * printable DOCX in its two editions (简报, 专报), a trigger that refuses any UPDATE or DELETE of a stored
 * report, and the dispatches (报送) of a report.
 */
export class ReportSnapshots1764707000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE supervision_report
      ADD COLUMN version int,
      ADD COLUMN document_number varchar(40),
      ADD COLUMN docx bytea,
      ADD COLUMN docx_special bytea`);
    await q.query(`UPDATE supervision_report r SET version = v.n
      FROM (SELECT id, row_number() OVER (PARTITION BY period ORDER BY generated_at, id) AS n FROM supervision_report) v
      WHERE v.id = r.id`);
    await q.query(`ALTER TABLE supervision_report ALTER COLUMN version SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_supervision_report_version ON supervision_report (period, version)`);
    await q.query(
      `CREATE UNIQUE INDEX uq_supervision_report_document_number ON supervision_report (document_number) WHERE document_number IS NOT NULL`,
    );
    await q.query(`CREATE FUNCTION supervision_report_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'supervision_report % is a stored snapshot and never changes', OLD.id USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await q.query(`CREATE TRIGGER trg_supervision_report_immutable BEFORE UPDATE OR DELETE ON supervision_report
      FOR EACH ROW EXECUTE FUNCTION supervision_report_immutable()`);

    await q.query(`CREATE TABLE supervision_report_dispatch (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id uuid NOT NULL REFERENCES supervision_report (id),
      kind varchar(10) NOT NULL CHECK (kind IN ('SPECIAL','BRIEFING')),
      department_codes varchar[] NOT NULL,
      note varchar(500),
      sent_by varchar(100) NOT NULL,
      sent_at timestamptz NOT NULL,
      CHECK ((kind = 'SPECIAL') = (cardinality(department_codes) = 0)))`);
    await q.query(
      `CREATE INDEX idx_supervision_report_dispatch_report ON supervision_report_dispatch (report_id, sent_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE supervision_report_dispatch`);
    await q.query(`DROP TRIGGER trg_supervision_report_immutable ON supervision_report`);
    await q.query(`DROP FUNCTION supervision_report_immutable()`);
    await q.query(`DROP INDEX uq_supervision_report_document_number`);
    await q.query(`DROP INDEX uq_supervision_report_version`);
    await q.query(
      `ALTER TABLE supervision_report DROP COLUMN version, DROP COLUMN document_number, DROP COLUMN docx, DROP COLUMN docx_special`,
    );
  }
}
