import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, FieldProblem } from '../errors/domain-error';

/**
 * The problem `type` of every error: RFC 9457's `about:blank` (§4.2.1), which says "no more than the
 * HTTP status" — `title` is then the status phrase, as here. The specific, stable meaning travels in
 * the `code` member (documented per route in the OpenAPI documents and docs/bank-api.md), so there is
 * one place that names codes and no URI that resolves nowhere.
 */
export const PROBLEM_TYPE = 'about:blank';

/** RFC 9457 problem details, plus the stable `code` and field `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldProblem[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function problem(status: number, code: string, detail: string, errors?: FieldProblem[]): Problem {
  return {
    type: PROBLEM_TYPE,
    title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors?.length ? { errors } : {}),
  };
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** True when the error means the database (or another backend) cannot be reached right now. */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  // TypeORM releases a transaction's connection when the server terminates it; the transaction's next query then throws this.
  if (error.name === 'QueryRunnerProviderAlreadyReleasedError') return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(
    error.message,
  );
}

/**
 * Maps anything thrown to a problem. Only DomainErrors and framework HTTP errors reveal their message;
 * everything else is a generic 500 (the details go to the log, never to the client).
 */
export function toProblem(exception: unknown): Problem {
  if (exception instanceof DomainError)
    return problem(exception.status, exception.code, exception.message, exception.errors);
  // body-parser errors arrive raw or wrapped by Nest's adapter (as the cause of an HttpException).
  const bodyError = ((exception instanceof HttpException ? exception.cause : undefined) ?? exception) as {
    type?: string;
  };
  if (bodyError?.type === 'entity.parse.failed')
    return problem(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
  if (bodyError?.type === 'entity.too.large') return problem(400, 'BODY_TOO_LARGE', 'The request body is too large');
  if (bodyError?.type === 'encoding.unsupported' || bodyError?.type === 'charset.unsupported') {
    return problem(415, 'UNSUPPORTED_ENCODING', 'The request body must be UTF-8');
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String((response as { message: unknown }).message)
        : exception.message;
    const code = status === 404 ? 'NOT_FOUND' : (HttpStatus[status] ?? 'HTTP_ERROR');
    return problem(status, code, message);
  }
  if (isUnavailable(exception))
    return problem(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable; retry later');
  return problem(500, 'INTERNAL', 'An unexpected error occurred');
}
