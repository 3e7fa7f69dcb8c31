'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { messages } from '@/lib/i18n/messages';
import { saveUpload } from '@/lib/storage/queries';
import { UPLOAD_MAX_BYTES } from '@/lib/storage/limits';
import { BODY_MAX } from './content-rules';
import { renderMarkdown } from './markdown';
import { CONTENT_EDITORS, reviewContentItem, SAVE_INTENTS, saveContentItem, withdrawContentItem } from './publishing';
import { recordHeartbeat } from './reading';

// The content module's actions. Thin wrappers: publishing.ts authorises against the item's orgs
// and the viewer's subtree, content-rules.ts checks the fields with their Chinese messages.

const e = messages.content.errors;
const itemId = z.uuid({ error: e.notFound });
// Every form field is text or a list of texts; the rules read them, so the schema only bounds them.
const formText = z.union([z.string().max(BODY_MAX + 1000), z.array(z.string().max(200)).max(100)]);

/** After an act on an item the admin lands on the item again, told what became of it. */
function backToItem(state: ActionState): ActionState {
  if (state.status !== 'success' || !state.data?.itemId) return state;
  revalidatePath('/', 'layout');
  redirect(`/admin/content/${state.data.itemId}?done=${state.data.outcome}`);
}

const save = validatedAction(
  {
    schema: z.looseObject({ itemId: itemId.optional().or(z.literal('').transform(() => undefined)), intent: z.enum(SAVE_INTENTS, { error: messages.actions.invalid }) }).catchall(formText),
    access: CONTENT_EDITORS,
    action: 'content.save',
  },
  (input, { viewer, ip }) => saveContentItem(getDb(), { viewer, ip }, input),
);
export async function saveItem(previous: ActionState, formData: FormData): Promise<ActionState> {
  return backToItem(await save(previous, formData));
}

const review = validatedAction(
  {
    schema: z.object({ itemId, decision: z.enum(['approve', 'return'], { error: messages.actions.invalid }), note: z.string().max(500, messages.content.detail.reviewNote).optional() }),
    access: CONTENT_EDITORS,
    action: 'content.review',
  },
  (input, { viewer, ip }) => reviewContentItem(getDb(), { viewer, ip }, input),
);
export async function reviewItem(previous: ActionState, formData: FormData): Promise<ActionState> {
  return backToItem(await review(previous, formData));
}

const withdraw = validatedAction(
  {
    schema: z.object({ itemId, reason: z.string().max(200, messages.content.detail.withdrawReason).optional() }),
    access: CONTENT_EDITORS,
    action: 'content.withdraw',
  },
  (input, { viewer, ip }) => withdrawContentItem(getDb(), { viewer, ip }, input),
);
export async function withdrawItem(previous: ActionState, formData: FormData): Promise<ActionState> {
  return backToItem(await withdraw(previous, formData));
}

/** The editor's live preview: the same renderer and sanitiser members' pages use. */
export const previewMarkdown = validatedAction(
  { schema: z.object({ bodyMarkdown: z.string().max(BODY_MAX, e.bodyTooLong(BODY_MAX)) }), access: CONTENT_EDITORS },
  async (input) => ({ status: 'success', message: '', data: { html: renderMarkdown(input.bodyMarkdown).html } }),
);

/** An image or attachment for an item, filed under the writer's org until an item shows it. */
export const uploadContentFile = validatedAction(
  {
    schema: z.object({
      file: z.instanceof(File, { error: messages.upload.empty }).refine((file) => file.size <= UPLOAD_MAX_BYTES, messages.upload.tooLarge(UPLOAD_MAX_BYTES / 1024 / 1024)),
      purpose: z.enum(['photo', 'studyMaterial'], { error: messages.actions.invalid }),
    }),
    access: CONTENT_EDITORS,
    action: 'content.upload',
  },
  async (input, { viewer }) => {
    if (!viewer) return { status: 'forbidden', message: messages.actions.forbidden };
    const saved = await saveUpload(getDb(), { bytes: new Uint8Array(await input.file.arrayBuffer()), originalName: input.file.name, orgId: viewer.orgId, purpose: input.purpose, uploadedBy: viewer.userId });
    if (!saved.ok) return { status: 'invalid', message: saved.message, fieldErrors: { file: [saved.message] } };
    return { status: 'success', message: messages.content.results.uploaded, data: { fileId: saved.file.id, name: saved.file.originalName, mime: saved.file.mime } };
  },
);

/** The reading page's heartbeat while it is visible (reading.ts caps what one beat earns). */
export const readingHeartbeat = validatedAction(
  { schema: z.object({ itemId }), access: { tiers: ['member'] } },
  async (input, { viewer }) => {
    if (!viewer || !(await recordHeartbeat(getDb(), { viewer, itemId: input.itemId }))) return { status: 'forbidden', message: e.notFound };
    return { status: 'success', message: '' };
  },
);
