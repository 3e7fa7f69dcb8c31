import type { SmsTemplate } from './categories';

// Per-number SMS limits, counted from the deliveries sent to the number (by its keyed hash), so
// they hold across app instances. The provider enforces its own (Aliyun: by default 1 a minute,
// 5 an hour, 10 a day per number for codes); ours keep a county from pestering a member and from
// burning paid messages, and are the ones the member's record explains.
//
// - At most one SMS a minute to a number, for every template: a second one waits (the job is
//   retried after the minute) rather than being dropped.
// - At most ten a day (the last 24 hours). Notices and reminders over the cap are skipped as
//   rate_limited. Activation and reset codes are not held to the daily cap: an admin sends them
//   for a member who is asking for one right now, and a code dropped for the day would lock the
//   member out — yet they still wait for the minute, which is what stops a loop of resends.

export const SMS_PER_MINUTE = 1;
export const SMS_PER_DAY = 10;
export const CODE_TEMPLATES = ['activation_code', 'reset_code'] as const satisfies readonly SmsTemplate[];

export type SmsRateDecision = { allow: true } | { allow: false; retry: true; waitMs: number } | { allow: false; retry: false };

/** `recentSends` are the times SMS went to this number in the last 24 hours. */
export function smsRateDecision(template: SmsTemplate, recentSends: readonly Date[], now: Date): SmsRateDecision {
  const minuteAgo = now.getTime() - 60_000;
  const inLastMinute = recentSends.filter((at) => at.getTime() > minuteAgo);
  if (inLastMinute.length >= SMS_PER_MINUTE) {
    const oldest = Math.min(...inLastMinute.map((at) => at.getTime()));
    return { allow: false, retry: true, waitMs: oldest + 60_000 - now.getTime() };
  }
  const isCode = (CODE_TEMPLATES as readonly SmsTemplate[]).includes(template);
  const dayAgo = now.getTime() - 86_400_000;
  if (!isCode && recentSends.filter((at) => at.getTime() > dayAgo).length >= SMS_PER_DAY) return { allow: false, retry: false };
  return { allow: true };
}
