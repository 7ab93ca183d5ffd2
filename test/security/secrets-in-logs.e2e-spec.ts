import { Writable } from 'node:stream';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { TestApp, expectGqlError, startTestApp } from '../support/test-app';

/**
 * No secret in the logs: the app runs at LOG_LEVEL=debug with its pino output captured (pino is wrapped
 * to write into a buffer), people log in (right and wrong passwords), passwords are set and reset, a bank
 * key is issued and used (good and bad signatures) — then the captured lines are searched for each
 * password and secret in clear (also tokens sent in a query string, which the access log leaves out).
 */
const mockCaptured: string[] = [];
jest.mock('pino', () => {
  const { Writable: W } = jest.requireActual('node:stream') as { Writable: typeof Writable };
  const real = jest.requireActual('pino');
  const sink = new W({
    write(chunk: Buffer, _enc: string, done: () => void) {
      mockCaptured.push(chunk.toString('utf8'));
      done();
    },
  });
  const wrapped = (options: object) => real(options, sink);
  Object.assign(wrapped, real);
  return Object.assign(wrapped, { default: wrapped, pino: wrapped });
});

describe('secrets in logs', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('logs requests but never a password, a bank secret or an access token', async () => {
    t = await startTestApp({ clock: new FixedClock('2026-11-28T04:00:00Z'), env: { LOG_LEVEL: 'debug' } });
    const secrets: string[] = [];
    const admin = await t.loginAs(Role.COUNTY_ADMIN);
    const inspector = await t.loginAs(Role.INSPECTOR);
    const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;
    const good = await t.gql<{ login: { accessToken: string } }>(LOGIN, {
      i: { username: inspector.username, password: inspector.password },
    });
    secrets.push(inspector.password, good.data!.login.accessToken, admin.token);
    const wrongPassword = 'Wr0ng-but-secret-password!';
    secrets.push(wrongPassword);
    expectGqlError(
      await t.gql(LOGIN, { i: { username: inspector.username, password: wrongPassword } }),
      'INVALID_CREDENTIALS',
    );

    const newPassword = 'freshly-chosen-password-42';
    const reset = `mutation($i: ResetUserPasswordInput!) { resetUserPassword(input: $i) { id } }`;
    expect((await t.gql(reset, { i: { userId: inspector.id, newPassword } }, admin.token)).errors).toBeUndefined();
    const tooShort = 'short7!';
    await t.gql(reset, { i: { userId: inspector.id, newPassword: tooShort } }, admin.token); // refused, with the input echoed nowhere
    const createdPassword = 'created-user-password-99';
    await t.gql(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
      { i: { username: `log${Date.now()}`, password: createdPassword, role: 'COUNTY_ADMIN', displayName: '日志' } },
      admin.token,
    );
    secrets.push(newPassword, tooShort, createdPassword);

    const bank = await t.registerBank();
    const issued = await t.gql<{ issueBankApiKey: { keyId: string; secret: string } }>(
      `mutation($c: String!) { issueBankApiKey(input: { bankCode: $c }) { keyId secret } }`,
      { c: bank.bankCode },
      admin.token,
    );
    secrets.push(bank.secret, issued.data!.issueBankApiKey.secret);
    await t.bankRequest('GET', '/api/bank/v1/accounts', undefined, bank).expect(200);
    await t.bankRequest('GET', '/api/bank/v1/accounts', undefined, bank, { secret: 'not-the-secret' }).expect(401);
    await t.bankRequest('POST', '/api/bank/v1/statements', '{"statements": [', bank).expect(400);
    // A 500-free error path with an Authorization header on a route that refuses it.
    await t.http().get('/api/bank/v1/accounts').set('Authorization', `Bearer ${admin.token}`).expect(401);
    // Tokens and personal data in a query string: the access log keeps the path only.
    const queryToken = 'query-string-token-7f3a9c';
    secrets.push(queryToken);
    await t.http().get(`/api/bank/v1/accounts?access_token=${admin.token}`).expect(401);
    await t.http().get(`/graphql?query=%7B__typename%7D&token=${queryToken}`);

    const log = mockCaptured.join('');
    expect(log).toContain('/api/bank/v1/accounts'); // the capture works: requests were logged
    expect(log).toContain('"path":"/api/bank/v1/accounts"');
    const leaked = secrets.filter((s) => log.includes(s));
    expect(leaked).toEqual([]);
    console.log(`secrets in logs: ${secrets.length} secrets searched in ${mockCaptured.length} log lines, none found`);
  });
});
