import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { callListEntries, callLists, contentItems, memberContacts, members } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { ActionState } from '@/lib/actions/action-state';
import type { Viewer } from '@/lib/auth/viewer';
import { getCallList, listCallLists, listNoticeOptions } from '@/lib/call-lists/queries';
import { createSchema, outcomeSchema } from '@/lib/call-lists/rules';
import { closeCallList, createCallList, recordCallOutcome, revealCallListPhones } from '@/lib/call-lists/workflow';
import { messages } from '@/lib/i18n/messages';
import { findMemberForViewer } from '@/lib/members/detail-queries';
import { notReachedCutoff } from '@/lib/members/four-clear';
import { recordContact } from '@/lib/members/record-changes';
import { beijingDay } from '@/lib/time/beijing';
import { adminWithAccount, demoCountyOrgs, memberWithAccount, type OrgRow } from '@/tests/support/demo-orgs';
import { auditRowsAfter, lastAuditRowId } from '@/tests/support/audit-rows';

// 电话通知 on a real database: an archive admin makes a list of the members of its subtree for a
// published notice or an activity, sees full numbers only with pii_reveal (audited), and each
// call's outcome is written to the member's contact log in the same transaction; only a reached
// call moves the last-contact date. Every refused act changes nothing.

const t = messages.callLists;
const IP = '198.51.100.77';
const ctx = (viewer: Viewer | null, now?: Date) => ({ viewer, ip: IP, now });

let db: Database;
let root: OrgRow;
let committee: OrgRow;
let branch: OrgRow;
let otherCommittee: OrgRow;
let otherBranch: OrgRow;
let branchAdmin: Viewer; // archive + pii_reveal
let committeeAdmin: Viewer; // archive, no pii_reveal
let outsider: Viewer; // archive + pii_reveal of another committee

const activity = (org: OrgRow, extra: Record<string, string> = {}) =>
  createSchema.parse({ source: 'activity', title: '七一主题党日', message: '7月1日上午9时在村委会会议室，不能到场请在线参加。', orgId: String(org.id), ...extra });

async function create(viewer: Viewer, input = activity(branch)): Promise<string> {
  const state = await createCallList(db, ctx(viewer), input);
  if (state.status !== 'success') throw new Error(JSON.stringify(state));
  return state.data!.callListId;
}

/** Members of `top` with the given statuses, counted without the code under test. */
async function membersOf(top: OrgRow, statuses = ['registered', 'outflow'], extra = sql`TRUE`): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT m.id FROM members m JOIN orgs o ON o.id = m.org_id
        WHERE o.path <@ ${top.path}::ltree AND m.status::text = ANY(${sql.param(statuses)}::text[]) AND ${extra} ORDER BY m.id`,
  );
  return rows.map((row) => row.id);
}

async function entriesOf(callListId: string): Promise<string[]> {
  const rows = await db.select({ memberId: callListEntries.memberId }).from(callListEntries).where(eq(callListEntries.callListId, callListId)).orderBy(asc(callListEntries.memberId));
  return rows.map((row) => row.memberId);
}

/** Everything a refused act must leave as it was. */
async function snapshot() {
  return queryRows(
    db,
    sql`SELECT
          (SELECT count(*)::int FROM call_lists) AS lists,
          (SELECT count(*)::int FROM call_lists WHERE closed_at IS NOT NULL) AS closed,
          (SELECT count(*)::int FROM call_list_entries) AS entries,
          (SELECT count(*)::int FROM call_list_entries WHERE outcome IS NOT NULL) AS called,
          (SELECT count(*)::int FROM member_contacts) AS contacts,
          (SELECT coalesce(string_agg(id::text || ':' || coalesce(last_contact_on::text, '-'), ',' ORDER BY id), '') FROM members) AS last_contacts`,
  );
}

async function expectRefusedWithoutChange(act: () => Promise<ActionState>, status: ActionState['status'], message: string) {
  const before = await snapshot();
  const audit = await lastAuditRowId(db);
  const state = await act();
  expect(state.status).toBe(status);
  expect('message' in state ? state.message : '').toBe(message);
  expect(state.status === 'success' ? state.data : undefined).toBeUndefined();
  expect(await snapshot()).toEqual(before);
  expect((await auditRowsAfter(db, audit)).filter((row) => row.outcome === 'success')).toEqual([]);
}

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 300 });
  ({ root, committee, branch, otherCommittee, otherBranch } = await demoCountyOrgs(db));
  branchAdmin = await adminWithAccount(db, branch, ['archive', 'pii_reveal']);
  committeeAdmin = await adminWithAccount(db, committee, ['archive']);
  outsider = await adminWithAccount(db, otherCommittee, ['archive', 'pii_reveal']);
}, 120_000);

describe('making a list', () => {
  it('takes exactly the 在册 and 流出中 members of the chosen subtree, and is audited', async () => {
    const audit = await lastAuditRowId(db);
    const id = await create(committeeAdmin, activity(committee));
    const expected = await membersOf(committee);
    expect(expected.length).toBeGreaterThan(0);
    expect(await entriesOf(id)).toEqual(expected);
    const rows = await auditRowsAfter(db, audit);
    expect(rows.map((row) => [row.action, row.outcome, row.entity_id])).toEqual([['call_list.create', 'success', id]]);
    expect((rows[0].detail.after as { members: number }).members).toBe(expected.length);

    const branchList = await create(branchAdmin);
    expect(await entriesOf(branchList)).toEqual(await membersOf(branch));
    // The committee sees its branch's list; the branch does not see the committee's.
    expect((await listCallLists(db, committeeAdmin)).map((list) => list.id)).toEqual(expect.arrayContaining([id, branchList]));
    expect((await listCallLists(db, branchAdmin)).map((list) => list.id)).not.toContain(id);
    expect(await getCallList(db, outsider, id)).toBeNull();
  });

  it('filters to members away, or not reached for 3 months', async () => {
    const outflow = await create(committeeAdmin, activity(committee, { statuses: 'outflow' }));
    expect(await entriesOf(outflow)).toEqual(await membersOf(committee, ['outflow']));
    const cutoff = notReachedCutoff(beijingDay(), 3);
    const stale = await create(committeeAdmin, activity(committee, { notReached: '3' }));
    const expected = await membersOf(committee, ['registered', 'outflow'], sql`(m.last_contact_on IS NULL OR m.last_contact_on <= ${cutoff}::date)`);
    expect(expected.length).toBeLessThan((await membersOf(committee)).length);
    expect(await entriesOf(stale)).toEqual(expected);
  });

  it('for a published notice, takes the overlap of its audience and the chosen subtree and its title', async () => {
    const [notice] = await listNoticeOptions(db, branchAdmin);
    expect(notice).toBeDefined();
    const state = await createCallList(db, ctx(branchAdmin), createSchema.parse({ source: 'notice', contentItemId: notice.id, orgId: String(branch.id) }));
    expect(state.status).toBe('success');
    const id = state.status === 'success' ? state.data!.callListId : '';
    const [list] = await db.select().from(callLists).where(eq(callLists.id, id));
    expect(list).toMatchObject({ title: notice.title, contentItemId: notice.id, orgId: branch.id, message: '' });
    expect(await entriesOf(id)).toEqual(await membersOf(branch));
  });

  it('refuses another subtree, a forged org or notice, no capability, and an empty result, changing nothing', async () => {
    const noArchive = await adminWithAccount(db, committee, ['content', 'pii_reveal']);
    const host = await adminWithAccount(db, committee, ['archive'], 'host_admin');
    const member = await memberWithAccount(db, sql`o.id = ${branch.id}`, 'in the demo branch');
    await expectRefusedWithoutChange(() => createCallList(db, ctx(branchAdmin), activity(otherBranch)), 'forbidden', t.errors.orgOutOfScope);
    await expectRefusedWithoutChange(() => createCallList(db, ctx(branchAdmin), activity(committee)), 'forbidden', t.errors.orgOutOfScope);
    await expectRefusedWithoutChange(() => createCallList(db, ctx(branchAdmin), activity(root, { orgId: '999999' })), 'forbidden', t.errors.orgOutOfScope);
    for (const viewer of [noArchive, host, member, null]) {
      await expectRefusedWithoutChange(() => createCallList(db, ctx(viewer), activity(branch)), 'forbidden', messages.actions.forbidden);
    }
    // A notice that does not exist, is not published, or is addressed to another committee only.
    const [draft] = await db.select({ id: contentItems.id }).from(contentItems).where(sql`${contentItems.status} <> 'published'`).limit(1);
    const elsewhere = await queryRows<{ id: string }>(
      db,
      sql`SELECT c.id FROM content_items c JOIN orgs a ON a.id = c.audience_org_id WHERE c.status = 'published' AND a.path <@ ${otherCommittee.path}::ltree LIMIT 1`,
    );
    const forged = [crypto.randomUUID(), draft?.id, elsewhere[0]?.id].filter((value): value is string => !!value);
    for (const contentItemId of forged) {
      await expectRefusedWithoutChange(
        () => createCallList(db, ctx(branchAdmin), createSchema.parse({ source: 'notice', contentItemId, orgId: String(branch.id) })),
        'invalid',
        messages.actions.invalid,
      );
    }
    // No member passes the filters: an empty org (a fresh branch would need the org actions; a party group is refused outright).
    const [emptyOrg] = await queryRows<{ id: number; path: string }>(
      db,
      sql`SELECT o.id, o.path::text AS path FROM orgs o WHERE o.path <@ ${branch.path}::ltree AND o.type NOT IN ('party_group', 'host')
          AND NOT EXISTS (SELECT 1 FROM members m JOIN orgs mo ON mo.id = m.org_id WHERE mo.path <@ o.path AND m.status = 'outflow') LIMIT 1`,
    );
    if (emptyOrg) {
      await expectRefusedWithoutChange(() => createCallList(db, ctx(branchAdmin), activity(branch, { orgId: String(emptyOrg.id), statuses: 'outflow' })), 'invalid', t.errors.nobody);
    }
    expect(createSchema.safeParse({ source: 'activity', title: '七一', message: '', orgId: String(branch.id) }).success).toBe(false);
  });
});

describe('revealing numbers', () => {
  it('shows the whole list or one row to a pii_reveal holder, audited without the numbers', async () => {
    const id = await create(branchAdmin);
    const phones = new Map((await db.select({ id: members.id, phone: members.phone }).from(members).where(inArray(members.id, await entriesOf(id)))).map((row) => [row.id, row.phone]));
    const view = await getCallList(db, branchAdmin, id);
    expect(view!.entries.every((entry) => entry.maskedPhone === null || /^\d{3}\*{4}\d{4}$/.test(entry.maskedPhone))).toBe(true);
    expect(JSON.stringify(view)).not.toContain([...phones.values()].find(Boolean)!);

    const audit = await lastAuditRowId(db);
    const all = await revealCallListPhones(db, ctx(branchAdmin), { callListId: id, memberId: '' });
    expect(all.status).toBe('success');
    const shown = all.status === 'success' ? all.data! : {};
    expect(Object.keys(shown).length).toBe([...phones.values()].filter(Boolean).length);
    for (const [memberId, phone] of Object.entries(shown)) expect(phones.get(memberId)).toBe(phone);
    const [firstId] = [...phones.keys()];
    const one = await revealCallListPhones(db, ctx(branchAdmin), { callListId: id, memberId: firstId });
    expect(one.status === 'success' ? one.data : null).toEqual(phones.get(firstId) ? { [firstId]: phones.get(firstId) } : {});
    const rows = await auditRowsAfter(db, audit);
    expect(rows.map((row) => [row.action, row.outcome, row.entity_id])).toEqual([
      ['call_list.reveal', 'success', id],
      ['call_list.reveal', 'success', id],
    ]);
    expect(rows[1].detail).toMatchObject({ memberId: firstId });
    const written = JSON.stringify(rows);
    for (const phone of phones.values()) if (phone) expect(written).not.toContain(phone);
  });

  it('is refused without pii_reveal, outside the subtree, for a member not on the list, and once closed', async () => {
    const id = await create(branchAdmin);
    await expectRefusedWithoutChange(() => revealCallListPhones(db, ctx(committeeAdmin), { callListId: id, memberId: '' }), 'forbidden', t.revealNeedsCapability);
    await expectRefusedWithoutChange(() => revealCallListPhones(db, ctx(outsider), { callListId: id, memberId: '' }), 'forbidden', t.errors.listNotFound);
    await expectRefusedWithoutChange(() => revealCallListPhones(db, ctx(branchAdmin), { callListId: crypto.randomUUID(), memberId: '' }), 'forbidden', t.errors.listNotFound);
    const [stranger] = await membersOf(otherBranch);
    await expectRefusedWithoutChange(() => revealCallListPhones(db, ctx(branchAdmin), { callListId: id, memberId: stranger }), 'invalid', t.errors.notOnList);
    expect((await closeCallList(db, ctx(branchAdmin), { callListId: id })).status).toBe('success');
    await expectRefusedWithoutChange(() => revealCallListPhones(db, ctx(branchAdmin), { callListId: id, memberId: '' }), 'failed', t.errors.closed);
  });
});

describe('recording calls', () => {
  const lastContact = async (memberId: string) => (await db.select({ day: members.lastContactOn }).from(members).where(eq(members.id, memberId)))[0].day;

  it('logs every call as a contact; only a reached call moves the last-contact date', async () => {
    const id = await create(branchAdmin);
    const [memberId] = await entriesOf(id);
    await db.update(members).set({ lastContactOn: '2025-01-10' }).where(eq(members.id, memberId));
    const contactsBefore = await db.select().from(memberContacts).where(eq(memberContacts.memberId, memberId));

    const audit = await lastAuditRowId(db);
    const noAnswer = await recordCallOutcome(db, ctx(branchAdmin), outcomeSchema.parse({ callListId: id, memberId, outcome: 'no_answer', note: '晚上再打' }));
    expect(noAnswer.status).toBe('success');
    expect(await lastContact(memberId)).toBe('2025-01-10');
    let [entry] = await db.select().from(callListEntries).where(and(eq(callListEntries.callListId, id), eq(callListEntries.memberId, memberId)));
    expect(entry).toMatchObject({ outcome: 'no_answer', calledBy: branchAdmin.userId });
    const [first] = await db.select().from(memberContacts).where(eq(memberContacts.id, entry.contactId!));
    expect(first).toMatchObject({ memberId, way: 'phone', outcome: 'no_answer', contactedBy: branchAdmin.displayName, contactedOn: beijingDay(), note: '电话通知「七一主题党日」：晚上再打' });

    const reached = await recordCallOutcome(db, ctx(branchAdmin), outcomeSchema.parse({ callListId: id, memberId, outcome: 'reached' }));
    expect(reached.status).toBe('success');
    expect(await lastContact(memberId)).toBe(beijingDay());
    [entry] = await db.select().from(callListEntries).where(and(eq(callListEntries.callListId, id), eq(callListEntries.memberId, memberId)));
    expect(entry.outcome).toBe('reached');
    const contacts = await db.select().from(memberContacts).where(eq(memberContacts.memberId, memberId));
    expect(contacts.length).toBe(contactsBefore.length + 2);
    expect(contacts.find((contact) => contact.id === entry.contactId)).toMatchObject({ outcome: 'reached', note: '电话通知「七一主题党日」' });

    const rows = await auditRowsAfter(db, audit);
    expect(rows.map((row) => [row.action, row.outcome, row.entity_id, row.detail.outcome, row.detail.callListId])).toEqual([
      ['member.contact', 'success', memberId, 'no_answer', id],
      ['member.contact', 'success', memberId, 'reached', id],
    ]);
    expect(rows[0].detail.after).toBeUndefined();
    expect(rows[1].detail.after).toEqual({ lastContactOn: beijingDay() });

    // The detail page's contact log carries the outcome; the list shows the progress.
    const detail = await findMemberForViewer({ viewer: branchAdmin, memberId });
    expect(detail!.contacts.items.slice(0, 2).map((item) => [item.way, item.outcome])).toEqual(
      expect.arrayContaining([
        ['phone', 'no_answer'],
        ['phone', 'reached'],
      ]),
    );
    const view = await getCallList(db, branchAdmin, id);
    expect(view!.progress).toMatchObject({ called: 1, reached: 1, total: (await entriesOf(id)).length });
    // Pages filter by the calls made and by name; the progress still counts the whole list.
    const pending = await getCallList(db, branchAdmin, id, { show: 'pending' });
    expect(pending!.entries.map((row) => row.memberId)).not.toContain(memberId);
    expect(pending!.progress).toEqual(view!.progress);
    const [named] = await db.select({ name: members.name }).from(members).where(eq(members.id, memberId));
    const found = await getCallList(db, branchAdmin, id, { show: 'all', q: named.name });
    expect(found!.entries.map((row) => row.memberId)).toContain(memberId);
    expect(found!.entries.every((row) => row.name.includes(named.name))).toBe(true);
    expect((await getCallList(db, branchAdmin, id, { show: 'unreached' }))!.entries).toEqual([]);
  });

  it('a wrong number on a member never reached leaves them never reached', async () => {
    const id = await create(branchAdmin);
    const members_ = await entriesOf(id);
    const memberId = members_[members_.length - 1];
    await db.update(members).set({ lastContactOn: null }).where(eq(members.id, memberId));
    expect((await recordCallOutcome(db, ctx(branchAdmin), outcomeSchema.parse({ callListId: id, memberId, outcome: 'wrong_number' }))).status).toBe('success');
    expect(await lastContact(memberId)).toBeNull();
  });

  it('the 动态联系 form still records reached contacts', async () => {
    const [memberId] = await membersOf(branch);
    await db.update(members).set({ lastContactOn: '2025-02-01' }).where(eq(members.id, memberId));
    const state = await recordContact(branchAdmin, { memberId, contactedOn: '2025-03-01', way: 'visit', contactedBy: '王委员', note: null }, { ip: IP });
    expect(state.status).toBe('success');
    expect(await lastContact(memberId)).toBe('2025-03-01');
    const [row] = await db.select().from(memberContacts).where(and(eq(memberContacts.memberId, memberId), eq(memberContacts.contactedOn, '2025-03-01')));
    expect(row.outcome).toBe('reached');
  });

  it('refuses outside the subtree, without capability, a member not on the list, a bad outcome and a closed list, changing nothing', async () => {
    const id = await create(branchAdmin);
    const [memberId] = await entriesOf(id);
    const call = (viewer: Viewer | null, fields: Record<string, string> = {}) => () =>
      recordCallOutcome(db, ctx(viewer), outcomeSchema.parse({ callListId: id, memberId, outcome: 'reached', ...fields }));
    const noArchive = await adminWithAccount(db, branch, ['content', 'pii_reveal']);
    await expectRefusedWithoutChange(call(outsider), 'forbidden', t.errors.listNotFound);
    for (const viewer of [noArchive, await memberWithAccount(db, sql`o.id = ${branch.id}`, 'in the demo branch'), null]) {
      await expectRefusedWithoutChange(call(viewer), 'forbidden', messages.actions.forbidden);
    }
    await expectRefusedWithoutChange(call(branchAdmin, { callListId: crypto.randomUUID() }), 'forbidden', t.errors.listNotFound);
    const [stranger] = await membersOf(otherBranch);
    await expectRefusedWithoutChange(call(branchAdmin, { memberId: stranger }), 'invalid', t.errors.notOnList);
    expect(outcomeSchema.safeParse({ callListId: id, memberId, outcome: 'busy' }).error?.issues[0].message).toBe(t.errors.outcome);
    expect(outcomeSchema.safeParse({ callListId: id, memberId: 'x', outcome: 'reached' }).success).toBe(false);

    await expectRefusedWithoutChange(() => closeCallList(db, ctx(outsider), { callListId: id }), 'forbidden', t.errors.listNotFound);
    const audit = await lastAuditRowId(db);
    expect(await closeCallList(db, ctx(committeeAdmin), { callListId: id })).toMatchObject({ status: 'success' });
    expect((await auditRowsAfter(db, audit)).map((row) => [row.action, row.entity_id])).toEqual([['call_list.close', id]]);
    await expectRefusedWithoutChange(call(branchAdmin), 'failed', t.errors.closed);
    await expectRefusedWithoutChange(() => closeCallList(db, ctx(branchAdmin), { callListId: id }), 'failed', t.errors.alreadyClosed);
  });
});
