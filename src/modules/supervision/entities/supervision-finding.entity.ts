import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ChecklistResult, ViolationSeverity } from '../supervision.enums';

export interface ChecklistResultRecord {
  code: string;
  result: ChecklistResult;
  note: string | null;
}

/** A reference to a stored file (storage is outside this service): metadata only. */
export interface EvidenceReference {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageRef: string;
}

/** What inspectors found on a task (检查结果). */
@Entity('supervision_finding')
export class SupervisionFinding {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  taskId!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'jsonb' })
  checklistResults!: ChecklistResultRecord[];

  @Column({ type: 'jsonb' })
  evidence!: EvidenceReference[];

  @Column({ type: 'varchar', length: 100 })
  recordedBy!: string;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}

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
  kind!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
