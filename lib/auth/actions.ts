'use server';

import QRCode from 'qrcode';
import { z } from 'zod';
import { signOut } from '@/auth';
import { getDb } from '@/db/client';
import { appendAudit } from '@/lib/audit/audit';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { messages } from '@/lib/i18n/messages';
import { activateMember } from './activation';
import { redeemResetCode } from './reset';
import { attemptLogin, completeTotpEnrolment } from './login';
import { finishLogin, safeNext } from './finish-login';
import { currentSession, currentSessionId, requestContext } from './session';
import { revokeSession } from './sessions';
import { and, eq, isNull } from 'drizzle-orm';
import { sessions } from '@/db/schema';

const t = messages.auth;
const required = (max: number) => z.string({ error: t.required }).trim().min(1, t.required).max(max, t.required);

const memberLogin = validatedAction(
  { schema: z.object({ identifier: required(30), password: required(128), next: z.string().optional() }), access: 'anyone' },
  async (input) => {
    const outcome = await attemptLogin(getDb(), { kind: 'member', identifier: input.identifier, password: input.password }, await requestContext());
    if (!outcome.ok) return { status: 'failed', message: t.loginFailed };
    return finishLogin(outcome, safeNext(input.next, '/'));
  },
);

export async function loginMember(previous: ActionState, formData: FormData): Promise<ActionState> {
  return memberLogin(previous, formData);
}

const adminLogin = validatedAction(
  {
    schema: z.object({ username: required(50), password: required(128), totp: z.string().trim().max(10).optional(), next: z.string().optional() }),
    access: 'anyone',
  },
  async (input) => {
    const outcome = await attemptLogin(
      getDb(),
      { kind: 'admin', username: input.username, password: input.password, totp: input.totp ?? '' },
      await requestContext(),
    );
    if (outcome.ok) return finishLogin(outcome, safeNext(input.next, '/admin'));
    if (outcome.reason === 'totpEnrolment') {
      const qrSvg = await QRCode.toString(outcome.enrolment.uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return { status: 'success', message: t.enrolIntro, data: { token: outcome.enrolment.token, secret: outcome.enrolment.secret, qrSvg } };
    }
    return { status: 'failed', message: t.loginFailed };
  },
);

export async function loginAdmin(previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminLogin(previous, formData);
}

const totpEnrolment = validatedAction(
  { schema: z.object({ token: required(2000), totp: required(10), next: z.string().optional() }), access: 'anyone' },
  async (input) => {
    const outcome = await completeTotpEnrolment(getDb(), { token: input.token, totp: input.totp }, await requestContext());
    if (!outcome.ok) return { status: 'failed', message: t.loginFailed };
    return finishLogin(outcome, safeNext(input.next, '/admin'));
  },
);

export async function enrolTotp(previous: ActionState, formData: FormData): Promise<ActionState> {
  return totpEnrolment(previous, formData);
}

const activation = validatedAction(
  {
    schema: z
      .object({
        name: required(50),
        idNumber: required(30),
        code: required(20),
        password: z.string({ error: t.required }).min(1, t.required).max(200, t.passwordProblems.tooLong),
        passwordConfirm: z.string({ error: t.required }),
        consent: z.literal('on', { error: t.consentRequired }),
      })
      .refine((value) => value.password === value.passwordConfirm, { message: t.passwordsDiffer, path: ['passwordConfirm'] }),
    access: 'anyone',
  },
  async (input) => {
    const outcome = await activateMember(getDb(), input, await requestContext());
    if (outcome.ok) return finishLogin(outcome, '/');
    if (outcome.reason === 'password') {
      return { status: 'invalid', message: messages.actions.invalid, fieldErrors: { password: [t.passwordProblems[outcome.problem]] } };
    }
    return { status: 'failed', message: t.activationFailed };
  },
);

export async function activate(previous: ActionState, formData: FormData): Promise<ActionState> {
  return activation(previous, formData);
}

/** Ends this device's session in the database first, then clears the cookie. */
export async function logout(): Promise<void> {
  const session = await currentSession();
  const sid = await currentSessionId();
  if (session && sid) {
    const db = getDb();
    await db.transaction(async (tx) => {
      await revokeSession(tx, sid);
      const { ip } = await requestContext();
      await appendAudit(tx, {
        actor: { userId: session.user.id, tier: session.user.tier },
        action: 'auth.logout',
        entityType: 'user',
        entityId: session.user.id,
        orgId: session.user.orgId,
        ip,
        outcome: 'success',
      });
    });
  }
  await signOut({ redirectTo: session?.user.tier === 'member' ? '/login' : '/login/admin' });
}

const passwordReset = validatedAction(
  {
    schema: z
      .object({
        identifier: required(50),
        code: required(20),
        password: z.string({ error: t.required }).min(1, t.required).max(200, t.passwordProblems.tooLong),
        passwordConfirm: z.string({ error: t.required }),
      })
      .refine((value) => value.password === value.passwordConfirm, { message: t.passwordsDiffer, path: ['passwordConfirm'] }),
    access: 'anyone',
  },
  async (input) => {
    const outcome = await redeemResetCode(getDb(), input, await requestContext());
    if (outcome.ok) return { status: 'success', message: messages.reset.done };
    if (outcome.reason === 'password') {
      return { status: 'invalid', message: messages.actions.invalid, fieldErrors: { password: [t.passwordProblems[outcome.problem]] } };
    }
    return { status: 'failed', message: messages.reset.failed };
  },
);

export async function resetPassword(previous: ActionState, formData: FormData): Promise<ActionState> {
  return passwordReset(previous, formData);
}

const endSession = validatedAction(
  { schema: z.object({ session: z.string().regex(/^[0-9a-f]{64}$/, messages.actions.invalid) }), access: 'signedIn', action: 'auth.session_end' },
  async (input, { viewer, ip }) => {
    const v = viewer!;
    // Only one's own sessions: the id is a hash, and the user must match.
    const ended = await getDb().transaction(async (tx) => {
      const rows = await tx
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.idHash, input.session), eq(sessions.userId, v.userId), isNull(sessions.revokedAt)))
        .returning({ idHash: sessions.idHash });
      if (rows.length > 0) {
        await appendAudit(tx, { actor: { userId: v.userId, tier: v.tier }, action: 'auth.session_end', entityType: 'user', entityId: v.userId, orgId: v.orgId, ip, outcome: 'success' });
      }
      return rows.length;
    });
    if (ended === 0) return { status: 'forbidden', message: messages.actions.forbidden };
    return { status: 'success', message: messages.devices.ended };
  },
);

export async function endOwnSession(previous: ActionState, formData: FormData): Promise<ActionState> {
  return endSession(previous, formData);
}

