import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum PrepaidLessonStatus {
  PENDING = 'PENDING', // 待确认
  CONFIRMED = 'CONFIRMED', // 已确认 (parent or automatically)
  OBJECTED = 'OBJECTED', // 家长异议 (a complaint is open)
}

export enum PrepaidConfirmedBy {
  PARENT = 'PARENT',
  AUTO = 'AUTO', // 15 working days without an answer
}

/**
 * Lessons taught against a contract on one day (消课记录). `confirmDueOn` is computed once from the rule
 * prepaid.auto_confirm_working_days in force when recorded and stored; the daily auto-confirm reads the
 * index (status, confirm_due_on) and touches only the due rows.
 */
@Entity('prepaid_lesson')
export class PrepaidLesson {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  contractId!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'date' })
  taughtOn!: string;

  @Column({ type: 'int' })
  lessons!: number;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  recordedByName!: string;

  @Column({ type: 'varchar', length: 12, default: PrepaidLessonStatus.PENDING })
  status!: PrepaidLessonStatus;

  @Column({ type: 'date' })
  confirmDueOn!: string;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  confirmedBy!: PrepaidConfirmedBy | null;

  @Column({ type: 'uuid', nullable: true })
  objectionComplaintId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  objectedAt!: Date | null;
}
