import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ReportKind } from '../supervision.enums';

/** A generated report (一月一调度 / 一季一总结) with its figures and files, kept for download; immutable (a trigger refuses UPDATE and DELETE). */
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

  @Column({ type: 'bytea', nullable: true, select: false })
  docx!: Buffer | null;

  @Column({ type: 'bytea', nullable: true, select: false })
  docxSpecial!: Buffer | null;

  /** 1, 2, … within the period: regenerating a period stores a new version, never changes an old one. */
  @Column({ type: 'int' })
  version!: number;

  /** The document number (文号), e.g. 息双减办〔2026〕12号; null for reports stored before it existed. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  documentNumber!: string | null;

  @Column({ type: 'varchar', length: 100 })
  generatedBy!: string;

  @Column({ type: 'timestamptz' })
  generatedAt!: Date;
}
