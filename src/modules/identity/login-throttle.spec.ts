import {
  ThrottlePolicy,
  ThrottleState,
  afterFailure,
  blockedUntil,
  secondsUntil,
  slowdownSeconds,
} from './login-throttle';

const policy: ThrottlePolicy = { maxFailures: 5, slowAfter: 3, lockSeconds: 900, windowSeconds: 3600 };
const t0 = new Date('2026-03-01T08:00:00Z');
const plus = (s: number) => new Date(t0.getTime() + s * 1000);

function failTimes(times: number[]): ThrottleState | null {
  let state: ThrottleState | null = null;
  for (const s of times) state = afterFailure(state, policy, plus(s));
  return state;
}

describe('login throttling', () => {
  it('lets the first failures through at once, then slows each attempt down 1 s, 2 s, …', () => {
    expect(blockedUntil(failTimes([0, 0]), policy, plus(0))).toBeNull();
    const three = failTimes([0, 0, 0]);
    expect(blockedUntil(three, policy, plus(0))).toEqual(plus(1));
    expect(blockedUntil(three, policy, plus(1))).toBeNull();
    const four = failTimes([0, 0, 0, 1]);
    expect(blockedUntil(four, policy, plus(2))).toEqual(plus(3));
    expect([3, 4, 5, 6].map((n) => slowdownSeconds(n, policy))).toEqual([1, 2, 4, 8]);
  });

  it('locks the key at the maximum for the lock time, then starts counting afresh', () => {
    const five = failTimes([0, 0, 0, 1, 3]);
    expect(five).toMatchObject({ failures: 5, lockedUntil: plus(903) });
    expect(blockedUntil(five, policy, plus(902))).toEqual(plus(903));
    expect(blockedUntil(five, policy, plus(903))).toBeNull();
    expect(afterFailure(five, policy, plus(903))).toEqual({ failures: 1, lastFailureAt: plus(903), lockedUntil: null });
  });

  it('forgets failures after a quiet window', () => {
    const two = failTimes([0, 10]);
    expect(afterFailure(two, policy, plus(10 + 3599))).toMatchObject({ failures: 3 });
    expect(afterFailure(two, policy, plus(10 + 3600))).toMatchObject({ failures: 1 });
  });

  it('rounds the wait up to whole seconds', () => {
    expect(secondsUntil(plus(1.2), t0)).toBe(2);
    expect(secondsUntil(plus(0), t0)).toBe(1);
  });
});
