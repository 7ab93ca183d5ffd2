import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { Request } from 'express';
import {
  DocumentNode,
  ExecutionArgs,
  ExecutionResult,
  FormattedExecutionResult,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  getOperationAST,
  parse,
  validate,
} from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BearerTokenVerifier } from '../auth/bearer-token';
import { UserPrincipal } from '../auth/principal';
import { Clock } from '../clock/clock';
import { DomainError } from '../errors/domain-error';
import { GqlContext } from '../graphql/context';
import { formatGraphqlError } from '../graphql/graphql.setup';
import { Loaders } from '../graphql/loaders';
import {
  argumentsRefusal,
  checkDocumentShape,
  complexityRefusal,
  operationCost,
  refuse,
} from '../graphql/query-limits';
import { negotiateLocale } from '../i18n/locale';
import { Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { text } from '../i18n/text';
import { LiveUpdates } from './live-updates';

/** Close codes of the live-updates socket (graphql-ws's own where it has one). */
export const LIVE_CLOSE = {
  /** No, an invalid or an expired access token (graphql-ws Unauthorized; the client does not retry). */
  UNAUTHORIZED: 4401,
  /** The user was disabled while connected (graphql-ws Forbidden). */
  FORBIDDEN: 4403,
  /** The user already holds GRAPHQL_LIVE_MAX_CONNECTIONS_PER_USER connections on this process. */
  TOO_MANY_CONNECTIONS: 4429,
} as const;

/** What graphql-ws (use/ws) gives with a connection, and what this server keeps on it. */
interface LiveExtra {
  socket: WebSocket;
  request: IncomingMessage;
  principal?: UserPrincipal;
  expiry?: NodeJS.Timeout;
}

type LiveContext = Context<Record<string, unknown> | undefined, LiveExtra>;

/** The subset of graphql-ws server options @nestjs/graphql passes on (path, hooks). */
export interface LiveWsOptions {
  path: string;
  connectionInitWaitTimeout: number;
  onConnect: (ctx: LiveContext) => Promise<boolean>;
  onClose: (ctx: LiveContext) => void;
  onSubscribe: (ctx: LiveContext, id: string, payload: SubscribePayload) => ExecutionArgs | readonly GraphQLError[];
  onNext: (
    ctx: LiveContext,
    id: string,
    payload: SubscribePayload,
    args: ExecutionArgs,
    result: ExecutionResult,
  ) => FormattedExecutionResult | void;
  onError: (
    ctx: LiveContext,
    id: string,
    payload: SubscribePayload,
    errors: readonly GraphQLError[],
  ) => GraphQLFormattedError[];
}

/** The longest a timer may be set for (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The graphql-ws side of `/graphql` (protocol `graphql-transport-ws`, on the HTTP server's port):
 * authenticates a connection once from `connectionParams.authorization` (the HTTP bearer checks, the
 * principal rebuilt from the user as stored now), closes it when the token expires or the user is
 * disabled, caps connections per user, serves subscription operations only, and applies the HTTP
 * endpoint's document checks (size, depth, aliases, arguments, cost) to every subscription document.
 */
@Injectable()
export class LiveServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LiveServer');
  private readonly byUser = new Map<string, Set<WebSocket>>();
  private stopListening?: () => void;
  private schemaCache?: GraphQLSchema;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: BearerTokenVerifier,
    private readonly clock: Clock,
    private readonly live: LiveUpdates,
    private readonly moduleRef: ModuleRef,
    metrics: MetricsService,
  ) {
    // Read at each scrape (prom-client calls `collect` with the gauge as `this`).
    const server = { connections: () => this.connections, subscriptions: () => live.subscriptions };
    metrics.gauge('sj_live_connections', 'Open graphql-ws connections on this process', [], function (this: Gauge) {
      this.set(server.connections());
    });
    metrics.gauge('sj_live_subscriptions', 'Active GraphQL subscriptions on this process', [], function (this: Gauge) {
      this.set(server.subscriptions());
    });
  }

  onApplicationBootstrap(): void {
    this.stopListening = this.live.listen(['identity.user.disabled'], (m) =>
      this.closeUser(m.id, LIVE_CLOSE.FORBIDDEN, 'Forbidden: the user is disabled'),
    );
  }

  onApplicationShutdown(): void {
    this.stopListening?.();
  }

  /** Open connections on this process (tests, metrics). */
  get connections(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  /** The graphql-ws options for the Apollo driver's `subscriptions['graphql-ws']`. */
  wsOptions(): LiveWsOptions {
    const production = this.config.nodeEnv === 'production';
    const hide = !this.config.graphql.introspection;
    // As on HTTP, less the HTTP status an Apollo refusal carries (a socket has none).
    // Messages in the language of the upgrade request's Accept-Language (browsers send it on the handshake).
    const format = (ctx: LiveContext, e: GraphQLError): GraphQLFormattedError => {
      const locale = negotiateLocale(ctx.extra.request.headers['accept-language']);
      const formatted = formatGraphqlError(e.toJSON(), e, production, hide, locale);
      if (!formatted.extensions || !('http' in formatted.extensions)) return formatted;
      const { http: _http, ...extensions } = formatted.extensions;
      return { ...formatted, extensions };
    };
    return {
      path: '/graphql',
      connectionInitWaitTimeout: 10_000,
      onConnect: (ctx) => this.connect(ctx),
      onClose: (ctx) => this.forget(ctx.extra),
      onSubscribe: (_ctx, _id, payload) => this.prepare(payload),
      onNext: (ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => format(ctx, e)) } : undefined,
      onError: (ctx, _id, _payload, errors) => errors.map((e) => format(ctx, e)),
    };
  }

  /** The GraphQL context of a subscription: its connection's principal, as the HTTP request's would be. */
  context(ctx: LiveContext): GqlContext {
    const principal = ctx.extra.principal;
    const headers = {};
    const req = {
      principal,
      headers,
      header: () => undefined,
      get: () => undefined,
      ip: ctx.extra.request.socket.remoteAddress,
    } as unknown as Request;
    return { req, res: undefined as never, loaders: new Loaders() };
  }

  private async connect(ctx: LiveContext): Promise<boolean> {
    const { socket } = ctx.extra;
    const params = ctx.connectionParams ?? {};
    let principal: UserPrincipal;
    let expiresAt: Date;
    try {
      ({ principal, expiresAt } = await this.tokens.verify(params.authorization ?? params.Authorization));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error; // e.g. the database is down: 4500, the client retries
      socket.close(LIVE_CLOSE.UNAUTHORIZED, `Unauthorized: ${error.code}`);
      return false;
    }
    const sockets = this.byUser.get(principal.userId) ?? new Set<WebSocket>();
    if (sockets.size >= this.config.graphql.liveMaxConnectionsPerUser) {
      socket.close(LIVE_CLOSE.TOO_MANY_CONNECTIONS, 'Too many live connections for this user');
      return false;
    }
    if (socket.readyState !== socket.OPEN) return false; // closed while the token was checked
    sockets.add(socket);
    this.byUser.set(principal.userId, sockets);
    ctx.extra.principal = principal;
    const ms = Math.min(Math.max(expiresAt.getTime() - this.clock.now().getTime(), 0), MAX_TIMER_MS);
    ctx.extra.expiry = setTimeout(() => socket.close(LIVE_CLOSE.UNAUTHORIZED, 'Unauthorized: TOKEN_EXPIRED'), ms);
    ctx.extra.expiry.unref();
    return true;
  }

  private forget(extra: LiveExtra): void {
    if (extra.expiry) clearTimeout(extra.expiry);
    const userId = extra.principal?.userId;
    if (!userId) return;
    const sockets = this.byUser.get(userId);
    sockets?.delete(extra.socket);
    if (sockets && sockets.size === 0) this.byUser.delete(userId);
  }

  private closeUser(userId: string, code: number, reason: string): void {
    const sockets = this.byUser.get(userId);
    if (!sockets) return;
    this.logger.log(`closing ${sockets.size} live connection(s) of a disabled user`);
    for (const socket of sockets) socket.close(code, reason);
  }

  private schema(): GraphQLSchema {
    this.schemaCache ??= this.moduleRef.get(GraphQLSchemaHost, { strict: false }).schema;
    return this.schemaCache;
  }

  /** Parses and checks a subscription document as the HTTP endpoint does; errors are sent, the socket stays open. */
  private prepare(payload: SubscribePayload): ExecutionArgs | readonly GraphQLError[] {
    const limits = this.config.graphql;
    const schema = this.schema();
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: limits.maxTokens });
    } catch (error) {
      return [new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    try {
      checkDocumentShape(document, limits);
    } catch (refusal) {
      return [refusal as GraphQLError];
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) {
      return invalid.map(
        (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      );
    }
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) {
      return [
        refuse('BAD_REQUEST', text('The document names no single operation to run', '请求文档未指明要执行的唯一操作')),
      ];
    }
    if (operation.operation !== 'subscription') {
      return [
        refuse(
          'BAD_REQUEST',
          text(
            'Only subscriptions are served over WebSocket; send queries and mutations to POST /graphql',
            'WebSocket 只提供订阅；查询和变更请发送到 POST /graphql',
          ),
        ),
      ];
    }
    const variables = payload.variables ?? {};
    const { cost, problems, invalidVariables, field } = operationCost(schema, document, operation, variables, limits);
    if (invalidVariables)
      return [refuse('BAD_USER_INPUT', text('The variables do not fit their types', '变量与其类型不符'))];
    if (problems.length > 0) return [argumentsRefusal(problems, field)];
    if (cost > limits.maxComplexity) return [complexityRefusal(cost, limits.maxComplexity)];
    return { schema, document, operationName: payload.operationName, variableValues: variables };
  }
}
