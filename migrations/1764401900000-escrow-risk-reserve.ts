import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Risk reserve (风险保证金): the alternative to bank custody for supervising prepaid fees
 * (教监管函〔2021〕2号: "银行托管或风险保证金"). One ACTIVE reserve per institution; a released one stays as
 * history. An ACTIVE reserve whose valid_until has passed no longer covers the institution.
 */
export class EscrowRiskReserve1764401900000 implements MigrationInterface {
  name = 'EscrowRiskReserve1764401900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE escrow_risk_reserve (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      institution_id uuid NOT NULL,
      township_code varchar(12),
      institution_category varchar(16),
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      bank_name varchar(100) NOT NULL,
      account_no varchar(34),
      deposited_on date NOT NULL,
      valid_until date,
      status varchar(16) NOT NULL CHECK (status IN ('ACTIVE','RELEASED')),
      registered_at timestamptz NOT NULL,
      released_at timestamptz,
      release_reason varchar(500),
      CONSTRAINT escrow_risk_reserve_validity CHECK (valid_until IS NULL OR valid_until >= deposited_on),
      CONSTRAINT escrow_risk_reserve_released CHECK ((status = 'RELEASED') = (released_at IS NOT NULL)))`);
    await q.query(
      `CREATE UNIQUE INDEX ux_escrow_risk_reserve_institution_active ON escrow_risk_reserve (institution_id) WHERE status = 'ACTIVE'`,
    );
    await q.query(
      `CREATE INDEX idx_escrow_risk_reserve_institution ON escrow_risk_reserve (institution_id, registered_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE escrow_risk_reserve`);
  }
}
