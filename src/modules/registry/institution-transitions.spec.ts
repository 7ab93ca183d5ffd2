import { InstitutionStatus } from './entities/institution.entity';
import { LIFECYCLE } from './institution-transitions';

const { APPLIED, APPROVED, REJECTED, OPERATING, SUSPENDED, DEREGISTERED, REVOKED } = InstitutionStatus;
type Transition = keyof typeof LIFECYCLE;

/** The licensing lifecycle as the domain states it, written out independently of the table under test. */
const EXPECTED: Record<Transition, { command: string; from: InstitutionStatus[]; to: InstitutionStatus }> = {
  approved: { command: 'approveInstitution', from: [APPLIED], to: APPROVED },
  rejected: { command: 'rejectInstitution', from: [APPLIED], to: REJECTED },
  operating: { command: 'startOperating', from: [APPROVED], to: OPERATING },
  suspended: { command: 'suspendInstitution', from: [OPERATING], to: SUSPENDED },
  resumed: { command: 'resumeInstitution', from: [SUSPENDED], to: OPERATING },
  deregistered: { command: 'deregisterInstitution', from: [APPROVED, OPERATING, SUSPENDED], to: DEREGISTERED },
  revoked: { command: 'revokeLicence', from: [APPROVED, OPERATING, SUSPENDED], to: REVOKED },
};

const transitions = Object.keys(EXPECTED) as Transition[];
const allowed = (t: Transition, status: InstitutionStatus) => LIFECYCLE[t].from.includes(status);
const pairs = transitions.flatMap((t) =>
  Object.values(InstitutionStatus).map((status) => [t, status, EXPECTED[t].from.includes(status)] as const),
);

describe('institution lifecycle', () => {
  it('has exactly these transitions, each named after its GraphQL mutation', () => {
    expect(Object.keys(LIFECYCLE).sort()).toEqual([...transitions].sort());
    for (const t of transitions)
      expect({ command: LIFECYCLE[t].command, to: LIFECYCLE[t].to }).toEqual({
        command: EXPECTED[t].command,
        to: EXPECTED[t].to,
      });
  });

  it.each(pairs.filter(([, , ok]) => ok))('%s is allowed from %s', (t, status) => {
    expect(allowed(t, status)).toBe(true);
  });

  it.each(pairs.filter(([, , ok]) => !ok))('%s is refused from %s', (t, status) => {
    expect(allowed(t, status)).toBe(false);
  });

  it('leaves REJECTED, DEREGISTERED and REVOKED final', () => {
    for (const status of [REJECTED, DEREGISTERED, REVOKED])
      expect(transitions.filter((t) => allowed(t, status))).toEqual([]);
  });

  it('never leaves a transition where it started', () => {
    for (const t of transitions) expect(LIFECYCLE[t].from).not.toContain(LIFECYCLE[t].to);
  });
});
