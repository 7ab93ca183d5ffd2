import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum AnnualReviewResult {
  PASS = 'PASS', // 合格
  BASIC_PASS = 'BASIC_PASS', // 基本合格
  FAIL = 'FAIL', // 不合格
}

export interface ChecklistItem {
  code: string;
  title: string;
  maxScore: number;
}

/** The scored checklist of a year's annual review (年审年检), set by the county. */
@Entity('annual_review_checklist')
export class AnnualReviewChecklist {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'jsonb' })
  items!: ChecklistItem[];

  @Column({ type: 'int' })
  passScore!: number;

  @Column({ type: 'int' })
  basicPassScore!: number;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** One institution's annual review for a year: the score per checklist item and the result. */
@Entity('annual_review')
export class AnnualReview {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'jsonb' })
  scores!: Record<string, number>;

  @Column({ type: 'int' })
  score!: number;

  @Column({ type: 'varchar', length: 16 })
  result!: AnnualReviewResult;

  @Column({ type: 'text', nullable: true })
  remarks!: string | null;

  @Column({ type: 'varchar', length: 100 })
  reviewedBy!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
