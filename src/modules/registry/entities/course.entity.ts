import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../../platform/database/money';

export enum CourseMode {
  OFFLINE = 'OFFLINE',
  ONLINE = 'ONLINE',
}

/** A weekly lesson: weekday 1 = Monday … 7 = Sunday, local times HH:MM. */
export interface WeeklySlot {
  weekday: number;
  start: string;
  end: string;
}

/** A one-off lesson on a date (补课, make-up lesson). */
export interface ExtraSession {
  date: string;
  start: string;
  end: string;
}

/** Course (课程) with its weekly schedule over a term. */
@Entity('course')
export class Course {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  topic!: string;

  /** Whether the topic is a school subject (学科类). */
  @Column({ type: 'boolean' })
  subject!: boolean;

  @Column({ type: 'smallint', array: true })
  targetGrades!: number[];

  @Column({ type: 'varchar', length: 8 })
  mode!: CourseMode;

  @Column({ type: 'int' })
  lessonMinutes!: number;

  @Column({ type: 'bigint', transformer: fenTransformer })
  pricePerHourFen!: bigint;

  @Column({ type: 'date' })
  termStart!: string;

  @Column({ type: 'date' })
  termEnd!: string;

  @Column({ type: 'jsonb' })
  weeklySlots!: WeeklySlot[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  extraSessions!: ExtraSession[];

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
