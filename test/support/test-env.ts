import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { Client } from 'pg';
import { withDatabase } from '../../src/platform/database/embedded-postgres';

/** Facts the global setup hands to every test file through the environment. */
export const env = {
  get serverUrl(): string {
    const url = process.env.TEST_PG_SERVER_URL;
    if (!url) throw new Error('TEST_PG_SERVER_URL is unset: run the integration tests through jest (global setup)');
    return url;
  },
  get templateDb(): string {
    return process.env.TEST_TEMPLATE_DB as string;
  },
  get redisUrl(): string | undefined {
    return process.env.REDIS_URL || undefined;
  },
};

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

async function withServer<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: env.serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A database of its own for one test file, cloned from the migrated and seeded template. */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const name = uniqueName('sjt');
  await withServer(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${env.templateDb}`);
        return;
      } catch (error) {
        // Two files cloning the template at the same instant: one waits and tries again.
        if (attempt < 50 && /being accessed by other users/.test((error as Error).message)) {
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
          continue;
        }
        throw error;
      }
    }
  });
  return { name, url: withDatabase(env.serverUrl, name) };
}

/** An empty database (no migrations), for tests of start-up itself. */
export async function createEmptyDatabase(): Promise<{ name: string; url: string }> {
  const name = uniqueName('sje');
  await withServer((client) => client.query(`CREATE DATABASE ${name}`));
  return { name, url: withDatabase(env.serverUrl, name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await withServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
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

/** Waits for a condition with a deadline (never a fixed sleep). */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  { timeoutMs = 15000, intervalMs = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}
