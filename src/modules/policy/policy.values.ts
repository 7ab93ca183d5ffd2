import { formatMoney, parseMoney } from '../../platform/database/money';
import { PolicyRule } from './policy.catalogue';
import { Text, text } from '../../platform/i18n/text';

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

const UNIT: Record<PolicyRule['kind'], Text> = {
  DAYS: text('days', '天'),
  MONTHS: text('months', '个月'),
  HOURS: text('hours', '小时'),
  MINUTES: text('minutes', '分钟'),
  FEN: text('yuan', '元'),
  PERCENT: text('%', '%'),
  COUNT: text('', ''),
  TIME_OF_DAY: text('', ''),
};

function describePolicyValue(rule: PolicyRule, value: number): Text {
  const unit = UNIT[rule.kind];
  const v = formatPolicyValue(rule, value);
  return unit.en ? text(`${v} ${unit.en}`, `${v} ${unit.zh}`) : text(v, v);
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
export function boundProblem(rule: PolicyRule, value: number): Text | null {
  const given = describePolicyValue(rule, value);
  const looser = (bound: number, side: 'at most' | 'at least') => {
    const b = describePolicyValue(rule, bound);
    const national = rule.stricter !== 'NONE';
    return text(
      `${rule.key} (${rule.title}) must be ${side} ${b.en}: ${given.en} is ${national ? 'looser than the national rule' : 'outside the allowed range'} (${rule.source}); a county may be stricter, never looser`,
      `${rule.key}（${rule.title}）须${side === 'at most' ? '不超过' : '不低于'} ${b.zh}：${given.zh}${national ? '比国家规定宽松' : '超出允许范围'}（${rule.source}）；县级规则只能比国家规定更严，不能更宽`,
    );
  };
  const plain = (bound: number, side: 'at most' | 'at least') => {
    const b = describePolicyValue(rule, bound);
    return text(
      `${rule.key} (${rule.title}) must be ${side} ${b.en} (${rule.source})`,
      `${rule.key}（${rule.title}）须${side === 'at most' ? '不超过' : '不低于'} ${b.zh}（${rule.source}）`,
    );
  };
  if (value > rule.max) return rule.stricter === 'LOWER' ? looser(rule.max, 'at most') : plain(rule.max, 'at most');
  if (value < rule.min) return rule.stricter === 'HIGHER' ? looser(rule.min, 'at least') : plain(rule.min, 'at least');
  return null;
}
