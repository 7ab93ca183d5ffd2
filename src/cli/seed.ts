import { DataSource } from 'typeorm';
import { seedAfterSchoolDemo } from '../modules/after-school';
import { seedComplaintsDemo } from '../modules/complaints/seed/demo-data';
import { seedCreditDemo } from '../modules/credit/seed/demo-data';
import { seedEscrowDemo } from '../modules/escrow';
import { XIFENG, seedReference, seedReferenceDemo } from '../modules/reference';
import { seedRegistryDemo } from '../modules/registry/seed/demo-data';
import { seedSupervisionDemo } from '../modules/supervision/seed/demo-data';
import { businessDate } from '../platform/clock/business-time';
import { dataSourceOptions } from '../platform/database/data-source-options';
import { cliDatabase, runCli } from './cli-database';

/**
 * npm run seed       reference data (county, townships, departments and duties); idempotent
 * npm run seed:demo  reference data plus demo records (grid cells, schools, teacher roster, …)
 */
runCli('seed', async () => {
  const kind = process.argv[2];
  if (kind !== 'reference' && kind !== 'demo') throw new Error('Usage: seed.js reference | demo');
  const { config, database } = await cliDatabase();
  const ds = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
  try {
    await ds.transaction(async (em) => {
      const counts = await seedReference(em, XIFENG);
      console.log(
        `Reference data: ${counts.townships} townships, ${counts.departments} departments, ${counts.duties} duties.`,
      );
      if (kind === 'demo') {
        await seedReferenceDemo(
          em,
          config.security.piiHashKey,
          XIFENG.townships.map((t) => t.code),
        );
        console.log('Demo records: grid cells, schools, teacher roster.');
        const institutions = await seedRegistryDemo(em, config.security, new Date());
        console.log(
          `Registry demo: ${institutions} institutions with premises, staff, courses, a 2026 checklist and leads (0 when they exist already).`,
        );
        const accounts = await seedEscrowDemo(em, new Date(), config.timeZone);
        console.log(
          `Escrow demo: bank ICBC_XIFENG, ${accounts} escrow accounts with a week of statements and transactions (0 when accounts exist already).`,
        );
        const afterSchool = await seedAfterSchoolDemo(em, businessDate(new Date(), config.timeZone));
        console.log(
          `After-school demo: plans, participation, fees, teacher hours and ${afterSchool.homeworkDays} school days of homework for ${afterSchool.schools} schools.`,
        );
        const complaints = await seedComplaintsDemo(em, config.security.encryptionKey, config.timeZone);
        console.log(`Complaints demo: ${complaints} complaints (0 when some exist already).`);
        const entries = await seedCreditDemo(em, new Date(), config.timeZone);
        console.log(
          `Credit demo: ${entries} list entries (published black, white and grey, one proposal) with their records (0 when entries exist already).`,
        );
        const tasks = await seedSupervisionDemo(em, new Date());
        console.log(
          `Supervision demo: a summer campaign and ${tasks} tasks (one overdue at level 1, one with a finding and a rectification order; 0 when they exist already).`,
        );
      }
    });
  } finally {
    await ds.destroy();
    await database.stop();
  }
});
