import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the front end's institution list, whose rows carry each institution's current escrow
 * account, its open escrow alerts and open supervision tasks (one batched read per page, by institution id).
 */
export class InstitutionList1764401000000 implements MigrationInterface {
  name = 'InstitutionList1764401000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_escrow_account_institution ON escrow_account (institution_id)`);
    await q.query(
      `CREATE INDEX idx_escrow_alert_institution_open ON escrow_alert (institution_id) WHERE status <> 'RESOLVED'`,
    );
    await q.query(
      `CREATE INDEX idx_supervision_task_institution_open ON supervision_task (institution_id)
       WHERE status IN ('ASSIGNED','IN_PROGRESS','SUBMITTED','RETURNED') AND institution_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_supervision_task_institution_open`);
    await q.query(`DROP INDEX idx_escrow_alert_institution_open`);
    await q.query(`DROP INDEX idx_escrow_account_institution`);
  }
}
