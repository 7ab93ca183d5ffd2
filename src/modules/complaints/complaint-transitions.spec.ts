import { ComplaintStatus } from './complaint.enums';
import { COMPLAINT_COMMAND_FROM, ComplaintCommand, complaintCommandAllowed } from './complaint-transitions';

const { RECEIVED, ACCEPTED, NOT_ACCEPTED, ASSIGNED, INVESTIGATING, REPLIED, CLOSED, UNDER_REVIEW } = ComplaintStatus;

/** The lifecycle as the domain states it, written out independently of the table under test. */
const ALLOWED: Record<ComplaintCommand, ComplaintStatus[]> = {
  accept: [RECEIVED],
  refuse: [RECEIVED],
  assign: [ACCEPTED],
  reassign: [RECEIVED, ACCEPTED, ASSIGNED, INVESTIGATING],
  investigate: [ASSIGNED],
  'reply to': [INVESTIGATING],
  close: [REPLIED],
  reopen: [CLOSED],
  'request a review of': [REPLIED, CLOSED],
  'decide the review of': [UNDER_REVIEW],
};

const commands = Object.keys(ALLOWED) as ComplaintCommand[];
const pairs = commands.flatMap((command) =>
  Object.values(ComplaintStatus).map((status) => [command, status, ALLOWED[command].includes(status)] as const),
);

describe('complaint transitions', () => {
  it('covers every command and no other', () => {
    expect(Object.keys(COMPLAINT_COMMAND_FROM).sort()).toEqual([...commands].sort());
  });

  it.each(pairs.filter(([, , allowed]) => allowed))('"%s" is allowed from %s', (command, status) => {
    expect(complaintCommandAllowed(command, status)).toBe(true);
  });

  it.each(pairs.filter(([, , allowed]) => !allowed))('"%s" is refused from %s', (command, status) => {
    expect(complaintCommandAllowed(command, status)).toBe(false);
  });

  it('leaves NOT_ACCEPTED final', () => {
    expect(commands.filter((command) => complaintCommandAllowed(command, NOT_ACCEPTED))).toEqual([]);
  });

  it('allows re-routing until the reply, never after', () => {
    expect(Object.values(ComplaintStatus).filter((s) => complaintCommandAllowed('reassign', s))).toEqual([
      RECEIVED,
      ACCEPTED,
      ASSIGNED,
      INVESTIGATING,
    ]);
  });
});
