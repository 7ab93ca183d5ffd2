import { Conflict, DomainError } from '../../platform/errors/domain-error';
import { illegalTaskTransition, invalidAssignee } from './supervision.errors';
import { text } from '../../platform/i18n/text';

describe('supervision errors', () => {
  it('illegalTaskTransition is a 409 ILLEGAL_TASK_TRANSITION naming the current state and the command', () => {
    const error = illegalTaskTransition('CLOSED', 'started');
    expect(error).toBeInstanceOf(Conflict);
    expect(error).toMatchObject({
      code: 'ILLEGAL_TASK_TRANSITION',
      status: 409,
      message: 'The task is CLOSED; it cannot be started',
      text: { en: 'The task is CLOSED; it cannot be started', zh: '该督导任务状态为 CLOSED，不能开始' },
    });
  });

  it('invalidAssignee is a 400 INVALID_ASSIGNEE with the message as the problem of assigneeIds', () => {
    const message = text('At most 50 assignees', '承办人最多 50 个');
    const error = invalidAssignee(message);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'INVALID_ASSIGNEE',
      status: 400,
      message: 'At most 50 assignees',
      text: message,
      errors: [{ path: 'assigneeIds', message }],
    });
  });
});
