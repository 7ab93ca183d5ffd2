import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Violation kinds become a closed set (issue #21, ADR 0020: `SupervisionViolationKind`). Kinds were free
 * text before; a stored kind outside the set becomes OTHER and keeps its old wording at the head of the
 * description, so nothing recorded is lost and every stored row reads through the enum. The CHECK keeps
 * the column to the set (a new kind is a migration, like every other schema change).
 */
const KINDS = [
  'SUBJECT_TRAINING',
  'DISGUISED_SUBJECT_TRAINING',
  'UNLICENSED',
  'IN_SERVICE_TEACHER',
  'TRAINING_HOURS',
  'PREPAID_FEES',
  'FALSE_ADVERTISING',
  'MATERIALS',
  'STAFF_QUALIFICATION',
  'FIRE_SAFETY',
  'HEALTH_SAFETY',
  'PREMISES',
  'OTHER',
];

export class ViolationKinds1764600100000 implements MigrationInterface {
  name = 'ViolationKinds1764600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE supervision_violation SET description = '[' || kind || '] ' || description, kind = 'OTHER'
       WHERE kind <> ALL ($1::text[])`,
      [KINDS],
    );
    await q.query(
      `ALTER TABLE supervision_violation ADD CONSTRAINT chk_supervision_violation_kind
       CHECK (kind IN (${KINDS.map((k) => `'${k}'`).join(', ')}))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE supervision_violation DROP CONSTRAINT chk_supervision_violation_kind`);
  }
}
