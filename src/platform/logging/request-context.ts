import { AsyncLocalStorage } from 'node:async_hooks';
import type { Locale } from '../i18n/text';

/** Per-request facts every log line and audit row can read without passing them around. */
export interface RequestContext {
  requestId: string;
  ip?: string;
  /** SQL statements sent on behalf of this request so far (counted by the database logger hook). */
  queries?: number;
  /** The language of this request's messages, from Accept-Language (set by localeMiddleware). */
  locale?: Locale;
  /** The Idempotency-Key this request claimed (set by the idempotency interceptor), so the work's own transaction can record the answer. */
  idempotency?: { scope: string; key: string; lockToken: string; status: number; recorded: boolean };
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/**
 * Runs work caused by an earlier request (an event subscriber, long after the request ended) under that
 * request's id, so its log lines, audit rows and the events it publishes carry it. Without an id (events
 * from scheduled tasks) the work runs outside any request context.
 */
export function runInRequestContext<T>(requestId: string | null | undefined, fn: () => T): T {
  return requestId ? requestContext.run({ requestId, queries: 0 }, fn) : requestContext.exit(fn);
}
