import * as path from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The one description of the database connection, shared by the service, the CLIs and the tests. */
export function dataSourceOptions(url: string, poolSize = 10, applicationName = 'shuangjian'): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [path.join(__dirname, '../../**/*.entity.{ts,js}')],
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName,
    extra: { max: poolSize, connectionTimeoutMillis: 5000 },
  };
}
