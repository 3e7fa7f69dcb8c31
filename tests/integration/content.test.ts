import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { contentColumns, contentItems, contentReads, contentReviews } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { ActionState } from '@/lib/actions/action-state';
import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';
import { createColumn, deleteColumn, listColumnsForAdmin, moveColumn, renameColumn } from '@/lib/content/columns';
import { reviewContentItem, saveContentItem, withdrawContentItem, type SaveIntent } from '@/lib/content/publishing';
import {
  countWaitingForReview,
  getAdminItem,
  getMemberHome,
  getMemberItem,
  getReach,
  listAdminItems,
  listAudienceOptions,
  listColumnItems,
  listPublicFeed,
  searchItems,
  type AdminTab,
  type ItemPage,
} from '@/lib/content/queries';
import { recordHeartbeat, recordView } from '@/lib/content/reading';
import { messages } from '@/lib/i18n/messages';
import { getFileForViewer, saveUpload } from '@/lib/storage/queries';
import { pngBytes } from '@/tests/support/tiny-image';
import { adminWithAccount, demoCountyOrgs, memberWithAccount, type OrgRow } from '@/tests/support/demo-orgs';
import { auditRowsAfter, lastAuditRowId } from '@/tests/support/audit-rows';

// Publishing and reading (issue 6) on a real database (PGlite, and PostgreSQL when configured): an
// admin holding the content capability publishes inside its own subtree or submits upward; the
// level strictly above reviews (approve, forward further up, or return with a note); members see
// only what is published, due, addressed to a subtree holding their branch and, for a targeted
// 就业培训 notice, matching them. Every refused act leaves the items, the trail and the audit log as
// they were.


// A fixed instant for the whole file: the start of the minute the file is loaded in. The demo seed,
// run after it, dates its published items from the clock two to thirty-two days back, so they are
// due at NOW; each step below takes its own minute after it. Items whose files are downloaded are
// published at NOW, as the download path (getFileForViewer) judges by the clock.
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
/** How a datetime-local input spells an instant in Beijing time ('YYYY-MM-DDTHH:mm'). */
const beijingInput = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
/** NOW's Beijing day, for the hand-written age criteria. */
const TODAY = new Date(NOW.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const IP = '198.51.100.61';

const m = messages.content;
const e = m.errors;
const FORBIDDEN = messages.actions.forbidden;
const INVALID = messages.actions.invalid;

let db: Database;
let root: OrgRow;
let committee: OrgRow; // the seed's 'committee' admin's 党委 (城关镇)
let branch: OrgRow; // the seed's 'branch' admin's, under `committee`
let otherCommittee: OrgRow; // another 党委 under the root (陵前镇)
let otherBranch: OrgRow; // a branch of `otherCommittee` that holds members
const columnIds: Record<string, number> = {};

// Admins, each a real `users` row.
let county: Viewer;
let adminA: Viewer; // of `committee`
let adminA2: Viewer; // a second admin of `committee`
let adminB: Viewer; // of `otherCommittee`
let branchAdmin: Viewer; // of `branch`

// Members, each given an account here.
let inBranch: Viewer; // a member of `branch`
let inCommittee: Viewer; // a member of another branch of `committee`
let inOther: Viewer; // a member of a branch of `otherCommittee`

const ctx = (viewer: Viewer | null, now: Date = NOW) => ({ viewer, ip: IP, now });

const adminViewer = (org: OrgRow, capabilities?: Capability[], tier?: Tier) => adminWithAccount(db, org, capabilities, tier);

const memberWhere = (condition: SQL, label: string) => memberWithAccount(db, condition, label);

/** The form an admin posts, as strings. */
const fields = (column: string, audience: OrgRow, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  columnId: String(columnIds[column]),
  audienceOrgId: String(audience.id),
  title: '城关镇流动党员夜校开课',
  summary: '',
  bodyMarkdown: '本期夜校学习新修订的《中国共产党纪律处分条例》，在外党员可在手机上参加。',
  tags: '',
  externalUrl: '',
  publishAt: '',
  ...overrides,
});

const save = (viewer: Viewer | null, raw: Record<string, unknown>, intent: SaveIntent, now: Date = NOW, itemId?: string) =>
  saveContentItem(db, ctx(viewer, now), { ...raw, intent, ...(itemId ? { itemId } : {}) });

async function saveOk(viewer: Viewer, raw: Record<string, unknown>, intent: SaveIntent, now: Date = NOW, itemId?: string): Promise<string> {
  const state = await save(viewer, raw, intent, now, itemId);
  if (state.status !== 'success' || !state.data?.itemId) throw new Error(`${intent}: ${JSON.stringify(state)}`);
  return state.data.itemId;
}

const review = (viewer: Viewer | null, itemId: string, decision: 'approve' | 'return', now: Date = NOW, note?: string) =>
  reviewContentItem(db, ctx(viewer, now), { itemId, decision, ...(note === undefined ? {} : { note }) });
const withdraw = (viewer: Viewer | null, itemId: string, now: Date = NOW, reason?: string) => withdrawContentItem(db, ctx(viewer, now), { itemId, reason });

const rowOf = async (id: string) => (await db.select().from(contentItems).where(eq(contentItems.id, id)))[0];
const itemRows = () => db.select().from(contentItems).orderBy(asc(contentItems.id));
const reviewRows = () => db.select().from(contentReviews).orderBy(asc(contentReviews.id));

/** Every page of a member's list, followed to its end. */
async function allIds(first: (after?: string) => Promise<ItemPage>): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const page = await first(after);
    ids.push(...page.items.map((item) => item.id));
    if (!page.next) return ids;
    after = page.next;
  }
  throw new Error('more than 50 pages');
}
const columnList = (viewer: Viewer, column: string, now: Date = NOW) => allIds((after) => listColumnItems(db, { viewer, columnId: columnIds[column], after, now }));
const searchList = (viewer: Viewer, query: string, now: Date = NOW) => allIds((after) => searchItems(db, { viewer, query, after, now }));
const searchTitles = async (viewer: Viewer, query: string, now: Date = NOW) => (await searchItems(db, { viewer, query, now })).items.map((item) => item.title);
const reads = (viewer: Viewer, itemId: string, now: Date = NOW) => getMemberItem(db, { viewer, itemId, now });
const adminTab = async (viewer: Viewer, tab: AdminTab) => (await listAdminItems(db, { viewer, tab })).map((row) => row.id);

/** Whether a member finds the item anywhere: on its page, in its column, on the home page, by a word of its title. */
async function findsAnywhere(viewer: Viewer, itemId: string, column: string, titleWord: string, now: Date = NOW) {
  const home = await getMemberHome(db, { viewer, now });
  return {
    item: (await reads(viewer, itemId, now)) !== null,
    column: (await columnList(viewer, column, now)).includes(itemId),
    home: [...(home?.pinned ?? []), ...(home?.featured ?? []), ...(home?.latest ?? [])].some((card) => card.id === itemId),
    search: (await searchList(viewer, titleWord, now)).includes(itemId),
  };
}
const everywhere = { item: true, column: true, home: true, search: true };
const nowhere = { item: false, column: false, home: false, search: false };

const lastAuditId = () => lastAuditRowId(db);
const auditAfter = (id: number) => auditRowsAfter(db, id);

/** A refused or invalid act leaves every item and the review trail as they were, and writes no success row. */
async function expectNothingChanged(act: () => Promise<ActionState>, expected: ActionState): Promise<void> {
  const before = { items: await itemRows(), reviews: await reviewRows() };
  const audit = await lastAuditId();
  expect(await act()).toEqual(expected);
  expect({ items: await itemRows(), reviews: await reviewRows() }).toEqual(before);
  expect((await auditAfter(audit)).filter((row) => row.outcome === 'success')).toEqual([]);
}

/** An image the admin uploads from the editor, filed under its org. */
async function uploadImage(viewer: Viewer, name = '夜校现场.png'): Promise<string> {
  const saved = await saveUpload(db, { bytes: pngBytes(), originalName: name, orgId: viewer.orgId, purpose: 'photo', uploadedBy: viewer.userId });
  if (!saved.ok) throw new Error(saved.message);
  return saved.file.id;
}
const downloads = async (viewer: Viewer, fileId: string) => (await getFileForViewer(db, { viewer, fileId }))?.file.id ?? null;

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 200 });
  ({ root, committee, branch, otherCommittee, otherBranch } = await demoCountyOrgs(db));

  for (const column of await db.select().from(contentColumns)) columnIds[column.slug] = column.id;
  expect(Object.keys(columnIds).sort()).toEqual(['cases', 'current-affairs', 'hometown', 'jobs', 'materials', 'news', 'notices', 'regulations', 'theory']);

  county = await adminViewer(root, ['archive', 'content']);
  adminA = await adminViewer(committee);
  adminA2 = await adminViewer(committee);
  adminB = await adminViewer(otherCommittee);
  branchAdmin = await adminViewer(branch, ['archive', 'content']);

  inBranch = await memberWhere(sql`m.org_id = ${branch.id}`, 'in the demo branch');
  inCommittee = await memberWhere(sql`o.path <@ ${committee.path}::ltree AND m.org_id <> ${branch.id}`, 'in another branch of the committee');
  inOther = await memberWhere(sql`m.org_id = ${otherBranch.id}`, 'in the other committee');
}, 120_000);

describe('publishing within the subtree', () => {
  it('refuses a committee admin publishing to the whole county without review, and changes nothing', async () => {
    await expectNothingChanged(() => save(adminA, fields('news', root), 'publish'), { status: 'invalid', message: INVALID, fieldErrors: { audienceOrgId: [e.audienceNeedsReview] } });
    // Nor to another committee's subtree, even through review: it is neither below nor above the writer.
    await expectNothingChanged(() => save(adminA, fields('news', otherCommittee), 'submit'), { status: 'invalid', message: INVALID, fieldErrors: { audienceOrgId: [e.audience] } });
    await expectNothingChanged(() => save(adminA, fields('news', committee, { audienceOrgId: '999999' }), 'publish'), { status: 'invalid', message: INVALID, fieldErrors: { audienceOrgId: [e.audience] } });
  });

  it('publishes to its own subtree at once: its branches’ members read it, another committee’s do not', async () => {
    const before = await lastAuditId();
    const state = await save(adminA, fields('hometown', committee, { title: '城关镇召开流动党员座谈会', tags: '座谈会，流动党员' }), 'publish');
    const id = state.status === 'success' ? state.data!.itemId : '';
    expect(state).toMatchObject({ status: 'success', message: '已发布。', data: { itemId: id } });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    expect(await rowOf(id)).toMatchObject({
      columnId: columnIds.hometown,
      orgId: committee.id,
      audienceOrgId: committee.id,
      title: '城关镇召开流动党员座谈会',
      summary: '本期夜校学习新修订的《中国共产党纪律处分条例》，在外党员可在手机上参加。',
      bodyHtml: '<p>本期夜校学习新修订的《中国共产党纪律处分条例》，在外党员可在手机上参加。</p>\n',
      tags: ['座谈会', '流动党员'],
      status: 'published',
      publishAt: NOW,
      reviewOrgId: null,
      authorUserId: adminA.userId,
    });
    expect(await auditAfter(before)).toEqual([
      {
        action: 'content.publish',
        outcome: 'success',
        entity_type: 'content_item',
        entity_id: id,
        org_id: committee.id,
        actor_user_id: adminA.userId,
        detail: { title: '城关镇召开流动党员座谈会', columnId: columnIds.hometown, audienceOrgId: committee.id, reviewOrgId: null, publishAt: NOW.toISOString(), targeted: false, edited: false },
      },
    ]);

    for (const member of [inBranch, inCommittee]) expect(await findsAnywhere(member, id, 'hometown', '座谈会'), member.displayName).toEqual(everywhere);
    expect(await findsAnywhere(inOther, id, 'hometown', '座谈会')).toEqual(nowhere);
    // The reader's page names the writer and the column.
    expect(await reads(inBranch, id)).toMatchObject({ title: '城关镇召开流动党员座谈会', orgName: committee.name, columnSlug: 'hometown', columnName: '家乡党建', attachments: [] });
    // Its admins list it as published; the other committee's do not.
    expect(await adminTab(adminA2, 'published')).toContain(id);
    expect(await adminTab(adminB, 'published')).not.toContain(id);
    expect(await getAdminItem(db, { viewer: adminB, itemId: id })).toBeNull();
  });

  it('offers as audience its own subtree and, marked as needing review, the orgs above it', async () => {
    const options = await listAudienceOptions(db, adminA);
    const byId = new Map(options.map((option) => [option.id, option.wider]));
    expect(byId.get(root.id)).toBe(true);
    expect(byId.get(committee.id)).toBe(false);
    expect(byId.get(branch.id)).toBe(false);
    expect(byId.has(otherCommittee.id)).toBe(false);
    expect(byId.has(otherBranch.id)).toBe(false);
  });
});

describe('review', () => {
  it('never lets a committee approve its own submission: neither the writer nor a colleague, only the county', async () => {
    const id = await saveOk(adminA, fields('news', root, { title: '城关镇党委关于“流动党员之家”建设情况的报告' }), 'submit');
    expect(await rowOf(id)).toMatchObject({ status: 'pending_review', reviewOrgId: root.id, orgId: committee.id, audienceOrgId: root.id, publishAt: null });
    // Not yet visible to anyone, even in the writer's own branches.
    expect(await reads(inBranch, id)).toBeNull();

    const notReviewable: ActionState = { status: 'forbidden', message: e.notReviewable };
    await expectNothingChanged(() => review(adminA, id, 'approve', at(1)), { status: 'forbidden', message: e.ownSubmission });
    await expectNothingChanged(() => review(adminA2, id, 'approve', at(1)), notReviewable);
    await expectNothingChanged(() => review(adminA2, id, 'return', at(1), '请补充数据'), notReviewable);
    // Nor the branch below it, nor the other committee.
    await expectNothingChanged(() => review(branchAdmin, id, 'approve', at(1)), notReviewable);
    await expectNothingChanged(() => review(adminB, id, 'approve', at(1)), notReviewable);
    expect(await adminTab(adminA2, 'review')).not.toContain(id);
    expect(await adminTab(county, 'review')).toContain(id);

    expect(await review(county, id, 'approve', at(2))).toMatchObject({ status: 'success', message: '审核通过，已发布。' });
    expect(await rowOf(id)).toMatchObject({ status: 'published', reviewOrgId: null, publishAt: at(2) });
    const item = await getAdminItem(db, { viewer: adminA, itemId: id });
    expect(item?.reviews.map((entry) => [entry.decision, entry.orgName, entry.userName, entry.note, entry.at])).toEqual([
      ['submitted', committee.name, adminA.displayName, null, NOW],
      ['approved', root.name, county.displayName, null, at(2)],
    ]);
    expect(await reads(inOther, id, at(3))).not.toBeNull();
  });

  it('does not let an admin approve a submission it made itself for a branch below it', async () => {
    // The branch submits a case for the whole county; the committee returns it; a committee admin
    // edits it and resubmits it itself. That submission is the committee's own: neither the
    // admin who made it nor a colleague at the same committee may pass it on.
    const id = await saveOk(branchAdmin, fields('cases', root, { title: '支部书记带头联系在外党员' }), 'submit');
    expect(await review(adminA2, id, 'return', at(1), '请补充具体做法')).toMatchObject({ status: 'success', message: m.results.returned });
    await saveOk(adminA, fields('cases', root, { title: '支部书记带头联系在外党员', bodyMarkdown: '支部书记每月与每名在外党员通一次电话。' }), 'submit', at(2), id);
    expect(await rowOf(id)).toMatchObject({ status: 'pending_review', orgId: branch.id, authorUserId: branchAdmin.userId });
    const trail = (await getAdminItem(db, { viewer: county, itemId: id }))?.reviews.map((entry) => [entry.decision, entry.userName]);
    expect(trail).toEqual([
      ['submitted', branchAdmin.displayName],
      ['returned', adminA2.displayName],
      ['submitted', adminA.displayName],
    ]);
    for (const [who, reviewer] of [['the admin who resubmitted it', adminA], ['a colleague at the same committee', adminA2]] as const) {
      const before = { item: await rowOf(id), reviews: await reviewRows() };
      const state = await review(reviewer, id, 'approve', at(3));
      expect(state.status, who).toBe('forbidden');
      expect({ item: await rowOf(id), reviews: await reviewRows() }, who).toEqual(before);
    }
    // The county, strictly above the committee, may.
    expect(await review(county, id, 'approve', at(4))).toMatchObject({ status: 'success', message: m.results.approved });
  });

  it('takes a branch’s case up the chain: returned with a note, resubmitted, forwarded by the committee, published by the county', async () => {
    const committeeAdmin = adminA2;
    const waiting = async () => ({ committee: await countWaitingForReview(db, committeeAdmin), county: await countWaitingForReview(db, county) });
    const start = await waiting();

    const first = fields('cases', root, { title: '党员联系卡让在外党员找得到组织', bodyMarkdown: '支部为外出党员制作联系卡。' });
    const state = await save(branchAdmin, first, 'submit');
    expect(state).toMatchObject({ status: 'success', message: '已报上级党组织审核。' });
    const id = state.status === 'success' ? state.data!.itemId : '';
    expect(await rowOf(id)).toMatchObject({ status: 'pending_review', reviewOrgId: committee.id, orgId: branch.id });
    // Waiting at the committee; the county, whose subtree holds the committee, counts it too (it
    // may act in the committee's stead); the writer's branch does not.
    expect(await waiting()).toEqual({ committee: start.committee + 1, county: start.county + 1 });
    expect(await countWaitingForReview(db, branchAdmin)).toBe(0);
    expect(await adminTab(committeeAdmin, 'review')).toContain(id);
    expect(await adminTab(branchAdmin, 'review')).not.toContain(id);
    expect(await adminTab(branchAdmin, 'pending')).toContain(id);
    expect((await getAdminItem(db, { viewer: committeeAdmin, itemId: id }))?.may).toEqual({ edit: false, review: true, withdraw: false });
    expect((await listAdminItems(db, { viewer: county, tab: 'review' })).find((row) => row.id === id)).toMatchObject({ waitingAtName: committee.name });

    // Returning needs a note.
    await expectNothingChanged(() => review(committeeAdmin, id, 'return', at(1)), { status: 'invalid', message: INVALID, fieldErrors: { note: [e.returnNeedsNote] } });
    await expectNothingChanged(() => review(committeeAdmin, id, 'return', at(1), '   '), { status: 'invalid', message: INVALID, fieldErrors: { note: [e.returnNeedsNote] } });
    expect(await review(committeeAdmin, id, 'return', at(1), '请补充联系卡发放的人数和效果。')).toMatchObject({ status: 'success', message: '已退回修改。' });
    expect(await rowOf(id)).toMatchObject({ status: 'returned', reviewOrgId: null, publishAt: null });
    expect(await waiting()).toEqual(start);
    expect(await adminTab(branchAdmin, 'drafts')).toContain(id);
    expect((await getAdminItem(db, { viewer: branchAdmin, itemId: id }))?.may).toEqual({ edit: true, review: false, withdraw: false });
    expect(await reads(inBranch, id, at(1))).toBeNull();

    // The branch edits and resubmits.
    await saveOk(branchAdmin, { ...first, bodyMarkdown: '支部为全部 12 名外出党员制作联系卡，今年无一人失联。' }, 'submit', at(2), id);
    expect(await rowOf(id)).toMatchObject({ status: 'pending_review', reviewOrgId: committee.id, bodyText: '支部为全部 12 名外出党员制作联系卡，今年无一人失联。' });

    // The committee approves: the audience is wider than its subtree, so it goes up to the county.
    expect(await review(committeeAdmin, id, 'approve', at(3), '同意报送。')).toMatchObject({ status: 'success', message: '审核通过，已报送上一级党组织审核。' });
    expect(await rowOf(id)).toMatchObject({ status: 'pending_review', reviewOrgId: root.id, publishAt: null });
    // Off the committee's list, still on the county's, now waiting at the county itself.
    expect(await waiting()).toEqual({ committee: start.committee, county: start.county + 1 });
    expect(await adminTab(committeeAdmin, 'review')).not.toContain(id);
    expect((await listAdminItems(db, { viewer: county, tab: 'review' })).find((row) => row.id === id)).toMatchObject({ status: 'pending_review', waitingAtName: root.name, orgName: branch.name, audienceName: root.name });
    // Having passed it on, the committee may not decide it again.
    await expectNothingChanged(() => review(committeeAdmin, id, 'approve', at(4)), { status: 'forbidden', message: e.notReviewable });
    expect(await reads(inOther, id, at(4))).toBeNull();

    expect(await review(county, id, 'approve', at(5))).toMatchObject({ status: 'success', message: m.results.approved });
    expect(await rowOf(id)).toMatchObject({ status: 'published', reviewOrgId: null, publishAt: at(5) });
    expect(await waiting()).toEqual(start);

    // A member of another committee now reads it, in the cases column too.
    expect(await reads(inOther, id, at(6))).toMatchObject({ title: '党员联系卡让在外党员找得到组织', orgName: branch.name, columnSlug: 'cases', bodyText: '支部为全部 12 名外出党员制作联系卡，今年无一人失联。' });
    expect(await columnList(inOther, 'cases', at(6))).toContain(id);

    const item = await getAdminItem(db, { viewer: branchAdmin, itemId: id });
    expect(item?.reviews.map((entry) => [entry.decision, entry.orgName, entry.note, entry.at])).toEqual([
      ['submitted', branch.name, null, NOW],
      ['returned', committee.name, '请补充联系卡发放的人数和效果。', at(1)],
      ['submitted', branch.name, null, at(2)],
      ['forwarded', committee.name, '同意报送。', at(3)],
      ['approved', root.name, null, at(5)],
    ]);
    expect(item?.may).toEqual({ edit: true, review: false, withdraw: true });
  });

  it('lets no one review an item that is not pending', async () => {
    const id = await saveOk(adminA, fields('news', committee, { title: '城关镇党委召开全体会议' }), 'draft');
    await expectNothingChanged(() => review(county, id, 'approve'), { status: 'forbidden', message: e.notReviewable });
    await expectNothingChanged(() => review(county, '00000000-0000-4000-8000-000000000000', 'approve'), { status: 'forbidden', message: e.notFound });
  });
});

describe('what members see', () => {
  it('shows an item addressed to one committee, and its image, only to that committee’s members', async () => {
    const imageId = await uploadImage(adminA);
    const id = await saveOk(adminA, fields('news', committee, { title: '城关镇河滨夜校首期结业', bodyMarkdown: `首期夜校结业。\n\n![夜校](/files/${imageId})`, pinned: 'on', featured: 'on' }), 'publish');
    expect(await rowOf(id)).toMatchObject({ fileIds: [imageId], pinned: true, featured: true });

    for (const member of [inBranch, inCommittee]) {
      expect(await findsAnywhere(member, id, 'news', '河滨夜校', at(1)), member.displayName).toEqual(everywhere);
      expect(await downloads(member, imageId)).toBe(imageId);
    }
    const home = await getMemberHome(db, { viewer: inBranch, now: at(1) });
    expect(home?.pinned.map((card) => card.id)).toContain(id);
    expect(home?.featured.map((card) => card.id)).toContain(id);

    expect(await findsAnywhere(inOther, id, 'news', '河滨夜校', at(1))).toEqual(nowhere);
    expect(await downloads(inOther, imageId)).toBeNull();
    // The other committee's admin neither opens the item nor the image.
    expect(await getAdminItem(db, { viewer: adminB, itemId: id })).toBeNull();
    expect(await downloads(adminB, imageId)).toBeNull();
  });

  it('hides drafts, pending, returned, withdrawn and scheduled items from members, and shows the scheduled one when its time comes', async () => {
    const title = (state: string) => ({ title: `${state}：城关镇状态检验通知` });
    const draft = await saveOk(adminA, fields('notices', root, title('草稿')), 'draft');
    const pending = await saveOk(adminA, fields('notices', root, title('待审')), 'submit');
    const returned = await saveOk(adminA, fields('notices', root, title('退回')), 'submit');
    expect(await review(county, returned, 'return', at(1), '标题请再斟酌。')).toMatchObject({ status: 'success' });
    const withdrawn = await saveOk(adminA, fields('notices', committee, title('撤回')), 'publish');
    expect(await withdraw(adminA, withdrawn, at(1))).toMatchObject({ status: 'success' });
    const scheduledState = await save(adminA, fields('notices', committee, { ...title('定时'), publishAt: beijingInput(at(24 * 60)) }), 'publish');
    expect(scheduledState).toMatchObject({ status: 'success', message: '已设定定时发布，到时党员即可看到。' });
    const scheduled = scheduledState.status === 'success' ? scheduledState.data!.itemId : '';
    const published = await saveOk(adminA, fields('notices', committee, title('已发布')), 'publish');

    expect((await db.select({ id: contentItems.id, status: contentItems.status, publishAt: contentItems.publishAt }).from(contentItems).where(sql`${contentItems.title} LIKE '%状态检验%'`)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        { id: draft, status: 'draft', publishAt: null },
        { id: pending, status: 'pending_review', publishAt: null },
        { id: returned, status: 'returned', publishAt: null },
        { id: withdrawn, status: 'withdrawn', publishAt: NOW },
        { id: scheduled, status: 'published', publishAt: at(24 * 60) },
        { id: published, status: 'published', publishAt: NOW },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );

    for (const member of [inBranch, inCommittee]) {
      for (const hidden of [draft, pending, returned, withdrawn, scheduled]) {
        expect(await findsAnywhere(member, hidden, 'notices', '状态检验', at(2)), `${member.displayName} ${hidden}`).toEqual(nowhere);
      }
      expect(await searchTitles(member, '状态检验', at(2))).toEqual(['已发布：城关镇状态检验通知']);
    }
    // A minute before its time it is still hidden; once the time has passed it is there.
    expect(await reads(inBranch, scheduled, at(24 * 60 - 1))).toBeNull();
    expect(await reads(inBranch, scheduled, at(24 * 60 + 1))).toMatchObject({ title: '定时：城关镇状态检验通知' });
    expect(await searchTitles(inBranch, '状态检验', at(24 * 60 + 1))).toEqual(['定时：城关镇状态检验通知', '已发布：城关镇状态检验通知']);
    expect(await searchTitles(inOther, '状态检验', at(24 * 60 + 1))).toEqual([]);
  });

  it('answers admins and callers who are not members with nothing', async () => {
    expect(await getMemberHome(db, { viewer: adminA, now: NOW })).toBeNull();
    expect(await listColumnItems(db, { viewer: county, columnId: columnIds.regulations, now: NOW })).toEqual({ items: [], next: null });
    expect(await searchItems(db, { viewer: county, query: '章程', now: NOW })).toEqual({ items: [], next: null });
  });
});

describe('targeted 就业培训 notices', () => {
  /** Members of the subtree at `path` the product counts as reachable (not transferred out, not suspended), meeting `criterion`. */
  async function countMembers(path: string, criterion: SQL): Promise<number> {
    const [{ count }] = await queryRows<{ count: number }>(
      db,
      sql`SELECT count(*)::int AS count FROM members m JOIN orgs o ON o.id = m.org_id
          WHERE o.path <@ ${path}::ltree AND m.status NOT IN ('transferred_out', 'suspended') AND ${criterion}`,
    );
    return count;
  }
  const reachOf = async (id: string) => {
    const item = (await getAdminItem(db, { viewer: county, itemId: id }))!;
    return getReach(db, item, item.audiencePath, NOW);
  };

  it('reaches members holding the skill, and counts who opened it', async () => {
    const welder = await memberWhere(sql`'焊工' = ANY(m.skills)`, 'who is a welder');
    const notWelder = await memberWhere(sql`NOT ('焊工' = ANY(m.skills))`, 'who is no welder');
    const id = await saveOk(county, fields('jobs', root, { title: '县城工业园招聘焊工', targetSkills: ['焊工'] }), 'publish');
    expect(await rowOf(id)).toMatchObject({ targetSkills: ['焊工'], targetRegionCodes: [], targetAgeBands: [] });

    const card = (await listColumnItems(db, { viewer: welder, columnId: columnIds.jobs, now: NOW })).items.find((item) => item.id === id);
    expect(card).toMatchObject({ title: '县城工业园招聘焊工', targeted: true, read: false });
    expect(await reads(welder, id)).not.toBeNull();
    expect(await reads(notWelder, id)).toBeNull();
    expect(await columnList(notWelder, 'jobs')).not.toContain(id);

    const audience = await countMembers(root.path, sql`'焊工' = ANY(m.skills)`);
    expect(audience).toBeGreaterThan(1);
    expect(await reachOf(id)).toEqual({ audience, opened: 0, readSeconds: 0, downloads: 0 });
    await recordView(db, { viewer: welder, itemId: id, now: NOW });
    await recordView(db, { viewer: welder, itemId: id, now: at(1) });
    expect(await reachOf(id)).toEqual({ audience, opened: 1, readSeconds: 0, downloads: 0 });
    expect((await listColumnItems(db, { viewer: welder, columnId: columnIds.jobs, now: at(2) })).items.find((item) => item.id === id)?.read).toBe(true);
  });

  it('reaches members away in a Shenzhen district by the city code, not those at home or in another city', async () => {
    const inShenzhen = await memberWhere(sql`e.region_code LIKE '4403%' AND o.path <@ ${committee.path}::ltree`, 'away in Shenzhen');
    const inGuangzhou = await memberWhere(sql`e.region_code LIKE '4401%' AND o.path <@ ${committee.path}::ltree`, 'away in Guangzhou');
    const atHome = await memberWhere(sql`e.id IS NULL AND m.status = 'registered' AND o.path <@ ${committee.path}::ltree`, 'at home');
    await expectNothingChanged(() => save(adminA, fields('jobs', committee, { targetRegionCodes: ['4499'] }), 'publish'), { status: 'invalid', message: INVALID, fieldErrors: { targetRegionCodes: [e.region] } });

    // The committee's notice, for its own members in Shenzhen.
    const id = await saveOk(adminA, fields('jobs', committee, { title: '深圳电子厂招聘普工', targetRegionCodes: ['4403'] }), 'publish');
    expect(await reads(inShenzhen, id)).not.toBeNull();
    expect(await reads(atHome, id)).toBeNull();
    expect(await reads(inGuangzhou, id)).toBeNull();

    const audience = await countMembers(committee.path, sql`EXISTS (SELECT 1 FROM outflow_episodes e WHERE e.member_id = m.id AND e.ended_on IS NULL AND e.region_code LIKE '4403%')`);
    expect(audience).toBeGreaterThan(1);
    expect((await reachOf(id)).audience).toBe(audience);
    // The whole county's members in Shenzhen are more than the committee's.
    expect(await countMembers(root.path, sql`EXISTS (SELECT 1 FROM outflow_episodes e WHERE e.member_id = m.id AND e.ended_on IS NULL AND e.region_code LIKE '4403%')`)).toBeGreaterThan(audience);
  });

  it('reaches members by age band', async () => {
    const young = await memberWhere(sql`m.birth_date BETWEEN '1996-01-01' AND '2005-12-31'`, 'born 1996–2005');
    const old = await memberWhere(sql`m.birth_date <= '1955-12-31'`, 'born before 1956');
    const id = await saveOk(county, fields('jobs', root, { title: '青年创业培训班招生', targetAgeBands: ['upTo35'] }), 'publish');
    expect(await reads(young, id)).not.toBeNull();
    expect(await reads(old, id)).toBeNull();
    // 35 and under on NOW's Beijing day: born after the day 36 years before it.
    const audience = await countMembers(root.path, sql`m.birth_date > (${TODAY}::date - interval '36 years')::date`);
    expect((await reachOf(id)).audience).toBe(audience);

    const both = await saveOk(county, fields('jobs', root, { title: '老党员电工技能复训', targetAgeBands: ['over60'], targetSkills: ['电工'] }), 'publish');
    expect((await reachOf(both)).audience).toBe(await countMembers(root.path, sql`m.birth_date <= (${TODAY}::date - interval '61 years')::date AND '电工' = ANY(m.skills)`));
    expect(await reads(young, both)).toBeNull();
  });
});

describe('the body as members see it', () => {
  it('stores a sanitised body: no script, no javascript: link, no event handler, the typed text shown escaped', async () => {
    const body = '夜校通知如下。\n\n<script>alert(1)</script>\n\n报名请点[x](javascript:alert(1))\n\n<img src=x onerror=alert(1)>';
    const id = await saveOk(adminA, fields('notices', committee, { title: '夜校报名须知', bodyMarkdown: body }), 'publish');
    const row = await rowOf(id);
    expect(row.bodyMarkdown).toBe(body);
    expect(row.bodyHtml).not.toContain('<script');
    expect(row.bodyHtml).not.toContain('javascript:');
    expect(row.bodyHtml).not.toMatch(/<[a-z][^>]*\sonerror=/i);
    expect(row.bodyHtml).not.toContain('<img');
    expect(row.bodyHtml).toBe('<p>夜校通知如下。</p>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>报名请点x</p>\n<p>&lt;img src=x onerror=alert(1)&gt;</p>\n');
    expect(row.bodyText).toBe('夜校通知如下。 <script>alert(1)</script> 报名请点x <img src=x onerror=alert(1)>');
    expect((await reads(inBranch, id))?.bodyHtml).toBe(row.bodyHtml);
  });
});

describe('files in items', () => {
  it('refuses a body image another committee uploaded, accepts the writer’s own, and lets only the audience download it', async () => {
    const theirs = await uploadImage(adminB, '陵前镇.png');
    const ours = await uploadImage(adminA, '城关镇.png');
    await expectNothingChanged(() => save(adminA, fields('news', committee, { bodyMarkdown: `![图](/files/${theirs})` }), 'publish'), {
      status: 'invalid',
      message: INVALID,
      fieldErrors: { bodyMarkdown: [e.bodyFile] },
    });
    await expectNothingChanged(() => save(adminA, fields('news', committee, { coverFileId: theirs }), 'draft'), { status: 'invalid', message: INVALID, fieldErrors: { coverFileId: [e.file] } });
    await expectNothingChanged(() => save(adminA, fields('news', committee, { bodyMarkdown: '见图', attachmentFileIds: ['00000000-0000-4000-8000-000000000000'] }), 'draft'), {
      status: 'invalid',
      message: INVALID,
      fieldErrors: { attachmentFileIds: [e.file] },
    });

    // A draft showing it opens to no member yet.
    const id = await saveOk(adminA, fields('news', committee, { title: '城关镇党员志愿服务掠影', bodyMarkdown: `志愿服务现场。\n\n![图](/files/${ours})`, coverFileId: ours }), 'draft');
    expect(await rowOf(id)).toMatchObject({ coverFileId: ours, fileIds: [ours] });
    expect(await downloads(inBranch, ours)).toBeNull();
    expect(await downloads(adminA2, ours)).toBe(ours);

    await saveOk(adminA, fields('news', committee, { title: '城关镇党员志愿服务掠影', bodyMarkdown: `志愿服务现场。\n\n![图](/files/${ours})`, coverFileId: ours }), 'publish', NOW, id);
    expect(await downloads(inBranch, ours)).toBe(ours);
    expect(await downloads(inCommittee, ours)).toBe(ours);
    expect(await downloads(inOther, ours)).toBeNull();
    // The other committee's file stays its own: the writer's members cannot reach it.
    expect(await downloads(inBranch, theirs)).toBeNull();
  });
});

describe('reading records', () => {
  it('adds at most one heartbeat’s worth of reading time, and nothing for an item the member cannot read', async () => {
    const id = await saveOk(adminA, fields('theory', committee, { title: '怎样在外坚持三会一课' }), 'publish');
    const readRow = async (viewer: Viewer) =>
      (await db.select({ views: contentReads.views, readSeconds: contentReads.readSeconds }).from(contentReads).where(sql`${contentReads.memberId} = ${viewer.memberId!} AND ${contentReads.itemId} = ${id}`))[0];
    const t0 = at(10);
    await recordView(db, { viewer: inBranch, itemId: id, now: t0 });
    expect(await readRow(inBranch)).toEqual({ views: 1, readSeconds: 0 });
    expect(await recordHeartbeat(db, { viewer: inBranch, itemId: id, now: new Date(t0.getTime() + 60_000) })).toBe(true);
    expect(await readRow(inBranch)).toEqual({ views: 1, readSeconds: 15 });
    expect(await recordHeartbeat(db, { viewer: inBranch, itemId: id, now: new Date(t0.getTime() + 61_000) })).toBe(true);
    expect(await readRow(inBranch)).toEqual({ views: 1, readSeconds: 16 });

    expect(await recordHeartbeat(db, { viewer: inOther, itemId: id, now: new Date(t0.getTime() + 61_000) })).toBe(false);
    expect(await readRow(inOther)).toBeUndefined();
    const item = (await getAdminItem(db, { viewer: adminA, itemId: id }))!;
    expect(await getReach(db, item, item.audiencePath, NOW)).toMatchObject({ opened: 1, readSeconds: 16 });
  });
});

describe('withdrawal', () => {
  it('is the writer’s subtree’s to do: members no longer see the item; another committee may not, and a draft cannot be withdrawn', async () => {
    const id = await saveOk(adminA, fields('news', committee, { title: '城关镇“七一”表彰名单公示' }), 'publish');
    expect(await reads(inBranch, id)).not.toBeNull();
    await expectNothingChanged(() => withdraw(adminB, id, at(1)), { status: 'forbidden', message: e.notFound });
    await expectNothingChanged(() => withdraw(inBranch, id, at(1)), { status: 'forbidden', message: FORBIDDEN });

    const before = await lastAuditId();
    expect(await withdraw(adminA2, id, at(1), ' 名单有误，更正后重新发布 ')).toMatchObject({ status: 'success', message: '已撤回，党员不再看到这条内容。' });
    expect(await rowOf(id)).toMatchObject({ status: 'withdrawn', withdrawnAt: at(1) });
    expect(await auditAfter(before)).toEqual([
      {
        action: 'content.withdraw',
        outcome: 'success',
        entity_type: 'content_item',
        entity_id: id,
        org_id: committee.id,
        actor_user_id: adminA2.userId,
        detail: { title: '城关镇“七一”表彰名单公示', reason: '名单有误，更正后重新发布' },
      },
    ]);
    expect(await findsAnywhere(inBranch, id, 'news', '表彰名单', at(2))).toEqual(nowhere);
    expect(await adminTab(adminA, 'withdrawn')).toContain(id);
    expect(await adminTab(adminA, 'published')).not.toContain(id);
    // Twice is refused.
    await expectNothingChanged(() => withdraw(adminA, id, at(2)), { status: 'failed', message: e.notPublished });

    const draft = await saveOk(adminA, fields('news', committee, { title: '城关镇党委会议纪要（草稿）' }), 'draft');
    await expectNothingChanged(() => withdraw(adminA, draft), { status: 'failed', message: e.notPublished });
  });

  it('lets the county take down what a committee published to the whole county', async () => {
    const id = await saveOk(adminA, fields('news', root, { title: '城关镇流动党员服务站揭牌' }), 'submit');
    expect(await review(county, id, 'approve', at(1))).toMatchObject({ status: 'success' });
    expect(await reads(inOther, id, at(2))).not.toBeNull();
    expect(await withdraw(county, id, at(2))).toMatchObject({ status: 'success' });
    expect(await reads(inOther, id, at(3))).toBeNull();
  });
});

describe('search', () => {
  it('finds the seeded regulation by a two-character word, and nothing for a word no item holds', async () => {
    expect(await searchTitles(inBranch, '章程')).toEqual(['中国共产党章程']);
    expect(await searchTitles(inOther, '章程')).toEqual(['中国共产党章程']);
    // A word in the body only (第四章 党员日常管理: 党费收缴).
    expect(await searchTitles(inBranch, '党费')).toEqual(['中国共产党党员教育管理工作条例']);
    expect(await searchTitles(inBranch, '  党费   条例 ')).toEqual(['中国共产党党员教育管理工作条例']);
    expect(await searchTitles(inBranch, '量子纠缠')).toEqual([]);
    expect(await searchTitles(inBranch, '')).toEqual([]);
    // Wildcards typed in are taken literally.
    expect(await searchTitles(inBranch, '%章')).toEqual([]);
  });
});

describe('the public feed (RSS)', () => {
  it('carries what the whole county reads, never a subtree’s item, a targeted notice or one not yet due', async () => {
    const countyWide = await saveOk(county, fields('news', root, { title: '全县通报：流动党员服务站挂牌' }), 'publish');
    const subtreeOnly = await saveOk(adminA, fields('news', committee, { title: '城关镇内部通报' }), 'publish');
    const scheduled = await saveOk(county, fields('news', root, { title: '明日发布的新闻', publishAt: beijingInput(at(60)) }), 'publish');
    const targeted = await saveOk(county, fields('jobs', root, { title: '只给焊工的招聘', targetSkills: ['焊工'] }), 'publish');
    const news = (await listPublicFeed(db, columnIds.news, at(1))).map((entry) => entry.id);
    expect(news).toContain(countyWide);
    expect(news).not.toContain(subtreeOnly);
    expect(news).not.toContain(scheduled);
    expect((await listPublicFeed(db, columnIds.jobs, at(1))).map((entry) => entry.id)).not.toContain(targeted);
    expect((await listPublicFeed(db, columnIds.news, at(61))).map((entry) => entry.id)).toContain(scheduled);
  });
});

describe('栏目管理', () => {
  const ca = messages.content.columnAdmin;
  const names = async () => (await listColumnsForAdmin(db)).map((column) => column.name);

  it('lets the county add, rename, reorder and remove an empty column, which members then see', async () => {
    expect(await createColumn(db, ctx(county), { name: '党史学习', slug: 'party-history', kind: 'articles' })).toEqual({ status: 'success', message: ca.results.created('党史学习') });
    expect((await names()).at(-1)).toBe('党史学习');
    const added = (await listColumnsForAdmin(db)).find((column) => column.slug === 'party-history')!;
    expect(await renameColumn(db, ctx(county), { columnId: added.id, name: '党史教育' })).toMatchObject({ status: 'success' });
    expect(await moveColumn(db, ctx(county), { columnId: added.id, direction: 'up' })).toMatchObject({ status: 'success' });
    const order = await names();
    expect(order.indexOf('党史教育')).toBe(order.length - 2);
    expect(await moveColumn(db, ctx(county), { columnId: (await listColumnsForAdmin(db))[0].id, direction: 'up' })).toEqual({ status: 'failed', message: ca.errors.cannotMove });
    expect(await deleteColumn(db, ctx(county), { columnId: added.id })).toEqual({ status: 'success', message: ca.results.deleted('党史教育') });
    expect(await names()).not.toContain('党史教育');
  });

  it('keeps a column with items, refuses a slug already taken, and lets no committee touch the list', async () => {
    const before = await listColumnsForAdmin(db);
    const news = before.find((column) => column.slug === 'news')!;
    expect(await deleteColumn(db, ctx(county), { columnId: news.id })).toEqual({ status: 'failed', message: ca.errors.notEmpty(news.items) });
    expect(await createColumn(db, ctx(county), { name: '又一个新闻', slug: 'news', kind: 'articles' })).toEqual({ status: 'invalid', message: INVALID, fieldErrors: { slug: [ca.errors.slugTaken] } });
    for (const viewer of [adminA, branchAdmin, inBranch, null]) {
      expect(await renameColumn(db, ctx(viewer), { columnId: news.id, name: '改掉' })).toEqual({ status: 'forbidden', message: ca.errors.countyOnly });
      expect(await createColumn(db, ctx(viewer), { name: '支部栏目', slug: 'branch-column', kind: 'articles' })).toMatchObject({ status: 'forbidden' });
    }
    expect(await listColumnsForAdmin(db)).toEqual(before);
  });
});

describe('forged input', () => {
  it('refuses an unknown column, another subtree’s item, and edits of a pending item', async () => {
    await expectNothingChanged(() => save(adminA, fields('news', committee, { columnId: '999' }), 'publish'), { status: 'invalid', message: INVALID, fieldErrors: { columnId: [e.column] } });
    await expectNothingChanged(() => save(adminA, fields('news', committee, { columnId: 'news' }), 'publish'), { status: 'invalid', message: INVALID, fieldErrors: { columnId: [e.column] } });

    const theirs = await saveOk(adminB, fields('news', otherCommittee, { title: '陵前镇党委工作动态' }), 'publish');
    for (const intent of ['draft', 'publish', 'submit'] as const) {
      await expectNothingChanged(() => save(adminA, fields('news', committee, { title: '改写' }), intent, NOW, theirs), { status: 'forbidden', message: e.notFound });
    }
    await expectNothingChanged(() => save(adminA, fields('news', committee), 'publish', NOW, '00000000-0000-4000-8000-000000000000'), { status: 'forbidden', message: e.notFound });

    const pending = await saveOk(adminA, fields('news', root, { title: '城关镇党委报送的经验材料' }), 'submit');
    for (const intent of ['draft', 'publish', 'submit'] as const) {
      await expectNothingChanged(() => save(adminA, fields('news', root, { title: '改写' }), intent, NOW, pending), { status: 'failed', message: e.pendingLocked });
    }
    // A published item stays published when edited: saving it as a draft is refused.
    const published = await saveOk(adminA, fields('news', committee, { title: '城关镇党委工作动态' }), 'publish');
    await expectNothingChanged(() => save(adminA, fields('news', committee), 'draft', NOW, published), { status: 'failed', message: e.publishedStaysPublished });
    // Edited in place, it keeps its first publication time.
    await saveOk(adminA, fields('news', committee, { title: '城关镇党委工作动态（更新）' }), 'publish', at(30), published);
    expect(await rowOf(published)).toMatchObject({ title: '城关镇党委工作动态（更新）', status: 'published', publishAt: NOW, updatedAt: at(30) });
  });

  it('refuses members, admins without the content capability and callers who are not signed in', async () => {
    const noContent = await adminViewer(committee, ['archive', 'org_life']);
    const hostAdmin = await adminViewer(otherCommittee, ['content'], 'host_admin');
    const id = await saveOk(adminA, fields('news', root, { title: '城关镇党委报送的工作总结' }), 'submit');
    const published = await saveOk(adminA, fields('news', committee, { title: '城关镇党委工作简报' }), 'publish');
    const refused: ActionState = { status: 'forbidden', message: FORBIDDEN };
    for (const viewer of [inBranch, noContent, hostAdmin, null]) {
      await expectNothingChanged(() => save(viewer, fields('news', committee), 'publish'), refused);
      await expectNothingChanged(() => save(viewer, fields('news', committee), 'draft', NOW, published), refused);
      await expectNothingChanged(() => review(viewer, id, 'approve'), refused);
      await expectNothingChanged(() => withdraw(viewer, published), refused);
    }
    for (const viewer of [inBranch, noContent]) {
      expect(await listAdminItems(db, { viewer, tab: 'published' })).toEqual([]);
      expect(await countWaitingForReview(db, viewer)).toBe(0);
      expect(await getAdminItem(db, { viewer, itemId: published })).toBeNull();
    }
    // A member's account never opens an admin's view even with the capability forged onto it.
    await expectNothingChanged(() => save({ ...inBranch, capabilities: ['content'] }, fields('news', branch), 'publish'), refused);
  });
});
