import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';
import { staffOpenApi } from '../http-app';
import { creditPlatformOpenApi } from '../modules/credit';
import { bankOpenApi } from '../modules/escrow';
import { platformOpenApi } from '../modules/prepaid';
import { runCli } from './cli-database';

export const BANK_OPENAPI_FILE = path.resolve('docs/bank-api.openapi.json');
export const STAFF_OPENAPI_FILE = path.resolve('docs/staff-api.openapi.json');
export const PLATFORM_OPENAPI_FILE = path.resolve('docs/platform-api.openapi.json');
export const CREDIT_PLATFORM_OPENAPI_FILE = path.resolve('docs/credit-platform-api.openapi.json');

/**
 * npm run openapi:print — writes docs/bank-api.openapi.json, docs/platform-api.openapi.json,
 * docs/credit-platform-api.openapi.json and docs/staff-api.openapi.json as the
 * service serves them with the default configuration, without a database (then `npm run lint:openapi`).
 */
runCli('openapi:print', async () => {
  // The committed copies describe the defaults, whatever this shell's environment says.
  const config = loadConfig({ NODE_ENV: 'development', APP_ROLE: 'api' });
  const app = await NestFactory.create(
    AppModule.forRoot({ config, databaseUrl: 'postgres://offline/offline', embeddedDatabase: false, offline: true }),
    { logger: false },
  );
  await app.init();
  const staff = staffOpenApi(app);
  await app.close();
  fs.writeFileSync(BANK_OPENAPI_FILE, `${JSON.stringify(bankOpenApi(config), null, 2)}\n`);
  fs.writeFileSync(PLATFORM_OPENAPI_FILE, `${JSON.stringify(platformOpenApi(config), null, 2)}\n`);
  fs.writeFileSync(CREDIT_PLATFORM_OPENAPI_FILE, `${JSON.stringify(creditPlatformOpenApi(config), null, 2)}\n`);
  fs.writeFileSync(STAFF_OPENAPI_FILE, `${JSON.stringify(staff, null, 2)}\n`);
  console.log(
    `Wrote ${BANK_OPENAPI_FILE}, ${PLATFORM_OPENAPI_FILE}, ${CREDIT_PLATFORM_OPENAPI_FILE} and ${STAFF_OPENAPI_FILE}`,
  );
});
