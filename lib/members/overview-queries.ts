import 'server-only';
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import { members, orgs, outflowEpisodes, situationReports } from '@/db/schema';
import { ADMIN_TIERS, orgPathInScope } from '@/lib/auth/access';
import { inViewerScope, orgInSubtree } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { beijingDay } from '@/lib/time/beijing';
import {
  assessFourClear,
  AWAY_STATUSES,
  type FourClearDimension,
  MANAGED_STATUSES,
  type MissingItem,
  notReachedCutoff,
  THINKING_CONTACT_MONTHS,
} from './four-clear';
import type { MemberCategory, MemberStatus } from './member-status';
import { NO_CONTACT_MONTHS, probationWarningUntil, type WarningKind } from './warnings';

// The 四清楚, warning and contact (动态联系) overviews of an admin's subtree. Counting happens in
// SQL (one grouped pass over the members in scope); only a page of rows ever reaches JS. The SQL
// conditions are the twins of the pure rules in four-clear.ts and warnings.ts: the days they
// compare against (6 months ago, 30 days ahead, this year) are computed there, in Beijing time,
// and tests/integration/four-clear.test.ts holds both to the same answers.

export const OVERVIEW_PAGE_SIZE = 50;
export const CONTACT_MONTHS = [3, 6] as const;
export type ContactMonths = (typeof CONTACT_MONTHS)[number];

export type OverviewOptions = { /** The clock, for tests; pages use the real one. */ now?: Date };

/** Archive admins of a branch, committee or the county; never hosts or members. */
export function mayViewOverviews(viewer: Pick<Viewer, 'tier' | 'capabilities'>): boolean {
  return ADMIN_TIERS.includes(viewer.tier) && viewer.capabilities.includes('archive');
}

function assertAccess(viewer: Viewer): void {
  // Pages check first and answer 403; reaching here without access is a programming error.
  if (!mayViewOverviews(viewer)) throw new Error('overview queries need an archive admin');
}

type Days = { today: string; year: number; thinkingCutoff: string; noContactCutoff: string; probationUntil: string };

function daysOf(now: Date = new Date()): Days {
  const today = beijingDay(now);
  return {
    today,
    year: Number(today.slice(0, 4)),
    thinkingCutoff: notReachedCutoff(today, THINKING_CONTACT_MONTHS),
    noContactCutoff: notReachedCutoff(today, NO_CONTACT_MONTHS),
    probationUntil: probationWarningUntil(today),
  };
}

// ---------------------------------------------------------------------------------------
// SQL twins of the rules

const openEpisode = alias(outflowEpisodes, 'open_episode');
const contactPerson = alias(members, 'contact_person');
const openEpisodeJoin = and(eq(openEpisode.memberId, members.id), isNull(openEpisode.endedOn));

const filled = (column: SQL | SQL.Aliased | Parameters<typeof eq>[0]): SQL => sql`nullif(btrim(${column}), '') IS NOT NULL`;
const managed = inArray(members.status, [...MANAGED_STATUSES]);
const away = inArray(members.status, [...AWAY_STATUSES]);

const reportIn = (year: number): SQL =>
  sql`EXISTS (SELECT 1 FROM ${situationReports} WHERE ${situationReports.memberId} = ${members.id} AND ${situationReports.year} = ${year})`;

const notReached = (cutoff: string): SQL => sql`(${members.lastContactOn} IS NULL OR ${members.lastContactOn} <= ${cutoff}::date)`;

function clearConditions(days: Days): Record<FourClearDimension, SQL> {
  return {
    quantity: sql`(${filled(members.name)} AND octet_length(${members.idNumberCipher}) > 0 AND ${filled(members.phone)} AND ${members.orgId} IS NOT NULL)`,
    whereabouts: sql`(CASE ${members.status}
        WHEN 'outflow' THEN (${openEpisode.id} IS NOT NULL AND ${filled(openEpisode.regionCode)} AND ${filled(openEpisode.place)}
                             AND (${openEpisode.hostOrgId} IS NOT NULL OR ${openEpisode.reason} IS NOT NULL))
        WHEN 'lost_contact' THEN false
        ELSE true END)`,
    thinking: sql`(NOT ${notReached(days.thinkingCutoff)} OR ${reportIn(days.year)})`,
    occupation: sql`(${filled(members.occupation)} AND (${filled(members.workUnit)} OR ${filled(members.industry)}))`,
  };
}

function warningCondition(kind: WarningKind, days: Days): SQL {
  switch (kind) {
    case 'no_contact':
      return and(managed, notReached(days.noContactCutoff))!;
    case 'probation_ending':
      return and(
        managed,
        eq(members.category, 'probationary'),
        sql`${members.probationEndsOn} IS NOT NULL AND ${members.probationEndsOn} <= ${days.probationUntil}::date`,
      )!;
    case 'no_situation_report':
      return and(eq(members.status, 'outflow'), sql`NOT ${reportIn(days.year)}`)!;
  }
}

/** Keyset: rows after the member `after` in the order (key, id); `key` written for the alias `c`. */
function afterMember(after: string | undefined, keyOfMembers: SQL | null, keyOfCursor: string | null): SQL | undefined {
  if (!after) return undefined;
  if (keyOfMembers === null || keyOfCursor === null) return sql`${members.id} > ${after}::uuid`;
  return sql`(${keyOfMembers}, ${members.id}) > (SELECT ${sql.raw(keyOfCursor)}, c.id FROM members AS c WHERE c.id = ${after}::uuid)`;
}

const NEVER = `'0001-01-01'::date`;
const lastContactKey = sql`coalesce(${members.lastContactOn}, ${sql.raw(NEVER)})`;
const lastContactCursor = `coalesce(c.last_contact_on, ${NEVER})`;

type OrgRef = { id: number; name: string; path: string };

async function orgInViewerScope(viewer: Viewer, orgId: number): Promise<OrgRef | null> {
  const [org] = await getDb().select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(eq(orgs.id, orgId)).limit(1);
  return org && orgPathInScope(viewer, org.path) ? org : null;
}

/** Tree order with siblings by id as numbers (ltree compares labels as text: '10' < '6'). */
const treeOrder = sql`string_to_array(${orgs.path}::text, '.')::int[]`;

const count = (condition: SQL) => sql<number>`(count(*) FILTER (WHERE ${condition}))::int`;

// ---------------------------------------------------------------------------------------
// 四清楚

export type FourClearCounts = {
  /** Members managed (在册, 流出中, 已返乡, 失联). */
  total: number;
  quantity: number;
  /** Members away (流出中, 失联): the denominator of 去向. */
  away: number;
  /** Members away whose 去向 is clear. */
  whereabouts: number;
  thinking: number;
  occupation: number;
  allClear: number;
};
export type BranchFourClear = FourClearCounts & { orgId: number; orgName: string };

/** One row per org holding members in the viewer's subtree (the home branches), and the totals. */
export async function getFourClearByBranch(viewer: Viewer, options: OverviewOptions = {}): Promise<{ rows: BranchFourClear[]; totals: FourClearCounts }> {
  assertAccess(viewer);
  const clear = clearConditions(daysOf(options.now));
  const db = getDb();
  const perOrg = db
    .select({
      orgId: members.orgId,
      total: sql<number>`count(*)::int`.as('total'),
      quantity: count(clear.quantity).as('quantity'),
      away: count(away).as('away'),
      whereabouts: count(and(away, clear.whereabouts)!).as('whereabouts'),
      thinking: count(clear.thinking).as('thinking'),
      occupation: count(clear.occupation).as('occupation'),
      allClear: count(and(clear.quantity, clear.whereabouts, clear.thinking, clear.occupation)!).as('all_clear'),
    })
    .from(members)
    .leftJoin(openEpisode, openEpisodeJoin)
    .where(and(managed, inViewerScope(members.orgId, viewer)))
    .groupBy(members.orgId)
    .as('per_org');
  const rows = await db
    .select({
      orgId: perOrg.orgId,
      orgName: orgs.name,
      total: perOrg.total,
      quantity: perOrg.quantity,
      away: perOrg.away,
      whereabouts: perOrg.whereabouts,
      thinking: perOrg.thinking,
      occupation: perOrg.occupation,
      allClear: perOrg.allClear,
    })
    .from(perOrg)
    .innerJoin(orgs, eq(orgs.id, perOrg.orgId))
    .orderBy(treeOrder);
  const numbers = rows.map((row) => ({
    ...row,
    total: Number(row.total),
    quantity: Number(row.quantity),
    away: Number(row.away),
    whereabouts: Number(row.whereabouts),
    thinking: Number(row.thinking),
    occupation: Number(row.occupation),
    allClear: Number(row.allClear),
  }));
  const totals: FourClearCounts = { total: 0, quantity: 0, away: 0, whereabouts: 0, thinking: 0, occupation: 0, allClear: 0 };
  for (const row of numbers) for (const key of Object.keys(totals) as (keyof FourClearCounts)[]) totals[key] += row[key];
  return { rows: numbers, totals };
}

export type FourClearGap = { id: string; name: string; orgName: string; status: MemberStatus; missing: MissingItem[] };
export type Page<T> = { rows: T[]; /** Cursor of the next page (a member id), null on the last. */ next: string | null };

/**
 * Members of an org's subtree whose 四清楚 is incomplete (on `dimension`, or on any), by name,
 * with what is missing. null when the org is not in the viewer's subtree.
 */
export async function listFourClearGaps(
  viewer: Viewer,
  options: OverviewOptions & { orgId: number; dimension?: FourClearDimension; after?: string },
): Promise<({ org: { id: number; name: string } } & Page<FourClearGap>) | null> {
  assertAccess(viewer);
  const org = await orgInViewerScope(viewer, options.orgId);
  if (!org) return null;
  const days = daysOf(options.now);
  const clear = clearConditions(days);
  const incomplete = options.dimension
    ? sql`NOT ${clear[options.dimension]}`
    : sql`NOT (${clear.quantity} AND ${clear.whereabouts} AND ${clear.thinking} AND ${clear.occupation})`;
  const rows = await getDb()
    .select({
      id: members.id,
      name: members.name,
      orgName: orgs.name,
      orgId: members.orgId,
      status: members.status,
      phone: members.phone,
      hasIdNumber: sql<boolean>`octet_length(${members.idNumberCipher}) > 0`,
      occupation: members.occupation,
      workUnit: members.workUnit,
      industry: members.industry,
      lastContactOn: members.lastContactOn,
      hasReportThisYear: sql<boolean>`${reportIn(days.year)}`,
      episodeId: openEpisode.id,
      regionCode: openEpisode.regionCode,
      place: openEpisode.place,
      hostOrgId: openEpisode.hostOrgId,
      reason: openEpisode.reason,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .leftJoin(openEpisode, openEpisodeJoin)
    .where(
      and(
        managed,
        inViewerScope(members.orgId, viewer),
        orgInSubtree(members.orgId, org.path),
        incomplete,
        afterMember(options.after, sql`${members.name}`, 'c.name'),
      ),
    )
    .orderBy(asc(members.name), asc(members.id))
    .limit(OVERVIEW_PAGE_SIZE + 1);
  const page = rows.slice(0, OVERVIEW_PAGE_SIZE).map((row) => {
    const result = assessFourClear(
      {
        name: row.name,
        hasIdNumber: Boolean(row.hasIdNumber),
        phone: row.phone,
        orgId: row.orgId,
        status: row.status,
        openOutflow: row.episodeId === null ? null : { regionCode: row.regionCode, place: row.place, hostOrgId: row.hostOrgId, reason: row.reason },
        lastContactOn: row.lastContactOn,
        hasReportThisYear: Boolean(row.hasReportThisYear),
        occupation: row.occupation,
        workUnit: row.workUnit,
        industry: row.industry,
      },
      days.today,
    );
    const missing = options.dimension ? result[options.dimension].missing : result.missing;
    return { id: row.id, name: row.name, orgName: row.orgName, status: row.status, missing };
  });
  return { org: { id: org.id, name: org.name }, rows: page, next: rows.length > OVERVIEW_PAGE_SIZE ? page[page.length - 1].id : null };
}

// ---------------------------------------------------------------------------------------
// Warnings

export type WarningCounts = Record<WarningKind, number>;

export async function countWarnings(viewer: Viewer, options: OverviewOptions = {}): Promise<WarningCounts> {
  assertAccess(viewer);
  const days = daysOf(options.now);
  const [row] = await getDb()
    .select({
      no_contact: count(warningCondition('no_contact', days)),
      probation_ending: count(warningCondition('probation_ending', days)),
      no_situation_report: count(warningCondition('no_situation_report', days)),
    })
    .from(members)
    .where(and(managed, inViewerScope(members.orgId, viewer)));
  return { no_contact: Number(row.no_contact), probation_ending: Number(row.probation_ending), no_situation_report: Number(row.no_situation_report) };
}

export type MemberListRow = {
  id: string;
  name: string;
  orgName: string;
  status: MemberStatus;
  category: MemberCategory;
  phone: string | null;
  lastContactOn: string | null;
  probationEndsOn: string | null;
  contactPersonName: string | null;
};

const listColumns = {
  id: members.id,
  name: members.name,
  orgName: orgs.name,
  status: members.status,
  category: members.category,
  phone: members.phone,
  lastContactOn: members.lastContactOn,
  probationEndsOn: members.probationEndsOn,
  contactPersonName: contactPerson.name,
};

function listMembersWhere(where: SQL, order: { key: SQL | null; cursor: string | null; by: SQL[] }, after: string | undefined) {
  return getDb()
    .select(listColumns)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .leftJoin(contactPerson, eq(contactPerson.id, members.contactPersonId))
    .where(and(where, afterMember(after, order.key, order.cursor)))
    .orderBy(...order.by, asc(members.id))
    .limit(OVERVIEW_PAGE_SIZE + 1);
}

function toPage(rows: MemberListRow[]): Page<MemberListRow> {
  const page = rows.slice(0, OVERVIEW_PAGE_SIZE);
  return { rows: page, next: rows.length > OVERVIEW_PAGE_SIZE ? page[page.length - 1].id : null };
}

/**
 * One warning list: members not contacted for 6+ months (longest first), 预备期 ending soonest
 * first, or floating members without this year's 外出情况汇报 (by branch and name).
 */
export async function listWarnings(viewer: Viewer, options: OverviewOptions & { kind: WarningKind; after?: string }): Promise<Page<MemberListRow>> {
  assertAccess(viewer);
  const where = and(inViewerScope(members.orgId, viewer), warningCondition(options.kind, daysOf(options.now)))!;
  const order =
    options.kind === 'no_contact'
      ? { key: lastContactKey, cursor: lastContactCursor, by: [asc(lastContactKey)] }
      : options.kind === 'probation_ending'
        ? { key: sql`${members.probationEndsOn}`, cursor: 'c.probation_ends_on', by: [asc(members.probationEndsOn)] }
        : { key: sql`${members.orgId}, ${members.name}`, cursor: 'c.org_id, c.name', by: [asc(members.orgId), asc(members.name)] };
  return toPage(await listMembersWhere(where, order, options.after));
}

// ---------------------------------------------------------------------------------------
// 动态联系: who has not been reached for 3 and for 6 months, by branch and by 联系人

export type ContactCounts = { members: number; notReached3: number; notReached6: number; never: number };
export type BranchContacts = ContactCounts & { orgId: number; orgName: string };
export type PersonContacts = ContactCounts & { personId: string; personName: string; orgName: string };

function contactCounts(days: { cutoff3: string; cutoff6: string }) {
  return {
    members: sql<number>`count(*)::int`,
    notReached3: count(notReached(days.cutoff3)),
    notReached6: count(notReached(days.cutoff6)),
    never: count(sql`${members.lastContactOn} IS NULL`),
  };
}

function contactDays(now?: Date) {
  const today = beijingDay(now ?? new Date());
  return { cutoff3: notReachedCutoff(today, 3), cutoff6: notReachedCutoff(today, 6) };
}

const numbers = <T extends ContactCounts>(row: T): T => ({
  ...row,
  members: Number(row.members),
  notReached3: Number(row.notReached3),
  notReached6: Number(row.notReached6),
  never: Number(row.never),
});

export async function getContactsByBranch(viewer: Viewer, options: OverviewOptions = {}): Promise<BranchContacts[]> {
  assertAccess(viewer);
  const db = getDb();
  const c = contactCounts(contactDays(options.now));
  const perOrg = db
    .select({
      orgId: members.orgId,
      members: c.members.as('members'),
      notReached3: c.notReached3.as('not_reached_3'),
      notReached6: c.notReached6.as('not_reached_6'),
      never: c.never.as('never'),
    })
    .from(members)
    .where(and(managed, inViewerScope(members.orgId, viewer)))
    .groupBy(members.orgId)
    .as('per_org');
  const rows = await db
    .select({ orgId: perOrg.orgId, orgName: orgs.name, members: perOrg.members, notReached3: perOrg.notReached3, notReached6: perOrg.notReached6, never: perOrg.never })
    .from(perOrg)
    .innerJoin(orgs, eq(orgs.id, perOrg.orgId))
    .orderBy(treeOrder);
  return rows.map(numbers);
}

/** Each 联系人 of members in the viewer's subtree, with how many of them are overdue, by name. */
export async function listContactPersons(viewer: Viewer, options: OverviewOptions & { after?: string } = {}): Promise<Page<PersonContacts>> {
  assertAccess(viewer);
  const c = contactCounts(contactDays(options.now));
  const personOrg = alias(orgs, 'person_org');
  const rows = await getDb()
    .select({ personId: contactPerson.id, personName: contactPerson.name, orgName: personOrg.name, ...c })
    .from(members)
    .innerJoin(contactPerson, eq(contactPerson.id, members.contactPersonId))
    .innerJoin(personOrg, eq(personOrg.id, contactPerson.orgId))
    .where(
      and(
        managed,
        inViewerScope(members.orgId, viewer),
        options.after
          ? sql`(${contactPerson.name}, ${contactPerson.id}) > (SELECT c.name, c.id FROM members AS c WHERE c.id = ${options.after}::uuid)`
          : undefined,
      ),
    )
    .groupBy(contactPerson.id, contactPerson.name, personOrg.name)
    .orderBy(asc(contactPerson.name), asc(contactPerson.id))
    .limit(OVERVIEW_PAGE_SIZE + 1);
  const page = rows.slice(0, OVERVIEW_PAGE_SIZE).map(numbers);
  return { rows: page, next: rows.length > OVERVIEW_PAGE_SIZE ? page[page.length - 1].personId : null };
}

/**
 * Members not reached for `months` months or more (never contacted first, then longest ago),
 * of one branch's subtree or of one 联系人. null when the branch is not in the viewer's subtree.
 */
export async function listNotReached(
  viewer: Viewer,
  options: OverviewOptions & { months: ContactMonths; orgId?: number; personId?: string; after?: string },
): Promise<({ org: { id: number; name: string } | null; personName: string | null } & Page<MemberListRow>) | null> {
  assertAccess(viewer);
  const days = contactDays(options.now);
  const conditions: SQL[] = [managed, inViewerScope(members.orgId, viewer), notReached(options.months === 3 ? days.cutoff3 : days.cutoff6)];
  let org: OrgRef | null = null;
  if (options.orgId !== undefined) {
    org = await orgInViewerScope(viewer, options.orgId);
    if (!org) return null;
    conditions.push(orgInSubtree(members.orgId, org.path));
  }
  let personName: string | null = null;
  if (options.personId !== undefined) {
    conditions.push(eq(members.contactPersonId, options.personId));
    const [person] = await getDb()
      .select({ name: members.name })
      .from(members)
      .where(and(eq(members.id, options.personId), inViewerScope(members.orgId, viewer)))
      .limit(1);
    personName = person?.name ?? null;
  }
  const rows = await listMembersWhere(and(...conditions)!, { key: lastContactKey, cursor: lastContactCursor, by: [asc(lastContactKey)] }, options.after);
  return { org: org && { id: org.id, name: org.name }, personName, ...toPage(rows) };
}
