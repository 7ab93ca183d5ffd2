import { SchoolStage } from '../../reference';
import { belowCountyBand, gradesOf, medianBand, passOrAbove, pooledShares, shareProblems } from './quality.rules';

const shares = (excellentPct: number, goodPct: number, passPct: number, improvePct: number, assessedCount = 100) => ({
  excellentPct,
  goodPct,
  passPct,
  improvePct,
  assessedCount,
});

describe('academic quality rules', () => {
  it('accepts four one-decimal shares adding up to 100, exactly', () => {
    expect(shareProblems(shares(20.1, 39.9, 30, 10))).toEqual([]);
    expect(shareProblems(shares(20, 40, 30, 10.1)).map((p) => p.path)).toEqual(['improvePct']);
    expect(shareProblems(shares(20.05, 40, 30, 9.95)).map((p) => p.path)).toEqual(['excellentPct', 'improvePct']);
    expect(shareProblems(shares(-1, 61, 30, 10)).map((p) => p.path)).toEqual(['excellentPct']);
    expect(shareProblems(shares(Number.NaN, 60, 30, 10)).map((p) => p.path)).toEqual(['excellentPct']);
  });

  it('finds the median band counting from the best band down', () => {
    expect(medianBand(shares(50, 0, 0, 50))).toBe('EXCELLENT');
    expect(medianBand(shares(20, 30, 40, 10))).toBe('GOOD');
    expect(medianBand(shares(20, 29.9, 40, 10.1))).toBe('PASS');
    expect(medianBand(shares(10, 10, 10, 70))).toBe('IMPROVE');
  });

  it('pools the county by students assessed, so a small school weighs little', () => {
    const county = pooledShares([shares(40, 40, 20, 0, 400), shares(0, 0, 20, 80, 20)])!;
    expect(county.assessedCount).toBe(420);
    expect(county.excellentPct).toBeCloseTo((40 * 400) / 420, 6);
    expect(medianBand(county)).toBe('GOOD');
    expect(pooledShares([])).toBeNull();
  });

  it('flags a school whose median band is lower than the county one, not one in the same band', () => {
    const county = shares(20, 40, 30, 10);
    expect(belowCountyBand(shares(10, 30, 50, 10), county)).toBe(true);
    expect(belowCountyBand(shares(5, 45, 40, 10), county)).toBe(false);
    expect(belowCountyBand(shares(60, 20, 20, 0), county)).toBe(false);
    expect(passOrAbove(shares(10, 30, 50, 10))).toBe(90);
  });

  it('knows the grades of each stage', () => {
    expect(gradesOf(SchoolStage.PRIMARY)).toEqual([1, 6]);
    expect(gradesOf(SchoolStage.JUNIOR)).toEqual([7, 9]);
    expect(gradesOf(SchoolStage.NINE_YEAR)).toEqual([1, 9]);
  });
});
