import 'server-only';
import { and, asc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { getDb, type Executor } from '@/db/client';
import { members, orgMemberCounts, orgs, skills } from '@/db/schema';
import { orgPathInScope } from '@/lib/auth/access';
import { inViewerScope, orgInSubtree, orgInSubtreeByIds } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { beijingDay } from '@/lib/time/beijing';
import {
  ageBandBirthRange,
  filterForViewer,
  MEMBER_LIST_PAGE_SIZE,
  memberListAccess,
  type MemberListAccess,
  type MemberListCursor,
  type MemberListFilter,
  type MemberListPageRequest,
  type MemberListParams,
  type MemberSort,
  type MissingField,
} from './list-filter';
import type { MemberStatus } from './member-status';
import { depthBelow } from '@/lib/orgs/paths';

// The scoped admin member list. Archive admins see the members whose home org lies in their
// subtree; host (流入地) admins see only the members with an open outflow episode hosted by an org
// in theirs, and only the fields the policy shows them (field-policy.ts). Pages are keyset pages
// over (sort key, id), so a page costs the same at row 50 as at row 500,000.

// Joins are avoided on purpose. Conditions on the episode are EXISTS, and the page's org name and
// outflow place are scalar subqueries: with ORDER BY … LIMIT, PostgreSQL evaluates such costly
// output columns only for the rows that survive the limit, while a LEFT JOIN made it hash the
// whole episodes table before sorting (105 ms for a 10,000-member committee at 100k members).

// Table and outer-column names are written out here: in a single-table select Drizzle leaves
// column names unqualified, which would bind a correlated subquery's `id` to its own table.
const EPISODE_FROM = sql.raw('outflow_episodes AS open_episode');

/** "The member has an open outflow episode" (and it meets `conditions`, written over `open_episode`). */
function openEpisodeExists(conditions: SQL[] = []): SQL {
  return sql`EXISTS (SELECT 1 FROM ${EPISODE_FROM} WHERE open_episode.member_id = members.id AND open_episode.ended_on IS NULL${
    conditions.length > 0 ? sql` AND ${and(...conditions)}` : sql``
  })`;
}

/** A column of the member's open episode (null when away nowhere). */
export function openEpisodeColumn<T>(column: 'region_code' | 'place' | 'reason'): SQL<T | null> {
  return sql<T | null>`(SELECT e.${sql.raw(column)} FROM outflow_episodes AS e WHERE e.member_id = members.id AND e.ended_on IS NULL)`;
}

export const orgNameColumn = sql<string>`(SELECT o.name FROM orgs AS o WHERE o.id = members.org_id)`;

// Nullable sort columns sort through a sentinel day, so (key, id) stays one row comparison that a
// btree on the same expression can serve: no contact and no joining date sort as the oldest.
const NO_DAY = sql.raw(`'0001-01-01'::date`);
const sortKeys: Record<MemberSort, SQL> = {
  name: sql`${members.name}`,
  joined: sql`coalesce(${members.joinedPartyOn}, ${NO_DAY})`,
  lastContact: sql`coalesce(${members.lastContactOn}, ${NO_DAY})`,
};
/** The sort key as text, for cursors. */
export function sortKeyText(sort: MemberSort): SQL<string> {
  return sql<string>`(${sortKeys[sort]})::text`;
}

/** Newest members first; the others ascending (by name; longest without contact first). */
const DESCENDING: Record<MemberSort, boolean> = { name: false, joined: true, lastContact: false };

export type ListScope = {
  /** The subtree the list is confined to: the viewer's own, or a chosen org inside it. */
  path: string;
  /** Set when the chosen org is a 党小组: members are grouped in it, their org is its branch. */
  groupId: number | null;
};

/** The chosen subtree if it lies inside the viewer's scope, else null (nothing may be shown). */
export async function resolveListScope(db: Executor, viewer: Viewer, subtree: number | undefined): Promise<ListScope | null> {
  if (subtree === undefined) return { path: viewer.scopePath, groupId: null };
  const [org] = await db.select({ path: orgs.path, type: orgs.type }).from(orgs).where(eq(orgs.id, subtree));
  if (!org || !orgPathInScope(viewer, org.path)) return null;
  if (org.type === 'party_group') return { path: viewer.scopePath, groupId: subtree };
  return { path: org.path, groupId: null };
}

const MISSING_COLUMNS: Record<Exclude<MissingField, 'outflowPlace'>, { column: AnyPgColumn; text: boolean }> = {
  phone: { column: members.phone, text: true },
  occupation: { column: members.occupation, text: true },
  industry: { column: members.industry, text: true },
  workUnit: { column: members.workUnit, text: true },
  education: { column: members.education, text: true },
  emergencyContactPhone: { column: members.emergencyContactPhone, text: true },
  joinedPartyOn: { column: members.joinedPartyOn, text: false },
  contactPerson: { column: members.contactPersonId, text: false },
  lastContact: { column: members.lastContactOn, text: false },
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * Name search: two or more characters go through the GIN index on the name's character bigrams
 * (DESIGN.md §9: trigrams need 3 characters, most Chinese names have 2–3); one character is a
 * prefix (a surname). Three or more are rechecked with LIKE, because a name can hold every bigram
 * of the query without the query ('伟强张伟' holds those of '张伟强'). Two characters are exactly one
 * bigram, so the index's answer is the answer and a recheck would only cost time.
 */
export function nameSearchCondition(query: string): SQL {
  const length = Array.from(query).length;
  if (length === 2) return sql`${members.nameBigrams} @> ARRAY[${query}]::text[]`;
  if (length > 2) {
    return sql`${members.nameBigrams} @> name_bigrams(${query}) AND ${members.name} LIKE ${`%${escapeLike(query)}%`}`;
  }
  // `name >= query` changes nothing (a name never sorts before its own prefix) but lets a btree on
  // name start at the prefix: LIKE alone uses one only under the "C" collation.
  return sql`${members.name} >= ${query} AND ${members.name} LIKE ${`${escapeLike(query)}%`}`;
}

export type PreparedMemberQuery = {
  access: MemberListAccess;
  conditions: SQL[];
  /** Set when the filter is a home subtree and at most a status: org_member_counts answers the count. */
  counted: { path: string; status?: MemberStatus } | null;
};

/**
 * The WHERE of a list, count or export for this viewer and filter, or null when the chosen
 * subtree is out of scope. Throws for a viewer who may not list members at all.
 */
export async function prepareMemberQuery(db: Executor, viewer: Viewer, filter: MemberListFilter, today: string): Promise<PreparedMemberQuery | null> {
  const access = memberListAccess(viewer);
  if (!access) throw new Error('this viewer may not list members');
  const scope = await resolveListScope(db, viewer, filter.subtree);
  if (!scope) return null;
  const conditions: SQL[] = [];
  const episode: SQL[] = [];
  if (access === 'host') {
    // Hosted members only: the open episode's host org (members.host_org_id, kept by a trigger)
    // lies in the (chosen) host subtree. By ids: through the join the planner guessed 42 hosted
    // members where there were 1,462 (100k members) and sorted them all instead of walking an index.
    conditions.push(await orgInSubtreeByIds(db, members.hostOrgId, scope.path));
  } else {
    // scope.path is the viewer's own path or checked to lie inside it (resolveListScope).
    conditions.push(scope.path === viewer.scopePath ? inViewerScope(members.orgId, viewer) : orgInSubtree(members.orgId, scope.path));
  }
  if (scope.groupId !== null) conditions.push(eq(members.groupId, scope.groupId));
  if (filter.status) conditions.push(eq(members.status, filter.status));
  if (filter.province || filter.city) episode.push(sql`open_episode.region_code LIKE ${`${filter.city ?? filter.province}%`}`);
  if (filter.reason) episode.push(sql`open_episode.reason = ${filter.reason}::outflow_reason`);
  if (episode.length > 0) conditions.push(openEpisodeExists(episode));
  if (filter.occupation) conditions.push(sql`${members.occupation} LIKE ${`%${escapeLike(filter.occupation)}%`}`);
  if (filter.industry) conditions.push(sql`${members.industry} LIKE ${`%${escapeLike(filter.industry)}%`}`);
  if (filter.skill) conditions.push(sql`${members.skills} @> ARRAY[${filter.skill}]::text[]`);
  if (filter.age) {
    const range = ageBandBirthRange(filter.age, today);
    if (range.bornAfter) conditions.push(sql`${members.birthDate} > ${range.bornAfter}::date`);
    if (range.bornOnOrBefore) conditions.push(sql`${members.birthDate} <= ${range.bornOnOrBefore}::date`);
  }
  if (filter.contactPerson) conditions.push(eq(members.contactPersonId, filter.contactPerson));
  if (filter.missing === 'outflowPlace') {
    // 流出中 with no open episode: the branch does not know where the member is.
    conditions.push(sql`${members.status} = 'outflow' AND NOT ${openEpisodeExists()}`);
  } else if (filter.missing) {
    const column = MISSING_COLUMNS[filter.missing];
    // An empty text counts as missing too: nothing in the schema stops a bulk load writing ''.
    conditions.push(column.text ? sql`(${column.column} IS NULL OR ${column.column} = '')` : sql`${column.column} IS NULL`);
  }
  if (filter.q) conditions.push(nameSearchCondition(filter.q));
  const onlyScopeAndStatus = Object.entries(filter).every(([key, value]) => value === undefined || COUNTER_ANSWERS.has(key));
  const counted = access === 'archive' && scope.groupId === null && onlyScopeAndStatus ? { path: scope.path, status: filter.status } : null;
  return { access, conditions, counted };
}

/**
 * The filter keys the per-org counters can answer; any other set means counting the rows. Listed
 * this way round so that a filter added later is counted by its rows until someone decides otherwise.
 */
const COUNTER_ANSWERS = new Set<string>(['sort', 'subtree', 'status'] satisfies (keyof MemberListFilter)[]);

/** The keyset condition and order for a page request. */
export function keysetFor(sort: MemberSort, page: MemberListPageRequest | undefined): { condition?: SQL; order: SQL[]; backward: boolean } {
  const key = sortKeys[sort];
  const backward = page !== undefined && 'before' in page;
  // Forward in a descending sort, or backward in an ascending one, walks towards smaller keys.
  const smaller = DESCENDING[sort] !== backward;
  const direction = sql.raw(smaller ? 'DESC' : 'ASC');
  const order = [sql`${key} ${direction}`, sql`${members.id} ${direction}`];
  if (!page) return { order, backward };
  const cursor = 'after' in page ? page.after : page.before;
  const cursorKey = sort === 'name' ? sql`${cursor.key}` : sql`${cursor.key}::date`;
  const condition = sql`(${key}, ${members.id}) ${sql.raw(smaller ? '<' : '>')} (${cursorKey}, ${cursor.id}::uuid)`;
  return { condition, order, backward };
}

export type MemberListRow = {
  id: string;
  name: string;
  orgName: string;
  status: MemberStatus;
  /** 6-digit region code of the open outflow episode. */
  outflowRegion: string | null;
  occupation: string | null;
  phone: string | null;
  /** Archive admins only: host admins never receive these fields (field-policy.ts). */
  idNumberMasked?: string;
  lastContactOn?: string | null;
};

export type MemberListResult = {
  rows: MemberListRow[];
  next: MemberListCursor | null;
  previous: MemberListCursor | null;
  /** The chosen subtree lies outside the viewer's scope: nothing is shown. */
  outOfScope: boolean;
};

type ListOptions = { viewer: Viewer; filter: MemberListFilter; page?: MemberListPageRequest; today?: string; limit?: number };

/**
 * The SELECT behind one page (limit + 1 rows, to know whether another follows), or null when the
 * chosen subtree is out of scope. Exported so a test can EXPLAIN exactly what the list runs.
 */
export async function memberListQuery(db: Executor, { viewer, filter, page, today = beijingDay(), limit = MEMBER_LIST_PAGE_SIZE }: ListOptions) {
  const prepared = await prepareMemberQuery(db, viewer, filter, today);
  if (!prepared) return null;
  const keyset = keysetFor(filter.sort, page);
  const base = {
    id: members.id,
    name: members.name,
    orgName: orgNameColumn,
    status: members.status,
    outflowRegion: openEpisodeColumn<string>('region_code'),
    occupation: members.occupation,
    phone: members.phone,
    sortKey: sortKeyText(filter.sort),
  };
  // Hidden fields are not selected at all, so they cannot leak through a serialised row.
  const fields = prepared.access === 'archive' ? { ...base, idNumberMasked: members.idNumberMasked, lastContactOn: members.lastContactOn } : base;
  // The page's ids first, then its rows: the inner query touches only columns that the list
  // indexes carry (members_name_list_idx, outflow_episodes_open_member_idx), so a filter that
  // rejects thousands of rows on the way to a page reads index pages, not one heap page per row
  // (status + province + skill at 100,000 members: 4,600 buffers down to 1,200).
  const pageIds = db
    .select({ id: members.id })
    .from(members)
    .where(and(...prepared.conditions, keyset.condition))
    .orderBy(...keyset.order)
    .limit(limit + 1);
  const query = db
    .select(fields)
    .from(members)
    .where(inArray(members.id, pageIds))
    .orderBy(...keyset.order);
  return { query, backward: keyset.backward };
}

/** One keyset page of the viewer's members under the filter, with cursors to the pages around it. */
export async function listMembers(db: Executor, options: ListOptions): Promise<MemberListResult> {
  const built = await memberListQuery(db, options);
  if (!built) return { rows: [], next: null, previous: null, outOfScope: true };
  const limit = options.limit ?? MEMBER_LIST_PAGE_SIZE;
  const found: (MemberListRow & { sortKey: string })[] = await built.query;
  const more = found.length > limit;
  const pageRows = found.slice(0, limit);
  if (built.backward) pageRows.reverse();
  const cursorOf = (row: { sortKey: string; id: string } | undefined): MemberListCursor | null => (row ? { key: row.sortKey, id: row.id } : null);
  const first = cursorOf(pageRows[0]);
  const last = cursorOf(pageRows.at(-1));
  const rows: MemberListRow[] = pageRows.map(({ sortKey: _sortKey, ...row }) => row);
  if (built.backward) return { rows, previous: more ? first : null, next: last, outOfScope: false };
  return { rows, previous: options.page ? first : null, next: more ? last : null, outOfScope: false };
}

/** How many members the filter matches (null when the chosen subtree is out of scope). */
export async function countMembers(db: Executor, { viewer, filter, today = beijingDay() }: Omit<ListOptions, 'page' | 'limit'>): Promise<number | null> {
  const prepared = await prepareMemberQuery(db, viewer, filter, today);
  if (!prepared) return null;
  if (prepared.counted) {
    // A subtree's counters: at 1,000,000 members 107 ms of counting rows became a sum over its orgs.
    const { path, status } = prepared.counted;
    const [row] = await db
      .select({ count: sql<number>`coalesce(sum(${orgMemberCounts.members}), 0)::int` })
      .from(orgMemberCounts)
      .innerJoin(orgs, eq(orgs.id, orgMemberCounts.orgId))
      .where(and(sql`${orgs.path} <@ ${path}::ltree`, status ? eq(orgMemberCounts.status, status) : undefined));
    return Number(row.count);
  }
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(members)
    .where(and(...prepared.conditions));
  return Number(row.count);
}

export type ListOrgOption = { id: number; name: string; depth: number };

export type MemberListScreen = {
  access: MemberListAccess;
  params: MemberListParams;
  list: MemberListResult;
  /**
   * Left pending: the page streams it in. The counters answer a subtree (and status) at once, but
   * a count under other filters reads every matching row (0.6 s for 80,000 at 1,000,000 members)
   * and must not hold back the page.
   */
  count: Promise<number | null>;
  orgOptions: ListOrgOption[];
  skillOptions: string[];
  /** The name of the 联系人 filtered by, when that member lies in scope. */
  contactPersonName: string | null;
};

/** Everything /admin/members shows. The caller has checked that the viewer may list members. */
export async function getMemberListScreen(viewer: Viewer, requested: MemberListParams, today: string = beijingDay()): Promise<MemberListScreen> {
  const access = memberListAccess(viewer);
  if (!access) throw new Error('this viewer may not list members');
  const db = getDb();
  const params = filterForViewer(viewer, requested);
  const { filter, page } = params;
  const count = countMembers(db, { viewer, filter, today });
  const [list, scopeOrgs, dictionary, contactPerson] = await Promise.all([
    listMembers(db, { viewer, filter, page, today }),
    db
      .select({ id: orgs.id, name: orgs.name, path: orgs.path })
      .from(orgs)
      // Home orgs for archive admins (no member's home is a host org); host orgs for host admins.
      .where(and(inViewerScope(orgs.id, viewer), isNull(orgs.dissolvedAt), access === 'archive' ? ne(orgs.type, 'host') : undefined))
      .orderBy(asc(orgs.path)),
    db.select({ name: skills.name }).from(skills).where(eq(skills.active, true)).orderBy(asc(skills.sortOrder), asc(skills.name)),
    filter.contactPerson && access === 'archive'
      ? db
          .select({ name: members.name })
          .from(members)
          .where(and(eq(members.id, filter.contactPerson), inViewerScope(members.orgId, viewer)))
      : Promise.resolve([]),
  ]);
  const skillOptions = dictionary.map((skill) => skill.name);
  if (filter.skill && !skillOptions.includes(filter.skill)) skillOptions.push(filter.skill);
  return {
    access,
    params,
    list,
    count,
    orgOptions: scopeOrgs.map((org) => ({ id: org.id, name: org.name, depth: depthBelow(org.path, viewer.scopePath) })),
    skillOptions,
    contactPersonName: contactPerson[0]?.name ?? null,
  };
}
