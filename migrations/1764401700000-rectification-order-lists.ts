import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rectification-order list (query rectificationOrders, newest first) filtered by township or by
 * institution: one index each, in the list's order. The unfiltered list walks idx_rectification_order_created
 * backwards, the overdue filter idx_rectification_order_sweep; "my tasks" uses idx_supervision_task_assignees.
 */
export class RectificationOrderLists1764401700000 implements MigrationInterface {
  name = 'RectificationOrderLists1764401700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX idx_rectification_order_township ON rectification_order (township_code, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX idx_rectification_order_institution ON rectification_order (institution_id, created_at DESC, id DESC) WHERE institution_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_rectification_order_institution`);
    await q.query(`DROP INDEX idx_rectification_order_township`);
  }
}
