import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { AppConfig } from '../../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabase, liveEmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE_NAME = 'shuangjian';
const MIGRATION_LOCK_KEY = 0x53_4a_4d_47; // "SJMG": serialises migrations across replicas starting together

export interface PreparedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Makes the database the configuration asks for available: the server at DATABASE_URL, or an
 * embedded PostgreSQL started from the npm package when it is unset.
 */
export async function prepareDatabase(
  config: AppConfig,
  log: (message: string) => void = () => undefined,
  opts: { attachToRunning?: boolean } = {},
): Promise<PreparedDatabase> {
  if (config.database.url) return { url: config.database.url, embedded: false, stop: async () => undefined };
  if (opts.attachToRunning) {
    // A command-line tool beside a running service: use its server; stopping is the service's business.
    const live = liveEmbeddedPostgres(config.database.embeddedDir);
    if (live) {
      log(`using the embedded PostgreSQL already running on port ${live.port} (pid ${live.pid})`);
      const url = await ensureDatabase(live.url, EMBEDDED_DATABASE_NAME);
      return { url, embedded: true, stop: async () => undefined };
    }
  }
  const server = await startEmbeddedPostgres(config.database.embeddedDir, config.database.embeddedPort, log);
  const url = await ensureDatabase(server.url, EMBEDDED_DATABASE_NAME);
  return { url, embedded: true, stop: server.stop };
}

/** Applies pending migrations; concurrent callers (several replicas starting) take turns. */
export async function runMigrations(url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const ds = await new DataSource(dataSourceOptions(url, 2, 'shuangjian-migrate', false)).initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}

/** Host and database of a connection string, without credentials, for logs. */
export function describeDatabase(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}
