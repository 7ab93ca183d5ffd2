import 'reflect-metadata';
import { setupDatabase } from '../database-setup';
import { cliDatabase, runCli } from './cli-database';
import { createUserFromCli, parseUserCreateArgs } from './user-create.command';

/**
 * npm run user:create -- --username U --password P --role ROLE [--scope CODE_OR_ID] [--display-name NAME]
 * Makes a user from the shell: the first county administrator of a new installation, or scripted
 * accounts. Applies pending migrations and reference data first (as start-up does, when configured).
 */
runCli('user:create', async () => {
  const args = parseUserCreateArgs(process.argv.slice(2));
  const { config, database } = await cliDatabase();
  try {
    await setupDatabase(database.url, {
      migrate: config.database.migrateOnStart,
      seedReference: config.seedReferenceOnStart,
    });
    // The api role: a command-line tool must not start the worker's relay, consumers or schedulers.
    const user = await createUserFromCli(
      { config: { ...config, role: 'api' }, databaseUrl: database.url, embeddedDatabase: database.embedded },
      args,
    );
    console.log(`Created user ${user.username} (${user.role}), id ${user.id}`);
  } finally {
    await database.stop();
  }
});
