import { CreditEntryStatus } from './entities/credit-entry.entity';

/** The two-step commands on a list entry, by the past participle a refusal names. */
export type EntryCommand =
  'approved' | 'rejected' | 'proposed for removal' | 'removed' | 'kept after a removal proposal';

/**
 * The status each command needs: PROPOSED → PUBLISHED (approved) or REJECTED; PUBLISHED → REMOVAL_PROPOSED →
 * REMOVED, or back to PUBLISHED when the removal is refused. Any other status refuses the command with
 * CREDIT_ENTRY_STATE_CONFLICT. (Expiry takes PUBLISHED_STATUSES to EXPIRED; see supersededStatus for
 * blacklisting.)
 */
export const ENTRY_COMMAND_FROM: Record<EntryCommand, CreditEntryStatus> = {
  approved: CreditEntryStatus.PROPOSED,
  rejected: CreditEntryStatus.PROPOSED,
  'proposed for removal': CreditEntryStatus.PUBLISHED,
  removed: CreditEntryStatus.REMOVAL_PROPOSED,
  'kept after a removal proposal': CreditEntryStatus.REMOVAL_PROPOSED,
};

/** Whether an entry in `status` accepts `command`. */
export function entryCommandAllowed(command: EntryCommand, status: CreditEntryStatus): boolean {
  return ENTRY_COMMAND_FROM[command] === status;
}

/** Where a white or grey entry goes when the institution is blacklisted: a proposal is rejected, a listing removed. */
export function supersededStatus(status: CreditEntryStatus): CreditEntryStatus.REJECTED | CreditEntryStatus.REMOVED {
  return status === CreditEntryStatus.PROPOSED ? CreditEntryStatus.REJECTED : CreditEntryStatus.REMOVED;
}
