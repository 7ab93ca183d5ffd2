import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError } from '../errors/domain-error';
import { safeError } from '../logging/safe-error';

const logger = new Logger('GraphQL');

/**
 * Errors thrown by field resolvers that Nest's exception filter never saw (a plain field resolver, a
 * data loader, a property getter) are logged at error level, with the request id (the logger's mixin)
 * and the field's path, redacted as every logged error is (no SQL, parameters or quoted values); expected refusals (DomainError, errors carrying a code) are not.
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
              err: safeError(original),
            });
          }
        },
      };
    },
  };
}
