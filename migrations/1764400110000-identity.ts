import { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity: users with role and scope, login throttling, partner banks and their API keys. */
export class Identity1764400110000 implements MigrationInterface {
  name = 'Identity1764400110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username varchar(64) NOT NULL UNIQUE CHECK (username = lower(username)),
      display_name varchar(100) NOT NULL,
      password_hash varchar(255) NOT NULL,
      role varchar(32) NOT NULL CHECK (role IN ('COUNTY_ADMIN','DEPARTMENT_OFFICER','TOWNSHIP_OFFICER','SCHOOL_ADMIN','INSPECTOR','DISCIPLINE_SUPERVISOR')),
      department_code varchar(32) REFERENCES department(code),
      township_code varchar(12) REFERENCES township(code),
      school_id uuid REFERENCES school(id),
      session_version int NOT NULL DEFAULT 0,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CONSTRAINT app_user_scope_matches_role CHECK (CASE
        WHEN role IN ('COUNTY_ADMIN','DISCIPLINE_SUPERVISOR') THEN num_nonnulls(department_code, township_code, school_id) = 0
        WHEN role IN ('DEPARTMENT_OFFICER','INSPECTOR') THEN department_code IS NOT NULL AND num_nonnulls(township_code, school_id) = 0
        WHEN role = 'TOWNSHIP_OFFICER' THEN township_code IS NOT NULL AND num_nonnulls(department_code, school_id) = 0
        WHEN role = 'SCHOOL_ADMIN' THEN school_id IS NOT NULL AND num_nonnulls(department_code, township_code) = 0
      END))`);
    await q.query(`CREATE INDEX idx_app_user_role ON app_user (role)`);

    await q.query(`CREATE TABLE login_throttle (
      throttle_key varchar(200) PRIMARY KEY,
      failures int NOT NULL,
      last_failure_at timestamptz NOT NULL,
      locked_until timestamptz)`);

    await q.query(`CREATE TABLE partner_bank (
      code varchar(32) PRIMARY KEY,
      name varchar(100) NOT NULL,
      created_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE bank_api_key (
      key_id varchar(64) PRIMARY KEY,
      bank_code varchar(32) NOT NULL REFERENCES partner_bank(code),
      secret_encrypted text NOT NULL,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz)`);
    await q.query(`CREATE INDEX idx_bank_api_key_bank ON bank_api_key (bank_code, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['bank_api_key', 'partner_bank', 'login_throttle', 'app_user'])
      await q.query(`DROP TABLE ${table}`);
  }
}
