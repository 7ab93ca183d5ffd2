import { MigrationInterface, QueryRunner } from 'typeorm';

/** Transactional outbox and the record of processed (event, subscriber) pairs. */
export class Events1764400200000 implements MigrationInterface {
  name = 'Events1764400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      name varchar(100) NOT NULL,
      version int NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL,
      request_id varchar(64),
      published_at timestamptz)`);
    // The relay's claim query and the backlog metric read only unpublished rows.
    await q.query(`CREATE INDEX idx_outbox_unpublished ON outbox (id) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX idx_outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL`);
    await q.query(`CREATE TABLE processed_event (
      event_id uuid NOT NULL,
      subscriber varchar(100) NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, subscriber))`);
    await q.query(`CREATE INDEX idx_processed_event_at ON processed_event (processed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE processed_event`);
    await q.query(`DROP TABLE outbox`);
  }
}
