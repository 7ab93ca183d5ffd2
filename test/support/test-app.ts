import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import IORedis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AppRole, Runtime, loadConfig } from '../../src/config/app-config';
import { configureHttpApp } from '../../src/http-app';
import { Clock, FixedClock } from '../../src/platform/clock/clock';
import { PinoNestLogger, createRootLogger } from '../../src/platform/logging/logger';
import { QueueFactory } from '../../src/platform/queue/queue-factory';
import { createTestDatabase, dropDatabase, env, uniqueName } from './test-env';

export interface TestAppOptions {
  role?: AppRole;
  clock?: FixedClock;
  /** Extra environment variables for this app's configuration. */
  env?: Record<string, string>;
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
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

/**
 * A full application for one test file: its own database (cloned from the template), its own BullMQ
 * prefix, a controllable clock, the same HTTP setup as the service. `close()` removes all of it.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const prefix = uniqueName('sjq');
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    APP_ROLE: options.role ?? 'all',
    DB_POOL_SIZE: '4',
    ...options.env,
  });
  const runtime: Runtime = { config, databaseUrl: db.url, embeddedDatabase: false };
  const clock = options.clock ?? new FixedClock(new Date());
  const logger = createRootLogger(config.logLevel);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(runtime)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ rawBody: true, bodyParser: false, logger: new PinoNestLogger(logger) });
  configureHttpApp(app, runtime, logger);
  await app.get(QueueFactory).migrate();
  await app.init();
  const http = () => request(app.getHttpServer());
  return {
    app,
    runtime,
    dataSource: app.get(DataSource),
    clock,
    http,
    async gql<T>(query: string, variables?: Record<string, unknown>, token?: string) {
      const req = http().post('/graphql').set('Content-Type', 'application/json');
      if (token) req.set('Authorization', `Bearer ${token}`);
      const res = await req.send({ query, variables });
      return { status: res.status, data: res.body?.data ?? undefined, errors: res.body?.errors } as GqlResult<T>;
    },
    async close() {
      await app.close();
      await dropDatabase(db.name);
      await deleteQueueKeys(prefix);
    },
  };
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
export function expectGqlError(result: GqlResult<unknown>, code: string): { message: string; extensions?: Record<string, unknown> } {
  const error = result.errors?.find((e) => e.extensions?.code === code);
  if (!error) throw new Error(`expected a GraphQL error ${code}, got ${JSON.stringify(result.errors ?? result.data)}`);
  return error;
}
