import 'server-only';
import type { Database } from '@/db/client';
import type { Job } from '@/db/schema';
import { memberImportJobHandlers } from '@/lib/members/excel/import';
import { deliveryJobHandlers } from '@/lib/notifications/deliveries';
import { importantNoticeJobHandlers } from '@/lib/notifications/important-notice';
import { beijingDay, startOfBeijingDay } from '@/lib/time/beijing';
import { enqueueJob, purgeFinishedJobs } from './queue';

export type JobHandler = (db: Database, job: Job) => Promise<void>;

const DAY_MS = 86_400_000;

/**
 * Every kind of background work. Later modules (reminders, SMS, push, summaries) add theirs here;
 * a job whose kind is unknown fails and ends up dead rather than vanishing.
 */
export const jobHandlers: Record<string, JobHandler> = {
  // Daily housekeeping: finished jobs are kept 30 days for inspection, then removed.
  'maintenance.daily': async (db) => {
    await purgeFinishedJobs(db, new Date(Date.now() - 30 * DAY_MS));
  },
  // Excel import of member archives: validate, import, remove the upload (issue 4).
  ...memberImportJobHandlers,
  // Push and SMS deliveries of notifications and codes (issue 7).
  ...deliveryJobHandlers,
  // 重要通知: a published important notice reaches its whole audience, by SMS too.
  ...importantNoticeJobHandlers,
};

/** Schedules the recurring jobs for the coming Beijing day (idempotent through unique keys). */
export async function scheduleRecurringJobs(db: Database, now: Date = new Date()): Promise<void> {
  const tomorrow = beijingDay(new Date(now.getTime() + DAY_MS));
  // 03:00 Beijing time, when nobody is using the system.
  const runAt = new Date(startOfBeijingDay(tomorrow).getTime() + 3 * 3_600_000);
  await enqueueJob(db, { kind: 'maintenance.daily', runAt, uniqueKey: `maintenance.daily:${tomorrow}` });
}
