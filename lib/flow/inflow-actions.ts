'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { messages } from '@/lib/i18n/messages';
import { recordInflowAttendance } from './attendance';
import { markInflowMemberLeft, registerInflowMember } from './inflow';
import { meetingFormFields } from './temporary-branch-rules';

// The 流入党员 register's actions. Thin wrappers: inflow.ts checks the receiving org lies in the
// admin's subtree (and that an archive admin holds the capability), inflow-rules.ts checks the
// fields with their Chinese messages. The ID number is never echoed back in an answer.

const e = messages.inflow.errors;
// As for 报到: host admins need no capability, archive admins act for the orgs of their subtree.
const KEEPERS = { tiers: ['host_admin', 'org_admin', 'county_admin'] } as const;
const text = (max: number, message: string) => z.string({ error: message }).max(max, message);

const register = validatedAction(
  {
    schema: z.object({
      receivingOrgId: text(12, e.receivingOrg),
      placedOrgId: text(12, e.placement),
      name: text(100, e.name),
      idNumber: text(40, messages.idNumber.format),
      phone: text(40, e.phone),
      originalOrgName: text(200, e.originalOrgName),
      originalOrgContact: text(200, e.originalOrgContact).optional(),
      certificateNumber: text(80, e.certificateNumber).optional(),
      reportedOn: text(20, e.reportedOn),
      note: text(1000, e.note).optional(),
    }),
    access: KEEPERS,
    action: 'inflow.register',
  },
  (input, { viewer, ip }) => registerInflowMember(getDb(), { viewer, ip }, input),
);
export async function registerInflow(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await register(previous, formData);
  if (state.status === 'success') revalidatePath('/admin/inflow');
  return state;
}

const leave = validatedAction(
  {
    schema: z.object({ inflowMemberId: z.uuid({ error: messages.actions.invalid }), leftOn: text(20, e.leftOn), reason: text(400, e.reason).optional() }),
    access: KEEPERS,
    action: 'inflow.leave',
  },
  (input, { viewer, ip }) => markInflowMemberLeft(getDb(), { viewer, ip }, input),
);
export async function markInflowLeft(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await leave(previous, formData);
  if (state.status === 'success') revalidatePath('/admin/inflow');
  return state;
}

const attend = validatedAction(
  {
    // The ticked 流入党员 come as memberIds: the shared meeting form names its checkboxes so.
    schema: z.object(meetingFormFields),
    access: KEEPERS,
    action: 'attendance.record',
  },
  (input, { viewer, ip }) => recordInflowAttendance(getDb(), { viewer, ip }, input),
);
export async function recordInflowMeeting(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await attend(previous, formData);
  if (state.status === 'success') revalidatePath('/admin/inflow');
  return state;
}
