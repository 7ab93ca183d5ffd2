import * as path from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../migrations';
import { QueryCountingLogger } from './query-counter';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one description of the database connection, shared by the service, the CLIs and the tests.
 * `withEntities: false` is for work that needs only SQL (migrations, seeding): loading the entity files
 * would load the modules they import, which the jest global setup must not do.
 */
export function dataSourceOptions(
  url: string,
  poolSize = 10,
  applicationName = 'shuangjian',
  withEntities = true,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: withEntities ? [path.join(__dirname, '../../**/*.entity.{ts,js}')] : [],
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName,
    logger: new QueryCountingLogger(),
    extra: { max: poolSize, connectionTimeoutMillis: 5000 },
  };
}
