import { Conflict, DomainError, NotFound } from '../../platform/errors/domain-error';

export const policyRuleNotFound = (key: string): NotFound =>
  new NotFound(`Policy rule "${key}"`, 'POLICY_RULE_NOT_FOUND');

export const policyChangeNotFound = (id: string): NotFound =>
  new NotFound(`Policy change ${id}`, 'POLICY_CHANGE_NOT_FOUND');

/** Outside the bounds the national rule allows, or looser than it; the message names the bound and the source. */
export const policyValueOutOfBounds = (message: string): DomainError =>
  new DomainError('POLICY_VALUE_OUT_OF_BOUNDS', message, 400, [{ path: 'value', message }]);

export const policyValueInvalid = (key: string, expected: string): DomainError =>
  new DomainError('POLICY_VALUE_INVALID', `${key} takes ${expected}`, 400, [
    { path: 'value', message: `must be ${expected}` },
  ]);

/** A change may not take effect before the day it is decided. */
export const policyEffectiveDateInPast = (effectiveOn: string, today: string): DomainError =>
  new DomainError(
    'POLICY_EFFECTIVE_DATE_PAST',
    `effectiveOn ${effectiveOn} is before today (${today}); a rule changes from today or later`,
    400,
    [{ path: 'effectiveOn', message: `must be ${today} or later` }],
  );

export const policyChangeStateConflict = (status: string, wanted: string): Conflict =>
  new Conflict('POLICY_CHANGE_STATE_CONFLICT', `The change is ${status}; it cannot be ${wanted}`);
