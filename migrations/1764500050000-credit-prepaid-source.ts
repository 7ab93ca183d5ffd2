import { MigrationInterface, QueryRunner } from 'typeorm';

/** Credit records from prepaid: objections overridden by repeated auto-confirmations (issue #20). */
export class CreditPrepaidSource1764500050000 implements MigrationInterface {
  name = 'CreditPrepaidSource1764500050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_record DROP CONSTRAINT credit_record_source_check`);
    await q.query(`ALTER TABLE credit_record ADD CONSTRAINT credit_record_source_check CHECK (source IN
      ('INSPECTION_FINDING','VERIFIED_COMPLAINT','ESCROW_ALERT_UNRESOLVED','ANNUAL_REVIEW_FAILED','IN_SERVICE_TEACHER',
       'FIRE_NOT_RECTIFIED','PREPAID_OBJECTIONS_OVERRIDDEN','MANUAL'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_record DROP CONSTRAINT credit_record_source_check`);
    await q.query(`ALTER TABLE credit_record ADD CONSTRAINT credit_record_source_check CHECK (source IN
      ('INSPECTION_FINDING','VERIFIED_COMPLAINT','ESCROW_ALERT_UNRESOLVED','ANNUAL_REVIEW_FAILED','IN_SERVICE_TEACHER',
       'FIRE_NOT_RECTIFIED','MANUAL'))`);
  }
}
