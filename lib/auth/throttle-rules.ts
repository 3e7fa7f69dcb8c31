// Lockout rules for sign-in attempts, as pure state transitions so the store (whatever keys it
// uses: account, IP …) only loads a state, applies one function and saves the result.
// Doubling locks make online guessing hopeless (at most a few dozen guesses a day once the cap
// is reached) while a member who mistypes a few times only waits a quarter of an hour.

export type ThrottleState = {
  failures: number;
  windowStartedAt: Date;
  /** When the latest lock ends or ended; kept after it passes so the lock level can decay. */
  lockedUntil: Date | null;
  /** Locks so far in this series; the next lock lasts BASE_LOCK_MS × 2^lockLevel. */
  lockLevel: number;
};

export const FAILURE_LIMIT = 5;
/** Many members share one carrier-grade NAT address: an IP gets a wider allowance than an account. */
export const IP_FAILURE_LIMIT = 50;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const BASE_LOCK_MS = 15 * 60_000;
export const MAX_LOCK_MS = 24 * 3_600_000;
/** A key that has not been locked for this long starts again at the base lock. */
export const LOCK_LEVEL_DECAY_MS = 24 * 3_600_000;

export function emptyThrottleState(now: Date): ThrottleState {
  return { failures: 0, windowStartedAt: now, lockedUntil: null, lockLevel: 0 };
}

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return lockRemainingMs(state, now) > 0;
}

export function lockRemainingMs(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

function lockDurationMs(lockLevel: number): number {
  return Math.min(BASE_LOCK_MS * 2 ** lockLevel, MAX_LOCK_MS);
}

// Forgets the lock history once the last lock ended long enough ago. Applied on failures too,
// otherwise someone locked once months ago would start straight at a doubled lock.
function decayed(state: ThrottleState, now: Date): ThrottleState {
  if (state.lockedUntil === null) return state;
  if (now.getTime() - state.lockedUntil.getTime() <= LOCK_LEVEL_DECAY_MS) return state;
  return { ...state, lockedUntil: null, lockLevel: 0 };
}

export function afterFailure(state: ThrottleState | null, now: Date, limit: number = FAILURE_LIMIT): ThrottleState {
  const current = state ?? emptyThrottleState(now);
  // Attempts during a lock should have been refused before the password was checked; if one
  // slips through it must neither extend the lock nor count towards the next one.
  if (isLocked(current, now)) return current;

  const base = decayed(current, now);
  const windowExpired = now.getTime() - base.windowStartedAt.getTime() >= FAILURE_WINDOW_MS;
  const failures = (windowExpired ? 0 : base.failures) + 1;
  const windowStartedAt = windowExpired ? now : base.windowStartedAt;

  if (failures < limit) return { ...base, failures, windowStartedAt };
  return {
    failures: 0,
    windowStartedAt: now,
    lockedUntil: new Date(now.getTime() + lockDurationMs(base.lockLevel)),
    lockLevel: base.lockLevel + 1,
  };
}

export function afterSuccess(state: ThrottleState | null, now: Date): ThrottleState | null {
  if (state === null) return null;
  // The lock level survives a success: otherwise an attacker who also knows one valid account
  // could reset the doubling of a shared key (such as an IP address) at will.
  const base = decayed(state, now);
  if (base.lockLevel === 0 && base.lockedUntil === null) return null;
  return { ...base, failures: 0, windowStartedAt: now };
}

/** An administrator's unlock forgives everything, so no record needs to be kept. */
export function afterUnlock(_state: ThrottleState | null, _now: Date): ThrottleState | null {
  return null;
}
