import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Text } from '../../../../platform/i18n/text';
import { ExamViolationKind } from '../exam.rules';

/** Where a breach was found: in a term's plan or in an exam held (with its results). */
export enum ExamViolationSource {
  PLAN = 'PLAN',
  EXAM = 'EXAM',
}

/** A breach of the national exam rules found in what a school recorded (考试管理违规发现); never removed. */
@Entity('school_exam_violation')
export class ExamViolation {
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

  @Column({ type: 'varchar', length: 32 })
  kind!: ExamViolationKind;

  @Column({ type: 'varchar', length: 8 })
  source!: ExamViolationSource;

  @Column({ type: 'uuid', nullable: true })
  planId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  examId!: string | null;

  @Column({ type: 'jsonb' })
  description!: Text;

  @Column({ type: 'timestamptz' })
  foundAt!: Date;
}
