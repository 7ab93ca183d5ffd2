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
});
