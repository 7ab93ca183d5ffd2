import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum StaffKind {
  TEACHER = 'TEACHER',
  VOLUNTEER = 'VOLUNTEER',
  INSTITUTION = 'INSTITUTION',
}

/**
 * Who delivers a plan: a roster teacher, a volunteer (团县委) or a non-subject institution brought in.
 * An institution taken off the plans (blacklisted) keeps its row with `removedAt` and the reason.
 */
@Entity('after_school_plan_staff')
export class AfterSchoolPlanStaff {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The plan (after_school_plan.id; the foreign key is in the migration, no ORM relation is needed). */
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'uuid' })
  schoolId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: StaffKind;

  @Column({ type: 'uuid', nullable: true })
  teacherId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  institutionId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  removalReason!: string | null;
}
