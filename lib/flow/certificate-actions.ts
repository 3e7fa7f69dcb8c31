'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { ADMIN_TIERS } from '@/lib/auth/access';
import { messages } from '@/lib/i18n/messages';
import { UPLOAD_MAX_BYTES } from '@/lib/storage/limits';
import { issueCertificate, renewCertificate, type UploadedPhoto } from './certificates';

// The 活动证 actions of the admin member page. Thin wrappers: the body (certificates.ts) checks
// that the admin's subtree holds the issuing 党委, and certificate-rules.ts checks the dates.

const e = messages.flow.certificate.errors;
const ARCHIVE_ADMIN = { tiers: ADMIN_TIERS, capability: 'archive' } as const;
const uuid = z.uuid({ error: messages.actions.invalid });
const day = (message: string) => z.string({ error: message }).max(20, message);
const reason = z.string().max(1000, e.extensionReasonTooLong(500)).optional();
// A file input left empty posts an empty File; anything else is a forged post.
const photo = z.custom<File>((value) => value instanceof File, { error: e.photoRequired }).optional();

/** Refused before the bytes are read into memory. */
async function readPhoto(file: File | undefined): Promise<UploadedPhoto | null | 'too_large'> {
  if (!file || file.size === 0) return null;
  if (file.size > UPLOAD_MAX_BYTES) return 'too_large';
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
}
const tooLarge = (): ActionState => ({ status: 'invalid', message: messages.actions.invalid, fieldErrors: { photo: [messages.upload.tooLarge(UPLOAD_MAX_BYTES / 1024 / 1024)] } });

const issue = validatedAction(
  { schema: z.object({ memberId: uuid, issuedOn: day(e.issuedOn), validUntil: day(e.validUntil), extensionReason: reason, photo }), access: ARCHIVE_ADMIN, action: 'certificate.issue' },
  async (input, { viewer, ip }) => {
    const read = await readPhoto(input.photo);
    if (read === 'too_large') return tooLarge();
    return issueCertificate(getDb(), { viewer, ip }, { ...input, photo: read });
  },
);
export async function issueActivityCertificate(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await issue(previous, formData);
  if (state.status === 'success') revalidatePath('/admin/members/[id]', 'page');
  return state;
}

const renew = validatedAction(
  { schema: z.object({ certificateId: uuid, validUntil: day(e.validUntil), extensionReason: reason, photo }), access: ARCHIVE_ADMIN, action: 'certificate.renew' },
  async (input, { viewer, ip }) => {
    const read = await readPhoto(input.photo);
    if (read === 'too_large') return tooLarge();
    return renewCertificate(getDb(), { viewer, ip }, { ...input, photo: read });
  },
);
export async function renewActivityCertificate(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await renew(previous, formData);
  if (state.status === 'success') revalidatePath('/admin/members/[id]', 'page');
  return state;
}
