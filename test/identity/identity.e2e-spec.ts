import { JwtService } from '@nestjs/jwt';
import { XIFENG, seedReferenceDemo } from '../../src/modules/reference';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { decrypt } from '../../src/platform/crypto/crypto';
import { TEST_PASSWORD, createUser } from '../factories/identity.factory';
import { GqlResult, LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

const LOGIN = `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken expiresAt user { id username role } } }`;
const ME = `{ me { id username displayName role departmentCode townshipCode schoolId disabled } }`;
const SCHOOLS = `{ schools(first: 100) { totalCount edges { node { id code townshipCode } } } }`;

type LoginData = {
  login: { accessToken: string; expiresAt: string; user: { id: string; username: string; role: string } };
};

/**
 * People and their access: login and its throttling, access tokens, what each role sees of the
 * reference data and may do to users, partner banks and their keys. Time moves on the test clock only.
 */
describe('identity and access', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-03-02T01:00:00Z');
  const schoolIds: Record<string, string> = {};
  let admin: LoggedIn;
  /** The admin's token issued now (the clock moves on in this file). */
  const adminToken = () => t.tokenFor(admin.id);

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: {
        LOGIN_MAX_FAILURES: '5',
        LOGIN_SLOW_AFTER: '3',
        LOGIN_LOCK_SECONDS: '900',
        LOGIN_ADDRESS_MAX_FAILURES: '6',
      },
    });
    await t.dataSource.transaction((em) =>
      seedReferenceDemo(
        em,
        t.runtime.config.security.piiHashKey,
        XIFENG.townships.map((x) => x.code),
      ),
    );
    for (const row of await t.dataSource.query(`SELECT id, code FROM school`)) schoolIds[row.code] = row.id;
    admin = await t.loginAs(Role.COUNTY_ADMIN);
  });
  afterAll(() => t?.close());

  const login = (username: string, password: string, address: string) =>
    t.gql<LoginData>(LOGIN, { u: username, p: password }, undefined, { 'X-Forwarded-For': address });
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await t.dataSource.query(sql, params))[0].n);
  const auditCount = (action: string) => count(`SELECT count(*) AS n FROM audit_log WHERE action = $1`, [action]);

  describe('login', () => {
    it('returns a short-lived access token for the right password (username in any case) that `me` accepts', async () => {
      const user = await createUser(t.app, Role.TOWNSHIP_OFFICER, '520122100', {
        username: 'wang.fang',
        displayName: '王芳',
      });
      const res = await login('Wang.Fang', TEST_PASSWORD, '203.0.113.1');
      expect(res.errors).toBeUndefined();
      const { accessToken, expiresAt, user: who } = res.data!.login;
      expect(who).toEqual({ id: user.id, username: 'wang.fang', role: 'TOWNSHIP_OFFICER' });
      expect(new Date(expiresAt).getTime()).toBe(clock.now().getTime() + 900_000);
      const me = await t.gql<{ me: Record<string, unknown> }>(ME, {}, accessToken);
      expect(me.data?.me).toMatchObject({
        username: 'wang.fang',
        displayName: '王芳',
        role: 'TOWNSHIP_OFFICER',
        townshipCode: '520122100',
        departmentCode: null,
        disabled: false,
      });
      const audited = await t.dataSource.query(
        `SELECT actor_kind, actor_user_id, summary FROM audit_log WHERE action = 'identity.login.succeeded' AND entity_id = $1`,
        [user.id],
      );
      expect(audited).toEqual([{ actor_kind: 'user', actor_user_id: user.id, summary: { address: '203.0.113.1' } }]);
    });

    it('answers a wrong password, an unknown username and a disabled account with the same INVALID_CREDENTIALS', async () => {
      const user = await createUser(t.app, Role.INSPECTOR);
      const disabled = await createUser(t.app, Role.INSPECTOR);
      await t.gql(
        `mutation($id: ID!) { disableUser(input: { userId: $id }) { id } }`,
        { id: disabled.id },
        adminToken(),
      );
      const answers = [
        await login(user.username, 'wrong-password-123', '203.0.113.2'),
        await login('nobody-here', TEST_PASSWORD, '203.0.113.2'),
        await login(disabled.username, TEST_PASSWORD, '203.0.113.2'),
      ];
      for (const res of answers) {
        expect(res.data?.login).toBeUndefined();
        expect(expectGqlError(res, 'INVALID_CREDENTIALS').message).toBe('The username or password is not correct');
      }
      const failed = await t.dataSource.query(
        `SELECT summary FROM audit_log WHERE action = 'identity.login.failed' AND summary->>'address' = '203.0.113.2' ORDER BY id`,
      );
      expect(failed.map((r: { summary: { username: string } }) => r.summary.username)).toEqual([
        user.username,
        'nobody-here',
        disabled.username,
      ]);
      expect(JSON.stringify(failed)).not.toContain('wrong-password-123');
    });

    it('slows a username down after repeated failures, then locks it for a while, from any address; both are audited', async () => {
      const user = await createUser(t.app, Role.DEPARTMENT_OFFICER);
      const address = (n: number) => `198.51.100.${n}`;
      for (let i = 1; i <= 3; i++)
        expectGqlError(await login(user.username, 'not-the-password', address(i)), 'INVALID_CREDENTIALS');
      // Slowed: the fourth attempt must wait 1 s, even with the right password.
      expectGqlError(await login(user.username, TEST_PASSWORD, address(4)), 'TOO_MANY_LOGIN_ATTEMPTS');
      clock.advance(1000);
      expectGqlError(await login(user.username, 'not-the-password', address(5)), 'INVALID_CREDENTIALS');
      expectGqlError(await login(user.username, 'not-the-password', address(6)), 'TOO_MANY_LOGIN_ATTEMPTS');
      clock.advance(2000);
      expectGqlError(await login(user.username, 'not-the-password', address(7)), 'INVALID_CREDENTIALS');
      // Fifth failure: locked for LOGIN_LOCK_SECONDS.
      const locked = await login(user.username, TEST_PASSWORD, address(8));
      expect(expectGqlError(locked, 'TOO_MANY_LOGIN_ATTEMPTS').message).toMatch(/try again in 900 s/);
      const lockRows = await t.dataSource.query(
        `SELECT summary FROM audit_log WHERE action = 'identity.login.locked' AND entity_id = $1`,
        [`username:${user.username}`],
      );
      expect(lockRows).toHaveLength(1);
      expect(lockRows[0].summary).toMatchObject({ failures: 5 });
      clock.advance(899_000);
      expectGqlError(await login(user.username, TEST_PASSWORD, address(9)), 'TOO_MANY_LOGIN_ATTEMPTS');
      clock.advance(1000);
      expect((await login(user.username, TEST_PASSWORD, address(10))).data?.login.user.id).toBe(user.id);
      // A success starts the count again.
      expectGqlError(await login(user.username, 'not-the-password', address(11)), 'INVALID_CREDENTIALS');
      expect((await login(user.username, TEST_PASSWORD, address(12))).data?.login.user.id).toBe(user.id);
    });

    it('locks a client address that tries many usernames, without locking anyone elsewhere', async () => {
      const user = await createUser(t.app, Role.DEPARTMENT_OFFICER);
      const attacker = '192.0.2.66';
      // LOGIN_ADDRESS_MAX_FAILURES=6: an address is slowed from its 4th failure (two before its lock, like a username).
      for (let i = 1; i <= 4; i++)
        expectGqlError(await login(`guess-${i}`, 'password-guess', attacker), 'INVALID_CREDENTIALS');
      expectGqlError(await login('guess-5', 'password-guess', attacker), 'TOO_MANY_LOGIN_ATTEMPTS');
      clock.advance(1000);
      expectGqlError(await login('guess-5', 'password-guess', attacker), 'INVALID_CREDENTIALS');
      clock.advance(2000);
      expectGqlError(await login('guess-6', 'password-guess', attacker), 'INVALID_CREDENTIALS');
      expectGqlError(await login(user.username, TEST_PASSWORD, attacker), 'TOO_MANY_LOGIN_ATTEMPTS');
      expect((await login(user.username, TEST_PASSWORD, '192.0.2.67')).data?.login.user.id).toBe(user.id);
      expect(
        await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'identity.login.locked' AND entity_id = $1`, [
          `address:${attacker}`,
        ]),
      ).toBe(1);
      clock.advance(900_000);
      expect((await login(user.username, TEST_PASSWORD, attacker)).data?.login.user.id).toBe(user.id);
    });

    it('refuses an empty username or an oversized password as invalid input', async () => {
      expectGqlError(await login('', 'x', '203.0.113.3'), 'VALIDATION_FAILED');
      expectGqlError(await login('someone', 'x'.repeat(300), '203.0.113.3'), 'VALIDATION_FAILED');
    });
  });

  describe('access tokens', () => {
    it('refuses a missing, malformed, foreign, unsigned or tampered token', async () => {
      expectGqlError(await t.gql(ME), 'UNAUTHENTICATED');
      expectGqlError(await t.gql(ME, {}, undefined, { Authorization: 'Basic dXNlcjpwYXNz' }), 'UNAUTHENTICATED');
      expectGqlError(await t.gql(ME, {}, 'not-a-jwt'), 'TOKEN_INVALID');
      const now = Math.floor(clock.now().getTime() / 1000);
      const claims = { sub: admin.id, sv: 0, iat: now, exp: now + 900 };
      const foreign = new JwtService({ secret: 'another-secret-of-at-least-32-characters!' }).sign(claims, {
        issuer: 'shuangjian',
        audience: 'shuangjian-api',
      });
      expectGqlError(await t.gql(ME, {}, foreign), 'TOKEN_INVALID');
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iss: 'shuangjian', aud: 'shuangjian-api' })}.`;
      expectGqlError(await t.gql(ME, {}, unsigned), 'TOKEN_INVALID');
      const [header, , signature] = adminToken().split('.');
      const other = await createUser(t.app, Role.COUNTY_ADMIN);
      const tampered = `${header}.${b64({ ...claims, sub: other.id, iss: 'shuangjian', aud: 'shuangjian-api' })}.${signature}`;
      expectGqlError(await t.gql(ME, {}, tampered), 'TOKEN_INVALID');
      const ourSecret = new JwtService({ secret: t.runtime.config.auth.jwtSecret });
      expectGqlError(
        await t.gql(ME, {}, ourSecret.sign(claims, { issuer: 'shuangjian', audience: 'another-api' })),
        'TOKEN_INVALID',
      );
      expectGqlError(
        await t.gql(
          ME,
          {},
          ourSecret.sign({ ...claims, sub: 'not-a-uuid' }, { issuer: 'shuangjian', audience: 'shuangjian-api' }),
        ),
        'TOKEN_INVALID',
      );
    });

    it('refuses a token once JWT_TTL_SECONDS have passed', async () => {
      const user = await t.loginAs(Role.INSPECTOR);
      clock.advance(899_000);
      expect((await t.gql<{ me: { id: string } }>(ME, {}, user.token)).data?.me.id).toBe(user.id);
      clock.advance(1000);
      expectGqlError(await t.gql(ME, {}, user.token), 'TOKEN_EXPIRED');
    });

    it('still answers public operations when a bad token comes along', async () => {
      const res = await t.gql<{ townships: unknown[] }>('{ townships { code } }', {}, 'garbage');
      expect(res.data?.townships).toHaveLength(11);
    });
  });

  describe('what each role sees of the reference data', () => {
    const roles: [string, () => Promise<string | undefined>, number | 'UNAUTHENTICATED'][] = [
      ['COUNTY_ADMIN', async () => adminToken(), 8],
      ['DISCIPLINE_SUPERVISOR', async () => (await t.loginAs(Role.DISCIPLINE_SUPERVISOR)).token, 8],
      ['DEPARTMENT_OFFICER', async () => (await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU')).token, 8],
      ['INSPECTOR', async () => (await t.loginAs(Role.INSPECTOR, 'FIRE_RESCUE')).token, 8],
      ['TOWNSHIP_OFFICER of 永阳街道', async () => (await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001')).token, 2],
      ['SCHOOL_ADMIN of one school', async () => (await t.loginAs(Role.SCHOOL_ADMIN, schoolIds['DEMO-S003'])).token, 1],
      ['anonymous', async () => undefined, 'UNAUTHENTICATED'],
    ];

    it.each(roles)(
      '%s: townships and departments (public) and its share of schools',
      async (_name, tokenOf, schools) => {
        const token = await tokenOf();
        const reference = await t.gql<{ townships: unknown[]; departments: unknown[] }>(
          '{ townships { code } departments { code } }',
          {},
          token,
        );
        expect(reference.data?.townships).toHaveLength(11);
        expect(reference.data?.departments).toHaveLength(22);
        const res = await t.gql<{ schools: { totalCount: number; edges: { node: { id: string } }[] } }>(
          SCHOOLS,
          {},
          token,
        );
        if (schools === 'UNAUTHENTICATED') expectGqlError(res, 'UNAUTHENTICATED');
        else expect(res.data?.schools.totalCount).toBe(schools);
      },
    );

    it('hides a school outside the scope as if it did not exist, and scopes Township.schools the same way', async () => {
      const township = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
      const school = await t.loginAs(Role.SCHOOL_ADMIN, schoolIds['DEMO-S003']);
      const one = `query($id: ID!) { school(id: $id) { code } }`;
      expect(
        (await t.gql<{ school: { code: string } }>(one, { id: schoolIds['DEMO-S001'] }, township.token)).data?.school
          .code,
      ).toBe('DEMO-S001');
      expectGqlError(await t.gql(one, { id: schoolIds['DEMO-S003'] }, township.token), 'SCHOOL_NOT_FOUND');
      expect(
        (await t.gql<{ school: { code: string } }>(one, { id: schoolIds['DEMO-S003'] }, school.token)).data?.school
          .code,
      ).toBe('DEMO-S003');
      expectGqlError(await t.gql(one, { id: schoolIds['DEMO-S001'] }, school.token), 'SCHOOL_NOT_FOUND');

      const nested = '{ townships { code schools { code } } }';
      const seen = (res: GqlResult<{ townships: { code: string; schools: { code: string }[] }[] }>) =>
        res.data!.townships.flatMap((x) => x.schools.map((s) => s.code));
      expect(seen(await t.gql(nested, {}, school.token))).toEqual(['DEMO-S003']);
      expect(seen(await t.gql(nested, {}, township.token)).sort()).toEqual(['DEMO-S001', 'DEMO-S002']);
      expect(seen(await t.gql(nested, {}, adminToken()))).toHaveLength(8);
      expectGqlError(await t.gql(nested), 'UNAUTHENTICATED');
    });
  });

  describe('user administration', () => {
    const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id username displayName role departmentCode townshipCode schoolId disabled } }`;
    const tables = async () => ({
      users: await count(`SELECT count(*) AS n FROM app_user`),
      audit: await count(`SELECT count(*) AS n FROM audit_log`),
    });

    it('lets only COUNTY_ADMIN administer users; DISCIPLINE_SUPERVISOR may read them; the rest may do neither', async () => {
      const cases: [Role, boolean, boolean][] = [
        [Role.COUNTY_ADMIN, true, true],
        [Role.DISCIPLINE_SUPERVISOR, true, false],
        [Role.DEPARTMENT_OFFICER, false, false],
        [Role.TOWNSHIP_OFFICER, false, false],
        [Role.SCHOOL_ADMIN, false, false],
        [Role.INSPECTOR, false, false],
      ];
      for (const [role, read, write] of cases) {
        const who =
          role === Role.COUNTY_ADMIN
            ? { ...admin, token: adminToken() }
            : await t.loginAs(role, role === Role.SCHOOL_ADMIN ? schoolIds['DEMO-S005'] : undefined);
        const list = await t.gql<{ users: { totalCount: number } }>(
          '{ users { totalCount edges { node { username } } } }',
          {},
          who.token,
        );
        if (read)
          expect(list.data?.users.totalCount).toBe(
            await count(`SELECT count(*) AS n FROM app_user WHERE disabled_at IS NULL`),
          );
        else expectGqlError(list, 'FORBIDDEN');
        const before = await tables();
        const created = await t.gql(
          CREATE,
          {
            input: {
              username: `made-by-${role.toLowerCase()}`,
              displayName: 'X',
              password: TEST_PASSWORD,
              role: 'INSPECTOR',
              scope: 'EDU',
            },
          },
          who.token,
        );
        if (write) expect(created.errors).toBeUndefined();
        else {
          expectGqlError(created, 'FORBIDDEN');
          expect(await tables()).toEqual(before);
        }
      }
      expectGqlError(
        await t.gql(CREATE, {
          input: { username: 'anon-made', displayName: 'X', password: TEST_PASSWORD, role: 'INSPECTOR', scope: 'EDU' },
        }),
        'UNAUTHENTICATED',
      );
    });

    it('creates a user of each role with a scope that exists, and audits it in the same transaction', async () => {
      const inputs = [
        { role: 'COUNTY_ADMIN', scope: undefined, expect: {} },
        { role: 'DISCIPLINE_SUPERVISOR', scope: undefined, expect: {} },
        { role: 'DEPARTMENT_OFFICER', scope: 'MARKET_REGULATION', expect: { departmentCode: 'MARKET_REGULATION' } },
        { role: 'INSPECTOR', scope: 'FIRE_RESCUE', expect: { departmentCode: 'FIRE_RESCUE' } },
        { role: 'TOWNSHIP_OFFICER', scope: '520122200', expect: { townshipCode: '520122200' } },
        { role: 'SCHOOL_ADMIN', scope: schoolIds['DEMO-S008'], expect: { schoolId: schoolIds['DEMO-S008'] } },
      ];
      for (const input of inputs) {
        const username = `new-${input.role.toLowerCase().replace(/_/g, '-')}`;
        const res = await t.gql<{ createUser: Record<string, unknown> }>(
          CREATE,
          { input: { username, displayName: '新用户', password: TEST_PASSWORD, role: input.role, scope: input.scope } },
          adminToken(),
        );
        expect(res.errors).toBeUndefined();
        expect(res.data?.createUser).toMatchObject({
          username,
          role: input.role,
          departmentCode: null,
          townshipCode: null,
          schoolId: null,
          ...input.expect,
          disabled: false,
        });
        const audit = await t.dataSource.query(
          `SELECT actor_user_id, summary FROM audit_log WHERE action = 'identity.user.created' AND entity_id = $1`,
          [res.data?.createUser.id],
        );
        expect(audit).toEqual([
          { actor_user_id: admin.id, summary: expect.objectContaining({ username, role: input.role }) },
        ]);
        expect(JSON.stringify(audit)).not.toContain(TEST_PASSWORD);
        expect((await login(username, TEST_PASSWORD, '203.0.113.20')).data?.login.user.role).toBe(input.role);
      }
    });

    it('refuses a bad scope, a taken username or a weak password with a clear error, writing nothing', async () => {
      const before = await tables();
      const attempt = (input: Record<string, unknown>) =>
        t.gql(
          CREATE,
          {
            input: {
              username: 'li.ming',
              displayName: '李明',
              password: TEST_PASSWORD,
              role: 'DEPARTMENT_OFFICER',
              scope: 'EDU',
              ...input,
            },
          },
          adminToken(),
        );
      expect(expectGqlError(await attempt({ scope: 'NO_SUCH_DEPT' }), 'INVALID_SCOPE').extensions?.errors).toEqual([
        { path: 'scope', message: expect.stringContaining('NO_SUCH_DEPT') },
      ]);
      expectGqlError(await attempt({ scope: undefined }), 'INVALID_SCOPE');
      expectGqlError(await attempt({ role: 'COUNTY_ADMIN', scope: 'EDU' }), 'INVALID_SCOPE');
      expectGqlError(await attempt({ role: 'TOWNSHIP_OFFICER', scope: '999999999' }), 'INVALID_SCOPE');
      expectGqlError(
        await attempt({ role: 'SCHOOL_ADMIN', scope: '00000000-0000-4000-8000-000000000000' }),
        'INVALID_SCOPE',
      );
      expectGqlError(await attempt({ role: 'SCHOOL_ADMIN', scope: 'not-a-school' }), 'INVALID_SCOPE');
      expectGqlError(await attempt({ password: 'short' }), 'VALIDATION_FAILED');
      expectGqlError(await attempt({ username: 'no spaces allowed' }), 'VALIDATION_FAILED');
      expectGqlError(await attempt({ role: 'SUPERUSER' }), 'BAD_USER_INPUT');
      expect(await tables()).toEqual(before);
      expect((await attempt({})).errors).toBeUndefined();
      const afterOne = await tables();
      expectGqlError(await attempt({ username: 'LI.MING' }), 'USERNAME_TAKEN');
      expect(await tables()).toEqual(afterOne);
    });

    it("changes a user's role and scope, effective on their very next request", async () => {
      const officer = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
      const schoolsOf = async () =>
        (await t.gql<{ schools: { totalCount: number } }>(SCHOOLS, {}, officer.token)).data?.schools.totalCount;
      expect(await schoolsOf()).toBe(2);
      const UPDATE = `mutation($input: UpdateUserRoleInput!) { updateUserRole(input: $input) { role departmentCode townshipCode } }`;
      expectGqlError(
        await t.gql(UPDATE, { input: { userId: officer.id, role: 'SCHOOL_ADMIN', scope: '520122001' } }, adminToken()),
        'INVALID_SCOPE',
      );
      expect(await schoolsOf()).toBe(2);
      const res = await t.gql<{ updateUserRole: unknown }>(
        UPDATE,
        { input: { userId: officer.id, role: 'SCHOOL_ADMIN', scope: schoolIds['DEMO-S004'] } },
        adminToken(),
      );
      expect(res.data?.updateUserRole).toEqual({ role: 'SCHOOL_ADMIN', departmentCode: null, townshipCode: null });
      expect(await schoolsOf()).toBe(1);
      const [audit] = await t.dataSource.query(
        `SELECT summary FROM audit_log WHERE action = 'identity.user.role_changed' AND entity_id = $1`,
        [officer.id],
      );
      expect(audit.summary).toMatchObject({
        before: { role: 'TOWNSHIP_OFFICER', townshipCode: '520122001' },
        after: { role: 'SCHOOL_ADMIN', schoolId: schoolIds['DEMO-S004'] },
      });
      expectGqlError(
        await t.gql(
          UPDATE,
          { input: { userId: '00000000-0000-4000-8000-000000000000', role: 'INSPECTOR', scope: 'EDU' } },
          adminToken(),
        ),
        'USER_NOT_FOUND',
      );
    });

    it('disables a user at once (tokens and logins refused) and enables them again', async () => {
      const user = await t.loginAs(Role.INSPECTOR);
      const disabled = await t.gql<{ disableUser: { disabled: boolean } }>(
        `mutation($id: ID!) { disableUser(input: { userId: $id }) { disabled } }`,
        { id: user.id },
        adminToken(),
      );
      expect(disabled.data?.disableUser.disabled).toBe(true);
      expectGqlError(await t.gql(ME, {}, user.token), 'TOKEN_INVALID');
      expectGqlError(await login(user.username, TEST_PASSWORD, '203.0.113.30'), 'INVALID_CREDENTIALS');
      const listed = await t.gql<{ users: { totalCount: number } }>(
        `query($s: String) { users(filter: { search: $s }) { totalCount } }`,
        { s: user.username },
        adminToken(),
      );
      expect(listed.data?.users.totalCount).toBe(0);
      await t.gql(
        `mutation($id: ID!) { enableUser(input: { userId: $id }) { disabled } }`,
        { id: user.id },
        adminToken(),
      );
      expect((await login(user.username, TEST_PASSWORD, '203.0.113.30')).data?.login.user.id).toBe(user.id);
      expect(
        await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'identity.user.disabled' AND entity_id = $1`, [
          user.id,
        ]),
      ).toBe(1);
      expect(await auditCount('identity.user.enabled')).toBe(1);
    });

    it('resets a password: the old password and every earlier token stop working', async () => {
      const user = await t.loginAs(Role.DEPARTMENT_OFFICER);
      const RESET = `mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { id } }`;
      expectGqlError(
        await t.gql(RESET, { input: { userId: user.id, newPassword: 'short' } }, adminToken()),
        'VALIDATION_FAILED',
      );
      expect((await t.gql<{ me: { id: string } }>(ME, {}, user.token)).data?.me.id).toBe(user.id);
      await t.gql(RESET, { input: { userId: user.id, newPassword: 'a-brand-new-passphrase' } }, adminToken());
      expectGqlError(await t.gql(ME, {}, user.token), 'TOKEN_INVALID');
      expectGqlError(await login(user.username, TEST_PASSWORD, '203.0.113.31'), 'INVALID_CREDENTIALS');
      expect((await login(user.username, 'a-brand-new-passphrase', '203.0.113.31')).data?.login.user.id).toBe(user.id);
      const [audit] = await t.dataSource.query(
        `SELECT summary FROM audit_log WHERE action = 'identity.user.password_reset' AND entity_id = $1`,
        [user.id],
      );
      expect(JSON.stringify(audit)).not.toContain('a-brand-new-passphrase');
    });

    it('never returns a password hash', async () => {
      const res = await t
        .http()
        .post('/graphql')
        .set('Authorization', `Bearer ${adminToken()}`)
        .send({ query: '{ users(first: 100, filter: { includeDisabled: true }) { edges { node { id username } } } }' });
      expect(res.text).not.toMatch(/argon2/);
      const introspection = await t.gql<{ __type: { fields: { name: string }[] } }>(
        '{ __type(name: "User") { fields { name } } }',
      );
      expect(introspection.data?.__type.fields.map((f) => f.name)).not.toContain('passwordHash');
    });
  });

  describe('partner banks and their API keys', () => {
    const ISSUE = `mutation($b: String!) { issueBankApiKey(input: { bankCode: $b }) { keyId bankCode secret createdAt } }`;

    it('registers a bank and issues keys whose secret is shown once and stored encrypted; two may be active', async () => {
      const registered = await t.gql<{ registerPartnerBank: unknown }>(
        `mutation { registerPartnerBank(input: { code: "ICBC_XIFENG", name: "中国工商银行息烽支行" }) { code name } }`,
        {},
        adminToken(),
      );
      expect(registered.data?.registerPartnerBank).toEqual({ code: 'ICBC_XIFENG', name: '中国工商银行息烽支行' });
      const first = (
        await t.gql<{ issueBankApiKey: { keyId: string; secret: string } }>(ISSUE, { b: 'ICBC_XIFENG' }, adminToken())
      ).data!.issueBankApiKey;
      expect(Buffer.from(first.secret, 'base64url').length).toBeGreaterThanOrEqual(32);
      const [stored] = await t.dataSource.query(`SELECT secret_encrypted FROM bank_api_key WHERE key_id = $1`, [
        first.keyId,
      ]);
      expect(stored.secret_encrypted).not.toContain(first.secret);
      expect(decrypt(t.runtime.config.security.encryptionKey, stored.secret_encrypted)).toBe(first.secret);
      const second = (await t.gql<{ issueBankApiKey: { keyId: string } }>(ISSUE, { b: 'ICBC_XIFENG' }, adminToken()))
        .data!.issueBankApiKey;
      expectGqlError(await t.gql(ISSUE, { b: 'ICBC_XIFENG' }, adminToken()), 'BANK_KEY_LIMIT');
      await t.gql(
        `mutation($k: String!) { revokeBankApiKey(input: { keyId: $k }) { keyId } }`,
        { k: first.keyId },
        adminToken(),
      );
      const third = await t.gql<{ issueBankApiKey: { keyId: string } }>(ISSUE, { b: 'ICBC_XIFENG' }, adminToken());
      expect(third.errors).toBeUndefined();

      const listed = await t.gql<{ partnerBanks: { code: string; apiKeys: { keyId: string; active: boolean }[] }[] }>(
        '{ partnerBanks { code apiKeys { keyId active } } }',
        {},
        adminToken(),
      );
      const bank = listed.data?.partnerBanks.find((b) => b.code === 'ICBC_XIFENG');
      const byId = (a: { keyId: string }, b: { keyId: string }) => a.keyId.localeCompare(b.keyId);
      expect(bank?.apiKeys.sort(byId)).toEqual(
        [
          { keyId: first.keyId, active: false },
          { keyId: second.keyId, active: true },
          { keyId: third.data!.issueBankApiKey.keyId, active: true },
        ].sort(byId),
      );
      const audit = await t.dataSource.query(
        `SELECT action, summary FROM audit_log WHERE entity_id IN ($1, $2, 'ICBC_XIFENG') ORDER BY id`,
        [first.keyId, second.keyId],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'identity.bank.registered',
        'identity.bank_key.issued',
        'identity.bank_key.issued',
        'identity.bank_key.revoked',
      ]);
      expect(JSON.stringify(audit)).not.toContain(first.secret);
    });

    it('refuses duplicates, unknown banks and keys, and bad codes with clear errors', async () => {
      await t.gql(
        `mutation { registerPartnerBank(input: { code: "CCB_XIFENG", name: "建设银行" }) { code } }`,
        {},
        adminToken(),
      );
      expectGqlError(
        await t.gql(
          `mutation { registerPartnerBank(input: { code: "CCB_XIFENG", name: "again" }) { code } }`,
          {},
          adminToken(),
        ),
        'BANK_ALREADY_EXISTS',
      );
      expectGqlError(
        await t.gql(
          `mutation { registerPartnerBank(input: { code: "lower-case", name: "x" }) { code } }`,
          {},
          adminToken(),
        ),
        'VALIDATION_FAILED',
      );
      expectGqlError(await t.gql(ISSUE, { b: 'NO_SUCH_BANK' }, adminToken()), 'BANK_NOT_FOUND');
      expectGqlError(
        await t.gql(`mutation { revokeBankApiKey(input: { keyId: "bk_nope" }) { keyId } }`, {}, adminToken()),
        'BANK_KEY_NOT_FOUND',
      );
    });

    it('lets DISCIPLINE_SUPERVISOR read banks and keys but only COUNTY_ADMIN change them', async () => {
      const supervisor = await t.loginAs(Role.DISCIPLINE_SUPERVISOR);
      const keys = await t.gql<{ bankApiKeys: unknown[] }>(
        `{ bankApiKeys(filter: { bankCode: "ICBC_XIFENG" }) { keyId active } }`,
        {},
        supervisor.token,
      );
      expect(keys.data?.bankApiKeys).toHaveLength(3);
      expectGqlError(await t.gql(ISSUE, { b: 'ICBC_XIFENG' }, supervisor.token), 'FORBIDDEN');
      const officer = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FINANCIAL_OFFICE');
      expectGqlError(await t.gql('{ partnerBanks { code } }', {}, officer.token), 'FORBIDDEN');
      expectGqlError(
        await t.gql(
          `mutation { registerPartnerBank(input: { code: "ABC_XIFENG", name: "农业银行" }) { code } }`,
          {},
          officer.token,
        ),
        'FORBIDDEN',
      );
    });
  });
});
