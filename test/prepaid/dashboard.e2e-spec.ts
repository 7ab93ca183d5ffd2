import { randomBytes } from 'node:crypto';
import { EscrowFacade } from '../../src/modules/escrow';
import { XIFENG, seedReferenceDemo } from '../../src/modules/reference';
import { InstitutionSummary } from '../../src/modules/registry';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';

const T1 = '520122001'; // 永阳街道
const T2 = '520122100'; // 永靖镇

const CUSTODY = 'contractsActive custody unconsumed gap';
const PREPAID = `query($townshipCode: String) { dashboard(townshipCode: $townshipCode) { townshipCode periodFrom prepaid {
  total { ${CUSTODY} } byTownship { townshipCode ${CUSTODY} }
  topInstitutionsByGap { institutionId name townshipCode ${CUSTODY} }
  lessonsConfirmed { by lessons records share }
  refundsByStatus { status count amount } refundsExecuted refundMedianWorkingDays
  openAlerts { type count } exitRefundsOpen { reason count amount } } } }`;
const PROFILE = `query($c: String!) { institutionPublicProfile(creditCode: $c) { name sellsUnderSupervisedContracts } }`;

type Custody = { contractsActive: number; custody: string; unconsumed: string; gap: string };
interface PrepaidView {
  total: Custody;
  byTownship: (Custody & { townshipCode: string })[];
  topInstitutionsByGap: (Custody & { institutionId: string; name: string | null; townshipCode: string })[];
  lessonsConfirmed: { by: string; lessons: number; records: number; share: number | null }[];
  refundsByStatus: { status: string; count: number; amount: string }[];
  refundsExecuted: number;
  refundMedianWorkingDays: number | null;
  openAlerts: { type: string; count: number }[];
  exitRefundsOpen: { reason: string; count: number; amount: string }[];
}
type DashboardData = { dashboard: { townshipCode: string | null; periodFrom: string; prepaid: PrepaidView } };

/**
 * The dashboard's prepaid section and the public profile's flag, on records written straight into the tables
 * (the figures are aggregates: each number below is counted by hand from the rows inserted here).
 * Friday 20 November 2026; the period is 1–20 November, which has no public holiday.
 */
describe('prepaid views: dashboard figures and the public profile', () => {
  const clock = new FixedClock('2026-11-20T04:00:00Z');
  let t: TestApp;
  let admin: LoggedIn;
  let township1: LoggedIn;
  let a: InstitutionSummary; // T1
  let b: InstitutionSummary; // T1
  let c: InstitutionSummary; // T2
  let d: InstitutionSummary; // T2, revoked
  let e: InstitutionSummary; // T1, never sold under a contract

  const course = async (institutionId: string): Promise<string> =>
    (
      await t.dataSource.query(
        `INSERT INTO course (institution_id, name, topic, subject, target_grades, mode, lesson_minutes, price_per_hour_fen,
           term_start, term_end, weekly_slots, extra_sessions, created_at)
         VALUES ($1, '少儿美术', 'ART', false, '{3,4}', 'OFFLINE', 60, 10000, '2026-01-01', '2026-12-31', '[]', '[]', now()) RETURNING id`,
        [institutionId],
      )
    )[0].id as string;

  /** A contract row as the services leave it (risk-reserve route, so no escrow account is needed). */
  const contract = async (
    inst: InstitutionSummary,
    v: {
      status: string;
      bought: number;
      confirmed: number;
      priceFen: number;
      matched: boolean;
      releasedFen?: number;
      refundedFen?: number;
      createdAt?: string;
    },
  ): Promise<string> =>
    (
      await t.dataSource.query(
        `INSERT INTO prepaid_contract (contract_code_hash, institution_id, township_code, competent_department_code, course_id,
           student_name_enc, payer_name_enc, payer_phone_enc, payer_phone_last4_hash, payer_hash, lessons_bought, lesson_minutes,
           price_per_lesson_fen, total_fen, period_start, period_end, payment_route, refund_terms, status, source, created_at,
           created_by_name, matched_at, lessons_taught, lessons_confirmed, released_fen, refunded_fen)
         VALUES ($1, $2, $3, 'EDU', $4, 'x', 'x', 'x', 'h', 'h', $5::int, 60, $6::bigint, $5::int * $6::bigint, '2026-09-01', '2026-11-30',
           'RISK_RESERVE', '按课时退费', $7, 'INSTITUTION', $8, 'test', $9, $10, $10, $11, $12) RETURNING id`,
        [
          randomBytes(16).toString('hex'),
          inst.id,
          inst.townshipCode,
          await course(inst.id),
          v.bought,
          v.priceFen,
          v.status,
          v.createdAt ?? '2026-09-01T02:00:00Z',
          v.matched ? '2026-09-02T02:00:00Z' : null,
          v.confirmed,
          v.releasedFen ?? 0,
          v.refundedFen ?? 0,
        ],
      )
    )[0].id as string;

  const lesson = (contractId: string, institutionId: string, lessons: number, by: string | null, at: string | null) =>
    t.dataSource.query(
      `INSERT INTO prepaid_lesson (contract_id, institution_id, taught_on, lessons, recorded_at, recorded_by_name, status,
         confirm_due_on, confirmed_at, confirmed_by)
       VALUES ($1, $2, '2026-10-12', $3, '2026-10-12T10:00:00Z', 'test', $4, '2026-11-02', $5, $6)`,
      [contractId, institutionId, lessons, by ? 'CONFIRMED' : 'PENDING', at, by],
    );

  const refund = (
    contractId: string,
    institutionId: string,
    v: { status: string; amountFen: number; by?: string; requestedAt: string; executedAt?: string },
  ) =>
    t.dataSource.query(
      `INSERT INTO prepaid_refund (contract_id, institution_id, requested_at, requested_by, lessons_refunded, amount_fen, status,
         answer_due_on, executed_at)
       VALUES ($1, $2, $3, $4, 1, $5, $6, '2026-11-30', $7)`,
      [contractId, institutionId, v.requestedAt, v.by ?? 'PARENT', v.amountFen, v.status, v.executedAt ?? null],
    );

  const prepaidOf = async (token: string, townshipCode?: string): Promise<PrepaidView> => {
    const r = await t.gql<DashboardData>(PREPAID, { townshipCode }, token);
    expect(r.errors).toBeUndefined();
    return r.data!.dashboard.prepaid;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.dataSource.transaction((em) =>
      seedReferenceDemo(
        em,
        t.runtime.config.security.piiHashKey,
        XIFENG.townships.map((x) => x.code),
      ),
    );
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    township1 = await t.loginAs(Role.TOWNSHIP_OFFICER, T1);
    a = await createInstitution(t, { townshipCode: T1, name: '甲艺术培训' });
    b = await createInstitution(t, { townshipCode: T1, name: '乙艺术培训' });
    c = await createInstitution(t, { townshipCode: T2, name: '丙艺术培训' });
    d = await createInstitution(t, { townshipCode: T2, name: '丁艺术培训', status: 'REVOKED' });
    e = await createInstitution(t, { townshipCode: T1, name: '戊艺术培训' });

    // ACTIVE contracts (price 100.00 unless said):
    // A1: 40 bought, 10 confirmed, matched, 500.00 released: custody 3500.00, unconsumed 3000.00, gap 0.
    const a1 = await contract(a, {
      status: 'ACTIVE',
      bought: 40,
      confirmed: 10,
      priceFen: 10000,
      matched: true,
      releasedFen: 50000,
    });
    // A2: 20 bought, none confirmed, unmatched: custody 0, unconsumed 2000.00, gap 2000.00.
    await contract(a, { status: 'ACTIVE', bought: 20, confirmed: 0, priceFen: 10000, matched: false });
    // B1: 30 bought, 5 confirmed, matched, 800.00 released (over the 500.00 earned): custody 2200.00, unconsumed 2500.00, gap 300.00.
    await contract(b, {
      status: 'ACTIVE',
      bought: 30,
      confirmed: 5,
      priceFen: 10000,
      matched: true,
      releasedFen: 80000,
    });
    // C1: 10 bought at 150.00, 2 confirmed, unmatched: custody 0, unconsumed 1200.00, gap 1200.00.
    const c1 = await contract(c, { status: 'ACTIVE', bought: 10, confirmed: 2, priceFen: 15000, matched: false });
    // Not active, not counted in custody: C2 completed (recent), D1 refunding (13 months old), A3/B2 refunded.
    const c2 = await contract(c, {
      status: 'COMPLETED',
      bought: 10,
      confirmed: 10,
      priceFen: 10000,
      matched: true,
      releasedFen: 100000,
      createdAt: '2026-10-01T02:00:00Z',
    });
    const d1 = await contract(d, {
      status: 'REFUNDING',
      bought: 10,
      confirmed: 2,
      priceFen: 10000,
      matched: true,
      createdAt: '2025-10-01T02:00:00Z',
    });
    const a3 = await contract(a, {
      status: 'REFUNDED',
      bought: 10,
      confirmed: 0,
      priceFen: 10000,
      matched: true,
      refundedFen: 100000,
    });
    const b2 = await contract(b, {
      status: 'REFUNDED',
      bought: 10,
      confirmed: 0,
      priceFen: 10000,
      matched: true,
      refundedFen: 100000,
    });
    const b3 = await contract(b, { status: 'REFUNDING', bought: 10, confirmed: 0, priceFen: 10000, matched: true });

    // Confirmations: in November A1 3 lessons by the parent and 1 automatically, C1 2 automatically; October and
    // pending records do not count.
    await lesson(a1, a.id, 3, 'PARENT', '2026-11-10T03:00:00Z');
    await lesson(a1, a.id, 1, 'AUTO', '2026-11-12T03:00:00Z');
    await lesson(c1, c.id, 2, 'AUTO', '2026-11-15T03:00:00Z');
    await lesson(a1, a.id, 5, 'PARENT', '2026-10-20T03:00:00Z');
    await lesson(a1, a.id, 1, null, null);
    await lesson(c1, c.id, 1, 'PARENT', '2026-10-31T15:59:59Z'); // 23:59:59 on 31 October in Xifeng

    // Refunds: executed in November after 5 working days (C2, T2: Mon 2 → Mon 9 November) and 4 (A3, T1: Thu 5 →
    // Wed 11 November); executed in October (B2); open: D1 by the revocation, B3 by the parent.
    await refund(c2, c.id, {
      status: 'EXECUTED',
      amountFen: 10000,
      requestedAt: '2026-11-02T02:00:00Z',
      executedAt: '2026-11-09T08:00:00Z',
    });
    await refund(a3, a.id, {
      status: 'EXECUTED',
      amountFen: 100000,
      requestedAt: '2026-11-05T02:00:00Z',
      executedAt: '2026-11-11T08:00:00Z',
    });
    await refund(b2, b.id, {
      status: 'EXECUTED',
      amountFen: 100000,
      requestedAt: '2026-09-28T02:00:00Z',
      executedAt: '2026-10-12T08:00:00Z',
    });
    await refund(d1, d.id, {
      status: 'APPROVED',
      amountFen: 80000,
      by: 'REVOKED',
      requestedAt: '2026-11-16T02:00:00Z',
    });
    await refund(b3, b.id, { status: 'REQUESTED', amountFen: 100000, requestedAt: '2026-11-18T02:00:00Z' });

    // Prepaid alerts: two in T1 (one per deposit), one in T2; an alert of another kind is not listed.
    const escrow = t.app.get(EscrowFacade);
    await t.dataSource.transaction(async (em) => {
      for (const [inst, type, ref] of [
        [a, 'DEPOSIT_UNMATCHED', 'txn-1'],
        [b, 'DEPOSIT_UNMATCHED', 'txn-2'],
        [d, 'REFUND_OVERDUE', 'refund-1'],
      ] as const) {
        const raised = await escrow.raiseAlert(em, {
          institutionId: inst.id,
          type,
          subjectRef: ref,
          townshipCode: inst.townshipCode,
          details: {},
        });
        expect(raised.raised).toBe(true);
      }
    });
  });

  afterAll(() => t?.close());

  it('counts the county: custody against unconsumed value, gaps, confirmations, refunds, alerts and exits', async () => {
    const p = await prepaidOf(admin.token);
    expect(p.total).toEqual({ contractsActive: 4, custody: '5700.00', unconsumed: '8700.00', gap: '3500.00' });
    expect(p.byTownship).toEqual([
      { townshipCode: T1, contractsActive: 3, custody: '5700.00', unconsumed: '7500.00', gap: '2300.00' },
      { townshipCode: T2, contractsActive: 1, custody: '0.00', unconsumed: '1200.00', gap: '1200.00' },
    ]);
    expect(p.topInstitutionsByGap).toEqual([
      {
        institutionId: a.id,
        name: '甲艺术培训',
        townshipCode: T1,
        contractsActive: 2,
        custody: '3500.00',
        unconsumed: '5000.00',
        gap: '2000.00',
      },
      {
        institutionId: c.id,
        name: '丙艺术培训',
        townshipCode: T2,
        contractsActive: 1,
        custody: '0.00',
        unconsumed: '1200.00',
        gap: '1200.00',
      },
      {
        institutionId: b.id,
        name: '乙艺术培训',
        townshipCode: T1,
        contractsActive: 1,
        custody: '2200.00',
        unconsumed: '2500.00',
        gap: '300.00',
      },
    ]);
    expect(p.lessonsConfirmed).toEqual([
      { by: 'PARENT', lessons: 3, records: 1, share: 0.5 },
      { by: 'AUTO', lessons: 3, records: 2, share: 0.5 },
    ]);
    expect(p.refundsByStatus).toEqual([
      { status: 'REQUESTED', count: 1, amount: '1000.00' },
      { status: 'APPROVED', count: 1, amount: '800.00' },
      { status: 'DISPUTED', count: 0, amount: '0.00' },
      { status: 'INSTRUCTED', count: 0, amount: '0.00' },
      { status: 'EXECUTED', count: 3, amount: '2100.00' },
      { status: 'OVERDUE', count: 0, amount: '0.00' },
    ]);
    expect(p.refundsExecuted).toBe(2);
    expect(p.refundMedianWorkingDays).toBe(4.5);
    expect(p.openAlerts).toEqual([
      { type: 'RELEASE_OVER_RELEASABLE', count: 0 },
      { type: 'DEPOSIT_UNMATCHED', count: 2 },
      { type: 'REFUND_OVERDUE', count: 1 },
    ]);
    expect(p.exitRefundsOpen).toEqual([
      { reason: 'DEREGISTERED', count: 0, amount: '0.00' },
      { reason: 'REVOKED', count: 1, amount: '800.00' },
      { reason: 'BLACKLISTED', count: 0, amount: '0.00' },
    ]);
  });

  it('gives a township officer their own township only, with the same figures the county sees for it', async () => {
    const own = await prepaidOf(township1.token);
    expect(own.total).toEqual({ contractsActive: 3, custody: '5700.00', unconsumed: '7500.00', gap: '2300.00' });
    expect(own.byTownship.map((x) => x.townshipCode)).toEqual([T1]);
    expect(own.topInstitutionsByGap.map((x) => x.institutionId)).toEqual([a.id, b.id]);
    expect(own.lessonsConfirmed).toEqual([
      { by: 'PARENT', lessons: 3, records: 1, share: 0.75 },
      { by: 'AUTO', lessons: 1, records: 1, share: 0.25 },
    ]);
    expect(own.refundsByStatus.filter((r) => r.count > 0)).toEqual([
      { status: 'REQUESTED', count: 1, amount: '1000.00' },
      { status: 'EXECUTED', count: 2, amount: '2000.00' },
    ]);
    expect(own.refundsExecuted).toBe(1);
    expect(own.refundMedianWorkingDays).toBe(4);
    expect(own.openAlerts.find((x) => x.type === 'DEPOSIT_UNMATCHED')!.count).toBe(2);
    expect(own.openAlerts.find((x) => x.type === 'REFUND_OVERDUE')!.count).toBe(0);
    expect(own.exitRefundsOpen.every((x) => x.count === 0)).toBe(true);
    expect(await prepaidOf(admin.token, T1)).toEqual(own);

    const t2 = await prepaidOf(admin.token, T2);
    expect(t2.total).toEqual({ contractsActive: 1, custody: '0.00', unconsumed: '1200.00', gap: '1200.00' });
    expect(t2.refundMedianWorkingDays).toBe(5);
    expect(t2.exitRefundsOpen.find((x) => x.reason === 'REVOKED')).toEqual({
      reason: 'REVOKED',
      count: 1,
      amount: '800.00',
    });

    const other = await t.gql<DashboardData>(PREPAID, { townshipCode: T2 }, township1.token);
    expectGqlError(other, 'FORBIDDEN');
    expect(other.data?.dashboard ?? null).toBeNull();
  });

  it('shows on the public profile, without a login, whether the institution sells under supervised contracts', async () => {
    const flag = async (i: InstitutionSummary) => {
      const r = await t.gql<{ institutionPublicProfile: { sellsUnderSupervisedContracts: boolean } }>(PROFILE, {
        c: i.creditCode,
      });
      expect(r.errors).toBeUndefined();
      return r.data!.institutionPublicProfile.sellsUnderSupervisedContracts;
    };
    expect(await flag(a)).toBe(true); // ACTIVE contracts
    expect(await flag(c)).toBe(true); // ACTIVE, and a contract registered in October
    expect(await flag(d)).toBe(false); // its only contract is 13 months old and no longer active
    expect(await flag(e)).toBe(false); // none
    // A contract registered within 12 months counts even when it is no longer active.
    await contract(e, {
      status: 'COMPLETED',
      bought: 1,
      confirmed: 1,
      priceFen: 10000,
      matched: true,
      releasedFen: 10000,
      createdAt: '2025-11-21T02:00:00Z',
    });
    expect(await flag(e)).toBe(true);
  });
});
