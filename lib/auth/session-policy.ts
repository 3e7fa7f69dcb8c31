import type { Tier } from './viewer';

// DESIGN.md §5: admins 30 minutes idle / 8 hours absolute; members keep a sliding session on
// their phone for at most 30 days (idle 14 days within that).
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export type SessionLifetime = { idleMs: number; absoluteMs: number };

export function sessionLifetime(tier: Tier): SessionLifetime {
  return tier === 'member' ? { idleMs: 14 * DAY, absoluteMs: 30 * DAY } : { idleMs: 30 * MINUTE, absoluteMs: 8 * 60 * MINUTE };
}

export function nextIdleExpiry(tier: Tier, now: Date, absoluteExpiresAt: Date): Date {
  return new Date(Math.min(now.getTime() + sessionLifetime(tier).idleMs, absoluteExpiresAt.getTime()));
}

/** Writing last-seen on every request would be a write per page view; once a minute is enough. */
export const TOUCH_INTERVAL_MS = MINUTE;
