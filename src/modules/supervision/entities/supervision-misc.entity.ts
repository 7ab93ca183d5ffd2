import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ReportKind, TaskType } from '../supervision.enums';
import { ChecklistItem } from './supervision-task.entity';

/** The checklist and default deadline of a task type (data, edited by the county office). */
@Entity('supervision_checklist_template')
export class ChecklistTemplate {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  taskType!: TaskType;

  @Column({ type: 'jsonb' })
  items!: ChecklistItem[];

  @Column({ type: 'int' })
  defaultDueDays!: number;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A campaign (专项行动, e.g. a summer-vacation crackdown) grouping tasks. */
@Entity('supervision_campaign')
export class SupervisionCampaign {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}

/** One step up the escalation ladder, with who was notified. */
@Entity('supervision_escalation')
export class SupervisionEscalation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 12 })
  itemKind!: 'TASK' | 'ORDER' | 'COMPLAINT';

  @Column({ type: 'uuid' })
  itemId!: string;

  @Column({ type: 'smallint' })
  level!: number;

  @Column({ type: 'int' })
  overdueDays!: number;

  @Column({ type: 'varchar', length: 32 })
  leadDepartmentCode!: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  townshipCode!: string | null;

  @Column({ type: 'jsonb' })
  notified!: Record<string, string[]>;

  @Column({ type: 'timestamptz' })
  escalatedAt!: Date;
}

/** A generated report (一月一调度 / 一季一总结) with its figures and files, kept for download. */
@Entity('supervision_report')
export class SupervisionReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: ReportKind;

  @Column({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'varchar', length: 10 })
  trigger!: 'SCHEDULED' | 'ON_DEMAND';

  @Column({ type: 'jsonb' })
  figures!: unknown;

  @Column({ type: 'text', select: false })
  csv!: string;

  @Column({ type: 'bytea', select: false })
  xlsx!: Buffer;

  @Column({ type: 'varchar', length: 100 })
  generatedBy!: string;

  @Column({ type: 'timestamptz' })
  generatedAt!: Date;
}
