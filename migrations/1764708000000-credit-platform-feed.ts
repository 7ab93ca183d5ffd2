import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The credit-sharing platform (信用信息共享平台, issue #23, ADR 0030): a third partner key kind beside the
 * banks' and the prepaid platforms' (partner_credit_platform, credit_platform_api_key; audit actor kind
 * credit_platform), and the credit feed it pulls: an append-only table of feed items, one per event of a
 * published or withdrawn list entry or penalty decision, numbered by a sequence in commit order.
 */
const FEED_KINDS = [
  'LIST_ENTRY_PUBLISHED',
  'LIST_ENTRY_REMOVED',
  'LIST_ENTRY_EXPIRED',
  'PENALTY_PUBLISHED',
  'PENALTY_WITHDRAWN',
];

export class CreditPlatformFeed1764708000000 implements MigrationInterface {
  name = 'CreditPlatformFeed1764708000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE partner_credit_platform (
      code varchar(32) PRIMARY KEY,
      name varchar(100) NOT NULL,
      created_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE credit_platform_api_key (
      key_id varchar(64) PRIMARY KEY,
      credit_platform_code varchar(32) NOT NULL REFERENCES partner_credit_platform(code),
      secret_encrypted text NOT NULL,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz)`);
    await q.query(
      `CREATE INDEX idx_credit_platform_api_key_platform ON credit_platform_api_key (credit_platform_code, created_at)`,
    );

    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_actor_kind_check`);
    await q.query(
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_kind_check CHECK (actor_kind IN ('user','bank','platform','credit_platform','system','anonymous'))`,
    );

    // sequence: the feed's order, allocated under a transaction-level advisory lock so items commit in
    // sequence order (a reader never sees 11 before 10 commits). source_event_id: one item per event.
    await q.query(`CREATE TABLE credit_feed_item (
      id uuid PRIMARY KEY,
      sequence bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      kind varchar(32) NOT NULL CONSTRAINT chk_credit_feed_item_kind CHECK (kind IN (${FEED_KINDS.map((k) => `'${k}'`).join(', ')})),
      subject_id uuid NOT NULL,
      institution_id uuid,
      record jsonb NOT NULL,
      source_event_id uuid NOT NULL UNIQUE,
      occurred_at timestamptz NOT NULL,
      appended_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX idx_credit_feed_item_subject ON credit_feed_item (subject_id, sequence)`);
    await q.query(`CREATE FUNCTION credit_feed_item_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'credit_feed_item is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER credit_feed_item_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON credit_feed_item
      FOR EACH STATEMENT EXECUTE FUNCTION credit_feed_item_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credit_feed_item`);
    await q.query(`DROP FUNCTION credit_feed_item_is_append_only()`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_kind_check`);
    await q.query(
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_kind_check CHECK (actor_kind IN ('user','bank','platform','system','anonymous'))`,
    );
    await q.query(`DROP TABLE credit_platform_api_key`);
    await q.query(`DROP TABLE partner_credit_platform`);
  }
}
