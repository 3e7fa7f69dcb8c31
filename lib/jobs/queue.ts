import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { jobs, type Job } from '@/db/schema';
import { queryRows } from '@/db/rows';

export type EnqueueInput = {
  kind: string;
  payload?: Record<string, unknown>;
  runAt?: Date;
  maxAttempts?: number;
  /** A second enqueue with the same key is ignored (scheduled runs name themselves). */
  uniqueKey?: string;
};

export async function enqueueJob(db: Executor, input: EnqueueInput): Promise<number | null> {
  const [row] = await db
    .insert(jobs)
    .values({
      kind: input.kind,
      payload: input.payload ?? {},
      runAt: input.runAt ?? new Date(),
      maxAttempts: input.maxAttempts ?? 5,
      uniqueKey: input.uniqueKey,
    })
    .onConflictDoNothing({ target: jobs.uniqueKey })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

// A job left 'running' this long belongs to a worker that died; it is claimed again.
const STALE_AFTER_SECONDS = 600;

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED, so workers in several instances never take the
 * same job and never wait on each other.
 */
export async function claimJobs(db: Database, workerId: string, limit: number): Promise<Job[]> {
  // A job that keeps killing its worker would otherwise come back forever: once it has used
  // its attempts it is declared dead instead of being claimed again.
  await db.execute(
    sql`UPDATE jobs SET status = 'dead', finished_at = now(), locked_by = NULL, locked_at = NULL,
          last_error = coalesce(last_error || ' / ', '') || 'worker stopped while running it ' || attempts || ' times'
        WHERE status = 'running' AND attempts >= max_attempts
          AND locked_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})`,
  );
  const claimed = await queryRows<{ id: number }>(
    db,
    sql`UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = ${workerId}, locked_at = now()
        WHERE id IN (
          SELECT id FROM jobs
          WHERE (status = 'queued' AND run_at <= now())
             OR (status = 'running' AND locked_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS}))
          ORDER BY run_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING id`,
  );
  if (claimed.length === 0) return [];
  return db
    .select()
    .from(jobs)
    .where(sql`${jobs.id} = ANY(${sql.param(claimed.map((row) => Number(row.id)))}::bigint[])`);
}

/** The claim a worker holds: a job reclaimed by another worker is no longer this one's to finish. */
const heldBy = (job: Job) => and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.lockedBy, job.lockedBy ?? ''));

export async function completeJob(db: Executor, job: Job): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'succeeded', finishedAt: new Date(), lockedBy: null, lockedAt: null, lastError: null })
    .where(heldBy(job));
}

/** Exponential back-off: 30 s, 1 min, 2 min … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Records a failure: retried later, or 'dead' once its attempts are used up. */
export async function failJob(db: Executor, job: Job, error: unknown, now: Date = new Date()): Promise<'queued' | 'dead'> {
  const message = error instanceof Error ? error.message : String(error);
  const dead = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set({
      status: dead ? 'dead' : 'queued',
      lastError: message.slice(0, 2000),
      runAt: dead ? job.runAt : new Date(now.getTime() + retryDelayMs(job.attempts)),
      finishedAt: dead ? now : null,
      lockedBy: null,
      lockedAt: null,
    })
    .where(heldBy(job));
  return dead ? 'dead' : 'queued';
}

export async function purgeFinishedJobs(db: Executor, olderThan: Date): Promise<void> {
  await db.delete(jobs).where(and(eq(jobs.status, 'succeeded'), lt(jobs.finishedAt, olderThan)));
}
