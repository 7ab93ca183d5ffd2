import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { openAccount } from '../factories/escrow.factory';
import { TestApp, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

/**
 * A batch that outlives IDEMPOTENCY_ABANDONED_AFTER_SECONDS is taken over by the bank's retry with the same
 * key. The two must not both commit with two answers: the batch records its answer as the last statement
 * of its own transaction, finds the claim no longer its own, and rolls back (409); the retry's work and
 * answer are the ones kept, and a further retry replays them.
 */
describe('idempotency: a request taken over by its retry', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-11-28T02:00:00Z');
  let locker: Client | undefined;

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', clock, env: { IDEMPOTENCY_ABANDONED_AFTER_SECONDS: '60' } });
  });
  afterAll(async () => {
    await locker?.end().catch(() => undefined);
    await t?.close();
  });

  it('rolls back the first request when the claim is no longer its own, and keeps only the retry', async () => {
    const admin = await t.loginAs(Role.COUNTY_ADMIN);
    const bank = await t.registerBank();
    const account = await openAccount(t, admin.token, bank.bankCode);
    const txnId = `T${randomUUID().slice(0, 12)}`;
    const body = {
      transactions: [
        {
          accountNo: account.accountNo,
          txnId,
          bookedAt: '2026-11-27T10:15:00+08:00',
          type: 'DEPOSIT',
          amount: '800.00',
          currency: 'CNY',
          payerRef: 'p***1',
          lessonHours: 10,
          coverageMonths: 1,
          reversalOf: null,
          memo: 'fee',
        },
      ],
    };
    const key = randomUUID();

    // The account is locked elsewhere, so the first request waits inside its transaction …
    locker = new Client({ connectionString: t.runtime.databaseUrl });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM escrow_account WHERE id = $1 FOR UPDATE', [account.id]);
    const waiting = async (n: number) => {
      const [{ blocked }] = (await t.dataSource.query(
        `SELECT count(*)::int AS blocked FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0`,
      )) as [{ blocked: number }];
      return blocked === n;
    };
    const first = t
      .bankRequest('POST', '/api/bank/v1/transactions', body, bank, { idempotencyKey: key })
      .then((r) => r);
    await waitFor(() => waiting(1), { what: 'the first request to wait for the account' });
    // … past the time after which its claim counts as abandoned: the retry takes the key over and waits too.
    clock.advance(61_000);
    const retry = t
      .bankRequest('POST', '/api/bank/v1/transactions', body, bank, { idempotencyKey: key })
      .then((r) => r);
    await waitFor(() => waiting(2), { what: 'the retry to wait for the account' });
    await locker.query('ROLLBACK');

    const [a, b] = await Promise.all([first, retry]);
    expect(a.status).toBe(409);
    expect(a.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(b.status).toBe(200);
    expect(b.body.results).toEqual([{ index: 0, status: 'ACCEPTED' }]);
    const [{ n }] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM escrow_transaction WHERE txn_id = $1`, [
      txnId,
    ])) as [{ n: number }];
    expect(n).toBe(1);
    // One answer for the key from now on: the retry's.
    const again = await t.bankRequest('POST', '/api/bank/v1/transactions', body, bank, { idempotencyKey: key });
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(b.body);
  });
});
