import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { connection, getDb, openPostgres } from '@/db/client';
import { queryRows } from '@/db/rows';
import { jobs, type Job } from '@/db/schema';
import { jobHandlers, scheduleRecurringJobs, type JobHandler } from '@/lib/jobs/handlers';
import { claimJobs, completeJob, enqueueJob, retryDelayMs } from '@/lib/jobs/queue';
import { runJobsOnce, startJobWorker } from '@/lib/jobs/worker';

const onPglite = connection().engine === 'pglite';

async function jobById(id: number): Promise<Job> {
  const [row] = await getDb().select().from(jobs).where(eq(jobs.id, id));
  if (!row) throw new Error(`job ${id} not found`);
  return row;
}

async function enqueueDue(kind: string, options: { maxAttempts?: number; payload?: Record<string, unknown> } = {}): Promise<number> {
  const id = await enqueueJob(getDb(), { kind, runAt: new Date(Date.now() - 1_000), ...options });
  if (id === null) throw new Error('enqueue returned null');
  return id;
}

/** Makes a queued job due again without waiting for its back-off. */
async function makeDue(id: number): Promise<void> {
  await getDb().execute(sql`UPDATE jobs SET run_at = now() - interval '1 second' WHERE id = ${id}`);
}

/** Handlers that record every run, so a test sees exactly which jobs ran and how often. */
function recordingHandlers(kind: string, behaviour: (job: Job) => void = () => {}) {
  const ran: Job[] = [];
  const handlers: Record<string, JobHandler> = {
    [kind]: async (_db, job) => {
      ran.push(job);
      behaviour(job);
    },
  };
  return { ran, handlers };
}

beforeEach(async () => {
  await getDb().execute(sql`DELETE FROM jobs`);
});

describe('job queue: claiming and running', () => {
  it('runs a due job exactly once and marks it succeeded, but leaves a job due later alone', async () => {
    const { ran, handlers } = recordingHandlers('test.record');
    const due = await enqueueDue('test.record', { payload: { memberId: 'm-1' } });
    const later = await enqueueJob(getDb(), { kind: 'test.record', runAt: new Date(Date.now() + 3_600_000) });
    expect(later).not.toBeNull();

    expect(await runJobsOnce(getDb(), 'worker-a', handlers)).toBe(1);
    expect(ran.map((job) => job.id)).toEqual([due]);
    expect(ran[0].payload).toEqual({ memberId: 'm-1' });
    expect(ran[0].status).toBe('running');
    expect(ran[0].lockedBy).toBe('worker-a');

    const done = await jobById(due);
    expect(done.status).toBe('succeeded');
    expect(done.attempts).toBe(1);
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(Math.abs(done.finishedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(done.lockedBy).toBeNull();
    expect(done.lockedAt).toBeNull();
    expect(done.lastError).toBeNull();

    const waiting = await jobById(later!);
    expect(waiting.status).toBe('queued');
    expect(waiting.attempts).toBe(0);

    // Nothing else is due: a second round runs nothing and the finished job does not run again.
    expect(await runJobsOnce(getDb(), 'worker-a', handlers)).toBe(0);
    expect(ran).toHaveLength(1);
  });

  it('backs off exponentially: 30 s, 1 min, 2 min … capped at one hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(0)).toBe(30_000);
    expect(retryDelayMs(8)).toBe(3_600_000);
    expect(retryDelayMs(50)).toBe(3_600_000);
  });

  it('retries a failing job later with back-off, then marks it dead after maxAttempts and never claims it again', async () => {
    const { ran, handlers } = recordingHandlers('sms.send', () => {
      throw new Error('短信网关超时 (gateway timeout)');
    });
    const id = await enqueueDue('sms.send', { maxAttempts: 3 });

    for (const attempt of [1, 2]) {
      const before = Date.now();
      expect(await runJobsOnce(getDb(), 'worker-a', handlers)).toBe(1);
      const after = Date.now();
      const job = await jobById(id);
      expect(job.status).toBe('queued');
      expect(job.attempts).toBe(attempt);
      expect(job.lastError).toBe('短信网关超时 (gateway timeout)');
      expect(job.finishedAt).toBeNull();
      expect(job.lockedBy).toBeNull();
      expect(job.runAt.getTime()).toBeGreaterThanOrEqual(before + retryDelayMs(attempt));
      expect(job.runAt.getTime()).toBeLessThanOrEqual(after + retryDelayMs(attempt));
      // Not due yet: an immediate second round leaves it alone.
      expect(await runJobsOnce(getDb(), 'worker-a', handlers)).toBe(0);
      await makeDue(id);
    }

    expect(await runJobsOnce(getDb(), 'worker-a', handlers)).toBe(1);
    const dead = await jobById(id);
    expect(dead.status).toBe('dead');
    expect(dead.attempts).toBe(3);
    expect(dead.lastError).toBe('短信网关超时 (gateway timeout)');
    expect(dead.finishedAt).toBeInstanceOf(Date);
    expect(ran).toHaveLength(3);

    // Even when it looks due, a dead job is never picked up again.
    await makeDue(id);
    expect(await runJobsOnce(getDb(), 'worker-a', handlers)).toBe(0);
    expect(await claimJobs(getDb(), 'worker-b', 10)).toEqual([]);
    expect(ran).toHaveLength(3);
    expect((await jobById(id)).status).toBe('dead');
  });

  it('marks a job of an unknown kind dead with a clear error instead of dropping it', async () => {
    const id = await enqueueDue('push.notify', { maxAttempts: 2 });

    // The real handler map has no 'push.notify'.
    expect(await runJobsOnce(getDb(), 'worker-a')).toBe(1);
    const retried = await jobById(id);
    expect(retried.status).toBe('queued');
    expect(retried.lastError).toBe('no handler for job kind "push.notify"');

    await makeDue(id);
    expect(await runJobsOnce(getDb(), 'worker-a')).toBe(1);
    const dead = await jobById(id);
    expect(dead.status).toBe('dead');
    expect(dead.attempts).toBe(2);
    expect(dead.lastError).toBe('no handler for job kind "push.notify"');
    expect(dead.kind).toBe('push.notify');
  });

  it('keeps one row per uniqueKey: a second enqueue with the same key returns null', async () => {
    const first = await enqueueJob(getDb(), { kind: 'report.monthly', uniqueKey: 'report.monthly:2026-11', payload: { n: 1 } });
    const second = await enqueueJob(getDb(), { kind: 'report.monthly', uniqueKey: 'report.monthly:2026-11', payload: { n: 2 } });
    const other = await enqueueJob(getDb(), { kind: 'report.monthly', uniqueKey: 'report.monthly:2026-12' });
    const unkeyedA = await enqueueJob(getDb(), { kind: 'report.monthly' });
    const unkeyedB = await enqueueJob(getDb(), { kind: 'report.monthly' });

    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
    expect(other).toEqual(expect.any(Number));
    expect(unkeyedA).not.toBeNull();
    expect(unkeyedB).not.toBeNull();
    const rows = await getDb().select().from(jobs).where(eq(jobs.uniqueKey, 'report.monthly:2026-11'));
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(first);
    expect(rows[0].payload).toEqual({ n: 1 }); // the first enqueue wins
    const [{ total }] = await queryRows<{ total: number }>(getDb(), sql`SELECT count(*)::int AS total FROM jobs`);
    expect(total).toBe(4);
  });

  it.skipIf(onPglite)(
    'gives two workers on separate connections disjoint jobs (FOR UPDATE SKIP LOCKED) — PostgreSQL only: PGlite is a single connection',
    async () => {
      const ids: number[] = [];
      for (let i = 0; i < 20; i++) ids.push(await enqueueDue('test.parallel', { payload: { i } }));
      const second = openPostgres(process.env.DATABASE_URL!, { max: 2 });
      try {
        const [a, b] = await Promise.all([claimJobs(getDb(), 'worker-a', 15), claimJobs(second.db, 'worker-b', 15)]);
        const idsA = a.map((job) => job.id);
        const idsB = b.map((job) => job.id);
        expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);
        expect([...idsA, ...idsB].sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
        expect(a.every((job) => job.lockedBy === 'worker-a' && job.attempts === 1 && job.status === 'running')).toBe(true);
        expect(b.every((job) => job.lockedBy === 'worker-b' && job.attempts === 1 && job.status === 'running')).toBe(true);
        // Each job was claimed once: no row was counted as two attempts.
        const [{ attempts }] = await queryRows<{ attempts: number }>(getDb(), sql`SELECT sum(attempts)::int AS attempts FROM jobs`);
        expect(attempts).toBe(20);
      } finally {
        await second.close();
      }
    },
  );

  it.skipIf(onPglite)(
    'does not wait for jobs another connection holds locked; it takes the others — PostgreSQL only: PGlite is a single connection',
    async () => {
      const ids: number[] = [];
      for (let i = 0; i < 8; i++) ids.push(await enqueueDue('test.locked'));
      const held = ids.slice(0, 3);
      const second = openPostgres(process.env.DATABASE_URL!, { max: 1 });
      try {
        const claimed = await second.db.transaction(async (tx) => {
          await tx.execute(sql`SELECT id FROM jobs WHERE id = ANY(${sql.param(held)}::bigint[]) FOR UPDATE`);
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('claimJobs waited on rows locked by another connection')), 5_000);
          });
          try {
            return await Promise.race([claimJobs(getDb(), 'worker-a', 20), timeout]);
          } finally {
            clearTimeout(timer);
          }
        });
        expect(claimed.map((job) => job.id).sort((x, y) => x - y)).toEqual(ids.slice(3).sort((x, y) => x - y));
      } finally {
        await second.close();
      }
      // Once the lock is gone the remaining three are claimable.
      const rest = await claimJobs(getDb(), 'worker-b', 20);
      expect(rest.map((job) => job.id).sort((x, y) => x - y)).toEqual([...held].sort((x, y) => x - y));
    },
  );

  it('claims again a job left running by a worker that died more than 10 minutes ago, but not one that is still fresh', async () => {
    const { ran, handlers } = recordingHandlers('test.stale');
    const stale = await enqueueDue('test.stale');
    const fresh = await enqueueDue('test.stale');
    await getDb().execute(
      sql`UPDATE jobs SET status = 'running', attempts = 1, locked_by = 'dead-host:123', locked_at = now() - interval '11 minutes' WHERE id = ${stale}`,
    );
    await getDb().execute(
      sql`UPDATE jobs SET status = 'running', attempts = 1, locked_by = 'busy-host:456', locked_at = now() - interval '5 minutes' WHERE id = ${fresh}`,
    );

    expect(await runJobsOnce(getDb(), 'worker-a', handlers)).toBe(1);
    expect(ran.map((job) => job.id)).toEqual([stale]);
    expect(ran[0].lockedBy).toBe('worker-a');
    const recovered = await jobById(stale);
    expect(recovered.status).toBe('succeeded');
    expect(recovered.attempts).toBe(2);
    const busy = await jobById(fresh);
    expect(busy.status).toBe('running');
    expect(busy.lockedBy).toBe('busy-host:456');
    expect(busy.attempts).toBe(1);
  });

  it('declares dead a job that stopped its worker on every one of its attempts, instead of retrying it forever', async () => {
    const { ran, handlers } = recordingHandlers('test.crashes');
    const crashing = await enqueueDue('test.crashes');
    await getDb().execute(
      sql`UPDATE jobs SET status = 'running', attempts = max_attempts, locked_by = 'dead-host:789', locked_at = now() - interval '11 minutes' WHERE id = ${crashing}`,
    );
    expect(await runJobsOnce(getDb(), 'worker-a', handlers)).toBe(0);
    expect(ran).toEqual([]);
    const dead = await jobById(crashing);
    expect(dead.status).toBe('dead');
    expect(dead.lastError).toContain('worker stopped while running it');
  });

  it('does not let a worker finish a job that another worker has since reclaimed', async () => {
    const id = await enqueueDue('test.slow');
    const [mine] = await claimJobs(getDb(), 'worker-slow', 1);
    expect(mine.id).toBe(id);
    await getDb().execute(sql`UPDATE jobs SET locked_by = 'worker-new' WHERE id = ${id}`);
    await completeJob(getDb(), mine);
    expect((await jobById(id)).status).toBe('running');
    expect((await jobById(id)).lockedBy).toBe('worker-new');
  });
});

describe('recurring jobs', () => {
  it('schedules one maintenance.daily job at 03:00 Beijing time of the next Beijing day, however often it is asked', async () => {
    // 17:00 UTC on 27 Nov is already 01:00 on 28 Nov in Beijing, so the next day is 29 Nov.
    const now = new Date('2026-11-27T17:00:00Z');
    await scheduleRecurringJobs(getDb(), now);
    await scheduleRecurringJobs(getDb(), now);
    // Later on the same Beijing day (28 Nov 18:00 +08:00): still the same run.
    await scheduleRecurringJobs(getDb(), new Date('2026-11-28T10:00:00Z'));

    const scheduled = await getDb().select().from(jobs).where(eq(jobs.kind, 'maintenance.daily'));
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0].runAt.toISOString()).toBe('2026-11-28T19:00:00.000Z');
    expect(scheduled[0].runAt.getTime()).toBe(new Date('2026-11-29T03:00:00+08:00').getTime());
    expect(scheduled[0].uniqueKey).toBe('maintenance.daily:2026-11-29');
    expect(scheduled[0].status).toBe('queued');

    // The next Beijing day gets its own run.
    await scheduleRecurringJobs(getDb(), new Date('2026-11-28T17:00:00Z'));
    const both = await getDb().select().from(jobs).where(eq(jobs.kind, 'maintenance.daily')).orderBy(jobs.runAt);
    expect(both.map((job) => job.runAt.toISOString())).toEqual(['2026-11-28T19:00:00.000Z', '2026-11-29T19:00:00.000Z']);
  });

  it('daily maintenance removes succeeded jobs older than 30 days and keeps younger and dead ones', async () => {
    const oldDone = await enqueueDue('test.old');
    const recentDone = await enqueueDue('test.recent');
    const oldDead = await enqueueDue('test.dead');
    await getDb().execute(sql`UPDATE jobs SET status = 'succeeded', finished_at = now() - interval '31 days' WHERE id = ${oldDone}`);
    await getDb().execute(sql`UPDATE jobs SET status = 'succeeded', finished_at = now() - interval '29 days' WHERE id = ${recentDone}`);
    await getDb().execute(sql`UPDATE jobs SET status = 'dead', finished_at = now() - interval '40 days', last_error = 'x' WHERE id = ${oldDead}`);
    const maintenance = await enqueueDue('maintenance.daily');

    expect(await runJobsOnce(getDb(), 'worker-a', jobHandlers)).toBe(1);

    const left = await getDb().select({ id: jobs.id, status: jobs.status }).from(jobs).orderBy(jobs.id);
    expect(left).toEqual([
      { id: recentDone, status: 'succeeded' },
      { id: oldDead, status: 'dead' },
      { id: maintenance, status: 'succeeded' },
    ]);
  });
});

describe('job worker', () => {
  it('picks up a job enqueued after it started, and stops cleanly', async () => {
    const { ran, handlers } = recordingHandlers('test.worker');
    const errors: unknown[] = [];
    const worker = startJobWorker(getDb(), { pollMs: 50, handlers, onError: (error) => errors.push(error) });
    let stopped = false;
    try {
      // Let it go through a couple of idle polls first.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(ran).toHaveLength(0);
      const id = await enqueueJob(getDb(), { kind: 'test.worker', payload: { hello: '党员' } });
      expect(id).not.toBeNull();
      await vi.waitFor(async () => expect((await jobById(id!)).status).toBe('succeeded'), { timeout: 5_000, interval: 25 });
      expect(ran.map((job) => job.id)).toEqual([id]);
      expect(ran[0].payload).toEqual({ hello: '党员' });

      // It also scheduled the daily maintenance for the coming Beijing day when it started.
      const scheduled = await getDb().select().from(jobs).where(eq(jobs.kind, 'maintenance.daily'));
      expect(scheduled).toHaveLength(1);
      expect(scheduled[0].runAt.getTime()).toBeGreaterThan(Date.now());

      await expect(worker.stop()).resolves.toBeUndefined();
      stopped = true;

      // After stop() nothing is picked up any more.
      const afterStop = await enqueueJob(getDb(), { kind: 'test.worker' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await jobById(afterStop!)).status).toBe('queued');
      expect(ran).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      if (!stopped) await worker.stop();
    }
  });

  it('stop() during a running job waits for it to finish, and no poll happens afterwards', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    const handlers: Record<string, JobHandler> = {
      'test.slow': async () => {
        started++;
        await gate;
      },
    };
    const worker = startJobWorker(getDb(), { pollMs: 50, handlers });
    const slow = await enqueueDue('test.slow');
    await vi.waitFor(() => expect(started).toBe(1), { timeout: 5_000, interval: 10 });

    let stopResolved = false;
    const stopping = worker.stop().then(() => (stopResolved = true));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(stopResolved).toBe(false); // still waiting for the job in hand
    expect((await jobById(slow)).status).toBe('running');

    release();
    await stopping;
    expect((await jobById(slow)).status).toBe('succeeded');

    const afterStop = await enqueueDue('test.slow');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await jobById(afterStop)).status).toBe('queued');
    expect(started).toBe(1);
  });
});
