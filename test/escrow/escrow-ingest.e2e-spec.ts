import { createHash } from 'node:crypto';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { TestBankKey } from '../factories/identity.factory';
import { TestAccount, openAccount } from '../factories/escrow.factory';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';

const TRANSACTIONS = '/api/bank/v1/transactions';

let seq = 0;
const deposit = (accountNo: string, over: Record<string, unknown> = {}) => ({
  accountNo,
  txnId: `I${Date.now().toString(36)}${++seq}`,
  bookedAt: '2026-11-28T10:15:00+08:00',
  type: 'DEPOSIT',
  amount: '100.00',
  currency: 'CNY',
  ...over,
});

interface Answer {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: { index: number; status: string; code?: string; message?: string }[];
}

/** The transaction path of the bank ingest: what a batch answers and stores, item by item. */
describe('escrow: transaction ingest', () => {
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

  const post = async (items: Record<string, unknown>[]): Promise<Answer> =>
    (await t.bankRequest('POST', TRANSACTIONS, { transactions: items }, bank).expect(200)).body as Answer;
  const custodyOf = async (a: TestAccount): Promise<string> =>
    (
      (await t.dataSource.query(`SELECT required_custody_fen::text AS fen FROM escrow_account WHERE id = $1`, [
        a.id,
      ])) as { fen: string }[]
    )[0]!.fen;
  const account = () => openAccount(t, admin.token, bank.bankCode);

  describe('the running custody bound counts only newly stored items', () => {
    it('a batch resent whole near the bound answers DUPLICATE item by item, never AMOUNT_OUT_OF_RANGE', async () => {
      const a = await account();
      // 1,000 of the largest single amount: 10^16 − 1,000 fen, just inside the bound of 10^16 − 1.
      const fill = Array.from({ length: 1000 }, (_, i) =>
        deposit(a.accountNo, { txnId: `FILL-${a.accountNo}-${i}`, amount: '99999999999.99' }),
      );
      expect((await post(fill)).accepted).toBe(1000);
      const custody = await custodyOf(a);
      expect(custody).toBe(String(10n ** 16n - 1000n));

      const resent = await post(fill);
      expect(resent).toMatchObject({ accepted: 0, duplicates: 1000, rejected: 0 });
      expect(resent.results.every((r, i) => r.index === i && r.status === 'DUPLICATE')).toBe(true);
      expect(await custodyOf(a)).toBe(custody);
    });

    it('resent items do not crowd out a new item that fits', async () => {
      const a = await account();
      const fill = Array.from({ length: 1000 }, (_, i) =>
        deposit(a.accountNo, { txnId: `FIT-${a.accountNo}-${i}`, amount: '99999999999.99' }),
      );
      await post(fill);
      const answer = await post([
        ...fill.slice(0, 3),
        deposit(a.accountNo, { txnId: `FITS-${a.accountNo}`, amount: '9.99' }),
      ]);
      expect(answer.results.map((r) => [r.status, r.code ?? null])).toEqual([
        ['DUPLICATE', null],
        ['DUPLICATE', null],
        ['DUPLICATE', null],
        ['ACCEPTED', null],
      ]);
      expect(await custodyOf(a)).toBe(String(10n ** 16n - 1n));
    });
  });

  describe('the top-up window sums lesson hours in int8', () => {
    it('a payer whose stored deposits sum past 2^31 − 1 lesson hours: the next deposit is stored and flagged, not a 500', async () => {
      const a = await account();
      // Straight into the table: through the interface (at most 100,000 hours an item) this takes 21,475
      // deposits of one payer within the window; two rows of 2,000,000,000 hours reach the same sum.
      await t.dataSource.query(
        `INSERT INTO escrow_transaction (account_id, bank_code, txn_id, booked_at, booked_on, type, amount_fen, currency, payer_ref, lesson_hours,
           coverage_months, reversal_of, memo, balance_effect_fen, custody_effect_fen, exceeds_prepaid_limit, content_hash, batch_id, key_id, received_at)
         SELECT $1, $2, 'HOURS-' || $3 || '-' || g, TIMESTAMPTZ '2026-11-01T10:00:00+08:00', DATE '2026-11-01', 'DEPOSIT', 100, 'CNY', 'p***h', 2000000000,
                NULL, NULL, NULL, 100, 100, true, repeat('0', 64), gen_random_uuid(), 'fixture', now()
         FROM generate_series(1, 2) g`,
        [a.id, bank.bankCode, a.accountNo],
      );
      const next = deposit(a.accountNo, { payerRef: 'p***h', lessonHours: 1 });
      expect((await post([next])).results).toEqual([{ index: 0, status: 'ACCEPTED' }]);
      const [row] = (await t.dataSource.query(
        `SELECT exceeds_prepaid_limit FROM escrow_transaction WHERE bank_code = $1 AND txn_id = $2`,
        [bank.bankCode, next.txnId],
      )) as { exceeds_prepaid_limit: boolean }[];
      expect(row!.exceeds_prepaid_limit).toBe(true);
    });
  });

  describe('contractRef: the prepaid contract a DEPOSIT pays for', () => {
    const storedRef = async (txnId: string): Promise<string | null | undefined> =>
      (
        (await t.dataSource.query(`SELECT contract_ref FROM escrow_transaction WHERE bank_code = $1 AND txn_id = $2`, [
          bank.bankCode,
          txnId,
        ])) as { contract_ref: string | null }[]
      )[0]?.contract_ref;

    it('is stored on a DEPOSIT; any other type naming one is REJECTED on its own with a clear message', async () => {
      const a = await account();
      const withRef = deposit(a.accountNo, { contractRef: 'HT-K7M3QX9PW4' });
      const release = deposit(a.accountNo, { type: 'RELEASE', amount: '10.00', contractRef: 'HT-K7M3QX9PW4' });
      const plain = deposit(a.accountNo);
      const answer = await post([withRef, release, plain]);
      expect(answer.results).toEqual([
        { index: 0, status: 'ACCEPTED' },
        { index: 1, status: 'REJECTED', code: 'INVALID', message: 'contractRef is only allowed on a DEPOSIT' },
        { index: 2, status: 'ACCEPTED' },
      ]);
      expect(await storedRef(withRef.txnId)).toBe('HT-K7M3QX9PW4');
      expect(await storedRef(plain.txnId)).toBeNull();
      expect(await storedRef(release.txnId)).toBeUndefined();
      // Resent as it was: DUPLICATE; the same txnId with a contractRef added (or another one): CONFLICT.
      const again = await post([
        withRef,
        plain,
        { ...plain, contractRef: 'HT-K7M3QX9PW4' },
        { ...withRef, contractRef: 'HT-OTHER-0001' },
      ]);
      expect(again.results.map((r) => [r.status, r.code ?? null])).toEqual([
        ['DUPLICATE', null],
        ['DUPLICATE', null],
        ['REJECTED', 'CONFLICT'],
        ['REJECTED', 'CONFLICT'],
      ]);
    });

    it('an item stored before the field existed, resent as it was, stays DUPLICATE (never CONFLICT)', async () => {
      const a = await account();
      const old = deposit(a.accountNo, { payerRef: 'p***9', memo: 'autumn term' });
      // Stored as the service stored it before contractRef: its hash over the fields of that time.
      const hash = createHash('sha256')
        .update(
          JSON.stringify([
            a.accountNo,
            old.txnId,
            new Date(old.bookedAt).toISOString(),
            'DEPOSIT',
            '10000',
            'CNY',
            'p***9',
            null,
            null,
            null,
            'autumn term',
          ]),
        )
        .digest('hex');
      await t.dataSource.query(
        `INSERT INTO escrow_transaction (account_id, bank_code, txn_id, booked_at, booked_on, type, amount_fen, currency, payer_ref, lesson_hours,
           coverage_months, reversal_of, memo, balance_effect_fen, custody_effect_fen, exceeds_prepaid_limit, content_hash, batch_id, key_id, received_at)
         VALUES ($1, $2, $3, $4, DATE '2026-11-28', 'DEPOSIT', 10000, 'CNY', 'p***9', NULL, NULL, NULL, 'autumn term', 10000, 10000, false, $5,
                 gen_random_uuid(), 'fixture', now())`,
        [a.id, bank.bankCode, old.txnId, old.bookedAt, hash],
      );
      expect((await post([old])).results).toEqual([{ index: 0, status: 'DUPLICATE' }]);
    });
  });

  describe('escrow.transactions.posted', () => {
    /** The events (v2: one per batch) naming the account, with their version. */
    const postedFor = async (accountId: string) =>
      (
        (await t.dataSource.query(
          `SELECT payload, version FROM outbox WHERE name = 'escrow.transactions.posted'
             AND payload->'accounts' @> jsonb_build_array(jsonb_build_object('accountId', $1::text)) ORDER BY id`,
          [accountId],
        )) as { payload: Record<string, unknown>; version: number }[]
      ).map((r) => ({ ...r.payload, version: r.version }));
    const batchOf = async (txnId: string) =>
      (
        (await t.dataSource.query(`SELECT batch_id FROM escrow_transaction WHERE txn_id = $1`, [txnId])) as {
          batch_id: string;
        }[]
      )[0].batch_id;

    it('one event per batch: every account with its newly stored money movements in batch order; resends add none', async () => {
      const a = await account();
      const b = await account();
      const first = deposit(a.accountNo, { payerRef: 'p***1', contractRef: 'HT-K7M3QX9PW4', amount: '3000.00' });
      const interest = deposit(a.accountNo, { type: 'INTEREST', amount: '1.25' });
      const fee = deposit(a.accountNo, { type: 'FEE', amount: '0.50' });
      const release = deposit(a.accountNo, { type: 'RELEASE', amount: '200.00' });
      const other = deposit(b.accountNo, { type: 'REFUND', amount: '5.00', payerRef: 'p***2' });
      await post([first, interest, other, fee, release]);
      const feeBack = deposit(a.accountNo, { type: 'REVERSAL', amount: '0.50', reversalOf: fee.txnId });
      const releaseBack = deposit(a.accountNo, { type: 'REVERSAL', amount: '200.00', reversalOf: release.txnId });
      // The second batch: resends (DUPLICATE), a rejected item, and two reversals, one of a FEE.
      const second = await post([first, feeBack, releaseBack, other, deposit('9999999999', {})]);
      expect(second.results.map((r) => r.status)).toEqual([
        'DUPLICATE',
        'ACCEPTED',
        'ACCEPTED',
        'DUPLICATE',
        'REJECTED',
      ]);

      const item = (x: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
        txnId: x.txnId,
        type: x.type,
        amountFen: String(Math.round(Number(x.amount) * 100)),
        bookedAt: '2026-11-28T02:15:00.000Z',
        payerRef: null,
        contractRef: null,
        reversalOf: null,
        ...over,
      });
      const ofA = { accountId: a.id, institutionId: a.institution.id, townshipCode: a.institution.townshipCode };
      const events = await postedFor(a.id);
      expect(events).toEqual([
        {
          bankCode: bank.bankCode,
          batchId: await batchOf(first.txnId as string),
          version: 2,
          accounts: [
            { ...ofA, items: [item(first, { payerRef: 'p***1', contractRef: 'HT-K7M3QX9PW4' }), item(release)] },
            {
              accountId: b.id,
              institutionId: b.institution.id,
              townshipCode: b.institution.townshipCode,
              items: [item(other, { payerRef: 'p***2' })],
            },
          ],
        },
        {
          bankCode: bank.bankCode,
          batchId: await batchOf(releaseBack.txnId as string),
          version: 2,
          accounts: [{ ...ofA, items: [item(releaseBack, { reversalOf: release.txnId })] }],
        },
      ]);
      expect(await postedFor(b.id)).toEqual([events[0]]);
    });

    it('a batch with only interest and fees, or only resends, publishes nothing', async () => {
      const a = await account();
      const interest = deposit(a.accountNo, { type: 'INTEREST', amount: '1.00' });
      await post([interest, deposit(a.accountNo, { type: 'FEE', amount: '1.00' })]);
      await post([interest]);
      expect(await postedFor(a.id)).toEqual([]);
    });
  });
});
