import { Text, text } from '../../../platform/i18n/text';
import { SchoolStage } from '../../reference';

/** The four bands of the monitoring report, best first (优秀 / 良好 / 合格 / 待提高). */
export const BANDS = ['EXCELLENT', 'GOOD', 'PASS', 'IMPROVE'] as const;
export type Band = (typeof BANDS)[number];

/** Band shares in percent (one decimal) and the number of students they are shares of. */
export interface BandShares {
  excellentPct: number;
  goodPct: number;
  passPct: number;
  improvePct: number;
  assessedCount: number;
}

const sharesOf = (s: BandShares): number[] => [s.excellentPct, s.goodPct, s.passPct, s.improvePct];

/** Tenths of a percent, exactly (one decimal is the precision of the report). */
const tenths = (v: number): number => Math.round(v * 10);

/** What is wrong with a result's shares, by field; empty when they are four one-decimal percentages summing to 100. */
export function shareProblems(s: BandShares): { path: string; message: Text }[] {
  const problems: { path: string; message: Text }[] = [];
  const fields = ['excellentPct', 'goodPct', 'passPct', 'improvePct'] as const;
  for (const f of fields) {
    const v = s[f];
    if (!Number.isFinite(v) || v < 0 || v > 100 || Math.abs(v * 10 - tenths(v)) > 1e-6)
      problems.push({
        path: f,
        message: text(
          'must be a percentage from 0 to 100 with at most one decimal',
          '须为0至100之间、最多一位小数的百分比',
        ),
      });
  }
  if (problems.length === 0 && sharesOf(s).reduce((sum, v) => sum + tenths(v), 0) !== 1000)
    problems.push({
      path: 'improvePct',
      message: text('the four band shares must add up to 100', '四个等级的占比之和须为100'),
    });
  return problems;
}

/** The grades a school of a stage teaches (PRIMARY 1–6, JUNIOR 7–9, NINE_YEAR 1–9). */
export function gradesOf(stage: SchoolStage): [number, number] {
  switch (stage) {
    case SchoolStage.PRIMARY:
      return [1, 6];
    case SchoolStage.JUNIOR:
      return [7, 9];
    default:
      return [1, 9];
  }
}

/**
 * The median band (中位等级): the band the middle student falls in, counting from the best band down —
 * the first band at which the cumulative share reaches half.
 */
export function medianBand(s: Omit<BandShares, 'assessedCount'>): Band {
  const shares = sharesOf({ ...s, assessedCount: 0 }).map(tenths);
  let cumulative = 0;
  for (let i = 0; i < BANDS.length; i++) {
    cumulative += shares[i]!;
    if (cumulative >= 500) return BANDS[i]!;
  }
  return 'IMPROVE';
}

/**
 * The county's shares of one grade and subject: every school's shares weighted by the students it assessed,
 * as if the county's assessed students were one population (a village school of 20 does not weigh as
 * much as a town school of 400). Shares in percent, unrounded; null when nothing was recorded.
 */
export function pooledShares(results: readonly BandShares[]): BandShares | null {
  const total = results.reduce((sum, r) => sum + r.assessedCount, 0);
  if (total === 0) return null;
  const weighted = (pick: (r: BandShares) => number): number =>
    results.reduce((sum, r) => sum + pick(r) * r.assessedCount, 0) / total;
  return {
    excellentPct: weighted((r) => r.excellentPct),
    goodPct: weighted((r) => r.goodPct),
    passPct: weighted((r) => r.passPct),
    improvePct: weighted((r) => r.improvePct),
    assessedCount: total,
  };
}

/** Whether a school's result is below the county's band: its median band is a lower one than the county's. */
export function belowCountyBand(school: BandShares, county: BandShares): boolean {
  return BANDS.indexOf(medianBand(school)) > BANDS.indexOf(medianBand(county));
}

/** 合格及以上率: the share at PASS or better, in percent. */
export const passOrAbove = (s: Omit<BandShares, 'assessedCount'>): number =>
  Math.round((s.excellentPct + s.goodPct + s.passPct) * 10) / 10;
