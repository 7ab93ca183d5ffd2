import 'reflect-metadata';
import * as fs from 'node:fs';
import { buildSchema } from 'graphql';
import { SCHEMA_FILE } from '../platform/graphql/schema-file';
import { runCli } from './cli-database';
import { renderCurrentSchemaFile } from './offline-schema';
import { checkContract, formatProblems } from './schema-contract';

/** The released contract: schema.gql as it was at the last release (docs/graphql.md, "Changing the contract"). */
export const RELEASED_SCHEMA_FILE = 'clients/schema.released.graphql';
const CHANGELOG = 'CHANGELOG.md';

/**
 * npm run schema:check — (a) schema.gql is what the resolvers build (the same rendering as schema:print and
 * test/platform/platform.e2e-spec.ts's staleness test); (b) every breaking change from the released contract
 * is recorded in CHANGELOG.md's Unreleased section, and removed fields and enum values were deprecated first.
 */
runCli('schema:check', async () => {
  const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
  if ((await renderCurrentSchemaFile()) !== committed) {
    process.stderr.write(`${SCHEMA_FILE} is stale: run \`npm run schema:print\` and commit it\n`);
    process.exit(1);
  }
  const report = await checkContract(
    buildSchema(fs.readFileSync(RELEASED_SCHEMA_FILE, 'utf8')),
    buildSchema(committed),
    fs.readFileSync(CHANGELOG, 'utf8'),
  );
  if (report.problems.length) {
    process.stderr.write(`${formatProblems(report.problems)}\n`);
    process.exit(1);
  }
  console.log(
    `${SCHEMA_FILE} matches the resolvers; ${report.breaking.length} breaking change(s) since ${RELEASED_SCHEMA_FILE}, all recorded in ${CHANGELOG}`,
  );
});
