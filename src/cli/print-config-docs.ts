import * as fs from 'node:fs';
import { CONFIGURATION_DOC, renderConfigurationDoc } from '../config/config-docs';

/** npm run docs:config — writes docs/configuration.md from the variable table in src/config/app-config.ts. */
fs.writeFileSync(CONFIGURATION_DOC, renderConfigurationDoc());
console.log(`Wrote ${CONFIGURATION_DOC}`);
