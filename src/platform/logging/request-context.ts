import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts every log line and audit row can read without passing them around. */
export interface RequestContext {
  requestId: string;
  ip?: string;
  /** SQL statements sent on behalf of this request so far (counted by the database logger hook). */
  queries?: number;
  /** The Idempotency-Key this request claimed (set by the idempotency interceptor), so the work's own transaction can record the answer. */
  idempotency?: { scope: string; key: string; lockToken: string; status: number; recorded: boolean };
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
