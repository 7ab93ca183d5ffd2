import { randomInt } from 'node:crypto';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { openAccount } from '../factories/escrow.factory';
import { TEST_PASSWORD, TestBankKey } from '../factories/identity.factory';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

const CHANGE = `mutation($input: ChangeMyPasswordInput!) { changeMyPassword(input: $input) { accessToken expiresAt user { id username } } }`;
const LOGIN = `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`;
const ME = `{ me { id username } }`;
const SEARCH = `query($name: String!, $township: String, $first: Int) {
  searchInstitutionsPublic(filter: { name: $name, townshipCode: $township }, first: $first) {
    name creditCode townshipCode status address premisesAddresses licenceNumber complaintHotline
    standing { standing } escrowPaymentAccount { bankName accountNo }
  }
}`;

type Change = { changeMyPassword: { accessToken: string; expiresAt: string; user: { id: string; username: string } } };
type Profile = {
  name: string;
  creditCode: string;
  townshipCode: string;
  status: string;
  address: string;
  premisesAddresses: string[];
  escrowPaymentAccount: { bankName: string; accountNo: string } | null;
};
type Search = { searchInstitutionsPublic: Profile[] };

const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** changeMyPassword (any logged-in user) and the public institution search with its profile fields. */
describe('own password change and public institution search', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-11-25T02:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: {
        LOGIN_MAX_FAILURES: '5',
        LOGIN_SLOW_AFTER: '3',
        REGISTRY_PUBLIC_SEARCH_BURST: '4',
        REGISTRY_PUBLIC_SEARCH_WINDOW_SECONDS: '60',
      },
    });
  });
  afterAll(() => t?.close());

  const change = (token: string, currentPassword: string, newPassword: string, address = someAddress()) =>
    t.gql<Change>(CHANGE, { input: { currentPassword, newPassword } }, token, { 'X-Forwarded-For': address });
  const login = (username: string, password: string) =>
    t.gql<{ login: { accessToken: string } }>(LOGIN, { u: username, p: password }, undefined, {
      'X-Forwarded-For': someAddress(),
    });
  const userRow = async (id: string) =>
    (
      await t.dataSource.query(`SELECT password_hash, session_version, updated_at FROM app_user WHERE id = $1`, [id])
    )[0] as { password_hash: string; session_version: number; updated_at: Date };
  const auditRows = (action: string, userId: string) =>
    t.dataSource.query(`SELECT actor_user_id, summary FROM audit_log WHERE action = $1 AND entity_id = $2`, [
      action,
      userId,
    ]);

  describe('changeMyPassword', () => {
    let user: LoggedIn;
    beforeEach(async () => {
      user = await t.loginAs(Role.TOWNSHIP_OFFICER);
    });

    it('sets the new password, refuses the earlier token, answers a fresh one, and audits without passwords', async () => {
      const newPassword = 'a-brand-new-passphrase-2026';
      const res = await change(user.token, TEST_PASSWORD, newPassword, '198.51.100.7');
      expect(res.errors).toBeUndefined();
      const { accessToken, user: who } = res.data!.changeMyPassword;
      expect(who).toEqual({ id: user.id, username: user.username });
      expectGqlError(await t.gql(ME, {}, user.token), 'TOKEN_INVALID');
      expect((await t.gql<{ me: { id: string } }>(ME, {}, accessToken)).data?.me.id).toBe(user.id);
      expectGqlError(await login(user.username, TEST_PASSWORD), 'INVALID_CREDENTIALS');
      const relogged = (await login(user.username, newPassword)).data?.login.accessToken;
      expect((await t.gql<{ me: { id: string } }>(ME, {}, relogged)).data?.me.id).toBe(user.id);
      const audited = await auditRows('identity.user.password_changed', user.id);
      expect(audited).toEqual([
        { actor_user_id: user.id, summary: { username: user.username, address: '198.51.100.7' } },
      ]);
      expect(JSON.stringify(audited)).not.toContain(newPassword);
    });

    it('refuses a wrong current password (counted as a failed login), a weak or unchanged new password, and changes nothing', async () => {
      const before = await userRow(user.id);
      const wrong = await change(user.token, 'not-my-password-at-all', 'another-good-passphrase');
      expect(expectGqlError(wrong, 'CURRENT_PASSWORD_INCORRECT').message).toMatch(/current password/i);
      const [throttle] = await t.dataSource.query(`SELECT failures FROM login_throttle WHERE throttle_key = $1`, [
        `username:${user.username}`,
      ]);
      expect(throttle.failures).toBe(1);
      const failed = await auditRows('identity.password_change.failed', user.id);
      expect(failed).toHaveLength(1);
      expect(JSON.stringify(failed)).not.toContain('not-my-password-at-all');

      expectGqlError(await change(user.token, TEST_PASSWORD, 'short'), 'VALIDATION_FAILED');
      const sameAsUsername = expectGqlError(
        await change(user.token, TEST_PASSWORD, user.username.toUpperCase()),
        'VALIDATION_FAILED',
      );
      expect(JSON.stringify(sameAsUsername)).toContain('must not be the username');
      const unchanged = expectGqlError(await change(user.token, TEST_PASSWORD, TEST_PASSWORD), 'VALIDATION_FAILED');
      expect(JSON.stringify(unchanged)).toContain('must differ from the current password');

      expect(await userRow(user.id)).toEqual(before);
      expect((await t.gql<{ me: { id: string } }>(ME, {}, user.token)).data?.me.id).toBe(user.id);
      expect(await auditRows('identity.user.password_changed', user.id)).toEqual([]);
      // The right password takes the counted failure back, as a login does.
      const [after] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM login_throttle WHERE throttle_key = $1`,
        [`username:${user.username}`],
      );
      expect(after.n).toBe(0);
    });

    it('locks like login: wrong current passwords up to the limit, then TOO_MANY_LOGIN_ATTEMPTS even for the right one', async () => {
      for (let i = 0; i < 5; i++) {
        expectGqlError(
          await change(user.token, `wrong-${i}-password`, 'another-good-passphrase'),
          'CURRENT_PASSWORD_INCORRECT',
        );
        clock.advance(70_000);
      }
      expectGqlError(await change(user.token, TEST_PASSWORD, 'another-good-passphrase'), 'TOO_MANY_LOGIN_ATTEMPTS');
      expectGqlError(await login(user.username, TEST_PASSWORD), 'TOO_MANY_LOGIN_ATTEMPTS');
      clock.advance(3_600_000);
    });

    it('needs a login', async () => {
      expectGqlError(
        await t.gql(CHANGE, { input: { currentPassword: TEST_PASSWORD, newPassword: 'another-good-passphrase' } }),
        'UNAUTHENTICATED',
      );
    });
  });

  describe('searchInstitutionsPublic', () => {
    const tag = `晨曦${randomInt(100_000, 999_999)}`;
    let bank: TestBankKey;
    let admin: LoggedIn;
    const search = (name: string, township?: string, first?: number, address = someAddress()) =>
      t.gql<Search>(SEARCH, { name, township, first }, undefined, { 'X-Forwarded-For': address });

    beforeAll(async () => {
      admin = await t.loginAs(Role.COUNTY_ADMIN);
      bank = await t.registerBank();
      const operating = await createInstitution(t, {
        name: `${tag}艺术培训学校`,
        address: '永阳街道文化路 8 号',
        contactPhone: '13800000001',
        legalRepresentative: '李四',
      });
      await t.dataSource.query(
        `INSERT INTO premises (institution_id, address, floor_area_m2, fire_design_review, fire_acceptance, fire_inspection, health_inspection, created_at, updated_at)
        SELECT $1, '永阳街道文化路 8 号 2 楼', 300, 'PASSED', 'PASSED', 'PASSED', 'PASSED', $2, $2`,
        [operating.id, clock.now()],
      );
      await openAccount(t, admin.token, bank.bankCode, operating);
      await createInstitution(t, { name: `${tag}体育俱乐部`, townshipCode: '520122100', status: 'SUSPENDED' });
      await createInstitution(t, { name: `${tag}科技中心`, status: 'DEREGISTERED' });
      await createInstitution(t, { name: `${tag}书法社`, status: 'REVOKED' });
      await createInstitution(t, {
        name: `${tag}申请中机构`,
        status: 'APPLIED',
        licenceNumber: null,
        licenceValidFrom: null,
        licenceValidUntil: null,
      });
      await createInstitution(t, {
        name: `${tag}被驳回机构`,
        status: 'REJECTED',
        licenceNumber: null,
        licenceValidFrom: null,
        licenceValidUntil: null,
      });
      for (let i = 0; i < 22; i++) await createInstitution(t, { name: `批量${tag}机构${String(i).padStart(2, '0')}` });
    });

    it('finds published institutions by part of the name, with the licence facts, addresses and the payment account', async () => {
      const res = await search(`${tag}艺术`);
      expect(res.errors).toBeUndefined();
      const [found] = res.data!.searchInstitutionsPublic;
      expect(res.data!.searchInstitutionsPublic).toHaveLength(1);
      expect(found).toMatchObject({
        name: `${tag}艺术培训学校`,
        status: 'OPERATING',
        townshipCode: '520122001',
        address: '永阳街道文化路 8 号',
        premisesAddresses: ['永阳街道文化路 8 号 2 楼'],
      });
      expect(found!.escrowPaymentAccount?.accountNo).toMatch(/^6222/);
      expect(found!.escrowPaymentAccount?.bankName).toBe(`测试银行 ${bank.bankCode}`);
      // Case-insensitive infix match (the middle of the name).
      expect((await search('艺术培训')).data!.searchInstitutionsPublic.map((p) => p.name)).toContain(
        `${tag}艺术培训学校`,
      );
    });

    it('shows approved, operating, suspended, deregistered and revoked institutions, never applications or rejections', async () => {
      const names = (await search(`${tag}`, undefined, 20)).data!.searchInstitutionsPublic.map((p) => p.name);
      expect(names).toEqual(
        expect.arrayContaining([`${tag}艺术培训学校`, `${tag}体育俱乐部`, `${tag}科技中心`, `${tag}书法社`]),
      );
      expect(names).not.toContain(`${tag}申请中机构`);
      expect(names).not.toContain(`${tag}被驳回机构`);
      // Names starting with the fragment come before those containing it.
      expect(names.slice(0, 4).every((n) => n.startsWith(tag))).toBe(true);
      // A suspended or closed institution shows no account to pay into.
      const closed = (await search(`${tag}科技`)).data!.searchInstitutionsPublic;
      expect(closed).toEqual([expect.objectContaining({ status: 'DEREGISTERED', escrowPaymentAccount: null })]);
    });

    it('filters by township and answers at most `first`, never more than 20', async () => {
      const inTownship = (await search(tag, '520122100')).data!.searchInstitutionsPublic;
      expect(inTownship.map((p) => p.name)).toEqual([`${tag}体育俱乐部`]);
      expect((await search(tag, undefined, 5)).data!.searchInstitutionsPublic).toHaveLength(5);
      expect((await search(tag)).data!.searchInstitutionsPublic).toHaveLength(10);
      expect((await search(tag, undefined, 20)).data!.searchInstitutionsPublic).toHaveLength(20);
      expectGqlError(await search(tag, undefined, 21), 'VALIDATION_FAILED');
      expectGqlError(await search(tag, undefined, 0), 'VALIDATION_FAILED');
    });

    it('refuses fragments that are too short or too long, and treats % and _ literally', async () => {
      expectGqlError(await search('晨'), 'VALIDATION_FAILED');
      expectGqlError(await search('   '), 'VALIDATION_FAILED');
      expectGqlError(await search('晨'.repeat(51)), 'VALIDATION_FAILED');
      expect((await search('%%')).data!.searchInstitutionsPublic).toEqual([]);
      expect((await search('__')).data!.searchInstitutionsPublic).toEqual([]);
    });

    it('publishes no private field', async () => {
      const schema = await t.gql<{ __type: { fields: { name: string }[] } }>(
        `{ __type(name: "InstitutionPublicProfile") { fields { name } } }`,
      );
      const fields = schema.data!.__type.fields.map((f) => f.name);
      for (const hidden of [
        'id',
        'staff',
        'contactPhone',
        'legalRepresentative',
        'idNumber',
        'idNumberMasked',
        'gridCode',
        'institutionId',
      ])
        expect(fields).not.toContain(hidden);
      const res = await t
        .http()
        .post('/graphql')
        .set('X-Forwarded-For', someAddress())
        .send({ query: SEARCH, variables: { name: `${tag}艺术` } });
      const body = JSON.stringify(res.body);
      expect(body).not.toContain('13800000001');
      expect(body).not.toContain('李四');
      const asked = await t.gql(
        `{ searchInstitutionsPublic(filter: { name: "${tag}" }) { staff { name } } }`,
        {},
        undefined,
        {
          'X-Forwarded-For': someAddress(),
        },
      );
      expect(asked.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('rate-limits per client address, and refills with time', async () => {
      const address = someAddress();
      for (let i = 0; i < 4; i++) expect((await search(tag, undefined, 1, address)).errors).toBeUndefined();
      const limited = await search(tag, undefined, 1, address);
      expect(expectGqlError(limited, 'TOO_MANY_REQUESTS').message).toMatch(/retry after \d+ s/);
      expect((await search(tag, undefined, 1, someAddress())).errors).toBeUndefined();
      clock.advance(15_000);
      expect((await search(tag, undefined, 1, address)).errors).toBeUndefined();
    });
  });
});
