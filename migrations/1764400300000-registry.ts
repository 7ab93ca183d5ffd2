import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Institution registry (机构登记): institutions, premises, staff, courses, training materials and
 * enrolment ads under review, annual review checklists and results, unlicensed-training leads; and the
 * county's holiday/vacation calendar in reference data (the training-time rules read it).
 */
export class Registry1764400300000 implements MigrationInterface {
  name = 'Registry1764400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE calendar_period (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind varchar(20) NOT NULL CHECK (kind IN ('PUBLIC_HOLIDAY','WINTER_VACATION','SUMMER_VACATION','ADJUSTED_WORKDAY')),
      name varchar(100) NOT NULL,
      start_date date NOT NULL,
      end_date date NOT NULL,
      CHECK (end_date >= start_date),
      UNIQUE (kind, start_date))`);
    await q.query(`CREATE INDEX idx_calendar_period_dates ON calendar_period(start_date, end_date)`);

    await q.query(`CREATE TABLE institution (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(200) NOT NULL,
      credit_code char(18) NOT NULL,
      category varchar(16) NOT NULL CHECK (category IN ('SUBJECT','NON_SUBJECT')),
      non_subject_kind varchar(16) CHECK (non_subject_kind IN ('SPORTS','ARTS','SCIENCE_TECH','OTHER')),
      legal_form varchar(16) NOT NULL CHECK (legal_form IN ('FOR_PROFIT','NON_PROFIT')),
      competent_department_code varchar(32) NOT NULL REFERENCES department(code),
      licence_number varchar(64),
      licence_valid_from date,
      licence_valid_until date,
      township_code varchar(12) NOT NULL REFERENCES township(code),
      grid_code varchar(32) REFERENCES grid_cell(code),
      address varchar(300) NOT NULL,
      legal_representative varchar(100) NOT NULL,
      contact_phone varchar(32) NOT NULL,
      party_organisation_covered boolean NOT NULL DEFAULT false,
      party_work_covered boolean NOT NULL DEFAULT false,
      status varchar(16) NOT NULL CHECK (status IN ('APPLIED','APPROVED','REJECTED','OPERATING','SUSPENDED','DEREGISTERED','REVOKED')),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK ((category = 'SUBJECT') = (non_subject_kind IS NULL)))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_institution_credit_code" ON institution(credit_code)`);
    await q.query(`CREATE INDEX idx_institution_township_status ON institution(township_code, status)`);
    await q.query(`CREATE INDEX idx_institution_status ON institution(status)`);
    await q.query(`CREATE INDEX idx_institution_name ON institution(name, id)`);
    // KPI "subject institutions remaining" (压减): for-profit subject institutions not yet closed.
    await q.query(`CREATE INDEX idx_institution_subject_remaining ON institution(township_code)
      WHERE category = 'SUBJECT' AND legal_form = 'FOR_PROFIT' AND status IN ('APPLIED','APPROVED','OPERATING','SUSPENDED')`);

    await q.query(`CREATE TABLE premises (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      institution_id uuid NOT NULL REFERENCES institution(id),
      address varchar(300) NOT NULL,
      floor_area_m2 int NOT NULL CHECK (floor_area_m2 > 0),
      fire_design_review varchar(16) NOT NULL CHECK (fire_design_review IN ('PENDING','PASSED','FAILED')),
      fire_acceptance varchar(16) NOT NULL CHECK (fire_acceptance IN ('PENDING','PASSED','FAILED')),
      fire_acceptance_date date,
      fire_inspection varchar(16) NOT NULL CHECK (fire_inspection IN ('PENDING','PASSED','FAILED')),
      fire_inspection_date date,
      health_inspection varchar(16) NOT NULL CHECK (health_inspection IN ('PENDING','PASSED','FAILED')),
      health_inspection_date date,
      security_guards boolean NOT NULL DEFAULT false,
      physical_protection boolean NOT NULL DEFAULT false,
      technical_protection boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX idx_premises_institution ON premises(institution_id)`);

    await q.query(`CREATE TABLE staff (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      institution_id uuid NOT NULL REFERENCES institution(id),
      name varchar(100) NOT NULL,
      id_number_hash char(64) NOT NULL,
      id_number_encrypted text NOT NULL,
      position varchar(16) NOT NULL CHECK (position IN ('TEACHER','MANAGER','OTHER')),
      qualification varchar(200),
      background_check varchar(16) NOT NULL CHECK (background_check IN ('PENDING','CLEARED','FAILED')),
      in_service_teacher_id uuid REFERENCES teacher(id),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL,
      UNIQUE (institution_id, id_number_hash))`);
    await q.query(`CREATE INDEX idx_staff_id_number_hash ON staff(id_number_hash)`);
    await q.query(`CREATE INDEX idx_staff_in_service ON staff(institution_id) WHERE in_service_teacher_id IS NOT NULL`);

    await q.query(`CREATE TABLE course (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      institution_id uuid NOT NULL REFERENCES institution(id),
      name varchar(200) NOT NULL,
      topic varchar(32) NOT NULL,
      subject boolean NOT NULL,
      target_grades smallint[] NOT NULL,
      mode varchar(8) NOT NULL CHECK (mode IN ('OFFLINE','ONLINE')),
      lesson_minutes int NOT NULL CHECK (lesson_minutes > 0),
      price_per_hour_fen bigint NOT NULL CHECK (price_per_hour_fen >= 0),
      term_start date NOT NULL,
      term_end date NOT NULL,
      weekly_slots jsonb NOT NULL,
      extra_sessions jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL,
      CHECK (term_end >= term_start))`);
    await q.query(`CREATE INDEX idx_course_institution ON course(institution_id)`);
    await q.query(`CREATE INDEX idx_course_subject ON course(institution_id) WHERE subject`);

    await q.query(`CREATE TABLE training_material (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      institution_id uuid NOT NULL REFERENCES institution(id),
      course_id uuid REFERENCES course(id),
      kind varchar(16) NOT NULL CHECK (kind IN ('MATERIAL','ENROLMENT_AD')),
      title varchar(200) NOT NULL,
      content text NOT NULL,
      status varchar(16) NOT NULL CHECK (status IN ('SUBMITTED','APPROVED','REJECTED')),
      review_reasons text,
      reviewed_by varchar(100),
      submitted_at timestamptz NOT NULL,
      reviewed_at timestamptz)`);
    await q.query(`CREATE INDEX idx_training_material_institution ON training_material(institution_id)`);
    await q.query(
      `CREATE INDEX idx_training_material_pending ON training_material(submitted_at) WHERE status = 'SUBMITTED'`,
    );

    await q.query(`CREATE TABLE annual_review_checklist (
      year int PRIMARY KEY,
      items jsonb NOT NULL,
      pass_score int NOT NULL,
      basic_pass_score int NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (pass_score >= basic_pass_score))`);
    await q.query(`CREATE TABLE annual_review (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      institution_id uuid NOT NULL REFERENCES institution(id),
      year int NOT NULL,
      scores jsonb NOT NULL,
      score int NOT NULL,
      result varchar(16) NOT NULL CHECK (result IN ('PASS','BASIC_PASS','FAIL')),
      remarks text,
      reviewed_by varchar(100) NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (institution_id, year))`);
    await q.query(`CREATE INDEX idx_annual_review_year ON annual_review(year, result)`);

    await q.query(`CREATE TABLE unlicensed_lead (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      township_code varchar(12) NOT NULL REFERENCES township(code),
      grid_code varchar(32) REFERENCES grid_cell(code),
      location varchar(300) NOT NULL,
      latitude numeric(9,6),
      longitude numeric(9,6),
      kind varchar(24) NOT NULL,
      source varchar(24) NOT NULL,
      description text NOT NULL,
      status varchar(16) NOT NULL CHECK (status IN ('OPEN','INVESTIGATING','CLOSED','REGULARISED','UNFOUNDED')),
      findings text,
      institution_id uuid REFERENCES institution(id),
      reported_at timestamptz NOT NULL,
      investigation_started_at timestamptz,
      resolved_at timestamptz)`);
    await q.query(`CREATE INDEX idx_unlicensed_lead_township ON unlicensed_lead(township_code, status)`);
    await q.query(
      `CREATE INDEX idx_unlicensed_lead_open ON unlicensed_lead(reported_at) WHERE status IN ('OPEN','INVESTIGATING')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'unlicensed_lead',
      'annual_review',
      'annual_review_checklist',
      'training_material',
      'course',
      'staff',
      'premises',
      'institution',
      'calendar_period',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
