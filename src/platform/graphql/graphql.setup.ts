import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLISODateTime } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { GraphQLError, GraphQLFormattedError, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { AppConfig } from '../../config/app-config';
import { DomainError } from '../errors/domain-error';
import { toProblem } from '../http/problem';
import type { LiveServer } from '../live/live-server';
import { GqlContext } from './context';
import { Loaders } from './loaders';
import { queryLimitsPlugin } from './query-limits';
import { resolverErrorLogPlugin } from './resolver-error-log';

/**
 * The `DateTime` scalar is Nest's own (its serialisation, `Date#toISOString`, is unchanged); only its schema
 * description is ours, set on the one instance every `Date` field and `GraphQLISODateTime` use.
 */
GraphQLISODateTime.description =
  'An instant (时刻): an ISO 8601 date and time; answers are in UTC with milliseconds (2026-09-01T07:30:00.000Z), inputs may carry any offset. Calendar days are `Date`.';

/**
 * Apollo (code-first) options. The schema is built in memory and printed to `schema.gql` by
 * `npm run schema:print`; a test fails when the committed file is stale. Subscriptions are served over
 * graphql-ws on the same path (LiveServer: authentication at connection, the same document checks).
 */
export function graphqlOptions(config: AppConfig, live?: LiveServer): ApolloDriverConfig {
  const production = config.nodeEnv === 'production';
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: config.graphql.introspection,
    playground: false,
    includeStacktraceInErrorResponses: !production,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.graphql.maxTokens },
    transformSchema: describeRootTypes,
    // HTTP requests: { req, res }; a graphql-ws subscription: its connection's context (with `extra`).
    context: (arg: { req: Request; res: Response } | Parameters<LiveServer['context']>[0]): GqlContext =>
      'extra' in arg && live
        ? live.context(arg)
        : { ...(arg as { req: Request; res: Response }), loaders: new Loaders() },
    // graphql-ws takes more hooks (onError) than @nestjs/graphql's type names; it passes them all on.
    ...(live ? { subscriptions: { 'graphql-ws': live.wsOptions() } as ApolloDriverConfig['subscriptions'] } : {}),
    // No HTTP cache hints are used; Apollo's default cache-control plugin would wrap every field resolver.
    plugins: [queryLimitsPlugin(config.graphql), resolverErrorLogPlugin(), ApolloServerPluginCacheControlDisabled()],
    formatError: (formatted: GraphQLFormattedError, error: unknown) =>
      formatGraphqlError(formatted, error, production, !config.graphql.introspection),
  };
}

/** Code-first builds the root types without descriptions; every type of the contract has one (ADR 0020). */
export function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const describe = (type: GraphQLObjectType | null | undefined, description: string): void => {
    if (type && !type.description) type.description = description;
  };
  describe(schema.getQueryType(), 'Reads (查询): every record and list a caller may see, scoped to its role and area.');
  describe(schema.getMutationType(), 'Changes (操作): every command; each takes one `input` argument (or none).');
  describe(
    schema.getSubscriptionType(),
    'Live updates (实时推送) over graphql-ws on the same path: at-most-once hints, scoped like the queries; refetch after a reconnect.',
  );
  return schema;
}

/**
 * graphql-js ends a message with " Did you mean …?" when it suggests schema names. Found with one
 * indexOf, never a backtracking pattern: messages echo client strings, which may repeat the phrase.
 */
export function withoutSuggestion(message: string): string {
  const at = message.lastIndexOf(' Did you mean ');
  return at >= 0 && message.trimEnd().endsWith('?') ? message.slice(0, at) : message;
}

/** Every error leaves with a stable `extensions.code`; unexpected ones say nothing about internals. */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  production: boolean,
  hideSuggestions = production,
): GraphQLFormattedError {
  if (hideSuggestions) {
    // "Did you mean …?" names fields and types of the schema, which introspection being off hides.
    const message = withoutSuggestion(formatted.message);
    if (message !== formatted.message) formatted = { ...formatted, message };
  }
  const code = formatted.extensions?.code as string | undefined;
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (original instanceof DomainError && (!code || code === 'INTERNAL_SERVER_ERROR')) {
    // Thrown by a field resolver, which the exception filter does not see: the same mapping.
    const problem = toProblem(original);
    return {
      message: problem.detail,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: problem.code, status: problem.status, ...(problem.errors ? { errors: problem.errors } : {}) },
    };
  }
  if (!code || code === 'INTERNAL_SERVER_ERROR') {
    // A resolver threw something that is not a DomainError and was not mapped by the exception filter.
    return {
      message: 'An unexpected error occurred',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL', ...(production || !original ? {} : { detail: original.message }) },
    };
  }
  if (production && formatted.extensions && 'stacktrace' in formatted.extensions) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions;
    return { ...formatted, extensions };
  }
  return formatted;
}
