'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { messages } from '@/lib/i18n/messages';
import { markAllNotificationsRead, markNotificationRead } from './queries';

// A member's own notifications: open one (marks it read, then goes to what it is about) or mark
// all read. Each names the signed-in member in its query, so another member's id changes nothing.

const t = messages.notifications;
const MEMBER = { tiers: ['member'] } as const;
const PAGE = '/notifications';

/** Only in-app paths are followed: a stored link is never an open redirect. */
const inAppPath = (link: string | null) => (link && /^\/(?!\/)[\w\-./?=&%]*$/.test(link) ? link : null);

const open = validatedAction(
  { schema: z.object({ id: z.uuid({ error: messages.actions.invalid }) }), access: MEMBER, action: 'notification.open' },
  async ({ id }, { viewer }) => {
    if (!viewer?.memberId) return { status: 'forbidden', message: messages.actions.forbidden };
    const link = await markNotificationRead(getDb(), { memberId: viewer.memberId, id });
    if (link === undefined) return { status: 'failed', message: t.errors.notFound };
    const target = inAppPath(link);
    return { status: 'success', message: t.marked, data: target ? { link: target } : undefined };
  },
);
export async function openNotification(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await open(previous, formData);
  if (state.status !== 'success') return state;
  revalidatePath(PAGE);
  if (state.data?.link) redirect(state.data.link);
  return state;
}

const markAll = validatedAction({ schema: z.object({}), access: MEMBER, action: 'notification.read_all' }, async (_input, { viewer }) => {
  if (!viewer?.memberId) return { status: 'forbidden', message: messages.actions.forbidden };
  await markAllNotificationsRead(getDb(), { memberId: viewer.memberId });
  return { status: 'success', message: t.allRead };
});
export async function markAllRead(previous: ActionState, formData: FormData): Promise<ActionState> {
  const state = await markAll(previous, formData);
  if (state.status === 'success') revalidatePath(PAGE);
  return state;
}
