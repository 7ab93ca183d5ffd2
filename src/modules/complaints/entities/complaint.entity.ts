import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ComplaintCategory, ComplaintChannel, ComplaintStatus, ReviewDecision, Satisfaction } from '../complaint.enums';

/** A complaint or petition (投诉/信访). Contact fields are AES-GCM ciphertext (`encrypt`). */
@Entity('complaint')
export class Complaint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  trackingNumber!: string;

  @Column({ type: 'varchar', length: 20 })
  channel!: ComplaintChannel;

  @Column({ type: 'varchar', length: 32 })
  category!: ComplaintCategory;

  @Column({ type: 'varchar', length: 16 })
  status!: ComplaintStatus;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'uuid', nullable: true })
  institutionId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  institutionName!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'varchar', length: 32 })
  leadDepartmentCode!: string;

  @Column({ type: 'varchar', length: 32, array: true, default: () => "'{}'" })
  coDepartmentCodes!: string[];

  @Column({ type: 'boolean' })
  anonymous!: boolean;

  @Column({ type: 'text', nullable: true })
  contactNameEnc!: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhoneEnc!: string | null;

  /** The primary complaint this one duplicates (same institution and category within the window). */
  @Column({ type: 'uuid', nullable: true })
  duplicateOf!: string | null;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  repliedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  routeDueAt!: Date;

  @Column({ type: 'timestamptz' })
  acceptDueAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  handleDueAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  extensionDays!: number | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  extensionReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  routeOverdueAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptOverdueAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  handleOverdueAt!: Date | null;

  /** Escalation level (督办级别 1–3) each deadline has reached while overdue; null when not overdue. */
  @Column({ type: 'smallint', nullable: true })
  routeOverdueLevel!: number | null;

  @Column({ type: 'smallint', nullable: true })
  acceptOverdueLevel!: number | null;

  @Column({ type: 'smallint', nullable: true })
  handleOverdueLevel!: number | null;

  // Review (复查, 《信访工作条例》 Art. 35): requested once, within 30 days of the reply; decided within 30 days.
  @Column({ type: 'timestamptz', nullable: true })
  reviewRequestedAt!: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reviewReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewDueAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewOverdueAt!: Date | null;

  @Column({ type: 'smallint', nullable: true })
  reviewOverdueLevel!: number | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  reviewDecision!: ReviewDecision | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reviewOpinion!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notAcceptedReason!: string | null;

  /** Internal findings of the investigation (never on the public timeline). */
  @Column({ type: 'text', nullable: true })
  findings!: string | null;

  @Column({ type: 'boolean', nullable: true })
  substantiated!: boolean | null;

  @Column({ type: 'timestamptz', nullable: true })
  substantiatedAt!: Date | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  closingSummary!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  satisfaction!: Satisfaction | null;

  @Column({ type: 'int', default: 0 })
  reopenCount!: number;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
