import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An API key of the credit-sharing platform: key id (`ck_…`) + secret (AES-256-GCM encrypted at rest). */
@Entity('credit_platform_api_key')
export class CreditPlatformApiKey {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  keyId!: string;

  @Column({ type: 'varchar', length: 32 })
  creditPlatformCode!: string;

  @Column({ type: 'text', select: false })
  secretEncrypted!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
