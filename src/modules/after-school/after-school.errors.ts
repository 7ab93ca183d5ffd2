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
export class PlanRulesBroken extends DomainError {
  constructor(problems: string[]) {
    super(
      'PLAN_RULES_BROKEN',
      `The plan breaks the after-school service rules: ${problems.join('; ')}`,
      400,
      problems.map((message) => ({ path: 'timeSlots', message })),
    );
  }
}

export class PlanNotEditable extends Conflict {
  constructor(status: string, action: string) {
    super('PLAN_STATUS_CONFLICT', `A plan in status ${status} cannot be ${action}`);
  }
}

export class StaffRejected extends DomainError {
  constructor(message: string) {
    super('PLAN_STAFF_REJECTED', message, 400, [{ path: 'staff', message }]);
  }
}

export class InvalidAfterSchoolInput extends ValidationFailed {
  constructor(path: string, message: string) {
    super([{ path, message }], message);
  }
}
