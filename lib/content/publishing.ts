import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { contentColumns, contentItems, contentReviews, files, orgs, type ContentItem } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { auditActor, failed, forbidden, invalid } from '@/lib/actions/outcomes';
import { appendAudit } from '@/lib/audit/audit';
import { hasAccess, orgPathInScope } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { queueImportantNotice } from '@/lib/notifications/important-notice';
import { nearestCommitteeOf } from '@/lib/orgs/queries';
import { isWithinPath } from '@/lib/orgs/paths';
import { isTargeted, mayAddress, mayPublishTo, mayReviewAt, parentPathOf, parseItemForm, type ItemDraft } from './content-rules';
import { renderMarkdown, summarise } from './markdown';

// Publishing (issue 6 §2): an admin holding the content capability writes items for its own
// subtree and publishes them at once, or submits them for a wider audience; the level above
// reviews — approves (publishing it, or forwarding it further up when the audience lies beyond
// its own subtree) or returns it with a comment. Every step is audited with the item's trail.

const m = messages.content;
const e = m.errors;
export type ContentContext = { viewer: Viewer | null; ip: string; now?: Date };
export const CONTENT_EDITORS = { tiers: ['org_admin', 'county_admin'], capability: 'content' } as const;
export const mayEditContent = (viewer: Viewer | null): viewer is Viewer => hasAccess(viewer, CONTENT_EDITORS);

/** What an act came to, named as the item page's banner names it (messages.content.results). */
export const CONTENT_OUTCOMES = ['saved', 'published', 'scheduled', 'submitted', 'approved', 'forwarded', 'returned', 'withdrawn'] as const;
export type ContentOutcome = (typeof CONTENT_OUTCOMES)[number];

export const SAVE_INTENTS = ['draft', 'publish', 'submit'] as const;
export type SaveIntent = (typeof SAVE_INTENTS)[number];

type OrgRef = { id: number; path: string; dissolvedAt: Date | null };
const orgRef = async (tx: Executor, id: number): Promise<OrgRef | undefined> =>
  (await tx.select({ id: orgs.id, path: orgs.path, dissolvedAt: orgs.dissolvedAt }).from(orgs).where(eq(orgs.id, id)))[0];

/**
 * The stored files an item may show: each must exist and be the writer's to use — filed under an
 * org of the viewer's subtree (its own upload) or already shown by this item. A cover is an image.
 */
async function checkFiles(tx: Executor, viewer: Viewer, draft: ItemDraft, bodyFileIds: string[], existing: readonly string[]): Promise<Record<string, string[]> | null> {
  const wanted = [...new Set([...(draft.coverFileId ? [draft.coverFileId] : []), ...draft.attachmentFileIds, ...bodyFileIds])];
  if (wanted.length === 0) return null;
  const rows = await tx
    .select({ id: files.id, mime: files.mime, orgPath: orgs.path })
    .from(files)
    .innerJoin(orgs, eq(orgs.id, files.orgId))
    .where(sql`${files.id} = ANY(${sql.param(wanted)}::uuid[])`);
  const usable = new Map(rows.filter((row) => existing.includes(row.id) || isWithinPath(row.orgPath, viewer.scopePath)).map((row) => [row.id, row]));
  const errors: Record<string, string[]> = {};
  if (draft.coverFileId && !usable.get(draft.coverFileId)?.mime.startsWith('image/')) errors.coverFileId = [e.file];
  if (draft.attachmentFileIds.some((id) => !usable.has(id))) errors.attachmentFileIds = [e.file];
  if (bodyFileIds.some((id) => !usable.has(id))) errors.bodyMarkdown = [e.bodyFile];
  return Object.keys(errors).length > 0 ? errors : null;
}

function storedFields(draft: ItemDraft) {
  const rendered = renderMarkdown(draft.bodyMarkdown);
  const fileIds = [...new Set([...(draft.coverFileId ? [draft.coverFileId] : []), ...draft.attachmentFileIds, ...rendered.fileIds])];
  return {
    rendered,
    values: {
      columnId: draft.columnId,
      audienceOrgId: draft.audienceOrgId,
      title: draft.title,
      summary: draft.summary || summarise(rendered.text, 120),
      bodyMarkdown: draft.bodyMarkdown,
      bodyHtml: rendered.html,
      bodyText: rendered.text,
      toc: rendered.toc,
      coverFileId: draft.coverFileId,
      attachmentFileIds: draft.attachmentFileIds,
      fileIds,
      tags: draft.tags,
      externalUrl: draft.externalUrl,
      pinned: draft.pinned,
      important: draft.important,
      featured: draft.featured,
      regulationCategory: draft.regulationCategory,
      issuingBody: draft.issuingBody,
      effectiveOn: draft.effectiveOn,
      revisedOn: draft.revisedOn,
      targetSkills: draft.target.skills,
      targetOccupations: draft.target.occupations,
      targetIndustries: draft.target.industries,
      targetRegionCodes: draft.target.regionCodes,
      targetAgeBands: draft.target.ageBands,
    },
  };
}

/**
 * Creates or edits an item and, by `intent`, keeps it a draft, publishes it (its audience inside the
 * viewer's subtree) or submits it for review. A pending item waits for its reviewer and cannot be
 * edited; a published one is edited in place and stays published.
 */
export async function saveContentItem(db: Database, ctx: ContentContext, raw: Readonly<Record<string, unknown>> & { itemId?: string; intent: SaveIntent }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayEditContent(viewer)) return forbidden();
  const now = ctx.now ?? new Date();
  const [column] = await db.select().from(contentColumns).where(eq(contentColumns.id, Number(raw.columnId) || 0));
  if (!column) return invalid({ columnId: [e.column] });
  const parsed = parseItemForm(raw, column.kind);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const draft = parsed.value;
  const { rendered, values } = storedFields(draft);

  return db.transaction(async (tx) => {
    let existing: (ContentItem & { orgPath: string }) | undefined;
    if (raw.itemId) {
      const [row] = await tx.select({ item: contentItems, orgPath: orgs.path }).from(contentItems).innerJoin(orgs, eq(orgs.id, contentItems.orgId)).where(eq(contentItems.id, raw.itemId)).for('update', { of: contentItems });
      if (!row || !orgPathInScope(viewer, row.orgPath)) return forbidden(e.notFound);
      existing = { ...row.item, orgPath: row.orgPath };
      if (existing.status === 'pending_review') return failed(e.pendingLocked);
      if (existing.status === 'withdrawn') return failed(e.withdrawnLocked);
      if (existing.status === 'published' && raw.intent !== 'publish') return failed(e.publishedStaysPublished);
    }
    const writerOrgId = existing?.orgId ?? viewer.orgId;
    const writer = await orgRef(tx, writerOrgId);
    const audience = await orgRef(tx, draft.audienceOrgId);
    if (!writer || !audience || audience.dissolvedAt || !mayAddress(writer.path, audience.path)) return invalid({ audienceOrgId: [e.audience] });
    if (raw.intent === 'publish' && !mayPublishTo(viewer.scopePath, audience.path)) return invalid({ audienceOrgId: [e.audienceNeedsReview] });
    const fileErrors = await checkFiles(tx, viewer, draft, rendered.fileIds, existing?.fileIds ?? []);
    if (fileErrors) return invalid(fileErrors);

    let reviewOrgId: number | null = null;
    if (raw.intent === 'submit') {
      // The level above whoever submits: a committee resubmitting its branch's item goes to the county.
      const parentPath = parentPathOf(viewer.scopePath);
      const reviewer = parentPath ? await nearestCommitteeOf(tx, parentPath) : undefined;
      if (!reviewer) return failed(e.noReviewer);
      reviewOrgId = reviewer.id;
    }
    const status = raw.intent === 'publish' ? 'published' : raw.intent === 'submit' ? 'pending_review' : 'draft';
    // Publishing now keeps a scheduled time ahead; re-publishing an edit keeps the first publication time.
    const publishAt = status !== 'published' ? draft.publishAt : existing?.status === 'published' && !draft.publishAt ? existing.publishAt : (draft.publishAt ?? now);
    const submitted = status === 'pending_review';
    const row = { ...values, status, publishAt, reviewOrgId, submittedByUserId: submitted ? viewer.userId : null, submitterOrgId: submitted ? viewer.orgId : null, withdrawnAt: null, updatedAt: now } as const;

    let itemId: string;
    if (existing) {
      await tx.update(contentItems).set(row).where(eq(contentItems.id, existing.id));
      itemId = existing.id;
    } else {
      const [created] = await tx
        .insert(contentItems)
        .values({ ...row, orgId: writerOrgId, authorUserId: viewer.userId, createdAt: now })
        .returning({ id: contentItems.id });
      itemId = created.id;
    }
    if (status === 'published' && draft.important) await queueImportantNotice(tx, { itemId, publishAt: publishAt ?? now });
    if (status === 'pending_review') {
      await tx.insert(contentReviews).values({ itemId, decision: 'submitted', userId: viewer.userId, orgId: viewer.orgId, createdAt: now });
    }
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: status === 'published' ? 'content.publish' : status === 'pending_review' ? 'content.submit' : 'content.save_draft',
      entityType: 'content_item',
      entityId: itemId,
      orgId: writerOrgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { title: draft.title, columnId: column.id, audienceOrgId: audience.id, reviewOrgId, publishAt: publishAt?.toISOString() ?? null, targeted: isTargeted(draft.target), edited: Boolean(existing) },
    });
    const outcome: ContentOutcome = status === 'published' ? (publishAt && publishAt > now ? 'scheduled' : 'published') : status === 'pending_review' ? 'submitted' : 'saved';
    return { status: 'success', message: m.results[outcome], data: { itemId, outcome } } satisfies ActionState;
  });
}

/**
 * The reviewer's decision on a pending item. Approving publishes it when its audience lies inside
 * the reviewer's subtree, and otherwise forwards it to the next level up; returning needs a note.
 */
export async function reviewContentItem(db: Database, ctx: ContentContext, input: { itemId: string; decision: 'approve' | 'return'; note?: string }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayEditContent(viewer)) return forbidden();
  const now = ctx.now ?? new Date();
  const note = input.note?.trim() ?? '';
  if (input.decision === 'return' && !note) return invalid({ note: [e.returnNeedsNote] });
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(contentItems).where(eq(contentItems.id, input.itemId)).for('update');
    if (!item) return forbidden(e.notFound);
    const [submitter, audience, waitingAt] = await Promise.all([
      item.submitterOrgId ? orgRef(tx, item.submitterOrgId) : undefined,
      orgRef(tx, item.audienceOrgId),
      item.reviewOrgId ? orgRef(tx, item.reviewOrgId) : undefined,
    ]);
    if (item.status === 'pending_review' && item.submittedByUserId === viewer.userId) return forbidden(e.ownSubmission);
    if (!submitter || !audience || item.status !== 'pending_review' || !waitingAt || !mayReviewAt(viewer, submitter.path, waitingAt.path)) return forbidden(e.notReviewable);

    let decision: 'approved' | 'forwarded' | 'returned';
    let update: Partial<ContentItem>;
    if (input.decision === 'return') {
      decision = 'returned';
      update = { status: 'returned', reviewOrgId: null };
    } else if (mayPublishTo(viewer.scopePath, audience.path)) {
      decision = 'approved';
      update = { status: 'published', reviewOrgId: null, publishAt: item.publishAt && item.publishAt > now ? item.publishAt : now };
    } else {
      const parentPath = parentPathOf(viewer.scopePath);
      const next = parentPath ? await nearestCommitteeOf(tx, parentPath) : undefined;
      if (!next) return failed(e.noReviewer);
      decision = 'forwarded';
      update = { reviewOrgId: next.id };
    }
    await tx.update(contentItems).set({ ...update, updatedAt: now }).where(eq(contentItems.id, item.id));
    if (decision === 'approved' && item.important) await queueImportantNotice(tx, { itemId: item.id, publishAt: update.publishAt ?? now });
    await tx.insert(contentReviews).values({ itemId: item.id, decision, userId: viewer.userId, orgId: viewer.orgId, note: note || null, createdAt: now });
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: `content.review.${decision}`,
      entityType: 'content_item',
      entityId: item.id,
      orgId: item.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { title: item.title, note: note || null, forwardedTo: update.reviewOrgId ?? null },
    });
    return { status: 'success', message: m.results[decision], data: { itemId: item.id, outcome: decision } } satisfies ActionState;
  });
}

/** Takes a published item down: the writer's subtree, or whoever's subtree holds its audience (who approved it). */
export async function withdrawContentItem(db: Database, ctx: ContentContext, input: { itemId: string; reason?: string }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayEditContent(viewer)) return forbidden();
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(contentItems).where(eq(contentItems.id, input.itemId)).for('update');
    const [writer, audience] = item ? await Promise.all([orgRef(tx, item.orgId), orgRef(tx, item.audienceOrgId)]) : [];
    if (!item || !writer || !audience || !(orgPathInScope(viewer, writer.path) || orgPathInScope(viewer, audience.path))) return forbidden(e.notFound);
    if (item.status !== 'published') return failed(e.notPublished);
    await tx.update(contentItems).set({ status: 'withdrawn', withdrawnAt: now, pinned: false, featured: false, updatedAt: now }).where(eq(contentItems.id, item.id));
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'content.withdraw',
      entityType: 'content_item',
      entityId: item.id,
      orgId: item.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { title: item.title, reason: input.reason?.trim() || null },
    });
    return { status: 'success', message: m.results.withdrawn, data: { itemId: item.id, outcome: 'withdrawn' } } satisfies ActionState;
  });
}
