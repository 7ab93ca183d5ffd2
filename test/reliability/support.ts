import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { signBankRequest } from '../../src/platform/auth/bank-signature';
import { SubscriberRegistry } from '../../src/platform/events/subscriber-registry';
import { TestBankKey } from '../factories/identity.factory';
import { Spawned, spawnProcess } from '../support/processes';
import { TestApp } from '../support/test-app';
import { freePort, waitFor } from '../support/test-env';

/**
 * Shared pieces of the fault tests: the built service started as its own processes, a partner bank
 * posting signed batches to it over HTTP, and the ledger that counts every domain event's deliveries.
 */

/** Where the built service is (npm test builds dist/ first; SJ_DIST_DIR points at another build while developing). */
export const DIST = path.resolve(process.env.SJ_DIST_DIR ?? 'dist');

/** Generous limits for a loaded machine: a service start-up takes seconds, waits inside have their own deadlines. */
export const SETUP_TIMEOUT_MS = 120_000;
export const TEST_TIMEOUT_MS = 180_000;

/** Short timings so faults are noticed and recovered from within the test's time. */
export const FAST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  DB_MIGRATE_ON_START: 'false',
  DB_SEED_REFERENCE_ON_START: 'false',
  EVENT_BACKOFF_MS: '50',
  EVENT_LOCK_MS: '1500',
  OUTBOX_POLL_MS: '200',
  QUEUE_TIMEOUT_MS: '1000',
  BANK_RATE_PER_SECOND: '1000',
  BANK_RATE_BURST: '1000',
  SHUTDOWN_TIMEOUT_MS: '5000',
};

export interface ServiceProcess {
  proc: Spawned;
  base: string;
  port: number;
}

/**
 * The processes a test file starts, so afterAll can kill every one of them even when the test failed
 * half-way (SIGKILL: nothing of theirs is worth waiting for by then).
 */
export class Processes {
  private readonly all: Spawned[] = [];

  track<T extends Spawned>(p: T): T {
    this.all.push(p);
    return p;
  }

  async killAll(): Promise<void> {
    await Promise.all(this.all.map((p) => p.stop('SIGKILL')));
  }

  /** `node dist/src/main.js` (or worker.js) with the environment given; resolves once /health/ready answers 200. */
  async startService(entry: 'main' | 'worker', env: Record<string, string>, port?: number): Promise<ServiceProcess> {
    const file = path.join(DIST, 'src', `${entry}.js`);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: build first (npm test runs the build)`);
    const p = port ?? (await freePort());
    const proc = this.track(
      spawnProcess(process.execPath, [file], { ...process.env, ...FAST_ENV, ...env, PORT: String(p) }),
    );
    const base = `http://127.0.0.1:${p}`;
    await waitFor(
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`${entry} exited with ${proc.child.exitCode}`);
        return (await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(3000) })).status === 200;
      },
      { timeoutMs: 90000, intervalMs: 250, what: `${entry}.js to be ready` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- ${entry} output ---\n${proc.output()}`);
    });
    return { proc, base, port: p };
  }
}

/**
 * A private PostgreSQL cluster (the embedded one the service ships) in a process of its own, outside
 * Jest's module registry: `stop()` (SIGTERM) shuts it down fast, as a crash of the database server would
 * look to its clients (sessions terminated), and a new call on the same directory and port restarts it.
 */
export async function startPrivatePostgres(procs: Processes, dataDir: string, port: number): Promise<Spawned> {
  const module = path.join(DIST, 'src', 'platform', 'database', 'embedded-postgres.js');
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(module)});
    startEmbeddedPostgres(process.argv[1], Number(process.argv[2])).then((handle) => {
      const stop = () => handle.stop().then(() => process.exit(0), () => process.exit(1));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      console.log('CLUSTER READY');
    }, (error) => { console.error(error); process.exit(1); });`;
  const cluster = procs.track(spawnProcess(process.execPath, ['-e', script, dataDir, String(port)], process.env));
  await waitFor(
    async () => {
      if (cluster.child.exitCode !== null) throw new Error(`the cluster exited: ${cluster.output()}`);
      return cluster.output().includes('CLUSTER READY');
    },
    { timeoutMs: 60000, intervalMs: 100, what: `PostgreSQL on ${port}` },
  );
  return cluster;
}

/** Last resort after a failed test: stops a postmaster still running on the data directory. */
export async function killPostmaster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!pid || !alive()) return;
  process.kill(pid, 'SIGQUIT');
  await waitFor(async () => !alive(), { what: `postmaster ${pid} to exit`, timeoutMs: 10000 }).catch(() =>
    process.kill(pid, 'SIGKILL'),
  );
}

/**
 * A private redis-server kept as production keeps it (docker-compose.yml: append-only file, fsync every
 * second), its data in `dir`: killed and started again on the same directory, it still has its jobs.
 */
export async function startPersistentRedis(procs: Processes, port: number, dir: string): Promise<Spawned> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--dir',
    dir,
  ];
  const redis = procs.track(spawnProcess('redis-server', args, process.env));
  await waitFor(
    async () => {
      if (redis.child.exitCode !== null) throw new Error(`redis-server exited: ${redis.output()}`);
      return /Ready to accept connections/i.test(redis.output());
    },
    { what: `redis-server on ${port}`, timeoutMs: 10000 },
  );
  return redis;
}

export interface BankResponse {
  /** HTTP status, or 0 when no answer came (connection refused or reset, or the timeout). */
  status: number;
  body: string;
  contentType: string;
  replayed: boolean;
  error?: string;
}

/** A bank posting to the service over real HTTP, signed as bank-api.md says, with its own clock. */
export class Bank {
  constructor(
    public base: string,
    private readonly key: TestBankKey,
  ) {}

  async post(pathName: string, body: string, idempotencyKey: string, timeoutMs = 20000): Promise<BankResponse> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const res = await fetch(`${this.base}${pathName}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Bank-Key-Id': this.key.keyId,
          'X-Timestamp': timestamp,
          'X-Signature': signBankRequest(this.key.secret, timestamp, 'POST', pathName, body),
          'Idempotency-Key': idempotencyKey,
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return {
        status: res.status,
        body: await res.text(),
        contentType: res.headers.get('content-type') ?? '',
        replayed: res.headers.get('idempotent-replayed') === 'true',
      };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      return { status: 0, body: '', contentType: '', replayed: false, error: cause?.code ?? (error as Error).name };
    }
  }
}

/** One signed batch: its body is fixed once, so a retry sends the same bytes with the same key. */
export interface Batch {
  key: string;
  body: string;
  txnIds: string[];
}

const BOOKED_AT = new Date(Date.now() - 3_600_000).toISOString();

/**
 * A batch of transactions that makes one alert event per account: even rounds post a prepayment over
 * the 5,000 yuan limit (PREPAID_LIMIT_EXCEEDED raised), odd rounds reverse it (the alert resolved).
 */
export function alertRound(tag: string, accountNos: string[], round: number): Batch {
  const txnId = (i: number, r: number) => `${tag}-${i}-${r}`;
  const transactions = accountNos.map((accountNo, i) =>
    round % 2 === 0
      ? {
          accountNo,
          txnId: txnId(i, round),
          bookedAt: BOOKED_AT,
          type: 'DEPOSIT',
          amount: '6000.00',
          currency: 'CNY',
          lessonHours: 10,
          coverageMonths: 1,
        }
      : {
          accountNo,
          txnId: txnId(i, round),
          bookedAt: BOOKED_AT,
          type: 'REVERSAL',
          amount: '6000.00',
          currency: 'CNY',
          reversalOf: txnId(i, round - 1),
        },
  );
  return {
    key: `${tag}-r${round}-${randomUUID().slice(0, 8)}`,
    body: JSON.stringify({ transactions }),
    txnIds: transactions.map((t) => t.txnId),
  };
}

export const TRANSACTIONS = '/api/bank/v1/transactions';

/** Per-item statuses of a 200 batch answer. */
export function itemStatuses(res: BankResponse): string[] {
  return (JSON.parse(res.body) as { results: { status: string }[] }).results.map((r) => r.status);
}

/** Every subscriber of every event, as the service registers them (read from an in-process app of the same code). */
export function subscriberMap(t: TestApp): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const s of t.app.get(SubscriberRegistry).all()) map.set(s.event, [...(map.get(s.event) ?? []), s.name]);
  return map;
}

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** A query function on a plain pg client (reconnecting on demand, for a database that restarts). */
export function pgQuery(url: string): { query: Query; close: () => Promise<void> } {
  let client: Client | undefined;
  return {
    async query(sql, params) {
      if (!client) {
        const c = new Client({ connectionString: url });
        c.on('error', () => (client = undefined));
        await c.connect();
        client = c;
      }
      try {
        return (await client.query(sql, params)).rows;
      } catch (error) {
        await client?.end().catch(() => undefined);
        client = undefined;
        throw error;
      }
    },
    async close() {
      await client?.end().catch(() => undefined);
    },
  };
}

/**
 * Counts each subscriber's committed effects, whether or not a unique index then makes the effect a
 * no-op: a BEFORE INSERT trigger writes one probe row per insert attempt, in the subscriber's own
 * transaction, so a handler that ran (and committed) twice for one event shows two rows. Test data only.
 */
export async function installEffectProbes(query: Query): Promise<void> {
  await query(`
    CREATE TABLE probe_effect (effect text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
    CREATE FUNCTION probe_task() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO probe_effect (effect) VALUES ('task:' || NEW.source_ref); RETURN NEW; END $$;
    CREATE FUNCTION probe_credit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO probe_effect (effect) VALUES ('credit:' || NEW.alert_id || CASE WHEN NEW.resolved_at IS NULL THEN ':raised' ELSE ':resolved' END); RETURN NEW; END $$;
    CREATE TRIGGER probe_task BEFORE INSERT ON supervision_task FOR EACH ROW WHEN (NEW.source_ref LIKE 'escrow_alert:%') EXECUTE FUNCTION probe_task();
    CREATE TRIGGER probe_credit BEFORE INSERT ON credit_escrow_alert FOR EACH ROW EXECUTE FUNCTION probe_credit();
  `);
}

export interface Ledger {
  events: number;
  /** (event, subscriber) deliveries expected from the outbox. */
  expected: number;
  /** Expected deliveries with no processed_event row, plus alert events whose effect is missing. */
  lost: number;
  /** Effects committed more than once for one event. */
  duplicates: number;
  /** Outbox rows still unpublished. */
  pending: number;
  alertEvents: number;
}

/** Compares the outbox (every event the service committed) with what the subscribers committed. */
export async function ledger(query: Query, subscribers: Map<string, string[]>): Promise<Ledger> {
  const events = (await query(`SELECT event_id::text AS id, name, payload->>'alertId' AS alert FROM outbox`)) as {
    id: string;
    name: string;
    alert: string | null;
  }[];
  const processed = new Set(
    ((await query(`SELECT event_id::text || '|' || subscriber AS k FROM processed_event`)) as { k: string }[]).map(
      (r) => r.k,
    ),
  );
  const effects = new Map(
    (
      (await query(`SELECT effect, count(*)::int AS n FROM probe_effect GROUP BY effect`)) as {
        effect: string;
        n: number;
      }[]
    ).map((r) => [r.effect, r.n]),
  );
  let expected = 0;
  let lost = 0;
  let alertEvents = 0;
  for (const e of events) {
    for (const s of subscribers.get(e.name) ?? []) {
      expected++;
      if (!processed.has(`${e.id}|${s}`)) lost++;
    }
    // The effects the alert subscribers must leave (counted once more, by what they wrote).
    const wanted =
      e.name === 'escrow.alert.raised'
        ? [`task:escrow_alert:${e.alert}`, `credit:${e.alert}:raised`]
        : e.name === 'escrow.alert.resolved'
          ? [`credit:${e.alert}:resolved`]
          : [];
    if (wanted.length) alertEvents++;
    for (const w of wanted) if (!effects.has(w)) lost++;
  }
  let duplicates = 0;
  for (const n of effects.values()) duplicates += Math.max(0, n - 1);
  const [{ pending }] = (await query(`SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL`)) as [
    { pending: number },
  ];
  return { events: events.length, expected, lost, duplicates, pending, alertEvents };
}

/** Waits until every expected delivery happened (or the deadline), then returns the final count. */
export async function settledLedger(
  query: Query,
  subscribers: Map<string, string[]>,
  timeoutMs = 60000,
): Promise<Ledger> {
  let last: Ledger | undefined;
  await waitFor(
    async () => {
      last = await ledger(query, subscribers);
      return last.lost === 0 && last.pending === 0;
    },
    { timeoutMs, intervalMs: 250, what: 'every event to be delivered' },
  ).catch(() => undefined);
  return ledger(query, subscribers).catch(() => last as Ledger);
}
