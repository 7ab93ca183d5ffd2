import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What the operation looks like (非法/变异培训: training disguised as …). */
export enum LeadKind {
  UNLICENSED = 'UNLICENSED', // 无证无照
  HOUSEKEEPING = 'HOUSEKEEPING', // 家政
  DAY_CARE = 'DAY_CARE', // 托管
  STUDY_TOUR = 'STUDY_TOUR', // 研学
  SUMMER_CAMP = 'SUMMER_CAMP', // 夏令营
  ONE_TO_ONE_HOME = 'ONE_TO_ONE_HOME', // 住家教师/一对一
  ONLINE = 'ONLINE', // 线上
  OTHER = 'OTHER',
}

export enum LeadSource {
  GRID_PATROL = 'GRID_PATROL', // 网格巡查
  COMPLAINT = 'COMPLAINT', // 投诉举报
  PUBLIC_OPINION = 'PUBLIC_OPINION', // 舆情监测
  INSPECTION = 'INSPECTION', // 督导检查
}

export enum LeadStatus {
  OPEN = 'OPEN',
  INVESTIGATING = 'INVESTIGATING',
  CLOSED = 'CLOSED', // 取缔
  REGULARISED = 'REGULARISED', // 规范登记
  UNFOUNDED = 'UNFOUNDED',
}

/** A lead on unlicensed or variant training (非法/变异培训线索). */
@Entity('unlicensed_lead')
export class UnlicensedLead {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  gridCode!: string | null;

  @Column({ type: 'varchar', length: 300 })
  location!: string;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true })
  latitude!: string | null;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true })
  longitude!: string | null;

  @Column({ type: 'varchar', length: 24 })
  kind!: LeadKind;

  @Column({ type: 'varchar', length: 24 })
  source!: LeadSource;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: LeadStatus;

  @Column({ type: 'text', nullable: true })
  findings!: string | null;

  /** The institution a regularised lead became (or was found to be). */
  @Column({ type: 'uuid', nullable: true })
  institutionId!: string | null;

  @Column({ type: 'timestamptz' })
  reportedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  investigationStartedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}
