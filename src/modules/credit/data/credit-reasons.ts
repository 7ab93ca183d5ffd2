import { CreditListKind } from '../entities/credit-entry.entity';

/**
 * Reason categories of list entries and how long an entry for each stays in force (county data: another
 * county edits this file). Black-list durations are 1–5 years or permanent (民办教育促进法实施条例
 * Art. 62/64: barred for 1–5 years, for life in especially serious cases); `durationMonths: null` is
 * permanent. The category (not the free-text reason) is what the public list shows.
 */
export interface CreditReason {
  code: string;
  kind: CreditListKind;
  name: string;
  durationMonths: number | null;
}

export const CREDIT_REASONS: readonly CreditReason[] = [
  { code: 'UNLICENSED_OPERATION', kind: CreditListKind.BLACK, name: '无证无照违规办学', durationMonths: 36 },
  {
    code: 'DISGUISED_SUBJECT_TRAINING',
    kind: CreditListKind.BLACK,
    name: '隐形变异开展学科类培训',
    durationMonths: 36,
  },
  { code: 'FEES_ABSCONDED', kind: CreditListKind.BLACK, name: '卷钱跑路、恶意终止培训', durationMonths: null },
  { code: 'PREPAID_FEE_VIOLATION', kind: CreditListKind.BLACK, name: '违规收取或挪用预收费', durationMonths: 24 },
  { code: 'SAFETY_HAZARD', kind: CreditListKind.BLACK, name: '重大安全隐患拒不整改', durationMonths: 24 },
  { code: 'IN_SERVICE_TEACHER', kind: CreditListKind.BLACK, name: '聘用中小学在职教师', durationMonths: 12 },
  { code: 'FALSE_ADVERTISING', kind: CreditListKind.BLACK, name: '虚假宣传、违规广告', durationMonths: 12 },
  { code: 'REPEATED_VIOLATIONS', kind: CreditListKind.BLACK, name: '多次违规、整改不力', durationMonths: 24 },
  { code: 'SERIOUS_VIOLATION_OTHER', kind: CreditListKind.BLACK, name: '其他严重违法违规行为', durationMonths: 12 },
  { code: 'COMPLIANT_OPERATION', kind: CreditListKind.WHITE, name: '规范办学', durationMonths: 12 },
  { code: 'UNDER_WATCH', kind: CreditListKind.GREY, name: '存在违规风险, 重点关注', durationMonths: 6 },
];

export function findCreditReason(code: string): CreditReason | undefined {
  return CREDIT_REASONS.find((r) => r.code === code);
}

/** Problems with the reason table (checked by a unit spec and at start-up). */
export function creditReasonProblems(reasons: readonly CreditReason[] = CREDIT_REASONS): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of reasons) {
    if (seen.has(r.code)) problems.push(`duplicate reason ${r.code}`);
    seen.add(r.code);
    if (
      r.kind === CreditListKind.BLACK &&
      r.durationMonths !== null &&
      ![12, 24, 36, 48, 60].includes(r.durationMonths)
    ) {
      problems.push(`${r.code}: a black-list duration is 1–5 whole years or permanent`);
    }
    if (r.kind !== CreditListKind.BLACK && (r.durationMonths === null || r.durationMonths < 1))
      problems.push(`${r.code}: white and grey entries expire`);
  }
  for (const kind of Object.values(CreditListKind))
    if (!reasons.some((r) => r.kind === kind)) problems.push(`no reason for ${kind}`);
  return problems;
}

/** The last day in force of an entry effective on `effectiveOn` (YYYY-MM-DD), or null when permanent. */
export function expiryOf(effectiveOn: string, durationMonths: number | null): string | null {
  if (durationMonths === null) return null;
  const [y, m, d] = effectiveOn.split('-').map(Number) as [number, number, number];
  const totalMonths = m - 1 + durationMonths;
  const year = y + Math.floor(totalMonths / 12);
  const month = totalMonths % 12;
  // Same day N months later (clamped to the month's end, so 29 Feb + 1 year = 28 Feb), minus one day.
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(year, month, Math.min(d, lastDay)));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}
