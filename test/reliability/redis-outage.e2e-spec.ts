import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openAccount } from '../factories/escrow.factory';
import { TestBankKey } from '../factories/identity.factory';
import { Role } from '../../src/platform/auth/role';
import { Spawned } from '../support/processes';
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
  settledLedger,
  startPersistentRedis,
  subscriberMap,
} from './support';

/**
 * Redis (the queue backend) dies (SIGKILL) while a bank is posting: every post still succeeds, because
 * its events are written to the outbox in the same transaction as the data, and once Redis is back (kept
 * with an append-only file, as docker-compose.yml runs it) every event is delivered to every subscriber
 * exactly once.
 */
describe('fault: Redis stopped during a stream of bank posts', () => {
  const procs = new Processes();
  let redisPort: number;
  let redisDir: string;
  let redis: Spawned;
  let t: TestApp;
  let service: ServiceProcess;
  let bank: Bank;
  let accountNos: string[];

  beforeAll(async () => {
    redisPort = await freePort();
    redisDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-rel-redis-'));
    redis = await startPersistentRedis(procs, redisPort, redisDir);
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    // An in-process app of the same code for the set-up (bank, accounts) and the subscriber list; it runs no worker.
    t = await startTestApp({ role: 'api', env: { REDIS_URL: redisUrl } });
    await installEffectProbes((sql, params) => t.dataSource.query(sql, params));
    const key: TestBankKey = await t.registerBank();
    const admin = await t.loginAs(Role.COUNTY_ADMIN);
    accountNos = [];
    for (let i = 0; i < 5; i++) accountNos.push((await openAccount(t, admin.token, key.bankCode)).accountNo);
    service = await procs.startService('main', {
      APP_ROLE: 'all',
      DATABASE_URL: t.runtime.databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: t.runtime.config.queue.prefix,
    });
    bank = new Bank(service.base, key);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await procs.killAll();
    await t?.close();
    if (redisDir) fs.rmSync(redisDir, { recursive: true, force: true });
  });

  it(
    'keeps accepting posts while Redis is down and delivers every event once after it returns',
    async () => {
      const query = (sql: string, params?: unknown[]) =>
        t.dataSource.query(sql, params) as Promise<Record<string, unknown>[]>;
      const rounds = 24;
      const down = 8;
      const up = 16;
      let faults = 0;
      let pendingDuringOutage = 0;
      for (let round = 0; round < rounds; round++) {
        if (round === down) {
          await redis.stop('SIGKILL');
          faults++;
          await waitFor(async () => (await fetch(`${service.base}/health/ready`)).status === 503, {
            what: 'readiness to report the outage',
          });
        }
        if (round === up) {
          const [{ pending }] = await query(`SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL`);
          pendingDuringOutage = pending as number;
          redis = await startPersistentRedis(procs, redisPort, redisDir);
        }
        const batch = alertRound('RDS', accountNos, round);
        const res = await bank.post(TRANSACTIONS, batch.body, batch.key);
        expect({ round, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({
          round,
          status: 200,
          body: undefined,
        });
        expect(itemStatuses(res)).toEqual(accountNos.map(() => 'ACCEPTED'));
      }
      // The events of the outage waited in the outbox rather than being lost or failing the posts.
      expect(pendingDuringOutage).toBeGreaterThanOrEqual((up - down) * accountNos.length);
      await waitFor(async () => (await fetch(`${service.base}/health/ready`)).status === 200, {
        what: 'readiness to recover',
        timeoutMs: 30000,
      });

      const result = await settledLedger(query, subscriberMap(t));
      recordSummary('faults injected', faults);
      recordSummary('events lost', result.lost);
      recordSummary('duplicates', result.duplicates);
      expect(result.alertEvents).toBe(rounds * accountNos.length);
      expect({ lost: result.lost, duplicates: result.duplicates, pending: result.pending }).toEqual({
        lost: 0,
        duplicates: 0,
        pending: 0,
      });
      // Every transaction stored once, none twice.
      const [{ stored, distinct }] = await query(
        `SELECT count(*)::int AS stored, count(DISTINCT txn_id)::int AS distinct FROM escrow_transaction WHERE txn_id LIKE 'RDS-%'`,
      );
      expect({ stored, distinct }).toEqual({
        stored: rounds * accountNos.length,
        distinct: rounds * accountNos.length,
      });
    },
    TEST_TIMEOUT_MS,
  );
});
