import { randomBytes } from 'node:crypto';
import { DomainError } from '../../../platform/errors/domain-error';
import { configureCursorKey, encodeCursor } from '../../../platform/graphql/pagination';
import { CreditListKind } from '../entities/credit-entry.entity';
import { feedCursorAt, feedPageRequest, MAX_FEED_LIMIT } from './credit-feed-page';
import { listEntryRecord, penaltyRecord } from './credit-feed-records';

configureCursorKey(randomBytes(32));

const problemPaths = (query: Record<string, unknown>): string[] => {
  try {
    feedPageRequest(query);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED')
      return (error.errors ?? []).map((e) => e.path);
    throw error;
  }
  return [];
};

describe('credit feed page request', () => {
  it('starts at the beginning with the default page size', () => {
    expect(feedPageRequest({})).toEqual({ afterSequence: '0', limit: 100 });
  });

  it('opens its own cursors, whatever their random IV', () => {
    const a = feedCursorAt('42');
    expect(a).not.toBe(feedCursorAt('42'));
    expect(feedPageRequest({ after: a, limit: String(MAX_FEED_LIMIT) })).toEqual({ afterSequence: '42', limit: 500 });
  });

  it('refuses other lists’ cursors, bad limits, repeated and unknown parameters, naming each', () => {
    const foreign = encodeCursor({ list: 'credit.public', order: 'sequence', direction: 'ASC', types: ['int'] }, ['1']);
    expect(problemPaths({ after: foreign })).toEqual(['after']);
    expect(problemPaths({ after: 'AAAA' })).toEqual(['after']);
    expect(problemPaths({ after: ['x', 'y'] })).toEqual(['after']);
    expect(problemPaths({ limit: '0' })).toEqual(['limit']);
    expect(problemPaths({ limit: '501' })).toEqual(['limit']);
    expect(problemPaths({ limit: '1.5' })).toEqual(['limit']);
    expect(problemPaths({ limit: ['1', '2'] })).toEqual(['limit']);
    expect(problemPaths({ from: '1', limit: '-1' })).toEqual(['from', 'limit']);
  });
});

describe('credit feed records', () => {
  const entry = {
    id: 'e1',
    institutionId: 'i1',
    institutionName: '某培训学校',
    creditCode: '91520122MA6DXXXX1X',
    kind: CreditListKind.BLACK,
    reasonCode: 'FALSE_ADVERTISING',
    effectiveOn: '2026-12-01',
    expiresOn: null,
  };

  it('gives a list entry its status, the day it ended and, on removal only, the grounds', () => {
    expect(
      listEntryRecord(entry, { status: 'PUBLISHED', endedOn: '2026-12-01', removalGrounds: 'APPEAL' }),
    ).toMatchObject({
      listKind: 'BLACK',
      status: 'PUBLISHED',
      endedOn: null,
      removalGrounds: null,
    });
    expect(
      listEntryRecord(entry, { status: 'REMOVED', endedOn: '2026-12-03', removalGrounds: 'CREDIT_REPAIR' }),
    ).toMatchObject({ status: 'REMOVED', endedOn: '2026-12-03', removalGrounds: 'CREDIT_REPAIR' });
    expect(
      listEntryRecord(entry, { status: 'EXPIRED', endedOn: '2027-12-01', removalGrounds: 'x' }).removalGrounds,
    ).toBeNull();
  });

  it('never shares a grey-list entry', () => {
    expect(() =>
      listEntryRecord(
        { ...entry, kind: CreditListKind.GREY },
        { status: 'PUBLISHED', endedOn: null, removalGrounds: null },
      ),
    ).toThrow(/not shared/);
  });

  it('copies exactly the penalty decision fields, not whatever else a payload carries', () => {
    const payload = {
      penaltyId: 'p1',
      decisionNumber: 'N',
      institutionId: null,
      leadId: 'l1',
      subjectName: 'S',
      creditCode: null,
      kinds: ['FINE'],
      fineFen: '100',
      confiscatedFen: null,
      legalBasis: 'B',
      facts: 'F',
      decidingDepartmentCode: 'EDU',
      decidedOn: '2026-11-30',
      publishedUntil: null,
    };
    const record = penaltyRecord({ ...payload, internalNote: 'x' } as typeof payload, null);
    expect(record).toEqual({ ...payload, status: 'PUBLISHED', withdrawalReason: null });
    expect(penaltyRecord(payload, '撤销').status).toBe('WITHDRAWN');
  });
});
