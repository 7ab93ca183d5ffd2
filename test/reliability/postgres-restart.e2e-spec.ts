import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { setupDatabase } from '../../src/database-setup';
import { Role } from '../../src/platform/auth/role';
import { ensureDatabase } from '../../src/platform/database/embedded-postgres';
import { openAccount } from '../factories/escrow.factory';
import { TestBankKey } from '../factories/identity.factory';
import { Spawned, startPrivateRedis } from '../support/processes';
import { recordSummary } from '../support/suite-summary';
import { TestApp, startTestApp } from '../support/test-app';
import { freePort, uniqueName, waitFor } from '../support/test-env';
import {
  Bank,
  BankResponse,
  Batch,
  Processes,
  SETUP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
  ServiceProcess,
  TRANSACTIONS,
  installEffectProbes,
  itemStatuses,
  killPostmaster,
  pgQuery,
  settledLedger,
  startPrivatePostgres,
  subscriberMap,
} from './support';

const BOOKED_AT = new Date(Date.now() - 3_600_000).toISOString();

/** Batch k on account k: three deposits, one over the prepaid limit (one alert event); independent of the others. */
function depositBatch(k: number, accountNo: string): Batch {
  const transactions = ['800.00', '6000.00', '1200.00'].map((amount, j) => ({
    accountNo,
    txnId: `PGR-${k}-${j}`,
    bookedAt: BOOKED_AT,
    type: 'DEPOSIT',
    amount,
    currency: 'CNY',
    lessonHours: 10,
    coverageMonths: 1,
  }));
  return {
    key: `pgr-${k}-${uniqueName('k')}`,
    body: JSON.stringify({ transactions }),
    txnIds: transactions.map((t) => t.txnId),
  };
}

/**
 * The service's PostgreSQL (a private embedded cluster) stops during a stream of bank posts and starts
 * again: requests fail cleanly with 503 problem+json meanwhile, no batch is half-written, readiness goes
 * 503 then 200 without restarting the service, and the bank's retries with the same Idempotency-Key
 * succeed exactly once.
 */
describe('fault: PostgreSQL restarted during bank posts', () => {
  const procs = new Processes();
  let dir: string;
  let pgPort: number;
  let pg: Spawned | undefined;
  let dbUrl: string;
  let db: ReturnType<typeof pgQuery>;
  let t: TestApp | undefined;
  let service: ServiceProcess;
  let bank: Bank;
  let accountNos: string[];
  let subscribers: Map<string, string[]>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-rel-pg-'));
    fs.chmodSync(dir, 0o755); // as root the server runs as user postgres
    pgPort = await freePort();
    pg = await startPrivatePostgres(procs, path.join(dir, 'data'), pgPort);
    dbUrl = await ensureDatabase(`postgres://postgres:embedded@127.0.0.1:${pgPort}/postgres`, 'sj_reliability');
    await setupDatabase(dbUrl, { migrate: true, seedReference: true });
    db = pgQuery(dbUrl);
    const redisPort = await freePort();
    procs.track(await startPrivateRedis(redisPort));
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const prefix = uniqueName('sjq');
    // Set-up through the real services, in-process, on the private cluster (closed before the fault).
    const onCluster = { runtime: { databaseUrl: dbUrl, config: { queue: { prefix } } } } as unknown as TestApp;
    t = await startTestApp({ role: 'api', env: { REDIS_URL: redisUrl }, shareDatabaseOf: onCluster });
    await installEffectProbes(db.query);
    const key: TestBankKey = await t.registerBank();
    const admin = await t.loginAs(Role.COUNTY_ADMIN);
    accountNos = [];
    for (let i = 0; i < 20; i++) accountNos.push((await openAccount(t, admin.token, key.bankCode)).accountNo);
    subscribers = subscriberMap(t);
    await t.close();
    t = undefined;
    service = await procs.startService('main', {
      APP_ROLE: 'all',
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
    });
    bank = new Bank(service.base, key);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await db?.close();
    await pg?.stop('SIGTERM');
    await procs.killAll();
    if (dir) {
      await killPostmaster(path.join(dir, 'data'));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const ready = async () =>
    (await fetch(`${service.base}/health/ready`, { signal: AbortSignal.timeout(10000) })).status;

  function expectCleanFailure(res: BankResponse, what: string): void {
    // A clean failure: 503 problem+json telling the bank to retry; never a 500, never a hang (the client's timeout gives status 0).
    expect({ what, status: res.status, contentType: res.contentType }).toEqual({
      what,
      status: 503,
      contentType: expect.stringContaining('application/problem+json'),
    });
    expect(JSON.parse(res.body)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  }

  /** Rows stored per batch (by its txnIds; a row stored twice counts twice). */
  async function storedCounts(batches: Batch[]): Promise<Map<string, number>> {
    const rows = (await db.query(
      `SELECT txn_id, count(*)::int AS n FROM escrow_transaction WHERE txn_id LIKE 'PGR-%' GROUP BY txn_id`,
    )) as { txn_id: string; n: number }[];
    const byTxn = new Map(rows.map((r) => [r.txn_id, r.n]));
    return new Map(batches.map((b) => [b.key, b.txnIds.reduce((sum, id) => sum + (byTxn.get(id) ?? 0), 0)]));
  }

  it(
    'answers 503 while it is down, writes no half batch, and takes each retried batch once',
    async () => {
      const batches = accountNos.map((no, k) => depositBatch(k, no));
      const first = new Map<string, BankResponse>();
      const post = async (b: Batch) => {
        const res = await bank.post(TRANSACTIONS, b.body, b.key, 30000);
        first.set(b.key, res);
        return res;
      };
      let faults = 0;
      // Before: a steady stream.
      for (const b of batches.slice(0, 5)) expect((await post(b)).status).toBe(200);
      // The cluster stops while three more batches are in flight: held mid-transaction by a lock on their
      // accounts, their Idempotency-Keys already claimed (fast shutdown: every session is terminated).
      const locker = new Client({ connectionString: dbUrl });
      locker.on('error', () => undefined);
      await locker.connect();
      await locker.query('BEGIN');
      const [{ pid }] = (await locker.query('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
      await locker.query('SELECT 1 FROM escrow_account WHERE account_no = ANY($1) FOR UPDATE', [
        accountNos.slice(5, 8),
      ]);
      const inFlight = Promise.all(batches.slice(5, 8).map(post));
      await waitFor(
        async () => {
          const [{ n }] = await db.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
            [pid],
          );
          return n === 3;
        },
        { what: 'three batches to be in flight' },
      );
      const [{ claimed }] = await db.query(
        `SELECT count(*)::int AS claimed FROM idempotency_request WHERE idempotency_key = ANY($1) AND state = 'IN_PROGRESS'`,
        [batches.slice(5, 8).map((b) => b.key)],
      );
      expect(claimed).toBe(3);
      expect(await pg?.stop('SIGTERM')).toBe(0);
      pg = undefined;
      faults++;
      await locker.end().catch(() => undefined);
      for (const res of await inFlight) expectCleanFailure(res, 'a batch in flight at the stop');
      // While down: every post refused cleanly, readiness reports it.
      expect(await ready()).toBe(503);
      for (const b of batches.slice(8, 13)) expectCleanFailure(await post(b), 'a batch posted while down');
      expect(await ready()).toBe(503);
      // Back: the same service process recovers by itself.
      pg = await startPrivatePostgres(procs, path.join(dir, 'data'), pgPort);
      await waitFor(async () => (await ready()) === 200, {
        what: 'readiness to recover without a restart',
        timeoutMs: 30000,
      });
      for (const b of batches.slice(13)) expect((await post(b)).status).toBe(200);

      // Nothing half-written: each batch is stored whole (it got 200) or not at all.
      const stored = await storedCounts(batches);
      const failed = batches.filter((b) => first.get(b.key)?.status !== 200);
      expect(failed.length).toBeGreaterThanOrEqual(5);
      for (const b of batches) {
        const n = stored.get(b.key);
        if (first.get(b.key)?.status === 200) expect({ batch: b.key, n }).toEqual({ batch: b.key, n: 3 });
        else expect({ batch: b.key, n: [0, 3].includes(n as number) }).toEqual({ batch: b.key, n: true });
      }

      // The bank retries each failed batch with the same Idempotency-Key: done once.
      for (const b of failed) {
        // 409 IDEMPOTENCY_IN_PROGRESS says "retry later": a claim of the outage is released once the database is back.
        const retry = await waitFor(
          async () => {
            const res = await bank.post(TRANSACTIONS, b.body, b.key);
            return res.status === 409 ? undefined : res;
          },
          { what: `batch ${b.key} to be taken again`, timeoutMs: 15000, intervalMs: 200 },
        );
        expect({ batch: b.key, status: retry.status, body: retry.status === 200 ? undefined : retry.body }).toEqual({
          batch: b.key,
          status: 200,
          body: undefined,
        });
        // A batch stored although its answer was lost (the commit's acknowledgement died with the server) has
        // its answer stored with it: the retry replays it. Any other failed batch is done now, once.
        const wasStored = stored.get(b.key) === 3;
        expect({ batch: b.key, replayed: retry.replayed, statuses: itemStatuses(retry) }).toEqual({
          batch: b.key,
          replayed: wasStored,
          statuses: b.txnIds.map(() => 'ACCEPTED'),
        });
        const again = await bank.post(TRANSACTIONS, b.body, b.key);
        expect({ status: again.status, replayed: again.replayed, body: again.body }).toEqual({
          status: 200,
          replayed: true,
          body: retry.body,
        });
      }
      const after = await storedCounts(batches);
      const doubled = batches.filter((b) => (after.get(b.key) ?? 0) > 3).length;
      expect([...after.values()]).toEqual(batches.map(() => 3));

      const result = await settledLedger(db.query, subscribers);
      recordSummary('faults injected', faults);
      recordSummary('events lost', result.lost);
      recordSummary('duplicates', result.duplicates + doubled);
      expect(result.alertEvents).toBe(batches.length); // one PREPAID_LIMIT_EXCEEDED per batch, none twice
      expect({ lost: result.lost, duplicates: result.duplicates, pending: result.pending }).toEqual({
        lost: 0,
        duplicates: 0,
        pending: 0,
      });
    },
    TEST_TIMEOUT_MS,
  );
});
