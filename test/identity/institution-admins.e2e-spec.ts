import { InstitutionStatus } from '../../src/modules/registry';
import { XIFENG, seedReferenceDemo } from '../../src/modules/reference';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { TEST_PASSWORD } from '../factories/identity.factory';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id role institutionId } }`;
const CREATE_ADMIN = `mutation($input: CreateInstitutionAdminInput!) { createInstitutionAdmin(input: $input) { id username role institutionId disabled } }`;
const LOGIN = `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`;
const INSTITUTIONS = `{ institutions(first: 50) { edges { node { id } } } }`;

/**
 * Institution administrators (机构端, issue #20): who creates them and for which institution, what the
 * role is let into, and their end when the institution is deregistered or revoked.
 */
describe('institution administrators', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let edu: LoggedIn;
  let fire: LoggedIn;
  let township: LoggedIn;
  let operating: string;
  let approved: string;
  let applied: string;
  let civilAffairs: string;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-11-25T02:00:00Z') });
    await t.dataSource.transaction((em) =>
      seedReferenceDemo(
        em,
        t.runtime.config.security.piiHashKey,
        XIFENG.townships.map((x) => x.code),
      ),
    );
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    township = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
    operating = (await createInstitution(t)).id;
    approved = (await createInstitution(t, { status: InstitutionStatus.APPROVED })).id;
    applied = (await createInstitution(t, { status: InstitutionStatus.APPLIED })).id;
    civilAffairs = (await createInstitution(t, { legalForm: 'NON_PROFIT', competentDepartmentCode: 'CIVIL_AFFAIRS' }))
      .id;
  });
  afterAll(() => t?.close());

  const input = (institutionId: string) => ({
    username: `inst-admin-${++n}`,
    displayName: '机构管理员',
    password: TEST_PASSWORD,
    institutionId,
  });
  /** createUser's input for an institution administrator (scope: the institution id, or none). */
  const userInput = (scope?: string) => {
    const { institutionId: _, ...rest } = input(operating);
    return { ...rest, role: 'INSTITUTION_ADMIN', ...(scope ? { scope } : {}) };
  };
  const users = async (): Promise<number> =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user`))[0].n);
  const loginToken = async (username: string): Promise<string | undefined> =>
    (await t.gql<{ login: { accessToken: string } }>(LOGIN, { u: username, p: TEST_PASSWORD })).data?.login.accessToken;

  it('is created by the county office for an approved or operating institution, and sees that institution only', async () => {
    const res = await t.gql<{ createUser: { id: string; role: string; institutionId: string } }>(
      CREATE_USER,
      { input: userInput(operating) },
      admin.token,
    );
    expect(res.data?.createUser).toMatchObject({ role: 'INSTITUTION_ADMIN', institutionId: operating });
    const forApproved = await t.gql(CREATE_ADMIN, { input: input(approved) }, admin.token);
    expect(forApproved.errors).toBeUndefined();

    const token = t.tokenFor(res.data!.createUser.id);
    const me = await t.gql<{ me: { role: string; institutionId: string } }>(`{ me { role institutionId } }`, {}, token);
    expect(me.data?.me).toEqual({ role: 'INSTITUTION_ADMIN', institutionId: operating });
    const list = await t.gql<{ institutions: { edges: { node: { id: string } }[] } }>(INSTITUTIONS, {}, token);
    expect(list.data?.institutions.edges.map((e) => e.node.id)).toEqual([operating]);
    expectGqlError(
      await t.gql(`query($id: ID!) { institution(id: $id) { id } }`, { id: approved }, token),
      'INSTITUTION_NOT_FOUND',
    );
    // Operations without @Roles are for the county's staff: refused at the gate. Its own inbox is not.
    expectGqlError(await t.gql(`{ supervisionTasks(first: 5) { totalCount } }`, {}, token), 'FORBIDDEN');
    expectGqlError(await t.gql(`{ schools(first: 5) { totalCount } }`, {}, token), 'FORBIDDEN');
    expectGqlError(await t.gql(`{ unlicensedLeads(first: 5) { totalCount } }`, {}, token), 'FORBIDDEN');
    expect((await t.gql(`{ unreadNotificationCount }`, {}, token)).errors).toBeUndefined();
  });

  it('refuses an institution that is not approved or operating, unknown or malformed, writing nothing', async () => {
    const before = await users();
    for (const scope of [applied, '00000000-0000-4000-8000-000000000000', 'not-an-id', undefined]) {
      const res = await t.gql(CREATE_USER, { input: userInput(scope) }, admin.token);
      expectGqlError(res, 'INVALID_SCOPE');
    }
    expectGqlError(await t.gql(CREATE_ADMIN, { input: input(applied) }, admin.token), 'INVALID_SCOPE');
    expect(await users()).toBe(before);
  });

  it('is created by an EDU officer for the institutions EDU is competent for, audited; not by others', async () => {
    const res = await t.gql<{ createInstitutionAdmin: { id: string; institutionId: string } }>(
      CREATE_ADMIN,
      { input: input(operating) },
      edu.token,
    );
    expect(res.data?.createInstitutionAdmin.institutionId).toBe(operating);
    const [audit] = await t.dataSource.query(
      `SELECT actor_user_id, summary FROM audit_log WHERE action = 'identity.user.created' AND entity_id = $1`,
      [res.data!.createInstitutionAdmin.id],
    );
    expect(audit.actor_user_id).toBe(edu.id);
    expect(audit.summary).toMatchObject({ role: 'INSTITUTION_ADMIN', institutionId: operating });

    const before = await users();
    // Another department's institution (民政局 for a non-profit): not EDU's to administer.
    expectGqlError(await t.gql(CREATE_ADMIN, { input: input(civilAffairs) }, edu.token), 'INSTITUTION_ADMIN_FORBIDDEN');
    // A department without the supervision duty, and a role outside the gate.
    expectGqlError(await t.gql(CREATE_ADMIN, { input: input(operating) }, fire.token), 'INSTITUTION_ADMIN_FORBIDDEN');
    expectGqlError(await t.gql(CREATE_ADMIN, { input: input(operating) }, township.token), 'FORBIDDEN');
    // createUser stays the county office's, whatever the role asked for.
    expectGqlError(await t.gql(CREATE_USER, { input: userInput(operating) }, edu.token), 'FORBIDDEN');
    expect(await users()).toBe(before);
    // The county office creates them for any department's institution.
    expect((await t.gql(CREATE_ADMIN, { input: input(civilAffairs) }, admin.token)).errors).toBeUndefined();
  });

  it('disables the administrators of an institution when it is deregistered or revoked, and no others', async () => {
    const closing = (await createInstitution(t)).id;
    const revoked = (await createInstitution(t)).id;
    const created: Record<string, { id: string; username: string }> = {};
    for (const [key, id] of [
      ['closing1', closing],
      ['closing2', closing],
      ['revoked', revoked],
      ['staying', operating],
    ] as const) {
      const res = await t.gql<{ createInstitutionAdmin: { id: string; username: string } }>(
        CREATE_ADMIN,
        { input: input(id) },
        admin.token,
      );
      created[key] = res.data!.createInstitutionAdmin;
    }
    const tokens = Object.fromEntries(Object.entries(created).map(([k, u]) => [k, t.tokenFor(u.id)]));
    for (const token of Object.values(tokens)) expect((await t.gql(`{ me { id } }`, {}, token)).errors).toBeUndefined();

    const command = (name: string, id: string) =>
      t.gql(
        `mutation($input: InstitutionCommandInput!) { ${name}(input: $input) { status } }`,
        {
          input: { id, reason: '测试' },
        },
        admin.token,
      );
    expect((await command('deregisterInstitution', closing)).errors).toBeUndefined();
    expect((await command('revokeLicence', revoked)).errors).toBeUndefined();
    await t.settle();

    for (const key of ['closing1', 'closing2', 'revoked']) {
      expectGqlError(await t.gql(`{ me { id } }`, {}, tokens[key]), 'TOKEN_INVALID');
      expect(await loginToken(created[key]!.username)).toBeUndefined();
      const [audit] = await t.dataSource.query(
        `SELECT actor_kind, summary FROM audit_log WHERE action = 'identity.user.disabled' AND entity_id = $1`,
        [created[key]!.id],
      );
      expect(audit.actor_kind).toBe('system');
    }
    expect((await t.gql(`{ me { id } }`, {}, tokens.staying)).errors).toBeUndefined();
    expect(await loginToken(created.staying!.username)).toBeDefined();
    // A new administrator for a deregistered institution is refused.
    expectGqlError(await t.gql(CREATE_ADMIN, { input: input(closing) }, admin.token), 'INVALID_SCOPE');
  });
});
