import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Subjects monitored (监测学科), as the national monitoring scheme names them. */
export enum QualitySubject {
  CHINESE = 'CHINESE', // 语文
  MATHEMATICS = 'MATHEMATICS', // 数学
  ENGLISH = 'ENGLISH', // 英语
  SCIENCE = 'SCIENCE', // 科学
  MORALITY_LAW = 'MORALITY_LAW', // 道德与法治
  PHYSICAL_HEALTH = 'PHYSICAL_HEALTH', // 体育与健康
  ARTS = 'ARTS', // 艺术
}

/** numeric columns come back from pg as strings. */
const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * One school's monitoring result (学业质量监测结果) for a year, grade and subject: the share of its assessed
 * students in each band and how many were assessed. Aggregates only; no student is stored.
 */
@Entity('quality_result')
export class QualityResult {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  schoolId!: string;

  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column('int')
  year!: number;

  @Column('int')
  grade!: number;

  @Column({ type: 'varchar', length: 24 })
  subject!: QualitySubject;

  @Column('int')
  assessedCount!: number;

  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: numeric })
  excellentPct!: number;

  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: numeric })
  goodPct!: number;

  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: numeric })
  passPct!: number;

  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: numeric })
  improvePct!: number;

  /** Set when the round is published: whether the school's median band is below the county's. */
  @Column({ type: 'boolean', nullable: true })
  belowCounty!: boolean | null;

  @Column({ type: 'varchar', length: 100 })
  recordedBy!: string;

  @Column('timestamptz')
  recordedAt!: Date;
}
