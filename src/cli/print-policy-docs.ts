import * as fs from 'node:fs';
import { POLICY_DOC, withPolicyTable } from './policy-docs';

/** npm run docs:policy — rewrites the rule catalogue table in docs/modules/policy.md from src/modules/policy/. */
fs.writeFileSync(POLICY_DOC, withPolicyTable(fs.readFileSync(POLICY_DOC, 'utf8')));
console.log(`Wrote ${POLICY_DOC}`);
