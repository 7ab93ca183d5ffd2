import { PublicationExpiryTask } from '../../src/modules/enforcement';
import { RegistryFacade } from '../../src/modules/registry';
import { ReportContributions } from '../../src/modules/supervision';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

const A = '520122001'; // 永阳街道
const B = '520122100'; // 永靖镇
const NOW = '2026-11-20T02:00:00Z'; // business day 2026-11-20

const PENALTY_FIELDS = `id decisionNumber status kinds fine confiscated institutionId leadId townshipCode hearingRight
  hearingRequestDeadline reviewDeadline litigationDeadline publishedUntil publishedNow carriedOutOn withdrawalGround
  institution { id status } lead { id status } findings { id } decidingDepartment { code name }`;

interface Penalty {
  id: string;
  decisionNumber: string;
  status: string;
  kinds: string[];
  fine: string | null;
  confiscated: string | null;
  institutionId: string | null;
  leadId: string | null;
  hearingRight: boolean;
  hearingRequestDeadline: string | null;
  reviewDeadline: string;
  litigationDeadline: string;
  publishedUntil: string | null;
  publishedNow: boolean;
  carriedOutOn: string | null;
  withdrawalGround: string | null;
  institution: { id: string; status: string } | null;
  lead: { id: string; status: string } | null;
  findings: { id: string }[];
  decidingDepartment: { code: string; name: string } | null;
}

/**
 * Administrative penalties (行政处罚, #23) on the fixed clock: a finding → a suspension with a fine →
 * the institution suspended, the credit record, the public profile; the refusals that leave everything as
 * it was; an unlicensed operator's lead closed (常态清零); scope; carrying out, withdrawal and the end of
 * publication; the report section.
 */
describe('enforcement: penalty decisions', () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  let admin: LoggedIn;
  let edu: LoggedIn;
  let market: LoggedIn;
  let fire: LoggedIn;
  let townshipA: LoggedIn;
  let townshipB: LoggedIn;
  let discipline: LoggedIn;
  let institution: { id: string; creditCode: string };
  let other: { id: string; creditCode: string };
  let findingId: string;
  let suspension: Penalty;

  const tok = (u: LoggedIn) => t.tokenFor(u.id);
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].n);

  const decide = (u: LoggedIn, input: Record<string, unknown>) =>
    t.gql<{ decidePenalty: Penalty }>(
      `mutation($input: DecidePenaltyInput!) { decidePenalty(input: $input) { ${PENALTY_FIELDS} } }`,
      { input },
      tok(u),
    );
  const suspensionInput = (over: Record<string, unknown> = {}) => ({
    decisionNumber: '息教罚决字〔2026〕1号',
    institutionId: institution.id,
    kinds: ['ENROLMENT_SUSPENDED', 'FINE'],
    fine: '30000.00',
    legalBasis: '《校外培训行政处罚暂行办法》第十四条',
    facts: '超出许可范围开展学科类培训，经督导检查查实。',
    findingIds: [findingId],
    decidingDepartmentCode: 'EDU',
    noticeServedOn: '2026-11-10',
    decidedOn: '2026-11-18',
    ...over,
  });
  const profile = (creditCode: string) =>
    t.gql<{
      institutionPublicProfile: {
        status: string;
        penalties: {
          decisionNumber: string;
          kinds: string[];
          fine: string | null;
          publishedUntil: string;
          carriedOut: boolean;
        }[];
      };
    }>(
      `query($c: String!) { institutionPublicProfile(creditCode: $c) { status penalties { decisionNumber kinds fine publishedUntil carriedOut } } }`,
      { c: creditCode },
    );
  const listed = async (u: LoggedIn, filter: Record<string, unknown> = {}) => {
    const res = await t.gql<{ penaltyDecisions: { totalCount: number; edges: { node: { id: string } }[] } }>(
      `query($f: PenaltyDecisionFilter) { penaltyDecisions(filter: $f, first: 50) { totalCount edges { node { id } } } }`,
      { f: filter },
      tok(u),
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.penaltyDecisions.edges.map((e) => e.node.id).sort();
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    [admin, edu, market, fire, townshipA, townshipB, discipline] = await Promise.all([
      t.loginAs(Role.COUNTY_ADMIN),
      t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU'),
      t.loginAs(Role.DEPARTMENT_OFFICER, 'MARKET_REGULATION'),
      t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE'),
      t.loginAs(Role.TOWNSHIP_OFFICER, A),
      t.loginAs(Role.TOWNSHIP_OFFICER, B),
      t.loginAs(Role.DISCIPLINE_SUPERVISOR),
    ]);
    institution = await createInstitution(t, { townshipCode: A });
    other = await createInstitution(t, { townshipCode: A });
    // A finding on the institution, through supervision's own commands.
    const task = await t.gql<{ createSupervisionTask: { id: string } }>(
      `mutation($input: CreateSupervisionTaskInput!) { createSupervisionTask(input: $input) { id } }`,
      {
        input: {
          type: 'SPECIAL_INSPECTION',
          title: '学科类培训专项检查',
          targetKind: 'INSTITUTION',
          targetId: institution.id,
          leadDepartmentCode: 'EDU',
          dueAt: '2026-11-30T09:00:00Z',
        },
      },
      tok(edu),
    );
    const taskId = task.data!.createSupervisionTask.id;
    await t.gql(`mutation($id: ID!) { startTask(input: { id: $id }) { id } }`, { id: taskId }, tok(edu));
    const finding = await t.gql<{ recordFinding: { id: string } }>(
      `mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`,
      {
        input: {
          taskId,
          summary: '发现超范围学科类培训',
          checklistResults: [{ code: 'LICENCE', result: 'FAIL' }],
          evidence: [],
          violations: [],
        },
      },
      tok(edu),
    );
    if (!finding.data) throw new Error(JSON.stringify(finding.errors));
    findingId = finding.data.recordFinding.id;
  });
  afterAll(() => t?.close());

  it('refuses bad decisions with a stable code and changes nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM penalty_decision`);
    // decided inside the hearing request window (notice 11-10 + 5 days = 11-15) without a hearing
    const early = await decide(edu, suspensionInput({ decidedOn: '2026-11-14' }));
    expectGqlError(early, 'VALIDATION_FAILED');
    expect(JSON.stringify(early.errors)).toContain('decidedOn');
    // a finding about another institution, a fine without its amount
    const wrong = await decide(edu, suspensionInput({ institutionId: other.id, fine: null }));
    expectGqlError(wrong, 'VALIDATION_FAILED');
    expect(JSON.stringify(wrong.errors)).toMatch(/findingIds[\s\S]*fine|fine[\s\S]*findingIds/);
    // both parties, no kinds
    expectGqlError(await decide(edu, suspensionInput({ leadId: other.id, kinds: [] })), 'VALIDATION_FAILED');
    // another department's decision; a department without penalty powers
    const foreign = await decide(market, suspensionInput());
    expectGqlError(foreign, 'VALIDATION_FAILED');
    expect(JSON.stringify(foreign.errors)).toContain('decidingDepartmentCode');
    expectGqlError(await decide(fire, suspensionInput({ decidingDepartmentCode: 'FIRE_RESCUE' })), 'PENALTY_FORBIDDEN');
    expectGqlError(await decide(townshipA, suspensionInput()), 'FORBIDDEN');
    expect(await count(`SELECT count(*)::int AS n FROM penalty_decision`)).toBe(before);
    const [row] = await t.dataSource.query(`SELECT status FROM institution WHERE id = $1`, [institution.id]);
    expect(row.status).toBe('OPERATING');
    expect(await count(`SELECT count(*)::int AS n FROM credit_record WHERE source = 'ADMINISTRATIVE_PENALTY'`)).toBe(0);
  });

  it('a finding → a suspension: the institution is suspended, the credit record written, the profile shows it', async () => {
    const res = await decide(edu, suspensionInput());
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    suspension = res.data.decidePenalty;
    expect(suspension).toMatchObject({
      status: 'DECIDED',
      kinds: ['ENROLMENT_SUSPENDED', 'FINE'],
      fine: '30000.00',
      confiscated: null,
      hearingRight: true,
      hearingRequestDeadline: '2026-11-15',
      reviewDeadline: '2027-01-17',
      litigationDeadline: '2027-05-18',
      publishedUntil: '2027-11-18',
      publishedNow: true,
      institution: { id: institution.id, status: 'SUSPENDED' },
      lead: null,
      findings: [{ id: findingId }],
      decidingDepartment: { code: 'EDU', name: '县教育局' },
    });
    // the registry's own command ran: status, its audit row and event, in the decision's transaction
    const [inst] = await t.dataSource.query(`SELECT status FROM institution WHERE id = $1`, [institution.id]);
    expect(inst.status).toBe('SUSPENDED');
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'registry.institution.suspended'`,
        [institution.id],
      ),
    ).toBe(1);
    const [record] = await t.dataSource.query(
      `SELECT severity, institution_id FROM credit_record WHERE source = 'ADMINISTRATIVE_PENALTY' AND source_reference = $1`,
      [suspension.id],
    );
    expect(record).toEqual({ severity: 'SERIOUS', institution_id: institution.id });
    const events = await t.dataSource.query(
      `SELECT name FROM outbox WHERE payload->>'penaltyId' = $1 OR (name = 'registry.institution.suspended' AND payload->>'institutionId' = $2) ORDER BY name`,
      [suspension.id, institution.id],
    );
    expect(events.map((e: { name: string }) => e.name)).toEqual([
      'enforcement.penalty.decided',
      'enforcement.penalty.published',
      'registry.institution.suspended',
    ]);
    // the public profile (no login) shows the published decision
    const pub = await profile(institution.creditCode);
    expect(pub.data?.institutionPublicProfile).toEqual({
      status: 'SUSPENDED',
      penalties: [
        {
          decisionNumber: '息教罚决字〔2026〕1号',
          kinds: ['ENROLMENT_SUSPENDED', 'FINE'],
          fine: '30000.00',
          publishedUntil: '2027-11-18',
          carriedOut: false,
        },
      ],
    });
    // the same number again
    expectGqlError(
      await decide(admin, suspensionInput({ institutionId: other.id, findingIds: [] })),
      'PENALTY_NUMBER_TAKEN',
    );
  });

  it('against an unlicensed operator: the lead is closed (常态清零), the report section counts it', async () => {
    const lead = await t.gql<{ recordUnlicensedLead: { id: string } }>(
      `mutation($input: RecordLeadInput!) { recordUnlicensedLead(input: $input) { id } }`,
      {
        input: {
          townshipCode: A,
          location: '永阳街道某小区 3 栋',
          kind: 'UNLICENSED',
          source: 'GRID_PATROL',
          description: '居民楼内无证开展学科类培训',
        },
      },
      tok(townshipA),
    );
    const leadId = lead.data!.recordUnlicensedLead.id;
    const registry = t.app.get(RegistryFacade);
    const openBefore = await registry.countOpenUnlicensedLeads(A);
    // an unlicensed operator has no licence to revoke
    expectGqlError(
      await decide(market, {
        decisionNumber: '息市监罚〔2026〕7号',
        leadId,
        subjectName: '王某',
        kinds: ['LICENCE_REVOKED'],
        legalBasis: '《校外培训行政处罚暂行办法》第十三条',
        facts: '未经许可擅自举办校外培训机构。',
        decidingDepartmentCode: 'MARKET_REGULATION',
        noticeServedOn: '2026-11-10',
        decidedOn: '2026-11-19',
      }),
      'VALIDATION_FAILED',
    );
    const res = await decide(market, {
      decisionNumber: '息市监罚〔2026〕7号',
      leadId,
      subjectName: '王某',
      kinds: ['STOP_OPERATING', 'CONFISCATION'],
      confiscated: '12000.50',
      legalBasis: '《校外培训行政处罚暂行办法》第十三条',
      facts: '未经许可擅自举办校外培训机构。',
      decidingDepartmentCode: 'MARKET_REGULATION',
      noticeServedOn: '2026-11-10',
      hearingHeldOn: '2026-11-14',
      decidedOn: '2026-11-19',
    });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    expect(res.data.decidePenalty).toMatchObject({
      leadId,
      institutionId: null,
      confiscated: '12000.50',
      lead: { id: leadId, status: 'CLOSED' },
      publishedUntil: '2029-11-18',
    });
    expect(await registry.countOpenUnlicensedLeads(A)).toBe(openBefore - 1);

    const section = t.app
      .get(ReportContributions)
      .all()
      .find((s) => s.section === 'enforcement')!;
    const figures = await section.figures({
      from: new Date('2026-10-31T16:00:00Z'),
      to: new Date('2026-11-30T16:00:00Z'),
    });
    const value = (key: string) => figures.find((f) => f.key === `enforcement.${key}`)?.value;
    expect(value('penaltiesDecided')).toBe('2');
    expect(value('decidedEnrolmentSuspended')).toBe('1');
    expect(value('decidedStopOperating')).toBe('1');
    expect(value('decidedWarning')).toBe('0');
    expect(value('finesFen')).toBe('3000000');
    expect(value('confiscatedFen')).toBe('1200050');
    expect(value('againstUnlicensed')).toBe('1');
    expect(value('carriedOut')).toBe('0');
  });

  it('is read county-wide by the county office, departments and discipline, by township officers in their township only', async () => {
    const all = await listed(discipline);
    expect(all).toHaveLength(2);
    expect(await listed(admin)).toEqual(all);
    expect(await listed(market, { unlicensed: false })).toEqual([suspension.id]);
    expect(await listed(townshipA)).toEqual(all);
    expect(await listed(townshipB)).toEqual([]);
    expect(await listed(edu, { kind: 'FINE', decidedFrom: '2026-11-18', decidedTo: '2026-11-18' })).toEqual([
      suspension.id,
    ]);
    const byId = `query($id: ID!) { penaltyDecision(id: $id) { id } }`;
    expect((await t.gql(byId, { id: suspension.id }, tok(townshipA))).data).toEqual({
      penaltyDecision: { id: suspension.id },
    });
    expectGqlError(await t.gql(byId, { id: suspension.id }, tok(townshipB)), 'PENALTY_NOT_FOUND');
  });

  it('is carried out and withdrawn by the deciding department only; a withdrawn decision leaves the profile', async () => {
    const CARRY = `mutation($input: CarryOutPenaltyInput!) { carryOutPenalty(input: $input) { status carriedOutOn } }`;
    const WITHDRAW = `mutation($input: WithdrawPenaltyInput!) { withdrawPenalty(input: $input) { status withdrawalGround publishedNow } }`;
    expectGqlError(
      await t.gql(CARRY, { input: { id: suspension.id, carriedOutOn: '2026-11-19' } }, tok(market)),
      'PENALTY_FORBIDDEN',
    );
    expectGqlError(
      await t.gql(CARRY, { input: { id: suspension.id, carriedOutOn: '2026-11-21' } }, tok(edu)),
      'VALIDATION_FAILED',
    );
    const carried = await t.gql(CARRY, { input: { id: suspension.id, carriedOutOn: '2026-11-19' } }, tok(edu));
    expect(carried.data).toEqual({ carryOutPenalty: { status: 'CARRIED_OUT', carriedOutOn: '2026-11-19' } });
    expectGqlError(
      await t.gql(CARRY, { input: { id: suspension.id, carriedOutOn: '2026-11-19' } }, tok(edu)),
      'PENALTY_STATUS_CONFLICT',
    );
    expect((await profile(institution.creditCode)).data?.institutionPublicProfile.penalties[0]?.carriedOut).toBe(true);

    const withdrawn = await t.gql(
      WITHDRAW,
      {
        input: {
          id: suspension.id,
          ground: 'ADMINISTRATIVE_REVIEW',
          reason: '息政复决字〔2026〕3号 撤销',
          withdrawnOn: '2026-11-20',
        },
      },
      tok(admin),
    );
    if (!withdrawn.data) throw new Error(JSON.stringify(withdrawn.errors));
    expect(withdrawn.data).toEqual({
      withdrawPenalty: { status: 'WITHDRAWN', withdrawalGround: 'ADMINISTRATIVE_REVIEW', publishedNow: false },
    });
    expect((await profile(institution.creditCode)).data?.institutionPublicProfile.penalties).toEqual([]);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbox WHERE name = 'enforcement.penalty.withdrawn' AND payload->>'penaltyId' = $1`,
        [suspension.id],
      ),
    ).toBe(1);
  });

  it('publishes a public criticism for its period, then takes it off the profile', async () => {
    const res = await decide(admin, {
      decisionNumber: '息教罚决字〔2026〕2号',
      institutionId: other.id,
      kinds: ['PUBLIC_CRITICISM'],
      legalBasis: '《校外培训行政处罚暂行办法》第十五条',
      facts: '发布虚假招生广告。',
      decidingDepartmentCode: 'EDU',
      noticeServedOn: '2026-11-19',
      decidedOn: '2026-11-19',
    });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    expect(res.data.decidePenalty).toMatchObject({
      hearingRight: false,
      publishedUntil: '2027-11-19',
      institution: { status: 'OPERATING' },
    });
    expect((await profile(other.creditCode)).data?.institutionPublicProfile.penalties).toHaveLength(1);
    const expiry = t.app.get(PublicationExpiryTask);
    expect(await expiry.run(clock.now())).toBe(0);
    clock.set(new Date('2027-11-20T02:00:00Z'));
    try {
      expect(await expiry.run(clock.now())).toBe(1);
      expect(await expiry.run(clock.now())).toBe(0);
      expect((await profile(other.creditCode)).data?.institutionPublicProfile.penalties).toEqual([]);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM outbox WHERE name = 'enforcement.penalty.withdrawn' AND payload->>'penaltyId' = $1`,
          [res.data.decidePenalty.id],
        ),
      ).toBe(1);
    } finally {
      clock.set(new Date(NOW));
    }
  });
});
