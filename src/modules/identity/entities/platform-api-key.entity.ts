import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An API key of a partner platform: key id (`pk_…`) + secret (AES-256-GCM encrypted at rest). */
@Entity('platform_api_key')
export class PlatformApiKey {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  keyId!: string;

  @Column({ type: 'varchar', length: 32 })
  platformCode!: string;

  @Column({ type: 'text', select: false })
  secretEncrypted!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
