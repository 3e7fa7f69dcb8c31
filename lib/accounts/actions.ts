'use server';

import { revalidatePath } from 'next/cache';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { appendAudit } from '@/lib/audit/audit';
import { ADMIN_TIERS, orgPathInScope } from '@/lib/auth/access';
import { issueActivationCode } from '@/lib/auth/activation';
import { issueResetCode } from '@/lib/auth/reset';
import { revokeAllSessions } from '@/lib/auth/sessions';
import { CAPABILITIES, type Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { mayManageAdmin } from './manage-rules';
import { clearAccountLock, getMemberWithOrgPath, getOrgPath, getUserWithOrgPath } from './queries';
import { auditActor } from '@/lib/actions/outcomes';
import { getOrgsByIds } from '@/lib/orgs/queries';
import { memberPhone, queueCodeSms } from '@/lib/notifications/deliveries';
import { maskPhone } from '@/lib/security/masking';

const t = messages.accounts;
const forbidden = (message: string = t.outOfScope): ActionState => ({ status: 'forbidden', message });
const uuid = z.uuid({ error: messages.actions.invalid });
const ACCOUNTS = { tiers: ADMIN_TIERS, capability: 'accounts' } as const;
const ARCHIVE = { tiers: ADMIN_TIERS, capability: 'archive' } as const;

// Account management reaches only accounts whose org lies in the admin's subtree, and never
// hands out more than the admin holds (DESIGN.md §1: tiers bound to org nodes, capabilities inside).

const createAdmin = validatedAction(
  {
    schema: z.object({
      username: z.string().trim().regex(/^[A-Za-z0-9_-]{3,30}$/, t.usernameFormat),
      displayName: z.string().trim().min(1, messages.auth.required).max(50),
      orgId: z.coerce.number({ error: messages.auth.required }).int().positive(),
      tier: z.enum(['org_admin', 'host_admin', 'county_admin'], { error: messages.auth.required }),
      capabilities: z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.enum(CAPABILITIES))),
    }),
    access: ACCOUNTS,
    action: 'account.create',
  },
  async (input, { viewer, ip }) => {
    const v = viewer!;
    const orgPath = await getOrgPath(getDb(), input.orgId);
    if (!orgPath || !orgPathInScope(v, orgPath)) return forbidden();
    if (input.capabilities.some((capability) => !v.capabilities.includes(capability))) return forbidden(t.cannotGrant);
    if (input.tier === 'county_admin' && v.tier !== 'county_admin') return forbidden(t.cannotGrant);
    // A 临时党支部 collects no dues (issue 5 §5): its admins are never given the dues capability.
    if (input.capabilities.includes('dues') && (await getOrgsByIds(getDb(), [input.orgId])).get(input.orgId)?.type === 'temporary_branch') {
      return { status: 'invalid', message: messages.actions.invalid, fieldErrors: { capabilities: [messages.temporaryBranches.errors.duesNotAtTemporary] } };
    }
    const db = getDb();
    const [taken] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`);
    if (taken) return { status: 'invalid', message: messages.actions.invalid, fieldErrors: { username: [t.usernameTaken] } };
    const code = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({ username: input.username, displayName: input.displayName, tier: input.tier, orgId: input.orgId, capabilities: input.capabilities, createdBy: v.userId })
        .returning();
      const issued = await issueResetCode(tx, { userId: created.id, issuedBy: v.userId });
      await appendAudit(tx, {
        actor: auditActor(v),
        action: 'account.create',
        entityType: 'user',
        entityId: created.id,
        orgId: input.orgId,
        ip,
        outcome: 'success',
        detail: { after: { username: input.username, tier: input.tier, orgId: input.orgId, capabilities: input.capabilities } },
      });
      return issued.code;
    });
    revalidatePath('/admin/accounts');
    return { status: 'success', message: t.created(code), data: { code } };
  },
);

export async function createAdminAccount(previous: ActionState, formData: FormData): Promise<ActionState> {
  return createAdmin(previous, formData);
}

const userTarget = z.object({ userId: uuid });
// 短信发送: the code goes to the member's number on file by SMS (issue 7) instead of onto the
// admin's screen; it lives only in the delivery's parameters until the SMS is sent.
const bySms = z.literal('on', { error: messages.actions.invalid }).optional();
const n = messages.notifications.codeSms;

const setDisabled = validatedAction(
  { schema: userTarget.extend({ disabled: z.enum(['true', 'false']) }), access: ACCOUNTS, action: 'account.disable' },
  async ({ userId, disabled }, { viewer, ip }) => {
    const v = viewer!;
    const target = await getUserWithOrgPath(getDb(), userId);
    if (!target || target.tier === 'member' || !orgPathInScope(v, target.orgPath) || !mayManageAdmin(v, target)) return forbidden();
    if (target.id === v.userId) return forbidden(t.notYourself);
    const disabling = disabled === 'true';
    await getDb().transaction(async (tx) => {
      await tx.update(users).set({ disabledAt: disabling ? new Date() : null, updatedAt: new Date() }).where(eq(users.id, userId));
      const ended = disabling ? await revokeAllSessions(tx, userId) : 0;
      await appendAudit(tx, {
        actor: auditActor(v),
        action: disabling ? 'account.disable' : 'account.enable',
        entityType: 'user',
        entityId: userId,
        orgId: target.orgId,
        ip,
        outcome: 'success',
        detail: { sessionsEnded: ended },
      });
    });
    revalidatePath('/admin/accounts');
    return { status: 'success', message: disabling ? t.disabled : t.enabled };
  },
);

export async function setAccountDisabled(previous: ActionState, formData: FormData): Promise<ActionState> {
  return setDisabled(previous, formData);
}

/** Admin accounts need the accounts capability; members' accounts belong to the archive keepers. */
async function authoriseUserTarget(viewer: Viewer, userId: string) {
  const target = await getUserWithOrgPath(getDb(), userId);
  if (!target || !orgPathInScope(viewer, target.orgPath)) return null;
  if (target.tier === 'member') return viewer.capabilities.includes('archive') ? target : null;
  return viewer.capabilities.includes('accounts') && mayManageAdmin(viewer, target) ? target : null;
}

const resetCode = validatedAction(
  { schema: userTarget.extend({ sms: bySms }), access: { tiers: ADMIN_TIERS }, action: 'account.reset_code' },
  async ({ userId, sms }, { viewer, ip }) => {
    const v = viewer!;
    const target = await authoriseUserTarget(v, userId);
    if (!target) return forbidden();
    const phone = sms && target.memberId ? await memberPhone(getDb(), target.memberId) : null;
    if (sms && !phone) return { status: 'failed', message: n.noPhone };
    const issued = await getDb().transaction(async (tx) => {
      const code = await issueResetCode(tx, { userId, issuedBy: v.userId });
      if (phone) await queueCodeSms(tx, { memberId: target.memberId!, template: 'reset_code', code: code.code });
      await appendAudit(tx, { actor: auditActor(v), action: 'account.reset_code', entityType: 'user', entityId: userId, orgId: target.orgId, ip, outcome: 'success', detail: { bySms: Boolean(phone) } });
      return code;
    });
    revalidatePath('/admin/accounts');
    if (phone) return { status: 'success', message: n.sent(maskPhone(phone), formatBeijingDateTime(issued.expiresAt)) };
    return { status: 'success', message: t.codeIssued(issued.code, formatBeijingDateTime(issued.expiresAt)), data: { code: issued.code } };
  },
);

export async function issueAccountResetCode(previous: ActionState, formData: FormData): Promise<ActionState> {
  return resetCode(previous, formData);
}

const unlockAccount = validatedAction(
  { schema: userTarget, access: { tiers: ADMIN_TIERS }, action: 'account.unlock' },
  async ({ userId }, { viewer, ip }) => {
    const v = viewer!;
    const target = await authoriseUserTarget(v, userId);
    if (!target) return forbidden();
    await getDb().transaction(async (tx) => {
      await clearAccountLock(tx, userId);
      await appendAudit(tx, { actor: auditActor(v), action: 'account.unlock', entityType: 'user', entityId: userId, orgId: target.orgId, ip, outcome: 'success' });
    });
    revalidatePath('/admin/accounts');
    return { status: 'success', message: t.unlocked };
  },
);

export async function unlockUserAccount(previous: ActionState, formData: FormData): Promise<ActionState> {
  return unlockAccount(previous, formData);
}

const activationCode = validatedAction(
  { schema: z.object({ memberId: uuid, sms: bySms }), access: ARCHIVE, action: 'member.activation_code' },
  async ({ memberId, sms }, { viewer, ip }) => {
    const v = viewer!;
    const member = await getMemberWithOrgPath(getDb(), memberId);
    if (!member || !orgPathInScope(v, member.orgPath)) return forbidden();
    if (member.userId) {
      const [user] = await getDb().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, member.userId));
      if (user?.passwordHash) return { status: 'failed', message: t.alreadyActivated };
    }
    const phone = sms ? await memberPhone(getDb(), memberId) : null;
    if (sms && !phone) return { status: 'failed', message: n.noPhone };
    const issued = await getDb().transaction(async (tx) => {
      const code = await issueActivationCode(tx, { memberId, issuedBy: v.userId });
      if (phone) await queueCodeSms(tx, { memberId, template: 'activation_code', code: code.code });
      await appendAudit(tx, { actor: auditActor(v), action: 'member.activation_code', entityType: 'member', entityId: memberId, orgId: member.orgId, ip, outcome: 'success', detail: { bySms: Boolean(phone) } });
      return code;
    });
    revalidatePath('/admin/accounts');
    if (phone) return { status: 'success', message: n.sent(maskPhone(phone), formatBeijingDateTime(issued.expiresAt)) };
    return { status: 'success', message: t.codeIssued(issued.code, formatBeijingDateTime(issued.expiresAt)), data: { code: issued.code } };
  },
);

export async function issueMemberActivationCode(previous: ActionState, formData: FormData): Promise<ActionState> {
  return activationCode(previous, formData);
}
