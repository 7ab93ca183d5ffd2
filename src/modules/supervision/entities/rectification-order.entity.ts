import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RectificationStatus } from '../supervision.enums';

/** A rectification order (整改通知) issued from a finding, with a deadline; overdue like a task. */
@Entity('rectification_order')
export class RectificationOrder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  findingId!: string;

  @Column({ type: 'uuid' })
  taskId!: string;

  @Column({ type: 'uuid', nullable: true })
  institutionId!: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  townshipCode!: string | null;

  @Column({ type: 'varchar', length: 32 })
  leadDepartmentCode!: string;

  @Column({ type: 'text' })
  requirements!: string;

  @Column({ type: 'timestamptz' })
  deadlineAt!: Date;

  @Column({ type: 'varchar', length: 12 })
  status!: RectificationStatus;

  @Column({ type: 'smallint', default: 0 })
  escalationLevel!: number;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  completionNote!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  recheckTaskId!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
