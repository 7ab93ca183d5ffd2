import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, UserPrincipal } from '../../platform/auth/principal';
import { businessToday, isCalendarDate } from '../../platform/clock/business-time';
import { Clock } from '../../platform/clock/clock';
import { SelfApprovalForbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { PolicyChange, PolicyChangeStatus } from './entities/policy-change.entity';
import { PolicyCache } from './policy-cache.service';
import { assertPolicyEditor, assertPolicyReader } from './policy.access';
import { POLICY_ORDERINGS, POLICY_RULES, PolicyRule, findPolicyRule } from './policy.catalogue';
import {
  policyChangeNotFound,
  policyChangeStateConflict,
  policyEffectiveDateInPast,
  policyRuleNotFound,
  policyValueInvalid,
  policyValueOutOfBounds,
} from './policy.errors';
import { changesOf, lockChange, lockRule } from './policy.queries';
import { boundProblem, formatPolicyValue, parsePolicyValue, valueOn } from './policy.values';
import { UUID } from '../../platform/ids/uuid';
import { IS_REQUIRED, MUST_BE_DATE } from '../../platform/i18n/field-texts';
import { Text, text } from '../../platform/i18n/text';

interface ProposePolicyChange {
  key: string;
  /** As people write it: "20:30", "4000.00" (yuan), "30". */
  value: string;
  effectiveOn: string;
  reason: string;
}

/** A rule with its value today, where it came from and every change (history and pending proposals). */
export interface PolicyState {
  rule: PolicyRule;
  currentValue: number;
  /** Effective date of the version in force today; null while the national default applies. */
  currentSince: string | null;
  /** Approved versions still to come (effective after today). */
  changes: PolicyChange[];
}

/** County rules: reads for staff, proposals by the county office, decisions by a second administrator. */
@Injectable()
export class PolicyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: PolicyCache,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: Principal): Promise<PolicyState[]> {
    assertPolicyReader(actor);
    return this.states(POLICY_RULES);
  }

  async get(actor: Principal, key: string): Promise<PolicyState> {
    assertPolicyReader(actor);
    const rule = findPolicyRule(key);
    if (!rule) throw policyRuleNotFound(key);
    const [state] = await this.states([rule]);
    return state!;
  }

  async propose(actor: Principal, input: ProposePolicyChange): Promise<PolicyChange> {
    assertPolicyEditor(actor);
    const rule = findPolicyRule(input.key);
    if (!rule) throw policyRuleNotFound(input.key);
    const value = parsePolicyValue(rule, input.value);
    if (value === null) throw policyValueInvalid(rule.key, expectedFormat(rule));
    const bound = boundProblem(rule, value);
    if (bound) throw policyValueOutOfBounds(bound);
    if (!isCalendarDate(input.effectiveOn))
      throw new ValidationFailed([{ path: 'effectiveOn', message: MUST_BE_DATE }]);
    const today = businessToday(this.clock, this.config.timeZone);
    if (input.effectiveOn < today) throw policyEffectiveDateInPast(input.effectiveOn, today);
    const reason = input.reason?.trim();
    if (!reason) throw new ValidationFailed([{ path: 'reason', message: IS_REQUIRED }]);
    await this.assertOrdering(rule, value, input.effectiveOn);
    return this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      const change = em.create(PolicyChange, {
        key: rule.key,
        value,
        effectiveOn: input.effectiveOn,
        reason,
        status: PolicyChangeStatus.PROPOSED,
        proposedByUserId: actor.userId,
        proposedByName: actor.username,
        proposedAt: now,
        decidedByUserId: null,
        decidedByName: null,
        decidedAt: null,
        decisionNote: null,
      });
      await em.save(change);
      await this.audit.record(em, {
        actor,
        action: 'policy.change.proposed',
        entityType: 'policy_change',
        entityId: change.id,
        summary: { key: rule.key, value: formatPolicyValue(rule, value), effectiveOn: change.effectiveOn, reason },
      });
      return change;
    });
  }

  /** Second step: the change becomes a version of the rule, in force from its effective date. */
  async approve(actor: Principal, id: string, note?: string | null): Promise<PolicyChange> {
    assertPolicyEditor(actor);
    const change = await this.dataSource.transaction(async (em) => {
      const c = await this.decidable(em, actor, id, 'approved');
      const rule = findPolicyRule(c.key);
      if (!rule) throw policyRuleNotFound(c.key);
      // The catalogue may have tightened since the proposal; the date may have passed while it waited.
      const bound = boundProblem(rule, c.value);
      if (bound) throw policyValueOutOfBounds(bound);
      const today = businessToday(this.clock, this.config.timeZone);
      if (c.effectiveOn < today) throw policyEffectiveDateInPast(c.effectiveOn, today);
      await lockRule(em, c.key);
      await this.assertOrdering(rule, c.value, c.effectiveOn);
      const before = await em.findBy(PolicyChange, { key: c.key, status: PolicyChangeStatus.APPROVED });
      const previous = valueOn(rule, before.map(toVersion), c.effectiveOn);
      this.decide(c, actor, PolicyChangeStatus.APPROVED, note);
      await em.save(c);
      await this.audit.record(em, {
        actor,
        action: 'policy.change.approved',
        entityType: 'policy_change',
        entityId: c.id,
        summary: {
          key: c.key,
          value: formatPolicyValue(rule, c.value),
          previousValue: formatPolicyValue(rule, previous),
          effectiveOn: c.effectiveOn,
          proposedBy: c.proposedByName,
        },
      });
      await this.events.publish(em, 'policy.rule.changed', {
        changeId: c.id,
        key: c.key,
        value: formatPolicyValue(rule, c.value),
        previousValue: formatPolicyValue(rule, previous),
        effectiveOn: c.effectiveOn,
        proposedBy: c.proposedByName,
        approvedBy: actor.username,
        reason: c.reason,
      });
      return c;
    });
    await this.cache.refresh();
    return change;
  }

  async reject(actor: Principal, id: string, note: string): Promise<PolicyChange> {
    assertPolicyEditor(actor);
    if (!note?.trim()) throw new ValidationFailed([{ path: 'note', message: IS_REQUIRED }]);
    return this.dataSource.transaction(async (em) => {
      const c = await this.decidable(em, actor, id, 'rejected');
      this.decide(c, actor, PolicyChangeStatus.REJECTED, note);
      await em.save(c);
      await this.audit.record(em, {
        actor,
        action: 'policy.change.rejected',
        entityType: 'policy_change',
        entityId: c.id,
        summary: { key: c.key, note: c.decisionNote },
      });
      return c;
    });
  }

  /** Rules that must keep an order (escalation level 2 before level 3) keep it on the change's effective date. */
  private async assertOrdering(rule: PolicyRule, value: number, effectiveOn: string): Promise<void> {
    for (const [smaller, larger] of POLICY_ORDERINGS) {
      const other = rule.key === smaller ? larger : rule.key === larger ? smaller : null;
      if (!other) continue;
      const otherRule = findPolicyRule(other)!;
      const otherValue = valueOn(otherRule, await this.cache.versionsOf(other), effectiveOn);
      const ok = rule.key === smaller ? value < otherValue : otherValue < value;
      if (!ok) {
        const otherText = formatPolicyValue(otherRule, otherValue);
        throw policyValueOutOfBounds(
          text(
            `${rule.key} must be ${rule.key === smaller ? 'less' : 'greater'} than ${other} (${otherText} on ${effectiveOn}): ${smaller} comes before ${larger}`,
            `${rule.key} 须${rule.key === smaller ? '小于' : '大于'} ${other}（${effectiveOn} 时为 ${otherText}）：${smaller} 在 ${larger} 之前`,
          ),
        );
      }
    }
  }

  private async decidable(
    em: Parameters<typeof lockChange>[0],
    actor: UserPrincipal,
    id: string,
    wanted: string,
  ): Promise<PolicyChange> {
    if (!UUID.test(id)) throw policyChangeNotFound(id);
    const c = await lockChange(em, id);
    if (!c) throw policyChangeNotFound(id);
    if (c.status !== PolicyChangeStatus.PROPOSED) throw policyChangeStateConflict(c.status, wanted);
    if (c.proposedByUserId === actor.userId) throw new SelfApprovalForbidden();
    return c;
  }

  private decide(c: PolicyChange, actor: UserPrincipal, status: PolicyChangeStatus, note?: string | null): void {
    c.status = status;
    c.decidedByUserId = actor.userId;
    c.decidedByName = actor.username;
    c.decidedAt = this.clock.now();
    c.decisionNote = note?.trim() || null;
  }

  private async states(rules: readonly PolicyRule[]): Promise<PolicyState[]> {
    const today = businessToday(this.clock, this.config.timeZone);
    const changes = await changesOf(
      this.dataSource.manager,
      rules.map((r) => r.key),
    );
    return rules.map((rule) => {
      const mine = changes.filter((c) => c.key === rule.key);
      const versions = mine.filter((c) => c.status === PolicyChangeStatus.APPROVED).map(toVersion);
      const inForce = versions
        .filter((v) => v.effectiveOn <= today)
        .sort((a, b) =>
          a.effectiveOn === b.effectiveOn
            ? a.approvedAt.getTime() - b.approvedAt.getTime()
            : a.effectiveOn < b.effectiveOn
              ? -1
              : 1,
        );
      return {
        rule,
        currentValue: valueOn(rule, versions, today),
        currentSince: inForce.at(-1)?.effectiveOn ?? null,
        changes: mine,
      };
    });
  }
}

function toVersion(c: PolicyChange) {
  return { key: c.key, value: c.value, effectiveOn: c.effectiveOn, approvedAt: c.decidedAt ?? c.proposedAt };
}

function expectedFormat(rule: PolicyRule): Text {
  switch (rule.kind) {
    case 'TIME_OF_DAY':
      return text('a time of day HH:MM', ' HH:MM 格式的时间');
    case 'FEN':
      return text('an amount in yuan with two decimals, e.g. "4000.00"', '保留两位小数的金额（元），例如 "4000.00"');
    default:
      return text('a whole number', '整数');
  }
}
