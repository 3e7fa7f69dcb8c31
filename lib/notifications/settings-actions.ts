'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { requestContext } from '@/lib/auth/session';
import { subscribePushDevice, unsubscribePushDevice, updateNotificationPreferences } from './settings';

// The member's 消息提醒 actions. Thin wrappers: settings.ts checks the fields with their Chinese
// messages and names the signed-in member in every write.

const MEMBER = { tiers: ['member'] } as const;
// Every field is a short text; settings.ts reads them, so the schema only bounds them.
const fields = z.looseObject({}).catchall(z.string().max(2000));

const savePrefs = validatedAction({ schema: fields, access: MEMBER, action: 'notification.preferences' }, (input, { viewer }) => updateNotificationPreferences(getDb(), viewer, input));
export async function saveNotificationPreferences(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await savePrefs(previous, formData);
  if (state.status === 'success') revalidatePath('/settings');
  return state;
}

const savePush = validatedAction({ schema: fields, access: MEMBER, action: 'notification.push_subscribe' }, async (input, { viewer }) =>
  subscribePushDevice(getDb(), viewer, input, (await requestContext()).userAgent),
);
export async function savePushDevice(previous: ActionState, formData: FormData): Promise<ActionState> {
  return savePush(previous, formData);
}

const removePush = validatedAction({ schema: fields, access: MEMBER, action: 'notification.push_unsubscribe' }, (input, { viewer }) => unsubscribePushDevice(getDb(), viewer, input));
export async function removePushDevice(previous: ActionState, formData: FormData): Promise<ActionState> {
  return removePush(previous, formData);
}
