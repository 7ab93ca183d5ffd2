import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../../platform/database/money';

/** An account movement (资金流水) a bank posted; append-only, corrections are REVERSAL transactions. */
@Entity('escrow_transaction')
export class EscrowTransaction {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @Column({ type: 'varchar', length: 32 })
  bankCode!: string;

  @Column({ type: 'varchar', length: 64 })
  txnId!: string;

  @Column({ type: 'timestamptz' })
  bookedAt!: Date;

  @Column({ type: 'date' })
  bookedOn!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: string;

  @Column({ type: 'bigint', transformer: fenTransformer })
  amountFen!: bigint;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  payerRef!: string | null;

  @Column({ type: 'int', nullable: true })
  lessonHours!: number | null;

  @Column({ type: 'int', nullable: true })
  coverageMonths!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  reversalOf!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  memo!: string | null;

  /** The prepaid contract code a DEPOSIT names (bank interface `contractRef`), or null. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  contractRef!: string | null;

  @Column({ type: 'bigint', transformer: fenTransformer })
  balanceEffectFen!: bigint;

  @Column({ type: 'bigint', transformer: fenTransformer })
  custodyEffectFen!: bigint;

  @Column({ type: 'boolean' })
  exceedsPrepaidLimit!: boolean;

  @Column({ type: 'char', length: 64, select: false })
  contentHash!: string;

  @Column({ type: 'uuid' })
  batchId!: string;

  @Column({ type: 'varchar', length: 64 })
  keyId!: string;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}
