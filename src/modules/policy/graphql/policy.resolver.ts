import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { PolicyChange, PolicyChangeStatus } from '../entities/policy-change.entity';
import { POLICY_EDITOR_ROLES, POLICY_READER_ROLES } from '../policy.access';
import { PolicyRule, findPolicyRule } from '../policy.catalogue';
import { PolicyService, PolicyState } from '../policy.service';
import { formatPolicyValue } from '../policy.values';
import { ApprovePolicyChangeInput, ProposePolicyChangeInput, RejectPolicyChangeInput } from './policy.inputs';
import { PolicyChangeObject, PolicyRuleObject } from './policy.objects';

function changeObject(c: PolicyChange): PolicyChangeObject {
  const rule = findPolicyRule(c.key);
  return {
    id: c.id,
    key: c.key,
    value: rule ? formatPolicyValue(rule, c.value) : String(c.value),
    effectiveOn: c.effectiveOn,
    reason: c.reason,
    status: c.status,
    proposedBy: c.proposedByName,
    proposedAt: c.proposedAt,
    decidedBy: c.decidedByName,
    decidedAt: c.decidedAt,
    decisionNote: c.decisionNote,
  };
}

function ruleObject(s: PolicyState): PolicyRuleObject {
  const r: PolicyRule = s.rule;
  return {
    key: r.key,
    title: r.title,
    kind: r.kind,
    usedBy: r.usedBy,
    nationalDefault: formatPolicyValue(r, r.nationalDefault),
    min: formatPolicyValue(r, r.min),
    max: formatPolicyValue(r, r.max),
    stricter: r.stricter,
    source: r.source,
    currentValue: formatPolicyValue(r, s.currentValue),
    currentAmount: s.currentValue,
    currentSince: s.currentSince,
    history: s.changes
      .filter((c) => c.status === PolicyChangeStatus.APPROVED)
      .sort((a, b) =>
        a.effectiveOn === b.effectiveOn
          ? b.decidedAt!.getTime() - a.decidedAt!.getTime()
          : a.effectiveOn < b.effectiveOn
            ? 1
            : -1,
      )
      .map(changeObject),
    pending: s.changes.filter((c) => c.status === PolicyChangeStatus.PROPOSED).map(changeObject),
  };
}

/** County rules (规则即数据): reads for staff, two-step changes by the county office. */
@Resolver(() => PolicyRuleObject)
export class PolicyResolver {
  constructor(private readonly service: PolicyService) {}

  @Roles(...POLICY_READER_ROLES)
  @Query(() => [PolicyRuleObject], {
    description: 'Every county rule: value in force, national default, bounds, legal source, history (县级规则)',
  })
  async policies(@CurrentPrincipal() actor: Principal): Promise<PolicyRuleObject[]> {
    return (await this.service.list(actor)).map(ruleObject);
  }

  @Roles(...POLICY_READER_ROLES)
  @Query(() => PolicyRuleObject, { description: 'One county rule with its history and pending proposals' })
  async policy(
    @CurrentPrincipal() actor: Principal,
    @Args('key', { description: 'The rule key, e.g. escrow.prepaid_max_fen' }) key: string,
  ): Promise<PolicyRuleObject> {
    return ruleObject(await this.service.get(actor, key));
  }

  @Roles(...POLICY_EDITOR_ROLES)
  @Mutation(() => PolicyChangeObject, {
    description:
      'Proposes a new value of a county rule (within the national bounds, stricter never looser); a second county administrator decides',
  })
  async proposePolicyChange(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The rule, the new value, its first day and the reason' })
    input: ProposePolicyChangeInput,
  ): Promise<PolicyChangeObject> {
    return changeObject(await this.service.propose(actor, input));
  }

  @Roles(...POLICY_EDITOR_ROLES)
  @Mutation(() => PolicyChangeObject, {
    description:
      "Approves a proposed rule change (not one's own): it is in force from its effective date on every replica",
  })
  async approvePolicyChange(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The proposal and an optional note' }) input: ApprovePolicyChangeInput,
  ): Promise<PolicyChangeObject> {
    return changeObject(await this.service.approve(actor, input.id, input.note));
  }

  @Roles(...POLICY_EDITOR_ROLES)
  @Mutation(() => PolicyChangeObject, { description: "Rejects a proposed rule change (not one's own) with a reason" })
  async rejectPolicyChange(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The proposal and the reason' }) input: RejectPolicyChangeInput,
  ): Promise<PolicyChangeObject> {
    return changeObject(await this.service.reject(actor, input.id, input.note));
  }
}
