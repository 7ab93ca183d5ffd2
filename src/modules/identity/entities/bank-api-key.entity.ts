import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An API key of a partner bank: key id + secret (AES-256-GCM encrypted at rest). */
@Entity('bank_api_key')
export class BankApiKey {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  keyId!: string;

  @Column({ type: 'varchar', length: 32 })
  bankCode!: string;

  @Column({ type: 'text', select: false })
  secretEncrypted!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
