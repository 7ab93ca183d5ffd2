import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../../platform/database/money';

export enum PrepaidContractStatus {
  ACTIVE = 'ACTIVE', // 履行中
  COMPLETED = 'COMPLETED', // 课时全部消课
  REFUNDING = 'REFUNDING', // 退费处理中
  REFUNDED = 'REFUNDED', // 已退费
  CANCELLED = 'CANCELLED', // 已撤销
}

export enum PrepaidPaymentRoute {
  ESCROW_ACCOUNT = 'ESCROW_ACCOUNT', // 银行托管账户
  RISK_RESERVE = 'RISK_RESERVE', // 风险保证金
}

export enum PrepaidContractSource {
  INSTITUTION = 'INSTITUTION', // registered here (机构端 or staff on the institution's behalf)
  PLATFORM = 'PLATFORM', // arrived from the national or provincial platform
}

/** The model contract text the fields follow: 《中小学生校外培训服务合同(示范文本)》. */
export const MODEL_TEXT_VERSION = 'GF-2021-2604';

/**
 * A prepaid training contract (预付费合同, 一课一消). The contract code printed on the contract is never
 * stored: only its keyed hash (`contractCodeHash`), by which a parent's lookup and a bank's contract
 * reference find the row. Personal data is AES-GCM ciphertext; the payer's phone's last 4 digits (the
 * parent's second factor) are a keyed hash bound to the contract. The counters are kept current by the
 * service that changes them, in the same transaction.
 */
@Entity('prepaid_contract')
export class PrepaidContract {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** piiHash of the contract code (see contract-code.ts); unique. */
  @Column({ type: 'varchar', length: 64 })
  contractCodeHash!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'varchar', length: 32 })
  competentDepartmentCode!: string;

  @Column({ type: 'uuid' })
  courseId!: string;

  @Column({ type: 'text' })
  studentNameEnc!: string;

  @Column({ type: 'text' })
  payerNameEnc!: string;

  @Column({ type: 'text' })
  payerPhoneEnc!: string;

  /** Keyed hash of the payer phone's last 4 digits, bound to this contract (phoneLast4Hash). */
  @Column({ type: 'varchar', length: 64 })
  payerPhoneLast4Hash!: string;

  /** Keyed hash of the payer's phone and the student's name: top-ups of the same family count as one charge. */
  @Column({ type: 'varchar', length: 64 })
  payerHash!: string;

  @Column({ type: 'int' })
  lessonsBought!: number;

  @Column({ type: 'int' })
  lessonMinutes!: number;

  @Column({ type: 'bigint', transformer: fenTransformer })
  pricePerLessonFen!: bigint;

  @Column({ type: 'bigint', transformer: fenTransformer })
  totalFen!: bigint;

  @Column({ type: 'date' })
  periodStart!: string;

  @Column({ type: 'date' })
  periodEnd!: string;

  @Column({ type: 'varchar', length: 16 })
  paymentRoute!: PrepaidPaymentRoute;

  @Column({ type: 'uuid', nullable: true })
  escrowAccountId!: string | null;

  @Column({ type: 'text' })
  refundTerms!: string;

  @Column({ type: 'varchar', length: 20, default: MODEL_TEXT_VERSION })
  modelTextVersion!: string;

  @Column({ type: 'varchar', length: 12, default: PrepaidContractStatus.ACTIVE })
  status!: PrepaidContractStatus;

  @Column({ type: 'varchar', length: 12 })
  source!: PrepaidContractSource;

  /** The platform that sent the contract (source PLATFORM), and its own id there; unique together. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  platformCode!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  externalRef!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  createdByName!: string;

  /** The bank's own reference (txnId, up to 64 characters) of the DEPOSIT matched to this contract, when matched. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  matchedTxnId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  matchedAt!: Date | null;

  /** The payerRef the bank reported on the matched deposit: the payee of a REFUND instruction. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  matchedPayerRef!: string | null;

  @Column({ type: 'int', default: 0 })
  lessonsTaught!: number;

  @Column({ type: 'int', default: 0 })
  lessonsConfirmed!: number;

  @Column({ type: 'bigint', transformer: fenTransformer, default: 0 })
  releasedFen!: bigint;

  @Column({ type: 'bigint', transformer: fenTransformer, default: 0 })
  refundedFen!: bigint;
}
