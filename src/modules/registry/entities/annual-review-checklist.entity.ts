import { Column, Entity, PrimaryColumn } from 'typeorm';

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
