import { IdentityFacade } from '../../src/modules/identity';
import { systemPrincipal } from '../../src/platform/auth/principal';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { createUser } from '../factories/identity.factory';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

const DAY = 24 * 3_600_000;
const A = '520122001'; // 永阳街道
const B = '520122100'; // 永靖镇
const SYSTEM = systemPrincipal('test');

interface Assignable {
  id: string;
  displayName: string;
  role: string;
  departmentCode: string | null;
  townshipCode: string | null;
}

/**
 * Assigning supervision tasks: who can be found and assigned (assignableUsers, the same rule as the
 * assignee check), township officers as assignees of their township's tasks (joint enforcement), the
 * "my tasks" filter, and the list of rectification orders with the task scope.
 */
describe('supervision assignment', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-11-10T02:00:00Z');
  let admin: LoggedIn;
  let eduOfficer: LoggedIn;
  let fireOfficer: LoggedIn;
  let marketOfficer: LoggedIn;
  let eduInspector: LoggedIn;
  let marketInspector: LoggedIn;
  let healthInspector: LoggedIn;
  let townshipA: LoggedIn;
  let townshipA2: LoggedIn;
  let townshipB: LoggedIn;
  let discipline: LoggedIn;
  let disabledEdu: LoggedIn;
  let institutionA: { id: string };
  let institutionB: { id: string };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    eduOfficer = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    fireOfficer = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    marketOfficer = await t.loginAs(Role.DEPARTMENT_OFFICER, 'MARKET_REGULATION');
    eduInspector = await t.loginAs(Role.INSPECTOR, 'EDU');
    marketInspector = await t.loginAs(Role.INSPECTOR, 'MARKET_REGULATION');
    healthInspector = await t.loginAs(Role.INSPECTOR, 'HEALTH');
    townshipA = await t.loginAs(Role.TOWNSHIP_OFFICER, A);
    townshipA2 = await t.loginAs(Role.TOWNSHIP_OFFICER, A);
    townshipB = await t.loginAs(Role.TOWNSHIP_OFFICER, B);
    discipline = await t.loginAs(Role.DISCIPLINE_SUPERVISOR);
    disabledEdu = await t.loginAs(Role.INSPECTOR, 'EDU');
    await t.app.get(IdentityFacade).disableUser(SYSTEM, disabledEdu.id);
    institutionA = await createInstitution(t, { townshipCode: A });
    institutionB = await createInstitution(t, { townshipCode: B });
  });
  afterAll(() => t?.close());

  const tok = (u: LoggedIn) => t.tokenFor(u.id); // issued at the clock's current time
  const due = () => new Date(clock.now().getTime() + 5 * DAY).toISOString();

  async function createTask(
    u: LoggedIn,
    input: Record<string, unknown>,
  ): Promise<{ id: string; assigneeIds: string[] }> {
    const res = await t.gql<{ createSupervisionTask: { id: string; assigneeIds: string[] } }>(
      `mutation($input: CreateSupervisionTaskInput!) { createSupervisionTask(input: $input) { id assigneeIds } }`,
      {
        input: { type: 'SPECIAL_INSPECTION', title: '联合执法检查', targetKind: 'INSTITUTION', dueAt: due(), ...input },
      },
      tok(u),
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.createSupervisionTask;
  }
  const eduTaskInA = (extra: Record<string, unknown> = {}) =>
    createTask(eduOfficer, {
      targetId: institutionA.id,
      leadDepartmentCode: 'EDU',
      cooperatingDepartmentCodes: ['MARKET_REGULATION'],
      ...extra,
    });

  const ASSIGNABLE = `query($filter: AssignableUserFilter, $first: Int) {
    assignableUsers(filter: $filter, first: $first) { id displayName role departmentCode townshipCode } }`;
  const assignable = (u: LoggedIn, { first, ...filter }: Record<string, unknown>) =>
    t.gql<{ assignableUsers: Assignable[] }>(ASSIGNABLE, { filter, first }, tok(u));
  const ids = async (u: LoggedIn, vars: Record<string, unknown>) => {
    const res = await assignable(u, { first: 100, ...vars });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.assignableUsers.map((x) => x.id);
  };

  const command = (name: string, id: string, u: LoggedIn) =>
    t.gql<Record<string, { status: string }>>(
      `mutation($id: ID!) { ${name}(input: { id: $id }) { id status } }`,
      { id },
      tok(u),
    );
  const assign = (id: string, assigneeIds: string[], u: LoggedIn = eduOfficer) =>
    t.gql<{ assignTask: { assigneeIds: string[] } }>(
      `mutation($id: ID!, $a: [ID!]!) { assignTask(input: { id: $id, assigneeIds: $a }) { assigneeIds } }`,
      { id, a: assigneeIds },
      tok(u),
    );
  const RECORD = `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id recordedBy } }`;
  const record = (taskId: string, u: LoggedIn) =>
    t.gql<{ recordFinding: { id: string; recordedBy: string } }>(
      RECORD,
      {
        input: {
          taskId,
          summary: '现场检查',
          checklistResults: [{ code: 'LICENCE', result: 'PASS' }],
          evidence: [],
          violations: [],
        },
      },
      tok(u),
    );

  describe('assignableUsers', () => {
    it('lists exactly the active users the task could have as assignees, directory fields only', async () => {
      const task = await eduTaskInA();
      const found = await ids(eduOfficer, { taskId: task.id });
      const eligible = [eduOfficer, eduInspector, marketOfficer, marketInspector, townshipA, townshipA2].map(
        (u) => u.id,
      );
      expect(found).toEqual(expect.arrayContaining(eligible));
      for (const u of [admin, fireOfficer, healthInspector, townshipB, discipline, disabledEdu])
        expect(found).not.toContain(u.id);
      // Everyone listed can really be assigned (the same rule as the assignee check).
      expect((await assign(task.id, found)).data?.assignTask.assigneeIds.sort()).toEqual([...found].sort());

      const rows = (await assignable(admin, { taskId: task.id, townshipCode: A })).data!.assignableUsers;
      expect(rows.map((r) => r.id).sort()).toEqual([townshipA.id, townshipA2.id].sort());
      expect(rows[0]).toEqual({
        id: expect.any(String),
        displayName: 'Test TOWNSHIP_OFFICER',
        role: 'TOWNSHIP_OFFICER',
        departmentCode: null,
        townshipCode: A,
      });
      // No username, password hash or other personal data on the type.
      const leak = await t.gql(
        `query($id: ID) { assignableUsers(filter: { taskId: $id }) { id username } }`,
        { id: task.id },
        tok(admin),
      );
      expect(leak.data).toBeUndefined();
      expect(leak.errors?.[0]?.message).toContain('username');
    });

    it('narrows by department, township and display name; plans a new task without taskId', async () => {
      const task = await eduTaskInA();
      expect(await ids(eduOfficer, { taskId: task.id, departmentCode: 'MARKET_REGULATION' })).toEqual(
        expect.arrayContaining([marketOfficer.id, marketInspector.id]),
      );
      expect(
        (await ids(eduOfficer, { taskId: task.id, departmentCode: 'MARKET_REGULATION' })).every((id) =>
          [marketOfficer.id, marketInspector.id].includes(id),
        ),
      ).toBe(true);
      expect(await ids(eduOfficer, { taskId: task.id, departmentCode: 'HEALTH' })).toEqual([]); // not one of the task's departments
      expect(await ids(eduOfficer, { taskId: task.id, townshipCode: B })).toEqual([]); // not the task's township

      const grid = await createUser(t.app, Role.TOWNSHIP_OFFICER, A, { displayName: '王网格员' });
      expect(await ids(eduOfficer, { taskId: task.id, search: '网格' })).toEqual([grid.id]);
      expect(await ids(eduOfficer, { taskId: task.id, search: '%' })).toEqual([]); // wildcards are literal
      expect((await assignable(eduOfficer, { taskId: task.id, first: 2 })).data!.assignableUsers).toHaveLength(2);

      // Planning a task led by FIRE_RESCUE with HEALTH co-operating in township B.
      const health = await ids(fireOfficer, { departmentCode: 'HEALTH' });
      expect(health).toContain(healthInspector.id);
      expect(health).not.toContain(eduInspector.id);
      const inB = await ids(fireOfficer, { townshipCode: B });
      expect(inB).toContain(townshipB.id);
      expect(inB).not.toContain(townshipA.id);
      expect(inB).not.toContain(fireOfficer.id);
      expectGqlError(await assignable(fireOfficer, {}), 'VALIDATION_FAILED');
      expectGqlError(await assignable(fireOfficer, { departmentCode: 'NO_SUCH_DEPT' }), 'VALIDATION_FAILED');
      expectGqlError(await assignable(fireOfficer, { first: 101, departmentCode: 'EDU' }), 'VALIDATION_FAILED');
    });

    it('is refused to callers who cannot assign the task', async () => {
      const task = await eduTaskInA();
      expectGqlError(await assignable(marketOfficer, { taskId: task.id }), 'FORBIDDEN'); // co-operates: sees it, does not manage it
      expectGqlError(await assignable(fireOfficer, { taskId: task.id }), 'TASK_NOT_FOUND'); // does not see it
      for (const u of [eduInspector, townshipA, discipline]) {
        expectGqlError(await assignable(u, { taskId: task.id }), 'FORBIDDEN');
        expectGqlError(await assignable(u, { departmentCode: 'EDU' }), 'FORBIDDEN');
      }
      expectGqlError(await t.gql(ASSIGNABLE, { departmentCode: 'EDU' }), 'UNAUTHENTICATED');
    });
  });

  describe('township officers as assignees', () => {
    const taskCount = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM supervision_task`))[0].n);

    it('assigns a township officer of the task’s township, who can then start, record a finding and submit', async () => {
      const task = await eduTaskInA({ assigneeIds: [townshipA.id] });
      expect(task.assigneeIds).toEqual([townshipA.id]);
      expectGqlError(await command('startTask', task.id, townshipA2), 'FORBIDDEN'); // same township, not assigned
      expect((await command('startTask', task.id, townshipA)).data?.startTask.status).toBe('IN_PROGRESS');
      const finding = await record(task.id, townshipA);
      expect(finding.data?.recordFinding.recordedBy).toBe(townshipA.username);
      expect((await command('submitTask', task.id, townshipA)).data?.submitTask.status).toBe('SUBMITTED');
      expectGqlError(await command('acceptTask', task.id, townshipA), 'FORBIDDEN'); // working is not managing
      const audit = await t.dataSource.query(
        `SELECT action FROM audit_log WHERE entity_id = $1 AND actor_user_id = $2 ORDER BY id`,
        [task.id, townshipA.id],
      );
      expect(audit.map((r: { action: string }) => r.action)).toEqual([
        'supervision.task.started',
        'supervision.task.submitted',
      ]);
    });

    it('refuses a township officer of another township as assignee, who neither sees nor works on the task', async () => {
      const before = await taskCount();
      expect(
        expectGqlError(
          await t.gql(
            `mutation($input: CreateSupervisionTaskInput!) { createSupervisionTask(input: $input) { id } }`,
            {
              input: {
                type: 'SPECIAL_INSPECTION',
                title: 'x',
                targetKind: 'INSTITUTION',
                targetId: institutionA.id,
                leadDepartmentCode: 'EDU',
                assigneeIds: [townshipB.id],
                dueAt: due(),
              },
            },
            tok(eduOfficer),
          ),
          'INVALID_ASSIGNEE',
        ).message,
      ).toContain(B);
      expect(await taskCount()).toBe(before);

      const task = await eduTaskInA({ assigneeIds: [eduInspector.id] });
      expectGqlError(await assign(task.id, [eduInspector.id, townshipB.id]), 'INVALID_ASSIGNEE');
      const stored = await t.dataSource.query(`SELECT assignee_ids FROM supervision_task WHERE id = $1`, [task.id]);
      expect(stored[0].assignee_ids).toEqual([eduInspector.id]);
      expectGqlError(
        await t.gql(`query($id: ID!) { supervisionTask(id: $id) { id } }`, { id: task.id }, tok(townshipB)),
        'TASK_NOT_FOUND',
      );
      expectGqlError(await command('startTask', task.id, townshipB), 'TASK_NOT_FOUND');
      expectGqlError(await record(task.id, townshipB), 'TASK_NOT_FOUND');

      // A task without a township takes no township officer.
      const countyWide = createTask(eduOfficer, {
        targetKind: 'COMPLAINT',
        targetId: 'C-1',
        leadDepartmentCode: 'EDU',
        assigneeIds: [townshipA.id],
      });
      await expect(countyWide).rejects.toThrow(/INVALID_ASSIGNEE/);
    });

    it('stops an assigned township officer from working on the task once moved to another township', async () => {
      const moved = await t.loginAs(Role.TOWNSHIP_OFFICER, A);
      const task = await eduTaskInA({ assigneeIds: [moved.id] });
      await t.app.get(IdentityFacade).changeUserRole(SYSTEM, moved.id, Role.TOWNSHIP_OFFICER, B);
      expectGqlError(await command('startTask', task.id, moved), 'TASK_NOT_FOUND');
      expect((await t.dataSource.query(`SELECT status FROM supervision_task WHERE id = $1`, [task.id]))[0].status).toBe(
        'ASSIGNED',
      );
    });
  });

  describe('assignedToMe', () => {
    const MINE = `query($f: SupervisionTaskFilter) { supervisionTasks(first: 100, filter: $f) { totalCount edges { node { id } } } }`;
    const list = async (u: LoggedIn, f: Record<string, unknown>) => {
      const res = await t.gql<{ supervisionTasks: { totalCount: number; edges: { node: { id: string } }[] } }>(
        MINE,
        { f },
        tok(u),
      );
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data.supervisionTasks.edges.map((e) => e.node.id);
    };

    it('returns exactly the caller’s tasks (and their complement with false)', async () => {
      const me = await t.loginAs(Role.INSPECTOR, 'EDU');
      const grid = await t.loginAs(Role.TOWNSHIP_OFFICER, A);
      const x = await eduTaskInA({ assigneeIds: [me.id] });
      const y = await eduTaskInA({ assigneeIds: [me.id, grid.id] });
      const z = await eduTaskInA({ assigneeIds: [eduInspector.id] });
      expect((await list(me, { assignedToMe: true })).sort()).toEqual([x.id, y.id].sort());
      const notMine = await list(me, { assignedToMe: false });
      expect(notMine).toContain(z.id);
      expect(notMine).not.toContain(x.id);
      expect(notMine).not.toContain(y.id);
      expect(await list(grid, { assignedToMe: true })).toEqual([y.id]);
      expect(await list(grid, { assignedToMe: true, status: 'IN_PROGRESS' })).toEqual([]);
      expect((await list(admin, { assigneeId: me.id })).sort()).toEqual([x.id, y.id].sort());
      expect(await list(admin, { assignedToMe: true })).toEqual([]);
      // Within scope: a township B officer asking for A's assignee sees nothing.
      expect(await list(townshipB, { assigneeId: me.id })).toEqual([]);
      expectGqlError(await t.gql(MINE, { f: { assigneeId: 'not-a-uuid' } }, tok(admin)), 'VALIDATION_FAILED');
    });
  });

  describe('rectificationOrders', () => {
    const ORDERS = `query($f: RectificationOrderFilter, $first: Int, $after: String) { rectificationOrders(filter: $f, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id status townshipCode leadDepartmentCode institutionId overdue } } } }`;
    type OrderNode = { id: string; status: string; townshipCode: string; overdue: boolean };
    const orders = async (u: LoggedIn, f: Record<string, unknown> = {}) => {
      const res = await t.gql<{ rectificationOrders: { totalCount: number; edges: { node: OrderNode }[] } }>(
        ORDERS,
        { f, first: 100 },
        tok(u),
      );
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data.rectificationOrders.edges.map((e) => e.node.id).sort();
    };
    let orderA: string;
    let orderB: string;

    async function orderOn(lead: LoggedIn, input: Record<string, unknown>, deadlineDays: number): Promise<string> {
      const task = await createTask(lead, input);
      expect((await command('startTask', task.id, lead)).data?.startTask.status).toBe('IN_PROGRESS');
      const finding = (await record(task.id, lead)).data!.recordFinding.id;
      const res = await t.gql<{ issueRectificationOrder: { id: string } }>(
        `mutation($input: IssueRectificationOrderInput!) { issueRectificationOrder(input: $input) { id } }`,
        {
          input: {
            findingId: finding,
            requirements: '限期整改',
            deadlineAt: new Date(clock.now().getTime() + deadlineDays * DAY).toISOString(),
          },
        },
        tok(lead),
      );
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data.issueRectificationOrder.id;
    }

    beforeAll(async () => {
      orderA = await orderOn(eduOfficer, { targetId: institutionA.id, leadDepartmentCode: 'EDU' }, 10);
      clock.advance(60_000); // B is the newer one
      orderB = await orderOn(
        fireOfficer,
        { targetId: institutionB.id, leadDepartmentCode: 'FIRE_RESCUE', cooperatingDepartmentCodes: ['HEALTH'] },
        2,
      );
    });

    it('lists the orders of the tasks each caller may see', async () => {
      const both = [orderA, orderB].sort();
      for (const u of [admin, discipline]) expect(await orders(u)).toEqual(both);
      expect(await orders(eduOfficer)).toEqual([orderA]);
      expect(await orders(fireOfficer)).toEqual([orderB]);
      expect(await orders(healthInspector)).toEqual([orderB]); // co-operating department
      expect(await orders(townshipA)).toEqual([orderA]);
      expect(await orders(townshipB)).toEqual([orderB]);
      expect(await orders(marketInspector)).toEqual([]);
      // Filtering to the other township does not widen the scope.
      expect(await orders(eduOfficer, { townshipCode: B })).toEqual([]);
      expect(await orders(townshipA, { institutionId: institutionB.id })).toEqual([]);
      expectGqlError(await t.gql(ORDERS, {}), 'UNAUTHENTICATED');
    });

    it('filters by township, institution, status and overdue, and pages', async () => {
      expect(await orders(admin, { townshipCode: A })).toEqual([orderA]);
      expect(await orders(admin, { institutionId: institutionB.id })).toEqual([orderB]);
      const first = await t.gql<{
        rectificationOrders: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: OrderNode }[];
        };
      }>(ORDERS, { first: 1 }, tok(admin));
      const page1 = first.data!.rectificationOrders;
      expect(page1).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
      expect(page1.edges[0]!.node.id).toBe(orderB); // newest first
      const second = await t.gql<{
        rectificationOrders: { pageInfo: { hasNextPage: boolean }; edges: { node: OrderNode }[] };
      }>(ORDERS, { first: 1, after: page1.pageInfo.endCursor }, tok(admin));
      expect(second.data!.rectificationOrders.edges.map((e) => e.node.id)).toEqual([orderA]);
      expect(second.data!.rectificationOrders.pageInfo.hasNextPage).toBe(false);

      const done = await t.gql(
        `mutation($id: ID!) { completeRectificationOrder(input: { id: $id, note: "已整改" }) { status } }`,
        { id: orderA },
        tok(eduOfficer),
      );
      expect(done.errors).toBeUndefined();
      expect(await orders(admin, { status: 'COMPLETED' })).toEqual([orderA]);
      expect(await orders(admin, { status: 'OPEN' })).toEqual([orderB]);
      expect(await orders(admin, { overdue: true })).toEqual([]);

      clock.advance(3 * DAY); // past B's deadline (2 days)
      expect(await orders(admin, { overdue: true })).toEqual([orderB]);
      expect(await orders(admin, { overdue: false })).toEqual([orderA]);
      expect(await orders(townshipA, { overdue: true })).toEqual([]);
      const node = await t.gql<{ rectificationOrders: { edges: { node: OrderNode }[] } }>(
        ORDERS,
        { f: { overdue: true } },
        tok(fireOfficer),
      );
      expect(node.data!.rectificationOrders.edges[0]!.node).toMatchObject({
        id: orderB,
        status: 'OPEN',
        townshipCode: B,
        overdue: true,
      });
      expectGqlError(await t.gql(ORDERS, { f: { townshipCode: 'x' } }, tok(admin)), 'VALIDATION_FAILED');
    });
  });
});
