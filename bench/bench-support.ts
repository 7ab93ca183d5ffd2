import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { setupDatabase } from '../src/database-setup';
import { startEmbeddedPostgres, withDatabase } from '../src/platform/database/embedded-postgres';

/** A freshly migrated database of the benchmark's own (on DATABASE_URL's server, or an embedded one). */
export async function benchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  let serverUrl: string;
  let stopServer = async () => undefined as void;
  if (process.env.DATABASE_URL) {
    serverUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bench-pg-'));
    fs.chmodSync(dir, 0o755);
    const server = await startEmbeddedPostgres(path.join(dir, 'data'), 54000 + Math.floor(Math.random() * 900));
    serverUrl = server.url;
    stopServer = async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const name = `sj_bench_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  await setupDatabase(url, { migrate: true, seedReference: true });
  return {
    url,
    drop: async () => {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      await stopServer();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function machine(): Record<string, string | number> {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? '?',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function writeResult(name: string, data: unknown): string {
  const dir = path.resolve('bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({ date: new Date().toISOString(), machine: machine(), ...(data as object) }, null, 2),
  );
  return file;
}

/**
 * One line of the `npm run bench` summary table: a figure of the service beside its baseline (the
 * physical limit measured in the same run), their ratio and the goal from issue #12.
 */
export interface Headline {
  benchmark: string;
  metric: string;
  service: number;
  /** The same work without the service (raw INSERT, bare BullMQ, node:http + pg); absent when there is none. */
  baseline?: number;
  unit: string;
  /** service / baseline (or, for the sweep, large / small), rounded to 2 places. */
  ratio?: number;
  /** The goal in words, e.g. "≥ 0.5 × raw" or "p99 < 100 ms". */
  goal?: string;
  met?: boolean;
}

export function ratioOf(service: number, baseline: number): number {
  return Math.round((service / baseline) * 100) / 100;
}

/** A child process of the benchmark (the service, the raw handler, a CLI), its output kept for errors. */
export interface Spawned {
  child: ChildProcess;
  env: NodeJS.ProcessEnv;
  output(): string;
  exited: Promise<number | null>;
  /** Waits until the probe answers true (polling), failing with the output if the process exits first. */
  ready(probe: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** `node <build>/<script>` (the build: BENCH_DIST, default dist) with the benchmark's environment plus `env`. */
export function spawnNode(
  script: string,
  env: Record<string, string | undefined>,
  args: string[] = [],
  nodeArgs: string[] = [],
): Spawned {
  const fullEnv = { ...process.env, ...env };
  const child = spawn(
    process.execPath,
    [...nodeArgs, path.resolve(process.env.BENCH_DIST ?? 'dist', script), ...args],
    { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    env: fullEnv,
    output: () => output,
    exited,
    async ready(probe, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${output}`);
        if (await probe().catch(() => false)) return;
        if (Date.now() > deadline) throw new Error(`${script} was not ready after ${timeoutMs} ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** REDIS_URL, or a Redis answering on 127.0.0.1:6379; undefined when none answers. */
export async function redisReachable(): Promise<string | undefined> {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const client = new IORedis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.ping();
    return url;
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

/** Removes a benchmark's BullMQ keys from Redis (everything under `prefix:`). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<number> {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Peak resident set size (VmHWM) of a live process, in MiB (Linux). */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024);
}

/** CPU time (user + system) a live process has used so far, in ms (Linux; clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
