import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum AnnualReviewResult {
  PASS = 'PASS', // 合格
  BASIC_PASS = 'BASIC_PASS', // 基本合格
  FAIL = 'FAIL', // 不合格
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
