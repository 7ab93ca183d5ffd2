import fc from 'fast-check';
import { ContractMoney, confirmedValueFen, refundableFen, releasableFen } from './prepaid-money';

type Op =
  | { kind: 'teach'; c: number; n: number }
  | { kind: 'confirm'; c: number; n: number }
  | { kind: 'release' }
  | { kind: 'refund'; c: number };

describe('prepaid money', () => {
  const contract = (over: Partial<ContractMoney> = {}): ContractMoney => ({
    lessonsBought: 20,
    lessonsTaught: 0,
    lessonsConfirmed: 0,
    pricePerLessonFen: 15_000n,
    totalFen: 300_000n,
    releasedFen: 0n,
    refundedFen: 0n,
    ...over,
  });

  it('releases confirmed value less what was released', () => {
    expect(releasableFen(contract({ lessonsTaught: 5, lessonsConfirmed: 3 }))).toBe(45_000n);
    expect(releasableFen(contract({ lessonsTaught: 5, lessonsConfirmed: 3, releasedFen: 45_000n }))).toBe(0n);
  });

  it('refunds the lessons not taught, at the contract price', () => {
    expect(refundableFen(contract({ lessonsTaught: 8, lessonsConfirmed: 5 }))).toEqual({
      lessons: 12,
      amountFen: 180_000n,
    });
    // a discounted contract (total below lessons × price): the refund leaves room for the lessons taught
    expect(refundableFen(contract({ totalFen: 200_000n, lessonsTaught: 8 })).amountFen).toBe(80_000n);
    expect(refundableFen(contract({ lessonsTaught: 20 }))).toEqual({ lessons: 0, amountFen: 0n });
  });

  it('over random sequences: released ≤ confirmed value, custody + released + refunded = deposits, custody ≥ 0', () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('teach' as const), c: fc.nat(4), n: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('confirm' as const), c: fc.nat(4), n: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('release' as const) }),
      fc.record({ kind: fc.constant('refund' as const), c: fc.nat(4) }),
    );
    const contractArb = fc
      .record({
        lessonsBought: fc.integer({ min: 1, max: 60 }),
        price: fc.integer({ min: 1, max: 50_000 }),
        discount: fc.integer({ min: 0, max: 30 }),
      })
      .map(({ lessonsBought, price, discount }) =>
        contract({
          lessonsBought,
          pricePerLessonFen: BigInt(price),
          totalFen: (BigInt(lessonsBought) * BigInt(price) * BigInt(100 - discount)) / 100n,
        }),
      );
    fc.assert(
      fc.property(fc.array(contractArb, { minLength: 1, maxLength: 5 }), fc.array(op, { maxLength: 60 }), (cs, ops) => {
        const refunding = new Set<number>();
        const deposits = cs.reduce((s, c) => s + c.totalFen, 0n);
        for (const o of ops) {
          if (o.kind === 'release') {
            for (const c of cs) c.releasedFen += releasableFen(c);
            continue;
          }
          const c = cs[o.c % cs.length];
          const i = o.c % cs.length;
          if (o.kind === 'teach' && !refunding.has(i))
            c.lessonsTaught = Math.min(c.lessonsBought, c.lessonsTaught + o.n);
          if (o.kind === 'confirm') c.lessonsConfirmed = Math.min(c.lessonsTaught, c.lessonsConfirmed + o.n);
          if (o.kind === 'refund' && !refunding.has(i)) {
            refunding.add(i); // no lessons are recorded on a contract with a refund case
            c.refundedFen += refundableFen(c).amountFen;
          }
        }
        for (const c of cs) {
          expect(c.releasedFen).toBeLessThanOrEqual(BigInt(c.lessonsConfirmed) * c.pricePerLessonFen);
          expect(c.releasedFen).toBeLessThanOrEqual(confirmedValueFen(c));
          expect(c.totalFen - c.releasedFen - c.refundedFen).toBeGreaterThanOrEqual(0n);
        }
        const released = cs.reduce((s, c) => s + c.releasedFen, 0n);
        const refunded = cs.reduce((s, c) => s + c.refundedFen, 0n);
        const custody = cs.reduce((s, c) => s + (c.totalFen - c.releasedFen - c.refundedFen), 0n);
        expect(custody + released + refunded).toBe(deposits);
      }),
      { numRuns: 300, seed: 20_261_130 },
    );
  });
});
