import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type InstructionAction = 'FREEZE' | 'UNFREEZE';
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
}
