import { describe, expect, it } from 'vitest';
import { smsRateDecision } from './sms-rate-limit';

const now = new Date('2026-12-01T08:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('SMS rate limit per number', () => {
  it('lets the first SMS through', () => {
    expect(smsRateDecision('important_notice', [], now)).toEqual({ allow: true });
  });

  it('holds a second SMS within the minute until the minute has passed, codes too', () => {
    expect(smsRateDecision('important_notice', [ago(20_000)], now)).toEqual({ allow: false, retry: true, waitMs: 40_000 });
    expect(smsRateDecision('reset_code', [ago(59_000)], now)).toEqual({ allow: false, retry: true, waitMs: 1_000 });
    expect(smsRateDecision('reset_code', [ago(60_000)], now)).toEqual({ allow: true });
  });

  it('skips an eleventh notice in a day, but not a code', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ago(3_600_000 * (i + 1)));
    expect(smsRateDecision('important_notice', ten, now)).toEqual({ allow: false, retry: false });
    expect(smsRateDecision('activity_reminder', ten.slice(1), now)).toEqual({ allow: true });
    expect(smsRateDecision('activation_code', ten, now)).toEqual({ allow: true });
  });

  it('forgets sends older than a day', () => {
    const old = Array.from({ length: 10 }, (_, i) => ago(86_400_000 + i * 1000));
    expect(smsRateDecision('important_notice', old, now)).toEqual({ allow: true });
  });
});
