import { ValidationFailed } from '../../platform/errors/domain-error';
import { findCreditReason } from './data/credit-reasons';
import { CreditEntry, CreditEntryStatus, CreditListKind, RemovalGrounds } from './entities/credit-entry.entity';
import { EvidenceRef } from './entities/credit-record.entity';
import { text } from '../../platform/i18n/text';

/** Inputs and views of list entries, and an institution's public standing. */

export interface ProposeEntryInput {
  institutionId: string;
  kind: CreditListKind;
  reasonCode: string;
  reason: string;
  evidence?: EvidenceRef[];
  recordIds?: string[];
}

export interface ProposeRemovalInput {
  grounds: RemovalGrounds.APPEAL | RemovalGrounds.CREDIT_REPAIR;
  note: string;
  evidence?: EvidenceRef[];
}

export interface CreditEntryFilter {
  kind?: CreditListKind;
  status?: CreditEntryStatus;
  institutionId?: string;
  townshipCode?: string;
}

/** What the public sees of a published entry: nothing more. */
export interface PublicCreditEntry {
  institutionName: string;
  creditCode: string;
  kind: CreditListKind;
  reasonCategory: string;
  reasonCategoryName: string;
  effectiveOn: string;
  expiresOn: string | null;
  townshipCode: string;
}

export type StandingKind = 'BLACK' | 'GREY' | 'WHITE' | 'NONE';

export interface Standing {
  institutionId: string;
  standing: StandingKind;
  effectiveOn: string | null;
  expiresOn: string | null;
}

const STANDING_ORDER: Record<string, number> = { BLACK: 0, GREY: 1, WHITE: 2 };

/** BLACK over GREY over WHITE, or NONE. */
export function standingOf(institutionId: string, published: readonly CreditEntry[]): Standing {
  const best = [...published].sort((a, b) => (STANDING_ORDER[a.kind] ?? 9) - (STANDING_ORDER[b.kind] ?? 9))[0];
  return best
    ? { institutionId, standing: best.kind as StandingKind, effectiveOn: best.effectiveOn, expiresOn: best.expiresOn }
    : { institutionId, standing: 'NONE', effectiveOn: null, expiresOn: null };
}

export function toPublic(e: CreditEntry): PublicCreditEntry {
  return {
    institutionName: e.institutionName,
    creditCode: e.creditCode,
    kind: e.kind,
    reasonCategory: e.reasonCode,
    reasonCategoryName: findCreditReason(e.reasonCode)?.name ?? e.reasonCode,
    effectiveOn: e.effectiveOn ?? '',
    expiresOn: e.expiresOn,
    townshipCode: e.townshipCode,
  };
}

/** The note a rejection or a removal carries: required, trimmed, at most 1,000 characters kept. */
export function requireNote(note: string | null | undefined): string {
  const why = note?.trim();
  if (!why) throw new ValidationFailed([{ path: 'note', message: text('is required', '必须填写') }]);
  return why.slice(0, 1000);
}
