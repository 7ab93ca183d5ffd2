import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../../platform/database/money';

export type RiskReserveStatus = 'ACTIVE' | 'RELEASED';

/**
 * Risk reserve (风险保证金) an institution deposited instead of (or beside) a bank custody account; one
 * ACTIVE per institution. It covers the institution (资金监管全覆盖) while ACTIVE and not past validUntil.
 */
@Entity('escrow_risk_reserve')
export class EscrowRiskReserve {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  /** The institution's township when the reserve was registered (scope of township officers). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  townshipCode!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  institutionCategory!: string | null;

  @Column({ type: 'bigint', transformer: fenTransformer })
  amountFen!: bigint;

  /** Where the money is held (bank and branch, free text). */
  @Column({ type: 'varchar', length: 100 })
  bankName!: string;

  @Column({ type: 'varchar', length: 34, nullable: true })
  accountNo!: string | null;

  @Column({ type: 'date' })
  depositedOn!: string;

  /** Last day the reserve counts (inclusive); null: no end date. */
  @Column({ type: 'date', nullable: true })
  validUntil!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: RiskReserveStatus;

  @Column({ type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  releaseReason!: string | null;
}
