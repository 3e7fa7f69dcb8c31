import 'server-only';
import { asc, count, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { contentColumns, contentItems } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { auditActor, failed, forbidden, invalid } from '@/lib/actions/outcomes';
import { appendAudit } from '@/lib/audit/audit';
import type { Viewer } from '@/lib/auth/viewer';
import { violatesUnique } from '@/db/errors';
import { messages } from '@/lib/i18n/messages';
import type { ColumnKind } from './content-kinds';

// 栏目 as data (issue 6 §1): the county renames, adds, orders and removes the columns every
// member's 学习 page lists. The columns are one list for the whole deployment, so they are kept
// by a county admin bound to the root of the tree who holds the content capability. A column's
// kind is fixed once it exists (its items carry that kind's fields); a column with items stays.

const e = messages.content.columnAdmin.errors;
const r = messages.content.columnAdmin.results;
export type ColumnContext = { viewer: Viewer | null; ip: string };

export function mayManageColumns(viewer: Pick<Viewer, 'tier' | 'capabilities' | 'scopePath'> | null): viewer is Viewer {
  return viewer?.tier === 'county_admin' && viewer.capabilities.includes('content') && !viewer.scopePath.includes('.');
}

export type ColumnRow = { id: number; slug: string; name: string; kind: ColumnKind; sortOrder: number; items: number };

export async function listColumnsForAdmin(db: Executor): Promise<ColumnRow[]> {
  return db
    .select({
      id: contentColumns.id,
      slug: contentColumns.slug,
      name: contentColumns.name,
      kind: contentColumns.kind,
      sortOrder: contentColumns.sortOrder,
      // Spelt out in full: with one table in the query, drizzle leaves "id" unqualified, and inside the subquery it would mean the item's.
      items: sql<number>`(SELECT count(*)::int FROM content_items WHERE content_items.column_id = content_columns.id)`,
    })
    .from(contentColumns)
    .orderBy(asc(contentColumns.sortOrder), asc(contentColumns.id));
}

const audit = (tx: Executor, ctx: ColumnContext & { viewer: Viewer }, action: string, columnId: number, detail: Record<string, unknown>) =>
  appendAudit(tx, { actor: auditActor(ctx.viewer), action, entityType: 'content_column', entityId: String(columnId), orgId: ctx.viewer.orgId, ip: ctx.ip, outcome: 'success', detail });

/** A new column at the end of the list. */
export async function createColumn(db: Database, ctx: ColumnContext, input: { name: string; slug: string; kind: ColumnKind }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayManageColumns(viewer)) return forbidden(e.countyOnly);
  try {
    return await db.transaction(async (tx) => {
      const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${contentColumns.sortOrder}), 0) + 1` }).from(contentColumns);
      const [created] = await tx
        .insert(contentColumns)
        .values({ ...input, sortOrder: Number(next) })
        .returning({ id: contentColumns.id });
      await audit(tx, { ...ctx, viewer }, 'content_column.create', created.id, input);
      return { status: 'success', message: r.created(input.name) } satisfies ActionState;
    });
  } catch (error) {
    if (violatesUnique(error, 'content_columns_slug_key')) return invalid({ slug: [e.slugTaken] });
    throw error;
  }
}

export async function renameColumn(db: Database, ctx: ColumnContext, input: { columnId: number; name: string }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayManageColumns(viewer)) return forbidden(e.countyOnly);
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ name: contentColumns.name }).from(contentColumns).where(eq(contentColumns.id, input.columnId)).for('update');
    if (!before) return failed(e.notFound);
    await tx.update(contentColumns).set({ name: input.name }).where(eq(contentColumns.id, input.columnId));
    await audit(tx, { ...ctx, viewer }, 'content_column.rename', input.columnId, { before: before.name, after: input.name });
    return { status: 'success', message: r.renamed(input.name) } satisfies ActionState;
  });
}

/** Swaps the column with its neighbour above or below. */
export async function moveColumn(db: Database, ctx: ColumnContext, input: { columnId: number; direction: 'up' | 'down' }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayManageColumns(viewer)) return forbidden(e.countyOnly);
  return db.transaction(async (tx) => {
    const order = await tx.select({ id: contentColumns.id }).from(contentColumns).orderBy(asc(contentColumns.sortOrder), asc(contentColumns.id)).for('update');
    const at = order.findIndex((row) => row.id === input.columnId);
    if (at < 0) return failed(e.notFound);
    const to = input.direction === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= order.length) return failed(e.cannotMove);
    [order[at], order[to]] = [order[to], order[at]];
    for (const [index, row] of order.entries()) await tx.update(contentColumns).set({ sortOrder: index + 1 }).where(eq(contentColumns.id, row.id));
    await audit(tx, { ...ctx, viewer }, 'content_column.reorder', input.columnId, { direction: input.direction });
    return { status: 'success', message: r.moved } satisfies ActionState;
  });
}

/** Removes a column nothing was ever written in; one with items (even withdrawn ones) stays. */
export async function deleteColumn(db: Database, ctx: ColumnContext, input: { columnId: number }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayManageColumns(viewer)) return forbidden(e.countyOnly);
  return db.transaction(async (tx) => {
    const [column] = await tx.select({ name: contentColumns.name }).from(contentColumns).where(eq(contentColumns.id, input.columnId)).for('update');
    if (!column) return failed(e.notFound);
    const [{ items }] = await tx.select({ items: count() }).from(contentItems).where(eq(contentItems.columnId, input.columnId));
    if (items > 0) return failed(e.notEmpty(items));
    await tx.delete(contentColumns).where(eq(contentColumns.id, input.columnId));
    await audit(tx, { ...ctx, viewer }, 'content_column.delete', input.columnId, { name: column.name });
    return { status: 'success', message: r.deleted(column.name) } satisfies ActionState;
  });
}
