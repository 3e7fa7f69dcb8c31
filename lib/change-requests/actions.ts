'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { ADMIN_TIERS } from '@/lib/auth/access';
import { messages } from '@/lib/i18n/messages';
import { MEMBER_FIELDS } from '@/lib/members/field-policy';
import { approveChangeRequest, fileChangeRequest, rejectChangeRequest, revealOwnField, revealRequestValue, saveOwnDirectFields, withdrawChangeRequest } from './workflow';

// Thin server actions over workflow.ts: parse, check the tier, run, revalidate. Each is a
// public POST endpoint; the workflow authorises the viewer against the target itself.

const t = messages.changeRequests;
const MEMBER = { tiers: ['member'] } as const;
const REVIEWER = { tiers: ADMIN_TIERS, capability: 'archive' } as const;
const uuid = z.uuid({ error: messages.actions.invalid });
const list = <T extends z.ZodType>(item: T, max: number, tooMany: string) =>
  z.preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(item).max(max, tooMany));
const text = (max: number, message: string) => z.string({ error: message }).max(max, message);

const file = validatedAction(
  {
    schema: z
      .object({
        fields: list(z.string().max(40), MEMBER_FIELDS.length, t.errors.pickFields),
        reason: text(2000, t.errors.reasonRequired),
        // At most 5 are accepted (checked with a clearer message in the workflow); more is a forged post.
        evidence: list(uuid, 20, t.errors.tooManyEvidence(5)),
        censusId: z.union([uuid, z.literal('')]).optional(),
      })
      .catchall(z.unknown()),
    access: MEMBER,
    action: 'change_request.file',
  },
  async (input, { viewer, ip }) =>
    fileChangeRequest(getDb(), { viewer, ip }, { fields: input.fields, values: input, reason: input.reason, evidence: input.evidence, censusId: input.censusId || null }),
);
export async function submitChangeRequest(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await file(previous, formData);
  if (state.status !== 'success') return state;
  revalidatePath('/archive');
  revalidatePath('/admin/requests');
  redirect('/archive?filed=1');
}

const withdraw = validatedAction({ schema: z.object({ requestId: uuid }), access: MEMBER, action: 'change_request.withdraw' }, async (input, { viewer, ip }) =>
  withdrawChangeRequest(getDb(), { viewer, ip }, input),
);
export async function withdrawOwnRequest(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await withdraw(previous, formData);
  if (state.status === 'success') revalidatePath('/archive');
  return state;
}

const approve = validatedAction({ schema: z.object({ requestId: uuid }), access: REVIEWER, action: 'change_request.approve' }, async (input, { viewer, ip }) =>
  approveChangeRequest(getDb(), { viewer, ip }, input),
);
// No revalidation after a decision: the decided row would vanish from the pending list along
// with its answer. The form shows the outcome; the next visit lists the request where it now is.
export async function approveRequest(previous: ActionState, formData: FormData): Promise<ActionState> {
  return approve(previous, formData);
}

const reject = validatedAction(
  { schema: z.object({ requestId: uuid, reason: text(2000, t.errors.decisionReasonRequired) }), access: REVIEWER, action: 'change_request.reject' },
  async (input, { viewer, ip }) => rejectChangeRequest(getDb(), { viewer, ip }, input),
);
export async function rejectRequest(previous: ActionState, formData: FormData): Promise<ActionState> {
  return reject(previous, formData);
}

const direct = validatedAction(
  {
    schema: z.object({
      phone: text(30, messages.memberFields.errors.mobile).optional(),
      emergencyContactName: text(100, messages.memberFields.errors.tooLong(50)).optional(),
      emergencyContactRelation: text(100, messages.memberFields.errors.tooLong(20)).optional(),
      emergencyContactPhone: text(30, messages.memberFields.errors.phone).optional(),
      skills: list(z.string().max(30, messages.memberFields.errors.tooLong(30)), 20, messages.memberFields.errors.tooManySkills(20)),
    }),
    access: MEMBER,
    action: 'member.self_update',
  },
  async (input, { viewer, ip }) => saveOwnDirectFields(getDb(), { viewer, ip }, input),
);
export async function saveDirectFields(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await direct(previous, formData);
  if (state.status === 'success') revalidatePath('/archive');
  return state;
}

const revealOwn = validatedAction(
  { schema: z.object({ field: z.enum(MEMBER_FIELDS, { error: messages.actions.invalid }) }), access: MEMBER, action: 'member.reveal_own' },
  async (input, { viewer, ip }) => revealOwnField(getDb(), { viewer, ip }, input),
);
export async function revealOwnValue(previous: ActionState, formData: FormData): Promise<ActionState> {
  return revealOwn(previous, formData);
}

const revealInRequest = validatedAction(
  {
    schema: z.object({ requestId: uuid, field: z.enum(MEMBER_FIELDS, { error: messages.actions.invalid }), side: z.enum(['old', 'new'], { error: messages.actions.invalid }) }),
    access: 'signedIn',
    action: 'change_request.reveal',
  },
  async (input, { viewer, ip }) => revealRequestValue(getDb(), { viewer, ip }, input),
);
export async function revealRequestField(previous: ActionState, formData: FormData): Promise<ActionState> {
  return revealInRequest(previous, formData);
}
