import { EscalationSweepTask, ReportContributions } from '../../src/modules/supervision';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { GqlResult, LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

const CASE_FIELDS = `id partyKind partyCode status openedAt statementDueAt decisionDueAt statement statementOverdue decisionOverdue
  decisionKind accountabilityLevel decisionReasons decidedById
  department { code name } township { code name } statementBy { id } decidedBy { id }
  items { itemKind itemId title dueAt overdueDays leadDepartmentCode townshipCode task { id targetKind targetId } }`;

interface CaseView {
  id: string;
  partyKind: string;
  partyCode: string;
  status: string;
  openedAt: string;
  statementDueAt: string;
  decisionDueAt: string;
  statement: string | null;
  statementOverdue: boolean;
  decisionOverdue: boolean;
  decisionKind: string | null;
  accountabilityLevel: string | null;
  decisionReasons: string | null;
  decidedById: string | null;
  department: { code: string; name: string } | null;
  township: { code: string; name: string } | null;
  statementBy: { id: string } | null;
  decidedBy: { id: string } | null;
  items: {
    itemKind: string;
    itemId: string;
    overdueDays: number;
    task: { id: string; targetKind: string; targetId: string } | null;
  }[];
}

/**
 * Accountability (问责, issue #23) on a fixed clock: the inspection office opens a task against a
 * department; overdue tasks climb the ladder; level 3 opens one case per party held (later items join it);
 * the party gives its statement; a discipline supervisor decides; the report section counts it.
 */
describe('accountability', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-11-02T02:00:00Z');
  let admin: LoggedIn;
  let inspection: LoggedIn;
  let eduOfficer: LoggedIn;
  let fireOfficer: LoggedIn;
  let disciplineOfficer: LoggedIn;
  let township: LoggedIn;
  let discipline: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SUPERVISION_SWEEP_MINUTES: '1440' } });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    inspection = await t.loginAs(Role.DEPARTMENT_OFFICER, 'INSPECTION_OFFICE');
    eduOfficer = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    fireOfficer = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    disciplineOfficer = await t.loginAs(Role.DEPARTMENT_OFFICER, 'DISCIPLINE');
    township = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
    discipline = await t.loginAs(Role.DISCIPLINE_SUPERVISOR);
  });
  afterAll(() => t?.close());

  const sweep = () => t.app.get(EscalationSweepTask).run(clock.now());
  const tok = (u: LoggedIn) => t.tokenFor(u.id); // issued at the clock's current time

  async function createTask(
    u: LoggedIn,
    input: Record<string, unknown>,
  ): Promise<GqlResult<{ createSupervisionTask: { id: string } }>> {
    return t.gql(
      `mutation($input: CreateSupervisionTaskInput!) { createSupervisionTask(input: $input) { id } }`,
      { input: { type: 'SPECIAL_INSPECTION', title: '督办事项', dueAt: '2026-11-04T02:00:00Z', ...input } },
      tok(u),
    );
  }

  const getCase = (u: LoggedIn, id: string) =>
    t.gql<{ accountabilityCase: CaseView | null }>(
      `query($id: ID!) { accountabilityCase(id: $id) { ${CASE_FIELDS} } }`,
      { id },
      tok(u),
    );
  const listCases = async (u: LoggedIn, filter: Record<string, unknown> = {}) =>
    (
      await t.gql<{ accountabilityCases: { totalCount: number; edges: { node: CaseView }[] } }>(
        `query($filter: AccountabilityCaseFilter) { accountabilityCases(first: 20, filter: $filter) { totalCount edges { node { ${CASE_FIELDS} } } } }`,
        { filter },
        tok(u),
      )
    ).data!.accountabilityCases;
  const statement = (u: LoggedIn, id: string, text: string) =>
    t.gql<{ recordAccountabilityStatement: CaseView }>(
      `mutation($input: RecordAccountabilityStatementInput!) { recordAccountabilityStatement(input: $input) { ${CASE_FIELDS} } }`,
      { input: { id, statement: text } },
      tok(u),
    );
  const decide = (u: LoggedIn, input: Record<string, unknown>) =>
    t.gql<{ recordAccountabilityDecision: CaseView }>(
      `mutation($input: RecordAccountabilityDecisionInput!) { recordAccountabilityDecision(input: $input) { ${CASE_FIELDS} } }`,
      { input },
      tok(u),
    );
  const caseRow = async (id: string) =>
    (await t.dataSource.query(`SELECT * FROM accountability_case WHERE id = $1`, [id]))[0] as Record<string, unknown>;
  const inbox = async (u: LoggedIn, caseId: string) =>
    (
      await t.gql<{ notifications: { edges: { node: { kind: string; entityId: string } }[] } }>(
        `{ notifications(first: 100) { edges { node { kind entityId } } } }`,
        {},
        tok(u),
      )
    )
      .data!.notifications.edges.filter((e) => e.node.entityId === caseId)
      .map((e) => e.node.kind);

  it('takes a level-3 escalation to an accountability case and a recorded decision', async () => {
    // The inspection office opens a task against a department; EDU's officers read it, FIRE_RESCUE's do not.
    const againstEdu = await createTask(inspection, {
      title: '教育局履职督办',
      targetKind: 'DEPARTMENT',
      targetId: 'EDU',
      leadDepartmentCode: 'INSPECTION_OFFICE',
    });
    const deptTaskId = againstEdu.data!.createSupervisionTask.id;
    const seen = (u: LoggedIn) =>
      t.gql<{ supervisionTask: { id: string } | null }>(
        `query($id: ID!) { supervisionTask(id: $id) { id } }`,
        { id: deptTaskId },
        tok(u),
      );
    expect((await seen(eduOfficer)).data?.supervisionTask?.id).toBe(deptTaskId);
    expectGqlError(await seen(fireOfficer), 'TASK_NOT_FOUND');
    const eduList = await t.gql<{ supervisionTasks: { edges: { node: { id: string } }[] } }>(
      `{ supervisionTasks(first: 50, filter: { overdue: false }) { edges { node { id } } } }`,
      {},
      tok(eduOfficer),
    );
    expect(eduList.data!.supervisionTasks.edges.map((e) => e.node.id)).toContain(deptTaskId);

    // Only the county office and the inspection office target a department, and only a real one.
    const tasksBefore = (await t.dataSource.query(`SELECT count(*)::int AS n FROM supervision_task`))[0].n;
    expectGqlError(
      await createTask(eduOfficer, { targetKind: 'DEPARTMENT', targetId: 'HEALTH', leadDepartmentCode: 'EDU' }),
      'FORBIDDEN',
    );
    const unknown = expectGqlError(
      await createTask(admin, {
        targetKind: 'DEPARTMENT',
        targetId: 'NO_SUCH',
        leadDepartmentCode: 'INSPECTION_OFFICE',
      }),
      'VALIDATION_FAILED',
    );
    expect(unknown.extensions?.errors).toEqual([expect.objectContaining({ path: 'targetId' })]);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM supervision_task`))[0].n).toBe(tasksBefore);

    // An EDU-led task, an inspection-office task against a township, and a later EDU task.
    const eduTask = (
      await createTask(eduOfficer, {
        title: '日常检查',
        targetKind: 'TOWNSHIP',
        targetId: '520122001',
        leadDepartmentCode: 'EDU',
      })
    ).data!.createSupervisionTask.id;
    const townshipTask = (
      await createTask(inspection, {
        title: '乡镇督办',
        targetKind: 'TOWNSHIP',
        targetId: '520122001',
        leadDepartmentCode: 'INSPECTION_OFFICE',
      })
    ).data!.createSupervisionTask.id;
    const laterEduTask = (
      await createTask(eduOfficer, {
        title: '后续检查',
        targetKind: 'TOWNSHIP',
        targetId: '520122001',
        leadDepartmentCode: 'EDU',
        dueAt: '2026-11-05T02:00:00Z',
      })
    ).data!.createSupervisionTask.id;

    // Levels 1 and 2 open no case; level 3 (more than 7 days late) does, once, even with two sweeps at once.
    clock.set('2026-11-08T03:00:00Z');
    await sweep();
    expect(await listCases(admin)).toMatchObject({ totalCount: 0 });
    clock.set('2026-11-11T03:00:00Z');
    await Promise.all([sweep(), sweep()]);
    await sweep();
    const all = await listCases(admin);
    expect(all.totalCount).toBe(2);
    const eduCase = all.edges.map((e) => e.node).find((c) => c.partyKind === 'DEPARTMENT')!;
    const twnCase = all.edges.map((e) => e.node).find((c) => c.partyKind === 'TOWNSHIP')!;
    expect(eduCase).toMatchObject({
      partyCode: 'EDU',
      status: 'OPEN',
      openedAt: '2026-11-11T03:00:00.000Z',
      statementDueAt: '2026-11-16T03:00:00.000Z', // supervision.accountability_statement_days: 5
      decisionDueAt: '2026-11-26T03:00:00.000Z', // supervision.accountability_decision_days: 15
      statementOverdue: false,
      decisionOverdue: false,
      department: { code: 'EDU' },
      township: null,
    });
    // The task against EDU holds EDU (not the inspection office that leads it), beside EDU's own task.
    expect(eduCase.items.map((i) => i.itemId).sort()).toEqual([deptTaskId, eduTask].sort());
    expect(eduCase.items.find((i) => i.itemId === deptTaskId)).toMatchObject({
      itemKind: 'TASK',
      overdueDays: 7,
      task: { id: deptTaskId, targetKind: 'DEPARTMENT', targetId: 'EDU' },
    });
    expect(twnCase).toMatchObject({ partyCode: '520122001', township: { code: '520122001' }, department: null });
    expect(twnCase.items.map((i) => i.itemId)).toEqual([townshipTask]);
    const opened = await t.dataSource.query(
      `SELECT payload FROM outbox WHERE name = 'supervision.accountability.opened' ORDER BY payload->>'partyKind'`,
    );
    expect(opened.map((o: { payload: { caseId: string } }) => o.payload.caseId)).toEqual([eduCase.id, twnCase.id]);
    // Opened once, audited in the same transaction (a concurrent sweep's EDU item may have joined it).
    const actions = (await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [eduCase.id])).map(
      (r: { action: string }) => r.action,
    );
    expect(actions.filter((a: string) => a === 'supervision.accountability.opened')).toHaveLength(1);
    // The party, the inspection office, the discipline commission and its supervisors are told; others not.
    for (const u of [eduOfficer, inspection, disciplineOfficer, discipline])
      expect(await inbox(u, eduCase.id)).toEqual(['supervision.accountability.opened']);
    expect(await inbox(fireOfficer, eduCase.id)).toEqual([]);
    expect(await inbox(township, twnCase.id)).toEqual(['supervision.accountability.opened']);

    // Scope: the party reads its own case; the inspection office and discipline commission read all.
    expect((await listCases(eduOfficer)).edges.map((e) => e.node.id)).toEqual([eduCase.id]);
    expect((await listCases(township)).edges.map((e) => e.node.id)).toEqual([twnCase.id]);
    expect((await listCases(fireOfficer)).totalCount).toBe(0);
    expect((await listCases(inspection)).totalCount).toBe(2);
    expect((await listCases(disciplineOfficer, { partyKind: 'TOWNSHIP' })).totalCount).toBe(1);
    expectGqlError(await getCase(fireOfficer, eduCase.id), 'ACCOUNTABILITY_CASE_NOT_FOUND');
    expectGqlError(await getCase(township, eduCase.id), 'ACCOUNTABILITY_CASE_NOT_FOUND');

    // A later EDU item reaching level 3 joins the OPEN case rather than opening another.
    clock.set('2026-11-12T03:00:00Z');
    await sweep();
    const joined = (await getCase(eduOfficer, eduCase.id)).data!.accountabilityCase!;
    expect(joined.items.map((i) => i.itemId)).toContain(laterEduTask);
    expect(joined.items).toHaveLength(3);
    expect((await listCases(admin)).totalCount).toBe(2);

    // While the party may still explain itself, no decision; bad input changes nothing.
    const before = await caseRow(eduCase.id);
    expectGqlError(
      await decide(discipline, { id: eduCase.id, kind: 'INTERVIEW', reasons: '约谈' }),
      'ACCOUNTABILITY_STATEMENT_PENDING',
    );
    const bad = expectGqlError(
      await decide(discipline, { id: eduCase.id, kind: 'ACCOUNTABILITY', reasons: '  ' }),
      'VALIDATION_FAILED',
    );
    expect((bad.extensions?.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'accountabilityLevel',
      'reasons',
    ]);
    expectGqlError(
      await decide(discipline, {
        id: eduCase.id,
        kind: 'INTERVIEW',
        accountabilityLevel: 'ADMONISHMENT',
        reasons: '约谈',
      }),
      'VALIDATION_FAILED',
    );
    expectGqlError(await statement(eduOfficer, eduCase.id, '   '), 'VALIDATION_FAILED');
    expectGqlError(await statement(fireOfficer, eduCase.id, '说明'), 'ACCOUNTABILITY_CASE_NOT_FOUND');
    expectGqlError(await statement(inspection, eduCase.id, '说明'), 'ACCOUNTABILITY_FORBIDDEN');
    expectGqlError(await decide(admin, { id: eduCase.id, kind: 'NO_ACTION', reasons: '不予问责' }), 'FORBIDDEN');
    expect(await caseRow(eduCase.id)).toEqual(before);

    // The party's statement (情况说明): once.
    const stated = await statement(eduOfficer, eduCase.id, '因人员调整导致逾期，已落实专人负责。');
    expect(stated.data?.recordAccountabilityStatement).toMatchObject({
      status: 'STATEMENT_RECEIVED',
      statement: '因人员调整导致逾期，已落实专人负责。',
      statementBy: { id: eduOfficer.id },
    });
    expectGqlError(await statement(eduOfficer, eduCase.id, '再次说明'), 'ACCOUNTABILITY_CASE_STATE');
    expect(await inbox(discipline, eduCase.id)).toContain('supervision.accountability.statement_received');

    // The decision: 问责 at the level of 诫勉谈话, by a discipline supervisor.
    clock.set('2026-11-20T03:00:00Z');
    const decided = await decide(discipline, {
      id: eduCase.id,
      kind: 'ACCOUNTABILITY',
      accountabilityLevel: 'ADMONISHMENT',
      reasons: '三项督办事项逾期七天以上，对分管负责人诫勉谈话。',
    });
    expect(decided.data?.recordAccountabilityDecision).toMatchObject({
      status: 'DECIDED',
      decisionKind: 'ACCOUNTABILITY',
      accountabilityLevel: 'ADMONISHMENT',
      decidedBy: { id: discipline.id },
      decisionOverdue: false,
    });
    expectGqlError(
      await decide(discipline, { id: eduCase.id, kind: 'NO_ACTION', reasons: '撤销' }),
      'ACCOUNTABILITY_CASE_STATE',
    );
    const [decidedEvent] = await t.dataSource.query(
      `SELECT payload FROM outbox WHERE name = 'supervision.accountability.decided'`,
    );
    expect(decidedEvent.payload).toEqual({
      caseId: eduCase.id,
      partyKind: 'DEPARTMENT',
      partyCode: 'EDU',
      decisionKind: 'ACCOUNTABILITY',
      accountabilityLevel: 'ADMONISHMENT',
      late: false,
    });
    expect(await inbox(eduOfficer, eduCase.id)).toContain('supervision.accountability.decided');
    expect(await inbox(admin, eduCase.id)).toContain('supervision.accountability.decided');

    // The township case: no statement, decided after the statement deadline; its decision deadline passed.
    clock.set('2026-11-27T03:00:00Z');
    expect((await getCase(township, twnCase.id)).data!.accountabilityCase).toMatchObject({
      statementOverdue: true,
      decisionOverdue: true,
    });
    expect((await listCases(admin, { decisionOverdue: true })).edges.map((e) => e.node.id)).toEqual([twnCase.id]);
    const noStatement = await decide(discipline, {
      id: twnCase.id,
      kind: 'CIRCULATED',
      reasons: '逾期未说明，通报批评。',
    });
    expect(noStatement.data?.recordAccountabilityDecision).toMatchObject({
      status: 'DECIDED',
      decisionKind: 'CIRCULATED',
    });

    // The report section: two opened, two decided, one 问责 and one 通报批评 in November (UTC+8).
    const section = t.app
      .get(ReportContributions)
      .all()
      .find((s) => s.section === 'accountability')!;
    const figures = await section.figures({
      from: new Date('2026-10-31T16:00:00Z'),
      to: new Date('2026-11-30T16:00:00Z'),
    });
    expect(Object.fromEntries(figures.map((f) => [f.key, f.value]))).toEqual({
      'accountability.casesOpened': '2',
      'accountability.casesDecided': '2',
      'accountability.decisionsInterview': '0',
      'accountability.decisionsCirculated': '1',
      'accountability.decisionsAccountability': '1',
      'accountability.decisionsNoAction': '0',
    });
  });
});
