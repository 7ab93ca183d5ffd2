import { addDays } from '../../../platform/clock/business-time';
import {
  TopUp,
  abnormalRelease,
  cumulativePrepaidBreaches,
  expectedStatementDate,
  noEscrowAccount,
  prepaidLimitBreaches,
  prepaidLimitExceeded,
  reconciliationMismatch,
  shortfall,
  staleReport,
} from './rules';

describe('escrow monitoring rules', () => {
  describe('shortfall', () => {
    it('holds when the closing balance is below required custody by more than the tolerance', () => {
      const v = shortfall({
        statementDate: '2026-11-28',
        closingFen: 100_000n,
        requiredCustodyFen: 300_000n,
        toleranceFen: 0n,
      });
      expect(v).toEqual({
        holds: true,
        details: expect.objectContaining({
          shortfall: '2000.00',
          requiredCustody: '3000.00',
          closingBalance: '1000.00',
        }),
      });
    });
    it('does not hold within the tolerance, or when covered', () => {
      expect(
        shortfall({ statementDate: 'd', closingFen: 299_950n, requiredCustodyFen: 300_000n, toleranceFen: 50n }).holds,
      ).toBe(false);
      expect(
        shortfall({ statementDate: 'd', closingFen: 299_949n, requiredCustodyFen: 300_000n, toleranceFen: 50n }).holds,
      ).toBe(true);
      expect(
        shortfall({ statementDate: 'd', closingFen: 500_000n, requiredCustodyFen: 300_000n, toleranceFen: 0n }).holds,
      ).toBe(false);
    });
  });

  describe('reconciliationMismatch', () => {
    it('holds when opening + movements differs from closing, with the difference', () => {
      const v = reconciliationMismatch({
        statementDate: 'd',
        openingFen: 100_000n,
        closingFen: 120_000n,
        movementsFen: 10_000n,
      });
      expect(v).toEqual({
        holds: true,
        details: expect.objectContaining({ expectedClosing: '1100.00', difference: '100.00' }),
      });
    });
    it('does not hold when the day adds up (negative movements included)', () => {
      expect(
        reconciliationMismatch({
          statementDate: 'd',
          openingFen: 100_000n,
          closingFen: 90_000n,
          movementsFen: -10_000n,
        }).holds,
      ).toBe(false);
    });
  });

  describe('abnormalRelease', () => {
    const end = new Date('2026-11-28T10:00:00Z');
    it('holds when releases exceed the share of custody held before them', () => {
      // 40 of 100 released, 30 % allowed
      expect(abnormalRelease({ windowEnd: end, releasedFen: 4000n, custodyAfterFen: 6000n, maxShare: 0.3 }).holds).toBe(
        true,
      );
    });
    it('does not hold at or below the share, or without releases', () => {
      expect(abnormalRelease({ windowEnd: end, releasedFen: 3000n, custodyAfterFen: 7000n, maxShare: 0.3 }).holds).toBe(
        false,
      );
      expect(abnormalRelease({ windowEnd: null, releasedFen: 0n, custodyAfterFen: 7000n, maxShare: 0.3 }).holds).toBe(
        false,
      );
    });
    it('holds for a release out of no custody', () => {
      expect(abnormalRelease({ windowEnd: end, releasedFen: 1n, custodyAfterFen: -1n, maxShare: 0.3 }).holds).toBe(
        true,
      );
    });
  });

  describe('prepaid limits', () => {
    const limits = { maxAmountFen: 500_000n, maxLessonHours: 60, maxCoverageMonths: 3 };
    it('names each limit a deposit breaks', () => {
      expect(prepaidLimitBreaches({ amountFen: 500_001n, lessonHours: 61, coverageMonths: 4 }, limits)).toHaveLength(3);
      expect(prepaidLimitBreaches({ amountFen: 500_000n, lessonHours: 60, coverageMonths: 3 }, limits)).toEqual([]);
      expect(prepaidLimitBreaches({ amountFen: 1n, lessonHours: null, coverageMonths: 4 }, limits)).toEqual([
        'more than 3 months',
      ]);
    });
    it('holds while offending deposits stand', () => {
      expect(prepaidLimitExceeded({ offendingTxnIds: ['T1'] })).toEqual({
        holds: true,
        details: { txnIds: ['T1'], count: 1 },
      });
      expect(prepaidLimitExceeded({ offendingTxnIds: [] }).holds).toBe(false);
    });
    it('names apart the deposits flagged by accumulation with top-ups', () => {
      const v = prepaidLimitExceeded({ offendingTxnIds: ['T1', 'T2'], cumulativeTxnIds: ['T2'] });
      expect(v).toEqual({
        holds: true,
        details: {
          txnIds: ['T1', 'T2'],
          count: 2,
          cumulativeTxnIds: ['T2'],
          cumulative: expect.stringContaining("payer's top-ups"),
        },
      });
      expect(prepaidLimitExceeded({ offendingTxnIds: ['T1'], cumulativeTxnIds: [] })).toEqual({
        holds: true,
        details: { txnIds: ['T1'], count: 1 },
      });
    });
  });

  describe('prepaid top-ups (one charge per payer within the window)', () => {
    const limits = { maxAmountFen: 500_000n, maxLessonHours: 60, maxCoverageMonths: 3 };
    const at = (iso: string) => new Date(iso);
    const up = (over: Partial<TopUp>): TopUp => ({
      group: 'A|p1',
      bookedAt: at('2026-11-28T02:00:00Z'),
      since: at('2026-08-28T02:00:00Z'),
      amountFen: 300_000n,
      lessonHours: null,
      storedFen: 0n,
      storedHours: 0n,
      counts: true,
      ...over,
    });
    it('adds the stored window sums', () => {
      expect(cumulativePrepaidBreaches([up({ storedFen: 200_000n })], limits)).toEqual([false]);
      expect(cumulativePrepaidBreaches([up({ storedFen: 200_001n })], limits)).toEqual([true]);
      expect(cumulativePrepaidBreaches([up({ amountFen: 1n, lessonHours: 30, storedHours: 31n })], limits)).toEqual([
        true,
      ]);
    });
    it("counts the batch's earlier deposits of the same payer, by bookedAt then batch order", () => {
      const later = up({ bookedAt: at('2026-11-28T03:00:00Z') });
      const earlier = up({ bookedAt: at('2026-11-28T01:00:00Z') });
      expect(cumulativePrepaidBreaches([later, earlier], limits)).toEqual([true, false]);
      expect(cumulativePrepaidBreaches([up({}), up({})], limits)).toEqual([false, true]);
      expect(cumulativePrepaidBreaches([up({}), up({ group: 'A|p2' })], limits)).toEqual([false, false]);
    });
    it('leaves out deposits at or before the window start and those the batch reverses', () => {
      const old = up({ bookedAt: at('2026-08-28T02:00:00Z') });
      expect(cumulativePrepaidBreaches([old, up({})], limits)).toEqual([false, false]);
      expect(cumulativePrepaidBreaches([up({ bookedAt: at('2026-08-28T02:00:01Z') }), up({})], limits)).toEqual([
        false,
        true,
      ]);
      expect(cumulativePrepaidBreaches([up({ counts: false }), up({})], limits)).toEqual([false, false]);
    });
  });

  describe('stale report', () => {
    it('expects yesterday once the due hour has passed, the day before until then', () => {
      expect(expectedStatementDate({ date: '2026-11-29', time: '10:00' }, 10, addDays)).toBe('2026-11-28');
      expect(expectedStatementDate({ date: '2026-11-29', time: '09:59' }, 10, addDays)).toBe('2026-11-27');
    });
    it('holds for an active account opened in time without that statement', () => {
      expect(
        staleReport({
          status: 'ACTIVE',
          openedOn: '2026-11-01',
          lastStatementDate: '2026-11-27',
          expectedDate: '2026-11-28',
        }).holds,
      ).toBe(true);
      expect(
        staleReport({ status: 'ACTIVE', openedOn: '2026-11-01', lastStatementDate: null, expectedDate: '2026-11-28' })
          .holds,
      ).toBe(true);
      expect(
        staleReport({
          status: 'ACTIVE',
          openedOn: '2026-11-01',
          lastStatementDate: '2026-11-28',
          expectedDate: '2026-11-28',
        }).holds,
      ).toBe(false);
      expect(
        staleReport({ status: 'ACTIVE', openedOn: '2026-11-29', lastStatementDate: null, expectedDate: '2026-11-28' })
          .holds,
      ).toBe(false);
      expect(
        staleReport({ status: 'FROZEN', openedOn: '2026-11-01', lastStatementDate: null, expectedDate: '2026-11-28' })
          .holds,
      ).toBe(false);
    });
  });

  it('noEscrowAccount holds for an operating institution without an account', () => {
    expect(noEscrowAccount({ operating: true, hasAccount: false }).holds).toBe(true);
    expect(noEscrowAccount({ operating: true, hasAccount: true }).holds).toBe(false);
    expect(noEscrowAccount({ operating: false, hasAccount: false }).holds).toBe(false);
  });
});
