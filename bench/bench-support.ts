import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
  return { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', node: process.version, platform: `${os.platform()} ${os.release()}` };
}

export function writeResult(name: string, data: unknown): string {
  const dir = path.resolve('bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine: machine(), ...(data as object) }, null, 2));
  return file;
}
