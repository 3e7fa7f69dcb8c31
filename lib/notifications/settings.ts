import 'server-only';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { failed, forbidden, invalid } from '@/lib/actions/outcomes';
import { deviceLabel } from '@/lib/auth/device-label';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { DELIVERY_CHANNELS, NOTIFICATION_CATEGORIES } from './categories';
import { channelOffered, effectivePreferences } from './preferences';
import { pushSubscriptionSchema } from './push-subscription';
import { removePushSubscription, savePreferences, savePushSubscription } from './settings-queries';

// A member's own reminder settings (消息提醒): the grid of categories × channels with 短信退订, and
// this device's push subscription. Each names the signed-in member, so a forged form cannot touch
// another member's settings or devices. The actions (settings-actions.ts) are thin wrappers.

const t = messages.notifications;

/** A checkbox's field name in the grid. */
export const preferenceField = (category: string, channel: string) => `${channel}_${category}`;
const checkbox = z.literal('on', { error: messages.actions.invalid }).optional();
const gridFields: Record<string, typeof checkbox> = Object.fromEntries(
  NOTIFICATION_CATEGORIES.flatMap((category) => DELIVERY_CHANNELS.filter((channel) => channelOffered(category, channel)).map((channel) => [preferenceField(category, channel), checkbox])),
);
// Strict: a field for a channel that is not offered (an SMS about dues) is a forged form.
const preferencesSchema = z.strictObject({ ...gridFields, smsOptOut: checkbox }, { error: messages.actions.invalid });

function parsed<T>(schema: z.ZodType<T>, raw: unknown): { ok: true; value: T } | { ok: false; state: ActionState } {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (fieldErrors[String(issue.path[0] ?? '_')] ??= []).push(issue.message);
  return { ok: false, state: invalid(fieldErrors) };
}

const memberOf = (viewer: Viewer | null) => (viewer?.tier === 'member' && viewer.memberId ? viewer.memberId : null);

export async function updateNotificationPreferences(db: Executor, viewer: Viewer | null, raw: Record<string, unknown>): Promise<ActionState> {
  const memberId = memberOf(viewer);
  if (!memberId) return forbidden(t.settings.noMember);
  const input = parsed(preferencesSchema, raw);
  if (!input.ok) return input.state;
  const fields = input.value as Record<string, unknown>;
  const grid = effectivePreferences([]);
  for (const category of NOTIFICATION_CATEGORIES) {
    for (const channel of DELIVERY_CHANNELS) {
      if (channelOffered(category, channel)) grid[category][channel] = fields[preferenceField(category, channel)] === 'on';
    }
  }
  await savePreferences(db, { memberId, grid, optOutSms: fields.smsOptOut === 'on' });
  return { status: 'success', message: t.settings.saved };
}

export async function subscribePushDevice(db: Executor, viewer: Viewer | null, raw: Record<string, unknown>, userAgent: string | null): Promise<ActionState> {
  const memberId = memberOf(viewer);
  if (!memberId) return forbidden(t.settings.noMember);
  const input = parsed(pushSubscriptionSchema, raw);
  if (!input.ok) return input.state;
  await savePushSubscription(db, memberId, { ...input.value, deviceLabel: deviceLabel(userAgent).slice(0, 100) });
  return { status: 'success', message: t.pushDevice.saved };
}

const endpointSchema = z.object({ endpoint: z.string({ error: t.pushDevice.notFound }).trim().min(1, t.pushDevice.notFound).max(1000, t.pushDevice.notFound) });

export async function unsubscribePushDevice(db: Executor, viewer: Viewer | null, raw: Record<string, unknown>): Promise<ActionState> {
  const memberId = memberOf(viewer);
  if (!memberId) return forbidden(t.settings.noMember);
  const input = parsed(endpointSchema, raw);
  if (!input.ok) return input.state;
  // Another member's endpoint finds nothing: the delete names the signed-in member.
  if (!(await removePushSubscription(db, memberId, input.value.endpoint))) return failed(t.pushDevice.notFound);
  return { status: 'success', message: t.pushDevice.removed };
}
