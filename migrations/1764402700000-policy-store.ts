import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The policy store (规则即数据): county values of the rules declared in src/modules/policy/policy.catalogue.ts.
 * A row is a proposed change; approved rows are the rule's versions, in force from effective_on. Every
 * replica loads all approved rows (a few per rule) into its cache; the index serves that load and the
 * per-rule history.
 */
export class PolicyStore1764402700000 implements MigrationInterface {
  name = 'PolicyStore1764402700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE policy_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key varchar(80) NOT NULL,
        value bigint NOT NULL,
        effective_on date NOT NULL,
        reason text NOT NULL,
        status varchar(12) NOT NULL CHECK (status IN ('PROPOSED', 'APPROVED', 'REJECTED')),
        proposed_by_user_id uuid,
        proposed_by_name varchar(120) NOT NULL,
        proposed_at timestamptz NOT NULL,
        decided_by_user_id uuid,
        decided_by_name varchar(120),
        decided_at timestamptz,
        decision_note text,
        CHECK ((status = 'PROPOSED') = (decided_at IS NULL))
      )`);
    await q.query(`CREATE INDEX idx_policy_change_key ON policy_change (key, status, effective_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE policy_change`);
  }
}
