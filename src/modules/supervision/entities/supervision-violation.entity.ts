import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ViolationKind, ViolationSeverity } from '../supervision.enums';

/** A violation by an institution recorded in a finding (the credit module records it too). */
@Entity('supervision_violation')
export class SupervisionViolation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  findingId!: string;

  @Column({ type: 'uuid' })
  taskId!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'varchar', length: 10 })
  severity!: ViolationSeverity;

  @Column({ type: 'varchar', length: 64 })
  kind!: ViolationKind;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
