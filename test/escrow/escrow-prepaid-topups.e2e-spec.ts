import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { TestBankKey } from '../factories/identity.factory';
import { openAccount } from '../factories/escrow.factory';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';

const TRANSACTIONS = '/api/bank/v1/transactions';

let seq = 0;
const deposit = (accountNo: string, over: Record<string, unknown> = {}) => ({
  accountNo,
  txnId: `U${Date.now().toString(36)}${++seq}`,
  bookedAt: '2026-11-28T10:15:00+08:00',
  type: 'DEPOSIT',
  amount: '3000.00',
  currency: 'CNY',
  payerRef: 'p***1',
  lessonHours: null,
  coverageMonths: 1,
  reversalOf: null,
  memo: 'top-up',
  ...over,
});

/** One charge may not be split into top-ups: a payer's deposits within escrow.prepaid_max_months (a county rule) count together. */
describe('escrow: prepaid limits across a payer’s top-ups', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-11-29T03:00:00Z');
  let admin: LoggedIn;
  let bank: TestBankKey;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { DB_POOL_SIZE: '12' } });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    bank = await t.registerBank();
  });
  afterAll(() => t?.close());

  const post = async (items: Record<string, unknown>[]) => {
    const res = await t.bankRequest('POST', TRANSACTIONS, { transactions: items }, bank).expect(200);
    expect(res.body.accepted).toBe(items.length);
  };
  const flagged = async (accountId: string): Promise<string[]> =>
    (
      await t.dataSource.query(
        `SELECT txn_id FROM escrow_transaction WHERE account_id = $1 AND exceeds_prepaid_limit ORDER BY booked_at, id`,
        [accountId],
      )
    ).map((r: { txn_id: string }) => r.txn_id);
  const prepaidAlert = async (accountId: string) =>
    (
      (await t.dataSource.query(
        `SELECT details FROM escrow_alert WHERE account_id = $1 AND type = 'PREPAID_LIMIT_EXCEEDED' AND status <> 'RESOLVED'`,
        [accountId],
      )) as { details: Record<string, unknown> }[]
    )[0]?.details;
  const account = () => openAccount(t, admin.token, bank.bankCode);

  it('flags the second of two 3,000-yuan top-ups of one payer within 3 months and raises the alert, naming it cumulative', async () => {
    const a = await account();
    const first = deposit(a.accountNo, { bookedAt: '2026-09-15T10:00:00+08:00' });
    const second = deposit(a.accountNo);
    await post([first]);
    expect(await prepaidAlert(a.id)).toBeUndefined();
    await post([second]);
    expect(await flagged(a.id)).toEqual([second.txnId]);
    expect(await prepaidAlert(a.id)).toEqual({
      txnIds: [second.txnId],
      count: 1,
      cumulativeTxnIds: [second.txnId],
      cumulative: expect.stringContaining("payer's top-ups"),
    });
  });

  it('a later reversal of the earlier top-up does not un-flag the later deposit', async () => {
    const a = await account();
    const first = deposit(a.accountNo, { bookedAt: '2026-11-01T10:00:00+08:00' });
    const second = deposit(a.accountNo);
    await post([first, second]);
    await post([
      deposit(a.accountNo, { type: 'REVERSAL', reversalOf: first.txnId, payerRef: null, coverageMonths: null }),
    ]);
    expect(await flagged(a.id)).toEqual([second.txnId]);
    expect(await prepaidAlert(a.id)).toMatchObject({ txnIds: [second.txnId], count: 1 });
  });

  it('does not add up deposits of different payers', async () => {
    const a = await account();
    await post([deposit(a.accountNo, { bookedAt: '2026-11-01T10:00:00+08:00' })]);
    await post([deposit(a.accountNo, { payerRef: 'p***2' })]);
    expect(await flagged(a.id)).toEqual([]);
    expect(await prepaidAlert(a.id)).toBeUndefined();
  });

  it('does not add up deposits 4 months apart (the window is 3 calendar months, business time)', async () => {
    const a = await account();
    await post([deposit(a.accountNo, { bookedAt: '2026-07-28T10:15:00+08:00' })]);
    await post([deposit(a.accountNo)]);
    expect(await flagged(a.id)).toEqual([]);
    // Exactly 3 months before is outside the window; a second after is inside.
    const b = await account();
    await post([deposit(b.accountNo, { bookedAt: '2026-08-28T10:15:00+08:00' }), deposit(b.accountNo)]);
    expect(await flagged(b.id)).toEqual([]);
    const c = await account();
    const last = deposit(c.accountNo);
    await post([deposit(c.accountNo, { bookedAt: '2026-08-28T10:15:01+08:00' }), last]);
    expect(await flagged(c.id)).toEqual([last.txnId]);
  });

  it('adds up lesson hours: 40 + 30 of one payer is over 60', async () => {
    const a = await account();
    await post([deposit(a.accountNo, { amount: '800.00', lessonHours: 40, bookedAt: '2026-10-10T10:00:00+08:00' })]);
    const second = deposit(a.accountNo, { amount: '600.00', lessonHours: 30 });
    await post([second]);
    expect(await flagged(a.id)).toEqual([second.txnId]);
    expect(await prepaidAlert(a.id)).toMatchObject({ cumulativeTxnIds: [second.txnId] });
  });

  it('counts earlier items of the same batch by bookedAt, then batch order', async () => {
    const a = await account();
    const late = deposit(a.accountNo, { bookedAt: '2026-11-28T12:00:00+08:00' });
    const early = deposit(a.accountNo, { bookedAt: '2026-11-20T12:00:00+08:00' });
    const sameTimeA = deposit(a.accountNo, { payerRef: 'p***3' });
    const sameTimeB = deposit(a.accountNo, { payerRef: 'p***3' });
    await post([late, early, sameTimeA, sameTimeB]);
    expect((await flagged(a.id)).sort()).toEqual([late.txnId, sameTimeB.txnId].sort());
  });

  it('judges a deposit without payerRef alone', async () => {
    const a = await account();
    await post([
      deposit(a.accountNo, { payerRef: null, bookedAt: '2026-11-01T10:00:00+08:00' }),
      deposit(a.accountNo, { payerRef: null }),
    ]);
    expect(await flagged(a.id)).toEqual([]);
    const big = deposit(a.accountNo, { payerRef: null, amount: '5000.01' });
    await post([big]);
    expect(await flagged(a.id)).toEqual([big.txnId]);
    expect(await prepaidAlert(a.id)).toEqual({ txnIds: [big.txnId], count: 1 });
  });

  it('counts a resent (duplicate) top-up once', async () => {
    const a = await account();
    const first = deposit(a.accountNo, { bookedAt: '2026-11-01T10:00:00+08:00' });
    await post([first]);
    const res = await t
      .bankRequest('POST', TRANSACTIONS, { transactions: [first, deposit(a.accountNo, { amount: '2000.00' })] }, bank)
      .expect(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['DUPLICATE', 'ACCEPTED']);
    expect(await flagged(a.id)).toEqual([]);
  });

  it('does not count a top-up the same batch reverses', async () => {
    const a = await account();
    const first = deposit(a.accountNo, { bookedAt: '2026-11-01T10:00:00+08:00' });
    await post([
      first,
      deposit(a.accountNo, {
        type: 'REVERSAL',
        reversalOf: first.txnId,
        payerRef: null,
        coverageMonths: null,
        bookedAt: '2026-11-02T10:00:00+08:00',
      }),
      deposit(a.accountNo),
    ]);
    expect(await flagged(a.id)).toEqual([]);
  });
});
