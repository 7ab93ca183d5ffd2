import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../../platform/database/money';
import { PenaltyKind, PenaltyStatus, WithdrawalGround } from '../enforcement.enums';

/**
 * An administrative penalty decision (行政处罚决定书) against an institution, or against an unlicensed
 * operator found through a lead. Never deleted: carried out, or withdrawn with a reason.
 */
@Entity('penalty_decision')
export class PenaltyDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The document number (文号), unique in the county. */
  @Column({ type: 'varchar', length: 100 })
  decisionNumber!: string;

  @Column({ type: 'uuid', nullable: true })
  institutionId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  leadId!: string | null;

  /** The party's name as the decision states it. */
  @Column({ type: 'varchar', length: 200 })
  subjectName!: string;

  @Column({ type: 'varchar', length: 18, nullable: true })
  creditCode!: string | null;

  /** The institution's township, or the lead's (the scope of township officers). */
  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'varchar', length: 24, array: true })
  kinds!: PenaltyKind[];

  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer })
  fineFen!: bigint | null;

  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer })
  confiscatedFen!: bigint | null;

  @Column({ type: 'text' })
  legalBasis!: string;

  @Column({ type: 'text' })
  facts!: string;

  @Column({ type: 'uuid', array: true, default: '{}' })
  findingIds!: string[];

  @Column({ type: 'uuid', array: true, default: '{}' })
  complaintIds!: string[];

  @Column({ type: 'uuid', array: true, default: '{}' })
  alertIds!: string[];

  @Column({ type: 'varchar', length: 32 })
  decidingDepartmentCode!: string;

  /** The day the prior notice (行政处罚事先告知书) was served. */
  @Column({ type: 'date' })
  noticeServedOn!: string;

  /** Whether the party had the right to ask for a hearing (行政处罚法 art. 63). */
  @Column({ type: 'boolean' })
  hearingRight!: boolean;

  /** Last day the party could ask for a hearing; null without the right. */
  @Column({ type: 'date', nullable: true })
  hearingRequestDeadline!: string | null;

  @Column({ type: 'date', nullable: true })
  hearingHeldOn!: string | null;

  @Column({ type: 'date' })
  decidedOn!: string;

  /** Last day to apply for administrative review (行政复议). */
  @Column({ type: 'date' })
  reviewDeadline!: string;

  /** Last day to bring an administrative lawsuit (行政诉讼). */
  @Column({ type: 'date' })
  litigationDeadline!: string;

  /** Last day the decision stays published; null when it is not published. */
  @Column({ type: 'date', nullable: true })
  publishedUntil!: string | null;

  /** The day the publication-expiry job took it off the public profile. */
  @Column({ type: 'date', nullable: true })
  publicationEndedOn!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: PenaltyStatus;

  @Column({ type: 'date', nullable: true })
  carriedOutOn!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  withdrawalGround!: WithdrawalGround | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  withdrawalReason!: string | null;

  @Column({ type: 'date', nullable: true })
  withdrawnOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  decidedByName!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
