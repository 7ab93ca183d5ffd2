import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum CreditRecordKind {
  VIOLATION = 'VIOLATION', // 失信/违规
  COMMENDATION = 'COMMENDATION', // 守信/表彰
}

export enum CreditRecordSource {
  INSPECTION_FINDING = 'INSPECTION_FINDING', // 检查发现
  VERIFIED_COMPLAINT = 'VERIFIED_COMPLAINT', // 投诉查实
  ESCROW_ALERT_UNRESOLVED = 'ESCROW_ALERT_UNRESOLVED', // 资金监管预警逾期未处置
  ANNUAL_REVIEW_FAILED = 'ANNUAL_REVIEW_FAILED', // 年检不合格
  IN_SERVICE_TEACHER = 'IN_SERVICE_TEACHER', // 聘用在职教师
  FIRE_NOT_RECTIFIED = 'FIRE_NOT_RECTIFIED', // 消防隐患逾期未整改
  PREPAID_OBJECTIONS_OVERRIDDEN = 'PREPAID_OBJECTIONS_OVERRIDDEN', // 家长异议后消课仍被反复自动确认
  ADMINISTRATIVE_PENALTY = 'ADMINISTRATIVE_PENALTY', // 行政处罚决定
  MANUAL = 'MANUAL', // 人工录入
}

export enum CreditSeverity {
  MINOR = 'MINOR', // 一般
  SERIOUS = 'SERIOUS', // 较重
  GRAVE = 'GRAVE', // 严重
}

export enum CreditRecordStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
}

/**
 * What a piece of evidence is. Officers choose one; the service writes the event-sourced ones. Rows stored
 * before the set was closed may hold other words: GraphQL shows those as OTHER.
 */
export enum CreditEvidenceKind {
  INSPECTION_REPORT = 'INSPECTION_REPORT', // 检查笔录 / 执法文书
  PHOTO = 'PHOTO', // 照片
  RECTIFICATION_REPORT = 'RECTIFICATION_REPORT', // 整改报告
  DOCUMENT = 'DOCUMENT', // 其他文书
  COMPLAINT = 'COMPLAINT', // 投诉 (substantiated)
  ANNUAL_REVIEW = 'ANNUAL_REVIEW', // 年检
  SUPERVISION_FINDING = 'SUPERVISION_FINDING', // 检查发现
  PREPAID_CONTRACT = 'PREPAID_CONTRACT', // 预付费合同
  ESCROW_ALERT = 'ESCROW_ALERT', // 资金监管预警
  TEACHER_ROSTER_MATCH = 'TEACHER_ROSTER_MATCH', // 在职教师名册比对
  OTHER = 'OTHER', // 其他
}

/** One piece of evidence: what it is, where it is kept (document number, file id, URL), a note. */
export interface EvidenceRef {
  kind: string;
  reference: string;
  note?: string | null;
}

/** A credit record (信用记录) against an institution (or one of its staff). Never deleted; revoked with a reason. */
@Entity('credit_record')
export class CreditRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'uuid', nullable: true })
  staffId!: string | null;

  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: CreditRecordKind;

  @Column({ type: 'varchar', length: 32 })
  source!: CreditRecordSource;

  @Column({ type: 'varchar', length: 16, nullable: true })
  severity!: CreditSeverity | null;

  @Column({ type: 'varchar', length: 500 })
  summary!: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: EvidenceRef[];

  @Column({ type: 'date' })
  occurredOn!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  sourceReference!: string | null;

  @Column({ type: 'varchar', length: 16, default: CreditRecordStatus.ACTIVE })
  status!: CreditRecordStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revokeReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  revokedByName!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  createdByName!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
