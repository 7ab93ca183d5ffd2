import { DataSource } from 'typeorm';
import { XIFENG, seedReference, seedReferenceDemo } from '../modules/reference';
import { dataSourceOptions } from '../platform/database/data-source-options';
import { cliDatabase, runCli } from './cli-database';

/**
 * npm run seed       reference data (county, townships, departments and duties); idempotent
 * npm run seed:demo  reference data plus demo records (grid cells, schools, teacher roster, …)
 */
runCli(async () => {
  const kind = process.argv[2];
  if (kind !== 'reference' && kind !== 'demo') throw new Error('Usage: seed.js reference | demo');
  const { config, database } = await cliDatabase();
  const ds = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
  try {
    await ds.transaction(async (em) => {
      const counts = await seedReference(em, XIFENG);
      console.log(`Reference data: ${counts.townships} townships, ${counts.departments} departments, ${counts.duties} duties.`);
      if (kind === 'demo') {
        await seedReferenceDemo(em, config.security.piiHashKey, XIFENG.townships.map((t) => t.code));
        console.log('Demo records: grid cells, schools, teacher roster.');
      }
    });
  } finally {
    await ds.destroy();
    await database.stop();
  }
});
