import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface HomeworkSubject {
  subject: string;
  minutes: number;
}

/** A class's homework of one day: what was published (作业公示) and the duration reported afterwards. */
@Entity('homework_record')
export class HomeworkRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  schoolId!: string;

  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'smallint' })
  grade!: number;

  @Column({ type: 'varchar', length: 50 })
  className!: string;

  @Column({ type: 'date' })
  homeworkDate!: string;

  @Column({ type: 'jsonb' })
  subjects!: HomeworkSubject[];

  @Column({ type: 'int' })
  estimatedMinutes!: number;

  @Column({ type: 'int', nullable: true })
  reportedMinutes!: number | null;

  /** The grade's limit when published (configuration may change later; compliance uses this one). */
  @Column({ type: 'int' })
  limitMinutes!: number;

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  reportedAt!: Date | null;
}
