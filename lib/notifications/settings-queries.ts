import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { notificationPreferences, pushSubscriptions } from '@/db/schema';
import { choicesToStore, effectivePreferences, type PreferenceGrid } from './preferences';

// A member's own reminder settings: the preference grid and the devices that receive push. Every
// read and write names the member, so another member's subscription id or endpoint finds nothing.

export async function readPreferences(db: Executor, memberId: string): Promise<PreferenceGrid> {
  const stored = await db
    .select({ category: notificationPreferences.category, channel: notificationPreferences.channel, enabled: notificationPreferences.enabled })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.memberId, memberId));
  return effectivePreferences(stored);
}

/** Replaces the member's stored choices with those that differ from the defaults. */
export async function savePreferences(db: Executor, { memberId, grid, optOutSms, now = new Date() }: { memberId: string; grid: PreferenceGrid; optOutSms: boolean; now?: Date }): Promise<void> {
  const rows = choicesToStore(grid, optOutSms);
  await db.delete(notificationPreferences).where(eq(notificationPreferences.memberId, memberId));
  if (rows.length > 0) await db.insert(notificationPreferences).values(rows.map((row) => ({ ...row, memberId, updatedAt: now })));
}

export type PushSubscriptionInput = { endpoint: string; p256dh: string; auth: string; deviceLabel: string };

/**
 * Saves this browser's subscription for the member. An endpoint is one browser profile, so
 * subscribing again (after another member signed in on the same phone) moves it to this member.
 */
export async function savePushSubscription(db: Executor, memberId: string, input: PushSubscriptionInput): Promise<string> {
  const [row] = await db
    .insert(pushSubscriptions)
    .values({ memberId, ...input })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { memberId, p256dh: input.p256dh, auth: input.auth, deviceLabel: input.deviceLabel, createdAt: sql`now()`, lastSuccessAt: null },
    })
    .returning({ id: pushSubscriptions.id });
  return row.id;
}

/** Removes the member's subscription of this endpoint; false when the member has none such. */
export async function removePushSubscription(db: Executor, memberId: string, endpoint: string): Promise<boolean> {
  const rows = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.memberId, memberId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  return rows.length > 0;
}

export async function countPushDevices(db: Executor, memberId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(pushSubscriptions).where(eq(pushSubscriptions.memberId, memberId));
  return Number(row?.n ?? 0);
}

/** What the settings page reads, bound to the app's database. */
export const notificationSettingsReads = {
  preferences: (memberId: string) => readPreferences(getDb(), memberId),
  pushDevices: (memberId: string) => countPushDevices(getDb(), memberId),
};
