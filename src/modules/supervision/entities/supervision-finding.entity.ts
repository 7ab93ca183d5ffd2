import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ChecklistResult } from '../supervision.enums';

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
