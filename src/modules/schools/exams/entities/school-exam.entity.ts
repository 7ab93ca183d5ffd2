import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ExamFormat, ExamKind, ExamOrganiser, ExamResultForm, ExamResultLevel } from '../exam.rules';

/** The aggregate results of an exam (考试结果汇总): how many sat it and how many reached each level; no pupil's result. */
export interface ExamResults {
  participants: number;
  levelCounts: { level: ExamResultLevel; count: number }[];
  form: ExamResultForm;
  ranked: boolean;
  rankingPublished: boolean;
}

/** An exam a school held for one grade (考试记录). */
@Entity('school_exam')
export class SchoolExam {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  schoolId!: string;

  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'varchar', length: 6 })
  term!: string;

  @Column({ type: 'smallint' })
  grade!: number;

  @Column({ type: 'varchar', length: 20 })
  kind!: ExamKind;

  @Column({ type: 'varchar', length: 12 })
  format!: ExamFormat;

  @Column({ type: 'varchar', length: 12 })
  organiser!: ExamOrganiser;

  @Column({ type: 'jsonb' })
  subjects!: string[];

  @Column({ type: 'date' })
  examDate!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  results!: ExamResults | null;

  @Column({ type: 'timestamptz', nullable: true })
  resultsRecordedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
