import { Conflict, DomainError, NotFound } from '../../platform/errors/domain-error';

export const taskNotFound = (id: string): NotFound => new NotFound(`Supervision task ${id}`, 'TASK_NOT_FOUND');
export const findingNotFound = (id: string): NotFound => new NotFound(`Finding ${id}`, 'FINDING_NOT_FOUND');
export const orderNotFound = (id: string): NotFound =>
  new NotFound(`Rectification order ${id}`, 'RECTIFICATION_ORDER_NOT_FOUND');
export const campaignNotFound = (id: string): NotFound => new NotFound(`Campaign ${id}`, 'CAMPAIGN_NOT_FOUND');
export const reportNotFound = (id: string): NotFound => new NotFound(`Report ${id}`, 'REPORT_NOT_FOUND');

/** A lifecycle command the task's current state does not allow; the message names the state. */
export const illegalTaskTransition = (current: string, command: string): Conflict =>
  new Conflict('ILLEGAL_TASK_TRANSITION', `The task is ${current}; it cannot be ${command}`);

export const orderAlreadyCompleted = (id: string): Conflict =>
  new Conflict('RECTIFICATION_ORDER_COMPLETED', `Rectification order ${id} is already completed`);

/** An assignee who is not an active inspector or officer of the task's departments, nor a township officer of its township. */
export const invalidAssignee = (message: string): DomainError =>
  new DomainError('INVALID_ASSIGNEE', message, 400, [{ path: 'assigneeIds', message }]);
