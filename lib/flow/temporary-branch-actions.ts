'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { messages } from '@/lib/i18n/messages';
import { recordCardAttendance, recordHostAttendance, recordTemporaryBranchAttendance } from './attendance';
import { meetingFormFields } from './temporary-branch-rules';
import { approveTemporaryBranch, dissolveTemporaryBranch, proposeTemporaryBranch, rejectTemporaryBranch } from './temporary-branches';

// 临时党支部 and attendance actions. Thin wrappers: temporary-branches.ts and attendance.ts check
// scope, the 党委's authority and the members; temporary-branch-rules.ts the fields.

const e = messages.temporaryBranches.errors;
const ARCHIVE = { tiers: ['org_admin', 'county_admin'], capability: 'archive' } as const;
const HOST = { tiers: ['host_admin', 'org_admin', 'county_admin'] } as const;
const uuid = z.uuid({ error: messages.actions.invalid });
const text = (max: number, message: string) => z.string({ error: message }).max(max, message);
const { memberIds: ids, ...meeting } = meetingFormFields;
const PAGE = '/admin/temporary-branches';

const propose = validatedAction(
  {
    schema: z.object({ name: text(200, e.name), regionCode: text(20, e.region), memberIds: ids, secretaryMemberId: text(40, e.secretaryNotMember), reason: text(2000, e.reason) }),
    access: ARCHIVE,
    action: 'temporary_branch.propose',
  },
  (input, { viewer, ip }) => proposeTemporaryBranch(getDb(), { viewer, ip }, input),
);
export async function submitTemporaryBranch(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await propose(previous, formData);
  if (state.status === 'success') revalidatePath(PAGE);
  return state;
}

const approve = validatedAction(
  { schema: z.object({ applicationId: uuid, secretaryMemberId: uuid, note: text(1000, e.decisionNote).optional() }), access: ARCHIVE, action: 'temporary_branch.approve' },
  (input, { viewer, ip }) => approveTemporaryBranch(getDb(), { viewer, ip }, input),
);
// No revalidation after a decision: the row would leave the pending list along with its answer.
export async function approveTemporaryBranchApplication(previous: ActionState, formData: FormData): Promise<ActionState> {
  return approve(previous, formData);
}

const reject = validatedAction(
  { schema: z.object({ applicationId: uuid, note: text(1000, e.decisionNote) }), access: ARCHIVE, action: 'temporary_branch.reject' },
  (input, { viewer, ip }) => rejectTemporaryBranch(getDb(), { viewer, ip }, input),
);
export async function rejectTemporaryBranchApplication(previous: ActionState, formData: FormData): Promise<ActionState> {
  return reject(previous, formData);
}

const dissolve = validatedAction(
  { schema: z.object({ orgId: z.coerce.number({ error: e.branchNotFound }).int(e.branchNotFound).positive(e.branchNotFound) }), access: ARCHIVE, action: 'temporary_branch.dissolve' },
  (input, { viewer, ip }) => dissolveTemporaryBranch(getDb(), { viewer, ip }, input),
);
export async function dissolveTemporaryBranchOrg(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await dissolve(previous, formData);
  if (state.status === 'success') revalidatePath(PAGE);
  return state;
}

const atTemporaryBranch = validatedAction(
  { schema: z.object({ orgId: text(12, e.branchNotFound), memberIds: ids, ...meeting }), access: ARCHIVE, action: 'attendance.record' },
  (input, { viewer, ip }) => recordTemporaryBranchAttendance(getDb(), { viewer, ip }, input),
);
export async function recordAttendanceAtTemporaryBranch(previous: ActionState, formData: FormData): Promise<ActionState> {
  return atTemporaryBranch(previous, formData);
}

const atHost = validatedAction(
  { schema: z.object({ memberIds: ids, ...meeting }), access: HOST, action: 'attendance.record' },
  (input, { viewer, ip }) => recordHostAttendance(getDb(), { viewer, ip }, input),
);
export async function recordAttendanceAtHost(previous: ActionState, formData: FormData): Promise<ActionState> {
  return atHost(previous, formData);
}

const byCard = validatedAction(
  { schema: z.object({ code: text(200, messages.flow.ecard.errors.malformed), ...meeting }), access: HOST, action: 'attendance.record' },
  (input, { viewer, ip }) => recordCardAttendance(getDb(), { viewer, ip }, input),
);
export async function recordAttendanceByCard(previous: ActionState, formData: FormData): Promise<ActionState> {
  return byCard(previous, formData);
}
