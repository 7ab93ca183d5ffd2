import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The county maintains its school calendar through the API (setCalendarPeriod, deleteCalendarPeriod).
 * Each period records where it comes from: SEED (the reference data file, which the seeder keeps in
 * step) or COUNTY (entered or changed by the county, which the seeder never touches). A seeded period
 * the county deletes stays as a marker (removed_at) so that the next seed does not bring it back.
 */
export class CalendarMaintenance1764401500000 implements MigrationInterface {
  name = 'CalendarMaintenance1764401500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE calendar_period ADD COLUMN source varchar(8) NOT NULL DEFAULT 'SEED' CHECK (source IN ('SEED','COUNTY'))`,
    );
    await q.query(`ALTER TABLE calendar_period ADD COLUMN removed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM calendar_period WHERE removed_at IS NOT NULL`);
    await q.query(`ALTER TABLE calendar_period DROP COLUMN removed_at`);
    await q.query(`ALTER TABLE calendar_period DROP COLUMN source`);
  }
}
