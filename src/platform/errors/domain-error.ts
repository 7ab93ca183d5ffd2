import { Text, text } from '../i18n/text';

/**
 * A typed error a user can act on. `code` is stable (front ends and banks branch on it) and becomes
 * GraphQL `extensions.code` and the problem+json `code`; `status` is the HTTP status for REST. The
 * message is a Text (Chinese and English, ADR 0021): the answer carries the request's language;
 * `Error.message` is the English one (logs, stack traces).
 */
export interface FieldProblem {
  path: string;
  message: Text;
}

/** A field problem as it is answered: its message in one language. */
export interface FieldProblemOut {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly text: Text,
    readonly status = 400,
    readonly errors?: FieldProblem[],
  ) {
    super(text.en);
    this.name = 'DomainError';
  }
}

export const INPUT_NOT_VALID = text('The input is not valid', '输入的内容不符合要求');

export class ValidationFailed extends DomainError {
  constructor(errors: FieldProblem[], message: Text = INPUT_NOT_VALID) {
    super('VALIDATION_FAILED', message, 400, errors);
  }
}

export class NotFound extends DomainError {
  /** `what` names the thing looked for: "Course 42" / "课程 42" → "Course 42 not found" / "未找到课程 42". */
  constructor(what: Text, code = 'NOT_FOUND') {
    super(code, text(`${what.en} not found`, `未找到${what.zh}`), 404);
  }
}

export class Forbidden extends DomainError {
  constructor(message: Text = text('You are not allowed to do this', '您无权进行此操作'), code = 'FORBIDDEN') {
    super(code, message, 403);
  }
}

export class Conflict extends DomainError {
  constructor(code: string, message: Text) {
    super(code, message, 409);
  }
}

/**
 * Throttled (429). `retryAfterSeconds` stays on the error (not only in its message) so a caller can answer
 * a Retry-After header or tell the user when to try again.
 */
export class TooManyRequests extends DomainError {
  constructor(
    code: string,
    message: Text,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message, 429);
  }
}

export const SERVICE_UNAVAILABLE = text(
  'The service is temporarily unavailable; retry later',
  '服务暂时不可用，请稍后重试',
);

export class ServiceUnavailable extends DomainError {
  constructor(message: Text = SERVICE_UNAVAILABLE) {
    super('SERVICE_UNAVAILABLE', message, 503);
  }
}

/** Deciding one's own proposal (policy changes, list entries): a two-step rule needs a second person. */
export class SelfApprovalForbidden extends Forbidden {
  constructor() {
    super(
      text('A proposal must be decided by someone other than its proposer', '提议须由提议人以外的人员审定'),
      'SELF_APPROVAL_FORBIDDEN',
    );
  }
}
