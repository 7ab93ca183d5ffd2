import * as fs from 'node:fs';
import { Client } from 'pg';
import type { EmbeddedPostgresHandle } from '../../src/platform/database/embedded-postgres';
import { summaryTable } from './suite-summary';

export default async function globalTeardown(): Promise<void> {
  const summaryFile = process.env.TEST_SUMMARY_FILE;
  if (summaryFile) {
    const table = summaryTable(summaryFile);
    if (table) process.stdout.write(`\n${table}\n`);
    fs.rmSync(summaryFile, { force: true });
  }
  const serverUrl = process.env.TEST_PG_SERVER_URL;
  const template = process.env.TEST_TEMPLATE_DB;
  if (serverUrl && template) {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await client.end();
  }
  const embedded = (globalThis as Record<string, unknown>).__SJ_EMBEDDED__ as
    { handle: EmbeddedPostgresHandle; dir: string } | undefined;
  if (embedded) {
    await embedded.handle.stop();
    fs.rmSync(embedded.dir, { recursive: true, force: true });
  }
}
