import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError } from '../errors/domain-error';

const logger = new Logger('GraphQL');

/** A database driver's error: its message and fields may quote SQL parameters, so only its class and code are logged. */
function isDatabaseError(error: Error): boolean {
  const e = error as Error & { code?: unknown; query?: unknown; parameters?: unknown; driverError?: unknown };
  return 'driverError' in e || 'query' in e || 'parameters' in e || (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code));
}

/** What may be logged of an unexpected error: its class, a PostgreSQL code, and its message and stack unless a database error. */
export function loggableError(error: Error): { name: string; code?: string; message?: string; stack?: string } {
  const code = (error as { code?: unknown }).code;
  const frames = error.stack?.split('\n').slice(1).join('\n');
  if (isDatabaseError(error)) return { name: error.name, ...(typeof code === 'string' ? { code } : {}), stack: frames };
  return { name: error.name, message: error.message, stack: frames };
}

/**
 * Errors thrown by field resolvers that Nest's exception filter never saw (a plain field resolver, a
 * data loader, a property getter) are logged at error level, with the request id (the logger's mixin)
 * and the field's path; expected refusals (DomainError, errors carrying a code) are not.
 */
export function resolverErrorLogPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const original = error.originalError;
            if (!original || original instanceof DomainError || original instanceof GraphQLError) continue;
            logger.error({
              msg: 'Unexpected error in a GraphQL resolver',
              operationName: operationName ?? undefined,
              path: error.path?.join('.'),
              err: loggableError(original),
            });
          }
        },
      };
    },
  };
}
