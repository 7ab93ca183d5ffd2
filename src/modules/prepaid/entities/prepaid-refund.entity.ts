import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../../platform/database/money';

export enum PrepaidRefundStatus {
  REQUESTED = 'REQUESTED', // 已申请, awaiting the institution's answer
  APPROVED = 'APPROVED', // by the institution, or by its silence
  DISPUTED = 'DISPUTED', // the institution disputes: a complaint is open
  INSTRUCTED = 'INSTRUCTED', // a REFUND instruction went to the bank
  EXECUTED = 'EXECUTED', // the bank's REFUND transaction closed it
  OVERDUE = 'OVERDUE', // not executed within prepaid.refund_execution_working_days
}

/**
 * A refund case (退费) for the unconsumed lessons of a contract at the contract price. Deadlines are
 * computed in working days from the rule in force when the step started and stored.
 */
@Entity('prepaid_refund')
export class PrepaidRefund {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  contractId!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'timestamptz' })
  requestedAt!: Date;

  /** 'PARENT', or the staff username who registered it (letters and visits). */
  @Column({ type: 'varchar', length: 100 })
  requestedBy!: string;

  @Column({ type: 'int' })
  lessonsRefunded!: number;

  @Column({ type: 'bigint', transformer: fenTransformer })
  amountFen!: bigint;

  @Column({ type: 'varchar', length: 12, default: PrepaidRefundStatus.REQUESTED })
  status!: PrepaidRefundStatus;

  @Column({ type: 'date' })
  answerDueOn!: string;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  answerNote!: string | null;

  /** 'INSTITUTION', 'SILENCE', or a staff username. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  approvedBy!: string | null;

  @Column({ type: 'uuid', nullable: true })
  instructionId!: string | null;

  /** The bank's own reference (txnId) of the REFUND transaction that closed the case. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  executedTxnId!: string | null;

  /** When the bank's REFUND closed the case (stamped from the prepaid.refund.executed event). */
  @Column({ type: 'timestamptz', nullable: true })
  executedAt!: Date | null;

  @Column({ type: 'date', nullable: true })
  executionDueOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  complaintId!: string | null;

  /** When the bank last refused this case's REFUND instruction (the case went back to APPROVED). */
  @Column({ type: 'timestamptz', nullable: true })
  refusedAt!: Date | null;

  /** The bank's note with its last refusal. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  refusalNote!: string | null;
}
