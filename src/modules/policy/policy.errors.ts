import { Conflict, DomainError, NotFound } from '../../platform/errors/domain-error';

export class PolicyRuleNotFound extends NotFound {
  constructor(key: string) {
    super(`Policy rule "${key}"`, 'POLICY_RULE_NOT_FOUND');
  }
}

export class PolicyChangeNotFound extends NotFound {
  constructor(id: string) {
    super(`Policy change ${id}`, 'POLICY_CHANGE_NOT_FOUND');
  }
}

/** Outside the bounds the national rule allows, or looser than it; the message names the bound and the source. */
export class PolicyValueOutOfBounds extends DomainError {
  constructor(message: string) {
    super('POLICY_VALUE_OUT_OF_BOUNDS', message, 400, [{ path: 'value', message }]);
  }
}

export class PolicyValueInvalid extends DomainError {
  constructor(key: string, expected: string) {
    super('POLICY_VALUE_INVALID', `${key} takes ${expected}`, 400, [{ path: 'value', message: `must be ${expected}` }]);
  }
}

/** A change may not take effect before the day it is decided. */
export class PolicyEffectiveDateInPast extends DomainError {
  constructor(effectiveOn: string, today: string) {
    super(
      'POLICY_EFFECTIVE_DATE_PAST',
      `effectiveOn ${effectiveOn} is before today (${today}); a rule changes from today or later`,
      400,
      [{ path: 'effectiveOn', message: `must be ${today} or later` }],
    );
  }
}

export class PolicyChangeStateConflict extends Conflict {
  constructor(status: string, wanted: string) {
    super('POLICY_CHANGE_STATE_CONFLICT', `The change is ${status}; it cannot be ${wanted}`);
  }
}

/** Deciding one's own proposal: the two-step rule needs a second county administrator. */
export { SelfApprovalForbidden } from '../../platform/errors/domain-error';
