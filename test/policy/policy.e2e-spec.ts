import { PolicyFacade } from '../../src/modules/policy';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { TestBankKey } from '../factories/identity.factory';
import { openAccount } from '../factories/escrow.factory';
import { createInstitution } from '../factories/registry.factory';
import { setPolicy } from '../support/policy';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

const TRANSACTIONS = '/api/bank/v1/transactions';
const PROPOSE = `mutation($input: ProposePolicyChangeInput!) { proposePolicyChange(input: $input) { id key value effectiveOn status proposedBy } }`;
const APPROVE = `mutation($input: ApprovePolicyChangeInput!) { approvePolicyChange(input: $input) { id status decidedBy } }`;
const REJECT = `mutation($input: RejectPolicyChangeInput!) { rejectPolicyChange(input: $input) { id status decisionNote } }`;
const RULE_FIELDS = `key title kind usedBy nationalDefault min max stricter source currentValue currentAmount currentSince
  history { value effectiveOn status proposedBy decidedBy reason } pending { id value effectiveOn }`;
const ONE = `query($key: String!) { policy(key: $key) { ${RULE_FIELDS} } }`;
const ALL = `query { policies { key nationalDefault currentValue source } }`;

interface RuleView {
  key: string;
  nationalDefault: string;
  max: string;
  stricter: string;
  source: string;
  currentValue: string;
  currentAmount: number;
  currentSince: string | null;
  history: { value: string; effectiveOn: string; status: string; proposedBy: string; decidedBy: string }[];
  pending: { id: string; value: string; effectiveOn: string }[];
}

let seq = 0;
const deposit = (accountNo: string, amount: string) => ({
  accountNo,
  txnId: `P${Date.now().toString(36)}${++seq}`,
  bookedAt: '2026-12-03T09:00:00+08:00',
  type: 'DEPOSIT',
  amount,
  currency: 'CNY',
  payerRef: `payer-${seq}`,
  lessonHours: null,
  coverageMonths: 1,
  reversalOf: null,
  memo: 'prepayment',
});

/** County rules as data: a change by two county administrators changes behaviour without a restart. */
describe('policy store (规则即数据)', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-12-03T02:00:00Z'); // 10:00 on 3 December in Asia/Shanghai
  let adminA: LoggedIn;
  let adminB: LoggedIn;
  let edu: LoggedIn;
  let bank: TestBankKey;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { DB_POOL_SIZE: '12' } });
    adminA = await t.loginAs(Role.COUNTY_ADMIN);
    adminB = await t.loginAs(Role.COUNTY_ADMIN);
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    bank = await t.registerBank();
  });
  afterAll(() => t?.close());
  /** A token issued at the test clock's time (the clock moves by days here). */
  const tok = (u: LoggedIn) => t.tokenFor(u.id);

  const rule = async (key: string, token = tok(adminA)): Promise<RuleView> => {
    const res = await t.gql<{ policy: RuleView }>(ONE, { key }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.policy;
  };
  const propose = (input: Record<string, unknown>, token = tok(adminA)) =>
    t.gql<{ proposePolicyChange: { id: string; status: string } }>(PROPOSE, { input }, token);
  const changes = async () =>
    (await t.dataSource.query(
      `SELECT id, key, value::text, status FROM policy_change ORDER BY proposed_at, id`,
    )) as unknown[];
  const flagged = async (txnId: string): Promise<boolean> =>
    (
      (await t.dataSource.query(`SELECT exceeds_prepaid_limit FROM escrow_transaction WHERE txn_id = $1`, [txnId])) as {
        exceeds_prepaid_limit: boolean;
      }[]
    )[0]!.exceeds_prepaid_limit;
  const post = async (item: Record<string, unknown>) => {
    const res = await t.bankRequest('POST', TRANSACTIONS, { transactions: [item] }, bank).expect(200);
    expect(res.body.accepted).toBe(1);
    return item.txnId as string;
  };

  it('lists every rule with its national default, bounds and legal source; staff read it', async () => {
    const res = await t.gql<{
      policies: { key: string; nationalDefault: string; currentValue: string; source: string }[];
    }>(ALL, {}, tok(edu));
    expect(res.errors).toBeUndefined();
    const byKey = new Map(res.data!.policies.map((p) => [p.key, p]));
    expect(byKey.get('escrow.prepaid_max_fen')).toMatchObject({
      nationalDefault: '5000.00',
      currentValue: '5000.00',
      source: expect.stringContaining('教育部等十三部门'),
    });
    expect(byKey.get('complaints.handle_days')).toMatchObject({
      nationalDefault: '60',
      currentValue: '60',
      source: expect.stringContaining('信访工作条例'),
    });
    expect(byKey.get('registry.offline_end_time')).toMatchObject({ nationalDefault: '20:30' });
    expect(byKey.size).toBeGreaterThan(25);
    expectGqlError(await t.gql(ONE, { key: 'escrow.no_such_rule' }, tok(edu)), 'POLICY_RULE_NOT_FOUND');
  });

  it('refuses a value looser than the national rule, naming the bound and the source, and stores nothing', async () => {
    const before = await changes();
    const err = expectGqlError(
      await propose({ key: 'escrow.prepaid_max_fen', value: '6000.00', effectiveOn: '2026-12-03', reason: '放宽' }),
      'POLICY_VALUE_OUT_OF_BOUNDS',
    );
    expect(err.message).toContain('at most 5000.00 yuan');
    expect(err.message).toContain('教育部等十三部门');
    expectGqlError(
      await propose({
        key: 'registry.online_min_break_minutes',
        value: '5',
        effectiveOn: '2026-12-03',
        reason: '缩短',
      }),
      'POLICY_VALUE_OUT_OF_BOUNDS',
    );
    // Within its bounds, but not after escalation level 2 (3 days).
    const order = expectGqlError(
      await propose({ key: 'supervision.level3_days', value: '3', effectiveOn: '2026-12-03', reason: '提速' }),
      'POLICY_VALUE_OUT_OF_BOUNDS',
    );
    expect(order.message).toContain('supervision.level2_days');
    expectGqlError(
      await propose({ key: 'escrow.prepaid_max_fen', value: '4000', effectiveOn: '2026-12-03', reason: 'x' }),
      'POLICY_VALUE_INVALID',
    );
    expectGqlError(
      await propose({ key: 'escrow.prepaid_max_fen', value: '4000.00', effectiveOn: '2026-12-02', reason: '追溯' }),
      'POLICY_EFFECTIVE_DATE_PAST',
    );
    expectGqlError(
      await propose(
        { key: 'escrow.prepaid_max_fen', value: '4000.00', effectiveOn: '2026-12-03', reason: 'x' },
        tok(edu),
      ),
      'FORBIDDEN',
    );
    expect(await changes()).toEqual(before);
  });

  it('a stricter prepaid cap proposed by one admin and approved by another judges the very next bank post, audited and evented', async () => {
    const a = await openAccount(t, tok(adminA), bank.bankCode);
    expect(await flagged(await post(deposit(a.accountNo, '4500.00')))).toBe(false);

    const proposed = await propose({
      key: 'escrow.prepaid_max_fen',
      value: '4000.00',
      effectiveOn: '2026-12-03',
      reason: '县领导小组决定: 单次预收费不超过4000元',
    });
    expect(proposed.errors).toBeUndefined();
    const id = proposed.data!.proposePolicyChange.id;
    // Pending: not in force yet.
    expect(await flagged(await post(deposit(a.accountNo, '4500.00')))).toBe(false);
    expect((await rule('escrow.prepaid_max_fen')).pending).toEqual([
      { id, value: '4000.00', effectiveOn: '2026-12-03' },
    ]);

    expectGqlError(await t.gql(APPROVE, { input: { id } }, tok(adminA)), 'SELF_APPROVAL_FORBIDDEN');
    expectGqlError(await t.gql(APPROVE, { input: { id } }, tok(edu)), 'FORBIDDEN');
    const approved = await t.gql<{ approvePolicyChange: { status: string; decidedBy: string } }>(
      APPROVE,
      { input: { id } },
      tok(adminB),
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approvePolicyChange).toMatchObject({ status: 'APPROVED', decidedBy: adminB.username });
    expectGqlError(await t.gql(APPROVE, { input: { id } }, tok(adminB)), 'POLICY_CHANGE_STATE_CONFLICT');

    // The next post, same process, no restart: 4,500 yuan is now over the county's cap.
    expect(await flagged(await post(deposit(a.accountNo, '4500.00')))).toBe(true);
    expect(await flagged(await post(deposit(a.accountNo, '3900.00')))).toBe(false);

    const audit = (await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id])) as {
      action: string;
    }[];
    expect(audit.map((r) => r.action)).toEqual(['policy.change.proposed', 'policy.change.approved']);
    const events = (await t.dataSource.query(
      `SELECT payload FROM outbox WHERE name = 'policy.rule.changed' AND payload->>'changeId' = $1`,
      [id],
    )) as { payload: Record<string, unknown> }[];
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({
        key: 'escrow.prepaid_max_fen',
        value: '4000.00',
        previousValue: '5000.00',
        effectiveOn: '2026-12-03',
        proposedBy: adminA.username,
        approvedBy: adminB.username,
      }),
    ]);
  });

  it('a change effective on a later date takes effect on that date; history shows every version; a rejection leaves the rule alone', async () => {
    const later = await propose(
      { key: 'escrow.prepaid_max_fen', value: '3000.00', effectiveOn: '2026-12-10', reason: '第二步收紧' },
      tok(adminB),
    );
    expect(later.errors).toBeUndefined();
    expect(
      (await t.gql(APPROVE, { input: { id: later.data!.proposePolicyChange.id } }, tok(adminA))).errors,
    ).toBeUndefined();
    const rejected = await propose({
      key: 'escrow.prepaid_max_fen',
      value: '2000.00',
      effectiveOn: '2026-12-04',
      reason: '过严',
    });
    const rej = await t.gql<{ rejectPolicyChange: { status: string } }>(
      REJECT,
      { input: { id: rejected.data!.proposePolicyChange.id, note: '影响过大' } },
      tok(adminB),
    );
    expect(rej.data!.rejectPolicyChange.status).toBe('REJECTED');

    const view = await rule('escrow.prepaid_max_fen', tok(edu));
    expect(view).toMatchObject({
      nationalDefault: '5000.00',
      max: '5000.00',
      stricter: 'LOWER',
      currentValue: '4000.00',
      currentAmount: 400_000,
      currentSince: '2026-12-03',
      pending: [],
    });
    expect(view.history.map((h) => [h.value, h.effectiveOn, h.status])).toEqual([
      ['3000.00', '2026-12-10', 'APPROVED'],
      ['4000.00', '2026-12-03', 'APPROVED'],
    ]);

    const a = await openAccount(t, tok(adminA), bank.bankCode);
    expect(await flagged(await post(deposit(a.accountNo, '3500.00')))).toBe(false);
    clock.set('2026-12-10T01:00:00Z'); // 09:00 on 10 December, Asia/Shanghai
    expect(
      await flagged(await post({ ...deposit(a.accountNo, '3500.00'), bookedAt: '2026-12-10T08:30:00+08:00' })),
    ).toBe(true);
    expect((await rule('escrow.prepaid_max_fen')).currentValue).toBe('3000.00');
  });

  it('another replica sharing the database sees an approved change after its refresh, without a restart', async () => {
    const replica = await startTestApp({ clock, role: 'api', shareDatabaseOf: t, env: { POLICY_REFRESH_MS: '300' } });
    try {
      const policy = replica.app.get(PolicyFacade);
      expect(await policy.value('complaints.handle_days')).toBe(60); // loaded and cached
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(clock.now());
      const p = await propose({
        key: 'complaints.handle_days',
        value: '45',
        effectiveOn: today,
        reason: '县承诺办理时限45日',
      });
      expect(
        (await t.gql(APPROVE, { input: { id: p.data!.proposePolicyChange.id } }, tok(adminB))).errors,
      ).toBeUndefined();
      await waitFor(async () => (await policy.value('complaints.handle_days')) === 45, {
        what: 'the replica to reload the rules',
        timeoutMs: 10_000,
      });
    } finally {
      await replica.close();
    }
  });

  it('a complaint deadline already running keeps the period it started under', async () => {
    const institution = await createInstitution(t, { townshipCode: '520122101' });
    const submit = async () => {
      const res = await t.gql<{ submitComplaint: { trackingNumber: string } }>(
        `mutation($input: ComplaintIntakeInput!) { submitComplaint(input: $input) { trackingNumber } }`,
        {
          input: {
            category: 'FALSE_ADVERTISING',
            description: '虚假宣传',
            institutionCreditCode: institution.creditCode,
            anonymous: true,
          },
        },
        undefined,
        { 'X-Forwarded-For': `10.9.${++seq % 250}.${seq % 200}` },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.submitComplaint.trackingNumber;
    };
    const acceptDue = async (trackingNumber: string) => {
      const [row] = (await t.dataSource.query(`SELECT accept_due_at FROM complaint WHERE tracking_number = $1`, [
        trackingNumber,
      ])) as { accept_due_at: Date }[];
      return new Date(row!.accept_due_at).toISOString();
    };
    clock.set('2026-12-10T01:00:00Z'); // 09:00 on 10 December, Asia/Shanghai
    const first = await submit();
    expect(await acceptDue(first)).toBe('2026-12-25T16:00:00.000Z'); // 15 days: end of 25 December, Shanghai
    await setPolicy(t, 'complaints.accept_days', 10);
    expect(await acceptDue(await submit())).toBe('2026-12-20T16:00:00.000Z');
    expect(await acceptDue(first)).toBe('2026-12-25T16:00:00.000Z');
  });
});

describe('environment variables keep infrastructure only', () => {
  // The variables that carried county rules before the policy store (docs/adr/0011-rules-as-data.md).
  const MOVED =
    /\b(COMPLAINT_(ROUTE|ACCEPT|HANDLE|MAX_EXTENSION|REVIEW_REQUEST|REVIEW_DECISION)_DAYS|ESCROW_(PREPAID_MAX_\w+|RISK_RESERVE_MIN_FEN|SHORTFALL_TOLERANCE_FEN|ABNORMAL_RELEASE_SHARE|STATEMENT_DUE_HOUR|INSTRUCTION_ACK_HOURS)|REGISTRY_(OFFLINE_END_TIME|ONLINE_END_TIME|ONLINE_MAX_LESSON_MINUTES|ONLINE_MIN_BREAK_MINUTES|LEAD_CLEARANCE_DAYS)|AFTER_SCHOOL_\w+|CREDIT_(ESCROW_ALERT_DEADLINE|WHITELIST_LOOKBACK)_DAYS|SUPERVISION_LEVEL[23]_DAYS)\b/;

  it('neither the configuration nor .env.example reads a county rule', () => {
    const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
    for (const file of ['src/config/app-config.ts', '.env.example'])
      expect(fs.readFileSync(file, 'utf8')).not.toMatch(MOVED);
    expect(fs.readFileSync('.env.example', 'utf8')).toMatch(/^POLICY_REFRESH_MS=5000$/m);
  });
});
