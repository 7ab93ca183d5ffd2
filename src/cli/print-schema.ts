import 'reflect-metadata';
import * as fs from 'node:fs';
import { SCHEMA_FILE } from '../platform/graphql/schema-file';
import { runCli } from './cli-database';
import { renderCurrentSchemaFile } from './offline-schema';

/** npm run schema:print — writes schema.gql from the resolvers, without a database. */
runCli('schema:print', async () => {
  fs.writeFileSync(SCHEMA_FILE, await renderCurrentSchemaFile());
  console.log(`Wrote ${SCHEMA_FILE}`);
});
