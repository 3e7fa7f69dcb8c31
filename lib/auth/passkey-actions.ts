'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { servedOverHttps } from '@/lib/config/env';
import { messages } from '@/lib/i18n/messages';
import { finishLogin, safeNext } from './finish-login';
import {
  MAX_PASSKEYS_PER_MEMBER,
  PASSKEY_CHALLENGE_TTL_MS,
  passkeyLoginOptions,
  passkeyRegistrationOptions,
  removePasskey as removeOwnPasskey,
  verifyPasskeyLogin,
  verifyPasskeyRegistration,
  type PasskeyAccount,
} from './passkeys';
import { requestContext } from './session';
import type { Viewer } from './viewer';

const t = messages.passkeys;
const MEMBERS = { tiers: ['member'] } as const;
// One cookie per ceremony, so adding a passkey on one tab and signing in on another do not clash.
const REGISTRATION_COOKIE = 'ejia-passkey-registration';
const LOGIN_COOKIE = 'ejia-passkey-login';
// What the browser returns is a few kilobytes of base64url JSON; anything larger is not one.
const responseField = z.string({ error: messages.actions.invalid }).min(2, messages.actions.invalid).max(30_000, messages.actions.invalid);

async function setCeremonyCookie(name: string, token: string): Promise<void> {
  (await cookies()).set(name, token, {
    httpOnly: true,
    secure: servedOverHttps(),
    sameSite: 'strict',
    path: '/',
    maxAge: PASSKEY_CHALLENGE_TTL_MS / 1000,
  });
}

/** The sealed challenge of this browser's ceremony, removed as it is read: each is tried once. */
async function takeCeremonyCookie(name: string): Promise<string | undefined> {
  const jar = await cookies();
  const token = jar.get(name)?.value;
  if (token !== undefined) jar.delete(name);
  return token;
}

const account = (viewer: Viewer): PasskeyAccount => ({ id: viewer.userId, tier: viewer.tier, orgId: viewer.orgId, displayName: viewer.displayName ?? '' });

const beginRegistration = validatedAction({ schema: z.object({}), access: MEMBERS, action: 'auth.passkey_added' }, async (_input, { viewer }) => {
  const { options, token } = await passkeyRegistrationOptions(getDb(), account(viewer!));
  await setCeremonyCookie(REGISTRATION_COOKIE, token);
  return { status: 'success', message: '', data: { options: JSON.stringify(options) } };
});

/** Step 1 of adding a passkey: creation options for this member's browser. */
export async function beginPasskeyRegistration(previous: ActionState, formData: FormData): Promise<ActionState> {
  return beginRegistration(previous, formData);
}

const finishRegistration = validatedAction(
  { schema: z.object({ response: responseField }), access: MEMBERS, action: 'auth.passkey_added' },
  async (input, { viewer }) => {
    const token = await takeCeremonyCookie(REGISTRATION_COOKIE);
    const outcome = await verifyPasskeyRegistration(getDb(), account(viewer!), { token, response: input.response }, await requestContext());
    if (outcome.ok) return { status: 'success', message: t.added };
    if (outcome.reason === 'tooMany') return { status: 'failed', message: t.tooMany(MAX_PASSKEYS_PER_MEMBER) };
    if (outcome.reason === 'duplicate') return { status: 'failed', message: t.alreadyAdded };
    return { status: 'failed', message: t.addFailed };
  },
);

/** Step 2 of adding a passkey: the authenticator's answer, checked and stored. */
export async function finishPasskeyRegistration(previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await finishRegistration(previous, formData);
  if (result.status === 'success') revalidatePath('/settings');
  return result;
}

const removal = validatedAction(
  { schema: z.object({ passkey: z.uuid(messages.actions.invalid) }), access: MEMBERS, action: 'auth.passkey_removed' },
  async (input, { viewer, ip }) => {
    // Only one's own: someone else's passkey id gets the same answer as one that does not exist.
    const removed = await removeOwnPasskey(getDb(), account(viewer!), input.passkey, { ip });
    return removed ? { status: 'success', message: t.removed } : { status: 'forbidden', message: messages.actions.forbidden };
  },
);

export async function removePasskey(previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await removal(previous, formData);
  if (result.status === 'success') revalidatePath('/settings');
  return result;
}

const beginLogin = validatedAction(
  { schema: z.object({ identifier: z.string().trim().max(30, messages.actions.invalid).optional() }), access: 'anyone' },
  async (input) => {
    const { options, token } = await passkeyLoginOptions(getDb(), { identifier: input.identifier });
    await setCeremonyCookie(LOGIN_COOKIE, token);
    return { status: 'success', message: '', data: { options: JSON.stringify(options) } };
  },
);

/** Step 1 of signing in with a passkey: request options (any passkey of this site, or one member's). */
export async function beginPasskeyLogin(previous: ActionState, formData: FormData): Promise<ActionState> {
  return beginLogin(previous, formData);
}

const finishPasskeySignIn = validatedAction(
  { schema: z.object({ response: responseField, next: z.string().max(500).optional() }), access: 'anyone' },
  async (input) => {
    const token = await takeCeremonyCookie(LOGIN_COOKIE);
    const outcome = await verifyPasskeyLogin(getDb(), { token, response: input.response }, await requestContext());
    // The one generic message of every login failure: no hint which part was wrong.
    if (!outcome.ok) return { status: 'failed', message: messages.auth.loginFailed };
    return finishLogin(outcome, safeNext(input.next, '/'));
  },
);

/** Step 2: the signed challenge; a valid one signs the member in exactly as a password would. */
export async function finishPasskeyLogin(previous: ActionState, formData: FormData): Promise<ActionState> {
  return finishPasskeySignIn(previous, formData);
}
