import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CreditFeedKind, CreditFeedRecord } from '../feed/credit-feed-records';

/**
 * One item of the credit feed (信用信息推送) the credit-sharing platform pulls: an append-only row (a
 * trigger refuses UPDATE, DELETE and TRUNCATE), one per event of a published or withdrawn list entry or
 * penalty decision, numbered by `sequence` in commit order (ADR 0030).
 */
@Entity('credit_feed_item')
export class CreditFeedItem {
  /** Stable id the platform applies the item by (idempotently). */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The feed's order (bigint, as a string). */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', unique: true, update: false })
  sequence!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: CreditFeedKind;

  /** The list entry or penalty decision the item is about. */
  @Column({ type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'uuid', nullable: true })
  institutionId!: string | null;

  /** The record as the platform should store it. */
  @Column({ type: 'jsonb' })
  record!: CreditFeedRecord;

  @Column({ type: 'uuid' })
  sourceEventId!: string;

  /** When the change happened (the event's time). */
  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'timestamptz' })
  appendedAt!: Date;
}
