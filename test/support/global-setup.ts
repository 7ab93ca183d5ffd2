import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { setupDatabase } from '../../src/database-setup';
import { startEmbeddedPostgres, withDatabase } from '../../src/platform/database/embedded-postgres';
import { freePort, uniqueName } from './test-env';

/**
 * Once per run: find the PostgreSQL server (DATABASE_URL's, or an embedded one in the system temp
 * directory), and build a template database with every migration and the reference data. Each test
 * file then clones it (test-env.ts), so files never share state and cost a file copy, not a migration.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-test-pg-'));
    fs.chmodSync(dir, 0o755);
    const handle = await startEmbeddedPostgres(path.join(dir, 'data'), await freePort());
    (globalThis as Record<string, unknown>).__SJ_EMBEDDED__ = { handle, dir };
    serverUrl = handle.url;
  }
  const template = uniqueName('sjt_tmpl');
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${template}`);
  await client.end();
  await setupDatabase(withDatabase(serverUrl, template), { migrate: true, seedReference: true });
  process.env.TEST_PG_SERVER_URL = serverUrl;
  process.env.TEST_TEMPLATE_DB = template;
  process.env.TEST_SUMMARY_FILE = path.join(os.tmpdir(), `${uniqueName('sj-summary')}.jsonl`);
  const queue = process.env.REDIS_URL
    ? `Redis at ${process.env.REDIS_URL}`
    : 'the PostgreSQL backend (REDIS_URL unset)';
  process.stdout.write(
    `\nIntegration tests: PostgreSQL ${process.env.DATABASE_URL ? 'from DATABASE_URL' : 'embedded'}, queues on ${queue}\n`,
  );
}
