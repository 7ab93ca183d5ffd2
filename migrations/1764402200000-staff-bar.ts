import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff blacklist (从业人员黑名单): people barred from off-campus training for 1–5 years or for life
 * (《校外培训机构从业人员管理办法(试行)》; 民办教育促进法实施条例 Art. 62/64). A person is known by the keyed
 * hash of the ID number (as staff and the teacher roster), with the number encrypted to show it masked.
 * A bar is lifted only to correct a mistake; an expired one stays as history.
 */
export class StaffBar1764402200000 implements MigrationInterface {
  name = 'StaffBar1764402200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staff_bar (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      id_number_hash char(64) NOT NULL,
      id_number_encrypted text NOT NULL,
      name varchar(100) NOT NULL,
      reason varchar(1000) NOT NULL,
      barred_from date NOT NULL,
      barred_until date,
      staff_id uuid REFERENCES staff(id),
      created_by varchar(100) NOT NULL,
      created_at timestamptz NOT NULL,
      lifted_at timestamptz,
      lifted_reason varchar(1000),
      lifted_by varchar(100),
      CHECK (barred_until IS NULL OR barred_until > barred_from),
      CHECK ((lifted_at IS NULL) = (lifted_reason IS NULL)))`);
    await q.query(`CREATE INDEX idx_staff_bar_person ON staff_bar (id_number_hash)`);
    await q.query(`CREATE INDEX idx_staff_bar_created ON staff_bar (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_bar`);
  }
}
