import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AdmissionMethod, EnrolmentPlanStatus, SchoolSector } from './enrolment.enums';

/** Places offered in one entry grade (起始年级): grade 1 (primary) or grade 7 (junior secondary). */
export interface EntryGradePlaces {
  grade: number;
  places: number;
}

/** A school's enrolment plan (招生计划) for a year: places, dates and how it admits. */
@Entity('enrolment_plan')
export class EnrolmentPlan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  schoolId!: string;

  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column('int')
  year!: number;

  /** The school's sector when the plan was recorded. */
  @Column({ type: 'varchar', length: 8 })
  sector!: SchoolSector;

  @Column({ type: 'varchar', length: 12 })
  status!: EnrolmentPlanStatus;

  @Column({ type: 'jsonb' })
  places!: EntryGradePlaces[];

  @Column({ type: 'date' })
  registrationStart!: string;

  @Column({ type: 'date' })
  registrationEnd!: string;

  @Column({ type: 'date' })
  admissionDate!: string;

  @Column({ type: 'varchar', length: 32 })
  admissionMethod!: AdmissionMethod;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  notes!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reviewComment!: string | null;

  @Column({ type: 'varchar', length: 100 })
  recordedBy!: string;

  @Column('timestamptz')
  recordedAt!: Date;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reviewedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;
}
