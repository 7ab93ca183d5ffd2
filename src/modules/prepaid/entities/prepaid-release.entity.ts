import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../../platform/database/money';

export enum PrepaidReleaseStatus {
  INSTRUCTED = 'INSTRUCTED', // a RELEASE instruction went to the bank
  EXECUTED = 'EXECUTED', // the bank posted the RELEASE
  REFUSED = 'REFUSED', // the bank refused the instruction
}

/** A release of custody earned by confirmed lessons (一课一消), per escrow account, covering contracts. */
@Entity('prepaid_release')
export class PrepaidRelease {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'bigint', transformer: fenTransformer })
  amountFen!: bigint;

  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  contractIds!: string[];

  /** What the release takes from each contract (fen, in the order of contractIds): given back if the bank refuses. */
  @Column({ type: 'bigint', array: true, default: () => `'{}'` })
  contractFens!: string[];

  @Column({ type: 'uuid', nullable: true })
  instructionId!: string | null;

  @Column({ type: 'varchar', length: 12, default: PrepaidReleaseStatus.INSTRUCTED })
  status!: PrepaidReleaseStatus;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  executedAt!: Date | null;

  /** The bank's note when it refused the instruction. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  refusalNote!: string | null;
}
