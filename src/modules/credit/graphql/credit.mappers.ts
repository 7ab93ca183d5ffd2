import { findCreditReason } from '../data/credit-reasons';
import { CreditEntry } from '../entities/credit-entry.entity';
import { CreditEvidenceKind, CreditRecord, EvidenceRef } from '../entities/credit-record.entity';
import { CreditEntryObject, CreditRecordObject, EvidenceObject } from './credit.objects';

const KINDS = new Set<string>(Object.values(CreditEvidenceKind));

/** Evidence as GraphQL shows it: a kind stored before the set was closed shows as OTHER. */
const evidence = (list: EvidenceRef[] | null | undefined): EvidenceObject[] =>
  (list ?? []).map((e) => ({
    kind: KINDS.has(e.kind) ? (e.kind as CreditEvidenceKind) : CreditEvidenceKind.OTHER,
    reference: e.reference,
    note: e.note ?? null,
  }));

export const recordObject = (r: CreditRecord): CreditRecordObject => ({
  id: r.id,
  institutionId: r.institutionId,
  staffId: r.staffId,
  townshipCode: r.townshipCode,
  kind: r.kind,
  source: r.source,
  severity: r.severity,
  summary: r.summary,
  evidence: evidence(r.evidence),
  occurredOn: r.occurredOn,
  sourceReference: r.sourceReference,
  status: r.status,
  revokeReason: r.revokeReason,
  revokedAt: r.revokedAt,
  revokedBy: r.revokedByName,
  createdBy: r.createdByName,
  createdAt: r.createdAt,
});

export const entryObject = (e: CreditEntry): CreditEntryObject => ({
  id: e.id,
  institutionId: e.institutionId,
  institutionName: e.institutionName,
  creditCode: e.creditCode,
  townshipCode: e.townshipCode,
  kind: e.kind,
  reasonCategory: e.reasonCode,
  reasonCategoryName: findCreditReason(e.reasonCode)?.name ?? e.reasonCode,
  reason: e.reason,
  evidence: evidence(e.evidence),
  recordIds: e.recordIds,
  status: e.status,
  effectiveOn: e.effectiveOn,
  expiresOn: e.expiresOn,
  proposedBy: e.proposedByName,
  proposedAt: e.proposedAt,
  decidedBy: e.decidedByName,
  decidedAt: e.decidedAt,
  decisionNote: e.decisionNote,
  removalGrounds: e.removalGrounds,
  removalNote: e.removalNote,
  removalEvidence: evidence(e.removalEvidence),
  removalProposedBy: e.removalProposedByName,
  removalDecidedBy: e.removalDecidedByName,
  removalDecidedAt: e.removalDecidedAt,
  endedAt: e.endedAt,
});
