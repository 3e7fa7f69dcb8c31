import 'server-only';
import { and, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { queryRows } from '@/db/rows';
import { members, notificationDeliveries, notifications, pushSubscriptions, type Job } from '@/db/schema';
import { piiLookupHash } from '@/lib/security/pii';
import type { NotificationCategory, SmsTemplate } from './categories';
import { defaultChannels, type Channels } from './channels';
import type { DeliveryResult } from './channels/types';
import { channelDecision, SMS_CATEGORIES, type SkipReason } from './preferences';
import { readPreferences } from './settings-queries';
import { smsRateDecision } from './sms-rate-limit';

// Delivery beyond the in-app centre (issue 7 §2). A notification's deliveries — one per push
// subscription of the member, and an SMS when the caller asks for one — are rows written in the
// same statement as the notification, so they exist exactly when it does; each queued one gets a
// 'notification.deliver' job, and the job talks to the provider, never the request.

export const DELIVER_JOB = 'notification.deliver';
export const DELIVERY_MAX_ATTEMPTS = 5;

export type NotificationSms = { template: Extract<SmsTemplate, 'important_notice' | 'activity_reminder'>; params: SQL };

const smsCategories = sql.raw(`ARRAY[${SMS_CATEGORIES.map((category) => `'${category}'`).join(',')}]::notification_category[]`);

/**
 * Runs `insertNotifications` (an INSERT INTO notifications … RETURNING id, member_id, category, title)
 * and, in the same statement, the deliveries the members' preferences allow (the rest recorded as
 * skipped with their reason) and a job for each queued one. Set-based, so a notice to a whole
 * county is one statement. Returns the new notifications' ids.
 */
export async function insertNotificationsWithDeliveries(tx: Executor, insertNotifications: SQL, sms: NotificationSms | null): Promise<string[]> {
  const smsCte = sms
    ? sql`, sms AS (
        INSERT INTO notification_deliveries (notification_id, member_id, channel, status, sms_template, params, outcome_reason, finished_at)
        SELECT n.id, n.member_id, 'sms', (CASE WHEN r.reason IS NULL THEN 'queued' ELSE 'skipped' END)::delivery_status, ${sms.template}::sms_template,
               CASE WHEN r.reason IS NULL THEN ${sms.params} END, r.reason, CASE WHEN r.reason IS NOT NULL THEN now() END
        FROM n JOIN members m ON m.id = n.member_id
        CROSS JOIN LATERAL (SELECT CASE
          WHEN NOT EXISTS (SELECT 1 FROM unnest(${smsCategories}) AS c(category)
                           WHERE coalesce((SELECT p.enabled FROM notification_preferences p WHERE p.member_id = n.member_id AND p.category = c.category AND p.channel = 'sms'), true))
            THEN 'opted_out'
          WHEN NOT coalesce((SELECT p.enabled FROM notification_preferences p WHERE p.member_id = n.member_id AND p.category = n.category AND p.channel = 'sms'), n.category = ANY(${smsCategories}))
            THEN 'preference_off'
          WHEN m.phone IS NULL OR m.phone = '' THEN 'no_phone'
        END AS reason) r
        RETURNING id, status)`
    : sql`, sms AS (SELECT NULL::uuid AS id, NULL::delivery_status AS status WHERE false)`;
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`WITH n AS (${insertNotifications}),
        push AS (
          INSERT INTO notification_deliveries (notification_id, member_id, channel, status, push_subscription_id, outcome_reason, finished_at)
          SELECT n.id, n.member_id, 'push', (CASE WHEN w.wanted THEN 'queued' ELSE 'skipped' END)::delivery_status, s.id,
                 CASE WHEN NOT w.wanted THEN 'preference_off' END, CASE WHEN NOT w.wanted THEN now() END
          FROM n JOIN push_subscriptions s ON s.member_id = n.member_id
          CROSS JOIN LATERAL (SELECT coalesce((SELECT p.enabled FROM notification_preferences p WHERE p.member_id = n.member_id AND p.category = n.category AND p.channel = 'push'), true) AS wanted) w
          RETURNING id, status)
        ${smsCte},
        queued_jobs AS (
          INSERT INTO jobs (kind, payload, max_attempts)
          SELECT ${DELIVER_JOB}, jsonb_build_object('deliveryId', d.id), ${DELIVERY_MAX_ATTEMPTS}
          FROM (SELECT id, status FROM push UNION ALL SELECT id, status FROM sms) d WHERE d.status = 'queued'
          RETURNING id)
        SELECT n.id::text AS id FROM n`,
  );
  return rows.map((row) => row.id);
}

/** One notification for one member, with its deliveries (see lib/notifications/queries notifyMember). */
export async function insertNotificationWithDeliveries(
  tx: Executor,
  notification: { memberId: string; category: NotificationCategory; title: string; body: string; link: string | null },
  sms: { template: NotificationSms['template']; params: Record<string, string> } | null,
): Promise<string> {
  const insert = sql`INSERT INTO notifications (member_id, category, title, body, link)
    VALUES (${notification.memberId}::uuid, ${notification.category}::notification_category, ${notification.title}, ${notification.body}, ${notification.link})
    RETURNING id, member_id, category, title`;
  const [id] = await insertNotificationsWithDeliveries(tx, insert, sms ? { template: sms.template, params: sql`${JSON.stringify(sms.params)}::jsonb` } : null);
  return id;
}

/**
 * An activation or reset code by SMS to the member's number on file. No notification: the code
 * is for the person asking now. Not held to notification preferences or 短信退订 (the member asked
 * for it), but to the per-minute limit. The code lives only in the delivery's params, which are
 * cleared when the delivery ends. Returns false when the member has no number on file.
 */
export async function queueCodeSms(tx: Executor, { memberId, template, code }: { memberId: string; template: Extract<SmsTemplate, 'activation_code' | 'reset_code'>; code: string }): Promise<boolean> {
  const [member] = await tx.select({ phone: members.phone }).from(members).where(eq(members.id, memberId));
  if (!member?.phone) return false;
  const [delivery] = await tx.insert(notificationDeliveries).values({ memberId, channel: 'sms', smsTemplate: template, params: { code } }).returning({ id: notificationDeliveries.id });
  await tx.execute(sql`INSERT INTO jobs (kind, payload, max_attempts) VALUES (${DELIVER_JOB}, jsonb_build_object('deliveryId', ${delivery.id}::text), ${DELIVERY_MAX_ATTEMPTS})`);
  return true;
}

/** The hash the per-number rate limit counts by (the number itself is not kept on the delivery). */
export const phoneHash = (phone: string) => Buffer.from(piiLookupHash(phone.replace(/[\s-]/g, ''), 'member.phone')).toString('hex');

/** Thrown for a temporary failure: the jobs table retries it with back-off. */
export class DeliveryRetry extends Error {}

type Ending =
  | { status: 'sent'; providerMessageId: string | null }
  | { status: 'skipped'; reason: SkipReason }
  | { status: 'failed'; reason: string; lastError?: string };

async function endDelivery(db: Executor, id: string, ending: Ending, now: Date): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({
      status: ending.status,
      providerMessageId: ending.status === 'sent' ? ending.providerMessageId : null,
      outcomeReason: ending.status === 'sent' ? null : ending.reason.slice(0, 40),
      ...(ending.status === 'failed' && ending.lastError ? { lastError: ending.lastError.slice(0, 2000) } : {}),
      ...(ending.status === 'sent' ? { lastError: null } : {}),
      // A code must not outlive its SMS, nor a notice's parameters their delivery.
      params: null,
      finishedAt: now,
    })
    .where(eq(notificationDeliveries.id, id));
}

/**
 * Sends one delivery. Preferences, 短信退订 and the number are read again here (the member may
 * have changed them since it was queued). A temporary failure records the attempt and throws, so
 * the job is retried; on the job's last attempt the delivery ends 'failed' instead.
 */
export async function deliver(db: Database, job: Job, channels: Channels = defaultChannels(), now: () => Date = () => new Date()): Promise<void> {
  const deliveryId = (job.payload as { deliveryId?: unknown }).deliveryId;
  if (typeof deliveryId !== 'string') throw new Error('notification.deliver without a deliveryId');
  const [row] = await db
    .select({ delivery: notificationDeliveries, title: notifications.title, body: notifications.body, link: notifications.link, category: notifications.category })
    .from(notificationDeliveries)
    .leftJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
    .where(eq(notificationDeliveries.id, deliveryId));
  // Gone with its member, or already ended by an earlier run: nothing to do.
  if (!row || row.delivery.status !== 'queued') return;
  const delivery = row.delivery;

  if (delivery.memberId && row.category) {
    const decision = channelDecision(await readPreferences(db, delivery.memberId), row.category, delivery.channel);
    if (!decision.send) return endDelivery(db, delivery.id, { status: 'skipped', reason: decision.reason }, now());
  }

  let result: DeliveryResult;
  if (delivery.channel === 'push') {
    const [subscription] = delivery.pushSubscriptionId ? await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, delivery.pushSubscriptionId)) : [];
    if (!subscription) return endDelivery(db, delivery.id, { status: 'skipped', reason: 'no_subscription' }, now());
    result = await channels.push.deliver({ subscription, payload: { title: row.title ?? '', body: row.body ?? '', link: row.link } });
    if (result.ok) await db.update(pushSubscriptions).set({ lastSuccessAt: now() }).where(eq(pushSubscriptions.id, subscription.id));
    if (!result.ok && result.gone) await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscription.id));
  } else {
    const [member] = delivery.memberId ? await db.select({ phone: members.phone }).from(members).where(eq(members.id, delivery.memberId)) : [];
    if (!member?.phone || !delivery.smsTemplate) return endDelivery(db, delivery.id, { status: 'skipped', reason: 'no_phone' }, now());
    const destinationHash = phoneHash(member.phone);
    const at = now();
    const recent = await db
      .select({ at: notificationDeliveries.finishedAt })
      .from(notificationDeliveries)
      .where(
        and(
          eq(notificationDeliveries.destinationHash, destinationHash),
          eq(notificationDeliveries.channel, 'sms'),
          eq(notificationDeliveries.status, 'sent'),
          gt(notificationDeliveries.createdAt, new Date(at.getTime() - 2 * 86_400_000)),
          gt(notificationDeliveries.finishedAt, new Date(at.getTime() - 86_400_000)),
        ),
      );
    const rate = smsRateDecision(delivery.smsTemplate, recent.map((r) => r.at!), at);
    await db.update(notificationDeliveries).set({ destinationHash }).where(eq(notificationDeliveries.id, delivery.id));
    if (!rate.allow && !rate.retry) return endDelivery(db, delivery.id, { status: 'skipped', reason: 'rate_limited' }, at);
    if (!rate.allow) {
      // Not an attempt at the provider: it waits for the minute to pass.
      await db.update(notificationDeliveries).set({ lastError: 'rate_limited: waiting for the per-minute limit' }).where(eq(notificationDeliveries.id, delivery.id));
      if (job.attempts >= job.maxAttempts) await endDelivery(db, delivery.id, { status: 'failed', reason: 'rate_limited' }, at);
      throw new DeliveryRetry(`sms to this number waits ${Math.ceil(rate.waitMs / 1000)} s for the per-minute limit`);
    }
    result = await channels.sms.deliver({ phone: member.phone, template: delivery.smsTemplate, params: delivery.params ?? {} });
  }

  await db
    .update(notificationDeliveries)
    .set({ attempts: sql`${notificationDeliveries.attempts} + 1`, lastError: result.ok ? null : result.reason.slice(0, 2000) })
    .where(eq(notificationDeliveries.id, delivery.id));
  if (result.ok) return endDelivery(db, delivery.id, { status: 'sent', providerMessageId: result.providerMessageId?.slice(0, 100) ?? null }, now());
  if (result.permanent) return endDelivery(db, delivery.id, { status: 'failed', reason: result.gone ? 'subscription_gone' : 'provider_refused' }, now());
  // The last attempt ends the delivery; the error still goes up, so the job is recorded dead with it.
  if (job.attempts >= job.maxAttempts) await endDelivery(db, delivery.id, { status: 'failed', reason: 'retries_exhausted' }, now());
  throw new DeliveryRetry(result.reason);
}

export const deliveryJobHandlers = {
  [DELIVER_JOB]: (db: Database, job: Job) => deliver(db, job),
};

/** The number on file a code SMS would go to, or null when the member has none. */
export async function memberPhone(db: Executor, memberId: string): Promise<string | null> {
  const [member] = await db.select({ phone: members.phone }).from(members).where(eq(members.id, memberId));
  return member?.phone || null;
}
