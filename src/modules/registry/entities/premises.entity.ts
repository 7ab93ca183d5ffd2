import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum CheckStatus {
  PENDING = 'PENDING',
  PASSED = 'PASSED',
  FAILED = 'FAILED',
}

/** Premises (办学场所) with its fire, health and safety checks. */
@Entity('premises')
export class Premises {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'varchar', length: 300 })
  address!: string;

  @Column({ type: 'int', name: 'floor_area_m2' })
  floorAreaM2!: number;

  /** 消防设计审查 (住建局) */
  @Column({ type: 'varchar', length: 16 })
  fireDesignReview!: CheckStatus;

  /** 消防验收 (住建局): an institution needs one premises PASSED to start operating. */
  @Column({ type: 'varchar', length: 16 })
  fireAcceptance!: CheckStatus;

  @Column({ type: 'date', nullable: true })
  fireAcceptanceDate!: string | null;

  /** 消防安全检查 (消防救援支队) */
  @Column({ type: 'varchar', length: 16 })
  fireInspection!: CheckStatus;

  @Column({ type: 'date', nullable: true })
  fireInspectionDate!: string | null;

  /** 卫生监督检查 (卫健局) */
  @Column({ type: 'varchar', length: 16 })
  healthInspection!: CheckStatus;

  @Column({ type: 'date', nullable: true })
  healthInspectionDate!: string | null;

  /** 人防 */
  @Column({ type: 'boolean', default: false })
  securityGuards!: boolean;

  /** 物防 */
  @Column({ type: 'boolean', default: false })
  physicalProtection!: boolean;

  /** 技防 */
  @Column({ type: 'boolean', default: false })
  technicalProtection!: boolean;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
