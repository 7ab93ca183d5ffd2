import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TimeSlot } from '../after-school.rules';

export enum PlanStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
}

/** One school, one plan (一校一案) per semester. */
@Entity('after_school_plan')
export class AfterSchoolPlan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  schoolId!: string;

  /** Copied from the school (reference) for township scoping. */
  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'varchar', length: 16 })
  semester!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: PlanStatus;

  @Column({ type: 'jsonb' })
  timeSlots!: TimeSlot[];

  @Column({ type: 'text' })
  basicCare!: string;

  @Column({ type: 'jsonb' })
  customisedServices!: string[];

  @Column({ type: 'text', nullable: true })
  reviewComment!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
