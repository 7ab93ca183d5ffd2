import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../platform/clock/clock';
import { PolicyCache } from './policy-cache.service';
import { PolicyKey, PolicyRule, findPolicyRule } from './policy.catalogue';
import { formatPolicyValue } from './policy.values';

/**
 * What other modules read of the county rules: a rule's value at the time of use (default: now), from the
 * replica's cache. Code that computes a deadline stores the result; code that judges an old event asks
 * for the value at that event's time (`at`), so a later change does not reach back.
 */
@Injectable()
export class PolicyFacade {
  constructor(
    private readonly cache: PolicyCache,
    private readonly clock: Clock,
  ) {}

  /** The value as an integer in the rule's unit (days, minutes, fen, …; a time of day in minutes after midnight). */
  value(key: PolicyKey, at: Date = this.clock.now()): Promise<number> {
    return this.cache.valueAt(ruleOf(key), at);
  }

  /** Several rules at one instant. */
  async values<K extends PolicyKey>(keys: readonly K[], at: Date = this.clock.now()): Promise<Record<K, number>> {
    const out = {} as Record<K, number>;
    for (const k of keys) out[k] = await this.cache.valueAt(ruleOf(k), at);
    return out;
  }

  /** A TIME_OF_DAY rule as "HH:MM". */
  async timeOfDay(key: PolicyKey, at: Date = this.clock.now()): Promise<string> {
    const rule = ruleOf(key);
    return formatPolicyValue(rule, await this.cache.valueAt(rule, at));
  }

  /** Reloads this replica's copy now. */
  refresh(): Promise<void> {
    return this.cache.refresh();
  }
}

function ruleOf(key: PolicyKey): PolicyRule {
  const rule = findPolicyRule(key);
  if (!rule) throw new Error(`unknown policy rule ${key}`);
  return rule;
}

/** A facade outside Nest (benchmarks, scripts): the same cache over a data source. */
export function createPolicyFacade(dataSource: DataSource, config: AppConfig, clock: Clock): PolicyFacade {
  return new PolicyFacade(new PolicyCache(dataSource, config), clock);
}
