'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { ADMIN_TIERS } from '@/lib/auth/access';
import { messages } from '@/lib/i18n/messages';
import { cancelTransfer, logTransferReceipt, recordTransferOut } from './transfers';

// The 组织关系转接 actions of the admin member page and the transfers list. Thin wrappers: the
// bodies (transfers.ts) check the member's branch lies in the admin's subtree; transfer-rules.ts
// checks the letter's fields with their Chinese messages.

const e = messages.flow.transfer.errors;
const ARCHIVE_ADMIN = { tiers: ADMIN_TIERS, capability: 'archive' } as const;
const uuid = z.uuid({ error: messages.actions.invalid });
const text = (max: number, message: string) => z.string({ error: message }).max(max, message);

const record = validatedAction(
  {
    schema: z.object({
      memberId: uuid,
      letterNumber: text(80, e.letterNumber),
      issuedOn: text(20, e.issuedOn),
      validUntil: text(20, e.validUntil),
      receivingOrgName: text(200, e.receivingOrgName),
      note: text(1000, e.note).optional(),
    }),
    access: ARCHIVE_ADMIN,
    action: 'transfer.out',
  },
  (input, { viewer, ip }) => recordTransferOut(getDb(), { viewer, ip }, input),
);
export async function recordTransfer(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await record(previous, formData);
  if (state.status === 'success') revalidatePath('/admin/members/[id]', 'page');
  return state;
}

const receipt = validatedAction(
  { schema: z.object({ transferId: uuid, receiptOn: text(20, e.receiptOn) }), access: ARCHIVE_ADMIN, action: 'transfer.receipt' },
  (input, { viewer, ip }) => logTransferReceipt(getDb(), { viewer, ip }, input),
);
export async function logReceipt(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await receipt(previous, formData);
  if (state.status === 'success') revalidatePath('/admin/members/[id]', 'page');
  return state;
}

const cancel = validatedAction(
  { schema: z.object({ transferId: uuid, reason: text(1000, e.cancelReason) }), access: ARCHIVE_ADMIN, action: 'transfer.cancel' },
  (input, { viewer, ip }) => cancelTransfer(getDb(), { viewer, ip }, input),
);
export async function cancelLetter(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await cancel(previous, formData);
  if (state.status === 'success') revalidatePath('/admin/members/[id]', 'page');
  return state;
}
