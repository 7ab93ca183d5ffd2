import type { INestApplication } from '@nestjs/common';
import { AppRole, loadConfig, Runtime, runsApi } from './config/app-config';
import { ConfigError } from './config/env';
import { describeDatabase, prepareDatabase } from './platform/database/prepare-database';
import { setupDatabase } from './database-setup';
import { createRootLogger } from './platform/logging/logger';
import { MetricsServer } from './platform/metrics/metrics-server';
import { QueueFactory } from './platform/queue/queue-factory';
import { stopTracing } from './tracing';
import { createHttpApp } from './http-app';
import { IdentityFacade } from './modules/identity';

/**
 * Starts the service in a role: validates configuration, makes the database available (embedded
 * PostgreSQL when DATABASE_URL is unset), applies migrations when asked, serves HTTP, and shuts down
 * gracefully on SIGTERM/SIGINT (stop taking requests, finish in-flight jobs, close pools).
 */
export async function startService(forcedRole?: AppRole): Promise<void> {
  let config;
  try {
    config = loadConfig(forcedRole ? { ...process.env, APP_ROLE: forcedRole } : process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createRootLogger(config.logLevel);
  const log = logger.child({ context: 'Bootstrap' });
  let stopDatabase: () => Promise<void> = async () => undefined;
  let app: INestApplication | undefined;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.http.shutdownTimeoutMs);
    force.unref();
    try {
      await app?.close();
      await stopTracing().catch(() => undefined);
      await stopDatabase();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    const database = await prepareDatabase(config, (m) => log.debug({ embeddedPostgres: m }));
    stopDatabase = database.stop;
    // The first lines say which database and which queue backend are in use (before migrations and the app).
    log.info(
      { database: describeDatabase(database.url), embedded: database.embedded },
      database.embedded
        ? `database: embedded PostgreSQL at ${describeDatabase(database.url)} (data in ${config.database.embeddedDir})`
        : `database: PostgreSQL at ${describeDatabase(database.url)}`,
    );
    const queueInfo = new QueueFactory({
      redisUrl: config.queue.redisUrl,
      databaseUrl: database.url,
      prefix: config.queue.prefix,
    });
    log.info({ queueBackend: queueInfo.backend }, `queue backend: ${queueInfo.describe()}`);
    const applied = await setupDatabase(database.url, {
      migrate: config.database.migrateOnStart,
      seedReference: config.seedReferenceOnStart,
    });
    if (config.database.migrateOnStart) {
      log.info(
        { applied },
        applied.length ? `applied ${applied.length} migration(s)` : 'database schema is up to date',
      );
    }
    const runtime: Runtime = { config, databaseUrl: database.url, embeddedDatabase: database.embedded };
    app = await createHttpApp(runtime, logger);
    await app.get(QueueFactory).migrate();
    if (runsApi(config.role)) {
      // The first county administrator: from INITIAL_ADMIN_*, or a one-time setup code in this log.
      const firstAdmin = logger.child({ context: 'FirstAdmin' });
      await app
        .get(IdentityFacade)
        .firstAdminAtStart({ info: (m) => firstAdmin.info(m), warn: (m) => firstAdmin.warn(m) });
    }
    await app.listen(config.http.port, '0.0.0.0');
    log.info(
      { role: config.role, port: config.http.port },
      `serving role "${config.role}" on port ${config.http.port}`,
    );
    await app.get(MetricsServer).start();
  } catch (error) {
    log.fatal({ err: error }, 'start-up failed');
    await app?.close().catch(() => undefined);
    await stopDatabase().catch(() => undefined);
    process.exit(1);
  }
}
