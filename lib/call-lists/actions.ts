'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { CALL_LIST_ACCESS, createSchema, listRefSchema, outcomeSchema, PHONE_REVEAL_ACCESS, revealSchema } from './rules';
import { closeCallList, createCallList, recordCallOutcome, revealCallListPhones } from './workflow';

// Thin server actions over workflow.ts, which checks the list and the members against the
// viewer's subtree. Calling members is contact work: the contact log's archive admins run it.

const create = validatedAction({ schema: createSchema, access: CALL_LIST_ACCESS, action: 'call_list.create' }, (input, { viewer, ip }) => createCallList(getDb(), { viewer, ip }, input));

/** Makes a list; the form then opens it (its id is in `data.callListId`). */
export async function createCallListAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await create(previous, formData);
  if (state.status === 'success') revalidatePath('/admin/call-lists');
  return state;
}

const reveal = validatedAction({ schema: revealSchema, access: PHONE_REVEAL_ACCESS, action: 'call_list.reveal' }, (input, { viewer, ip }) =>
  revealCallListPhones(getDb(), { viewer, ip }, input),
);

/** Full numbers of the list (or of one row), once, into the page's state; audited. */
export async function revealCallListPhonesAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  return reveal(previous, formData);
}

const outcome = validatedAction({ schema: outcomeSchema, access: CALL_LIST_ACCESS, action: 'call_list.call' }, (input, { viewer, ip }) => recordCallOutcome(getDb(), { viewer, ip }, input));

export async function recordCallOutcomeAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await outcome(previous, formData);
  if (state.status === 'success') {
    revalidatePath(`/admin/call-lists/${String(formData.get('callListId'))}`);
    revalidatePath(`/admin/members/${String(formData.get('memberId'))}`, 'layout');
  }
  return state;
}

const close = validatedAction({ schema: listRefSchema, access: CALL_LIST_ACCESS, action: 'call_list.close' }, (input, { viewer, ip }) => closeCallList(getDb(), { viewer, ip }, input));

export async function closeCallListAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await close(previous, formData);
  if (state.status === 'success') {
    revalidatePath('/admin/call-lists');
    revalidatePath(`/admin/call-lists/${String(formData.get('callListId'))}`);
  }
  return state;
}
