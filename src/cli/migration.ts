import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../platform/database/data-source-options';
import { runMigrations } from '../platform/database/prepare-database';
import { cliDatabase, runCli } from './cli-database';

/**
 * npm run migration:run | migration:revert | migration:generate -- Name
 * `generate` compares the entities with the database and writes a migration class to `migrations/`
 * for a person to read, tidy and add to `migrations/index.ts`.
 */
runCli('migration', async () => {
  const [command, name] = process.argv.slice(2);
  const { database } = await cliDatabase();
  try {
    if (command === 'run') {
      const applied = await runMigrations(database.url);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
    } else if (command === 'revert') {
      const ds = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
      await ds.undoLastMigration({ transaction: 'each' });
      await ds.destroy();
      console.log('Reverted the last migration.');
    } else if (command === 'generate') {
      if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error('Usage: npm run migration:generate -- Name');
      const ds = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
      const sql = await ds.driver.createSchemaBuilder().log();
      await ds.destroy();
      if (sql.upQueries.length === 0) {
        console.log('The entities match the database: nothing to generate.');
        return;
      }
      const ts = Date.now();
      const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`');
      const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  async up(q: QueryRunner): Promise<void> {
${sql.upQueries.map((x) => `    await q.query(\`${esc(x.query)}\`);`).join('\n')}
  }

  async down(q: QueryRunner): Promise<void> {
${sql.downQueries
  .reverse()
  .map((x) => `    await q.query(\`${esc(x.query)}\`);`)
  .join('\n')}
  }
}
`;
      const file = path.resolve('migrations', `${ts}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
      fs.writeFileSync(file, body);
      console.log(`Wrote ${file}; review it and add ${name}${ts} to migrations/index.ts.`);
    } else {
      throw new Error('Usage: migration.js run | revert | generate Name');
    }
  } finally {
    await database.stop();
  }
});
