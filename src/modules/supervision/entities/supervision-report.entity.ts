import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ReportKind } from '../supervision.enums';

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
