import 'server-only';
import { and, asc, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Executor } from '@/db/client';
import { queryRows } from '@/db/rows';
import { contentColumns, contentItems, contentReads, contentReviews, files, members, orgs, outflowEpisodes, users, type ContentColumn, type ContentItem } from '@/db/schema';
import { orgPathInScope } from '@/lib/auth/access';
import { inViewerScope } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { ageBandBirthRange } from '@/lib/members/list-filter';
import { beijingDay } from '@/lib/time/beijing';
import type { ContentStatus, ReviewDecision } from './content-kinds';
import { listColumnsForAdmin } from './columns';
import { mayReviewAt, regionAncestors, type ContentTarget } from './content-rules';
import { mayEditContent } from './publishing';

// Reads of published content. Members see an item when it is published (its time has come), its
// audience subtree holds their branch and, for a targeted notice, they match every criterion it
// sets. Admins see the items their subtree wrote, those addressed to it, and those waiting for
// their review. Every function takes the viewer and scopes by it.

export const CONTENT_PAGE_SIZE = 20;
/**
 * Newest first, in the published-items indexes' own order: they are built DESC NULLS LAST, and a
 * bare DESC (nulls first) would make PostgreSQL read and sort every visible item instead.
 */
const NEWEST_FIRST = [sql`${contentItems.publishAt} DESC NULLS LAST`, sql`${contentItems.id} DESC NULLS LAST`] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const listColumns = (db: Executor = getDb()): Promise<ContentColumn[]> => db.select().from(contentColumns).orderBy(asc(contentColumns.sortOrder), asc(contentColumns.id));

export async function getColumnBySlug(db: Executor, slug: string): Promise<ContentColumn | undefined> {
  if (!/^[a-z0-9-]{1,40}$/.test(slug)) return undefined;
  return (await db.select().from(contentColumns).where(eq(contentColumns.slug, slug)))[0];
}

// --- The public feed -----------------------------------------------------------------------------

export type FeedEntry = { id: string; title: string; summary: string; bodyHtml: string; publishAt: Date; orgName: string };

/**
 * A column's RSS entries: only what the whole county may read — published, its time come, addressed
 * to the county (the root of the tree) and targeted at no one. Subtree and targeted items never
 * leave the app, since a feed reader carries no member's session.
 */
export async function listPublicFeed(db: Executor, columnId: number, now = new Date(), limit = 30): Promise<FeedEntry[]> {
  return db
    .select({
      id: contentItems.id,
      title: contentItems.title,
      summary: contentItems.summary,
      bodyHtml: contentItems.bodyHtml,
      publishAt: sql<Date>`${contentItems.publishAt}`.mapWith(contentItems.publishAt),
      orgName: orgs.name,
    })
    .from(contentItems)
    .innerJoin(orgs, eq(orgs.id, contentItems.orgId))
    .where(
      and(
        eq(contentItems.columnId, columnId),
        eq(contentItems.status, 'published'),
        lte(contentItems.publishAt, now),
        sql`${contentItems.audienceOrgId} IN (SELECT id FROM ${orgs} WHERE ${orgs.parentId} IS NULL)`,
        eq(contentItems.targeted, false),
      ),
    )
    .orderBy(...NEWEST_FIRST)
    .limit(limit);
}

// --- Members -------------------------------------------------------------------------------------

/** What decides which items a member sees: the branch's ancestry and the targeting fields. */
export type ReaderProfile = {
  memberId: string;
  ancestorOrgIds: number[];
  skills: string[];
  occupation: string | null;
  industry: string | null;
  birthDate: string;
  awayRegionCode: string | null;
};

export async function getReaderProfile(db: Executor, viewer: Viewer): Promise<ReaderProfile | null> {
  if (viewer.tier !== 'member' || !viewer.memberId) return null;
  const [row] = await db
    .select({
      path: orgs.path,
      skills: members.skills,
      occupation: members.occupation,
      industry: members.industry,
      birthDate: members.birthDate,
      awayRegionCode: outflowEpisodes.regionCode,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .leftJoin(outflowEpisodes, and(eq(outflowEpisodes.memberId, members.id), isNull(outflowEpisodes.endedOn)))
    .where(eq(members.id, viewer.memberId));
  if (!row) return null;
  return { memberId: viewer.memberId, ancestorOrgIds: row.path.split('.').map(Number), ...row };
}

/** The SQL twin of matchesTarget (content-rules.ts), on the item's columns against one reader. */
function matchesReader(reader: ReaderProfile, today: string): SQL {
  const bands = (['upTo35', '36to45', '46to60', 'over60'] as const).filter((band) => {
    const range = ageBandBirthRange(band, today);
    return (!range.bornAfter || reader.birthDate > range.bornAfter) && (!range.bornOnOrBefore || reader.birthDate <= range.bornOnOrBefore);
  });
  const text = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;
  return sql`(NOT ${contentItems.targeted} OR ((cardinality(${contentItems.targetSkills}) = 0 OR ${contentItems.targetSkills} && ${text(reader.skills)})
    AND (cardinality(${contentItems.targetOccupations}) = 0 OR ${contentItems.targetOccupations} && ${text(reader.occupation ? [reader.occupation] : [])})
    AND (cardinality(${contentItems.targetIndustries}) = 0 OR ${contentItems.targetIndustries} && ${text(reader.industry ? [reader.industry] : [])})
    AND (cardinality(${contentItems.targetRegionCodes}) = 0 OR ${contentItems.targetRegionCodes} && ${text(regionAncestors(reader.awayRegionCode))})
    AND (cardinality(${contentItems.targetAgeBands}) = 0 OR ${contentItems.targetAgeBands} && ${text(bands)})))`;
}

/** Published, its time come, addressed to a subtree holding the reader's branch, and matching the reader. */
function visibleTo(reader: ReaderProfile, now: Date): SQL {
  return and(
    eq(contentItems.status, 'published'),
    lte(contentItems.publishAt, now),
    sql`${contentItems.audienceOrgId} = ANY(${sql.param(reader.ancestorOrgIds)}::int[])`,
    matchesReader(reader, beijingDay(now)),
  )!;
}

export type ItemCard = {
  id: string;
  title: string;
  summary: string;
  columnSlug: string;
  columnName: string;
  coverFileId: string | null;
  publishAt: Date;
  pinned: boolean;
  featured: boolean;
  targeted: boolean;
  read: boolean;
};

function cardSelection(reader: ReaderProfile) {
  return {
    id: contentItems.id,
    title: contentItems.title,
    summary: contentItems.summary,
    columnSlug: contentColumns.slug,
    columnName: contentColumns.name,
    coverFileId: contentItems.coverFileId,
    publishAt: sql<Date>`${contentItems.publishAt}`.mapWith(contentItems.publishAt),
    pinned: contentItems.pinned,
    featured: contentItems.featured,
    targeted: contentItems.targeted,
    read: sql<boolean>`EXISTS (SELECT 1 FROM ${contentReads} WHERE ${contentReads.memberId} = ${reader.memberId} AND ${contentReads.itemId} = ${contentItems.id})`,
  };
}

export type ItemPage = { items: ItemCard[]; next: string | null };

export const cursorOf = (card: Pick<ItemCard, 'publishAt' | 'id'>): string => `${card.publishAt.toISOString()}_${card.id}`;
function parseCursor(cursor: string | undefined): { at: Date; id: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_([0-9a-f-]{36})$/i.exec(cursor ?? '');
  if (!match || !UUID.test(match[2])) return null;
  const at = new Date(match[1]);
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2].toLowerCase() };
}
const before = (cursor: { at: Date; id: string } | null): SQL | undefined =>
  cursor ? sql`(${contentItems.publishAt}, ${contentItems.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)` : undefined;

async function pageOf(db: Executor, reader: ReaderProfile, where: SQL, cursorText: string | undefined, now: Date, limit = CONTENT_PAGE_SIZE): Promise<ItemPage> {
  const rows = await db
    .select(cardSelection(reader))
    .from(contentItems)
    .innerJoin(contentColumns, eq(contentColumns.id, contentItems.columnId))
    .where(and(visibleTo(reader, now), where, before(parseCursor(cursorText))))
    .orderBy(...NEWEST_FIRST)
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? cursorOf(items[items.length - 1]) : null };
}

export type MemberHome = { pinned: ItemCard[]; featured: ItemCard[]; latest: ItemCard[] };

/** 首页: pinned notices, the highlights carousel, the newest items. */
export async function getMemberHome(db: Executor, { viewer, now = new Date() }: { viewer: Viewer; now?: Date }): Promise<MemberHome | null> {
  const reader = await getReaderProfile(db, viewer);
  if (!reader) return null;
  const [pinned, featured, latest] = await Promise.all([
    pageOf(db, reader, eq(contentItems.pinned, true), undefined, now, 5),
    pageOf(db, reader, eq(contentItems.featured, true), undefined, now, 5),
    pageOf(db, reader, sql`NOT ${contentItems.pinned}`, undefined, now, 10),
  ]);
  return { pinned: pinned.items, featured: featured.items, latest: latest.items };
}

export async function listColumnItems(db: Executor, { viewer, columnId, after, now = new Date() }: { viewer: Viewer; columnId: number; after?: string; now?: Date }): Promise<ItemPage> {
  const reader = await getReaderProfile(db, viewer);
  if (!reader) return { items: [], next: null };
  return pageOf(db, reader, eq(contentItems.columnId, columnId), after, now);
}

/** 搜索: every character pair of the query must occur (GIN on bigrams), then the words themselves. */
export async function searchItems(db: Executor, { viewer, query, after, now = new Date() }: { viewer: Viewer; query: string; after?: string; now?: Date }): Promise<ItemPage> {
  const reader = await getReaderProfile(db, viewer);
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  if (!reader || words.length === 0) return { items: [], next: null };
  const conditions = words.map((word) => {
    const escaped = word.replace(/[\\%_]/g, (char) => `\\${char}`);
    const bigrams = word.length >= 2 ? sql`${contentItems.searchBigrams} @> name_bigrams(${word})` : sql`TRUE`;
    return sql`(${bigrams} AND lower(${contentItems.title} || ' ' || left(${contentItems.bodyText}, 20000)) LIKE ${`%${escaped}%`})`;
  });
  return pageOf(db, reader, and(...conditions)!, after, now);
}

export type MemberItem = ContentItem & {
  columnSlug: string;
  columnName: string;
  columnKind: ContentColumn['kind'];
  orgName: string;
  attachments: { id: string; name: string; mime: string; sizeBytes: number }[];
};

/** One item for a member, or null when it is not theirs to read (missing and out of scope alike). */
export async function getMemberItem(db: Executor, { viewer, itemId, now = new Date() }: { viewer: Viewer; itemId: string; now?: Date }): Promise<MemberItem | null> {
  if (!UUID.test(itemId)) return null;
  const reader = await getReaderProfile(db, viewer);
  if (!reader) return null;
  const [row] = await db
    .select({ item: contentItems, columnSlug: contentColumns.slug, columnName: contentColumns.name, columnKind: contentColumns.kind, orgName: orgs.name })
    .from(contentItems)
    .innerJoin(contentColumns, eq(contentColumns.id, contentItems.columnId))
    .innerJoin(orgs, eq(orgs.id, contentItems.orgId))
    .where(and(eq(contentItems.id, itemId), visibleTo(reader, now)));
  if (!row) return null;
  return { ...row.item, columnSlug: row.columnSlug, columnName: row.columnName, columnKind: row.columnKind, orgName: row.orgName, attachments: await attachmentsOf(db, row.item.attachmentFileIds) };
}

async function attachmentsOf(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: files.id, name: files.originalName, mime: files.mime, sizeBytes: files.sizeBytes }).from(files).where(inArray(files.id, [...ids]));
  const byId = new Map(rows.map((file) => [file.id, file]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Whether the viewer may open a stored file that published content shows: a member when an item
 * they can read shows it, an admin when an item it may open does. Null when no item shows the file
 * (the storage module's own rule decides then).
 */
export async function mayReadContentFile(db: Executor, viewer: Viewer | null, fileId: string, now = new Date()): Promise<boolean | null> {
  const items = await db.select({ id: contentItems.id }).from(contentItems).where(sql`${contentItems.fileIds} @> ARRAY[${fileId}]::uuid[]`).limit(20);
  if (items.length === 0) return null;
  if (!viewer) return false;
  const reader = await getReaderProfile(db, viewer);
  if (reader) {
    const ids = items.map((item) => item.id);
    const [visible] = await db.select({ id: contentItems.id }).from(contentItems).where(and(inArray(contentItems.id, ids), visibleTo(reader, now))).limit(1);
    return Boolean(visible);
  }
  for (const item of items) if (await getAdminItem(db, { viewer, itemId: item.id })) return true;
  return false;
}

// --- Admins --------------------------------------------------------------------------------------

export const ADMIN_TABS = ['review', 'drafts', 'pending', 'published', 'withdrawn'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

export type AdminItemRow = {
  id: string;
  title: string;
  status: ContentStatus;
  columnName: string;
  orgName: string;
  audienceName: string;
  waitingAtName: string | null;
  publishAt: Date | null;
  updatedAt: Date;
  pinned: boolean;
};

const writerOrg = alias(orgs, 'writer_org');
const audienceOrg = alias(orgs, 'audience_org');
const waitingOrg = alias(orgs, 'waiting_org');
const submitterOrg = alias(orgs, 'submitter_org');

/**
 * Waiting for this viewer: at an org inside its subtree, submitted strictly below its own org, by
 * someone else (the query joins waiting_org and submitter_org). A county admin sees what waits at
 * its committees too: it may act in their stead.
 */
function waitingFor(viewer: Viewer): SQL {
  return and(
    eq(contentItems.status, 'pending_review'),
    sql`${waitingOrg.path} <@ ${viewer.scopePath}::ltree`,
    sql`${submitterOrg.path} <@ ${viewer.scopePath}::ltree AND ${submitterOrg.path} <> ${viewer.scopePath}::ltree`,
    sql`${contentItems.submittedByUserId} <> ${viewer.userId}`,
  )!;
}

export async function listAdminItems(db: Executor, { viewer, tab, page = 0 }: { viewer: Viewer; tab: AdminTab; page?: number }): Promise<AdminItemRow[]> {
  if (!mayEditContent(viewer)) return [];
  const ownOrAddressed = sql`(${inViewerScope(contentItems.orgId, viewer)} OR ${inViewerScope(contentItems.audienceOrgId, viewer)})`;
  const where: Record<AdminTab, SQL> = {
    review: waitingFor(viewer),
    drafts: and(inViewerScope(contentItems.orgId, viewer), sql`${contentItems.status} IN ('draft', 'returned')`)!,
    pending: and(inViewerScope(contentItems.orgId, viewer), eq(contentItems.status, 'pending_review'))!,
    published: and(ownOrAddressed, eq(contentItems.status, 'published'))!,
    withdrawn: and(ownOrAddressed, eq(contentItems.status, 'withdrawn'))!,
  };
  return db
    .select({
      id: contentItems.id,
      title: contentItems.title,
      status: contentItems.status,
      columnName: contentColumns.name,
      orgName: writerOrg.name,
      audienceName: audienceOrg.name,
      waitingAtName: waitingOrg.name,
      publishAt: contentItems.publishAt,
      updatedAt: contentItems.updatedAt,
      pinned: contentItems.pinned,
    })
    .from(contentItems)
    .innerJoin(contentColumns, eq(contentColumns.id, contentItems.columnId))
    .innerJoin(writerOrg, eq(writerOrg.id, contentItems.orgId))
    .innerJoin(audienceOrg, eq(audienceOrg.id, contentItems.audienceOrgId))
    .leftJoin(waitingOrg, eq(waitingOrg.id, contentItems.reviewOrgId))
    .leftJoin(submitterOrg, eq(submitterOrg.id, contentItems.submitterOrgId))
    .where(where[tab])
    .orderBy(tab === 'published' ? desc(contentItems.publishAt) : desc(contentItems.updatedAt), desc(contentItems.id))
    .limit(50)
    .offset(Math.max(0, Math.min(page, 1000)) * 50);
}

export async function countWaitingForReview(db: Executor, viewer: Viewer): Promise<number> {
  if (!mayEditContent(viewer)) return 0;
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(contentItems)
    .innerJoin(submitterOrg, eq(submitterOrg.id, contentItems.submitterOrgId))
    .innerJoin(waitingOrg, eq(waitingOrg.id, contentItems.reviewOrgId))
    .where(waitingFor(viewer));
  return row.count;
}

export type ReviewEntry = { decision: ReviewDecision; note: string | null; at: Date; userName: string; orgName: string };

export type AdminItem = ContentItem & {
  column: ContentColumn;
  orgName: string;
  orgPath: string;
  audienceName: string;
  audiencePath: string;
  waitingAtName: string | null;
  authorName: string;
  reviews: ReviewEntry[];
  attachments: { id: string; name: string; mime: string; sizeBytes: number }[];
  /** What this viewer may do with it now. */
  may: { edit: boolean; review: boolean; withdraw: boolean };
};

/** One item for an admin who wrote it (its subtree), is its audience, or is to review it. */
export async function getAdminItem(db: Executor, { viewer, itemId }: { viewer: Viewer; itemId: string }): Promise<AdminItem | null> {
  if (!mayEditContent(viewer) || !UUID.test(itemId)) return null;
  const [row] = await db
    .select({
      item: contentItems,
      column: contentColumns,
      orgName: writerOrg.name,
      orgPath: writerOrg.path,
      audienceName: audienceOrg.name,
      audiencePath: audienceOrg.path,
      waitingAtName: waitingOrg.name,
      waitingAtPath: waitingOrg.path,
      submitterPath: submitterOrg.path,
      authorName: users.displayName,
    })
    .from(contentItems)
    .innerJoin(contentColumns, eq(contentColumns.id, contentItems.columnId))
    .innerJoin(writerOrg, eq(writerOrg.id, contentItems.orgId))
    .innerJoin(audienceOrg, eq(audienceOrg.id, contentItems.audienceOrgId))
    .innerJoin(users, eq(users.id, contentItems.authorUserId))
    .leftJoin(waitingOrg, eq(waitingOrg.id, contentItems.reviewOrgId))
    .leftJoin(submitterOrg, eq(submitterOrg.id, contentItems.submitterOrgId))
    .where(eq(contentItems.id, itemId));
  if (!row) return null;
  const { item } = row;
  const writes = orgPathInScope(viewer, row.orgPath);
  const addressed = orgPathInScope(viewer, row.audiencePath);
  const reviews =
    item.status === 'pending_review' && row.waitingAtPath !== null && row.submitterPath !== null && mayReviewAt(viewer, row.submitterPath, row.waitingAtPath) && item.submittedByUserId !== viewer.userId;
  if (!writes && !addressed && !reviews) return null;
  const reviewer = alias(users, 'reviewer');
  const reviewOrg = alias(orgs, 'review_org');
  const trail = await db
    .select({ decision: contentReviews.decision, note: contentReviews.note, at: contentReviews.createdAt, userName: reviewer.displayName, orgName: reviewOrg.name })
    .from(contentReviews)
    .innerJoin(reviewer, eq(reviewer.id, contentReviews.userId))
    .innerJoin(reviewOrg, eq(reviewOrg.id, contentReviews.orgId))
    .where(eq(contentReviews.itemId, item.id))
    .orderBy(asc(contentReviews.createdAt), asc(contentReviews.id));
  return {
    ...item,
    column: row.column,
    orgName: row.orgName,
    orgPath: row.orgPath,
    audienceName: row.audienceName,
    audiencePath: row.audiencePath,
    waitingAtName: row.waitingAtName,
    authorName: row.authorName,
    reviews: trail,
    attachments: await attachmentsOf(db, item.attachmentFileIds),
    may: { edit: writes && item.status !== 'pending_review' && item.status !== 'withdrawn', review: reviews, withdraw: (writes || addressed) && item.status === 'published' },
  };
}

export type Reach = { audience: number; opened: number; readSeconds: number; downloads: number };

/**
 * How many members an item reaches (in its audience subtree and, if targeted, matching it) and how
 * many opened it: the 就业培训 notice's admin sees whether it found its people.
 */
export async function getReach(db: Executor, item: Pick<ContentItem, 'id' | 'audienceOrgId' | 'targetSkills' | 'targetOccupations' | 'targetIndustries' | 'targetRegionCodes' | 'targetAgeBands'>, audiencePath: string, now = new Date()): Promise<Reach> {
  const conditions = audienceMemberConditions(item, audiencePath, now);
  const [row] = await queryRows<{ audience: number; opened: number; read_seconds: number; downloads: number }>(db, sql`
    SELECT
      (SELECT count(*)::int FROM members m JOIN orgs o ON o.id = m.org_id WHERE ${sql.join(conditions, sql` AND `)}) AS audience,
      (SELECT count(*)::int FROM ${contentReads} r WHERE r.item_id = ${item.id}) AS opened,
      (SELECT coalesce(sum(r.read_seconds), 0)::int FROM ${contentReads} r WHERE r.item_id = ${item.id}) AS read_seconds,
      (SELECT coalesce(sum(r.downloads), 0)::int FROM ${contentReads} r WHERE r.item_id = ${item.id}) AS downloads`);
  return { audience: Number(row.audience), opened: Number(row.opened), readSeconds: Number(row.read_seconds), downloads: Number(row.downloads) };
}

/**
 * The members an item is for, as conditions over `members m JOIN orgs o ON o.id = m.org_id`: in its
 * audience subtree, still members here, and matching its targeting. Its reach counts them; an
 * important notice (lib/notifications/important-notice.ts) notifies them.
 */
export function audienceMemberConditions(item: Pick<ContentItem, 'targetSkills' | 'targetOccupations' | 'targetIndustries' | 'targetRegionCodes' | 'targetAgeBands'>, audiencePath: string, now = new Date()): SQL[] {
  const target: ContentTarget = { skills: item.targetSkills, occupations: item.targetOccupations, industries: item.targetIndustries, regionCodes: item.targetRegionCodes, ageBands: item.targetAgeBands };
  const today = beijingDay(now);
  const conditions: SQL[] = [sql`o.path <@ ${audiencePath}::ltree`, sql`m.status NOT IN ('transferred_out', 'suspended')`];
  if (target.skills.length) conditions.push(sql`m.skills && ${sql.param(target.skills)}::text[]`);
  if (target.occupations.length) conditions.push(sql`m.occupation = ANY(${sql.param(target.occupations)}::text[])`);
  if (target.industries.length) conditions.push(sql`m.industry = ANY(${sql.param(target.industries)}::text[])`);
  if (target.regionCodes.length) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM outflow_episodes e WHERE e.member_id = m.id AND e.ended_on IS NULL AND ARRAY[e.region_code, substr(e.region_code, 1, 4), substr(e.region_code, 1, 2)]::text[] && ${sql.param(target.regionCodes)}::text[])`,
    );
  }
  if (target.ageBands.length) {
    const ranges = target.ageBands.map((band) => {
      const range = ageBandBirthRange(band, today);
      return sql`(${range.bornAfter ? sql`m.birth_date > ${range.bornAfter}::date` : sql`TRUE`} AND ${range.bornOnOrBefore ? sql`m.birth_date <= ${range.bornOnOrBefore}::date` : sql`TRUE`})`;
    });
    conditions.push(sql`(${sql.join(ranges, sql` OR `)})`);
  }
  return conditions;
}

/** The orgs an admin may address: its own subtree, and the orgs above it (wider, through review). */
export async function listAudienceOptions(db: Executor, viewer: Viewer): Promise<{ id: number; name: string; path: string; wider: boolean }[]> {
  const rows = await db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(and(isNull(orgs.dissolvedAt), sql`(${orgs.path} <@ ${viewer.scopePath}::ltree OR ${orgs.path} @> ${viewer.scopePath}::ltree)`, sql`${orgs.type} NOT IN ('party_group', 'host', 'temporary_branch')`))
    .orderBy(asc(orgs.path))
    .limit(500);
  return rows.map((row) => ({ ...row, wider: row.path !== viewer.scopePath && !row.path.startsWith(`${viewer.scopePath}.`) }));
}

/** The reads pages make, on the app's database (routes never import the client themselves). */
export const contentPages = {
  columns: () => listColumns(getDb()),
  feed: (columnId: number) => listPublicFeed(getDb(), columnId),
  adminColumns: () => listColumnsForAdmin(getDb()),
  column: (slug: string) => getColumnBySlug(getDb(), slug),
  home: (viewer: Viewer) => getMemberHome(getDb(), { viewer }),
  columnItems: (viewer: Viewer, columnId: number, after?: string) => listColumnItems(getDb(), { viewer, columnId, after }),
  search: (viewer: Viewer, query: string, after?: string) => searchItems(getDb(), { viewer, query, after }),
  memberItem: (viewer: Viewer, itemId: string) => getMemberItem(getDb(), { viewer, itemId }),
  adminList: (viewer: Viewer, tab: AdminTab, page?: number) => listAdminItems(getDb(), { viewer, tab, page }),
  waitingCount: (viewer: Viewer) => countWaitingForReview(getDb(), viewer),
  adminItem: (viewer: Viewer, itemId: string) => getAdminItem(getDb(), { viewer, itemId }),
  reach: (item: AdminItem) => getReach(getDb(), item, item.audiencePath),
  audienceOptions: (viewer: Viewer) => listAudienceOptions(getDb(), viewer),
};
