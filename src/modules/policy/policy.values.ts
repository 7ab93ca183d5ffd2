import { formatMoney, parseMoney } from '../../platform/database/money';
import { PolicyRule } from './policy.catalogue';

/** One approved value of a rule: in force from its effective date (business date, Asia/Shanghai) on. */
export interface PolicyVersion {
  key: string;
  value: number;
  effectiveOn: string;
  /** Order among versions with the same effective date: the later approval wins. */
  approvedAt: Date;
}

/**
 * The value of a rule on a business date: the latest approved version whose effective date is on or
 * before it (ties: the later approval), else the national default.
 */
export function valueOn(rule: PolicyRule, versions: readonly PolicyVersion[], date: string): number {
  let best: PolicyVersion | undefined;
  for (const v of versions) {
    if (v.key !== rule.key || v.effectiveOn > date) continue;
    if (
      !best ||
      v.effectiveOn > best.effectiveOn ||
      (v.effectiveOn === best.effectiveOn && v.approvedAt.getTime() > best.approvedAt.getTime())
    )
      best = v;
  }
  return best ? best.value : rule.nationalDefault;
}

/** A value as people write it: "20:30", "5000.00" (yuan), "30" (days, minutes, …). */
export function formatPolicyValue(rule: PolicyRule, value: number): string {
  switch (rule.kind) {
    case 'TIME_OF_DAY':
      return `${String(Math.floor(value / 60)).padStart(2, '0')}:${String(value % 60).padStart(2, '0')}`;
    case 'FEN':
      return formatMoney(BigInt(value));
    default:
      return String(value);
  }
}

const UNIT: Record<PolicyRule['kind'], string> = {
  DAYS: 'days',
  HOURS: 'hours',
  MINUTES: 'minutes',
  FEN: 'yuan',
  PERCENT: '%',
  COUNT: '',
  TIME_OF_DAY: '',
};

function describePolicyValue(rule: PolicyRule, value: number): string {
  const unit = UNIT[rule.kind];
  return unit ? `${formatPolicyValue(rule, value)} ${unit}` : formatPolicyValue(rule, value);
}

/** Parses a value written as formatPolicyValue writes it; null when it is not one. */
export function parsePolicyValue(rule: PolicyRule, text: string): number | null {
  const s = text.trim();
  switch (rule.kind) {
    case 'TIME_OF_DAY': {
      const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
      return m ? Number(m[1]) * 60 + Number(m[2]) : null;
    }
    case 'FEN': {
      if (!/^\d{1,12}\.\d{2}$/.test(s)) return null;
      return Number(parseMoney(s));
    }
    default:
      return /^\d{1,9}$/.test(s) ? Number(s) : null;
  }
}

/** Why a value may not be set (outside the bounds, looser than the national rule), or null when it may. */
export function boundProblem(rule: PolicyRule, value: number): string | null {
  const looser = (bound: number, side: string) =>
    `${rule.key} (${rule.title}) must be ${side} ${describePolicyValue(rule, bound)}: ${describePolicyValue(rule, value)} is ${rule.stricter === 'NONE' ? 'outside the allowed range' : 'looser than the national rule'} (${rule.source}); a county may be stricter, never looser`;
  if (value > rule.max)
    return rule.stricter === 'LOWER'
      ? looser(rule.max, 'at most')
      : `${rule.key} (${rule.title}) must be at most ${describePolicyValue(rule, rule.max)} (${rule.source})`;
  if (value < rule.min)
    return rule.stricter === 'HIGHER'
      ? looser(rule.min, 'at least')
      : `${rule.key} (${rule.title}) must be at least ${describePolicyValue(rule, rule.min)} (${rule.source})`;
  return null;
}
