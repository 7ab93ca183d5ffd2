import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ClientError, GraphQLClient } from 'graphql-request';

/** One GraphQL error as the service sends it: a message and a stable `extensions.code`. */
export interface ServiceGraphQLError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: {
    /** Stable code: VALIDATION_FAILED, UNAUTHENTICATED, FORBIDDEN, …_NOT_FOUND, QUERY_TOO_COMPLEX, … */
    code?: string;
    /** With VALIDATION_FAILED: one entry per bad input field. */
    errors?: { path: string; code?: string; message: string }[];
    [key: string]: unknown;
  };
}

/**
 * A request the service answered with errors (or an HTTP failure). `code` is the first error's
 * `extensions.code` (decide on it, not on the message); `data` holds whatever the other fields answered
 * (a by-id field that is `null` with its …_NOT_FOUND error leaves its siblings' data).
 */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    readonly errors: readonly ServiceGraphQLError[],
    readonly data: unknown,
    readonly status: number,
  ) {
    super(errors[0]?.message ?? `HTTP ${status}`);
    this.name = 'ServiceError';
  }
}

export interface ServiceClientOptions {
  /** The GraphQL endpoint, e.g. `https://supervision.example.gov.cn/graphql`. */
  url: string;
  /** The access token from `login` (sent as `Authorization: Bearer …`); a function is asked on every request. */
  token?: string | (() => string | null | undefined);
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

/** The variables argument: optional when the operation has no required variable. */
type VariablesArg<V> = [keyof V] extends [never]
  ? [variables?: V]
  : Record<string, never> extends V
    ? [variables?: V]
    : [variables: V];

/** A typed client: pass a generated `…Document`, get its result type back; errors throw `ServiceError`. */
export interface ServiceClient {
  request<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...variables: VariablesArg<TVariables>
  ): Promise<TResult>;
}

export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const client = new GraphQLClient(options.url, {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: () => {
      const token = typeof options.token === 'function' ? options.token() : options.token;
      return { ...options.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) };
    },
  });
  return {
    async request<TResult, TVariables extends Record<string, unknown>>(
      document: TypedDocumentNode<TResult, TVariables>,
      ...[variables]: VariablesArg<TVariables>
    ): Promise<TResult> {
      try {
        return await client.request<TResult, Record<string, unknown>>({ document, variables: variables ?? {} });
      } catch (error) {
        if (error instanceof ClientError) {
          const errors = (error.response.errors ?? []) as ServiceGraphQLError[];
          const code = errors[0]?.extensions?.code ?? `HTTP_${error.response.status}`;
          throw new ServiceError(code, errors, error.response.data ?? null, error.response.status);
        }
        throw error;
      }
    },
  };
}
