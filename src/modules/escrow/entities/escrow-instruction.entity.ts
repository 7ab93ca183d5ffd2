import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../../platform/database/money';

export type InstructionAction = 'FREEZE' | 'UNFREEZE' | PaymentAction;
/** Payment instructions (一课一消, issue #20): money out of custody to the institution or back to the payer. */
export type PaymentAction = 'RELEASE' | 'REFUND';
export const INSTRUCTION_ACTIONS: readonly InstructionAction[] = ['FREEZE', 'UNFREEZE', 'RELEASE', 'REFUND'];
export type InstructionStatus = 'PENDING' | 'EXECUTED' | 'REFUSED';

/** An instruction (监管指令) from the regulator to the bank holding an account. */
@Entity('escrow_instruction')
export class EscrowInstruction {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @Column({ type: 'varchar', length: 32 })
  bankCode!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'varchar', length: 16 })
  action!: InstructionAction;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: InstructionStatus;

  @Column({ type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ type: 'varchar', length: 100 })
  issuedBy!: string;

  @Column({ type: 'timestamptz', nullable: true })
  executedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  acknowledgedKeyId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  /** RELEASE / REFUND: the amount in fen (null for FREEZE / UNFREEZE). */
  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer })
  amountFen!: bigint | null;

  /** RELEASE / REFUND: the prepaid contracts (ids, never their codes) the payment covers. */
  @Column({ type: 'uuid', array: true, nullable: true })
  contractIds!: string[] | null;

  /** REFUND: the payer reference (as the bank reported it on the deposit) the bank pays back to. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  payeeRef!: string | null;
}
