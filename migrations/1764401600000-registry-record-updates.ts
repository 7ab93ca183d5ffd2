import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registry records change after registration: a staff member's background check is completed (its date
 * kept) and their employment ends (离职: the date kept, `active` false). A staff member who left is never
 * active; existing rows are all active and unaffected.
 */
export class RegistryRecordUpdates1764401600000 implements MigrationInterface {
  name = 'RegistryRecordUpdates1764401600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff ADD COLUMN background_checked_on date`);
    await q.query(`ALTER TABLE staff ADD COLUMN employment_ended_on date`);
    await q.query(
      `ALTER TABLE staff ADD CONSTRAINT chk_staff_ended_inactive CHECK (employment_ended_on IS NULL OR NOT active)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff DROP CONSTRAINT chk_staff_ended_inactive`);
    await q.query(`ALTER TABLE staff DROP COLUMN employment_ended_on`);
    await q.query(`ALTER TABLE staff DROP COLUMN background_checked_on`);
  }
}
