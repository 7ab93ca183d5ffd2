import { TaskStatus } from './supervision.enums';
import { TASK_COMMAND_FROM, TaskCommand, taskCommandAllowed } from './task-transitions';

const { ASSIGNED, IN_PROGRESS, SUBMITTED, ACCEPTED, RETURNED, CLOSED, CANCELLED } = TaskStatus;

/** The lifecycle as the domain states it, written out independently of the table under test. */
const ALLOWED: Record<TaskCommand, TaskStatus[]> = {
  assigned: [ASSIGNED, IN_PROGRESS, RETURNED],
  started: [ASSIGNED, RETURNED],
  submitted: [IN_PROGRESS],
  accepted: [SUBMITTED],
  returned: [SUBMITTED],
  closed: [ACCEPTED],
  cancelled: [ASSIGNED, IN_PROGRESS, SUBMITTED, RETURNED, ACCEPTED],
};

const commands = Object.keys(ALLOWED) as TaskCommand[];
const pairs = commands.flatMap((command) =>
  Object.values(TaskStatus).map((status) => [command, status, ALLOWED[command].includes(status)] as const),
);

describe('supervision task transitions', () => {
  it('covers every command and no other', () => {
    expect(Object.keys(TASK_COMMAND_FROM).sort()).toEqual([...commands].sort());
  });

  it.each(pairs.filter(([, , allowed]) => allowed))('%s is allowed from %s', (command, status) => {
    expect(taskCommandAllowed(command, status)).toBe(true);
  });

  it.each(pairs.filter(([, , allowed]) => !allowed))('%s is refused from %s', (command, status) => {
    expect(taskCommandAllowed(command, status)).toBe(false);
  });

  it('leaves CLOSED and CANCELLED final: no command starts from them', () => {
    for (const command of commands) {
      expect(taskCommandAllowed(command, CLOSED)).toBe(false);
      expect(taskCommandAllowed(command, CANCELLED)).toBe(false);
    }
  });

  it('sends a RETURNED task back to work, not straight to submission', () => {
    expect(taskCommandAllowed('started', RETURNED)).toBe(true);
    expect(taskCommandAllowed('submitted', RETURNED)).toBe(false);
  });
});
