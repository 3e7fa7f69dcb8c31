'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { messages } from '@/lib/i18n/messages';
import { acceptRegistration, declineRegistration, fileFeedback, fileRegistration } from './hosting';

// 报到 and 表现反馈 actions. Thin wrappers: hosting.ts checks the host lies in the admin's subtree
// (or that the member is their own), hosting-rules.ts checks the fields with their messages.

const e = messages.flow.hosting.errors;
const MEMBER = { tiers: ['member'] } as const;
// Host admins need no capability: hosting is what the tier is for. Archive admins act for the
// hosts of their own subtree.
const HOST = { tiers: ['host_admin', 'org_admin', 'county_admin'] } as const;
const uuid = z.uuid({ error: messages.actions.invalid });
const text = (max: number, message: string) => z.string({ error: message }).max(max, message);

const register = validatedAction(
  {
    schema: z.object({
      where: z.enum(['host', 'outside'], { error: e.hostOrg }),
      hostOrgId: text(12, e.hostOrg).optional(),
      outsideOrgName: text(200, e.outsideOrgName).optional(),
      outsideContact: text(200, e.outsideContact).optional(),
      reportedOn: text(20, e.reportedOn),
    }),
    access: MEMBER,
    action: 'hosting.register',
  },
  (input, { viewer, ip }) => fileRegistration(getDb(), { viewer, ip }, input),
);
export async function registerAtHost(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await register(previous, formData);
  if (state.status === 'success') revalidatePath('/flow');
  return state;
}

const accept = validatedAction(
  {
    schema: z.object({
      registrationId: uuid,
      placedOrgId: z.coerce.number({ error: e.placement }).int(e.placement).positive(e.placement),
      certificateChecked: z.literal('on', { error: messages.actions.invalid }).optional(),
    }),
    access: HOST,
    action: 'hosting.accept',
  },
  (input, { viewer, ip }) => acceptRegistration(getDb(), { viewer, ip }, { registrationId: input.registrationId, placedOrgId: input.placedOrgId, certificateChecked: input.certificateChecked === 'on' }),
);
// No revalidation after a decision: the row would leave the pending list along with its answer.
export async function acceptHostRegistration(previous: ActionState, formData: FormData): Promise<ActionState> {
  return accept(previous, formData);
}

const decline = validatedAction(
  { schema: z.object({ registrationId: uuid, reason: text(2000, e.declineReason) }), access: HOST, action: 'hosting.decline' },
  (input, { viewer, ip }) => declineRegistration(getDb(), { viewer, ip }, input),
);
export async function declineHostRegistration(previous: ActionState, formData: FormData): Promise<ActionState> {
  return decline(previous, formData);
}

const feedback = validatedAction(
  { schema: z.object({ memberId: uuid, year: text(8, messages.actions.invalid), rating: text(20, e.rating), content: text(4000, e.feedbackContent) }), access: HOST, action: 'hosting.feedback' },
  (input, { viewer, ip }) => fileFeedback(getDb(), { viewer, ip }, input),
);
export async function submitHostFeedback(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await feedback(previous, formData);
  if (state.status === 'success') revalidatePath('/admin/hosting');
  return state;
}
