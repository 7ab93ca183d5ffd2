import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Observability. The W3C trace context (traceparent, tracestate) of the change that wrote an outbox row, so the
 * subscribers that react to the event continue the same trace. NULL when tracing is off (the request id
 * already has its own column and travels regardless). And a partial index for the metrics gauge of open
 * supervision tasks by status (the overdue count uses idx_supervision_task_sweep).
 */
export class Observability1764402560000 implements MigrationInterface {
  name = 'Observability1764402560000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN context jsonb`);
    await q.query(
      `CREATE INDEX idx_supervision_task_open ON supervision_task (status) WHERE status IN ('ASSIGNED','IN_PROGRESS','SUBMITTED','RETURNED')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_supervision_task_open`);
    await q.query(`ALTER TABLE outbox DROP COLUMN context`);
  }
}
