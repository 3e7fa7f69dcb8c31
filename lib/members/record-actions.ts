'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { ADMIN_TIERS } from '@/lib/auth/access';
import { recordContact, revealField, updateRecord } from './record-changes';
import { contactSchema, revealSchema, updateSchema } from './record-edit';

// The member-record actions of the admin detail and edit pages. Each is a public POST endpoint:
// validatedAction resolves the viewer, parses the form and checks tier and capability; the body
// (record-changes.ts) checks the member lies in the admin's subtree and writes with its audit row.

const reveal = validatedAction(
  { schema: revealSchema, access: { tiers: ADMIN_TIERS, capability: 'pii_reveal' }, action: 'member.reveal' },
  (input, { viewer, ip }) => revealField(viewer!, input, { ip }),
);

/** Returns an ID number or monthly income in full, for display once; the reveal is audited. */
export async function revealMemberField(previous: ActionState, formData: FormData): Promise<ActionState> {
  return reveal(previous, formData);
}

const update = validatedAction(
  { schema: updateSchema, access: { tiers: ADMIN_TIERS, capability: 'archive' }, action: 'member.update' },
  (input, { viewer, ip }) => updateRecord(viewer!, input, { ip }),
);

export async function updateMemberRecord(previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await update(previous, formData);
  if (result.status === 'success') revalidateMember(formData);
  return result;
}

const contact = validatedAction(
  { schema: contactSchema, access: { tiers: ADMIN_TIERS, capability: 'archive' }, action: 'member.contact' },
  (input, { viewer, ip }) => recordContact(viewer!, input, { ip }),
);

export async function recordMemberContact(previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await contact(previous, formData);
  if (result.status === 'success') revalidateMember(formData);
  return result;
}

// After the action, outside its try/catch (DESIGN.md §8). The id was validated by the action.
function revalidateMember(formData: FormData) {
  revalidatePath(`/admin/members/${String(formData.get('memberId'))}`, 'layout');
}
