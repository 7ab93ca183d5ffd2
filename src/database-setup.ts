import { DataSource } from 'typeorm';
import { XIFENG } from './modules/reference/seed/reference-data';
import { seedReference } from './modules/reference/seed/reference-seeder';
import { dataSourceOptions } from './platform/database/data-source-options';
import { runMigrations } from './platform/database/prepare-database';

/** Loads the county's reference data (idempotent). */
export async function seedReferenceData(url: string): Promise<void> {
  const ds = await new DataSource(dataSourceOptions(url, 1, 'shuangjian-seed', false)).initialize();
  try {
    await ds.transaction((em) => seedReference(em, XIFENG));
  } finally {
    await ds.destroy();
  }
}

/** What start-up does to the database before serving: migrations, then reference data, each if asked. */
export async function setupDatabase(
  url: string,
  opts: { migrate: boolean; seedReference: boolean },
): Promise<string[]> {
  const applied = opts.migrate ? await runMigrations(url) : [];
  if (opts.seedReference) await seedReferenceData(url);
  return applied;
}
