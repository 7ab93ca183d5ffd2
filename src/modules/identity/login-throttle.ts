/**
 * Login throttling, per username and per client address. Failures within the window are counted; from
 * `slowAfter` failures on each further attempt must wait 1 s, 2 s, 4 s, … after the last one; at
 * `maxFailures` the key is locked for `lockSeconds`. After a lock has run out, or a quiet window, the
 * count starts again. Pure functions; the login service keeps the states in PostgreSQL.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  slowAfter: number;
  lockSeconds: number;
  windowSeconds: number;
}

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

const at = (from: Date, seconds: number): Date => new Date(from.getTime() + seconds * 1000);

/** True when the recorded failures no longer count: the lock has been served or the window passed. */
export function isForgotten(state: ThrottleState, policy: ThrottlePolicy, now: Date): boolean {
  if (state.failures === 0) return true;
  if (state.lockedUntil) return state.lockedUntil <= now;
  return at(state.lastFailureAt, policy.windowSeconds) <= now;
}

/** Seconds an attempt must wait after the last failure, given the failures so far (0 when not slowed). */
export function slowdownSeconds(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.slowAfter) return 0;
  return Math.min(2 ** (failures - policy.slowAfter), policy.lockSeconds);
}

/** When the next attempt may be made, if that is later than now; null when it may be made now. */
export function blockedUntil(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): Date | null {
  if (!state || isForgotten(state, policy, now)) return null;
  if (state.lockedUntil) return state.lockedUntil;
  const next = at(state.lastFailureAt, slowdownSeconds(state.failures, policy));
  return next > now ? next : null;
}

/** The state after one more failed attempt (locking the key when it reaches the maximum). */
export function afterFailure(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): ThrottleState {
  const failures = !state || isForgotten(state, policy, now) ? 1 : state.failures + 1;
  return {
    failures,
    lastFailureAt: now,
    lockedUntil: failures >= policy.maxFailures ? at(now, policy.lockSeconds) : null,
  };
}

/** Whole seconds from now until an instant (at least 1). */
export function secondsUntil(instant: Date, now: Date): number {
  return Math.max(1, Math.ceil((instant.getTime() - now.getTime()) / 1000));
}
