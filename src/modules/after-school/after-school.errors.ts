import { Conflict, DomainError, NotFound, ValidationFailed } from '../../platform/errors/domain-error';
import { Text, joinTexts, text } from '../../platform/i18n/text';

export const planNotFound = (id: string): NotFound =>
  new NotFound(text(`After-school plan ${id}`, `课后服务方案 ${id}`), 'AFTER_SCHOOL_PLAN_NOT_FOUND');
export const feeStandardNotFound = (code: string): NotFound =>
  new NotFound(text(`Fee standard ${code}`, `收费标准 ${code}`), 'FEE_STANDARD_NOT_FOUND');
export const feeStandardExists = (code: string): Conflict =>
  new Conflict(
    'FEE_STANDARD_EXISTS',
    text(`A fee standard with code ${code} already exists`, `代码为 ${code} 的收费标准已存在`),
  );
export const homeworkNotPublished = (): NotFound =>
  new NotFound(text('Homework publication of that class and day', '该班级当天的作业公示'), 'HOMEWORK_NOT_FOUND');

/** The plan breaks the 5×2 or end-time rule; each broken rule is in `errors`. */
export const planRulesBroken = (problems: Text[]): DomainError =>
  new DomainError(
    'PLAN_RULES_BROKEN',
    text(
      `The plan breaks the after-school service rules: ${joinTexts(problems).en}`,
      `方案不符合课后服务规定：${joinTexts(problems).zh}`,
    ),
    400,
    problems.map((message) => ({ path: 'timeSlots', message })),
  );

const PLAN_ACTIONS = {
  changed: '修改',
  submitted: '提交',
  approved: '批准',
  returned: '退回',
} as const;

export const planNotEditable = (status: string, action: keyof typeof PLAN_ACTIONS): Conflict =>
  new Conflict(
    'PLAN_STATUS_CONFLICT',
    text(`A plan in status ${status} cannot be ${action}`, `状态为 ${status} 的方案不能${PLAN_ACTIONS[action]}`),
  );

export const staffRejected = (message: Text): DomainError =>
  new DomainError('PLAN_STAFF_REJECTED', message, 400, [{ path: 'staff', message }]);

/** One field of the input is wrong: VALIDATION_FAILED with the problem as the message too. */
export const invalidAfterSchoolInput = (path: string, message: Text): ValidationFailed =>
  new ValidationFailed([{ path, message }], message);
