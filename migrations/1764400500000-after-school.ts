import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After-school services and homework (课后服务, 作业管理): one-school-one-plan with its staff, participation,
 * teacher hours, fee standards and customised-service fees, homework publicity and durations, family
 * education records. Every row carries the school and its township (copied from reference) for scoping.
 */
export class AfterSchool1764400500000 implements MigrationInterface {
  name = 'AfterSchool1764400500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE after_school_plan (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      semester varchar(16) NOT NULL,
      status varchar(16) NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','APPROVED','RETURNED')),
      time_slots jsonb NOT NULL,
      basic_care text NOT NULL,
      customised_services jsonb NOT NULL DEFAULT '[]',
      review_comment text,
      submitted_at timestamptz,
      reviewed_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CONSTRAINT uq_after_school_plan_school_semester UNIQUE (school_id, semester))`);
    await q.query(`CREATE INDEX idx_after_school_plan_township ON after_school_plan (township_code, semester)`);
    await q.query(`CREATE INDEX idx_after_school_plan_status ON after_school_plan (status, semester)`);

    await q.query(`CREATE TABLE after_school_plan_staff (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      plan_id uuid NOT NULL REFERENCES after_school_plan(id) ON DELETE CASCADE,
      school_id uuid NOT NULL,
      kind varchar(16) NOT NULL CHECK (kind IN ('TEACHER','VOLUNTEER','INSTITUTION')),
      teacher_id uuid,
      institution_id uuid,
      name varchar(200) NOT NULL,
      removed_at timestamptz,
      removal_reason text,
      CONSTRAINT after_school_staff_kind CHECK (CASE kind
        WHEN 'TEACHER' THEN teacher_id IS NOT NULL AND institution_id IS NULL
        WHEN 'INSTITUTION' THEN institution_id IS NOT NULL AND teacher_id IS NULL
        ELSE teacher_id IS NULL AND institution_id IS NULL END))`);
    await q.query(`CREATE INDEX idx_after_school_staff_plan ON after_school_plan_staff (plan_id)`);
    await q.query(
      `CREATE INDEX idx_after_school_staff_institution ON after_school_plan_staff (institution_id) WHERE removed_at IS NULL AND institution_id IS NOT NULL`,
    );

    await q.query(`CREATE TABLE after_school_participation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      semester varchar(16) NOT NULL,
      grade smallint NOT NULL CHECK (grade BETWEEN 1 AND 9),
      class_name varchar(50) NOT NULL,
      enrolled int NOT NULL CHECK (enrolled >= 0),
      asked int NOT NULL CHECK (asked >= 0 AND asked <= enrolled),
      served int NOT NULL CHECK (served >= 0 AND served <= asked),
      updated_at timestamptz NOT NULL,
      CONSTRAINT uq_after_school_participation UNIQUE (school_id, semester, grade, class_name))`);
    await q.query(
      `CREATE INDEX idx_after_school_participation_township ON after_school_participation (township_code, semester)`,
    );
    await q.query(`CREATE INDEX idx_after_school_participation_semester ON after_school_participation (semester)`);

    await q.query(`CREATE TABLE after_school_teacher_hours (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      teacher_id uuid NOT NULL,
      teacher_name varchar(100) NOT NULL,
      service_date date NOT NULL,
      minutes int NOT NULL CHECK (minutes > 0 AND minutes <= 600),
      created_at timestamptz NOT NULL,
      CONSTRAINT uq_after_school_teacher_hours UNIQUE (teacher_id, service_date))`);
    await q.query(
      `CREATE INDEX idx_after_school_teacher_hours_school ON after_school_teacher_hours (school_id, service_date)`,
    );

    await q.query(`CREATE TABLE after_school_fee_standard (
      code varchar(32) PRIMARY KEY,
      name varchar(100) NOT NULL,
      fee_fen_per_semester bigint NOT NULL CHECK (fee_fen_per_semester >= 0),
      approved_by varchar(100) NOT NULL,
      created_at timestamptz NOT NULL)`);

    await q.query(`CREATE TABLE after_school_fee_charge (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      semester varchar(16) NOT NULL,
      fee_standard_code varchar(32) NOT NULL REFERENCES after_school_fee_standard(code),
      students int NOT NULL CHECK (students >= 0),
      exempted_students int NOT NULL CHECK (exempted_students >= 0 AND exempted_students <= students),
      updated_at timestamptz NOT NULL,
      CONSTRAINT uq_after_school_fee_charge UNIQUE (school_id, semester, fee_standard_code))`);
    await q.query(`CREATE INDEX idx_after_school_fee_charge_semester ON after_school_fee_charge (semester)`);

    await q.query(`CREATE TABLE homework_record (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      grade smallint NOT NULL CHECK (grade BETWEEN 1 AND 9),
      class_name varchar(50) NOT NULL,
      homework_date date NOT NULL,
      subjects jsonb NOT NULL,
      estimated_minutes int NOT NULL CHECK (estimated_minutes >= 0),
      reported_minutes int CHECK (reported_minutes >= 0),
      limit_minutes int NOT NULL,
      published_at timestamptz NOT NULL,
      reported_at timestamptz,
      CONSTRAINT uq_homework_record UNIQUE (school_id, grade, class_name, homework_date))`);
    await q.query(`CREATE INDEX idx_homework_record_date ON homework_record (homework_date, school_id)`);
    await q.query(`CREATE INDEX idx_homework_record_township ON homework_record (township_code, homework_date)`);

    await q.query(`CREATE TABLE homework_missing_flag (
      school_id uuid NOT NULL,
      homework_date date NOT NULL,
      flagged_at timestamptz NOT NULL,
      PRIMARY KEY (school_id, homework_date))`);

    await q.query(`CREATE TABLE family_education_session (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      school_year smallint NOT NULL,
      kind varchar(16) NOT NULL CHECK (kind IN ('GUIDANCE','CONSULTATION')),
      session_date date NOT NULL,
      minutes int NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
      topic varchar(200) NOT NULL,
      created_at timestamptz NOT NULL)`);
    await q.query(
      `CREATE INDEX idx_family_education_session_school ON family_education_session (school_id, school_year)`,
    );

    await q.query(`CREATE TABLE home_visit_record (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      school_year smallint NOT NULL,
      grade smallint NOT NULL CHECK (grade BETWEEN 1 AND 9),
      class_name varchar(50) NOT NULL,
      students int NOT NULL CHECK (students >= 0),
      visited int NOT NULL CHECK (visited >= 0 AND visited <= students),
      updated_at timestamptz NOT NULL,
      CONSTRAINT uq_home_visit_record UNIQUE (school_id, school_year, grade, class_name))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'home_visit_record',
      'family_education_session',
      'homework_missing_flag',
      'homework_record',
      'after_school_fee_charge',
      'after_school_fee_standard',
      'after_school_teacher_hours',
      'after_school_participation',
      'after_school_plan_staff',
      'after_school_plan',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
