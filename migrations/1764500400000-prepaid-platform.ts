import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The national or provincial platform's interface (issue #20): partner platforms and their API keys (a
 * key kind of their own, beside the banks'), the audit actor kind `platform`, and the items a platform
 * has sent, by its own external id, so a batch sent again answers DUPLICATE or CONFLICT item by item.
 */
export class PrepaidPlatform1764500400000 implements MigrationInterface {
  name = 'PrepaidPlatform1764500400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE partner_platform (
      code varchar(32) PRIMARY KEY,
      name varchar(100) NOT NULL,
      created_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE platform_api_key (
      key_id varchar(64) PRIMARY KEY,
      platform_code varchar(32) NOT NULL REFERENCES partner_platform(code),
      secret_encrypted text NOT NULL,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz)`);
    await q.query(`CREATE INDEX idx_platform_api_key_platform ON platform_api_key (platform_code, created_at)`);

    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_actor_kind_check`);
    await q.query(
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_kind_check CHECK (actor_kind IN ('user','bank','platform','system','anonymous'))`,
    );

    // (platform, kind, external id) → what it became; content_hash tells DUPLICATE from CONFLICT.
    await q.query(`CREATE TABLE prepaid_platform_item (
      platform_code varchar(32) NOT NULL REFERENCES partner_platform(code),
      kind varchar(20) NOT NULL CHECK (kind IN ('CONTRACT','LESSON_RECORD','LESSON_CONFIRMATION')),
      external_id varchar(100) NOT NULL,
      content_hash varchar(64) NOT NULL,
      entity_id uuid,
      received_at timestamptz NOT NULL,
      key_id varchar(64) NOT NULL,
      PRIMARY KEY (platform_code, kind, external_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE prepaid_platform_item`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_kind_check`);
    await q.query(
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_kind_check CHECK (actor_kind IN ('user','bank','system','anonymous'))`,
    );
    await q.query(`DROP TABLE platform_api_key`);
    await q.query(`DROP TABLE partner_platform`);
  }
}
