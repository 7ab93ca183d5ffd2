import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reference data: county, townships, grid cells, departments and their duties, schools, teacher roster. */
export class Reference1764400000000 implements MigrationInterface {
  name = 'Reference1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE county (
      code varchar(12) PRIMARY KEY,
      name varchar(100) NOT NULL)`);
    await q.query(`CREATE TABLE township (
      code varchar(12) PRIMARY KEY,
      county_code varchar(12) NOT NULL REFERENCES county(code),
      name varchar(100) NOT NULL,
      kind varchar(16) NOT NULL CHECK (kind IN ('STREET','TOWN','TOWNSHIP')))`);
    await q.query(`CREATE INDEX idx_township_county ON township(county_code)`);
    await q.query(`CREATE TABLE grid_cell (
      code varchar(32) PRIMARY KEY,
      township_code varchar(12) NOT NULL REFERENCES township(code),
      name varchar(100) NOT NULL)`);
    await q.query(`CREATE INDEX idx_grid_cell_township ON grid_cell(township_code)`);
    await q.query(`CREATE TABLE department (
      code varchar(32) PRIMARY KEY,
      name varchar(100) NOT NULL,
      sort_order int NOT NULL)`);
    await q.query(`CREATE TABLE department_duty (
      department_code varchar(32) NOT NULL REFERENCES department(code),
      duty varchar(48) NOT NULL,
      description varchar(200) NOT NULL,
      PRIMARY KEY (department_code, duty))`);
    await q.query(`CREATE INDEX idx_department_duty_duty ON department_duty(duty)`);
    await q.query(`CREATE TABLE school (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code varchar(32) NOT NULL UNIQUE,
      name varchar(200) NOT NULL,
      township_code varchar(12) NOT NULL REFERENCES township(code),
      stage varchar(16) NOT NULL CHECK (stage IN ('PRIMARY','JUNIOR','NINE_YEAR')),
      address varchar(300))`);
    await q.query(`CREATE INDEX idx_school_township ON school(township_code)`);
    await q.query(`CREATE TABLE teacher (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      name varchar(100) NOT NULL,
      id_number_hash char(64) NOT NULL UNIQUE,
      active boolean NOT NULL DEFAULT true)`);
    await q.query(`CREATE INDEX idx_teacher_school ON teacher(school_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['teacher', 'school', 'department_duty', 'department', 'grid_cell', 'township', 'county']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
