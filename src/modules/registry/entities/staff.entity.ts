import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum StaffPosition {
  TEACHER = 'TEACHER',
  MANAGER = 'MANAGER',
  OTHER = 'OTHER',
}

export enum BackgroundCheck {
  PENDING = 'PENDING',
  CLEARED = 'CLEARED',
  FAILED = 'FAILED',
}

/**
 * Staff member (从业人员). The ID number is kept twice, neither readable as is: a keyed hash (searched,
 * matched against the teacher roster) and an AES-GCM ciphertext (shown only masked).
 */
@Entity('staff')
export class Staff {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'char', length: 64 })
  idNumberHash!: string;

  @Column({ type: 'text' })
  idNumberEncrypted!: string;

  @Column({ type: 'varchar', length: 16 })
  position!: StaffPosition;

  @Column({ type: 'varchar', length: 200, nullable: true })
  qualification!: string | null;

  @Column({ type: 'varchar', length: 16 })
  backgroundCheck!: BackgroundCheck;

  /** The roster teacher this person matched (在职教师): a violation. */
  @Column({ type: 'uuid', nullable: true })
  inServiceTeacherId!: string | null;

  /** When the background check was completed (CLEARED or FAILED); null while PENDING. */
  @Column({ type: 'date', nullable: true })
  backgroundCheckedOn!: string | null;

  /** Still employed; false once the employment ended (离职). */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** The day the employment ended (离职), null while employed. */
  @Column({ type: 'date', nullable: true })
  employmentEndedOn!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
