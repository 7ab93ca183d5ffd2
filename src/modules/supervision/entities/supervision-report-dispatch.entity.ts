import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ReportDispatchKind } from '../supervision.enums';

/** A stored report sent out (报送/印发): 专报 to the county government or 简报 to departments, by whom and when. */
@Entity('supervision_report_dispatch')
export class SupervisionReportDispatch {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: ReportDispatchKind;

  /** SPECIAL: empty (the county government); BRIEFING: the departments' codes. */
  @Column({ type: 'varchar', array: true })
  departmentCodes!: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 100 })
  sentBy!: string;

  @Column({ type: 'timestamptz' })
  sentAt!: Date;
}
