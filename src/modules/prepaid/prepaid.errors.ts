import {
  Conflict,
  DomainError,
  FieldProblem,
  Forbidden,
  NotFound,
  TooManyRequests,
} from '../../platform/errors/domain-error';

export const contractNotFound = (id: string): NotFound =>
  new NotFound(`Prepaid contract ${id}`, 'PREPAID_CONTRACT_NOT_FOUND');
export const lessonNotFound = (id: string): NotFound => new NotFound(`Lesson record ${id}`, 'PREPAID_LESSON_NOT_FOUND');
/** One answer for an unknown code and a wrong second factor: a lookup tells nothing about which was wrong. */
export const contractCodeNotFound = (): NotFound =>
  new NotFound('A contract with this code and phone digits', 'PREPAID_CONTRACT_CODE_NOT_FOUND');
export const notContractWriter = (): Forbidden =>
  new Forbidden(
    "Contracts and lessons are registered by the institution's own administrator, or on its behalf by the county office or an EDU officer of the institution's competent department",
  );
export const chargeOverCap = (problems: FieldProblem[]): DomainError =>
  new DomainError(
    'PREPAID_CHARGE_OVER_CAP',
    `One charge (top-ups included) is over the prepaid limits: ${problems.map((p) => p.message).join('; ')}`,
    400,
    problems,
  );
export const loanRefused = (): DomainError =>
  new DomainError('PREPAID_LOAN_REFUSED', 'Training fees may not be paid by a loan (培训贷)', 400, [
    { path: 'paymentMethod', message: 'LOAN is not allowed' },
  ]);
export const courseNotAllowed = (reason: string): DomainError =>
  new DomainError('PREPAID_COURSE_NOT_ALLOWED', reason, 400, [{ path: 'courseId', message: reason }]);
export const institutionNotOperating = (status: string): Conflict =>
  new Conflict(
    'PREPAID_INSTITUTION_NOT_OPERATING',
    `Prepaid contracts are registered for an operating institution, not one that is ${status}`,
  );
export const paymentRouteUnavailable = (message: string): Conflict =>
  new Conflict('PREPAID_PAYMENT_ROUTE_UNAVAILABLE', message);
export const contractNotActive = (status: string): Conflict =>
  new Conflict('PREPAID_CONTRACT_NOT_ACTIVE', `The contract is ${status}; lessons are recorded on an ACTIVE contract`);
export const lessonsExceedBought = (left: number, asked: number): DomainError =>
  new DomainError(
    'PREPAID_LESSONS_EXCEED_BOUGHT',
    `${asked} lesson(s) asked but only ${left} of the lessons bought are not yet recorded`,
    400,
    [{ path: 'lessons', message: `must be at most ${left}` }],
  );
export const lessonDateRefused = (message: string): DomainError =>
  new DomainError('PREPAID_LESSON_DATE_REFUSED', message, 400, [{ path: 'taughtOn', message }]);
export const lessonNotPending = (id: string, status: string): Conflict =>
  new Conflict('PREPAID_LESSON_NOT_PENDING', `Lesson record ${id} is ${status}; only a PENDING one can be answered`);

/** Too many parent look-ups from one client address, or too many wrong answers for one contract code. */
export const tooManyParentAttempts = (retryAfterSeconds: number): TooManyRequests =>
  new TooManyRequests(
    'TOO_MANY_REQUESTS',
    `Too many contract look-ups; retry after ${retryAfterSeconds} s`,
    retryAfterSeconds,
  );
