import {
  Conflict,
  DomainError,
  FieldProblem,
  Forbidden,
  NotFound,
  TooManyRequests,
} from '../../platform/errors/domain-error';
import { Text, joinTexts, text } from '../../platform/i18n/text';

export const contractNotFound = (id: string): NotFound =>
  new NotFound(text(`Prepaid contract ${id}`, `预付费合同 ${id}`), 'PREPAID_CONTRACT_NOT_FOUND');
export const lessonNotFound = (id: string): NotFound =>
  new NotFound(text(`Lesson record ${id}`, `课消记录 ${id}`), 'PREPAID_LESSON_NOT_FOUND');
/** One answer for an unknown code and a wrong second factor: a lookup tells nothing about which was wrong. */
export const contractCodeNotFound = (): NotFound =>
  new NotFound(
    text('A contract with this code and phone digits', '与该合同编号及手机号码后几位相符的合同'),
    'PREPAID_CONTRACT_CODE_NOT_FOUND',
  );
export const notContractWriter = (): Forbidden =>
  new Forbidden(
    text(
      "Contracts and lessons are registered by the institution's own administrator, or on its behalf by the county office or an EDU officer of the institution's competent department",
      '合同和课消记录由机构管理员登记，或由县级管理部门、机构主管教育部门的工作人员代为登记',
    ),
  );
export const chargeOverCap = (problems: FieldProblem[]): DomainError =>
  new DomainError(
    'PREPAID_CHARGE_OVER_CAP',
    text(
      `One charge (top-ups included) is over the prepaid limits: ${joinTexts(problems.map((p) => p.message)).en}`,
      `单笔收费（含续费）超出预付费上限：${joinTexts(problems.map((p) => p.message)).zh}`,
    ),
    400,
    problems,
  );
export const loanRefused = (): DomainError =>
  new DomainError(
    'PREPAID_LOAN_REFUSED',
    text('Training fees may not be paid by a loan (培训贷)', '培训费不得以贷款方式（培训贷）支付'),
    400,
    [{ path: 'paymentMethod', message: text('LOAN is not allowed', '不允许使用 LOAN（贷款）') }],
  );
export const courseNotAllowed = (reason: Text): DomainError =>
  new DomainError('PREPAID_COURSE_NOT_ALLOWED', reason, 400, [{ path: 'courseId', message: reason }]);
export const institutionNotOperating = (status: string): Conflict =>
  new Conflict(
    'PREPAID_INSTITUTION_NOT_OPERATING',
    text(
      `Prepaid contracts are registered for an operating institution, not one that is ${status}`,
      `只能为正在营业的机构登记预付费合同，该机构状态为 ${status}`,
    ),
  );
export const paymentRouteUnavailable = (message: Text): Conflict =>
  new Conflict('PREPAID_PAYMENT_ROUTE_UNAVAILABLE', message);
export const contractNotActive = (status: string): Conflict =>
  new Conflict(
    'PREPAID_CONTRACT_NOT_ACTIVE',
    text(
      `The contract is ${status}; lessons are recorded on an ACTIVE contract`,
      `该合同状态为 ${status}；只能在 ACTIVE 状态的合同上记录课消`,
    ),
  );
export const lessonsExceedBought = (left: number, asked: number): DomainError =>
  new DomainError(
    'PREPAID_LESSONS_EXCEED_BOUGHT',
    text(
      `${asked} lesson(s) asked but only ${left} of the lessons bought are not yet recorded`,
      `申请记录 ${asked} 课时，但所购课时中尚未消课的只有 ${left} 课时`,
    ),
    400,
    [{ path: 'lessons', message: text(`must be at most ${left}`, `不能超过 ${left}`) }],
  );
export const lessonDateRefused = (message: Text): DomainError =>
  new DomainError('PREPAID_LESSON_DATE_REFUSED', message, 400, [{ path: 'taughtOn', message }]);
export const lessonNotPending = (id: string, status: string): Conflict =>
  new Conflict(
    'PREPAID_LESSON_NOT_PENDING',
    text(
      `Lesson record ${id} is ${status}; only a PENDING one can be answered`,
      `课消记录 ${id} 状态为 ${status}；只有 PENDING（待确认）的记录可以确认或提出异议`,
    ),
  );

/** Too many parent look-ups from one client address, or too many wrong answers for one contract code. */
export const tooManyParentAttempts = (retryAfterSeconds: number): TooManyRequests =>
  new TooManyRequests(
    'TOO_MANY_REQUESTS',
    text(
      `Too many contract look-ups; retry after ${retryAfterSeconds} s`,
      `合同查询过于频繁，请 ${retryAfterSeconds} 秒后重试`,
    ),
    retryAfterSeconds,
  );
