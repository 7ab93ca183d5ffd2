import { Conflict, DomainError, NotFound, ValidationFailed } from '../../platform/errors/domain-error';

export const planNotFound = (id: string): NotFound =>
  new NotFound(`After-school plan ${id}`, 'AFTER_SCHOOL_PLAN_NOT_FOUND');
export const feeStandardNotFound = (code: string): NotFound =>
  new NotFound(`Fee standard ${code}`, 'FEE_STANDARD_NOT_FOUND');
export const feeStandardExists = (code: string): Conflict =>
  new Conflict('FEE_STANDARD_EXISTS', `A fee standard with code ${code} already exists`);
export const homeworkNotPublished = (): NotFound =>
  new NotFound('Homework publication of that class and day', 'HOMEWORK_NOT_FOUND');

/** The plan breaks the 5×2 or end-time rule; each broken rule is in `errors`. */
export const planRulesBroken = (problems: string[]): DomainError =>
  new DomainError(
    'PLAN_RULES_BROKEN',
    `The plan breaks the after-school service rules: ${problems.join('; ')}`,
    400,
    problems.map((message) => ({ path: 'timeSlots', message })),
  );

export const planNotEditable = (status: string, action: string): Conflict =>
  new Conflict('PLAN_STATUS_CONFLICT', `A plan in status ${status} cannot be ${action}`);

export const staffRejected = (message: string): DomainError =>
  new DomainError('PLAN_STAFF_REJECTED', message, 400, [{ path: 'staff', message }]);

/** One field of the input is wrong: VALIDATION_FAILED with the problem as the message too. */
export const invalidAfterSchoolInput = (path: string, message: string): ValidationFailed =>
  new ValidationFailed([{ path, message }], message);
