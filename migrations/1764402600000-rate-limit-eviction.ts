import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit buckets are evicted once they are full again: `full_at` is the time a bucket will have
 * refilled to its burst (a full bucket behaves exactly like no bucket), kept by every take; a scheduled
 * task deletes the rows past it. Rows from before this migration had no such time: they are given a day.
 */
export class RateLimitEviction1764402600000 implements MigrationInterface {
  name = 'RateLimitEviction1764402600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rate_limit_bucket ADD COLUMN full_at timestamptz`);
    await q.query(`UPDATE rate_limit_bucket SET full_at = updated_at + interval '1 day'`);
    await q.query(`ALTER TABLE rate_limit_bucket ALTER COLUMN full_at SET NOT NULL`);
    await q.query(`CREATE INDEX idx_rate_limit_bucket_full_at ON rate_limit_bucket (full_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_rate_limit_bucket_full_at`);
    await q.query(`ALTER TABLE rate_limit_bucket DROP COLUMN full_at`);
  }
}
