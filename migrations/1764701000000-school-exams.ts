import { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: string[]): string => values.map((v) => `'${v}'`).join(', ');

const KINDS = ['END_OF_TERM', 'MID_TERM', 'UNIT_TEST', 'WEEKLY_TEST', 'MONTHLY_TEST', 'SELECTION'];
const FORMATS = ['PAPER', 'NON_WRITTEN'];
const ORGANISERS = ['SCHOOL', 'TOWNSHIP', 'COUNTY'];
const VIOLATIONS = [
  'PAPER_EXAM_IN_GRADES_1_2',
  'EXTRA_END_OF_TERM_EXAM',
  'MID_TERM_IN_PRIMARY',
  'EXTRA_MID_TERM_EXAM',
  'ROUTINE_TEST',
  'SELECTION_EXAM',
  'RESULTS_AS_SCORES',
  'RESULTS_RANKED',
  'RANKING_PUBLISHED',
];

/**
 * Exam management in schools (考试管理, issue #22): a school's exam plan per term, each exam held with its
 * aggregate results (never individual scores), and each breach of the national rules found when a plan,
 * an exam or its results are recorded. Closed sets are CHECKs (a new value is a migration).
 */
export class SchoolExams1764701000000 implements MigrationInterface {
  name = 'SchoolExams1764701000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE school_exam_plan (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      term varchar(6) NOT NULL CHECK (term ~ '^[0-9]{4}-[12]$'),
      entries jsonb NOT NULL,
      note text,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (school_id, term))`);
    await q.query(`CREATE INDEX idx_school_exam_plan_township ON school_exam_plan (township_code, term)`);

    await q.query(`CREATE TABLE school_exam (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      term varchar(6) NOT NULL CHECK (term ~ '^[0-9]{4}-[12]$'),
      grade smallint NOT NULL CHECK (grade BETWEEN 1 AND 9),
      kind varchar(20) NOT NULL CHECK (kind IN (${list(KINDS)})),
      format varchar(12) NOT NULL CHECK (format IN (${list(FORMATS)})),
      organiser varchar(12) NOT NULL CHECK (organiser IN (${list(ORGANISERS)})),
      subjects jsonb NOT NULL,
      exam_date date NOT NULL,
      note text,
      results jsonb,
      results_recorded_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (school_id, grade, kind, exam_date))`);
    await q.query(`CREATE INDEX idx_school_exam_term ON school_exam (school_id, term, grade)`);
    await q.query(`CREATE INDEX idx_school_exam_township ON school_exam (township_code, term)`);

    await q.query(`CREATE TABLE school_exam_violation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      term varchar(6) NOT NULL,
      grade smallint NOT NULL,
      kind varchar(32) NOT NULL CHECK (kind IN (${list(VIOLATIONS)})),
      source varchar(8) NOT NULL CHECK (source IN ('PLAN', 'EXAM')),
      plan_id uuid REFERENCES school_exam_plan(id),
      exam_id uuid REFERENCES school_exam(id),
      description jsonb NOT NULL,
      found_at timestamptz NOT NULL,
      CHECK ((source = 'PLAN') = (plan_id IS NOT NULL) AND (source = 'EXAM') = (exam_id IS NOT NULL)))`);
    // A breach is found once: a plan recorded again, or results recorded again, add only new breaches.
    await q.query(
      `CREATE UNIQUE INDEX uq_school_exam_violation_plan ON school_exam_violation (plan_id, grade, kind) WHERE plan_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX uq_school_exam_violation_exam ON school_exam_violation (exam_id, kind) WHERE exam_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX idx_school_exam_violation_school ON school_exam_violation (school_id, term)`);
    await q.query(`CREATE INDEX idx_school_exam_violation_township ON school_exam_violation (township_code, term)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE school_exam_violation`);
    await q.query(`DROP TABLE school_exam`);
    await q.query(`DROP TABLE school_exam_plan`);
  }
}
