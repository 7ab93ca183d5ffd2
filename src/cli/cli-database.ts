import { AppConfig, loadConfig } from '../config/app-config';
import { ConfigError } from '../config/env';
import { PreparedDatabase, prepareDatabase } from '../platform/database/prepare-database';

/** Shared start of the command-line tools: validated config and the database (embedded when unset). */
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
  const database = await prepareDatabase(config);
  return { config, database };
}

export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
