import IORedis from 'ioredis';
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
  Processes,
  SETUP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
  ServiceProcess,
  TRANSACTIONS,
  alertRound,
  installEffectProbes,
  itemStatuses,
  ledger,
  settledLedger,
  subscriberMap,
} from './support';

/**
 * A worker process (dist/src/worker.js) is killed with SIGKILL while it holds a burst of event jobs
 * produced by bank posts. Its jobs are retried by the next worker: nothing is lost, nothing done twice.
 * To kill it provably mid-batch, the test holds a lock on the credit projection table, so the credit
 * subscriber's deliveries are in flight (job taken, transaction open) at the moment of the kill. The
 * second kill comes after such deliveries committed but before Redis heard of it (writes paused).
 */
describe('fault: a worker killed mid-batch', () => {
  const procs = new Processes();
  let t: TestApp;
  let api: ServiceProcess;
  let bank: Bank;
  let accountNos: string[];
  let workerEnv: Record<string, string>;
  let locker: Client | undefined;
  let redis: IORedis;
  let paused = false;

  beforeAll(async () => {
    const redisPort = await freePort();
    procs.track(await startPrivateRedis(redisPort));
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
    t = await startTestApp({ role: 'api', env: { REDIS_URL: redisUrl } });
    await installEffectProbes((sql, params) => t.dataSource.query(sql, params));
    const key: TestBankKey = await t.registerBank();
    const admin = await t.loginAs(Role.COUNTY_ADMIN);
    accountNos = [];
    for (let i = 0; i < 10; i++) accountNos.push((await openAccount(t, admin.token, key.bankCode)).accountNo);
    const common = {
      DATABASE_URL: t.runtime.databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: t.runtime.config.queue.prefix,
    };
    // Twenty connections: ten delivery slots, so the blocked credit jobs leave room for the others.
    workerEnv = { ...common, DB_POOL_SIZE: '20' };
    api = await procs.startService('main', { ...common, APP_ROLE: 'api' });
    bank = new Bank(api.base, key);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await locker?.end().catch(() => undefined);
    if (paused) await redis.call('CLIENT', 'UNPAUSE').catch(() => undefined);
    redis?.disconnect();
    await procs.killAll();
    await t?.close();
  });

  it(
    'has its jobs taken over by a new worker: every event processed once',
    async () => {
      const query = (sql: string, params?: unknown[]) =>
        t.dataSource.query(sql, params) as Promise<Record<string, unknown>[]>;
      const subscribers = subscriberMap(t);
      const rounds = 8;
      // The burst is posted before any worker runs: it waits in the outbox.
      for (let round = 0; round < rounds; round++) {
        const batch = alertRound('WRK', accountNos, round);
        const res = await bank.post(TRANSACTIONS, batch.body, batch.key);
        expect(res.status).toBe(200);
        expect(itemStatuses(res)).toEqual(accountNos.map(() => 'ACCEPTED'));
      }
      locker = new Client({ connectionString: t.runtime.databaseUrl });
      await locker.connect();
      await locker.query('BEGIN');
      const [{ pid }] = (await locker.query('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
      await locker.query('LOCK TABLE credit_escrow_alert IN SHARE MODE'); // blocks INSERTs, not reads

      const first = await procs.startService('worker', workerEnv);
      // Mid-batch: some deliveries committed, credit deliveries in flight (waiting on the lock).
      const inFlight = await waitFor(
        async () => {
          const [{ n }] = await query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
            [pid],
          );
          const [{ done }] = await query(
            `SELECT count(*)::int AS done FROM processed_event WHERE subscriber = 'supervision.open-escrow-alert-task'`,
          );
          return (n as number) > 0 && (done as number) > 0 ? (n as number) : undefined;
        },
        { what: 'deliveries to be in flight', timeoutMs: 30000 },
      );
      await first.proc.stop('SIGKILL');
      let faults = 1;
      await locker.query('ROLLBACK');
      await locker.end();
      locker = undefined;
      const interrupted = await ledger(query, subscribers);
      expect(inFlight).toBeGreaterThan(0);
      expect(interrupted.lost).toBeGreaterThan(0); // the kill really left work undone

      const second = await procs.startService('worker', workerEnv);
      const afterFirst = await settledLedger(query, subscribers);
      expect({ lost: afterFirst.lost, duplicates: afterFirst.duplicates }).toEqual({ lost: 0, duplicates: 0 });

      // Second kill, at the worst moment for "done twice": deliveries committed in PostgreSQL, their jobs
      // not yet acknowledged in Redis (writes paused). The next worker runs them again; each must change nothing.
      const credit = async () =>
        new Set(
          (
            (await query(
              `SELECT event_id::text || '.' || subscriber AS id FROM processed_event WHERE subscriber LIKE 'credit.%'`,
            )) as { id: string }[]
          ).map((r) => r.id),
        );
      locker = new Client({ connectionString: t.runtime.databaseUrl });
      await locker.connect();
      await locker.query('BEGIN');
      const [{ pid: pid2 }] = (await locker.query('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
      await locker.query('LOCK TABLE credit_escrow_alert IN SHARE MODE');
      for (let round = rounds; round < rounds + 2; round++) {
        const batch = alertRound('WRK', accountNos, round);
        expect((await bank.post(TRANSACTIONS, batch.body, batch.key)).status).toBe(200);
      }
      const blocked = await waitFor(
        async () => {
          const [{ n }] = await query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
            [pid2],
          );
          const [{ pending }] = await query(`SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL`);
          return (n as number) > 0 && pending === 0 ? (n as number) : undefined;
        },
        { what: 'deliveries to be in flight again', timeoutMs: 30000 },
      );
      const before = await credit();
      await redis.call('CLIENT', 'PAUSE', '30000', 'WRITE');
      paused = true;
      await locker.query('ROLLBACK');
      await locker.end();
      locker = undefined;
      // The blocked deliveries commit (effect and processed_event row); their acknowledgements wait on Redis.
      const committed = await waitFor(
        async () => {
          const now = await credit();
          const fresh = [...now].filter((id) => !before.has(id));
          return fresh.length >= blocked ? fresh : undefined;
        },
        { what: 'the in-flight deliveries to commit', timeoutMs: 30000 },
      );
      await second.proc.stop('SIGKILL');
      faults++;
      await redis.call('CLIENT', 'UNPAUSE');
      paused = false;
      await procs.startService('worker', workerEnv);
      const prefix = t.runtime.config.queue.prefix;
      // Each of those jobs was started again by the new worker (its lock had expired with the old one) and completed.
      await waitFor(
        async () => {
          for (const jobId of committed) {
            const [ats, finishedOn] = (await redis.hmget(`${prefix}:events.credit:${jobId}`, 'ats', 'finishedOn')) as [
              string | null,
              string | null,
            ];
            if (!finishedOn || Number(ats) < 2) return false;
          }
          return true;
        },
        { what: 'the committed-but-unacknowledged jobs to be run again', timeoutMs: 30000 },
      );
      const result = await settledLedger(query, subscribers);
      recordSummary('faults injected', faults);
      recordSummary('events lost', result.lost);
      recordSummary('duplicates', result.duplicates);
      expect(result.alertEvents).toBe((rounds + 2) * accountNos.length);
      expect({ lost: result.lost, duplicates: result.duplicates, pending: result.pending }).toEqual({
        lost: 0,
        duplicates: 0,
        pending: 0,
      });
      const [{ tasks }] = await query(
        `SELECT count(*)::int AS tasks FROM supervision_task WHERE source_ref LIKE 'escrow_alert:%'`,
      );
      expect(tasks).toBe((rounds / 2 + 1) * accountNos.length);
    },
    TEST_TIMEOUT_MS,
  );
});
