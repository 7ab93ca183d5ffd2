import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLISODateTime } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { GraphQLError, GraphQLFormattedError, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { AppConfig } from '../../config/app-config';
import { DomainError } from '../errors/domain-error';
import { currentLocale } from '../i18n/locale';
import { Locale } from '../i18n/text';
import { UNEXPECTED_ERROR, localizeProblems, toProblem } from '../http/problem';
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

/**
 * Chinese lead sentences for the messages graphql-js and Apollo write themselves (English only): a
 * Chinese answer starts with the lead, then the original text (which names the field, type or variable).
 */
const SERVER_MESSAGE_ZH: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: '请求格式错误（GraphQL 语法）',
  GRAPHQL_VALIDATION_FAILED: '请求与接口定义不符',
  BAD_USER_INPUT: '请求参数（变量）不符合要求',
  BAD_REQUEST: '请求无效',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作',
  PERSISTED_QUERY_NOT_FOUND: '未找到持久化查询',
  PERSISTED_QUERY_NOT_SUPPORTED: '不支持持久化查询',
};

/** The Chinese for one message of graphql-js or Apollo (whole sentences where known, else a lead sentence). */
export function serverMessageZh(code: string | undefined, message: string): string {
  if (message === 'Operation batching disabled.') return '不支持批量请求：每个请求只能包含一个操作';
  if (message.startsWith('GraphQL introspection is not allowed'))
    return '本服务未开放 GraphQL 内省查询（__schema、__type）';
  const lead = code ? SERVER_MESSAGE_ZH[code] : undefined;
  return lead ? `${lead}：${message}` : message;
}

/** The innermost error a GraphQLError wraps (a resolver's or a plugin's own error). */
function originalOf(error: unknown): unknown {
  let e = error;
  for (let i = 0; i < 5 && e instanceof GraphQLError && e.originalError; i++) e = e.originalError;
  return e === error ? undefined : e;
}

/**
 * Every error leaves with a stable `extensions.code`; unexpected ones say nothing about internals. The
 * message (and each field problem's) is in `locale`, by default the request's (ADR 0021).
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  production: boolean,
  hideSuggestions = production,
  locale: Locale = currentLocale(),
): GraphQLFormattedError {
  if (hideSuggestions) {
    // "Did you mean …?" names fields and types of the schema, which introspection being off hides.
    const message = withoutSuggestion(formatted.message);
    if (message !== formatted.message) formatted = { ...formatted, message };
  }
  const code = formatted.extensions?.code as string | undefined;
  const original = originalOf(error);
  if (original instanceof DomainError && code && code !== 'INTERNAL_SERVER_ERROR') {
    // Thrown by the edge's own checks (query limits) with its code set: the message in the request's language.
    return {
      ...formatted,
      message: original.text[locale],
      extensions: {
        ...formatted.extensions,
        ...(original.errors ? { errors: localizeProblems(original.errors, locale) } : {}),
      },
    };
  }
  if (original instanceof DomainError) {
    // Thrown by a field resolver, which the exception filter does not see: the same mapping.
    const problem = toProblem(original, locale);
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
      message: UNEXPECTED_ERROR[locale],
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: 'INTERNAL',
        ...(production || !(original instanceof Error) ? {} : { detail: original.message }),
      },
    };
  }
  if (locale === 'zh' && formatted.extensions?.status === undefined) {
    // graphql-js's and Apollo's own messages are English: a Chinese lead sentence per code (errors the
    // exception filter mapped carry a `status` and are in the request's language already).
    const message = serverMessageZh(code, formatted.message);
    if (message !== formatted.message) formatted = { ...formatted, message };
  }
  if (production && formatted.extensions && 'stacktrace' in formatted.extensions) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions;
    return { ...formatted, extensions };
  }
  return formatted;
}
