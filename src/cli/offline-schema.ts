import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';
import { renderSchemaFile } from '../platform/graphql/schema-file';

/**
 * The schema file the code-first resolvers build (what `schema.gql` must hold), without a database:
 * `npm run schema:print` writes it, `npm run schema:check` compares it with the committed file.
 */
export async function renderCurrentSchemaFile(): Promise<string> {
  const config = { ...loadConfig({ ...process.env, APP_ROLE: 'api' }) };
  const app = await NestFactory.create(
    AppModule.forRoot({ config, databaseUrl: 'postgres://offline/offline', embeddedDatabase: false, offline: true }),
    { logger: false },
  );
  await app.init();
  try {
    return renderSchemaFile(app.get(GraphQLSchemaHost).schema);
  } finally {
    await app.close();
  }
}
