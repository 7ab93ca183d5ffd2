import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank DEPOSITs may name the prepaid contract they pay for (`contractRef`, an optional field added within
 * v1 of the bank interface): stored on the transaction, nullable (every earlier row has none). The partial
 * index serves matching a contract code to its deposits and holds only the rows that name one.
 */
export class EscrowContractRef1764500250000 implements MigrationInterface {
  name = 'EscrowContractRef1764500250000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escrow_transaction ADD COLUMN contract_ref varchar(32)`);
    await q.query(
      `CREATE INDEX idx_escrow_transaction_contract_ref ON escrow_transaction (contract_ref) WHERE contract_ref IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_escrow_transaction_contract_ref`);
    await q.query(`ALTER TABLE escrow_transaction DROP COLUMN contract_ref`);
  }
}
