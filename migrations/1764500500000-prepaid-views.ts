import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prepaid views (issue #20): the dashboard figures and the public profile's flag.
 * - idx_prepaid_contract_active: the ACTIVE contracts by township and institution, covering what the custody
 *   and unconsumed-value figures read, so they are an index-only scan of the active contracts alone.
 * - idx_prepaid_lesson_confirmed: confirmed lesson records by confirmation time (the period figure).
 * - prepaid_refund.executed_at: when the bank's REFUND closed the case (stamped from the
 *   prepaid.refund.executed event's time; earlier executions from their audit row), for the median working
 *   days from request to execution; idx_prepaid_refund_executed reads the executions of a period.
 * - idx_prepaid_refund_status: refunds by status, and the open exit refunds (money at risk).
 */
export class PrepaidViews1764500500000 implements MigrationInterface {
  name = 'PrepaidViews1764500500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_prepaid_contract_active ON prepaid_contract (township_code, institution_id)
      INCLUDE (lessons_bought, lessons_confirmed, price_per_lesson_fen, total_fen, released_fen, refunded_fen, matched_at)
      WHERE status = 'ACTIVE'`);
    await q.query(`CREATE INDEX idx_prepaid_lesson_confirmed ON prepaid_lesson (confirmed_at)
      INCLUDE (confirmed_by, lessons, contract_id) WHERE status = 'CONFIRMED'`);
    await q.query(`ALTER TABLE prepaid_refund ADD COLUMN executed_at timestamptz`);
    await q.query(`UPDATE prepaid_refund r SET executed_at = a.at
      FROM (SELECT entity_id, min(occurred_at) AS at FROM audit_log
            WHERE entity_type = 'prepaid_refund' AND action = 'prepaid.refund.executed' GROUP BY entity_id) a
      WHERE r.status = 'EXECUTED' AND a.entity_id = r.id::text`);
    await q.query(
      `CREATE INDEX idx_prepaid_refund_executed ON prepaid_refund (executed_at) INCLUDE (requested_at, contract_id) WHERE status = 'EXECUTED'`,
    );
    await q.query(
      `CREATE INDEX idx_prepaid_refund_status ON prepaid_refund (status) INCLUDE (amount_fen, contract_id, requested_by)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_prepaid_refund_status`);
    await q.query(`DROP INDEX idx_prepaid_refund_executed`);
    await q.query(`ALTER TABLE prepaid_refund DROP COLUMN executed_at`);
    await q.query(`DROP INDEX idx_prepaid_lesson_confirmed`);
    await q.query(`DROP INDEX idx_prepaid_contract_active`);
  }
}
