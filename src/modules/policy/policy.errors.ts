import { Conflict, DomainError, NotFound } from '../../platform/errors/domain-error';
import { Text, text } from '../../platform/i18n/text';

export const policyRuleNotFound = (key: string): NotFound =>
  new NotFound(text(`Policy rule "${key}"`, `政策规则“${key}”`), 'POLICY_RULE_NOT_FOUND');

export const policyChangeNotFound = (id: string): NotFound =>
  new NotFound(text(`Policy change ${id}`, `政策规则变更 ${id}`), 'POLICY_CHANGE_NOT_FOUND');

/** Outside the bounds the national rule allows, or looser than it; the message names the bound and the source. */
export const policyValueOutOfBounds = (message: Text): DomainError =>
  new DomainError('POLICY_VALUE_OUT_OF_BOUNDS', message, 400, [{ path: 'value', message }]);

/** `expected` says what the rule takes ("a whole number", "a time HH:MM" …). */
export const policyValueInvalid = (key: string, expected: Text): DomainError =>
  new DomainError('POLICY_VALUE_INVALID', text(`${key} takes ${expected.en}`, `${key} 的取值须为${expected.zh}`), 400, [
    { path: 'value', message: text(`must be ${expected.en}`, `须为${expected.zh}`) },
  ]);

/** A change may not take effect before the day it is decided. */
export const policyEffectiveDateInPast = (effectiveOn: string, today: string): DomainError =>
  new DomainError(
    'POLICY_EFFECTIVE_DATE_PAST',
    text(
      `effectiveOn ${effectiveOn} is before today (${today}); a rule changes from today or later`,
      `生效日期 ${effectiveOn} 早于今天（${today}）；规则只能从今天或以后生效`,
    ),
    400,
    [{ path: 'effectiveOn', message: text(`must be ${today} or later`, `须为 ${today} 或之后`) }],
  );

const DECISIONS: Record<string, string> = { approved: '批准', rejected: '驳回', withdrawn: '撤回' };

export const policyChangeStateConflict = (status: string, wanted: string): Conflict =>
  new Conflict(
    'POLICY_CHANGE_STATE_CONFLICT',
    text(
      `The change is ${status}; it cannot be ${wanted}`,
      `该变更状态为 ${status}，不能${DECISIONS[wanted] ?? wanted}`,
    ),
  );
