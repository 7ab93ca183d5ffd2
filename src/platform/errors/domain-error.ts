/**
 * A typed error a user can act on. `code` is stable (front ends and banks branch on it) and becomes
 * GraphQL `extensions.code` and the problem+json `code`; `status` is the HTTP status for REST.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly errors?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationFailed extends DomainError {
  constructor(errors: FieldProblem[], message = 'The input is not valid') {
    super('VALIDATION_FAILED', message, 400, errors);
  }
}

export class NotFound extends DomainError {
  constructor(what: string, code = 'NOT_FOUND') {
    super(code, `${what} not found`, 404);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'You are not allowed to do this', code = 'FORBIDDEN') {
    super(code, message, 403);
  }
}

export class Conflict extends DomainError {
  constructor(code: string, message: string) {
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
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message, 429);
  }
}

export class ServiceUnavailable extends DomainError {
  constructor(message = 'The service is temporarily unavailable; retry later') {
    super('SERVICE_UNAVAILABLE', message, 503);
  }
}

/** Deciding one's own proposal (policy changes, list entries): a two-step rule needs a second person. */
export class SelfApprovalForbidden extends Forbidden {
  constructor() {
    super('A proposal must be decided by someone other than its proposer', 'SELF_APPROVAL_FORBIDDEN');
  }
}
