import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../../platform/database/money';

export type EscrowAccountStatus = 'ACTIVE' | 'FROZEN' | 'CLOSED';

/** Escrow account (监管账户) a partner bank holds for an institution; one not closed per institution. */
@Entity('escrow_account')
export class EscrowAccount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'varchar', length: 32 })
  bankCode!: string;

  @Column({ type: 'varchar', length: 34 })
  accountNo!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: EscrowAccountStatus;

  /** The institution's township when the account was opened (scope of township officers). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  townshipCode!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  institutionCategory!: string | null;

  @Column({ type: 'date' })
  openedOn!: string;

  /** Deposits − releases − refunds (± reversals), kept current as transactions arrive. */
  @Column({ type: 'bigint', transformer: fenTransformer })
  requiredCustodyFen!: bigint;

  @Column({ type: 'date', nullable: true })
  lastStatementDate!: string | null;

  @Column({ type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
