import { Client } from 'pg';
import { AppConfig, loadConfig } from '../config/app-config';
import { ConfigError } from '../config/env';
import { PreparedDatabase, describeDatabase, prepareDatabase } from '../platform/database/prepare-database';
import { DomainError } from '../platform/errors/domain-error';

/**
 * Shared start of the command-line tools: validated config and the database. With DATABASE_URL, that
 * server; without it, the embedded PostgreSQL a running service already has up on the data directory
 * (postmaster.pid), or else one started for the tool and stopped afterwards.
 */
export async function cliDatabase(): Promise<{ config: AppConfig; database: PreparedDatabase }> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const database = await prepareDatabase(config, () => undefined, { attachToRunning: true }).catch((error: unknown) => {
    throw new Error(
      config.database.url
        ? unreachable(config.database.url, error)
        : `cannot start the embedded PostgreSQL in ${config.database.embeddedDir}: ${formatCliError(error)}`,
    );
  });
  // Fail here, with the address, rather than deep inside the first query.
  const probe = new Client({ connectionString: database.url });
  try {
    await probe.connect();
  } catch (error) {
    await database.stop().catch(() => undefined);
    throw new Error(unreachable(database.url, error));
  } finally {
    await probe.end().catch(() => undefined);
  }
  return { config, database };
}

function unreachable(url: string, error: unknown): string {
  let where = 'the configured address';
  try {
    where = describeDatabase(url);
  } catch {
    // an unparsable URL: keep the generic wording
  }
  return `cannot reach PostgreSQL at ${where}: ${formatCliError(error)}`;
}

/**
 * One line naming the cause of any thrown value: an Error's message (or its code when the message is
 * empty), every error of an AggregateError (pg reports one per address tried), a domain error's code,
 * and plain values (strings, objects, even undefined) — never the word "undefined" alone.
 */
export function formatCliError(error: unknown): string {
  if (error instanceof AggregateError) {
    const parts = [...new Set(error.errors.map((e) => formatCliError(e)))];
    const head = error.message && !parts.includes(error.message) ? `${error.message}: ` : '';
    return parts.length ? `${head}${parts.join('; ')}` : error.message || 'several errors (none described)';
  }
  if (error instanceof DomainError) {
    const details = (error.errors ?? [])
      .filter((e) => e.message.en !== error.message)
      .map((e) => `; ${e.path}: ${e.message.en}`)
      .join('');
    return `${lowerFirst(error.message)} (${error.code})${details}`;
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const address = (error as { address?: string; port?: number }).address;
    const port = (error as { port?: number }).port;
    const where = address ? ` (${address}${port ? `:${port}` : ''})` : '';
    if (error.message) return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
    return code ? `${code}${where}` : `${error.name || 'Error'} without a message`;
  }
  if (error === undefined || error === null)
    return `failed without an error description (the thrown value was ${String(error)})`;
  if (typeof error === 'string') return error || 'failed with an empty error message';
  if (typeof error === 'object') {
    try {
      return `failed: ${JSON.stringify(error)}`;
    } catch {
      return `failed: ${Object.prototype.toString.call(error)}`;
    }
  }
  return `failed: ${String(error)}`;
}

function lowerFirst(s: string): string {
  return s && /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** Runs a command: exit 0 when it resolves; otherwise one line `name: cause` on stderr and exit 1. */
export function runCli(name: string, main: () => Promise<void>): void {
  const fail = (error: unknown) => {
    const message = formatCliError(error);
    process.stderr.write(`${name}: ${message}\n`);
    process.exit(1);
  };
  process.on('unhandledRejection', fail);
  process.on('uncaughtException', fail);
  main().then(() => process.exit(0), fail);
}
