/** Public surface of the policy module (规则即数据): other modules import only from here. */
export { PolicyModule } from './policy.module';
export { PolicyFacade, createPolicyFacade } from './policy.facade';
export { POLICY_RULES, findPolicyRule } from './policy.catalogue';
export type { PolicyKey, PolicyKind, PolicyRule, PolicyStricter } from './policy.catalogue';
