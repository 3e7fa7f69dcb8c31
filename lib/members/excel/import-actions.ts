'use server';

import os from 'node:os';
import { redirect } from 'next/navigation';
import { after } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { ADMIN_TIERS } from '@/lib/auth/access';
import { env } from '@/lib/config/env';
import { messages } from '@/lib/i18n/messages';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runJobsOnce } from '@/lib/jobs/worker';
import { UPLOAD_MAX_BYTES } from '@/lib/storage/limits';
import { confirmMemberImport as confirmImport, startMemberImport } from './import';

// Upload and confirm of a member import. Both are public POST endpoints: the archive capability
// is checked by the wrapper, and a token is only good for the admin who uploaded the file
// (import.ts). The work itself runs as jobs; the pages poll their progress.

const ARCHIVE = { tiers: ADMIN_TIERS, capability: 'archive' } as const;
const x = messages.excel;
const invalid = (message: string, field = 'file'): ActionState => ({ status: 'invalid', message, fieldErrors: { [field]: [message] } });

/**
 * Starts on the queued job once the response is sent, instead of waiting for the worker's next
 * poll: a small file is checked before the admin's page first asks. The claim is the worker's
 * own (FOR UPDATE SKIP LOCKED), so the instance's worker and this never run one job twice; an
 * instance configured without a worker leaves the job to the others.
 */
function kickJobs(): void {
  if (env().EJIA_JOBS_WORKER !== 'on') return;
  after(async () => {
    try {
      while ((await runJobsOnce(getDb(), `${os.hostname()}:${process.pid}:import`, jobHandlers)) > 0) {}
    } catch (error) {
      console.error('[ejia] member import: running the queued job failed:', error instanceof Error ? error.message : error);
    }
  });
}

const upload = validatedAction(
  {
    schema: z.object({ file: z.custom<File>((value) => value instanceof File, { error: x.upload.chooseFile }) }),
    access: ARCHIVE,
    action: 'member.import',
  },
  async ({ file }, { viewer }) => {
    if (file.size === 0) return invalid(x.upload.chooseFile);
    // Refused before the bytes are read into memory.
    if (file.size > UPLOAD_MAX_BYTES) return invalid(messages.upload.tooLarge(UPLOAD_MAX_BYTES / 1024 / 1024));
    const bytes = new Uint8Array(await file.arrayBuffer());
    const started = await startMemberImport(getDb(), viewer!, { bytes, name: file.name });
    if (!started.ok) return invalid(started.message);
    kickJobs();
    return { status: 'success', message: x.started, data: { token: started.token } };
  },
);

export async function uploadMemberImport(previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await upload(previous, formData);
  if (result.status === 'success' && result.data?.token) redirect(`/admin/members/import/${result.data.token}`);
  return result;
}

const confirm = validatedAction(
  { schema: z.object({ token: z.uuid({ error: messages.actions.invalid }) }), access: ARCHIVE, action: 'member.import' },
  async ({ token }, { viewer, ip }) => {
    const outcome = await confirmImport(getDb(), viewer!, token, ip);
    if (!outcome.ok) return outcome.reason === 'notYours' ? { status: 'forbidden', message: outcome.message } : { status: 'invalid', message: outcome.message, fieldErrors: {} };
    kickJobs();
    return { status: 'success', message: x.confirmed, data: { token } };
  },
);

export async function confirmMemberImport(previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await confirm(previous, formData);
  if (result.status === 'success' && result.data?.token) redirect(`/admin/members/import/${result.data.token}`);
  return result;
}
