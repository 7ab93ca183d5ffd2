import { Institution, InstitutionStatus } from './entities/institution.entity';

export type Transition = 'approved' | 'rejected' | 'operating' | 'suspended' | 'resumed' | 'deregistered' | 'revoked';

/** Lifecycle commands: allowed source states and the target (APPLIED → APPROVED / REJECTED → OPERATING ⇄ SUSPENDED → DEREGISTERED / REVOKED). */
export const LIFECYCLE: Record<Transition, { command: string; from: InstitutionStatus[]; to: InstitutionStatus }> = {
  approved: { command: 'approveInstitution', from: [InstitutionStatus.APPLIED], to: InstitutionStatus.APPROVED },
  rejected: { command: 'rejectInstitution', from: [InstitutionStatus.APPLIED], to: InstitutionStatus.REJECTED },
  operating: { command: 'startOperating', from: [InstitutionStatus.APPROVED], to: InstitutionStatus.OPERATING },
  suspended: { command: 'suspendInstitution', from: [InstitutionStatus.OPERATING], to: InstitutionStatus.SUSPENDED },
  resumed: { command: 'resumeInstitution', from: [InstitutionStatus.SUSPENDED], to: InstitutionStatus.OPERATING },
  deregistered: {
    command: 'deregisterInstitution',
    from: [InstitutionStatus.APPROVED, InstitutionStatus.OPERATING, InstitutionStatus.SUSPENDED],
    to: InstitutionStatus.DEREGISTERED,
  },
  revoked: {
    command: 'revokeLicence',
    from: [InstitutionStatus.APPROVED, InstitutionStatus.OPERATING, InstitutionStatus.SUSPENDED],
    to: InstitutionStatus.REVOKED,
  },
};

/** States from which a subject institution is converted (压减: convertToNonSubject, convertToNonProfit). */
export const CONVERTIBLE_FROM = [InstitutionStatus.APPROVED, InstitutionStatus.OPERATING, InstitutionStatus.SUSPENDED];

/**
 * States of a live institution: its details and records (premises, staff, courses …) still change, its
 * staff are current, and a for-profit subject institution in one of them is not yet reduced (压减).
 */
export const ACTIVE_STATES: readonly InstitutionStatus[] = [
  InstitutionStatus.APPLIED,
  InstitutionStatus.APPROVED,
  InstitutionStatus.OPERATING,
  InstitutionStatus.SUSPENDED,
];

/** The payload every `registry.institution.*` event carries. */
export function institutionPayload(i: Institution, fromStatus: InstitutionStatus | null, reason: string) {
  return {
    institutionId: i.id,
    creditCode: i.creditCode,
    name: i.name,
    townshipCode: i.townshipCode,
    category: i.category,
    fromStatus,
    toStatus: i.status,
    reason,
  };
}
