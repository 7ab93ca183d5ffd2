import { seedAfterSchoolDemo } from '../../src/modules/after-school';
import { seedComplaintsDemo } from '../../src/modules/complaints/seed/demo-data';
import { seedCreditDemo } from '../../src/modules/credit/seed/demo-data';
import { seedEscrowDemo } from '../../src/modules/escrow';
import { XIFENG, seedReferenceDemo } from '../../src/modules/reference';
import { seedRegistryDemo } from '../../src/modules/registry/seed/demo-data';
import { seedSupervisionDemo } from '../../src/modules/supervision/seed/demo-data';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { ComplaintsFacade } from '../../src/modules/complaints';
import { EscrowFacade } from '../../src/modules/escrow';
import { IdentityFacade } from '../../src/modules/identity';
import { RegistryFacade } from '../../src/modules/registry';
import { UserPrincipal } from '../../src/platform/auth/principal';
import { Role } from '../../src/platform/auth/role';
import { Loaders } from '../../src/platform/graphql/loaders';
import { FixedClock } from '../../src/platform/clock/clock';
import { businessDate } from '../../src/platform/clock/business-time';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';

const LINKS: Record<string, string> = {
  registry: `{ institutions(first: 3) { edges { node { id premises { institution { id } } staff { institution { id } }
    courses { institution { id } } materials { institution { id } course { id } } annualReviews { institution { id } } } } }
    unlicensedLeads(first: 5) { edges { node { institutionId institution { id } } } } }`,
  afterSchool: `{ afterSchoolPlans(first: 5) { edges { node { schoolId school { id }
    staff { teacherId teacher { id name } institutionId institution { id } } } } } }`,
  complaints: `{ complaints(first: 20) { edges { node { institutionId institution { id } duplicateOfId duplicateOf { id } } } } }`,
  credit: `{ creditEntries(first: 10) { edges { node { institution { id } recordIds records { id staffId staff { id } } } } } }`,
  escrow: `{ escrowAccounts(first: 5) { edges { node { id instructions { accountId account { id } contractIds contracts { id } } } } } }`,
  supervision: `{ supervisionTasks(first: 10) { edges { node { campaignId campaign { id } assigneeIds assignees { id displayName }
    findings { taskId task { id } violations { institutionId institution { id } } } } } }
    rectificationOrders(first: 5) { edges { node { taskId task { id } findingId finding { id } recheckTaskId recheckTask { id } } } } }`,
  identity: `{ users(first: 50) { edges { node { schoolId school { id } institutionId institution { id } } } }
    auditLog(first: 50) { edges { node { actorUserId actorUser { id } } } } }`,
};

/** Every link field resolves on the demo data, for the county office and for scoped roles, without errors. */
describe('GraphQL links on the demo data', () => {
  let t: TestApp;
  let admin: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock('2026-11-29T02:00:00Z') });
    const config = t.app.get<AppConfig>(APP_CONFIG);
    const now = t.clock.now();
    await t.dataSource.transaction(async (em) => {
      await seedReferenceDemo(
        em,
        config.security.piiHashKey,
        XIFENG.townships.map((x) => x.code),
      );
      await seedRegistryDemo(em, config.security, now);
      await seedEscrowDemo(em, now, config.timeZone);
      await seedAfterSchoolDemo(em, businessDate(now, config.timeZone));
      await seedComplaintsDemo(em, config.security.encryptionKey, config.timeZone);
      await seedCreditDemo(em, now, config.timeZone);
      await seedSupervisionDemo(em, now);
    });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
  });
  afterAll(() => t?.close());

  it.each(Object.keys(LINKS))('resolves the %s links for the county office without errors', async (name) => {
    const res = await t.gql<Record<string, unknown>>(LINKS[name]!, {}, admin.token);
    expect(res.errors).toBeUndefined();
  });

  it('fills the links the demo data has, each the record its id names', async () => {
    const res = await t.gql<{
      afterSchoolPlans: {
        edges: {
          node: {
            schoolId: string;
            school: { id: string };
            staff: { teacherId: string | null; teacher: { id: string } | null }[];
          };
        }[];
      };
    }>(LINKS.afterSchool!, {}, admin.token);
    const plans = res.data!.afterSchoolPlans.edges.map((e) => e.node);
    expect(plans.length).toBeGreaterThan(0);
    for (const p of plans) expect(p.school.id).toBe(p.schoolId);
    const teachers = plans.flatMap((p) => p.staff).filter((s) => s.teacherId);
    expect(teachers.length).toBeGreaterThan(0);
    for (const s of teachers) expect(s.teacher?.id).toBe(s.teacherId); // the county office reads rosters
    // A township officer reads the plans of their township but not the roster (teachers): null.
    const [{ code }] = (await t.dataSource.query(
      `SELECT p.township_code AS code FROM after_school_plan p JOIN after_school_plan_staff s ON s.plan_id = p.id
       WHERE s.teacher_id IS NOT NULL LIMIT 1`,
    )) as { code: string }[];
    const township = await t.loginAs(Role.TOWNSHIP_OFFICER, code);
    const theirs = await t.gql<typeof res.data>(LINKS.afterSchool!, {}, township.token);
    expect(theirs.errors).toBeUndefined();
    const theirTeachers = theirs.data!.afterSchoolPlans.edges.flatMap((p) => p.node.staff).filter((s) => s.teacherId);
    expect(theirTeachers.length).toBeGreaterThan(0);
    for (const s of theirTeachers) expect(s.teacher).toBeNull();
  });

  it("shows a user's school and institution, and an audit entry's acting user, to the county office", async () => {
    const [{ id: school }] = (await t.dataSource.query(`SELECT id FROM school ORDER BY code LIMIT 1`)) as {
      id: string;
    }[];
    const [{ id: institution }] = (await t.dataSource.query(`SELECT id FROM institution ORDER BY name LIMIT 1`)) as {
      id: string;
    }[];
    await t.loginAs(Role.SCHOOL_ADMIN, school);
    await t.loginAs(Role.INSTITUTION_ADMIN, institution);
    const campaign = await t.gql(
      `mutation { createSupervisionCampaign(input: { name: "链接测试", startsOn: "2026-12-01", endsOn: "2026-12-31" }) { id } }`,
      {},
      admin.token,
    );
    expect(campaign.errors).toBeUndefined();
    const res = await t.gql<{
      users: {
        edges: {
          node: {
            schoolId: string | null;
            school: { id: string } | null;
            institutionId: string | null;
            institution: { id: string } | null;
          };
        }[];
      };
      auditLog: { edges: { node: { actorUserId: string | null; actorUser: { id: string } | null } }[] };
    }>(LINKS.identity!, {}, admin.token);
    expect(res.errors).toBeUndefined();
    const users = res.data!.users.edges.map((e) => e.node);
    expect(users.find((u) => u.schoolId === school)?.school).toEqual({ id: school });
    expect(users.find((u) => u.institutionId === institution)?.institution).toEqual({ id: institution });
    const acted = res.data!.auditLog.edges.map((e) => e.node).filter((e) => e.actorUserId === admin.id);
    expect(acted.length).toBeGreaterThan(0);
    for (const e of acted) expect(e.actorUser).toEqual({ id: admin.id });
  });

  it('links courses, staff, accounts, bank instructions, complaints and users through the facades, null out of role', async () => {
    const county: UserPrincipal = { kind: 'user', userId: admin.id, username: 'a', role: Role.COUNTY_ADMIN };
    const school: UserPrincipal = {
      kind: 'user',
      userId: admin.id,
      username: 's',
      role: Role.SCHOOL_ADMIN,
      schoolId: 'x',
    };
    const one = async (sql: string) => ((await t.dataSource.query(sql)) as { id: string }[])[0]?.id;
    const registry = t.app.get(RegistryFacade);
    const escrow = t.app.get(EscrowFacade);
    const cases: [string | undefined, (p: UserPrincipal) => Promise<{ id: string } | null>][] = [
      [await one(`SELECT id FROM course LIMIT 1`), (p) => registry.courseLink(new Loaders(), p, course)],
      [await one(`SELECT id FROM staff LIMIT 1`), (p) => registry.staffLink(new Loaders(), p, staff)],
      [await one(`SELECT id FROM escrow_account LIMIT 1`), (p) => escrow.accountLink(new Loaders(), p, account)],
      [
        await one(`SELECT id FROM complaint LIMIT 1`),
        (p) => t.app.get(ComplaintsFacade).complaintLink(new Loaders(), p, complaint),
      ],
      [admin.id, (p) => t.app.get(IdentityFacade).userLink(new Loaders(), p, admin.id)],
    ];
    const [course, staff, account, complaint] = cases.map((c) => c[0]);
    for (const [id, link] of cases) {
      expect(id).toBeDefined();
      expect(await link(county)).toMatchObject({ id });
      expect(await link(school)).toBeNull();
    }
    const [{ id: instruction }] = (await t.dataSource.query(
      `INSERT INTO escrow_instruction (account_id, bank_code, institution_id, action, status, reason, issued_by, issued_at)
       SELECT id, bank_code, institution_id, 'FREEZE', 'EXECUTED', 'test', 'test', now() FROM escrow_account WHERE id = $1
       RETURNING id`,
      [account],
    )) as { id: string }[];
    expect(await escrow.instructionLink(new Loaders(), county, instruction)).toMatchObject({
      id: instruction,
      accountId: account,
    });
    expect(await escrow.instructionLink(new Loaders(), school, instruction)).toBeNull();
  });
});
