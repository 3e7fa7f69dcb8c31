'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { ADMIN_TIERS } from '@/lib/auth/access';
import { messages } from '@/lib/i18n/messages';
import { confirmOutflowReport, fileOutflowReport, openOutflowForMember, recordReturnHome, returnOutflowReport, withdrawOutflowReport } from './workflow';

// Thin server actions over workflow.ts: parse, check the tier, run, revalidate. Each is a public
// POST endpoint; the workflow checks the member's own report or the admin's subtree itself, and
// rules.ts checks every field with its Chinese message.

const e = messages.flow.errors;
const MEMBER = { tiers: ['member'] } as const;
const ARCHIVE_ADMIN = { tiers: ADMIN_TIERS, capability: 'archive' } as const;
const uuid = z.uuid({ error: messages.actions.invalid });
// Generous caps against forged posts; the rules give the precise messages.
const text = (max: number, message: string) => z.string({ error: message }).max(max, message);
const reportFields = {
  region: text(100, e.regionUnknown),
  place: text(400, e.placeRequired),
  reason: text(20, e.reason),
  leavesOn: text(20, e.leavesOn),
  expectedMonths: text(10, e.expectedMonths),
  plannedHost: text(200, e.plannedHost).optional(),
  phoneAway: text(40, e.phoneAway).optional(),
  note: text(1000, e.note).optional(),
};

const file = validatedAction({ schema: z.object(reportFields), access: MEMBER, action: 'outflow_report.file' }, (input, { viewer, ip }) => fileOutflowReport(getDb(), { viewer, ip }, input));
export async function submitOutflowReport(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await file(previous, formData);
  if (state.status !== 'success') return state;
  revalidatePath('/flow');
  redirect('/flow?filed=1');
}

const withdraw = validatedAction({ schema: z.object({ reportId: uuid }), access: MEMBER, action: 'outflow_report.withdraw' }, (input, { viewer, ip }) =>
  withdrawOutflowReport(getDb(), { viewer, ip }, input),
);
export async function withdrawOwnOutflowReport(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await withdraw(previous, formData);
  if (state.status === 'success') revalidatePath('/flow');
  return state;
}

const confirm = validatedAction({ schema: z.object({ reportId: uuid }), access: ARCHIVE_ADMIN, action: 'outflow_report.confirm' }, (input, { viewer, ip }) =>
  confirmOutflowReport(getDb(), { viewer, ip }, input),
);
// No revalidation after a decision: the row would leave the pending list along with its answer.
export async function confirmReport(previous: ActionState, formData: FormData): Promise<ActionState> {
  return confirm(previous, formData);
}

const sendBack = validatedAction(
  { schema: z.object({ reportId: uuid, reason: text(2000, e.decisionReason) }), access: ARCHIVE_ADMIN, action: 'outflow_report.return' },
  (input, { viewer, ip }) => returnOutflowReport(getDb(), { viewer, ip }, input),
);
export async function returnReport(previous: ActionState, formData: FormData): Promise<ActionState> {
  return sendBack(previous, formData);
}

const open = validatedAction({ schema: z.object({ memberId: uuid, ...reportFields }), access: ARCHIVE_ADMIN, action: 'outflow.open' }, (input, { viewer, ip }) =>
  openOutflowForMember(getDb(), { viewer, ip }, input),
);
export async function openOutflow(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await open(previous, formData);
  if (state.status === 'success') revalidatePath(`/admin/members/${String(formData.get('memberId'))}`);
  return state;
}

const returnHome = validatedAction(
  { schema: z.object({ memberId: uuid, returnedOn: text(20, e.returnedOn), note: text(1000, e.note).optional(), inspectionNote: text(1000, messages.flow.certificate.errors.inspectionNote).optional() }), access: ARCHIVE_ADMIN, action: 'outflow.return_home' },
  (input, { viewer, ip }) => recordReturnHome(getDb(), { viewer, ip }, input),
);
export async function recordReturn(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await returnHome(previous, formData);
  if (state.status === 'success') revalidatePath(`/admin/members/${String(formData.get('memberId'))}`);
  return state;
}
