import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum InstitutionCategory {
  SUBJECT = 'SUBJECT', // 学科类
  NON_SUBJECT = 'NON_SUBJECT', // 非学科类
}

export enum NonSubjectKind {
  SPORTS = 'SPORTS', // 体育
  ARTS = 'ARTS', // 文化艺术
  SCIENCE_TECH = 'SCIENCE_TECH', // 科技
  OTHER = 'OTHER',
}

export enum LegalForm {
  FOR_PROFIT = 'FOR_PROFIT', // 营利性 (市场监管局)
  NON_PROFIT = 'NON_PROFIT', // 非营利性 (民政局)
}

/** Lifecycle: APPLIED → APPROVED / REJECTED → OPERATING → SUSPENDED ⇄ OPERATING → DEREGISTERED / REVOKED. */
export enum InstitutionStatus {
  APPLIED = 'APPLIED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  OPERATING = 'OPERATING',
  SUSPENDED = 'SUSPENDED',
  DEREGISTERED = 'DEREGISTERED',
  REVOKED = 'REVOKED',
}

/** Off-campus training institution (校外培训机构). */
@Entity('institution')
@Index('idx_institution_township_status', ['townshipCode', 'status'])
@Index('idx_institution_status', ['status'])
export class Institution {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** 统一社会信用代码 (GB 32100-2015), unique in the county. */
  @Index({ unique: true })
  @Column({ type: 'char', length: 18 })
  creditCode!: string;

  @Column({ type: 'varchar', length: 16 })
  category!: InstitutionCategory;

  @Column({ type: 'varchar', length: 16, nullable: true })
  nonSubjectKind!: NonSubjectKind | null;

  @Column({ type: 'varchar', length: 16 })
  legalForm!: LegalForm;

  /** 主管部门 (department code, e.g. EDU, SPORT, CULTURE, SCI). */
  @Column({ type: 'varchar', length: 32 })
  competentDepartmentCode!: string;

  /** 办学许可证 number and validity (set on approval). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  licenceNumber!: string | null;

  @Column({ type: 'date', nullable: true })
  licenceValidFrom!: string | null;

  @Column({ type: 'date', nullable: true })
  licenceValidUntil!: string | null;

  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  gridCode!: string | null;

  @Column({ type: 'varchar', length: 300 })
  address!: string;

  @Column({ type: 'varchar', length: 100 })
  legalRepresentative!: string;

  @Column({ type: 'varchar', length: 32 })
  contactPhone!: string;

  /** 党的组织覆盖 */
  @Column({ type: 'boolean', default: false })
  partyOrganisationCovered!: boolean;

  /** 党的工作覆盖 */
  @Column({ type: 'boolean', default: false })
  partyWorkCovered!: boolean;

  @Column({ type: 'varchar', length: 16 })
  status!: InstitutionStatus;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
