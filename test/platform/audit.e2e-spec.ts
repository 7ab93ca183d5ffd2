import { AuditService } from '../../src/platform/audit/audit.service';
import { systemPrincipal } from '../../src/platform/auth/principal';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { TEST_PASSWORD } from '../factories/identity.factory';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

const AUDIT_LOG = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id occurredAt actorKind actorUserId actorName action entityType entityId requestId summary } }
  }
}`;

type Entry = {
  id: string;
  occurredAt: string;
  actorKind: string;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  summary: Record<string, unknown>;
};
type Page = {
  auditLog: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Entry }[];
  };
};

describe('audit log', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-05-01T00:00:00Z');
  let admin: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
  });
  afterAll(() => t?.close());

  const rows = () => t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`).then((r) => r[0].n as number);

  it('records who did what to which record, when, in which request, with a summary of the change', async () => {
    const res = await t.gql<{ createUser: { id: string } }>(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          username: 'zhao.lei',
          displayName: '赵磊',
          password: TEST_PASSWORD,
          role: 'TOWNSHIP_OFFICER',
          scope: '520122103',
        },
      },
      admin.token,
      { 'X-Request-Id': 'req-audit-0001' },
    );
    const id = res.data!.createUser.id;
    const page = await t.gql<Page>(AUDIT_LOG, { filter: { entityType: 'user', entityId: id } }, admin.token);
    expect(page.data?.auditLog.edges.map((e) => e.node)).toEqual([
      {
        id: expect.any(String),
        occurredAt: clock.now().toISOString(),
        actorKind: 'USER',
        actorUserId: admin.id,
        actorName: admin.username,
        action: 'identity.user.created',
        entityType: 'user',
        entityId: id,
        requestId: 'req-audit-0001',
        summary: {
          username: 'zhao.lei',
          displayName: '赵磊',
          role: 'TOWNSHIP_OFFICER',
          townshipCode: '520122103',
          departmentCode: null,
          schoolId: null,
          institutionId: null,
        },
      },
    ]);
  });

  it('is written in the transaction of the change: a change that fails or rolls back leaves no entry', async () => {
    const before = await rows();
    const failed = await t.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          username: 'bad.scope',
          displayName: 'x',
          password: TEST_PASSWORD,
          role: 'TOWNSHIP_OFFICER',
          scope: 'nowhere',
        },
      },
      admin.token,
    );
    expectGqlError(failed, 'INVALID_SCOPE');
    const audit = t.app.get(AuditService);
    await expect(
      t.dataSource.transaction(async (em) => {
        await audit.record(em, { actor: systemPrincipal('test'), action: 'test.rolled_back', entityType: 'probe' });
        throw new Error('the change failed after its audit entry was written');
      }),
    ).rejects.toThrow('the change failed');
    await expect(
      audit.record(t.dataSource.manager, {
        actor: systemPrincipal('test'),
        action: 'test.outside',
        entityType: 'probe',
      }),
    ).rejects.toThrow(/inside the transaction/);
    expect(await rows()).toBe(before);
  });

  it('cannot be changed or deleted, even by the database owner: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const before = await t.dataSource.query(`SELECT * FROM audit_log ORDER BY id`);
    expect(before.length).toBeGreaterThan(0);
    await expect(t.dataSource.query(`UPDATE audit_log SET action = 'identity.nothing_happened'`)).rejects.toThrow(
      /audit_log is append-only: UPDATE refused/,
    );
    await expect(t.dataSource.query(`DELETE FROM audit_log WHERE id = $1`, [before[0].id])).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(t.dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(t.dataSource.query(`UPDATE audit_log SET summary = '{}' WHERE false`)).rejects.toThrow(/append-only/);
    expect(await t.dataSource.query(`SELECT * FROM audit_log ORDER BY id`)).toEqual(before);
  });

  it('pages newest first and filters by actor, action, record and time', async () => {
    const start = clock.now();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      const res = await t.gql<{ registerPartnerBank: { code: string } }>(
        `mutation($c: String!) { registerPartnerBank(input: { code: $c, name: "银行" }) { code } }`,
        { c: `BANK_${i}` },
        t.tokenFor(admin.id),
      );
      created.push(res.data!.registerPartnerBank.code);
    }
    const token = t.tokenFor(admin.id);
    const filter = { action: 'identity.bank.registered', actorUserId: admin.id };
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: { data?: Page } = await t.gql<Page>(AUDIT_LOG, { filter, first: 2, after }, token);
      expect(res.data!.auditLog.totalCount).toBe(5);
      seen.push(...res.data!.auditLog.edges.map((e) => e.node.entityId as string));
      after = res.data!.auditLog.pageInfo.hasNextPage ? res.data!.auditLog.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([...created].reverse());

    const window = await t.gql<Page>(
      AUDIT_LOG,
      {
        filter: {
          ...filter,
          from: new Date(start.getTime() + 120_000).toISOString(),
          to: new Date(start.getTime() + 240_000).toISOString(),
        },
      },
      token,
    );
    expect(window.data?.auditLog.edges.map((e) => e.node.entityId)).toEqual(['BANK_2', 'BANK_1']);

    // Entries of the same instant page by id, none lost or repeated.
    for (const code of ['SAME_A', 'SAME_B', 'SAME_C']) {
      await t.gql(
        `mutation($c: String!) { registerPartnerBank(input: { code: $c, name: "银行" }) { code } }`,
        { c: code },
        token,
      );
    }
    const same: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { data?: Page } = await t.gql<Page>(
        AUDIT_LOG,
        { filter: { action: 'identity.bank.registered', from: clock.now().toISOString() }, first: 1, after: cursor },
        token,
      );
      same.push(...res.data!.auditLog.edges.map((e) => e.node.entityId as string));
      cursor = res.data!.auditLog.pageInfo.hasNextPage ? res.data!.auditLog.pageInfo.endCursor : null;
    } while (cursor);
    expect(same).toEqual(['SAME_C', 'SAME_B', 'SAME_A', 'BANK_4']); // BANK_4 was registered at this instant too

    expectGqlError(await t.gql(AUDIT_LOG, { filter: { actorUserId: 'not-a-uuid' } }, token), 'VALIDATION_FAILED');
    expectGqlError(await t.gql(AUDIT_LOG, { after: 'garbage' }, token), 'VALIDATION_FAILED');
  });

  it('is readable by COUNTY_ADMIN and DISCIPLINE_SUPERVISOR only', async () => {
    const supervisor = await t.loginAs(Role.DISCIPLINE_SUPERVISOR);
    const stored = Number((await t.dataSource.query(`SELECT count(*) AS n FROM audit_log`))[0].n);
    expect((await t.gql<Page>(AUDIT_LOG, { first: 1 }, supervisor.token)).data?.auditLog.totalCount).toBe(stored);
    for (const role of [Role.DEPARTMENT_OFFICER, Role.TOWNSHIP_OFFICER, Role.INSPECTOR]) {
      expectGqlError(await t.gql(AUDIT_LOG, { first: 1 }, (await t.loginAs(role)).token), 'FORBIDDEN');
    }
    expectGqlError(await t.gql(AUDIT_LOG, { first: 1 }), 'UNAUTHENTICATED');
  });
});
