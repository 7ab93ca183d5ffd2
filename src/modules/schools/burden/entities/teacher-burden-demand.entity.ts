import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BurdenApprovalStatus, BurdenDemandKind } from '../teacher-burden.enums';

/**
 * A non-teaching demand placed on a school (教师负担事项): who asked, when, how many teachers it took and
 * for how many teacher-hours in all, and whether the county approved it.
 */
@Entity('teacher_burden_demand')
export class TeacherBurdenDemand {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  schoolId!: string;

  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: BurdenDemandKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  /** The requesting department (reference data), or null for a named outside body. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  requesterDepartmentCode!: string | null;

  /** A named outside body (a company, an association, a higher-level office), or null for a department. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  requesterName!: string | null;

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  @Column({ type: 'int' })
  teachersInvolved!: number;

  /** Teacher-hours in all (Σ over the teachers involved of the hours each spent), one decimal, as a string. */
  @Column({ type: 'numeric', precision: 8, scale: 1 })
  teacherHours!: string;

  @Column({ type: 'varchar', length: 10 })
  approvalStatus!: BurdenApprovalStatus;

  @Column({ type: 'varchar', length: 100, nullable: true })
  approvalReference!: string | null;

  @Column({ type: 'text', nullable: true })
  disputeReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  disputedAt!: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  disputedByName!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  recordedByName!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
