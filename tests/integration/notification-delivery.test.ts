import { createECDH, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { jobs, notificationDeliveries, pushSubscriptions, type NotificationDelivery } from '@/db/schema';
import { env, resetEnvCache } from '@/lib/config/env';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runJobsOnce } from '@/lib/jobs/worker';
import { phoneHash, queueCodeSms } from '@/lib/notifications/deliveries';
import { effectivePreferences } from '@/lib/notifications/preferences';
import { listNotifications, notifyMember } from '@/lib/notifications/queries';
import { savePreferences, savePushSubscription } from '@/lib/notifications/settings-queries';
import { startFakeAliyunSms, startFakePushService, type FakeAliyunSms } from '../support/fake-aliyun-sms';

// Push and SMS deliveries end to end on a real database: the Aliyun driver's signed requests
// against a local fake dysmsapi that recomputes the signature, a fake push service over http, and
// the jobs table running, retrying and finally failing them.

const KEYS = { accessKeyId: 'LTAI5tFakeKeyForTests', accessKeySecret: 'the-right-secret' };
const TEMPLATES = { SMS_TEMPLATE_IMPORTANT_NOTICE: 'SMS_100000001', SMS_TEMPLATE_ACTIVITY_REMINDER: 'SMS_100000002', SMS_TEMPLATE_ACTIVATION_CODE: 'SMS_100000003', SMS_TEMPLATE_RESET_CODE: 'SMS_100000004' };

let db: Database;
let sms: FakeAliyunSms;
let memberIds: string[];
let nextMember = 0;

function useAliyun(secret = KEYS.accessKeySecret) {
  Object.assign(process.env, { SMS_PROVIDER: 'aliyun', SMS_ENDPOINT: sms.endpoint, SMS_ALIYUN_ACCESS_KEY_ID: KEYS.accessKeyId, SMS_ALIYUN_ACCESS_KEY_SECRET: secret, SMS_SIGN_NAME: '流动e家', ...TEMPLATES });
  resetEnvCache();
}

/** A member not used by an earlier test, with a number of their own (or none). */
async function freshMember(phone: string | null = `139${String(10_000_000 + nextMember).slice(-8)}`): Promise<string> {
  const id = memberIds[nextMember++];
  await db.execute(sql`UPDATE members SET phone = ${phone} WHERE id = ${id}::uuid`);
  return id;
}

/** Runs the due jobs, making retried ones due at once (the back-off is the queue's, tested in jobs.test.ts). */
async function runDeliveries(rounds = 1): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await db.execute(sql`UPDATE jobs SET run_at = now() - interval '1 second' WHERE status = 'queued' AND kind = 'notification.deliver'`);
    while ((await runJobsOnce(db, 'test-worker', jobHandlers)) > 0) {
      if (rounds > 1) break;
    }
  }
}

async function deliveriesOf(memberId: string, channel: 'sms' | 'push'): Promise<NotificationDelivery[]> {
  return db
    .select()
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.memberId, memberId), eq(notificationDeliveries.channel, channel)))
    .orderBy(notificationDeliveries.createdAt);
}

const important = (memberId: string, title = '关于开展主题党日活动的通知') =>
  notifyMember(db, { memberId, category: 'notice', title: `重要通知：${title}`, body: '请按时参加。', link: '/' }, { sms: { template: 'important_notice', params: { title } } });

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 40 });
  memberIds = (await queryRows<{ id: string }>(db, sql`SELECT id::text AS id FROM members ORDER BY id`)).map((row) => row.id);
  sms = await startFakeAliyunSms(KEYS);
}, 120_000);

afterAll(async () => {
  await sms.close();
  for (const key of ['SMS_PROVIDER', 'SMS_ENDPOINT', 'SMS_ALIYUN_ACCESS_KEY_ID', 'SMS_ALIYUN_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', ...Object.keys(TEMPLATES)]) delete process.env[key];
  resetEnvCache();
});

beforeEach(() => {
  sms.mode = 'ok';
  useAliyun();
});

describe('SMS through the Aliyun driver', () => {
  it('sends an important notice as a signed request the fake dysmsapi accepts, and clears its parameters', async () => {
    const member = await freshMember('13900000001');
    await important(member);
    const [queued] = await deliveriesOf(member, 'sms');
    expect(queued).toMatchObject({ status: 'queued', smsTemplate: 'important_notice', params: { title: '关于开展主题党日活动的通知' } });

    await runDeliveries();
    expect(sms.accepted.at(-1)).toEqual({ phone: '13900000001', signName: '流动e家', templateCode: 'SMS_100000001', templateParam: { title: '关于开展主题党日活动的通知' } });
    const [sent] = await deliveriesOf(member, 'sms');
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, params: null, lastError: null, destinationHash: phoneHash('13900000001') });
    expect(sent.providerMessageId).toMatch(/\^0$/);
    expect(sent.finishedAt).not.toBeNull();
  });

  it('is refused with a wrong AccessKeySecret: the provider’s error is recorded, the number and text are not', async () => {
    useAliyun('a-wrong-secret');
    const member = await freshMember('13900000002');
    const refusedBefore = sms.refusedSignatures;
    const acceptedBefore = sms.accepted.length;
    await important(member, '换届选举通知');
    await runDeliveries();
    expect(sms.refusedSignatures).toBe(refusedBefore + 1);
    expect(sms.accepted.length).toBe(acceptedBefore);
    const [delivery] = await deliveriesOf(member, 'sms');
    expect(delivery).toMatchObject({ status: 'queued', attempts: 1 });
    expect(delivery.lastError).toMatch(/^aliyun 400 SignatureDoesNotMatch/);
    expect(delivery.lastError).not.toContain('13900000002');
    expect(delivery.lastError).not.toContain('换届');
  });

  it('retries a delivery the provider fails, then marks it failed once the job’s attempts are used up', async () => {
    sms.mode = 'server_error';
    const member = await freshMember();
    await important(member);
    await runDeliveries(3);
    expect((await deliveriesOf(member, 'sms'))[0]).toMatchObject({ status: 'queued', attempts: 3, lastError: expect.stringMatching(/^aliyun 500 InternalError/) });

    sms.mode = 'throttled';
    await runDeliveries(5);
    const [failed] = await deliveriesOf(member, 'sms');
    expect(failed).toMatchObject({ status: 'failed', attempts: 5, outcomeReason: 'retries_exhausted', params: null, lastError: expect.stringMatching(/isv\.BUSINESS_LIMIT_CONTROL/) });
    const [job] = await db.select().from(jobs).where(sql`${jobs.payload}->>'deliveryId' = ${failed.id}`);
    expect(job).toMatchObject({ status: 'dead', attempts: 5 });
  });

  it('gives up at once on a number the provider calls illegal', async () => {
    sms.mode = 'illegal_number';
    const member = await freshMember('10000000000');
    await important(member);
    await runDeliveries();
    expect((await deliveriesOf(member, 'sms'))[0]).toMatchObject({ status: 'failed', attempts: 1, outcomeReason: 'provider_refused', params: null });
  });

  it('sends nothing to a member who opted out (短信退订) or turned the category off, who still gets the notification in the app', async () => {
    const optedOut = await freshMember();
    const categoryOff = await freshMember();
    await savePreferences(db, { memberId: optedOut, grid: effectivePreferences([]), optOutSms: true });
    const grid = effectivePreferences([]);
    grid.activity.sms = false;
    await savePreferences(db, { memberId: categoryOff, grid, optOutSms: false });
    const requestsBefore = sms.requests;

    await important(optedOut);
    await notifyMember(db, { memberId: categoryOff, category: 'activity', title: '活动提醒', body: '明天上午九点主题党日' }, { sms: { template: 'activity_reminder', params: { title: '主题党日', time: '明天9:00' } } });
    await runDeliveries();

    expect(sms.requests).toBe(requestsBefore);
    expect((await deliveriesOf(optedOut, 'sms'))[0]).toMatchObject({ status: 'skipped', outcomeReason: 'opted_out', params: null, attempts: 0 });
    expect((await deliveriesOf(categoryOff, 'sms'))[0]).toMatchObject({ status: 'skipped', outcomeReason: 'preference_off', params: null });
    expect((await listNotifications(db, { memberId: optedOut })).items.map((item) => item.title)).toEqual(['重要通知：关于开展主题党日活动的通知']);
    expect((await listNotifications(db, { memberId: categoryOff })).items.map((item) => item.title)).toEqual(['活动提醒']);
  });

  it('honours an opt-out made after the SMS was queued, and skips a member without a number', async () => {
    const member = await freshMember();
    const noPhone = await freshMember(null);
    await important(member);
    await important(noPhone);
    expect((await deliveriesOf(noPhone, 'sms'))[0]).toMatchObject({ status: 'skipped', outcomeReason: 'no_phone' });
    await savePreferences(db, { memberId: member, grid: effectivePreferences([]), optOutSms: true });
    const requestsBefore = sms.requests;
    await runDeliveries();
    expect(sms.requests).toBe(requestsBefore);
    expect((await deliveriesOf(member, 'sms'))[0]).toMatchObject({ status: 'skipped', outcomeReason: 'opted_out', params: null });
  });

  it('sends one SMS a minute to a number: the next waits for the minute, and a day’s eleventh notice is skipped', async () => {
    const member = await freshMember('13900000005');
    await important(member, '第一条');
    await important(member, '第二条');
    await runDeliveries();
    const toThisNumber = () => sms.accepted.filter((message) => message.phone === '13900000005').map((message) => message.templateParam.title);
    // Either may go first (both were due at once); the other waits.
    expect(toThisNumber()).toHaveLength(1);
    const both = await deliveriesOf(member, 'sms');
    const first = both.find((delivery) => delivery.status === 'sent')!;
    expect(both.find((delivery) => delivery.id !== first.id)).toMatchObject({ status: 'queued', attempts: 0, lastError: expect.stringMatching(/^rate_limited/) });

    // A minute later (the first send moved back in time) the second goes out.
    await db.update(notificationDeliveries).set({ finishedAt: new Date(Date.now() - 61_000) }).where(eq(notificationDeliveries.id, first.id));
    await runDeliveries();
    expect(toThisNumber().sort()).toEqual(['第一条', '第二条'].sort());

    // Ten sent in the last day: a notice is skipped, a reset code still goes.
    await db.execute(sql`UPDATE notification_deliveries SET finished_at = now() - interval '2 hours' WHERE member_id = ${member}::uuid`);
    const hash = phoneHash('13900000005');
    for (let i = 0; i < 8; i++) {
      await db.insert(notificationDeliveries).values({ memberId: member, channel: 'sms', status: 'sent', destinationHash: hash, finishedAt: new Date(Date.now() - (3 + i) * 3_600_000) });
    }
    await important(member, '第十一条');
    await runDeliveries();
    expect(toThisNumber()).toHaveLength(2);
    expect((await deliveriesOf(member, 'sms')).at(-1)).toMatchObject({ status: 'skipped', outcomeReason: 'rate_limited', params: null });

    expect(await queueCodeSms(db, { memberId: member, template: 'reset_code', code: '246810' })).toBe(true);
    await runDeliveries();
    expect(sms.accepted.at(-1)).toMatchObject({ phone: '13900000005', templateCode: 'SMS_100000004', templateParam: { code: '246810' } });
  });

  it('sends an activation code to a member who opted out of notices, and keeps the code nowhere once sent', async () => {
    const member = await freshMember('13900000006');
    await savePreferences(db, { memberId: member, grid: effectivePreferences([]), optOutSms: true });
    await queueCodeSms(db, { memberId: member, template: 'activation_code', code: '135790' });
    await runDeliveries();
    expect(sms.accepted.at(-1)).toMatchObject({ phone: '13900000006', templateCode: 'SMS_100000003', templateParam: { code: '135790' } });
    const [{ found }] = await queryRows<{ found: number }>(db, sql`SELECT count(*)::int AS found FROM notification_deliveries WHERE params::text LIKE '%135790%'`);
    expect(found).toBe(0);
    expect(await queueCodeSms(db, { memberId: await freshMember(null), template: 'activation_code', code: '000000' })).toBe(false);
  });
});

describe('SMS through the file driver', () => {
  it('writes the message as a member would read it to the outbox in the data dir', async () => {
    delete process.env.SMS_PROVIDER;
    resetEnvCache();
    const member = await freshMember('13900000007');
    await important(member, '防汛值班安排');
    await runDeliveries();
    const lines = fs.readFileSync(path.join(env().dataDir, 'sms-outbox.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ phone: '13900000007', template: 'important_notice', text: '您有一条重要通知：防汛值班安排。请打开流动e家查看全文。' });
    expect((await deliveriesOf(member, 'sms'))[0]).toMatchObject({ status: 'sent', params: null });
  });
});

describe('Web Push', () => {
  const browserKeys = () => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
  };

  it('pushes to each of the member’s devices, and removes a subscription its service says is gone (410)', async () => {
    const push = await startFakePushService();
    try {
      const member = await freshMember();
      await savePushSubscription(db, member, { endpoint: push.endpoint('phone'), ...browserKeys(), deviceLabel: '手机' });
      await savePushSubscription(db, member, { endpoint: push.endpoint('tablet'), ...browserKeys(), deviceLabel: '平板' });
      await notifyMember(db, { memberId: member, category: 'request_result', title: '修改申请已通过', body: '档案已更新。', link: '/archive' });
      await runDeliveries();
      expect(push.received.map((request) => request.path).sort()).toEqual(['/push/phone', '/push/tablet']);
      expect(push.received[0].authorization).toMatch(/^vapid t=.+, k=.+/);
      expect(push.received[0].bytes).toBeGreaterThan(0);
      expect((await deliveriesOf(member, 'push')).map((delivery) => delivery.status)).toEqual(['sent', 'sent']);

      push.status = 410;
      await notifyMember(db, { memberId: member, category: 'notice', title: '新通知', body: '请查看。' });
      await runDeliveries();
      const latest = (await deliveriesOf(member, 'push')).slice(2);
      expect(latest.map((delivery) => [delivery.status, delivery.outcomeReason])).toEqual([
        ['failed', 'subscription_gone'],
        ['failed', 'subscription_gone'],
      ]);
      expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.memberId, member))).toEqual([]);
    } finally {
      await push.close();
    }
  });

  it('records push turned off for a category as skipped, without calling the push service', async () => {
    const push = await startFakePushService();
    try {
      const member = await freshMember();
      await savePushSubscription(db, member, { endpoint: push.endpoint('off'), ...browserKeys(), deviceLabel: '' });
      const grid = effectivePreferences([]);
      grid.points.push = false;
      await savePreferences(db, { memberId: member, grid, optOutSms: false });
      await notifyMember(db, { memberId: member, category: 'points', title: '积分到账', body: '+5' });
      await runDeliveries();
      expect(push.received).toEqual([]);
      expect((await deliveriesOf(member, 'push'))[0]).toMatchObject({ status: 'skipped', outcomeReason: 'preference_off' });
    } finally {
      await push.close();
    }
  });
});
