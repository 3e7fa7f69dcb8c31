import { createECDH, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { notificationPreferences, pushSubscriptions } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { effectivePreferences } from '@/lib/notifications/preferences';
import { subscribePushDevice, unsubscribePushDevice, updateNotificationPreferences } from '@/lib/notifications/settings';
import { readPreferences } from '@/lib/notifications/settings-queries';
import { adminWithAccount, demoCountyOrgs, memberWithAccount } from '@/tests/support/demo-orgs';

// A member's 消息提醒 settings as the actions change them: the grid and 短信退订, and this device's
// push subscription. Bad input, forged fields, other roles and another member's device are
// refused with Chinese messages and change nothing.

const t = messages.notifications;
let db: Database;
let alice: Viewer;
let bob: Viewer;
let admin: Viewer;

const keys = () => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
};
const storedChoices = (memberId: string) => db.select().from(notificationPreferences).where(eq(notificationPreferences.memberId, memberId));
const subscriptionsOf = (memberId: string) => db.select({ endpoint: pushSubscriptions.endpoint, deviceLabel: pushSubscriptions.deviceLabel }).from(pushSubscriptions).where(eq(pushSubscriptions.memberId, memberId));

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 40 });
  alice = await memberWithAccount(db, sql`true`, 'for the settings');
  bob = await memberWithAccount(db, sql`true`, 'beside her');
  admin = await adminWithAccount(db, (await demoCountyOrgs(db)).root, ['archive']);
}, 120_000);

describe('消息提醒 preferences', () => {
  it('save what the member ticked, and 短信退订 turns every SMS off', async () => {
    // Everything ticked but points' push; SMS for notices ticked, for activities not.
    const form = { push_notice: 'on', push_activity: 'on', push_request_result: 'on', push_case_reply: 'on', push_dues: 'on', sms_notice: 'on' };
    expect(await updateNotificationPreferences(db, alice, form)).toEqual({ status: 'success', message: t.settings.saved });
    const grid = await readPreferences(db, alice.memberId!);
    expect(grid.points.push).toBe(false);
    expect(grid.notice).toEqual({ push: true, sms: true });
    expect(grid.activity).toEqual({ push: true, sms: false });

    await updateNotificationPreferences(db, alice, { ...form, smsOptOut: 'on' });
    const after = await readPreferences(db, alice.memberId!);
    expect(after.notice.sms).toBe(false);
    expect(after.activity.sms).toBe(false);
    expect(after.points.push).toBe(false);
  });

  it('refuse a forged field, a value other than a tick, another role and nobody, changing nothing', async () => {
    const before = await storedChoices(alice.memberId!);
    for (const forged of [{ sms_dues: 'on' }, { push_notice: 'yes' }, { push_notice: ['on', 'on'] }]) {
      const state = await updateNotificationPreferences(db, alice, forged);
      expect(state).toMatchObject({ status: 'invalid', message: messages.actions.invalid });
    }
    expect(await updateNotificationPreferences(db, admin, {})).toEqual({ status: 'forbidden', message: t.settings.noMember });
    expect(await updateNotificationPreferences(db, null, {})).toEqual({ status: 'forbidden', message: t.settings.noMember });
    expect(await storedChoices(alice.memberId!)).toEqual(before);
    // And Bob, who chose nothing, still has the defaults.
    expect(await readPreferences(db, bob.memberId!)).toEqual(effectivePreferences([]));
  });
});

describe('this device’s push subscription', () => {
  const endpoint = 'https://fcm.googleapis.com/fcm/send/device-1';

  it('is saved for the signed-in member with a label from the browser', async () => {
    const state = await subscribePushDevice(db, alice, { endpoint, ...keys() }, 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36');
    expect(state).toEqual({ status: 'success', message: t.pushDevice.saved });
    const [saved] = await subscriptionsOf(alice.memberId!);
    expect(saved.endpoint).toBe(endpoint);
    expect(saved.deviceLabel).not.toBe('');
  });

  it('refuses an endpoint the server must not call and malformed keys, with Chinese messages', async () => {
    for (const bad of ['http://10.0.0.5/internal', 'http://example.com/push', 'file:///etc/passwd', '']) {
      expect(await subscribePushDevice(db, bob, { endpoint: bad, ...keys() }, null)).toMatchObject({ status: 'invalid', fieldErrors: { endpoint: [t.pushDevice.invalidEndpoint] } });
    }
    expect(await subscribePushDevice(db, bob, { endpoint: 'https://push.example/2', p256dh: 'short', auth: randomBytes(16).toString('base64url') }, null)).toMatchObject({ status: 'invalid', fieldErrors: { p256dh: [t.pushDevice.invalidKeys] } });
    expect(await subscribePushDevice(db, admin, { endpoint: 'https://push.example/3', ...keys() }, null)).toMatchObject({ status: 'forbidden' });
    expect(await subscriptionsOf(bob.memberId!)).toEqual([]);
    const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(pushSubscriptions);
    expect(total).toBe(1);
  });

  it('cannot be removed by another member, moves when another member subscribes the same browser, and is removed by its member', async () => {
    expect(await unsubscribePushDevice(db, bob, { endpoint })).toEqual({ status: 'failed', message: t.pushDevice.notFound });
    expect(await subscriptionsOf(alice.memberId!)).toHaveLength(1);

    // Bob signs in on Alice's phone and turns push on: the browser's one subscription is now his.
    await subscribePushDevice(db, bob, { endpoint, ...keys() }, null);
    expect(await subscriptionsOf(alice.memberId!)).toEqual([]);
    expect(await subscriptionsOf(bob.memberId!)).toHaveLength(1);

    expect(await unsubscribePushDevice(db, bob, { endpoint })).toEqual({ status: 'success', message: t.pushDevice.removed });
    expect(await subscriptionsOf(bob.memberId!)).toEqual([]);
  });
});
