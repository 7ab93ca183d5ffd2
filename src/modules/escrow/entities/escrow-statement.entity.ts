import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../../platform/database/money';

/** End-of-day balance statement (对账单) a bank posted; append-only, corrections are higher revisions. */
@Entity('escrow_statement')
export class EscrowStatement {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @Column({ type: 'date' })
  statementDate!: string;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'bigint', transformer: fenTransformer })
  openingFen!: bigint;

  @Column({ type: 'bigint', transformer: fenTransformer })
  closingFen!: bigint;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'uuid' })
  batchId!: string;

  @Column({ type: 'varchar', length: 64 })
  keyId!: string;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}
