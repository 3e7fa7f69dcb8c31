import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { countUnread, listNotifications, markAllNotificationsRead, markNotificationRead, notifyMember } from '@/lib/notifications/queries';

// A member's 消息 on a real database: newest first in keyset pages, unread counted, and every
// read or write confined to the member it names.

let db: Database;
let alice: string;
let bob: string;

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 60 });
  const rows = await queryRows<{ id: string }>(db, sql`SELECT id::text AS id FROM members ORDER BY id LIMIT 2`);
  [alice, bob] = rows.map((row) => row.id);
  // 45 for Alice, a minute apart (the newest last), and one for Bob.
  for (let i = 0; i < 45; i++) {
    await notifyMember(db, { memberId: alice, category: i % 2 ? 'notice' : 'request_result', title: `通知 ${i}`, body: `正文 ${i}`, link: i % 3 ? '/archive' : null });
    await db.execute(sql`UPDATE notifications SET created_at = TIMESTAMPTZ '2026-11-01 08:00:00+08' + ${i} * INTERVAL '1 minute' WHERE title = ${`通知 ${i}`}`);
  }
  await notifyMember(db, { memberId: bob, category: 'notice', title: '给老王的通知', body: '只有他能看到' });
}, 120_000);

describe('a member’s notifications', () => {
  it('come newest first, twenty to a page, every one once', async () => {
    const titles: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await listNotifications(db, { memberId: alice, before });
      titles.push(...result.items.map((item) => item.title));
      if (!result.next) break;
      before = result.next;
    }
    expect(titles).toEqual(Array.from({ length: 45 }, (_, i) => `通知 ${44 - i}`));
    expect(titles).not.toContain('给老王的通知');
  });

  it('treat a forged cursor as the first page', async () => {
    const first = await listNotifications(db, { memberId: alice });
    for (const before of ["2026-11-01T00:00:00Z_' OR 1=1 --", 'not-a-cursor', '9999-99-99T99:99:99Z_00000000-0000-4000-8000-000000000000']) {
      expect((await listNotifications(db, { memberId: alice, before })).items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));
    }
  });

  it('are marked read by their own member only', async () => {
    const [newest] = (await listNotifications(db, { memberId: alice })).items;
    expect(await countUnread(db, alice)).toBe(45);

    // Bob holding Alice's notification id: nothing found, nothing changed.
    expect(await markNotificationRead(db, { memberId: bob, id: newest.id })).toBeUndefined();
    expect(await countUnread(db, alice)).toBe(45);

    expect(await markNotificationRead(db, { memberId: alice, id: newest.id })).toBe(newest.link);
    expect(await countUnread(db, alice)).toBe(44);
    const [again] = (await listNotifications(db, { memberId: alice })).items;
    expect(again).toMatchObject({ id: newest.id, read: true });

    // Marking all read touches Alice's only.
    expect(await markAllNotificationsRead(db, { memberId: alice })).toBe(44);
    expect(await countUnread(db, alice)).toBe(0);
    expect(await countUnread(db, bob)).toBe(1);
  });

  it('go with their member when the archive is deleted', async () => {
    await db.execute(sql`DELETE FROM members WHERE id = ${bob}::uuid`);
    expect(await countUnread(db, bob)).toBe(0);
    const [{ left }] = await queryRows<{ left: number }>(db, sql`SELECT count(*)::int AS left FROM notifications WHERE member_id = ${bob}::uuid`);
    expect(left).toBe(0);
  });
});
