import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Where a case against a serving teacher came from (案件来源). */
export enum TeacherCaseSource {
  /** The teacher was found on an institution's staff (名册比对): registry.staff.in_service_teacher_found. */
  ROSTER_MATCH = 'ROSTER_MATCH',
  /** A paid-tutoring complaint (在职教师有偿补课投诉) naming the teacher, opened by the Education Bureau. */
  COMPLAINT = 'COMPLAINT',
}

/** OPEN until the Education Bureau records its outcome, then DECIDED (final). */
export enum TeacherCaseStatus {
  OPEN = 'OPEN',
  DECIDED = 'DECIDED',
}

/** The Education Bureau's outcome (处理结果). */
export enum TeacherCaseOutcome {
  /** 不予处理/查无实据. */
  DISMISSED = 'DISMISSED',
  /** 批评教育/警告. */
  WARNING = 'WARNING',
  /** 移送纪委监委处理: the discipline commission is notified. */
  SANCTION_REFERRED = 'SANCTION_REFERRED',
}

/**
 * A case against a serving public-school teacher who tutors for pay (在职教师有偿补课案件): one per teacher
 * and source. The teacher is kept by the roster's keyed hash of the ID number (`rosterHash`, as in the
 * `teacher` table), never by the number; the school and township are those of the roster when opened.
 */
@Entity('teacher_case')
export class TeacherCase {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  teacherId!: string;

  @Column({ type: 'char', length: 64 })
  rosterHash!: string;

  @Column({ type: 'varchar', length: 100 })
  teacherName!: string;

  @Column({ type: 'uuid' })
  schoolId!: string;

  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'varchar', length: 16 })
  sourceKind!: TeacherCaseSource;

  /** The staff record (ROSTER_MATCH) or the complaint (COMPLAINT): one case per teacher and source. */
  @Column({ type: 'varchar', length: 80 })
  sourceRef!: string;

  @Column({ type: 'uuid', nullable: true })
  institutionId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  staffId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  complaintId!: string | null;

  @Column({ type: 'varchar', length: 8 })
  status!: TeacherCaseStatus;

  @Column({ type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'varchar', length: 120 })
  openedBy!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  /** The last day for the Education Bureau's decision (schools.teacher_case_decision_days when opened). */
  @Column({ type: 'date' })
  decisionDueOn!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  outcome!: TeacherCaseOutcome | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  outcomeReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  decidedBy!: string | null;
}
