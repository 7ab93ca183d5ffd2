import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditActorKind = 'user' | 'bank' | 'platform' | 'credit_platform' | 'system' | 'anonymous';

/** One row of the append-only audit log (the database refuses UPDATE, DELETE and TRUNCATE on it). */
@Entity('audit_log')
export class AuditLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  actorKind!: AuditActorKind;

  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actorBankKeyId!: string | null;

  /** A user's username, a bank's or platform's code or a system process's name, as it was at the time. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  actorName!: string | null;

  /** `module.thing.verb`, e.g. `identity.user.created`. */
  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ type: 'varchar', length: 64 })
  entityType!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  entityId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb' })
  summary!: Record<string, unknown>;
}
