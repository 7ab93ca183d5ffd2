import { IdentityFacade } from '../../src/modules/identity';
import { TestApp, expectGqlError, startTestApp } from '../support/test-app';

const SETUP = `mutation($c: String!, $u: String!, $p: String!) { setupFirstAdmin(input: { setupCode: $c, username: $u, password: $p }) { id username role } }`;
const LOGIN = `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { user { id role } } }`;

/** Runs the start-up step and returns what it logged. */
async function atStart(t: TestApp): Promise<{ info: string[]; warn: string[] }> {
  const lines = { info: [] as string[], warn: [] as string[] };
  await t.app
    .get(IdentityFacade)
    .firstAdminAtStart({ info: (m) => lines.info.push(m), warn: (m) => lines.warn.push(m) });
  return lines;
}

const codeIn = (line: string): string => {
  const match = /setup code ([0-9a-f]{32}) /.exec(line);
  if (!match) throw new Error(`no setup code in "${line}"`);
  return match[1] as string;
};

const count = async (t: TestApp, sql: string): Promise<number> =>
  ((await t.dataSource.query(sql)) as { n: number }[])[0]!.n;

describe('first administrator: the one-time setup code', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('logs a fresh 128-bit code at each start while no administrator exists, stored only as a hash', async () => {
    const first = await atStart(t);
    expect(first.warn).toHaveLength(1);
    const oldCode = codeIn(first.warn[0]!);
    const second = await atStart(t);
    const code = codeIn(second.warn[0]!);
    expect(code).not.toBe(oldCode);
    const [row] = await t.dataSource.query(`SELECT code_hash, expires_at FROM first_admin_setup`);
    expect(row.code_hash).not.toContain(code);
    expect(new Date(row.expires_at).getTime() - t.clock.now().getTime()).toBe(24 * 3600_000);
    // The code of the earlier start no longer works.
    expectGqlError(await t.gql(SETUP, { c: oldCode, u: 'chief', p: 'first-admin-passphrase' }), 'SETUP_CODE_INVALID');
  });

  it('refuses a wrong code, throttles repeated ones, keeps the code usable after a refused password; creates the admin once', async () => {
    const code = codeIn((await atStart(t)).warn[0]!);
    const start = t.clock.now();
    for (let i = 0; i < 3; i++)
      expectGqlError(
        await t.gql(SETUP, { c: 'f'.repeat(32), u: 'chief', p: 'first-admin-passphrase' }),
        'SETUP_CODE_INVALID',
      );
    // From the third failure on, the next try must wait: even the right code is refused until then.
    expectGqlError(await t.gql(SETUP, { c: code, u: 'chief', p: 'first-admin-passphrase' }), 'TOO_MANY_SETUP_ATTEMPTS');
    t.clock.set(new Date(start.getTime() + 5_000));
    expect(await count(t, `SELECT count(*)::int AS n FROM app_user`)).toBe(0);
    // A password the policy refuses: nothing made, the code still good.
    expectGqlError(await t.gql(SETUP, { c: code, u: 'chief', p: 'short' }), 'VALIDATION_FAILED');
    expect(await count(t, `SELECT count(*)::int AS n FROM app_user`)).toBe(0);

    const made = await t.gql<{ setupFirstAdmin: { id: string; username: string; role: string } }>(SETUP, {
      c: code.toUpperCase(),
      u: 'Chief',
      p: 'first-admin-passphrase',
    });
    expect(made.errors).toBeUndefined();
    expect(made.data?.setupFirstAdmin).toMatchObject({ username: 'chief', role: 'COUNTY_ADMIN' });
    const id = made.data!.setupFirstAdmin.id;
    const login = await t.gql<{ login: { user: { id: string; role: string } } }>(LOGIN, {
      u: 'chief',
      p: 'first-admin-passphrase',
    });
    expect(login.data?.login.user).toEqual({ id, role: 'COUNTY_ADMIN' });
    const [audit] = await t.dataSource.query(
      `SELECT actor_kind, actor_name FROM audit_log WHERE action = 'identity.user.created' AND entity_id = $1`,
      [id],
    );
    expect(audit).toEqual({ actor_kind: 'system', actor_name: 'setup:first-admin' });
    expect(await count(t, `SELECT count(*)::int AS n FROM outbox WHERE name = 'identity.user.created'`)).toBe(1);
    expect(await count(t, `SELECT count(*)::int AS n FROM first_admin_setup`)).toBe(0);

    // Once done, refused — with the same code or any other — and a restart logs no new code.
    expectGqlError(await t.gql(SETUP, { c: code, u: 'chief2', p: 'first-admin-passphrase' }), 'SETUP_ALREADY_DONE');
    // Many at once (more than the pool's connections) are refused without pinning the pool: the service
    // still answers an ordinary query while they are in flight, and every one is SETUP_ALREADY_DONE.
    const storm = Array.from({ length: 30 }, () =>
      t.gql(SETUP, { c: 'f'.repeat(32), u: 'someone', p: 'first-admin-passphrase' }),
    );
    const townships = await t.gql<{ townships: unknown[] }>(`{ townships { code } }`);
    expect(townships.data?.townships).toHaveLength(11);
    for (const res of await Promise.all(storm)) expectGqlError(res, 'SETUP_ALREADY_DONE');
    expect(await atStart(t)).toEqual({ info: [], warn: [] });
    expect(await count(t, `SELECT count(*)::int AS n FROM app_user`)).toBe(1);
  });
});

describe('first administrator: INITIAL_ADMIN_USERNAME and INITIAL_ADMIN_PASSWORD', () => {
  const env = { INITIAL_ADMIN_USERNAME: 'root-admin', INITIAL_ADMIN_PASSWORD: 'initial-admin-passphrase' };
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ env });
    b = await startTestApp({ env, shareDatabaseOf: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('creates the administrator exactly once when two replicas start together; later starts ignore the variables', async () => {
    const [x, y] = await Promise.all([atStart(a), atStart(b)]);
    const all = [...x.info, ...y.info];
    expect(all.filter((m) => m.includes('first county administrator "root-admin" created'))).toHaveLength(1);
    expect(all.filter((m) => m.includes('ignored: a county administrator exists'))).toHaveLength(1);
    expect([...x.warn, ...y.warn]).toEqual([]);
    expect(await count(a, `SELECT count(*)::int AS n FROM app_user WHERE role = 'COUNTY_ADMIN'`)).toBe(1);
    const [audit] = await a.dataSource.query(`SELECT actor_name FROM audit_log WHERE action = 'identity.user.created'`);
    expect(audit.actor_name).toBe('start:initial-admin');
    const login = await a.gql<{ login: { user: { role: string } } }>(LOGIN, {
      u: 'root-admin',
      p: 'initial-admin-passphrase',
    });
    expect(login.data?.login.user.role).toBe('COUNTY_ADMIN');
    expectGqlError(
      await a.gql(SETUP, { c: 'a'.repeat(32), u: 'other', p: 'first-admin-passphrase' }),
      'SETUP_ALREADY_DONE',
    );
  });
});
