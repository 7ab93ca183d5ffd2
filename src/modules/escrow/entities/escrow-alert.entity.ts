import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AlertType } from '../monitoring/rules';

export type AlertStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

/** Escrow alert (资金监管预警): one not resolved per account and type (per institution for NO_ESCROW_ACCOUNT). */
@Entity('escrow_alert')
export class EscrowAlert {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  bankCode!: string | null;

  @Column({ type: 'varchar', length: 34, nullable: true })
  accountNo!: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  townshipCode!: string | null;

  @Column({ type: 'varchar', length: 32 })
  type!: AlertType;

  @Column({ type: 'varchar', length: 16 })
  status!: AlertStatus;

  /** What a prepaid alert is about (a refund, a deposit): one open alert per subject. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  subjectRef!: string | null;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  acknowledgedBy!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  acknowledgeNote!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}
