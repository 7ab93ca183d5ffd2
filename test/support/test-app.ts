import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import IORedis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AppRole, Runtime, loadConfig } from '../../src/config/app-config';
import { configureHttpApp } from '../../src/http-app';
import { signBankRequest } from '../../src/platform/auth/bank-signature';
import { BankOpenApiValidator } from './bank-openapi-validator';
import { Role } from '../../src/platform/auth/role';
import { TokenService } from '../../src/platform/auth/token.service';
import { Clock, FixedClock } from '../../src/platform/clock/clock';
import { PinoNestLogger, createRootLogger } from '../../src/platform/logging/logger';
import { QueueFactory } from '../../src/platform/queue/queue-factory';
import { CreatedUser, TestBankKey, createBankWithKey, createUser } from '../factories/identity.factory';
import { createTestDatabase, dropDatabase, env, uniqueName, waitFor } from './test-env';
import { SubscriberRegistry } from '../../src/platform/events/subscriber-registry';

export interface TestAppOptions {
  role?: AppRole;
  clock?: FixedClock;
  /** Extra environment variables for this app's configuration. */
  env?: Record<string, string>;
  /** Extra Nest modules, e.g. test-only subscribers or routes (never in the service). */
  imports?: ModuleImport[];
  /** Share another app's database instead of cloning a new one (the first app drops it). */
  shareDatabaseOf?: TestApp;
}

type ModuleImport = NonNullable<Parameters<typeof Test.createTestingModule>[0]['imports']>[number];

export interface BankRequestOptions {
  /** Idempotency-Key (a POST gets a fresh one unless given; `null` sends none). */
  idempotencyKey?: string | null;
  /** X-Timestamp in seconds (default: the test clock's now). */
  timestamp?: number | string;
  /** Sign this body instead of the one sent (a body changed after signing). */
  signedBody?: string;
  /** Sign with this secret instead of the key's. */
  secret?: string;
  headers?: Record<string, string>;
}

export interface LoggedIn extends CreatedUser {
  token: string;
}

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface TestApp {
  app: INestApplication;
  runtime: Runtime;
  dataSource: DataSource;
  clock: FixedClock;
  http: () => ReturnType<typeof request>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GqlResult<T>>;
  /** A new user of a role (default scope per role; SCHOOL_ADMIN needs a school id) with an access token. */
  loginAs(role: Role, scope?: string): Promise<LoggedIn>;
  /** An access token for an existing user, as login issues it (at the test clock's time). */
  tokenFor(userId: string, sessionVersion?: number): string;
  /** A new partner bank with one API key (secret included). */
  registerBank(code?: string): Promise<TestBankKey>;
  /** A request signed with the key as bank-api.md says, at the test clock's time. */
  bankRequest(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    key: TestBankKey,
    options?: BankRequestOptions,
  ): request.Test;
  /**
   * Waits until the event machinery is idle: nothing left in the outbox and no waiting, active or delayed
   * job in any event queue (checked twice in a row), so chains of subscribers have run to their end.
   */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A full application for one test file: its own database (cloned from the template), its own BullMQ
 * prefix, a controllable clock, the same HTTP setup as the service. `close()` removes all of it.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const shared = options.shareDatabaseOf;
  const db = shared ? { name: '', url: shared.runtime.databaseUrl } : await createTestDatabase();
  const prefix = shared ? shared.runtime.config.queue.prefix : uniqueName('sjq');
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    APP_ROLE: options.role ?? 'all',
    DB_POOL_SIZE: '8',
    // supertest's loopback peer plays the load balancer: tests give each client an X-Forwarded-For address
    TRUSTED_PROXIES: 'loopback',
    ...options.env,
  });
  const runtime: Runtime = { config, databaseUrl: db.url, embeddedDatabase: false };
  const clock = options.clock ?? new FixedClock(new Date());
  const bankDocument = new BankOpenApiValidator(config);
  const logger = createRootLogger(config.logLevel);
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(runtime), ...(options.imports ?? [])],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    rawBody: true,
    bodyParser: false,
    logger: new PinoNestLogger(logger),
  });
  configureHttpApp(app, runtime, logger);
  await app.get(QueueFactory).migrate();
  await app.init();
  // Every request a test sends asks for English messages (the service's default is Chinese, ADR 0021),
  // so assertions on message text read in English; a test of the Chinese default sets its own header
  // (`.set('Accept-Language', 'zh-CN')`) or unsets it (`.unset('Accept-Language')`).
  const http = () => withEnglishMessages(request(app.getHttpServer()));
  const tokenFor = (userId: string, sessionVersion = 0) =>
    app.get(TokenService).issue(userId, sessionVersion).accessToken;
  return {
    app,
    runtime,
    dataSource: app.get(DataSource),
    clock,
    http,
    async gql<T>(
      query: string,
      variables?: Record<string, unknown>,
      token?: string,
      headers: Record<string, string> = {},
    ) {
      const req = http().post('/graphql').set('Content-Type', 'application/json').set(headers);
      if (token) req.set('Authorization', `Bearer ${token}`);
      const res = await req.send({ query, variables });
      return { status: res.status, data: res.body?.data ?? undefined, errors: res.body?.errors } as GqlResult<T>;
    },
    async loginAs(role: Role, scope?: string) {
      const user = await createUser(app, role, scope);
      return { ...user, token: tokenFor(user.id) };
    },
    tokenFor,
    registerBank: (code?: string) => createBankWithKey(app, code),
    bankRequest(method, path, body, key, opts = {}) {
      const raw = body === undefined || body === null ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      const timestamp = String(opts.timestamp ?? Math.floor(clock.now().getTime() / 1000));
      const signature = signBankRequest(opts.secret ?? key.secret, timestamp, method, path, opts.signedBody ?? raw);
      const req = (method === 'GET' ? http().get(path) : http().post(path))
        .set('X-Bank-Key-Id', key.keyId)
        .set('X-Timestamp', timestamp)
        .set('X-Signature', signature);
      if (method === 'POST' && opts.idempotencyKey !== null)
        req.set('Idempotency-Key', opts.idempotencyKey ?? randomUUID());
      if (opts.headers) req.set(opts.headers);
      // Every bank answer a test sees is checked against the bank OpenAPI document as it goes.
      if (bankDocument.describes(method, path))
        req.expect((res) => bankDocument.check(method, path, res.status, res.headers['content-type'], res.body));
      if (raw === '') return req;
      return req.set('Content-Type', 'application/json').send(raw);
    },
    async settle(timeoutMs = 30000) {
      const registry = app.get(SubscriberRegistry);
      const queues = app.get(QueueFactory);
      const idle = async () => {
        const [{ pending }] = (await app
          .get(DataSource)
          .query(`SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL`)) as [{ pending: number }];
        if (pending > 0) return false;
        for (const name of registry.queues()) {
          const counts = await queues.queue(name).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          if (Object.values(counts).some((n) => n > 0)) return false;
        }
        return true;
      };
      await waitFor(async () => (await idle()) && (await idle()), {
        what: 'the event machinery to be idle',
        timeoutMs,
      });
    },
    async close() {
      await app.close();
      if (shared) return;
      await dropDatabase(db.name);
      await deleteQueueKeys(prefix);
    },
  };
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options']);

/** A supertest agent whose every request carries `Accept-Language: en` (a test may set another). */
function withEnglishMessages(agent: ReturnType<typeof request>): ReturnType<typeof request> {
  return new Proxy(agent, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !HTTP_METHODS.has(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => request.Test).apply(target, args).set('Accept-Language', 'en');
    },
  });
}

/** Removes every Redis key under a BullMQ prefix (the PostgreSQL backend's rows go with the database). */
export async function deleteQueueKeys(prefix: string): Promise<void> {
  if (!env.redisUrl) return;
  const redis = new IORedis(env.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Expects a GraphQL error with a code, and returns it. */
export function expectGqlError(
  result: GqlResult<unknown>,
  code: string,
): { message: string; extensions?: Record<string, unknown> } {
  const error = result.errors?.find((e) => e.extensions?.code === code);
  if (!error) throw new Error(`expected a GraphQL error ${code}, got ${JSON.stringify(result.errors ?? result.data)}`);
  return error;
}
