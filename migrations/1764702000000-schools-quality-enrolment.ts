import { MigrationInterface, QueryRunner } from 'typeorm';

const SUBJECTS = ['CHINESE', 'MATHEMATICS', 'ENGLISH', 'SCIENCE', 'MORALITY_LAW', 'PHYSICAL_HEALTH', 'ARTS'];
const COMPLAINT_CATEGORIES = [
  'FALSE_ADVERTISING',
  'FIRE_SAFETY',
  'TEACHER_PAID_TUTORING',
  'UNLICENSED_TRAINING',
  'PREPAID_FEE_REFUND',
  'PRICING',
  'HEALTH_FOOD_SAFETY',
  'SUBJECT_TRAINING_VIOLATION',
  'HOMEWORK_BURDEN',
  'OTHER',
];
const list = (values: string[]): string => values.map((v) => `'${v}'`).join(',');

/**
 * Issue #22, academic quality monitoring (学业质量监测) and enrolment (招生入学), in the schools module:
 * monitoring results as band shares per school, round, grade and subject (never student rows), the
 * published rounds; the county's enrolment calendar, school sectors (公办/民办), service areas (服务范围),
 * enrolment plans; and the ENROLMENT complaint category.
 */
export class SchoolsQualityEnrolment1764702000000 implements MigrationInterface {
  name = 'SchoolsQualityEnrolment1764702000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE quality_result (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      grade int NOT NULL CHECK (grade BETWEEN 1 AND 9),
      subject varchar(24) NOT NULL CHECK (subject IN (${list(SUBJECTS)})),
      assessed_count int NOT NULL CHECK (assessed_count BETWEEN 1 AND 100000),
      excellent_pct numeric(4,1) NOT NULL CHECK (excellent_pct BETWEEN 0 AND 100),
      good_pct numeric(4,1) NOT NULL CHECK (good_pct BETWEEN 0 AND 100),
      pass_pct numeric(4,1) NOT NULL CHECK (pass_pct BETWEEN 0 AND 100),
      improve_pct numeric(4,1) NOT NULL CHECK (improve_pct BETWEEN 0 AND 100),
      below_county boolean,
      recorded_by varchar(100) NOT NULL,
      recorded_at timestamptz NOT NULL,
      CONSTRAINT quality_result_shares_sum CHECK (excellent_pct + good_pct + pass_pct + improve_pct = 100),
      CONSTRAINT quality_result_unique UNIQUE (school_id, year, grade, subject))`);
    await q.query(`CREATE INDEX quality_result_round ON quality_result (year, grade, subject)`);
    await q.query(`CREATE INDEX quality_result_township ON quality_result (township_code)`);
    await q.query(`CREATE TABLE quality_round (
      year int NOT NULL,
      grade int NOT NULL CHECK (grade BETWEEN 1 AND 9),
      published_by varchar(100) NOT NULL,
      published_at timestamptz NOT NULL,
      PRIMARY KEY (year, grade))`);

    await q.query(`CREATE TABLE enrolment_calendar (
      year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
      registration_start date NOT NULL,
      registration_end date NOT NULL,
      admission_date date NOT NULL,
      updated_by varchar(100) NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (registration_start <= registration_end AND registration_end <= admission_date))`);
    await q.query(`CREATE TABLE school_sector (
      school_id uuid PRIMARY KEY REFERENCES school(id),
      sector varchar(8) NOT NULL CHECK (sector IN ('PUBLIC','PRIVATE')),
      updated_by varchar(100) NOT NULL,
      updated_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE service_area (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      school_code varchar(32) NOT NULL,
      school_name varchar(200) NOT NULL,
      school_township_code varchar(12) NOT NULL,
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      township_codes varchar(12)[] NOT NULL,
      grid_cell_codes varchar(32)[] NOT NULL,
      grid_township_codes varchar(12)[] NOT NULL,
      updated_by varchar(100) NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (cardinality(township_codes) + cardinality(grid_cell_codes) > 0),
      CONSTRAINT service_area_unique UNIQUE (school_id, year))`);
    await q.query(`CREATE INDEX service_area_townships ON service_area USING gin (township_codes)`);
    await q.query(`CREATE INDEX service_area_grid_cells ON service_area USING gin (grid_cell_codes)`);
    await q.query(`CREATE INDEX service_area_grid_townships ON service_area USING gin (grid_township_codes)`);
    await q.query(`CREATE TABLE enrolment_plan (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      sector varchar(8) NOT NULL CHECK (sector IN ('PUBLIC','PRIVATE')),
      status varchar(12) NOT NULL CHECK (status IN ('SUBMITTED','APPROVED','RETURNED')),
      places jsonb NOT NULL,
      registration_start date NOT NULL,
      registration_end date NOT NULL,
      admission_date date NOT NULL,
      admission_method varchar(32) NOT NULL CHECK (admission_method IN ('SERVICE_AREA','LOTTERY_WHEN_OVERSUBSCRIBED')),
      notes varchar(2000),
      review_comment varchar(2000),
      recorded_by varchar(100) NOT NULL,
      recorded_at timestamptz NOT NULL,
      reviewed_by varchar(100),
      reviewed_at timestamptz,
      CONSTRAINT enrolment_plan_unique UNIQUE (school_id, year))`);
    await q.query(`CREATE INDEX enrolment_plan_township ON enrolment_plan (township_code)`);

    await q.query(`ALTER TABLE complaint DROP CONSTRAINT complaint_category_check,
      ADD CONSTRAINT complaint_category_check CHECK (category IN (${list([...COMPLAINT_CATEGORIES, 'ENROLMENT'])}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE complaint SET category = 'OTHER' WHERE category = 'ENROLMENT'`);
    await q.query(`ALTER TABLE complaint DROP CONSTRAINT complaint_category_check,
      ADD CONSTRAINT complaint_category_check CHECK (category IN (${list(COMPLAINT_CATEGORIES)}))`);
    for (const table of [
      'enrolment_plan',
      'service_area',
      'school_sector',
      'enrolment_calendar',
      'quality_round',
      'quality_result',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
