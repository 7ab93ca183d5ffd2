import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The one-time setup code of an installation without a county administrator: at most one row, the
 * code's SHA-256 only, its expiry, and the wrong answers given (setupFirstAdmin is throttled on them).
 */
export class FirstAdminSetup1764402650000 implements MigrationInterface {
  name = 'FirstAdminSetup1764402650000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE first_admin_setup (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      code_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      failures integer NOT NULL DEFAULT 0,
      last_failure_at timestamptz,
      locked_until timestamptz,
      created_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE first_admin_setup`);
  }
}
