import { ENTRY_COMMAND_FROM, EntryCommand, entryCommandAllowed, supersededStatus } from './credit-entry-transitions';
import { ACTIVE_ENTRY_STATUSES, CreditEntryStatus, PUBLISHED_STATUSES } from './entities/credit-entry.entity';

const { PROPOSED, PUBLISHED, REJECTED, REMOVAL_PROPOSED, REMOVED, EXPIRED } = CreditEntryStatus;

/** The two-step workflow as the domain states it, written out independently of the table under test. */
const ALLOWED: Record<EntryCommand, CreditEntryStatus> = {
  approved: PROPOSED,
  rejected: PROPOSED,
  'proposed for removal': PUBLISHED,
  removed: REMOVAL_PROPOSED,
  'kept after a removal proposal': REMOVAL_PROPOSED,
};

const commands = Object.keys(ALLOWED) as EntryCommand[];
const pairs = commands.flatMap((command) =>
  Object.values(CreditEntryStatus).map((status) => [command, status, ALLOWED[command] === status] as const),
);

describe('credit list entry transitions', () => {
  it('covers every command and no other', () => {
    expect(Object.keys(ENTRY_COMMAND_FROM).sort()).toEqual([...commands].sort());
  });

  it.each(pairs.filter(([, , allowed]) => allowed))('"%s" is allowed from %s', (command, status) => {
    expect(entryCommandAllowed(command, status)).toBe(true);
  });

  it.each(pairs.filter(([, , allowed]) => !allowed))('"%s" is refused from %s', (command, status) => {
    expect(entryCommandAllowed(command, status)).toBe(false);
  });

  it('leaves REJECTED, REMOVED and EXPIRED final', () => {
    for (const status of [REJECTED, REMOVED, EXPIRED])
      expect(commands.filter((c) => entryCommandAllowed(c, status))).toEqual([]);
  });

  it('expires published entries, also those with a removal pending, and nothing else', () => {
    expect([...PUBLISHED_STATUSES].sort()).toEqual([PUBLISHED, REMOVAL_PROPOSED].sort());
  });

  it('counts proposals, listings and pending removals as active (one per kind and institution)', () => {
    expect([...ACTIVE_ENTRY_STATUSES].sort()).toEqual([PROPOSED, PUBLISHED, REMOVAL_PROPOSED].sort());
  });

  it('on blacklisting, rejects a pending proposal and removes a listing', () => {
    expect(supersededStatus(PROPOSED)).toBe(REJECTED);
    expect(supersededStatus(PUBLISHED)).toBe(REMOVED);
    expect(supersededStatus(REMOVAL_PROPOSED)).toBe(REMOVED);
  });
});
