import * as fs from 'node:fs';
import * as path from 'node:path';
import { createUserFromCli } from '../../src/cli/user-create.command';
import { Role } from '../../src/platform/auth/role';
import { spawnProcess } from '../support/processes';
import { TestApp, expectGqlError, startTestApp } from '../support/test-app';

const BUILT_CLI = path.resolve('dist/src/cli/user-create.js');
const LOGIN = `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken user { id role } } }`;

/** `npm run user:create`: the first county administrator of a database without users. */
describe('user:create command', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('makes the first county administrator, who can then log in; the audit log names the command line', async () => {
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user`))[0].n).toBe(0);
    const user = await createUserFromCli(t.runtime, {
      username: 'Admin',
      password: 'first-admin-passphrase',
      role: Role.COUNTY_ADMIN,
    });
    expect(user).toMatchObject({ username: 'admin', role: Role.COUNTY_ADMIN });
    const res = await t.gql<{ login: { accessToken: string; user: { id: string; role: string } } }>(LOGIN, {
      u: 'admin',
      p: 'first-admin-passphrase',
    });
    expect(res.data?.login.user).toEqual({ id: user.id, role: 'COUNTY_ADMIN' });
    const [audit] = await t.dataSource.query(
      `SELECT actor_kind, actor_name FROM audit_log WHERE action = 'identity.user.created' AND entity_id = $1`,
      [user.id],
    );
    expect(audit).toEqual({ actor_kind: 'system', actor_name: 'cli:user-create' });
  });

  it('refuses a bad scope or a taken username with the error code and writes nothing', async () => {
    await expect(
      createUserFromCli(t.runtime, {
        username: 'grid1',
        password: 'grid-worker-passphrase',
        role: Role.TOWNSHIP_OFFICER,
        scope: '000',
      }),
    ).rejects.toThrow(/INVALID_SCOPE/);
    await expect(
      createUserFromCli(t.runtime, {
        username: 'ADMIN',
        password: 'another-passphrase',
        role: Role.INSPECTOR,
        scope: 'EDU',
      }),
    ).rejects.toThrow(/USERNAME_TAKEN/);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user`))[0].n).toBe(1);
  });

  it('never leaves the county without an active administrator', async () => {
    const login = await t.gql<{ login: { accessToken: string; user: { id: string } } }>(LOGIN, {
      u: 'admin',
      p: 'first-admin-passphrase',
    });
    const { accessToken: token, user } = login.data!.login;
    expectGqlError(
      await t.gql(`mutation($id: ID!) { disableUser(input: { userId: $id }) { id } }`, { id: user.id }, token),
      'LAST_ADMIN',
    );
    expectGqlError(
      await t.gql(
        `mutation($id: ID!) { updateUserRole(input: { userId: $id, role: INSPECTOR, scope: "EDU" }) { id } }`,
        { id: user.id },
        token,
      ),
      'LAST_ADMIN',
    );
    await createUserFromCli(t.runtime, {
      username: 'admin2',
      password: 'second-admin-passphrase',
      role: Role.COUNTY_ADMIN,
    });
    const demoted = await t.gql<{ updateUserRole: { role: string } }>(
      `mutation($id: ID!) { updateUserRole(input: { userId: $id, role: INSPECTOR, scope: "EDU" }) { role } }`,
      { id: user.id },
      token,
    );
    expect(demoted.data?.updateUserRole.role).toBe('INSPECTOR');
  });

  // The compiled command as operators run it (present after `npm test`'s build).
  (fs.existsSync(BUILT_CLI) ? it : it.skip)(
    'runs as `node dist/src/cli/user-create.js` and explains bad arguments',
    async () => {
      const env = { ...process.env, DATABASE_URL: t.runtime.databaseUrl, LOG_LEVEL: 'silent' };
      const ok = spawnProcess(
        process.execPath,
        [BUILT_CLI, '--username', 'ops', '--password', 'ops-passphrase-123', '--role', 'DISCIPLINE_SUPERVISOR'],
        env,
      );
      expect(await ok.exited).toBe(0);
      expect(ok.output()).toMatch(/Created user ops \(DISCIPLINE_SUPERVISOR\)/);
      expect(ok.output()).not.toContain('ops-passphrase-123');
      const bad = spawnProcess(process.execPath, [BUILT_CLI, '--username', 'x'], env);
      expect(await bad.exited).toBe(1);
      expect(bad.output()).toMatch(/--password is required[\s\S]*Usage: npm run user:create/);
    },
  );
});
