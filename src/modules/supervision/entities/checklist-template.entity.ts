import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TaskType } from '../supervision.enums';
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
