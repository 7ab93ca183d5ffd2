import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ExamFormat, ExamKind } from '../exam.rules';

/** One exam a plan foresees (计划考试): for one or more grades, on a planned day. */
export interface ExamPlanEntry {
  kind: ExamKind;
  format: ExamFormat;
  grades: number[];
  subjects: string[];
  /** YYYY-MM-DD, within the plan's term. */
  plannedDate: string;
}

/** A school's exam plan for a term (学期考试计划); recorded again, it replaces the entries and counts a version. */
@Entity('school_exam_plan')
export class ExamPlan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  schoolId!: string;

  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  /** YYYY-1 (autumn) or YYYY-2 (spring), the after-school module's semesters. */
  @Column({ type: 'varchar', length: 6 })
  term!: string;

  @Column({ type: 'jsonb' })
  entries!: ExamPlanEntry[];

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
