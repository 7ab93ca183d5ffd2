import { DomainError } from '../../../platform/errors/domain-error';
import { Problems } from '../../../platform/errors/problems';
import { CursorSpec, decodeCursor, encodeCursor } from '../../../platform/graphql/pagination';
import { text } from '../../../platform/i18n/text';

/** The feed's cursors: sealed like every list cursor (AES-GCM, this list's identity as associated data). */
export const CREDIT_FEED_CURSOR: CursorSpec = {
  list: 'credit.feed',
  order: 'sequence',
  direction: 'ASC',
  types: ['int'],
};
export const DEFAULT_FEED_LIMIT = 100;
export const MAX_FEED_LIMIT = 500;

export interface FeedPageRequest {
  /** The last sequence the caller has ("0": from the start). */
  afterSequence: string;
  limit: number;
}

/**
 * Reads `?after=<cursor>&limit=N` of a feed pull: only these two parameters, each at most once; `limit`
 * 1–500 (default 100); `after` a cursor this feed issued (absent: from the first item). Anything else is
 * VALIDATION_FAILED naming every wrong parameter.
 */
export function feedPageRequest(query: Record<string, unknown>): FeedPageRequest {
  const problems = new Problems();
  for (const name of Object.keys(query))
    if (name !== 'after' && name !== 'limit')
      problems.add(name, text('is not a parameter of the feed (after, limit)', '不是此接口的参数（after、limit）'));

  let limit = DEFAULT_FEED_LIMIT;
  const rawLimit = query.limit;
  if (rawLimit !== undefined) {
    const ok =
      typeof rawLimit === 'string' && /^\d{1,4}$/.test(rawLimit) && +rawLimit >= 1 && +rawLimit <= MAX_FEED_LIMIT;
    if (
      problems.check(
        ok,
        'limit',
        text(
          `must be a whole number 1–${MAX_FEED_LIMIT}, given once`,
          `须为 1–${MAX_FEED_LIMIT} 的整数，且只能给出一次`,
        ),
      )
    )
      limit = Number(rawLimit);
  }

  let afterSequence = '0';
  const rawAfter = query.after;
  if (rawAfter !== undefined) {
    if (typeof rawAfter !== 'string' || rawAfter.length > 200) {
      problems.add('after', text('is not a cursor this feed issued', '不是此接口发出的游标'));
    } else {
      try {
        afterSequence = decodeCursor(CREDIT_FEED_CURSOR, rawAfter, 'after')[0] as string;
        problems.check(
          /^\d+$/.test(afterSequence),
          'after',
          text('is not a cursor this feed issued', '不是此接口发出的游标'),
        );
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') throw error;
        for (const p of error.errors ?? []) problems.add(p.path, p.message);
      }
    }
  }
  problems.throwIfAny(text('The feed request is not valid', '信用信息拉取请求不符合要求'));
  return { afterSequence, limit };
}

/** The cursor the platform keeps after applying the items up to `sequence`. */
export const feedCursorAt = (sequence: string): string => encodeCursor(CREDIT_FEED_CURSOR, [sequence]);
