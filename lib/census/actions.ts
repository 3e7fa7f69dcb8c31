'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { ADMIN_TIERS } from '@/lib/auth/access';
import { messages } from '@/lib/i18n/messages';
import { closeCensus, confirmCensus, openCensus } from './workflow';

// Thin server actions over workflow.ts, which authorises the viewer against the census itself.

const t = messages.census;
const ARCHIVE = { tiers: ADMIN_TIERS, capability: 'archive' } as const;
const uuid = z.uuid({ error: messages.actions.invalid });

const open = validatedAction(
  {
    schema: z.object({
      title: z.string({ error: t.errors.titleLength }).max(200, t.errors.titleLength),
      note: z.string().max(4000, t.errors.noteLength).optional().default(''),
      deadline: z.string({ error: t.errors.deadline }).max(20, t.errors.deadline),
    }),
    access: ARCHIVE,
    action: 'census.open',
  },
  async (input, { viewer, ip }) => openCensus(getDb(), { viewer, ip }, input),
);
export async function openCensusAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await open(previous, formData);
  if (state.status === 'success') revalidatePath('/admin/census');
  return state;
}

const close = validatedAction({ schema: z.object({ censusId: uuid }), access: ARCHIVE, action: 'census.close' }, async (input, { viewer, ip }) =>
  closeCensus(getDb(), { viewer, ip }, input),
);
export async function closeCensusAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await close(previous, formData);
  if (state.status === 'success') revalidatePath('/admin/census');
  return state;
}

const confirm = validatedAction({ schema: z.object({ censusId: uuid }), access: { tiers: ['member'] }, action: 'census.respond' }, async (input, { viewer, ip }) =>
  confirmCensus(getDb(), { viewer, ip }, input),
);
export async function confirmCensusAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await confirm(previous, formData);
  if (state.status === 'success') revalidatePath('/archive');
  return state;
}
