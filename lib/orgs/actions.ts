'use server';

import { revalidatePath } from 'next/cache';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { orgs } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { appendAudit } from '@/lib/audit/audit';
import { ADMIN_TIERS, orgPathInScope } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { ORG_TYPES } from './org-types';
import { isStrictAncestorPath } from './paths';
import { getOrgForChange, insertOrg, moveOrgSubtree } from './queries';
import { canHoldChild } from './tree-rules';
import { auditActor } from '@/lib/actions/outcomes';

const t = messages.orgAdmin;
const ARCHIVE = { tiers: ADMIN_TIERS, capability: 'archive' } as const;
const orgId = z.coerce.number({ error: messages.auth.required }).int().positive();
const orgName = z.string().trim().min(2, t.nameLength).max(100, t.nameLength);
const refuse = (message: string): ActionState => ({ status: 'forbidden', message });

/** An admin changes orgs strictly below its own node; the county may also rename its root. */
const belowViewer = (viewer: Viewer, path: string) => isStrictAncestorPath(viewer.scopePath, path);

const create = validatedAction(
  { schema: z.object({ parentId: orgId, name: orgName, type: z.enum(ORG_TYPES, { error: messages.auth.required }) }), access: ARCHIVE, action: 'org.create' },
  async (input, { viewer, ip }) => {
    const v = viewer!;
    const db = getDb();
    const parent = await getOrgForChange(db, input.parentId);
    if (!parent || !orgPathInScope(v, parent.org.path)) return refuse(messages.accounts.outOfScope);
    if (!canHoldChild(parent.org.type, input.type)) return { status: 'invalid', message: t.typeNotAllowed, fieldErrors: { type: [t.typeNotAllowed] } };
    const created = await db.transaction(async (tx) => {
      const org = await insertOrg(tx, { parentId: parent.org.id, name: input.name, type: input.type });
      await appendAudit(tx, { actor: auditActor(v), action: 'org.create', entityType: 'org', entityId: String(org.id), orgId: org.id, ip, outcome: 'success', detail: { after: { name: org.name, type: org.type, parentId: parent.org.id } } });
      return org;
    });
    revalidatePath('/admin/orgs');
    return { status: 'success', message: t.created(created.name) };
  },
);
export async function createOrg(previous: ActionState, formData: FormData): Promise<ActionState> {
  return create(previous, formData);
}

const rename = validatedAction(
  { schema: z.object({ orgId, name: orgName }), access: ARCHIVE, action: 'org.rename' },
  async (input, { viewer, ip }) => {
    const v = viewer!;
    const db = getDb();
    const target = await getOrgForChange(db, input.orgId);
    const isCountyRoot = target && v.tier === 'county_admin' && target.org.path === v.scopePath;
    if (!target || !(belowViewer(v, target.org.path) || isCountyRoot)) return refuse(messages.accounts.outOfScope);
    await db.transaction(async (tx) => {
      await tx.update(orgs).set({ name: input.name, updatedAt: new Date() }).where(eq(orgs.id, input.orgId));
      await appendAudit(tx, { actor: auditActor(v), action: 'org.rename', entityType: 'org', entityId: String(input.orgId), orgId: input.orgId, ip, outcome: 'success', detail: { before: { name: target.org.name }, after: { name: input.name } } });
    });
    revalidatePath('/admin/orgs');
    return { status: 'success', message: t.renamed };
  },
);
export async function renameOrg(previous: ActionState, formData: FormData): Promise<ActionState> {
  return rename(previous, formData);
}

const move = validatedAction(
  { schema: z.object({ orgId, newParentId: orgId }), access: ARCHIVE, action: 'org.move' },
  async (input, { viewer, ip }) => {
    const v = viewer!;
    const db = getDb();
    const [target, newParent] = await Promise.all([getOrgForChange(db, input.orgId), getOrgForChange(db, input.newParentId)]);
    if (!target || !newParent || !belowViewer(v, target.org.path) || !orgPathInScope(v, newParent.org.path)) return refuse(messages.accounts.outOfScope);
    if (newParent.org.path === target.org.path || newParent.org.path.startsWith(`${target.org.path}.`)) return { status: 'failed', message: t.moveIntoItself };
    if (!canHoldChild(newParent.org.type, target.org.type)) return { status: 'failed', message: t.typeNotAllowed };
    await db.transaction(async (tx) => {
      await moveOrgSubtree(tx, { org: target.org, newParent: newParent.org });
      await appendAudit(tx, { actor: auditActor(v), action: 'org.move', entityType: 'org', entityId: String(input.orgId), orgId: input.orgId, ip, outcome: 'success', detail: { before: { parentId: target.org.parentId }, after: { parentId: newParent.org.id } } });
    });
    revalidatePath('/admin/orgs');
    return { status: 'success', message: t.moved };
  },
);
export async function moveOrg(previous: ActionState, formData: FormData): Promise<ActionState> {
  return move(previous, formData);
}

const dissolve = validatedAction(
  { schema: z.object({ orgId }), access: ARCHIVE, action: 'org.dissolve' },
  async (input, { viewer, ip }) => {
    const v = viewer!;
    const db = getDb();
    const target = await getOrgForChange(db, input.orgId);
    if (!target || !belowViewer(v, target.org.path)) return refuse(messages.accounts.outOfScope);
    // Members and sub-organisations go somewhere first: the system never drops a member's home.
    if (target.children > 0 || target.members > 0) return { status: 'failed', message: t.notEmpty(target.children, target.members) };
    await db.transaction(async (tx) => {
      await tx.update(orgs).set({ dissolvedAt: new Date(), updatedAt: new Date() }).where(eq(orgs.id, input.orgId));
      await appendAudit(tx, { actor: auditActor(v), action: 'org.dissolve', entityType: 'org', entityId: String(input.orgId), orgId: input.orgId, ip, outcome: 'success', detail: { before: { name: target.org.name } } });
    });
    revalidatePath('/admin/orgs');
    return { status: 'success', message: t.dissolved };
  },
);
export async function dissolveOrg(previous: ActionState, formData: FormData): Promise<ActionState> {
  return dissolve(previous, formData);
}
