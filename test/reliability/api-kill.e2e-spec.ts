import { Client } from 'pg';
import { openAccount } from '../factories/escrow.factory';
import { TestBankKey } from '../factories/identity.factory';
import { Role } from '../../src/platform/auth/role';
import { startPrivateRedis } from '../support/processes';
import { recordSummary } from '../support/suite-summary';
import { TestApp, startTestApp } from '../support/test-app';
import { freePort, waitFor } from '../support/test-env';
import {
  Bank,
  BankResponse,
  Batch,
  Processes,
  SETUP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
  ServiceProcess,
  TRANSACTIONS,
  alertRound,
  installEffectProbes,
  itemStatuses,
  settledLedger,
  subscriberMap,
} from './support';

/** A claim left IN_PROGRESS by a dead process is taken over after this long (production: 300 s). */
const ABANDONED_AFTER_SECONDS = 3;

/**
 * The API process is killed with SIGKILL during bank batches and started again. The bank retries each
 * batch with the same Idempotency-Key: a batch answered before the kill is answered again from the
 * idempotency record (same body); one that never committed is done once, also one killed at its very last
 * step, recording its answer, which commits with the batch's rows (so a batch is never stored without its
 * answer, and a retry never gets a different answer to work already done). Locks held by the test put
 * the batches at exactly those points when the process dies.
 */
describe('fault: the API killed and restarted during a batch', () => {
  const procs = new Processes();
  let t: TestApp;
  let apiEnv: Record<string, string>;
  let api: ServiceProcess;
  let bank: Bank;
  let groupA: string[];
  let groupB: string[];
  const lockers: Client[] = [];

  beforeAll(async () => {
    const redisPort = await freePort();
    procs.track(await startPrivateRedis(redisPort));
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    t = await startTestApp({ role: 'api', env: { REDIS_URL: redisUrl } });
    await installEffectProbes((sql, params) => t.dataSource.query(sql, params));
    const key: TestBankKey = await t.registerBank();
    const admin = await t.loginAs(Role.COUNTY_ADMIN);
    const accounts: string[] = [];
    for (let i = 0; i < 6; i++) accounts.push((await openAccount(t, admin.token, key.bankCode)).accountNo);
    groupA = accounts.slice(0, 3);
    groupB = accounts.slice(3);
    const common = {
      DATABASE_URL: t.runtime.databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: t.runtime.config.queue.prefix,
    };
    apiEnv = { ...common, APP_ROLE: 'api', IDEMPOTENCY_ABANDONED_AFTER_SECONDS: String(ABANDONED_AFTER_SECONDS) };
    api = await procs.startService('main', apiEnv);
    await procs.startService('worker', common);
    bank = new Bank(api.base, key);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(lockers.map((c) => c.end().catch(() => undefined)));
    await procs.killAll();
    await t?.close();
  });

  const query = (sql: string, params?: unknown[]) =>
    t.dataSource.query(sql, params) as Promise<Record<string, unknown>[]>;

  /** A connection holding a lock inside an open transaction; returns its backend pid. */
  async function hold(sql: string, params: unknown[]): Promise<{ client: Client; pid: number }> {
    const client = new Client({ connectionString: t.runtime.databaseUrl });
    lockers.push(client);
    await client.connect();
    await client.query('BEGIN');
    const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
    await client.query(sql, params);
    return { client, pid };
  }

  const blockedBy = async (pid: number) =>
    (await query(`SELECT pid, left(query, 60) AS q FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, [
      pid,
    ])) as { pid: number; q: string }[];

  async function stored(batch: Batch): Promise<number> {
    const [{ n }] = await query(`SELECT count(*)::int AS n FROM escrow_transaction WHERE txn_id = ANY($1)`, [
      batch.txnIds,
    ]);
    return n as number;
  }

  /** The bank's retry: again with the same key and body, later when told the first is still in progress (409). */
  async function retry(batch: Batch): Promise<BankResponse> {
    return waitFor(
      async () => {
        const res = await bank.post(TRANSACTIONS, batch.body, batch.key);
        return res.status === 409 ? undefined : res;
      },
      {
        what: `the retry of ${batch.key} to be taken`,
        timeoutMs: (ABANDONED_AFTER_SECONDS + 15) * 1000,
        intervalMs: 250,
      },
    );
  }

  it(
    'answers the bank retry from the idempotency record or does the batch once; nothing is stored twice',
    async () => {
      const b0 = alertRound('APIA', groupA, 0); // answered before the kill
      const b1 = alertRound('APIA', groupA, 1); // in flight, not committed, at the kill
      const b2 = alertRound('APIB', groupB, 0); // its work done, recording its answer (same transaction), at the kill
      const first0 = await bank.post(TRANSACTIONS, b0.body, b0.key);
      expect(first0.status).toBe(200);

      // The lock the ingest itself takes (FOR NO KEY UPDATE): it stops the batches at their account lock and
      // lets the worker's subscribers (whose inserts key-share the account row) finish b0's events.
      const lockA = await hold('SELECT 1 FROM escrow_account WHERE account_no = ANY($1) FOR NO KEY UPDATE', [groupA]);
      const lockB = await hold('SELECT 1 FROM escrow_account WHERE account_no = ANY($1) FOR NO KEY UPDATE', [groupB]);
      const inFlight1 = bank.post(TRANSACTIONS, b1.body, b1.key);
      const inFlight2 = bank.post(TRANSACTIONS, b2.body, b2.key);
      await waitFor(
        async () => (await blockedBy(lockA.pid)).length === 1 && (await blockedBy(lockB.pid)).length === 1,
        { what: 'both batches to be in flight' },
      );
      // b2's idempotency record (claimed, committed) is locked, so b2's transaction, its rows written, waits
      // at its last statement: recording its answer.
      const recordLock = await hold(`SELECT 1 FROM idempotency_request WHERE idempotency_key = $1 FOR UPDATE`, [
        b2.key,
      ]);
      await lockB.client.query('ROLLBACK');
      await waitFor(
        async () => (await blockedBy(recordLock.pid)).some((b) => /UPDATE idempotency_request/i.test(b.q)),
        { what: "b2's answer to wait" },
      );
      expect(await stored(b2)).toBe(0); // not committed: the rows and the answer go together

      // The API process dies; its database sessions go with it (as when its host fails).
      await api.proc.stop('SIGKILL');
      const faults = 1;
      for (const pid of [lockA.pid, recordLock.pid]) {
        for (const b of await blockedBy(pid)) await query('SELECT pg_terminate_backend($1)', [b.pid]);
      }
      await lockA.client.query('ROLLBACK');
      await recordLock.client.query('ROLLBACK');
      expect((await inFlight1).status).toBe(0); // no answer: connection reset
      expect((await inFlight2).status).toBe(0);
      expect(await stored(b1)).toBe(0);
      expect(await stored(b2)).toBe(0);

      api = await procs.startService('main', apiEnv, api.port);

      // b0: answered from the record, same status and body.
      const again0 = await bank.post(TRANSACTIONS, b0.body, b0.key);
      expect({ status: again0.status, replayed: again0.replayed, body: again0.body }).toEqual({
        status: 200,
        replayed: true,
        body: first0.body,
      });
      // b1: never committed, so done now, once.
      const retry1 = await retry(b1);
      expect(retry1.status).toBe(200);
      expect(itemStatuses(retry1)).toEqual(groupA.map(() => 'ACCEPTED'));
      // b2: its transaction died with the process, answer and rows together; done now, once.
      const retry2 = await retry(b2);
      expect(retry2.status).toBe(200);
      expect(itemStatuses(retry2)).toEqual(groupB.map(() => 'ACCEPTED'));
      // From now on each is answered from its record.
      for (const [b, body] of [
        [b1, retry1.body],
        [b2, retry2.body],
      ] as const) {
        const res = await bank.post(TRANSACTIONS, b.body, b.key);
        expect({ status: res.status, replayed: res.replayed, body: res.body }).toEqual({
          status: 200,
          replayed: true,
          body,
        });
      }

      const counts = await Promise.all([b0, b1, b2].map(stored));
      const doubled = counts.filter((n, i) => n > ([b0, b1, b2][i] as Batch).txnIds.length).length;
      expect(counts).toEqual([3, 3, 3]);
      const result = await settledLedger(query, subscriberMap(t));
      recordSummary('faults injected', faults);
      recordSummary('events lost', result.lost);
      recordSummary('duplicates', result.duplicates + doubled);
      expect(result.alertEvents).toBe(9); // raised on A, resolved on A, raised on B: once each
      expect({ lost: result.lost, duplicates: result.duplicates, pending: result.pending }).toEqual({
        lost: 0,
        duplicates: 0,
        pending: 0,
      });
    },
    TEST_TIMEOUT_MS,
  );
});
