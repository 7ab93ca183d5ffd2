import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Spawned, spawnProcess } from '../support/processes';
import { deleteQueueKeys } from '../support/test-app';
import { freePort, waitFor } from '../support/test-env';

const MAIN = path.resolve('dist/src/main.js');
const USER_CREATE = path.resolve('dist/src/cli/user-create.js');
const LOGIN = `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { user { username role } } }`;

/**
 * The first day, as the README tells it, on the embedded default: `npm start` with INITIAL_ADMIN_*,
 * then `npm run user:create` in another shell while the service runs (it connects to the running
 * embedded PostgreSQL rather than starting a second one on the same data directory).
 */
describe('first day on the embedded PostgreSQL', () => {
  let dataDir: string;
  let service: Spawned | undefined;
  let base: string;
  const serviceEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', APP_ROLE: 'all' };

  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm test runs the build)`);
    delete serviceEnv.DATABASE_URL;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-firstday-'));
    fs.chmodSync(dataDir, 0o755);
    Object.assign(serviceEnv, {
      EMBEDDED_PG_DIR: path.join(dataDir, 'pg'),
      EMBEDDED_PG_PORT: String(await freePort()),
      QUEUE_PREFIX: `sjday${Date.now().toString(36)}`,
      INITIAL_ADMIN_USERNAME: 'chief',
      INITIAL_ADMIN_PASSWORD: 'chief-first-passphrase',
    });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = spawnProcess(process.execPath, [MAIN], { ...serviceEnv, PORT: String(port) });
    await waitFor(
      async () => {
        if (service!.child.exitCode !== null) throw new Error('service exited');
        return (await fetch(`${base}/health/ready`)).status === 200;
      },
      { timeoutMs: 90000, intervalMs: 250, what: 'the service to be ready' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- service output ---\n${service!.output()}`);
    });
  });

  afterAll(async () => {
    if (service) expect(await service.stop('SIGTERM')).toBe(0);
    await deleteQueueKeys(serviceEnv.QUEUE_PREFIX as string);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function login(username: string, password: string) {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { u: username, p: password } }),
    });
    return ((await res.json()) as { data?: { login?: { user: { username: string; role: string } } } }).data?.login
      ?.user;
  }

  it('says database and queue backend in its first lines, without the framework chatter, and makes the INITIAL_ADMIN once', async () => {
    const lines = service!.output().split('\n').filter(Boolean);
    const messages = lines.map((l) => (JSON.parse(l) as { msg?: string }).msg ?? '');
    const db = messages.findIndex((m) => m.startsWith('database: embedded PostgreSQL at 127.0.0.1'));
    const queue = messages.findIndex((m) => m.startsWith('queue backend: '));
    expect(db).toBeGreaterThanOrEqual(0);
    expect(db).toBeLessThan(3);
    expect(queue).toBe(db + 1);
    expect(lines.filter((l) => /"context":"(RoutesResolver|RouterExplorer|InstanceLoader)"/.test(l))).toEqual([]);
    expect(messages.filter((m) => m.includes('first county administrator "chief" created'))).toHaveLength(1);
    expect(messages.some((m) => m.includes('setup code'))).toBe(false);
    expect(await login('chief', 'chief-first-passphrase')).toEqual({ username: 'chief', role: 'COUNTY_ADMIN' });
  });

  it('runs user:create beside the running service: the user can log in; a taken name is one clear line and exit 1', async () => {
    const cliEnv: NodeJS.ProcessEnv = { ...serviceEnv, LOG_LEVEL: 'silent' };
    delete cliEnv.INITIAL_ADMIN_USERNAME;
    delete cliEnv.INITIAL_ADMIN_PASSWORD;
    const ok = spawnProcess(
      process.execPath,
      [USER_CREATE, '--username', 'deputy', '--password', 'deputy-passphrase-1', '--role', 'COUNTY_ADMIN'],
      cliEnv,
    );
    expect({ code: await ok.exited, output: ok.output() }).toEqual({
      code: 0,
      output: expect.stringMatching(/^Created user deputy \(COUNTY_ADMIN\), id [0-9a-f-]{36}\n$/),
    });
    expect(await login('deputy', 'deputy-passphrase-1')).toEqual({ username: 'deputy', role: 'COUNTY_ADMIN' });

    const taken = spawnProcess(
      process.execPath,
      [
        USER_CREATE,
        '--username',
        'deputy',
        '--password',
        'deputy-passphrase-2',
        '--role',
        'INSPECTOR',
        '--scope',
        'EDU',
      ],
      cliEnv,
    );
    expect(await taken.exited).toBe(1);
    expect(taken.output()).toBe('user:create: the username "deputy" is taken (USERNAME_TAKEN)\n');
    // The service's database is still up and serving.
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });

  it('names an unreachable DATABASE_URL instead of printing undefined', async () => {
    const cliEnv = {
      ...serviceEnv,
      LOG_LEVEL: 'silent',
      DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/nothing`,
    };
    const failed = spawnProcess(
      process.execPath,
      [USER_CREATE, '--username', 'x-user', '--password', 'some-passphrase-1', '--role', 'COUNTY_ADMIN'],
      cliEnv,
    );
    expect(await failed.exited).toBe(1);
    expect(failed.output()).toMatch(
      /^user:create: cannot reach PostgreSQL at 127\.0\.0\.1:\d+\/nothing: .*ECONNREFUSED.*\n$/,
    );
    expect(failed.output()).not.toMatch(/undefined/);
  });
});
