import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { EscalationSweepTask, SupervisionFacade, parsePeriod } from '../../src/modules/supervision';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { EventPublisher } from '../../src/platform/events';
import { ScheduledTaskHandler } from '../../src/platform/events/decorators';
import { SubscriberRegistry } from '../../src/platform/events/subscriber-registry';
import { createInstitution } from '../factories/registry.factory';
import { GqlResult, LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const TASK_FIELDS = `id type status title targetKind targetId institutionId townshipCode leadDepartmentCode cooperatingDepartmentCodes assigneeIds dueAt overdue escalationLevel checklist { code label }`;

interface TaskView {
  id: string;
  type: string;
  status: string;
  townshipCode: string | null;
  leadDepartmentCode: string;
  cooperatingDepartmentCodes: string[];
  assigneeIds: string[];
  overdue: boolean;
  escalationLevel: number;
  checklist: { code: string; label: string }[];
}

/**
 * Supervision tasks end to end: lifecycle and access, findings and rectification, the escalation ladder
 * under a controlled clock (with concurrent sweeps), tasks opened by other modules' events, reports.
 */
describe('supervision', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-11-10T02:00:00Z'); // 10:00 in Xifeng
  let admin: LoggedIn;
  let eduOfficer: LoggedIn;
  let inspector: LoggedIn;
  let fireInspector: LoggedIn;
  let township: LoggedIn;
  let otherTownship: LoggedIn;
  let discipline: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SUPERVISION_SWEEP_MINUTES: '1440', SUPERVISION_SWEEP_BATCH_SIZE: '7' } });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    eduOfficer = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    inspector = await t.loginAs(Role.INSPECTOR, 'EDU');
    fireInspector = await t.loginAs(Role.INSPECTOR, 'FIRE_RESCUE');
    township = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
    otherTownship = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122102');
    discipline = await t.loginAs(Role.DISCIPLINE_SUPERVISOR);
  });
  afterAll(() => t?.close());

  const sweep = () => t.app.get(EscalationSweepTask).run(clock.now());
  const tokenAt = (u: LoggedIn) => t.tokenFor(u.id); // tokens issued at the clock's current time

  async function createTask(token: string, input: Record<string, unknown>): Promise<TaskView> {
    const res = await t.gql<{ createSupervisionTask: TaskView }>(
      `mutation($input: CreateSupervisionTaskInput!) { createSupervisionTask(input: $input) { ${TASK_FIELDS} } }`,
      { input },
      token,
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.createSupervisionTask;
  }

  const command = (name: string, id: string, token: string, extra = '') =>
    t.gql<Record<string, { status: string }>>(
      `mutation($id: ID!) { ${name}(input: { id: $id${extra} }) { id status } }`,
      { id },
      token,
    );

  const escalationRows = (itemId: string) =>
    t.dataSource.query(`SELECT level, notified FROM supervision_escalation WHERE item_id = $1 ORDER BY level`, [
      itemId,
    ]) as Promise<{ level: number; notified: Record<string, string[]> }[]>;

  async function inboxKinds(u: LoggedIn, entityId: string): Promise<string[]> {
    const res = await t.gql<{
      notifications: { edges: { node: { kind: string; title: string; entityId: string } }[] };
    }>(`{ notifications(first: 100) { edges { node { kind title entityId } } } }`, {}, tokenAt(u));
    return res
      .data!.notifications.edges.filter((e) => e.node.entityId === entityId)
      .map((e) => `${e.node.kind}|${e.node.title.split('：')[0]}`);
  }

  describe('lifecycle, access, findings and rectification', () => {
    it('runs a task from ASSIGNED to CLOSED, refusing illegal transitions with the current state', async () => {
      const institution = await createInstitution(t, { townshipCode: '520122001' });
      const task = await createTask(tokenAt(eduOfficer), {
        type: 'SPECIAL_INSPECTION',
        title: '暑期专项督导',
        targetKind: 'INSTITUTION',
        targetId: institution.id,
        leadDepartmentCode: 'EDU',
        cooperatingDepartmentCodes: ['MARKET_REGULATION'],
        assigneeIds: [inspector.id],
        dueAt: new Date(clock.now().getTime() + 5 * DAY).toISOString(),
      });
      expect(task).toMatchObject({
        status: 'ASSIGNED',
        townshipCode: '520122001',
        leadDepartmentCode: 'EDU',
        assigneeIds: [inspector.id],
        overdue: false,
        escalationLevel: 0,
      });
      expect(task.checklist.map((c) => c.code)).toEqual(['LICENCE', 'SUBJECT_TRAINING', 'ESCROW', 'STAFF']);

      // Sight: the department, the assignee and the township see it; another department or township does not.
      const get = (token: string) =>
        t.gql<{ supervisionTask: { id: string } }>(
          `query($id: ID!) { supervisionTask(id: $id) { id } }`,
          { id: task.id },
          token,
        );
      for (const u of [admin, eduOfficer, inspector, township, discipline])
        expect((await get(tokenAt(u))).data?.supervisionTask.id).toBe(task.id);
      for (const u of [fireInspector, otherTownship]) expectGqlError(await get(tokenAt(u)), 'TASK_NOT_FOUND');
      const market = await t.loginAs(Role.INSPECTOR, 'MARKET_REGULATION');
      expect((await get(market.token)).data?.supervisionTask.id).toBe(task.id); // co-operating department

      expect(
        expectGqlError(await command('submitTask', task.id, inspector.token), 'ILLEGAL_TASK_TRANSITION').message,
      ).toContain('ASSIGNED');
      expectGqlError(await command('startTask', task.id, discipline.token), 'FORBIDDEN'); // reads all, changes nothing
      expectGqlError(await command('startTask', task.id, fireInspector.token), 'TASK_NOT_FOUND');
      expect((await command('startTask', task.id, inspector.token)).data?.startTask.status).toBe('IN_PROGRESS');
      expectGqlError(await command('submitTask', task.id, inspector.token), 'VALIDATION_FAILED'); // no finding yet

      // A finding with a checklist item not on the list changes nothing.
      const RECORD = `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id checklistResults { code result } evidence { fileName } violations { severity kind institutionId } } }`;
      const bad = await t.gql(
        RECORD,
        {
          input: {
            taskId: task.id,
            summary: 's',
            checklistResults: [{ code: 'NOPE', result: 'PASS' }],
            evidence: [],
            violations: [],
          },
        },
        inspector.token,
      );
      expectGqlError(bad, 'VALIDATION_FAILED');
      expect(
        Number(
          (await t.dataSource.query(`SELECT count(*) AS n FROM supervision_finding WHERE task_id = $1`, [task.id]))[0]
            .n,
        ),
      ).toBe(0);

      const finding = await t.gql<{
        recordFinding: { id: string; violations: { severity: string; kind: string; institutionId: string }[] };
      }>(
        RECORD,
        {
          input: {
            taskId: task.id,
            summary: '周末开展学科类培训',
            checklistResults: [
              { code: 'LICENCE', result: 'PASS' },
              { code: 'SUBJECT_TRAINING', result: 'FAIL', note: '周六上午数学课' },
            ],
            evidence: [
              {
                fileName: 'photo.jpg',
                contentType: 'image/jpeg',
                sizeBytes: 1024,
                sha256: 'a'.repeat(64),
                storageRef: 'oss://evidence/photo.jpg',
              },
            ],
            violations: [{ severity: 'SERIOUS', kind: 'SUBJECT_TRAINING', description: '周末学科类培训' }],
          },
        },
        inspector.token,
      );
      expect(finding.errors).toBeUndefined();
      expect(finding.data?.recordFinding.violations).toEqual([
        { severity: 'SERIOUS', kind: 'SUBJECT_TRAINING', institutionId: institution.id },
      ]);
      const [event] = await t.dataSource.query(
        `SELECT payload FROM outbox WHERE name = 'supervision.finding.violation_recorded' AND payload->>'taskId' = $1`,
        [task.id],
      );
      expect(event.payload).toEqual({
        findingId: finding.data!.recordFinding.id,
        taskId: task.id,
        institutionId: institution.id,
        severity: 'SERIOUS',
        description: '周末学科类培训',
        kind: 'SUBJECT_TRAINING',
      });

      expect((await command('submitTask', task.id, inspector.token)).data?.submitTask.status).toBe('SUBMITTED');
      expectGqlError(await command('acceptTask', task.id, inspector.token), 'FORBIDDEN'); // inspectors do not accept their own work
      expect(
        (await command('returnTask', task.id, eduOfficer.token, ', reason: "补充佐证材料"')).data?.returnTask.status,
      ).toBe('RETURNED');
      expect((await command('startTask', task.id, inspector.token)).data?.startTask.status).toBe('IN_PROGRESS');
      expect((await command('submitTask', task.id, inspector.token)).data?.submitTask.status).toBe('SUBMITTED');
      expect((await command('acceptTask', task.id, eduOfficer.token)).data?.acceptTask.status).toBe('ACCEPTED');
      expect((await command('closeTask', task.id, eduOfficer.token)).data?.closeTask.status).toBe('CLOSED');
      expect(
        expectGqlError(await command('cancelTask', task.id, admin.token, ', reason: "x"'), 'ILLEGAL_TASK_TRANSITION')
          .message,
      ).toContain('CLOSED');

      // Rectification: an order from the finding, overdue like a task, completed into a re-check task.
      const ISSUE = `mutation($input: IssueRectificationOrderInput!) { issueRectificationOrder(input: $input) { id status deadlineAt institutionId } }`;
      const deadline = new Date(clock.now().getTime() + 2 * DAY).toISOString();
      expectGqlError(
        await t.gql(
          ISSUE,
          {
            input: {
              findingId: finding.data!.recordFinding.id,
              requirements: '停止周末学科类培训',
              deadlineAt: deadline,
            },
          },
          inspector.token,
        ),
        'FORBIDDEN',
      );
      const order = await t.gql<{ issueRectificationOrder: { id: string; status: string; institutionId: string } }>(
        ISSUE,
        {
          input: {
            findingId: finding.data!.recordFinding.id,
            requirements: '停止周末学科类培训',
            deadlineAt: deadline,
          },
        },
        eduOfficer.token,
      );
      expect(order.data?.issueRectificationOrder).toMatchObject({ status: 'OPEN', institutionId: institution.id });
      const orderId = order.data!.issueRectificationOrder.id;
      clock.advance(2 * DAY + HOUR);
      await sweep();
      expect((await escalationRows(orderId)).map((r) => r.level)).toEqual([1]);
      const done = await t.gql<{
        completeRectificationOrder: { status: string; recheckTaskId: string; escalationLevel: number };
      }>(
        `mutation($id: ID!) { completeRectificationOrder(input: { id: $id, note: "已停止并退费" }) { status recheckTaskId escalationLevel } }`,
        { id: orderId },
        tokenAt(eduOfficer),
      );
      expect(done.data?.completeRectificationOrder).toMatchObject({ status: 'COMPLETED', escalationLevel: 1 });
      const recheck = await t.gql<{ supervisionTask: TaskView }>(
        `query($id: ID!) { supervisionTask(id: $id) { ${TASK_FIELDS} } }`,
        { id: done.data!.completeRectificationOrder.recheckTaskId },
        tokenAt(inspector),
      );
      expect(recheck.data?.supervisionTask).toMatchObject({
        type: 'RECTIFICATION_RECHECK',
        status: 'ASSIGNED',
        assigneeIds: [inspector.id],
        leadDepartmentCode: 'EDU',
      });
      expectGqlError(
        await t.gql(
          `mutation($id: ID!) { completeRectificationOrder(input: { id: $id, note: "again" }) { id } }`,
          { id: orderId },
          tokenAt(eduOfficer),
        ),
        'RECTIFICATION_ORDER_COMPLETED',
      );
    });

    it('refuses bad input without storing anything', async () => {
      const before = Number((await t.dataSource.query(`SELECT count(*) AS n FROM supervision_task`))[0].n);
      const base = {
        type: 'ROUTINE_INSPECTION',
        title: 'x',
        targetKind: 'TOWNSHIP',
        targetId: '520122001',
        leadDepartmentCode: 'EDU',
        dueAt: new Date(clock.now().getTime() + DAY).toISOString(),
      };
      const create = (input: Record<string, unknown>, token = tokenAt(eduOfficer)) =>
        t.gql(
          `mutation($input: CreateSupervisionTaskInput!) { createSupervisionTask(input: $input) { id } }`,
          { input },
          token,
        );
      expectGqlError(
        await create({ ...base, dueAt: new Date(clock.now().getTime() - HOUR).toISOString() }),
        'VALIDATION_FAILED',
      );
      expectGqlError(await create({ ...base, targetId: '520199999' }), 'VALIDATION_FAILED');
      expectGqlError(await create({ ...base, cooperatingDepartmentCodes: ['NO_SUCH'] }), 'VALIDATION_FAILED');
      expectGqlError(await create({ ...base, assigneeIds: [fireInspector.id] }), 'INVALID_ASSIGNEE'); // not of the task's departments
      expectGqlError(await create({ ...base, assigneeIds: [otherTownship.id] }), 'INVALID_ASSIGNEE'); // a township officer, but not of the task's township
      expectGqlError(await create({ ...base, leadDepartmentCode: 'HEALTH' }), 'FORBIDDEN'); // an EDU officer leads EDU tasks
      expectGqlError(await create(base, tokenAt(inspector)), 'FORBIDDEN');
      expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM supervision_task`))[0].n)).toBe(before);
    });

    it('checks the ids, days and kinds inside a mutation’s one input', async () => {
      const counts = async () =>
        (await t.dataSource.query(
          `SELECT (SELECT count(*) FROM supervision_finding)::int AS f, (SELECT count(*) FROM supervision_campaign)::int AS c,
             (SELECT count(*) FROM audit_log)::int AS a`,
        )) as unknown[];
      await t.settle(); // no background subscriber may write while the counts are compared
      const before = await counts();
      const pathsOf = (res: GqlResult<unknown>) =>
        (expectGqlError(res, 'VALIDATION_FAILED').extensions?.errors as { path: string }[]).map((e) => e.path);
      expect(
        pathsOf(await t.gql(`mutation { startTask(input: { id: "not-a-uuid" }) { id } }`, {}, tokenAt(inspector))),
      ).toEqual(['id']);
      expect(
        pathsOf(
          await t.gql(
            `mutation($id: ID!) { assignTask(input: { id: $id, assigneeIds: ["x"] }) { id } }`,
            { id: randomUUID() },
            tokenAt(eduOfficer),
          ),
        ),
      ).toEqual(['assigneeIds']);
      expect(
        pathsOf(
          await t.gql(
            `mutation { recordFinding(input: { taskId: "nope", summary: "s" }) { id } }`,
            {},
            tokenAt(inspector),
          ),
        ),
      ).toEqual(['taskId']);
      // A violation kind outside SupervisionViolationKind and an impossible campaign day never reach the service.
      expectGqlError(
        await t.gql(
          `mutation($id: ID!) { recordFinding(input: { taskId: $id, summary: "s",
            violations: [{ severity: MINOR, kind: NOT_A_KIND, description: "d" }] }) { id } }`,
          { id: randomUUID() },
          tokenAt(inspector),
        ),
        'GRAPHQL_VALIDATION_FAILED',
      );
      expectGqlError(
        await t.gql(
          `mutation($input: CreateCampaignInput!) { createSupervisionCampaign(input: $input) { id } }`,
          { input: { name: '寒假专项', startsOn: '2027-02-30', endsOn: '2027-03-31' } },
          tokenAt(eduOfficer),
        ),
        'BAD_USER_INPUT',
      );
      expect(await counts()).toEqual(before);
    });
  });

  describe('escalation ladder', () => {
    it('escalates an overdue task to 1, 2 and 3 at the thresholds, notifying the right people, once', async () => {
      clock.set('2026-11-10T02:00:00Z');
      const task = await createTask(tokenAt(eduOfficer), {
        type: 'ROUTINE_INSPECTION',
        title: '日常检查',
        targetKind: 'TOWNSHIP',
        targetId: '520122001',
        leadDepartmentCode: 'EDU',
        assigneeIds: [inspector.id],
        dueAt: '2026-11-12T02:00:00Z',
      });
      clock.set('2026-11-12T01:59:00Z');
      await sweep();
      expect(await escalationRows(task.id)).toEqual([]);

      clock.set('2026-11-12T03:00:00Z');
      await sweep();
      const [level1] = await escalationRows(task.id);
      expect(level1).toEqual({
        level: 1,
        notified: { userIds: [inspector.id], departmentCodes: ['EDU'], townshipCodes: ['520122001'], roles: [] },
      });
      expect(await inboxKinds(inspector, task.id)).toContain('supervision.task.escalated|一级督办');
      expect(await inboxKinds(admin, task.id)).toEqual([]);
      await sweep();
      expect((await escalationRows(task.id)).length).toBe(1);

      clock.set('2026-11-15T02:00:00Z'); // exactly 3 days: not yet "more than 3 days"
      await sweep();
      expect((await escalationRows(task.id)).map((r) => r.level)).toEqual([1]);
      clock.set('2026-11-15T02:01:00Z');
      await sweep();
      const rows2 = await escalationRows(task.id);
      expect(rows2.map((r) => r.level)).toEqual([1, 2]);
      expect(rows2[1]!.notified).toEqual({
        userIds: [],
        departmentCodes: ['EDU'],
        townshipCodes: [],
        roles: ['COUNTY_ADMIN'],
      });
      expect(await inboxKinds(admin, task.id)).toEqual(['supervision.task.escalated|二级督办（领导小组办公室）']);
      expect(await inboxKinds(discipline, task.id)).toEqual([]);

      clock.set('2026-11-19T03:00:00Z');
      const [a, b] = await Promise.all([sweep(), sweep()]);
      const rows3 = await escalationRows(task.id);
      expect(rows3.map((r) => r.level)).toEqual([1, 2, 3]);
      expect(rows3[2]!.notified).toEqual({
        userIds: [],
        departmentCodes: ['INSPECTION_OFFICE', 'DISCIPLINE'],
        townshipCodes: [],
        roles: ['DISCIPLINE_SUPERVISOR'],
      });
      expect(a.tasks + b.tasks).toBe(1);
      expect(await inboxKinds(discipline, task.id)).toEqual([
        'supervision.task.escalated|三级督办（督办督查局、纪委监委）',
      ]);
      await sweep();
      expect((await escalationRows(task.id)).length).toBe(3);

      const events = await t.dataSource.query(
        `SELECT payload FROM outbox WHERE name = 'supervision.task.escalated' AND payload->>'taskId' = $1 ORDER BY (payload->>'level')::int`,
        [task.id],
      );
      expect(events.map((e: { payload: unknown }) => e.payload)).toEqual([
        { taskId: task.id, level: 1, overdueDays: 0, leadDepartmentCode: 'EDU', townshipCode: '520122001' },
        { taskId: task.id, level: 2, overdueDays: 3, leadDepartmentCode: 'EDU', townshipCode: '520122001' },
        { taskId: task.id, level: 3, overdueDays: 7, leadDepartmentCode: 'EDU', townshipCode: '520122001' },
      ]);

      const list = await t.gql<{
        supervisionTasks: {
          edges: { node: { id: string; overdue: boolean; escalations: { level: number; notified: string[] }[] } }[];
        };
      }>(
        `{ supervisionTasks(first: 50, filter: { overdue: true, escalationLevel: 3 }) { edges { node { id overdue escalations { level notified } } } } }`,
        {},
        tokenAt(inspector),
      );
      const node = list.data!.supervisionTasks.edges.find((e) => e.node.id === task.id)!.node;
      expect(node.overdue).toBe(true);
      expect(node.escalations.map((e) => e.level)).toEqual([1, 2, 3]);
      expect(node.escalations[2]!.notified).toEqual([
        'DEPARTMENT:INSPECTION_OFFICE',
        'DEPARTMENT:DISCIPLINE',
        'ROLE:DISCIPLINE_SUPERVISOR',
      ]);
    });

    it('two concurrent sweeps over many overdue items, in small batches, escalate each exactly once', async () => {
      clock.set('2026-11-20T02:00:00Z');
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const task = await createTask(tokenAt(admin), {
          type: 'FIRE_HEALTH_INSPECTION',
          title: `消防检查 ${i}`,
          targetKind: 'TOWNSHIP',
          targetId: '520122102',
          leadDepartmentCode: 'FIRE_RESCUE',
          dueAt: new Date(clock.now().getTime() + HOUR + i * 1000).toISOString(),
        });
        ids.push(task.id);
      }
      clock.advance(DAY + 2 * HOUR); // every one overdue (level 1)
      await Promise.all([sweep(), sweep(), sweep()]);
      const rows = (await t.dataSource.query(
        `SELECT item_id, count(*)::int AS n, max(level) AS level FROM supervision_escalation WHERE item_id = ANY($1) GROUP BY item_id`,
        [ids],
      )) as { n: number; level: number }[];
      expect(rows.length).toBe(30);
      expect(rows.every((r) => r.n === 1 && Number(r.level) === 1)).toBe(true);
      clock.advance(10 * DAY); // straight to level 3: every level's people are told, in one record
      await Promise.all([sweep(), sweep()]);
      const jumped = (await t.dataSource.query(
        `SELECT level, notified FROM supervision_escalation WHERE item_id = $1 ORDER BY level`,
        [ids[0]],
      )) as { level: number; notified: { roles: string[] } }[];
      expect(jumped.map((r) => r.level)).toEqual([1, 3]);
      expect(jumped[1]!.notified.roles).toEqual(['COUNTY_ADMIN', 'DISCIPLINE_SUPERVISOR']);
    });

    it('the sweep uses the partial index of open tasks', async () => {
      await t.dataSource.query('ANALYZE supervision_task');
      const plan = (await t.dataSource.query(
        `EXPLAIN SELECT id FROM supervision_task WHERE status IN ('ASSIGNED','IN_PROGRESS','RETURNED') AND escalation_level < 3 AND due_at < now() ORDER BY due_at, id LIMIT 500`,
      )) as { 'QUERY PLAN': string }[];
      const text = plan.map((p) => p['QUERY PLAN']).join('\n');
      // On a tiny table PostgreSQL may prefer a sequential scan; force the choice it makes at scale.
      if (!text.includes('idx_supervision_task_sweep')) {
        await t.dataSource.transaction(async (em) => {
          await em.query('SET LOCAL enable_seqscan = off');
          const forced = (await em.query(
            `EXPLAIN SELECT id FROM supervision_task WHERE status IN ('ASSIGNED','IN_PROGRESS','RETURNED') AND escalation_level < 3 AND due_at < now() ORDER BY due_at, id LIMIT 500`,
          )) as { 'QUERY PLAN': string }[];
          expect(forced.map((p) => p['QUERY PLAN']).join('\n')).toContain('idx_supervision_task_sweep');
        });
      }
    });
  });

  describe('tasks opened by other modules', () => {
    const publish = (name: string, payload: unknown) =>
      t.dataSource.transaction((em) => t.app.get(EventPublisher).publishMany(em, [{ name: name as never, payload }]));
    const bySource = (ref: string) =>
      t.dataSource.query(
        `SELECT type, status, target_kind, target_id, township_code, lead_department_code, cooperating_department_codes FROM supervision_task WHERE source_ref = $1`,
        [ref],
      ) as Promise<Record<string, unknown>[]>;

    it('opens one task per source: unlicensed leads, failed annual reviews, complaint investigations, unacknowledged instructions', async () => {
      const leadId = '0b7d2a8e-5a43-4c8e-9a31-1f0e7b6c9d01';
      await publish('registry.unlicensed_lead.opened', {
        leadId,
        townshipCode: '520122103',
        kind: 'VARIANT_HOUSEKEEPING',
        source: 'GRID_PATROL',
      });
      await publish('registry.unlicensed_lead.opened', {
        leadId,
        townshipCode: '520122103',
        kind: 'VARIANT_HOUSEKEEPING',
        source: 'GRID_PATROL',
      }); // a second event, same lead
      const institution = await createInstitution(t, { townshipCode: '520122104', competentDepartmentCode: 'EDU' });
      await publish('registry.annual_review.completed', {
        institutionId: institution.id,
        year: 2026,
        result: 'FAIL',
        score: 48,
      });
      const passed = await createInstitution(t);
      await publish('registry.annual_review.completed', {
        institutionId: passed.id,
        year: 2026,
        result: 'PASS',
        score: 90,
      });
      const complaintId = '5f1c3b2a-9d8e-4f7a-b6c5-d4e3f2a1b0c9';
      await publish('complaints.investigation.requested', {
        complaintId,
        institutionId: institution.id,
        townshipCode: '520122104',
        leadDepartmentCode: 'MARKET_REGULATION',
        category: 'FEES',
      });
      const instructionId = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';
      await publish('escrow.instruction.unacknowledged', {
        instructionId,
        accountId: instructionId,
        institutionId: institution.id,
        bankCode: 'ICBC',
        action: 'FREEZE',
        issuedAt: '2026-11-19T00:00:00Z',
        reason: 'blacklisted',
      });

      await waitFor(
        async () =>
          (await bySource(`unlicensed_lead:${leadId}`)).length === 1 &&
          (await bySource(`escrow_instruction:${instructionId}`)).length === 1,
        { what: 'tasks from events' },
      );
      expect(await bySource(`unlicensed_lead:${leadId}`)).toEqual([
        {
          type: 'UNLICENSED_SITE_INVESTIGATION',
          status: 'ASSIGNED',
          target_kind: 'UNLICENSED_LEAD',
          target_id: leadId,
          township_code: '520122103',
          lead_department_code: 'EDU',
          cooperating_department_codes: ['TOWNSHIP'],
        },
      ]);
      expect(await bySource(`annual_review:${institution.id}:2026`)).toEqual([
        {
          type: 'RECTIFICATION_RECHECK',
          status: 'ASSIGNED',
          target_kind: 'INSTITUTION',
          target_id: institution.id,
          township_code: '520122104',
          lead_department_code: 'EDU',
          cooperating_department_codes: [],
        },
      ]);
      expect(await bySource(`annual_review:${passed.id}:2026`)).toEqual([]);
      const investigation = (await t.dataSource.query(
        `SELECT type, lead_department_code, township_code FROM supervision_task WHERE target_id = $1`,
        [complaintId],
      )) as unknown[];
      expect(investigation).toEqual([
        { type: 'COMPLAINT_INVESTIGATION', lead_department_code: 'MARKET_REGULATION', township_code: '520122104' },
      ]);
      expect((await bySource(`escrow_instruction:${instructionId}`))[0]).toMatchObject({
        type: 'ESCROW_ALERT_FOLLOW_UP',
        lead_department_code: 'FINANCIAL_OFFICE',
        target_kind: 'INSTITUTION',
      });
      await waitFor(
        async () =>
          Number(
            (
              await t.dataSource.query(
                `SELECT count(*) AS n FROM processed_event WHERE subscriber = 'supervision.open-unlicensed-site-task'`,
              )
            )[0].n,
          ) >= 2,
        { what: 'second lead event handled' },
      );
      expect((await bySource(`unlicensed_lead:${leadId}`)).length).toBe(1);

      // The township sees the task in its township; the lead department's officers are told.
      const seen = await t.gql<{ supervisionTasks: { totalCount: number } }>(
        `{ supervisionTasks(filter: { type: UNLICENSED_SITE_INVESTIGATION, townshipCode: "520122103" }) { totalCount } }`,
        {},
        (await t.loginAs(Role.TOWNSHIP_OFFICER, '520122103')).token,
      );
      expect(seen.data?.supervisionTasks.totalCount).toBe(1);
    });

    it('an overdue complaint joins the ladder at the level its lateness deserves', async () => {
      const complaintId = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';
      await publish('complaints.complaint.overdue', {
        complaintId,
        trackingNumber: 'TS202611000123',
        deadline: 'ACCEPT',
        dueAt: new Date(clock.now().getTime() - 4 * DAY).toISOString(),
        leadDepartmentCode: 'MARKET_REGULATION',
        townshipCode: '520122105',
      });
      const [row] = await waitFor(async () => {
        const rows = await escalationRows(complaintId);
        return rows.length ? rows : null;
      });
      expect(row).toMatchObject({
        level: 2,
        notified: {
          departmentCodes: ['MARKET_REGULATION', 'EDU'],
          townshipCodes: ['520122105'],
          roles: ['COUNTY_ADMIN'],
        },
      });
    });
  });

  describe('reports', () => {
    it('generates the monthly dispatch with the right counts, downloadable as CSV and XLSX', async () => {
      // A fresh month with known work: December 2026.
      clock.set('2026-12-02T02:00:00Z');
      const mk = (due: string, dept = 'HEALTH', townshipCode = '520122106') =>
        createTask(tokenAt(admin), {
          type: 'FIRE_HEALTH_INSPECTION',
          title: '卫生检查',
          targetKind: 'TOWNSHIP',
          targetId: townshipCode,
          leadDepartmentCode: dept,
          dueAt: due,
        });
      const closed = await mk('2026-12-10T02:00:00Z');
      await mk('2026-12-05T02:00:00Z'); // overdue at month end
      await mk('2027-01-20T02:00:00Z'); // open, not due
      await mk('2026-12-08T02:00:00Z', 'HOUSING', '520122107'); // overdue, another department and township
      const healthOfficer = await t.loginAs(Role.DEPARTMENT_OFFICER, 'HEALTH');
      const healthInspector = await t.loginAs(Role.INSPECTOR, 'HEALTH');
      await t.gql(
        `mutation($id: ID!, $a: [ID!]!) { assignTask(input: { id: $id, assigneeIds: $a }) { id } }`,
        { id: closed.id, a: [healthInspector.id] },
        healthOfficer.token,
      );
      await command('startTask', closed.id, healthInspector.token);
      await t.gql(
        `mutation($id: ID!) { recordFinding(input: { taskId: $id, summary: "ok" }) { id } }`,
        { id: closed.id },
        healthInspector.token,
      );
      for (const [c, u] of [
        ['submitTask', healthInspector],
        ['acceptTask', healthOfficer],
        ['closeTask', healthOfficer],
      ] as const)
        expect((await command(c, closed.id, u.token)).errors).toBeUndefined();
      clock.set('2026-12-12T02:00:00Z');
      await sweep(); // two tasks reach level 2 (> 3 days overdue) in December

      clock.set('2027-01-01T03:00:00Z');
      expectGqlError(
        await t.gql(`mutation { generateSupervisionReport(input: { period: "2027-13" }) { id } }`, {}, tokenAt(admin)),
        'VALIDATION_FAILED',
      );
      expectGqlError(
        await t.gql(
          `mutation { generateSupervisionReport(input: { period: "2026-12" }) { id } }`,
          {},
          tokenAt(inspector),
        ),
        'FORBIDDEN',
      );
      const res = await t.gql<{
        generateSupervisionReport: {
          id: string;
          kind: string;
          period: string;
          figures: string;
          csvPath: string;
          xlsxPath: string;
        };
      }>(
        `mutation { generateSupervisionReport(input: { period: "2026-12" }) { id kind period figures csvPath xlsxPath } }`,
        {},
        tokenAt(admin),
      );
      expect(res.errors).toBeUndefined();
      const report = res.data!.generateSupervisionReport;
      expect(report).toMatchObject({
        kind: 'MONTHLY',
        period: '2026-12',
        csvPath: `/api/supervision/reports/${report.id}.csv`,
      });
      const figures = JSON.parse(report.figures);
      // Earlier tests left work in the database too (e.g. FIRE_RESCUE tasks still overdue): look at this test's departments.
      const dept = (code: string) => figures.byDepartment.find((r: { code: string }) => r.code === code);
      expect(dept('HEALTH')).toEqual({ code: 'HEALTH', name: '县卫生健康局', opened: 3, closed: 1, overdue: 1 });
      expect(dept('HOUSING')).toEqual({ code: 'HOUSING', name: '县住房城乡建设局', opened: 1, closed: 0, overdue: 1 });
      const sum = (key: string) =>
        figures.byDepartment.reduce((n: number, r: Record<string, number>) => n + r[key]!, 0);
      expect(figures.totals).toEqual({ opened: sum('opened'), closed: sum('closed'), overdueAtEnd: sum('overdue') });
      expect(figures.byTownship.find((r: { code: string }) => r.code === '520122107')).toEqual({
        code: '520122107',
        name: '鹿窝镇',
        opened: 1,
        closed: 0,
        overdue: 1,
      });
      expect(figures.escalations.level2).toBeGreaterThanOrEqual(2);
      const escalatedInDecember = Number(
        (
          await t.dataSource.query(
            `SELECT count(*) AS n FROM supervision_escalation WHERE escalated_at >= '2026-11-30T16:00:00Z' AND escalated_at < '2026-12-31T16:00:00Z'`,
          )
        )[0].n,
      );
      expect(figures.escalations.level1 + figures.escalations.level2 + figures.escalations.level3).toBe(
        escalatedInDecember,
      );

      const csv = await t
        .http()
        .get(report.csvPath)
        .set('Authorization', `Bearer ${tokenAt(discipline)}`)
        .expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines).toContain('department,HEALTH,县卫生健康局,opened,3');
      expect(lines).toContain('department,HEALTH,县卫生健康局,closed,1');
      expect(lines).toContain('township,520122107,鹿窝镇,overdue,1');
      expect(lines).toContain(`totals,,,opened,${figures.totals.opened}`);

      const xlsx = await t
        .http()
        .get(report.xlsxPath)
        .set('Authorization', `Bearer ${tokenAt(admin)}`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as never);
      const sheet = wb.getWorksheet('By department')!;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(rows[0]).toEqual(['code', 'name', 'opened', 'closed', 'overdue']);
      expect(rows).toContainEqual(['HEALTH', '县卫生健康局', 3, 1, 1]);

      // Authenticated, and only for readers of reports.
      await t.http().get(report.csvPath).expect(401);
      await t
        .http()
        .get(report.csvPath)
        .set('Authorization', `Bearer ${tokenAt(inspector)}`)
        .expect(403);
      const missing = await t
        .http()
        .get(`/api/supervision/reports/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.csv`)
        .set('Authorization', `Bearer ${tokenAt(admin)}`)
        .expect(404);
      expect(missing.body.code).toBe('REPORT_NOT_FOUND');
      // A name of the right shape that is no UUID is not found either, before any query (not a database error).
      const malformed = await t
        .http()
        .get(`/api/supervision/reports/${'-'.repeat(36)}.xlsx`)
        .set('Authorization', `Bearer ${tokenAt(admin)}`)
        .expect(404);
      expect(malformed.body.code).toBe('REPORT_NOT_FOUND');
    });

    it('a month not yet over counts as of now and says so: a task due later this month is not overdue', async () => {
      // The full December report of the test above was counted at the month's end.
      const [full] = await t.dataSource.query(
        `SELECT figures FROM supervision_report WHERE period = '2026-12' ORDER BY generated_at LIMIT 1`,
      );
      expect(full.figures).toMatchObject({ partial: false, asOf: '2026-12-31T16:00:00.000Z' });

      clock.set('2026-12-09T02:00:00Z'); // 9 December, 10:00 in Xifeng
      await createTask(tokenAt(admin), {
        type: 'FIRE_HEALTH_INSPECTION',
        title: '卫生复查',
        targetKind: 'TOWNSHIP',
        targetId: '520122106',
        leadDepartmentCode: 'HEALTH',
        dueAt: '2026-12-20T02:00:00Z',
      });
      clock.set('2026-12-09T03:00:00Z');
      const res = await t.gql<{ generateSupervisionReport: { figures: string; csvPath: string } }>(
        `mutation { generateSupervisionReport(input: { period: "2026-12" }) { figures csvPath } }`,
        {},
        tokenAt(admin),
      );
      expect(res.errors).toBeUndefined();
      const figures = JSON.parse(res.data!.generateSupervisionReport.figures);
      expect(figures).toMatchObject({ partial: true, asOf: '2026-12-09T03:00:00.000Z' });
      // Due 5 Dec (open) is overdue now; due 10 Dec (closed) and due 20 Dec (open) are not.
      expect(figures.byDepartment.find((r: { code: string }) => r.code === 'HEALTH')).toEqual({
        code: 'HEALTH',
        name: '县卫生健康局',
        opened: 4,
        closed: 1,
        overdue: 1,
      });
      const csv = await t
        .http()
        .get(res.data!.generateSupervisionReport.csvPath)
        .set('Authorization', `Bearer ${tokenAt(admin)}`)
        .expect(200);
      const lines = csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines).toContain('report,2026-12,,asOf,2026-12-09T03:00:00.000Z');
      expect(lines).toContain('report,2026-12,period not over: counted as of asOf,partial,true');
    });

    it('the schedulers make each period’s report once', async () => {
      const registry = t.app.get(SubscriberRegistry);
      const handler = (name: string) =>
        registry.scheduledTasks().find((s) => s.name === name)!.handler as ScheduledTaskHandler;
      expect(handler('supervision.monthly-report').schedule()).toEqual({ pattern: '0 2 1 * *' });
      clock.set('2027-01-01T00:00:00Z'); // 08:00 on 1 January in Xifeng
      await Promise.all([
        handler('supervision.monthly-report').run(clock.now()),
        handler('supervision.monthly-report').run(clock.now()),
      ]);
      await handler('supervision.quarterly-report').run(clock.now());
      const rows = await t.dataSource.query(
        `SELECT kind, period FROM supervision_report WHERE trigger = 'SCHEDULED' ORDER BY period`,
      );
      expect(rows).toEqual([
        { kind: 'MONTHLY', period: '2026-12' },
        { kind: 'QUARTERLY', period: '2026-Q4' },
      ]);
      const q = await t.app.get(SupervisionFacade).reportFigures(parsePeriod('2026-Q4', 'Asia/Shanghai'));
      expect(q.totals.opened).toBeGreaterThanOrEqual(4);
    });
  });
});
