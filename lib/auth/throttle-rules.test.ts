import { describe, expect, it } from 'vitest';
import {
  BASE_LOCK_MS,
  FAILURE_LIMIT,
  FAILURE_WINDOW_MS,
  MAX_LOCK_MS,
  afterFailure,
  afterSuccess,
  afterUnlock,
  emptyThrottleState,
  isLocked,
  lockRemainingMs,
  type ThrottleState,
} from './throttle-rules';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const t0 = new Date('2026-11-27T00:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

/** Applies `count` failures one second apart, starting at `startMs` after t0. */
function fail(state: ThrottleState | null, count: number, startMs: number): ThrottleState | null {
  let s = state;
  for (let i = 0; i < count; i++) s = afterFailure(s, at(startMs + i * 1000));
  return s;
}

describe('constants', () => {
  it('match DESIGN.md §5', () => {
    expect([FAILURE_LIMIT, FAILURE_WINDOW_MS, BASE_LOCK_MS, MAX_LOCK_MS]).toEqual([5, 15 * MINUTE, 15 * MINUTE, 24 * HOUR]);
  });
});

describe('no state', () => {
  it('is neither locked nor worth keeping after a success', () => {
    expect(isLocked(null, t0)).toBe(false);
    expect(lockRemainingMs(null, t0)).toBe(0);
    expect(afterSuccess(null, t0)).toBeNull();
    expect(emptyThrottleState(t0)).toEqual({ failures: 0, windowStartedAt: t0, lockedUntil: null, lockLevel: 0 });
  });
});

describe('afterFailure', () => {
  it('does not lock after 4 failures', () => {
    const s = fail(null, 4, 0);
    expect(s).toEqual({ failures: 4, windowStartedAt: t0, lockedUntil: null, lockLevel: 0 });
    expect(isLocked(s, at(4000))).toBe(false);
  });

  it('locks for 15 minutes on the 5th failure and starts a fresh window', () => {
    const s = fail(null, 5, 0);
    const lockedAt = at(4000);
    expect(s).toEqual({
      failures: 0,
      windowStartedAt: lockedAt,
      lockedUntil: new Date(lockedAt.getTime() + 15 * MINUTE),
      lockLevel: 1,
    });
    expect(isLocked(s, lockedAt)).toBe(true);
    expect(lockRemainingMs(s, lockedAt)).toBe(15 * MINUTE);
    expect(isLocked(s, at(4000 + 15 * MINUTE - 1))).toBe(true);
    expect(isLocked(s, at(4000 + 15 * MINUTE))).toBe(false);
    expect(lockRemainingMs(s, at(4000 + 16 * MINUTE))).toBe(0);
  });

  it('doubles each further lock, 15 → 30 → 60 … and caps it at 24 hours', () => {
    const expectedMinutes = [15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440];
    let s: ThrottleState | null = null;
    let clock = 0;
    for (const minutes of expectedMinutes) {
      s = fail(s, 5, clock);
      const lockedAt = at(clock + 4000);
      expect(lockRemainingMs(s, lockedAt)).toBe(minutes * MINUTE);
      clock = s!.lockedUntil!.getTime() - t0.getTime(); // the next series starts when this lock ends
    }
    expect(s!.lockLevel).toBe(expectedMinutes.length);
  });

  it('does not lock when the failures are spread over more than 15 minutes', () => {
    let s: ThrottleState | null = null;
    for (const minute of [0, 4, 8, 12, 16, 20, 24, 28]) s = afterFailure(s, at(minute * MINUTE));
    expect(isLocked(s, at(28 * MINUTE))).toBe(false);
    // The window that began at minute 0 expired at 15, so 16, 20, 24 and 28 are a new window.
    expect(s).toMatchObject({ failures: 4, windowStartedAt: at(16 * MINUTE), lockLevel: 0 });
  });

  it('counts a failure at 14:59.999 into the window, and one at exactly 15:00 into a new one', () => {
    const four = fail(null, 4, 0);
    expect(isLocked(afterFailure(four, at(FAILURE_WINDOW_MS - 1)), at(FAILURE_WINDOW_MS - 1))).toBe(true);
    const fifth = afterFailure(four, at(FAILURE_WINDOW_MS));
    expect(isLocked(fifth, at(FAILURE_WINDOW_MS))).toBe(false);
    expect(fifth.failures).toBe(1);
  });

  it('neither extends nor escalates a lock when a failure slips through during it', () => {
    const locked = fail(null, 5, 0)!;
    const during = fail(locked, 5, 5 * MINUTE);
    expect(during).toEqual(locked);
  });

  it('leaves the previous state untouched', () => {
    const before = fail(null, 4, 0)!;
    const copy = structuredClone(before);
    afterFailure(before, at(5000));
    expect(before).toEqual(copy);
  });

  it('starts again at 15 minutes once the last lock ended more than 24 hours ago', () => {
    const first = fail(null, 5, 0)!; // locked until 00:15:04
    const endMs = first.lockedUntil!.getTime() - t0.getTime();

    // What counts is the moment of the failure that locks, the 5th, 4 s after the 1st.
    const exactlyADayLater = fail(first, 5, endMs + 24 * HOUR - 4000);
    expect(lockRemainingMs(exactlyADayLater, at(endMs + 24 * HOUR))).toBe(30 * MINUTE);

    const moreThanADayLater = fail(first, 5, endMs + 24 * HOUR - 3999);
    expect(lockRemainingMs(moreThanADayLater, at(endMs + 24 * HOUR + 1))).toBe(15 * MINUTE);
    expect(moreThanADayLater!.lockLevel).toBe(1);
  });
});

describe('afterSuccess', () => {
  it('clears the failures, and a key without lock history is not worth keeping', () => {
    const s = fail(null, 4, 0);
    expect(afterSuccess(s, at(5000))).toBeNull();
    const next = afterFailure(afterSuccess(s, at(5000)), at(6000));
    expect(next.failures).toBe(1);
    expect(isLocked(next, at(6000))).toBe(false);
  });

  it('clears the failures but keeps the lock level, so the next lock still doubles', () => {
    const locked = fail(null, 5, 0)!;
    const lockEndMs = locked.lockedUntil!.getTime() - t0.getTime();
    const withFailures = fail(locked, 3, lockEndMs);
    const success = afterSuccess(withFailures, at(lockEndMs + HOUR));
    expect(success).toEqual({ failures: 0, windowStartedAt: at(lockEndMs + HOUR), lockedUntil: locked.lockedUntil, lockLevel: 1 });

    const relocked = fail(success, 5, lockEndMs + 2 * HOUR);
    expect(lockRemainingMs(relocked, at(lockEndMs + 2 * HOUR + 4000))).toBe(30 * MINUTE);
  });

  it('lets the lock level decay to 0 once the last lock ended more than 24 hours ago', () => {
    const locked = fail(null, 5, 0)!;
    const lockEndMs = locked.lockedUntil!.getTime() - t0.getTime();
    expect(afterSuccess(locked, at(lockEndMs + 24 * HOUR))).toMatchObject({ lockLevel: 1 });
    expect(afterSuccess(locked, at(lockEndMs + 24 * HOUR + 1))).toBeNull();
  });

  it('does not lift a lock that is still running', () => {
    const locked = fail(null, 5, 0)!;
    expect(isLocked(afterSuccess(locked, at(5 * MINUTE)), at(5 * MINUTE))).toBe(true);
  });
});

describe('afterUnlock', () => {
  it('clears the lock, the failures and the lock level', () => {
    let s = fail(null, 5, 0);
    s = fail(s, 5, HOUR); // second lock, 30 minutes, level 2
    expect(isLocked(s, at(HOUR + 5000))).toBe(true);

    const unlocked = afterUnlock(s, at(HOUR + 5000));
    expect(unlocked).toBeNull();
    expect(isLocked(unlocked, at(HOUR + 5000))).toBe(false);
    const relocked = fail(unlocked, 5, HOUR + 10_000);
    expect(lockRemainingMs(relocked, at(HOUR + 14_000))).toBe(15 * MINUTE);
  });
});

describe('a wider limit (per IP)', () => {
  it('locks only when that limit is reached', () => {
    const start = new Date('2026-11-27T02:00:00Z');
    let state: ThrottleState | null = null;
    for (let i = 0; i < 49; i++) state = afterFailure(state, new Date(start.getTime() + i * 1000), 50);
    expect(isLocked(state, new Date(start.getTime() + 60_000))).toBe(false);
    state = afterFailure(state, new Date(start.getTime() + 50_000), 50);
    expect(isLocked(state, new Date(start.getTime() + 60_000))).toBe(true);
  });
});
