import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, FieldProblem, FieldProblemOut, SERVICE_UNAVAILABLE } from '../errors/domain-error';
import { currentLocale } from '../i18n/locale';
import { Locale, Text, text } from '../i18n/text';

/**
 * The problem `type` of every error: RFC 9457's `about:blank` (§4.2.1), which says "no more than the
 * HTTP status" — `title` is then the status phrase, as here. The specific, stable meaning travels in
 * the `code` member (documented per route in the OpenAPI documents and docs/bank-api.md), so there is
 * one place that names codes and no URI that resolves nowhere.
 */
export const PROBLEM_TYPE = 'about:blank';

/**
 * RFC 9457 problem details, plus the stable `code` and field `errors`. `detail` and each field problem's
 * `message` are in the request's language (ADR 0021); `title` stays the HTTP status phrase.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldProblemOut[];
}

/** Field problems in one language. */
export function localizeProblems(errors: readonly FieldProblem[], locale: Locale = currentLocale()): FieldProblemOut[] {
  return errors.map((e) => ({ path: e.path, message: e.message[locale] }));
}

/** Chinese for what a framework HTTP error (Nest's own, English) means, by status. */
const FRAMEWORK_ZH: Record<number, string> = {
  400: '请求有误',
  401: '未登录或登录已失效',
  403: '无权访问',
  404: '请求的地址不存在',
  405: '不支持该请求方法',
  413: '请求内容过大',
  415: '不支持该内容类型',
  429: '请求过于频繁，请稍后重试',
};

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

function problem(
  locale: Locale,
  status: number,
  code: string,
  detail: Text,
  errors?: readonly FieldProblem[],
): Problem {
  return {
    type: PROBLEM_TYPE,
    title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
    status,
    detail: detail[locale],
    code,
    ...(errors?.length ? { errors: localizeProblems(errors, locale) } : {}),
  };
}

export const MALFORMED_JSON = text('The request body is not valid JSON', '请求体不是有效的 JSON');
export const BODY_TOO_LARGE = text('The request body is too large', '请求体过大');
export const UNSUPPORTED_ENCODING = text('The request body must be UTF-8', '请求体须为 UTF-8 编码');
export const UNEXPECTED_ERROR = text('An unexpected error occurred', '发生了意外错误，请稍后重试或联系管理员');

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
 * Maps anything thrown to a problem, its texts in `locale` (by default the request's). Only DomainErrors
 * and framework HTTP errors reveal their message; everything else is a generic 500 (the details go to
 * the log, never to the client).
 */
export function toProblem(exception: unknown, locale: Locale = currentLocale()): Problem {
  if (exception instanceof DomainError)
    return problem(locale, exception.status, exception.code, exception.text, exception.errors);
  // body-parser errors arrive raw or wrapped by Nest's adapter (as the cause of an HttpException).
  const bodyError = ((exception instanceof HttpException ? exception.cause : undefined) ?? exception) as {
    type?: string;
  };
  if (bodyError?.type === 'entity.parse.failed') return problem(locale, 400, 'MALFORMED_JSON', MALFORMED_JSON);
  if (bodyError?.type === 'entity.too.large') return problem(locale, 400, 'BODY_TOO_LARGE', BODY_TOO_LARGE);
  if (bodyError?.type === 'encoding.unsupported' || bodyError?.type === 'charset.unsupported') {
    return problem(locale, 415, 'UNSUPPORTED_ENCODING', UNSUPPORTED_ENCODING);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String((response as { message: unknown }).message)
        : exception.message;
    const code = status === 404 ? 'NOT_FOUND' : (HttpStatus[status] ?? 'HTTP_ERROR');
    // Nest's own messages are English; Chinese says what the status means, then Nest's words.
    const zh = FRAMEWORK_ZH[status];
    return problem(locale, status, code, text(message, zh ? `${zh}（${message}）` : `请求无法处理（${message}）`));
  }
  if (isUnavailable(exception)) return problem(locale, 503, 'SERVICE_UNAVAILABLE', SERVICE_UNAVAILABLE);
  return problem(locale, 500, 'INTERNAL', UNEXPECTED_ERROR);
}
