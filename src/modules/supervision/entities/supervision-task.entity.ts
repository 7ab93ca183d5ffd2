import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TargetKind, TaskStatus, TaskType } from '../supervision.enums';

export interface ChecklistItem {
  code: string;
  label: string;
}

/** A supervision task (督导检查任务): who must inspect what, by when. */
@Entity('supervision_task')
export class SupervisionTask {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: TaskType;

  @Column({ type: 'varchar', length: 16 })
  status!: TaskStatus;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'varchar', length: 20 })
  targetKind!: TargetKind;

  @Column({ type: 'varchar', length: 64 })
  targetId!: string;

  /** The institution concerned, when there is one (target or the institution behind an alert). */
  @Column({ type: 'uuid', nullable: true })
  institutionId!: string | null;

  /** Denormalised for township scoping and reports. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  townshipCode!: string | null;

  @Column({ type: 'varchar', length: 32 })
  leadDepartmentCode!: string;

  @Column({ type: 'varchar', length: 32, array: true, default: '{}' })
  cooperatingDepartmentCodes!: string[];

  @Column({ type: 'uuid', array: true, default: '{}' })
  assigneeIds!: string[];

  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  campaignId!: string | null;

  @Column({ type: 'jsonb' })
  checklist!: ChecklistItem[];

  /** What created it automatically (event id, order id): one task per source. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  sourceRef!: string | null;

  @Column({ type: 'smallint', default: 0 })
  escalationLevel!: number;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  returnReason!: string | null;

  @Column({ type: 'text', nullable: true })
  cancelReason!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;

  /** When the assignees' work stopped being owed (submitted, cancelled, closed); cleared by a return. */
  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
