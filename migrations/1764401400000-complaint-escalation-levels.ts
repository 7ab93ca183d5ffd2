import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Overdue complaints climb the escalation ladder like tasks (docs/modules/complaints.md): each deadline keeps
 * the level it has reached, and the overdue sweep raises it as the lateness grows (level 2 after
 * SUPERVISION_LEVEL2_DAYS, level 3 after SUPERVISION_LEVEL3_DAYS). Deadlines already marked overdue get
 * the level their lateness had when they were marked, by the default thresholds (3 and 7 days); the
 * next sweep raises them from there. The sweep's partial indexes now cover every pending deadline below
 * level 3 instead of only the unmarked ones.
 */
export class ComplaintEscalationLevels1764401400000 implements MigrationInterface {
  name = 'ComplaintEscalationLevels1764401400000';

  async up(q: QueryRunner): Promise<void> {
    for (const d of ['route', 'accept', 'handle']) {
      await q.query(
        `ALTER TABLE complaint ADD COLUMN ${d}_overdue_level smallint CHECK (${d}_overdue_level BETWEEN 1 AND 3)`,
      );
      await q.query(`UPDATE complaint SET ${d}_overdue_level = CASE
          WHEN ${d}_overdue_at - ${d}_due_at > interval '168 hours' THEN 3
          WHEN ${d}_overdue_at - ${d}_due_at > interval '72 hours' THEN 2 ELSE 1 END
        WHERE ${d}_overdue_at IS NOT NULL`);
    }
    await q.query(`DROP INDEX idx_complaint_route_pending`);
    await q.query(`DROP INDEX idx_complaint_accept_pending`);
    await q.query(`DROP INDEX idx_complaint_handle_pending`);
    await q.query(`CREATE INDEX idx_complaint_route_escalating ON complaint (route_due_at)
      WHERE COALESCE(route_overdue_level, 0) < 3 AND status IN ('RECEIVED','ACCEPTED')`);
    await q.query(`CREATE INDEX idx_complaint_accept_escalating ON complaint (accept_due_at)
      WHERE COALESCE(accept_overdue_level, 0) < 3 AND status = 'RECEIVED'`);
    await q.query(`CREATE INDEX idx_complaint_handle_escalating ON complaint (handle_due_at)
      WHERE COALESCE(handle_overdue_level, 0) < 3 AND status IN ('ACCEPTED','ASSIGNED','INVESTIGATING')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_complaint_route_escalating`);
    await q.query(`DROP INDEX idx_complaint_accept_escalating`);
    await q.query(`DROP INDEX idx_complaint_handle_escalating`);
    await q.query(
      `CREATE INDEX idx_complaint_route_pending ON complaint (route_due_at) WHERE route_overdue_at IS NULL AND status IN ('RECEIVED','ACCEPTED')`,
    );
    await q.query(
      `CREATE INDEX idx_complaint_accept_pending ON complaint (accept_due_at) WHERE accept_overdue_at IS NULL AND status = 'RECEIVED'`,
    );
    await q.query(`CREATE INDEX idx_complaint_handle_pending ON complaint (handle_due_at)
      WHERE handle_overdue_at IS NULL AND status IN ('ACCEPTED','ASSIGNED','INVESTIGATING')`);
    for (const d of ['route', 'accept', 'handle'])
      await q.query(`ALTER TABLE complaint DROP COLUMN ${d}_overdue_level`);
  }
}
