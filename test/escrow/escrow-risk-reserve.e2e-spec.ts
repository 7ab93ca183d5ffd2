import { randomUUID } from 'node:crypto';
import { CoverageCheck, EscrowFacade } from '../../src/modules/escrow';
import { InstitutionSummary } from '../../src/modules/registry';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { SubscriberRegistry } from '../../src/platform/events/subscriber-registry';
import { TestBankKey } from '../factories/identity.factory';
import { openAccount } from '../factories/escrow.factory';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

const START = '2026-11-29T03:00:00Z'; // 11:00 in Xifeng, business date 2026-11-29
const FIELDS =
  'id institutionId amount bankName accountNo depositedOn validUntil status expired covering townshipCode releasedAt releaseReason';
const REGISTER = `mutation($input: RegisterRiskReserveInput!) { registerRiskReserve(input: $input) { ${FIELDS} } }`;
const RELEASE = `mutation($id: ID!, $reason: String!) { releaseRiskReserve(input: { id: $id, reason: $reason }) { ${FIELDS} } }`;

interface ReserveView {
  id: string;
  institutionId: string;
  amount: string;
  status: string;
  expired: boolean;
  covering: boolean;
  validUntil: string | null;
  releaseReason: string | null;
}

/**
 * The risk-reserve route (风险保证金) of 教监管函〔2021〕2号 beside bank custody: registering one covers the
 * institution (no NO_ESCROW_ACCOUNT, coverage counts it), releasing or letting it expire uncovers it.
 */
describe('escrow: risk reserves (风险保证金)', () => {
  let t: TestApp;
  const clock = new FixedClock(START);
  let admin: LoggedIn;
  let financial: LoggedIn;
  let fire: LoggedIn;
  let bank: TestBankKey;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { DB_POOL_SIZE: '12' } });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    financial = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FINANCIAL_OFFICE');
    fire = await t.loginAs(Role.DEPARTMENT_OFFICER, 'FIRE_RESCUE');
    bank = await t.registerBank();
  });
  afterAll(() => t?.close());

  /** Tokens live 15 minutes of test-clock time: a fresh one after the clock moves. */
  const tok = (u: LoggedIn) => t.tokenFor(u.id);
  const input = (institutionId: string, over: Record<string, unknown> = {}) => ({
    institutionId,
    amount: '50000.00',
    bankName: '息烽县农村信用合作联社永靖支行',
    accountNo: '52012200110022',
    depositedOn: '2026-11-20',
    validUntil: '2027-11-19',
    ...over,
  });
  const register = (inp: Record<string, unknown>, token: string) =>
    t.gql<{ registerRiskReserve: ReserveView }>(REGISTER, { input: inp }, token);
  const release = (id: string, reason: string, token: string) =>
    t.gql<{ releaseRiskReserve: ReserveView }>(RELEASE, { id, reason }, token);
  const check = () => t.app.get(CoverageCheck).run(clock.now());
  const noAccountAlerts = async (institutionId: string) =>
    (await t.dataSource.query(
      `SELECT id, status FROM escrow_alert WHERE institution_id = $1 AND type = 'NO_ESCROW_ACCOUNT' ORDER BY raised_at, id`,
      [institutionId],
    )) as { id: string; status: string }[];
  const statuses = async (institutionId: string) => (await noAccountAlerts(institutionId)).map((a) => a.status);
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await t.dataSource.query(sql, params))[0].n);
  const outbox = (name: string, institutionId: string) =>
    count(`SELECT count(*)::int AS n FROM outbox WHERE name = $1 AND payload->>'institutionId' = $2`, [
      name,
      institutionId,
    ]);
  const registered = async (inst: InstitutionSummary, over: Record<string, unknown> = {}): Promise<ReserveView> => {
    const res = await register(input(inst.id, over), tok(admin));
    if (!res.data) throw new Error(`registerRiskReserve failed: ${JSON.stringify(res.errors)}`);
    return res.data.registerRiskReserve;
  };

  it('registering resolves the open NO_ESCROW_ACCOUNT alert, and a new check raises none', async () => {
    const inst = await createInstitution(t, { townshipCode: '520122100' });
    await check();
    expect(await statuses(inst.id)).toEqual(['OPEN']);
    const [alert] = await noAccountAlerts(inst.id);

    const res = await register(input(inst.id), financial.token);
    expect(res.errors).toBeUndefined();
    const reserve = res.data!.registerRiskReserve;
    expect(reserve).toMatchObject({
      institutionId: inst.id,
      amount: '50000.00',
      bankName: '息烽县农村信用合作联社永靖支行',
      accountNo: '52012200110022',
      depositedOn: '2026-11-20',
      validUntil: '2027-11-19',
      status: 'ACTIVE',
      expired: false,
      covering: true,
      townshipCode: '520122100',
      releasedAt: null,
    });
    expect(await statuses(inst.id)).toEqual(['RESOLVED']);
    await check();
    await check();
    expect(await statuses(inst.id)).toEqual(['RESOLVED']);

    const [row] = await t.dataSource.query(`SELECT amount_fen::text AS fen FROM escrow_risk_reserve WHERE id = $1`, [
      reserve.id,
    ]);
    expect(row.fen).toBe('5000000');
    expect(await outbox('escrow.risk_reserve.registered', inst.id)).toBe(1);
    expect(await outbox('escrow.alert.resolved', inst.id)).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'escrow.risk_reserve.registered'`,
        [reserve.id],
      ),
    ).toBe(1);

    // Readers see it on the institution and in the list; a township officer of another township does not.
    const own = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122100');
    const other = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
    const listed = await t.gql<{ riskReserves: { id: string }[] }>(
      `query($id: ID!) { riskReserves(institutionId: $id) { id status } }`,
      { id: inst.id },
      own.token,
    );
    expect(listed.data?.riskReserves.map((r) => r.id)).toEqual([reserve.id]);
    const hidden = await t.gql<{ riskReserves: { id: string }[] }>(
      `query($id: ID!) { riskReserves(institutionId: $id) { id } }`,
      { id: inst.id },
      other.token,
    );
    expect(hidden.data?.riskReserves).toEqual([]);
    const onInstitution = await t.gql<{
      institution: {
        riskReserve: { id: string; covering: boolean } | null;
        escrowAccount: unknown;
        openEscrowAlertCount: number;
      };
    }>(
      `query($id: ID!) { institution(id: $id) { riskReserve { id covering } escrowAccount { id } openEscrowAlertCount } }`,
      { id: inst.id },
      admin.token,
    );
    expect(onInstitution.errors).toBeUndefined();
    expect(onInstitution.data?.institution).toEqual({
      riskReserve: { id: reserve.id, covering: true },
      escrowAccount: null,
      openEscrowAlertCount: 0,
    });

    // Credit's projection sees the resolution, so the deadline task never makes it a violation.
    await waitFor(
      async () =>
        (
          (await t.dataSource.query(`SELECT resolved_at FROM credit_escrow_alert WHERE alert_id = $1`, [
            alert!.id,
          ])) as { resolved_at: Date | null }[]
        )[0]?.resolved_at ?? undefined,
      { what: 'the resolution projected into credit' },
    );
    const deadline = t.app
      .get(SubscriberRegistry)
      .scheduledTasks()
      .find((x) => x.name === 'credit.escrow-alert-deadline')!.handler as unknown as {
      run(now: Date): Promise<number>;
    };
    try {
      clock.set('2026-12-09T03:00:00Z'); // past credit.escrow_alert_deadline_days (7)
      await deadline.run(clock.now());
      expect(await count(`SELECT count(*)::int AS n FROM credit_record WHERE institution_id = $1`, [inst.id])).toBe(0);
    } finally {
      clock.set(START);
    }
  });

  it('releasing brings NO_ESCROW_ACCOUNT back at the next check (not before)', async () => {
    const inst = await createInstitution(t);
    const reserve = await registered(inst);
    await check();
    expect(await statuses(inst.id)).toEqual([]);

    const res = await release(reserve.id, '机构转为银行托管以外的退还', tok(financial));
    expect(res.errors).toBeUndefined();
    expect(res.data?.releaseRiskReserve).toMatchObject({
      id: reserve.id,
      status: 'RELEASED',
      covering: false,
      releaseReason: '机构转为银行托管以外的退还',
    });
    expect(await statuses(inst.id)).toEqual([]);
    expect(await outbox('escrow.risk_reserve.released', inst.id)).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'escrow.risk_reserve.released'`,
        [reserve.id],
      ),
    ).toBe(1);

    await check();
    expect(await statuses(inst.id)).toEqual(['OPEN']);

    // A second release is refused; the institution may register a new reserve after the release.
    expectGqlError(await release(reserve.id, 'again', tok(admin)), 'RISK_RESERVE_RELEASED');
    const again = await registered(inst, { validUntil: null });
    expect(again).toMatchObject({ status: 'ACTIVE', validUntil: null, covering: true });
    expect(await statuses(inst.id)).toEqual(['RESOLVED']);
    const listed = await t.gql<{ riskReserves: { id: string; status: string }[] }>(
      `query($id: ID!) { riskReserves(institutionId: $id) { id status } }`,
      { id: inst.id },
      tok(admin),
    );
    expect(listed.data?.riskReserves).toEqual([
      { id: again.id, status: 'ACTIVE' },
      { id: reserve.id, status: 'RELEASED' },
    ]);
  });

  it('an expired reserve covers nothing: the check raises NO_ESCROW_ACCOUNT after its last day', async () => {
    const inst = await createInstitution(t);
    const reserve = await registered(inst, { validUntil: '2026-12-05' });
    const facade = t.app.get(EscrowFacade);
    try {
      clock.set('2026-12-05T15:59:00Z'); // 23:59 on the last day in Xifeng: still covered
      await check();
      expect(await statuses(inst.id)).toEqual([]);
      expect((await facade.dashboardFigures({ operatingInstitutionIds: [inst.id] })).coveredInstitutions).toBe(1);

      clock.set('2026-12-05T16:00:00Z'); // 2026-12-06 00:00 in Xifeng
      await check();
      expect(await statuses(inst.id)).toEqual(['OPEN']);
      expect((await facade.dashboardFigures({ operatingInstitutionIds: [inst.id] })).coveredInstitutions).toBe(0);
      const view = await t.gql<{ riskReserves: ReserveView[] }>(
        `query($id: ID!) { riskReserves(institutionId: $id) { id status expired covering } }`,
        { id: inst.id },
        tok(admin),
      );
      expect(view.data?.riskReserves).toEqual([{ id: reserve.id, status: 'ACTIVE', expired: true, covering: false }]);
      // Still the ACTIVE one: it is released before another is registered.
      expectGqlError(
        await register(input(inst.id, { validUntil: null, depositedOn: '2026-12-06' }), tok(admin)),
        'RISK_RESERVE_EXISTS',
      );
      expect((await release(reserve.id, '到期退还', tok(admin))).errors).toBeUndefined();
      expect(
        (await register(input(inst.id, { validUntil: '2027-12-05', depositedOn: '2026-12-06' }), tok(admin))).errors,
      ).toBeUndefined();
      expect(await statuses(inst.id)).toEqual(['RESOLVED']);
    } finally {
      clock.set(START);
    }
  });

  it('refusals leave the data unchanged: a second active reserve, below the minimum, unknown or closed institution, bad dates, wrong role', async () => {
    const inst = await createInstitution(t);
    const reserve = await registered(inst);
    const uncovered = await createInstitution(t);
    const deregistered = await createInstitution(t, { status: 'DEREGISTERED' });
    const township = await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001');
    const inspector = await t.loginAs(Role.INSPECTOR);
    const snapshot = async () => ({
      reserves: await t.dataSource.query(`SELECT * FROM escrow_risk_reserve ORDER BY id`),
      alerts: await t.dataSource.query(`SELECT id, status FROM escrow_alert ORDER BY id`),
      audit: await count(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'escrow.risk_reserve.%'`),
      outbox: await count(`SELECT count(*)::int AS n FROM outbox WHERE name LIKE 'escrow.risk_reserve.%'`),
    });
    const before = await snapshot();

    expectGqlError(await register(input(inst.id), admin.token), 'RISK_RESERVE_EXISTS');
    const low = expectGqlError(
      await register(input(uncovered.id, { amount: '4999.99' }), admin.token),
      'RISK_RESERVE_BELOW_MINIMUM',
    );
    expect(low.message).toContain('5000.00');
    expectGqlError(await register(input(randomUUID()), admin.token), 'INSTITUTION_NOT_FOUND');
    expectGqlError(await register(input(deregistered.id), admin.token), 'INSTITUTION_NOT_OPERATING');
    expectGqlError(await register(input(uncovered.id, { amount: '50000' }), admin.token), 'VALIDATION_FAILED');
    expectGqlError(
      await register(input(uncovered.id, { depositedOn: '2026-11-30' }), admin.token),
      'VALIDATION_FAILED',
    ); // tomorrow
    expectGqlError(await register(input(uncovered.id, { validUntil: '2026-11-28' }), admin.token), 'VALIDATION_FAILED'); // already past
    expectGqlError(await register(input(uncovered.id, { depositedOn: '2026-02-30' }), admin.token), 'BAD_USER_INPUT'); // not a calendar day: the Date scalar refuses it
    expectGqlError(await register(input(uncovered.id, { bankName: '' }), admin.token), 'VALIDATION_FAILED');
    for (const caller of [fire, township, inspector]) {
      expectGqlError(await register(input(uncovered.id), caller.token), 'FORBIDDEN');
      expectGqlError(await release(reserve.id, '不应退还', caller.token), 'FORBIDDEN');
    }
    expectGqlError(await release(randomUUID(), 'x', admin.token), 'RISK_RESERVE_NOT_FOUND');
    expectGqlError(await release(reserve.id, '   ', admin.token), 'VALIDATION_FAILED');
    expect(
      expectGqlError(await release('not-a-uuid', 'x', admin.token), 'VALIDATION_FAILED').extensions?.errors,
    ).toEqual([expect.objectContaining({ path: 'id' })]);

    expect(await snapshot()).toEqual(before);
  });

  it('an institution may hold an escrow account and a reserve at once (switching routes without a gap)', async () => {
    const account = await openAccount(t, admin.token, bank.bankCode);
    const reserve = await registered(account.institution);
    expect(reserve.covering).toBe(true);
    const figures = await t.app
      .get(EscrowFacade)
      .dashboardFigures({ operatingInstitutionIds: [account.institution.id] });
    expect(figures).toMatchObject({ coveredInstitutions: 1, coveredByAccount: 1, coveredByRiskReserve: 1 });
  });

  it('coverage counts institutions covered by either route: facade figures, trend and escrowCoverage', async () => {
    const byReserve = await createInstitution(t, { townshipCode: '520122105' });
    const byAccount = (
      await openAccount(t, admin.token, bank.bankCode, await createInstitution(t, { townshipCode: '520122105' }))
    ).institution;
    const none = await createInstitution(t, { townshipCode: '520122105' });
    const ids = [byReserve.id, byAccount.id, none.id];
    const facade = t.app.get(EscrowFacade);
    const coverage = async () =>
      (
        await t.gql<{
          escrowCoverage: {
            operating: number;
            covered: number;
            coveredByAccount: number;
            coveredByRiskReserve: number;
            byTownship: { key: string; operating: number; covered: number }[];
          };
        }>(
          `{ escrowCoverage { operating covered coveredByAccount coveredByRiskReserve byTownship { key operating covered } } }`,
          {},
          tok(admin),
        )
      ).data!.escrowCoverage;
    const townshipRow = (c: Awaited<ReturnType<typeof coverage>>) => c.byTownship.find((r) => r.key === '520122105');

    expect(await facade.dashboardFigures({ operatingInstitutionIds: ids })).toMatchObject({
      coveredInstitutions: 1,
      coveredByAccount: 1,
      coveredByRiskReserve: 0,
    });
    const before = await coverage();
    const beforeRow = townshipRow(before)!;

    clock.set('2026-11-29T04:00:00Z');
    try {
      await registered(byReserve);
      expect(await facade.dashboardFigures({ operatingInstitutionIds: ids })).toMatchObject({
        coveredInstitutions: 2,
        coveredByAccount: 1,
        coveredByRiskReserve: 1,
      });
      const after = await coverage();
      expect(after.covered).toBe(before.covered + 1);
      expect(after.coveredByRiskReserve).toBe(before.coveredByRiskReserve + 1);
      expect(after.coveredByAccount).toBe(before.coveredByAccount);
      expect(townshipRow(after)).toEqual({
        key: '520122105',
        operating: beforeRow.operating,
        covered: beforeRow.covered + 1,
      });
      // The trend counts the reserve from its registration on.
      expect(await facade.countCoveredAt(ids, new Date('2026-11-29T03:30:00Z'))).toBe(1);
      expect(await facade.countCoveredAt(ids, new Date('2026-11-29T05:00:00Z'))).toBe(2);

      const dashboard = await t.gql<{
        dashboard: { escrow: { coverage: { numerator: number; denominator: number } } };
      }>(
        `query($t: String) { dashboard(townshipCode: $t) { escrow { coverage { numerator denominator } } } }`,
        { t: '520122105' },
        tok(admin),
      );
      expect(dashboard.errors).toBeUndefined();
      expect(dashboard.data?.dashboard.escrow.coverage).toEqual({
        numerator: beforeRow.covered + 1,
        denominator: beforeRow.operating,
      });
    } finally {
      clock.set(START);
    }
  });

  it('counts for whitelist eligibility like an escrow account (credit projects the reserve events)', async () => {
    const inst = await createInstitution(t, { townshipCode: '520122102' });
    const eligibility = async () =>
      (
        await t.gql<{ whitelistEligibility: { activeEscrowAccount: boolean; reasons: string[] } }>(
          `query($id: ID!) { whitelistEligibility(institutionId: $id) { activeEscrowAccount reasons } }`,
          { id: inst.id },
          tok(admin),
        )
      ).data!.whitelistEligibility;
    expect((await eligibility()).reasons).toContain('no active escrow account or valid risk reserve');
    const reserve = await registered(inst);
    await waitFor(async () => (await eligibility()).activeEscrowAccount, { what: 'the reserve projected into credit' });
    expect((await eligibility()).reasons).not.toContain('no active escrow account or valid risk reserve');
    expect((await release(reserve.id, '机构转为银行托管', tok(admin))).errors).toBeUndefined();
    await waitFor(async () => !(await eligibility()).activeEscrowAccount, {
      what: 'the release projected into credit',
    });
  });
});
