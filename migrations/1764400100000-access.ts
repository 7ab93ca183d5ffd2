import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Platform tables of access control: the append-only audit log (a trigger refuses UPDATE, DELETE and
 * TRUNCATE), idempotency records of bank writes and the rate-limit token buckets.
 */
export class Access1764400100000 implements MigrationInterface {
  name = 'Access1764400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      actor_kind varchar(16) NOT NULL CHECK (actor_kind IN ('user','bank','system','anonymous')),
      actor_user_id uuid,
      actor_bank_key_id varchar(64),
      actor_name varchar(100),
      action varchar(100) NOT NULL,
      entity_type varchar(64) NOT NULL,
      entity_id varchar(100),
      request_id varchar(64),
      summary jsonb NOT NULL DEFAULT '{}')`);
    await q.query(`CREATE INDEX idx_audit_log_time ON audit_log (occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_audit_log_entity ON audit_log (entity_type, entity_id, occurred_at DESC)`);
    await q.query(
      `CREATE INDEX idx_audit_log_actor_user ON audit_log (actor_user_id, occurred_at DESC) WHERE actor_user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX idx_audit_log_actor_bank_key ON audit_log (actor_bank_key_id, occurred_at DESC) WHERE actor_bank_key_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX idx_audit_log_action ON audit_log (action, occurred_at DESC)`);
    await q.query(`CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);

    await q.query(`CREATE TABLE idempotency_request (
      scope varchar(100) NOT NULL,
      idempotency_key varchar(128) NOT NULL,
      request_hash char(64) NOT NULL,
      state varchar(16) NOT NULL CHECK (state IN ('IN_PROGRESS','COMPLETED')),
      lock_token uuid NOT NULL,
      response_status int,
      response_body text,
      created_at timestamptz NOT NULL,
      completed_at timestamptz,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (scope, idempotency_key))`);
    await q.query(`CREATE INDEX idx_idempotency_request_expires ON idempotency_request (expires_at)`);

    await q.query(`CREATE TABLE rate_limit_bucket (
      bucket varchar(200) PRIMARY KEY,
      tokens double precision NOT NULL,
      updated_at timestamptz NOT NULL,
      allowed boolean NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_bucket`);
    await q.query(`DROP TABLE idempotency_request`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_is_append_only()`);
  }
}
