import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = ['INSPECTION', 'EVALUATION', 'FORM_FILLING', 'CAMPUS_ACTIVITY', 'OTHER'];
const APPROVALS = ['DECLARED', 'NONE', 'DISPUTED'];
const list = (values: string[]): string => values.map((v) => `'${v}'`).join(',');

/**
 * Teacher burden (教师负担, issue #22): the non-teaching demands placed on a school (inspections,
 * evaluations, form-filling, activities entering campus), who asked, the teacher-hours they took and whether
 * the county approved them. A requester is a department of the reference data or a named outside body.
 */
export class TeacherBurden1764703000000 implements MigrationInterface {
  name = 'TeacherBurden1764703000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE teacher_burden_demand (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      kind varchar(20) NOT NULL CHECK (kind IN (${list(KINDS)})),
      title varchar(200) NOT NULL,
      description text NOT NULL DEFAULT '',
      requester_department_code varchar(32),
      requester_name varchar(200),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      teachers_involved int NOT NULL CHECK (teachers_involved BETWEEN 1 AND 10000),
      teacher_hours numeric(8,1) NOT NULL CHECK (teacher_hours > 0),
      approval_status varchar(10) NOT NULL CHECK (approval_status IN (${list(APPROVALS)})),
      approval_reference varchar(100),
      dispute_reason text,
      disputed_at timestamptz,
      disputed_by_name varchar(200),
      withdrawn_at timestamptz,
      withdrawal_reason text,
      recorded_by_user_id uuid,
      recorded_by_name varchar(200) NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CONSTRAINT teacher_burden_demand_requester_check
        CHECK ((requester_department_code IS NULL) <> (requester_name IS NULL)),
      CONSTRAINT teacher_burden_demand_dates_check CHECK (starts_on <= ends_on),
      CONSTRAINT teacher_burden_demand_approval_check
        CHECK ((approval_status = 'NONE') = (approval_reference IS NULL)))`);
    await q.query(`CREATE INDEX idx_teacher_burden_school ON teacher_burden_demand (school_id, starts_on)`);
    await q.query(`CREATE INDEX idx_teacher_burden_month ON teacher_burden_demand (starts_on, township_code)`);
    await q.query(
      `CREATE INDEX idx_teacher_burden_requester ON teacher_burden_demand (requester_department_code) WHERE requester_department_code IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE teacher_burden_demand`);
  }
}
