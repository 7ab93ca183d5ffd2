import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../../../platform/clock/clock';
import { DomainEvent, EventPublisher } from '../../../platform/events';
import { CreditFeedKind, CreditFeedRecord, TAKE_DOWN_KINDS } from './credit-feed-records';

/**
 * One lock for every append: held to the end of the appending transaction, it makes feed items commit in
 * the order of their sequence, so a platform that has read up to item N never misses an item below N that
 * was still in flight (ADR 0030). Appends are a few a day; the lock costs them nothing measurable.
 */
const FEED_APPEND_LOCK = 'credit.feed.append';

/** Appends items to the credit feed (信用信息推送), inside the transaction of the subscriber that handles the event. */
@Injectable()
export class CreditFeedService {
  constructor(
    private readonly clock: Clock,
    private readonly events: EventPublisher,
  ) {}

  /**
   * Appends the item for one event, once: a second delivery of the same event appends nothing (the
   * subscriber already runs once per event; the unique source event id makes it structural). A take-down
   * is final: a publication delivered after its subject's removal, expiry or withdrawal (events of
   * different subscribers may be delivered out of order, e.g. after a retry) appends nothing, so a
   * platform applying items in order never shows a record the county took down. Publishes
   * credit.feed.appended in the same transaction.
   */
  async append(
    em: EntityManager,
    event: DomainEvent,
    item: { kind: CreditFeedKind; subjectId: string; institutionId: string | null; record: CreditFeedRecord },
  ): Promise<{ id: string; sequence: string } | null> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [FEED_APPEND_LOCK]);
    if (!TAKE_DOWN_KINDS.includes(item.kind)) {
      const [down] = (await em.query(
        `SELECT 1 FROM credit_feed_item WHERE subject_id = $1 AND kind = ANY($2::text[]) LIMIT 1`,
        [item.subjectId, TAKE_DOWN_KINDS],
      )) as unknown[];
      if (down) return null;
    }
    const id = randomUUID();
    const rows = (await em.query(
      `INSERT INTO credit_feed_item (id, kind, subject_id, institution_id, record, source_event_id, occurred_at, appended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (source_event_id) DO NOTHING
       RETURNING sequence::text AS sequence`,
      [
        id,
        item.kind,
        item.subjectId,
        item.institutionId,
        JSON.stringify(item.record),
        event.eventId,
        event.occurredAt,
        this.clock.now(),
      ],
    )) as { sequence: string }[];
    const sequence = rows[0]?.sequence;
    if (sequence === undefined) return null;
    await this.events.publish(em, 'credit.feed.appended', {
      itemId: id,
      sequence,
      kind: item.kind,
      subjectId: item.subjectId,
    });
    return { id, sequence };
  }
}
