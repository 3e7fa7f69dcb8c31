import 'server-only';
import os from 'node:os';
import type { Database } from '@/db/client';
import { jobHandlers, scheduleRecurringJobs, type JobHandler } from './handlers';
import { claimJobs, completeJob, failJob } from './queue';

export type WorkerOptions = {
  pollMs?: number;
  batchSize?: number;
  handlers?: Record<string, JobHandler>;
  onError?: (error: unknown) => void;
};

/** Runs one round: claims due jobs and runs each. Returns how many it ran. */
export async function runJobsOnce(
  db: Database,
  workerId: string,
  handlers: Record<string, JobHandler> = jobHandlers,
  batchSize = 10,
): Promise<number> {
  const claimed = await claimJobs(db, workerId, batchSize);
  for (const job of claimed) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler(db, job);
      await completeJob(db, job);
    } catch (error) {
      await failJob(db, job, error);
    }
  }
  return claimed.length;
}

/** One worker per instance, polling the jobs table; safe with several instances. */
export function startJobWorker(db: Database, options: WorkerOptions = {}): { stop: () => Promise<void> } {
  const workerId = `${os.hostname()}:${process.pid}`;
  const pollMs = options.pollMs ?? 2_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let lastScheduledDay = '';

  const tick = async () => {
    try {
      const today = new Date().toISOString().slice(0, 10);
      if (today !== lastScheduledDay) {
        await scheduleRecurringJobs(db);
        lastScheduledDay = today;
      }
      // Keep going while there is a backlog; otherwise wait for the next poll.
      while (!stopped && (await runJobsOnce(db, workerId, options.handlers, options.batchSize)) > 0) {}
    } catch (error) {
      (options.onError ?? ((e) => console.error('[ejia] job worker:', e)))(error);
    }
    if (!stopped) schedule(pollMs);
  };
  // Unref'd: the worker never keeps a process alive on its own (scripts, tests).
  const schedule = (delay: number) => {
    timer = setTimeout(() => (running = tick()), delay);
    timer.unref();
  };
  schedule(0);

  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
