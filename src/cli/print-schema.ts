import 'reflect-metadata';
import * as fs from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';
import { SCHEMA_FILE, renderSchemaFile } from '../platform/graphql/schema-file';
import { runCli } from './cli-database';

/** npm run schema:print — writes schema.gql from the resolvers, without a database. */
runCli('schema:print', async () => {
  const config = { ...loadConfig({ ...process.env, APP_ROLE: 'api' }) };
  const app = await NestFactory.create(
    AppModule.forRoot({ config, databaseUrl: 'postgres://offline/offline', embeddedDatabase: false, offline: true }),
    { logger: false },
  );
  await app.init();
  fs.writeFileSync(SCHEMA_FILE, renderSchemaFile(app.get(GraphQLSchemaHost).schema));
  await app.close();
  console.log(`Wrote ${SCHEMA_FILE}`);
});
