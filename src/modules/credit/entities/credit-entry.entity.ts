import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EvidenceRef } from './credit-record.entity';

export enum CreditListKind {
  BLACK = 'BLACK', // 黑名单
  WHITE = 'WHITE', // 白名单
  GREY = 'GREY', // 灰名单 (重点关注)
}

/** PROPOSED → PUBLISHED / REJECTED; PUBLISHED → REMOVAL_PROPOSED → REMOVED (or back to PUBLISHED); PUBLISHED → EXPIRED. */
export enum CreditEntryStatus {
  PROPOSED = 'PROPOSED',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
  REMOVAL_PROPOSED = 'REMOVAL_PROPOSED',
  REMOVED = 'REMOVED',
  EXPIRED = 'EXPIRED',
}

export enum RemovalGrounds {
  APPEAL = 'APPEAL', // 申诉
  CREDIT_REPAIR = 'CREDIT_REPAIR', // 信用修复
  SUPERSEDED_BY_BLACKLIST = 'SUPERSEDED_BY_BLACKLIST', // 列入黑名单, 移出白/灰名单
}

/** Statuses holding the institution's place on a list (one per institution and kind). */
export const ACTIVE_ENTRY_STATUSES = [
  CreditEntryStatus.PROPOSED,
  CreditEntryStatus.PUBLISHED,
  CreditEntryStatus.REMOVAL_PROPOSED,
] as const;
/** Statuses shown to the public (a removal not yet approved keeps the entry on the list). */
export const PUBLISHED_STATUSES = [CreditEntryStatus.PUBLISHED, CreditEntryStatus.REMOVAL_PROPOSED] as const;

/** A black, white or grey list entry (名单条目) with its two-step decisions. */
@Entity('credit_entry')
export class CreditEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'varchar', length: 200 })
  institutionName!: string;

  @Column({ type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: CreditListKind;

  @Column({ type: 'varchar', length: 48 })
  reasonCode!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: EvidenceRef[];

  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  recordIds!: string[];

  @Column({ type: 'varchar', length: 20 })
  status!: CreditEntryStatus;

  @Column({ type: 'date', nullable: true })
  effectiveOn!: string | null;

  /** Last day in force (inclusive); null = permanent. */
  @Column({ type: 'date', nullable: true })
  expiresOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  proposedByUserId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  proposedByName!: string;

  @Column({ type: 'timestamptz' })
  proposedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  decidedByName!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  decisionNote!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  removalGrounds!: RemovalGrounds | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  removalNote!: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  removalEvidence!: EvidenceRef[];

  @Column({ type: 'uuid', nullable: true })
  removalProposedByUserId!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  removalProposedByName!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  removalProposedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  removalDecidedByUserId!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  removalDecidedByName!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  removalDecidedAt!: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  removalDecisionNote!: string | null;

  /** When the entry left the list (removed, expired) or was rejected. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
