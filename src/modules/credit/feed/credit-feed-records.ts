import type { EventPayload } from '../../../platform/events';
import { findCreditReason } from '../data/credit-reasons';
import type { CreditEntry } from '../entities/credit-entry.entity';

/** enforcement.penalty.* payload (the catalogue's PenaltyDecisionPayload). */
type PenaltyDecisionPayload = EventPayload<'enforcement.penalty.published'>;

/** What a feed item says happened (信用信息推送类型); the platform applies each by its `id`. */
export enum CreditFeedKind {
  /** A black or white list entry was published (列入黑/白名单): store or replace the record. */
  LIST_ENTRY_PUBLISHED = 'LIST_ENTRY_PUBLISHED',
  /** A published entry was removed (appeal, credit repair, superseded by a black-list entry): take it down. */
  LIST_ENTRY_REMOVED = 'LIST_ENTRY_REMOVED',
  /** A published entry reached its last day (到期移出): take it down. */
  LIST_ENTRY_EXPIRED = 'LIST_ENTRY_EXPIRED',
  /** A penalty decision the law requires to be public (行政处罚决定公示): store or replace the record. */
  PENALTY_PUBLISHED = 'PENALTY_PUBLISHED',
  /** A published penalty decision was withdrawn (revoked, or its publication period over): take it down. */
  PENALTY_WITHDRAWN = 'PENALTY_WITHDRAWN',
}

export const CREDIT_FEED_KINDS = Object.values(CreditFeedKind);

/** The kinds that take a subject down for good (a removed entry or withdrawn decision is never re-published). */
export const TAKE_DOWN_KINDS: readonly CreditFeedKind[] = [
  CreditFeedKind.LIST_ENTRY_REMOVED,
  CreditFeedKind.LIST_ENTRY_EXPIRED,
  CreditFeedKind.PENALTY_WITHDRAWN,
];

/** A black or white list entry as the credit-sharing platform should store it. */
export interface ListEntryFeedRecord {
  entryId: string;
  institutionId: string;
  /** The institution's name (机构名称). */
  name: string;
  /** Unified social credit code (统一社会信用代码). */
  creditCode: string;
  listKind: 'BLACK' | 'WHITE';
  /** The county's reason code and its name (列入事由). */
  reasonCode: string;
  reason: string;
  /** First day on the list (YYYY-MM-DD). */
  effectiveOn: string | null;
  /** Last day on the list (YYYY-MM-DD), null = until removed. */
  expiresOn: string | null;
  status: 'PUBLISHED' | 'REMOVED' | 'EXPIRED';
  /** The day it left the list (YYYY-MM-DD), null while published. */
  endedOn: string | null;
  /** On REMOVED: APPEAL, CREDIT_REPAIR or SUPERSEDED_BY_BLACKLIST. */
  removalGrounds: string | null;
}

/** A penalty decision as published (the PenaltyDecisionPayload fields), with its publication status. */
export interface PenaltyFeedRecord extends PenaltyDecisionPayload {
  status: 'PUBLISHED' | 'WITHDRAWN';
  /** On WITHDRAWN: why (revoked on review or in court, publication period over). */
  withdrawalReason: string | null;
}

export type CreditFeedRecord = ListEntryFeedRecord | PenaltyFeedRecord;

/** Which list kinds the platform receives: black and white (grey is the county's internal watch list). */
export const isSharedListKind = (kind: string): kind is 'BLACK' | 'WHITE' => kind === 'BLACK' || kind === 'WHITE';

/** The list entry record of a feed item, from the entry row, the change and the day it happened. */
export function listEntryRecord(
  entry: Pick<
    CreditEntry,
    'id' | 'institutionId' | 'institutionName' | 'creditCode' | 'kind' | 'reasonCode' | 'effectiveOn' | 'expiresOn'
  >,
  change: { status: ListEntryFeedRecord['status']; endedOn: string | null; removalGrounds: string | null },
): ListEntryFeedRecord {
  if (!isSharedListKind(entry.kind)) throw new Error(`credit feed: list kind ${entry.kind} is not shared`);
  return {
    entryId: entry.id,
    institutionId: entry.institutionId,
    name: entry.institutionName,
    creditCode: entry.creditCode,
    listKind: entry.kind,
    reasonCode: entry.reasonCode,
    reason: findCreditReason(entry.reasonCode)?.name ?? entry.reasonCode,
    effectiveOn: entry.effectiveOn,
    expiresOn: entry.expiresOn,
    status: change.status,
    endedOn: change.status === 'PUBLISHED' ? null : change.endedOn,
    removalGrounds: change.status === 'REMOVED' ? change.removalGrounds : null,
  };
}

/**
 * The penalty record of a feed item: exactly the fields of PenaltyDecisionPayload (a later payload version
 * adding fields does not leak them into the feed unreviewed), with the status.
 */
export function penaltyRecord(p: PenaltyDecisionPayload, withdrawalReason: string | null): PenaltyFeedRecord {
  return {
    penaltyId: p.penaltyId,
    decisionNumber: p.decisionNumber,
    institutionId: p.institutionId,
    leadId: p.leadId,
    subjectName: p.subjectName,
    creditCode: p.creditCode,
    kinds: [...p.kinds],
    fineFen: p.fineFen,
    confiscatedFen: p.confiscatedFen,
    legalBasis: p.legalBasis,
    facts: p.facts,
    decidingDepartmentCode: p.decidingDepartmentCode,
    decidedOn: p.decidedOn,
    publishedUntil: p.publishedUntil,
    status: withdrawalReason === null ? 'PUBLISHED' : 'WITHDRAWN',
    withdrawalReason,
  };
}
