import { CreditListKind } from '../entities/credit-entry.entity';
import { CREDIT_REASONS, creditReasonProblems, expiryOf } from './credit-reasons';

describe('credit reasons', () => {
  it('the county table is valid', () => {
    expect(creditReasonProblems()).toEqual([]);
  });

  it('refuses black-list durations outside 1–5 years', () => {
    const bad = [...CREDIT_REASONS, { code: 'X', kind: CreditListKind.BLACK, name: 'x', durationMonths: 72 }];
    expect(creditReasonProblems(bad)).toEqual(['X: a black-list duration is 1–5 whole years or permanent']);
    expect(
      creditReasonProblems([
        ...CREDIT_REASONS,
        { code: 'Y', kind: CreditListKind.WHITE, name: 'y', durationMonths: null },
      ]),
    ).toEqual(['Y: white and grey entries expire']);
  });

  it('computes the last day in force', () => {
    expect(expiryOf('2026-11-30', 12)).toBe('2027-11-29');
    expect(expiryOf('2026-01-01', 36)).toBe('2028-12-31');
    expect(expiryOf('2028-02-29', 12)).toBe('2029-02-27');
    expect(expiryOf('2026-08-31', 6)).toBe('2027-02-27');
    expect(expiryOf('2026-11-30', null)).toBeNull();
  });
});
