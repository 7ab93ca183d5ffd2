import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

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
