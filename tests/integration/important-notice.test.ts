import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { contentColumns, notificationDeliveries, notifications } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { saveContentItem } from '@/lib/content/publishing';
import { env } from '@/lib/config/env';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runJobsOnce } from '@/lib/jobs/worker';
import { effectivePreferences } from '@/lib/notifications/preferences';
import { savePreferences } from '@/lib/notifications/settings-queries';
import { adminWithAccount, demoCountyOrgs, memberWithAccount, type DemoOrgs } from '@/tests/support/demo-orgs';

// 重要通知: publishing a notice marked important notifies every member it reaches who has an
// account — in the app, and by SMS (here the development file driver) where they have a number and
// have not opted out — from a job, in one statement, and only once.

let db: Database;
let orgs: DemoOrgs;
let county: Viewer;
let inCommittee: Viewer[];
let optedOut: Viewer;
let outside: Viewer;
let notices: number;

const outbox = () => {
  const file = path.join(env().dataDir, 'sms-outbox.jsonl');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { phone: string; text: string }) : [];
};

async function runAllJobs(): Promise<void> {
  await db.execute(sql`UPDATE jobs SET run_at = now() - interval '1 second' WHERE status = 'queued' AND run_at <= now() + interval '1 second'`);
  while ((await runJobsOnce(db, 'test-worker', jobHandlers)) > 0) {}
}

const publish = async (overrides: Record<string, unknown>) => {
  const state = await saveContentItem(db, { viewer: county, ip: '127.0.0.1' }, {
    columnId: String(notices),
    audienceOrgId: String(orgs.committee.id),
    title: '关于召开全县流动党员视频会议的通知',
    summary: '请各位党员按时参加视频会议。',
    bodyMarkdown: '会议定于本周六上午九点召开，请提前十分钟进入会场。',
    tags: '',
    externalUrl: '',
    publishAt: '',
    intent: 'publish',
    ...overrides,
  });
  if (state.status !== 'success') throw new Error(JSON.stringify(state));
  return state.data!.itemId;
};

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 60 });
  orgs = await demoCountyOrgs(db);
  county = await adminWithAccount(db, orgs.root, ['content']);
  const inSubtree = sql`o.path <@ ${orgs.committee.path}::ltree`;
  inCommittee = [await memberWithAccount(db, inSubtree, 'in the committee'), await memberWithAccount(db, inSubtree, 'in the committee')];
  optedOut = await memberWithAccount(db, inSubtree, 'in the committee who opted out');
  outside = await memberWithAccount(db, sql`o.path <@ ${orgs.otherCommittee.path}::ltree`, 'of the other committee');
  const phones = [...inCommittee, optedOut, outside].map((viewer, i) => [viewer.memberId!, `1370000000${i}`] as const);
  for (const [memberId, phone] of phones) await db.execute(sql`UPDATE members SET phone = ${phone} WHERE id = ${memberId}::uuid`);
  await savePreferences(db, { memberId: optedOut.memberId!, grid: effectivePreferences([]), optOutSms: true });
  [{ id: notices }] = await db.select({ id: contentColumns.id }).from(contentColumns).where(eq(contentColumns.slug, 'notices'));
}, 120_000);

describe('an important notice', () => {
  it('reaches every member in its audience with an account, by SMS where allowed, and no one outside it', async () => {
    const itemId = await publish({ important: 'on' });
    await runAllJobs();
    const told = await queryRows<{ member_id: string; title: string; link: string }>(db, sql`SELECT member_id::text, title, link FROM notifications WHERE link = ${`/read/${itemId}`}`);
    const toldIds = told.map((row) => row.member_id);
    for (const member of [...inCommittee, optedOut]) expect(toldIds).toContain(member.memberId);
    expect(toldIds).not.toContain(outside.memberId);
    // Only members with accounts: every one told has a users row.
    const [{ without }] = await queryRows<{ without: number }>(db, sql`SELECT count(*)::int AS without FROM notifications n WHERE n.link = ${`/read/${itemId}`} AND NOT EXISTS (SELECT 1 FROM users u WHERE u.member_id = n.member_id)`);
    expect(without).toBe(0);
    expect(told[0].title).toBe('重要通知：关于召开全县流动党员视频会议的通知');

    const phonesTexted = outbox().map((line) => line.phone);
    expect(phonesTexted).toEqual(expect.arrayContaining(['13700000000', '13700000001']));
    expect(phonesTexted).not.toContain('13700000002'); // opted out
    expect(phonesTexted).not.toContain('13700000003'); // outside the audience
    expect(outbox().find((line) => line.phone === '13700000000')?.text).toBe('您有一条重要通知：关于召开全县流动党员视频会议的通知。请打开流动e家查看全文。');
    const skipped = await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.memberId, optedOut.memberId!));
    expect(skipped).toMatchObject([{ channel: 'sms', status: 'skipped', outcomeReason: 'opted_out' }]);
  });

  it('is sent once, however often the item is edited and published again', async () => {
    const itemId = await publish({ important: 'on', title: '防汛紧急通知' });
    await runAllJobs();
    await publish({ important: 'on', title: '防汛紧急通知（更新）', itemId });
    await runAllJobs();
    const rows = await db.select().from(notifications).where(eq(notifications.link, `/read/${itemId}`));
    const perMember = new Map<string, number>();
    for (const row of rows) perMember.set(row.memberId, (perMember.get(row.memberId) ?? 0) + 1);
    expect([...perMember.values()].every((count) => count === 1)).toBe(true);
    expect(perMember.size).toBeGreaterThanOrEqual(3);
  });

  it('tells no one when the notice is not marked important', async () => {
    const itemId = await publish({ title: '普通通知' });
    await runAllJobs();
    expect(await db.select().from(notifications).where(eq(notifications.link, `/read/${itemId}`))).toEqual([]);
  });
});
