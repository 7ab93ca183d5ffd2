import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '../../../platform/auth/principal';
import { Forbidden } from '../../../platform/errors/domain-error';
import { text } from '../../../platform/i18n/text';
import { CreditFeedKind, CreditFeedRecord } from './credit-feed-records';

/** One feed item as the platform receives it. */
export interface CreditFeedItemOut {
  /** Stable id: apply each item once by it. */
  id: string;
  /** Position in the feed (a decimal string: it may outgrow a JavaScript number). */
  sequence: string;
  kind: CreditFeedKind;
  /** The list entry (entryId) or penalty decision (penaltyId) the item is about. */
  subjectId: string;
  /** When the change happened (ISO 8601). */
  occurredAt: string;
  record: CreditFeedRecord;
}

/** Reads of the credit feed (one statement per page). */
@Injectable()
export class CreditFeedQueries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Up to `limit` items after `afterSequence`, in order, and whether more follow. Only the credit-sharing
   * platform (and the service itself) reads the feed; county staff see the lists through GraphQL.
   */
  async page(
    actor: Principal,
    afterSequence: string,
    limit: number,
  ): Promise<{ items: CreditFeedItemOut[]; hasMore: boolean }> {
    if (actor.kind !== 'creditPlatform' && actor.kind !== 'system')
      throw new Forbidden(
        text('Only the credit-sharing platform reads the credit feed', '只有信用信息共享平台可以读取信用信息推送'),
      );
    const rows = (await this.dataSource.query(
      `SELECT id, sequence::text AS sequence, kind, subject_id AS "subjectId", occurred_at AS "occurredAt", record
         FROM credit_feed_item WHERE sequence > $1::bigint ORDER BY sequence LIMIT $2`,
      [afterSequence, limit + 1],
    )) as (Omit<CreditFeedItemOut, 'occurredAt'> & { occurredAt: Date })[];
    return {
      items: rows.slice(0, limit).map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })),
      hasMore: rows.length > limit,
    };
  }
}
