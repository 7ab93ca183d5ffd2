import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A person on the staff blacklist (从业人员黑名单): barred from off-campus training from `barredFrom` until
 * `barredUntil` (exclusive; null: for life). Known by the keyed hash of the ID number, like staff.
 */
@Entity('staff_bar')
export class StaffBar {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'char', length: 64 })
  idNumberHash!: string;

  @Column({ type: 'text' })
  idNumberEncrypted!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Column({ type: 'date' })
  barredFrom!: string;

  /** The first day the person may work again; null: barred for life. */
  @Column({ type: 'date', nullable: true })
  barredUntil!: string | null;

  /** The staff record the bar was decided on, if any. */
  @Column({ type: 'uuid', nullable: true })
  staffId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  createdBy!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  liftedAt!: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  liftedReason!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  liftedBy!: string | null;
}
