import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit's projection of escrow risk reserves (风险保证金, from `escrow.risk_reserve.*` events), so whitelist
 * eligibility accepts either supervision route — a bank custody account or a valid reserve — without
 * reading escrow's tables.
 */
export class CreditRiskReserve1764402300000 implements MigrationInterface {
  name = 'CreditRiskReserve1764402300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE credit_risk_reserve (
      reserve_id uuid PRIMARY KEY,
      institution_id uuid NOT NULL,
      status varchar(16) NOT NULL,
      valid_until date,
      updated_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX idx_credit_risk_reserve_institution ON credit_risk_reserve (institution_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credit_risk_reserve`);
  }
}
