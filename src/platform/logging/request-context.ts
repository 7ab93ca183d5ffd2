import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts every log line and audit row can read without passing them around. */
export interface RequestContext {
  requestId: string;
  ip?: string;
  /** SQL statements sent on behalf of this request so far (counted by the database logger hook). */
  queries?: number;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
