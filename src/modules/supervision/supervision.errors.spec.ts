import { Conflict, DomainError } from '../../platform/errors/domain-error';
import { illegalTaskTransition, invalidAssignee } from './supervision.errors';

describe('supervision errors', () => {
  it('illegalTaskTransition is a 409 ILLEGAL_TASK_TRANSITION naming the current state and the command', () => {
    const error = illegalTaskTransition('CLOSED', 'started');
    expect(error).toBeInstanceOf(Conflict);
    expect(error).toMatchObject({
      code: 'ILLEGAL_TASK_TRANSITION',
      status: 409,
      message: 'The task is CLOSED; it cannot be started',
    });
  });

  it('invalidAssignee is a 400 INVALID_ASSIGNEE with the message as the problem of assigneeIds', () => {
    const error = invalidAssignee('At most 50 assignees');
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'INVALID_ASSIGNEE',
      status: 400,
      message: 'At most 50 assignees',
      errors: [{ path: 'assigneeIds', message: 'At most 50 assignees' }],
    });
  });
});
