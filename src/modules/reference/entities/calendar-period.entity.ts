import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum CalendarPeriodKind {
  PUBLIC_HOLIDAY = 'PUBLIC_HOLIDAY', // 法定节假日 (with the bridging days off)
  WINTER_VACATION = 'WINTER_VACATION', // 寒假
  SUMMER_VACATION = 'SUMMER_VACATION', // 暑假
  ADJUSTED_WORKDAY = 'ADJUSTED_WORKDAY', // 调休上班日
}

export type CalendarPeriodSource = 'SEED' | 'COUNTY';

/** A period of the county's school calendar (节假日与寒暑假), inclusive dates; the training-time rules read it. */
@Entity('calendar_period')
export class CalendarPeriod {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: CalendarPeriodKind;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'date' })
  startDate!: string;

  @Column({ type: 'date' })
  endDate!: string;

  /** SEED: loaded from the county's reference data file; COUNTY: entered or changed by the county (the seeder leaves it alone). */
  @Column({ type: 'varchar', length: 8, default: 'SEED' })
  source!: CalendarPeriodSource;

  /** A seeded period the county deleted: kept as a marker so the next seed does not bring it back; never read as a period. */
  @Column({ type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}
