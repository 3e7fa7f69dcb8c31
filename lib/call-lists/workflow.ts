import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { callListEntries, callLists, contentItems, members, orgs } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { auditActor, failed, forbidden, invalid } from '@/lib/actions/outcomes';
import { appendAudit } from '@/lib/audit/audit';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { notReachedCutoff } from '@/lib/members/four-clear';
import { writeContact } from '@/lib/members/record-changes';
import { beijingDay } from '@/lib/time/beijing';
import { noticeReachesScope } from './queries';
import { CALL_LIST_MAX_MEMBERS, mayRevealPhones, mayRunCallLists, notReachedMonths, statusesFor, type CreateInput, type OutcomeInput, type RevealInput } from './rules';

// 电话通知: make a list, show its numbers, record each call, close it. Every function checks the
// viewer itself (the actions are public POST endpoints, and tests call these with any viewer) and
// writes with its audit row in one transaction.

const t = messages.callLists;
export type CallListContext = { viewer: Viewer | null; ip: string; now?: Date };

/** The list, when its org lies in the viewer's subtree (locked for the rest of the transaction). */
async function listInScope(tx: Executor, viewer: Viewer, callListId: string) {
  const [list] = await tx
    .select({ id: callLists.id, orgId: callLists.orgId, title: callLists.title, closedAt: callLists.closedAt })
    .from(callLists)
    .innerJoin(orgs, eq(orgs.id, callLists.orgId))
    .where(and(eq(callLists.id, callListId), sql`${orgs.path} <@ ${viewer.scopePath}::ltree`))
    .for('update', { of: callLists });
  return list ?? null;
}

/**
 * A list for a published notice addressed to the chosen org's members, or for an activity
 * described by title and message: every member of the chosen subtree who passes the filters,
 * written with one INSERT … SELECT.
 */
export async function createCallList(db: Database, ctx: CallListContext, input: CreateInput): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayRunCallLists(viewer)) return forbidden();
  const now = ctx.now ?? new Date();
  const [org] = await db
    .select({ id: orgs.id, path: orgs.path })
    .from(orgs)
    .where(and(eq(orgs.id, input.orgId), sql`${orgs.path} <@ ${viewer.scopePath}::ltree`, sql`${orgs.dissolvedAt} IS NULL`, sql`${orgs.type} NOT IN ('party_group', 'host')`));
  if (!org) return forbidden(t.errors.orgOutOfScope);

  let title = input.title;
  let contentItemId: string | null = null;
  const conditions: SQL[] = [sql`member_org.path <@ ${org.path}::ltree`, inArray(members.status, statusesFor(input.statuses))];
  if (input.source === 'notice') {
    const [notice] = await db
      .select({ id: contentItems.id, title: contentItems.title, audiencePath: sql<string>`(SELECT o.path::text FROM ${orgs} o WHERE o.id = ${contentItems.audienceOrgId})` })
      .from(contentItems)
      .where(and(eq(contentItems.id, input.contentItemId), noticeReachesScope(viewer.scopePath, now)));
    if (!notice) return invalid({ contentItemId: [t.errors.noticeNotAvailable] });
    contentItemId = notice.id;
    if (title === '') title = [...notice.title].slice(0, 100).join('');
    conditions.push(sql`member_org.path <@ ${notice.audiencePath}::ltree`);
  }
  const months = notReachedMonths(input.notReached);
  if (months !== null) conditions.push(sql`(${members.lastContactOn} IS NULL OR ${members.lastContactOn} <= ${notReachedCutoff(beijingDay(now), months)}::date)`);
  const chosen = and(...conditions)!;
  const memberOrgJoin = sql`${orgs} AS member_org`;

  return db.transaction(async (tx): Promise<ActionState> => {
    const [{ count }] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(members)
      .innerJoin(memberOrgJoin, sql`member_org.id = ${members.orgId}`)
      .where(chosen);
    if (Number(count) === 0) return invalid({ _: [t.errors.nobody] }, t.errors.nobody);
    if (Number(count) > CALL_LIST_MAX_MEMBERS) return invalid({ orgId: [t.errors.tooMany(Number(count), CALL_LIST_MAX_MEMBERS)] }, t.errors.tooMany(Number(count), CALL_LIST_MAX_MEMBERS));
    const [list] = await tx
      .insert(callLists)
      .values({ orgId: org.id, title, contentItemId, message: input.source === 'activity' ? input.message : '', createdBy: viewer.userId, createdAt: now })
      .returning({ id: callLists.id });
    const inserted = await tx
      .insert(callListEntries)
      .select(
        tx
          .select({ callListId: sql<string>`${list.id}::uuid`.as('call_list_id'), memberId: members.id, outcome: sql`NULL::contact_outcome`.as('outcome'), calledAt: sql`NULL::timestamptz`.as('called_at'), calledBy: sql`NULL::uuid`.as('called_by'), contactId: sql`NULL::uuid`.as('contact_id') })
          .from(members)
          .innerJoin(memberOrgJoin, sql`member_org.id = ${members.orgId}`)
          .where(chosen),
      )
      .returning({ memberId: callListEntries.memberId });
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'call_list.create',
      entityType: 'call_list',
      entityId: list.id,
      orgId: org.id,
      ip: ctx.ip,
      outcome: 'success',
      detail: { after: { title, contentItemId, statuses: input.statuses, notReached: input.notReached, members: inserted.length } },
    });
    return { status: 'success', message: t.created(inserted.length), data: { callListId: list.id } };
  });
}

/**
 * Full numbers of a whole list or one row, for an admin holding pii_reveal, while the list is open.
 * Audited with whose numbers were shown, never the numbers. Members who have since left the
 * viewer's subtree stay masked.
 */
export async function revealCallListPhones(db: Database, ctx: CallListContext, input: RevealInput): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayRevealPhones(viewer)) return forbidden(mayRunCallLists(viewer) ? t.revealNeedsCapability : messages.actions.forbidden);
  return db.transaction(async (tx): Promise<ActionState> => {
    const list = await listInScope(tx, viewer, input.callListId);
    if (!list) return forbidden(t.errors.listNotFound);
    if (list.closedAt) return failed(t.errors.closed);
    const rows = await tx
      .select({ memberId: callListEntries.memberId, phone: members.phone })
      .from(callListEntries)
      .innerJoin(members, eq(members.id, callListEntries.memberId))
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(
        and(
          eq(callListEntries.callListId, list.id),
          sql`${orgs.path} <@ ${viewer.scopePath}::ltree`,
          input.memberId ? eq(callListEntries.memberId, input.memberId) : undefined,
        ),
      );
    if (input.memberId && rows.length === 0) return invalid({ memberId: [t.errors.notOnList] }, t.errors.notOnList);
    const shown = rows.filter((row): row is { memberId: string; phone: string } => !!row.phone);
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'call_list.reveal',
      entityType: 'call_list',
      entityId: list.id,
      orgId: list.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: input.memberId ? { memberId: input.memberId, count: shown.length } : { scope: 'list', count: shown.length },
    });
    return { status: 'success', message: t.revealed(shown.length), data: Object.fromEntries(shown.map((row) => [row.memberId, row.phone])) };
  });
}

/**
 * One call's outcome: the entry takes it (a later call overwrites it), and the member's contact
 * log gets a line of its own (each call is a fact), in the same transaction. Only a reached
 * member's last-contact date moves (writeContact).
 */
export async function recordCallOutcome(db: Database, ctx: CallListContext, input: OutcomeInput): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayRunCallLists(viewer)) return forbidden();
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx): Promise<ActionState> => {
    const list = await listInScope(tx, viewer, input.callListId);
    if (!list) return forbidden(t.errors.listNotFound);
    if (list.closedAt) return failed(t.errors.closed);
    const [entry] = await tx
      .select({ memberId: callListEntries.memberId, orgId: members.orgId, inScope: sql<boolean>`${orgs.path} <@ ${viewer.scopePath}::ltree`, name: members.name })
      .from(callListEntries)
      .innerJoin(members, eq(members.id, callListEntries.memberId))
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(eq(callListEntries.callListId, list.id), eq(callListEntries.memberId, input.memberId)))
      .for('update', { of: callListEntries });
    if (!entry) return invalid({ memberId: [t.errors.notOnList] }, t.errors.notOnList);
    if (!entry.inScope) return forbidden(t.errors.memberOutOfScope);
    const contactId = await writeContact(
      tx,
      viewer,
      { id: entry.memberId, orgId: entry.orgId },
      { contactedOn: beijingDay(now), way: 'phone', outcome: input.outcome, contactedBy: [...(viewer.displayName || t.unknownCaller)].slice(0, 50).join(''), note: t.contactNote(list.title, input.note) },
      { ip: ctx.ip, auditDetail: { callListId: list.id } },
    );
    await tx
      .update(callListEntries)
      .set({ outcome: input.outcome, calledAt: now, calledBy: viewer.userId, contactId })
      .where(and(eq(callListEntries.callListId, list.id), eq(callListEntries.memberId, entry.memberId)));
    return { status: 'success', message: t.outcomeSaved(entry.name, t.outcomes[input.outcome]) };
  });
}

export async function closeCallList(db: Database, ctx: CallListContext, input: { callListId: string }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayRunCallLists(viewer)) return forbidden();
  return db.transaction(async (tx): Promise<ActionState> => {
    const list = await listInScope(tx, viewer, input.callListId);
    if (!list) return forbidden(t.errors.listNotFound);
    if (list.closedAt) return failed(t.errors.alreadyClosed);
    await tx.update(callLists).set({ closedAt: ctx.now ?? new Date() }).where(eq(callLists.id, list.id));
    await appendAudit(tx, { actor: auditActor(viewer), action: 'call_list.close', entityType: 'call_list', entityId: list.id, orgId: list.orgId, ip: ctx.ip, outcome: 'success' });
    return { status: 'success', message: t.closedMessage };
  });
}
