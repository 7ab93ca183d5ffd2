import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The subscribers the relay queued each event for, recorded when it publishes the row. The redrive
 * (platform/events/outbox-redrive.ts) re-queues lost jobs only for those: a subscriber added by a later
 * build is never sent events published before it existed. Rows published before this column stay NULL
 * and are not redriven.
 */
export class OutboxSubscribers1764401300000 implements MigrationInterface {
  name = 'OutboxSubscribers1764401300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN subscribers varchar(100)[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN subscribers`);
  }
}
