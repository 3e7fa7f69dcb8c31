import 'server-only';
import { createHash, createHmac } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/types';
import { and, asc, count, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { passkeys, usedWebauthnChallenges, users, type User } from '@/db/schema';
import { appendAudit, appendAuditFailure } from '@/lib/audit/audit';
import { env } from '@/lib/config/env';
import { secrets } from '@/lib/config/secrets';
import { messages } from '@/lib/i18n/messages';
import { seal, unseal } from '@/lib/security/sealed';
import { deviceLabel } from './device-label';
import { failLogin, findMemberUser, succeedLogin, type LoginOutcome, type RequestContext } from './login';
import { accountKey, ipKeys, isThrottled, loginIdentifierKey } from './throttle';

// Passkeys (WebAuthn) as a second way for a member to sign in, beside the password. The server
// keeps no ceremony state: the challenge it issued travels sealed (encrypted, expiring) in an
// httpOnly cookie, and each challenge is accepted once across every instance by recording its
// hash in used_webauthn_challenges.

export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60_000;
/** Enough for a phone, a tablet, a computer and spares; bounds what one account can store. */
export const MAX_PASSKEYS_PER_MEMBER = 10;
const REGISTRATION_PURPOSE = 'webauthn-registration';
const AUTHENTICATION_PURPOSE = 'webauthn-authentication';
const LOGIN_ACTION = 'auth.passkey_login';
const TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const satisfies readonly AuthenticatorTransportFuture[];

/**
 * The relying party is the configured app URL: its host is the RP ID the credentials are bound
 * to, and its origin the only one whose signatures count. A deployment reached under another
 * name (or a bare IP, which browsers refuse as an RP ID) needs APP_URL set to its public URL.
 */
export function relyingParty(): { id: string; name: string; origin: string } {
  const url = new URL(env().appUrl);
  return { id: url.hostname, name: messages.app.name, origin: url.origin };
}

const challengeHash = (challenge: string) => createHash('sha256').update(challenge).digest('hex');

// Instances' clocks may disagree a little: a row is kept this long past its challenge's expiry,
// so no instance can forget a used challenge that another still considers unexpired.
const USED_CHALLENGE_GRACE_MS = 10 * 60_000;

/**
 * Marks a challenge used; false when it already was (a replay, or a second try with the same
 * ceremony). Rows are only needed until the challenge would have expired anyway.
 */
async function consumeChallenge(db: Database, challenge: string, expiresAt: Date, now: Date): Promise<boolean> {
  await db.delete(usedWebauthnChallenges).where(lt(usedWebauthnChallenges.expiresAt, new Date(now.getTime() - USED_CHALLENGE_GRACE_MS)));
  const inserted = await db
    .insert(usedWebauthnChallenges)
    .values({ challengeHash: challengeHash(challenge), expiresAt, usedAt: now })
    .onConflictDoNothing()
    .returning({ challengeHash: usedWebauthnChallenges.challengeHash });
  return inserted.length === 1;
}

type SealedChallenge = { challenge: string; exp: number };
type RegistrationState = SealedChallenge & { userId: string };
type AuthenticationState = SealedChallenge & { identifier?: string; userId?: string };

// The browser's answer arrives as JSON text from a public endpoint: shape-checked before any use.
const base64url = z.string().max(4000).regex(/^[A-Za-z0-9_-]*={0,2}$/);
const registrationResponseSchema = z.object({
  id: base64url.min(1).max(1364),
  rawId: base64url.min(1).max(1364),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url.max(16_000),
    transports: z.array(z.string().max(20)).max(10).optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});
const authenticationResponseSchema = z.object({
  id: base64url.min(1).max(1364),
  rawId: base64url.min(1).max(1364),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: z.string().max(200).optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

function parseJson<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type PasskeySummary = { id: string; label: string; createdAt: Date; lastUsedAt: Date | null };

/** A member's own passkeys, oldest first. */
export async function listPasskeys(db: Database, userId: string): Promise<PasskeySummary[]> {
  return db
    .select({ id: passkeys.id, label: passkeys.label, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id));
}

function descriptor(row: { credentialId: string; transports: string[] }) {
  return {
    id: isoBase64URL.toBuffer(row.credentialId),
    type: 'public-key' as const,
    transports: row.transports.filter((transport): transport is AuthenticatorTransportFuture => (TRANSPORTS as readonly string[]).includes(transport)),
  };
}

export type PasskeyAccount = Pick<User, 'id' | 'tier' | 'orgId' | 'displayName'>;

/** Creation options for a signed-in member, excluding the authenticators that already hold one of theirs. */
export async function passkeyRegistrationOptions(
  db: Database,
  account: PasskeyAccount,
  context: Pick<RequestContext, 'now'> = {},
): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; token: string }> {
  const rp = relyingParty();
  const existing = await db.select({ credentialId: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, account.id));
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    // The user handle is the account's opaque id: no phone or ID number reaches the authenticator.
    userID: account.id,
    userName: account.displayName,
    userDisplayName: account.displayName,
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    attestationType: 'none',
    excludeCredentials: existing.map(descriptor),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    // ES256 and RS256 cover every platform authenticator; EdDSA for the keys that prefer it.
    supportedAlgorithmIDs: [-7, -8, -257],
  });
  const token = seal(REGISTRATION_PURPOSE, { challenge: options.challenge, userId: account.id }, PASSKEY_CHALLENGE_TTL_MS, context.now);
  return { options, token };
}

export type RegistrationOutcome =
  | { ok: true; passkey: PasskeySummary }
  | { ok: false; reason: 'invalid' | 'duplicate' | 'tooMany' };

/** Checks the authenticator's answer to our challenge and stores the new credential. */
export async function verifyPasskeyRegistration(
  db: Database,
  account: PasskeyAccount,
  { token, response }: { token: string | undefined; response: string },
  context: RequestContext,
): Promise<RegistrationOutcome> {
  const now = context.now ?? new Date();
  const refuse = async (reason: string, result: 'invalid' | 'duplicate' | 'tooMany' = 'invalid'): Promise<RegistrationOutcome> => {
    await appendAuditFailure({
      actor: { userId: account.id, tier: account.tier },
      action: 'auth.passkey_added',
      entityType: 'user',
      entityId: account.id,
      orgId: account.orgId,
      ip: context.ip,
      detail: { reason },
    });
    return { ok: false, reason: result };
  };

  const state = token ? unseal<RegistrationState>(REGISTRATION_PURPOSE, token, now) : null;
  if (!state) return refuse('challenge missing or expired');
  // A ceremony begun by one account cannot be finished by another.
  if (state.userId !== account.id) return refuse('challenge of another account');
  if (!(await consumeChallenge(db, state.challenge, new Date(state.exp), now))) return refuse('challenge already used');
  const parsed = parseJson(registrationResponseSchema, response);
  if (!parsed) return refuse('malformed response');

  const rp = relyingParty();
  let info;
  try {
    const verification = await verifyRegistrationResponse({
      response: parsed as RegistrationResponseJSON,
      expectedChallenge: state.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
    info = verification.verified ? verification.registrationInfo : undefined;
  } catch (error) {
    return refuse(error instanceof Error ? error.message : 'verification failed');
  }
  if (!info) return refuse('not verified');

  const [{ n }] = await db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, account.id));
  if (n >= MAX_PASSKEYS_PER_MEMBER) return refuse('too many passkeys', 'tooMany');

  const credentialId = isoBase64URL.fromBuffer(info.credentialID);
  const transports = (parsed.response.transports ?? []).filter((transport) => (TRANSPORTS as readonly string[]).includes(transport));
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(passkeys)
      .values({
        userId: account.id,
        credentialId,
        publicKey: info.credentialPublicKey,
        counter: info.counter,
        transports,
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        label: deviceLabel(context.userAgent).slice(0, 60),
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: passkeys.id, label: passkeys.label, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt });
    if (!row) return null;
    await appendAudit(tx, {
      actor: { userId: account.id, tier: account.tier },
      action: 'auth.passkey_added',
      entityType: 'passkey',
      entityId: row.id,
      orgId: account.orgId,
      ip: context.ip,
      outcome: 'success',
      detail: { label: row.label, deviceType: info.credentialDeviceType, backedUp: info.credentialBackedUp },
    });
    return row;
  });
  if (!created) return refuse('credential already registered', 'duplicate');
  return { ok: true, passkey: created };
}

/** Deletes one of the account's own passkeys; false (and nothing changed) for anyone else's. */
export async function removePasskey(db: Database, account: PasskeyAccount, passkeyId: string, context: Pick<RequestContext, 'ip'>): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(passkeys)
      .where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, account.id)))
      .returning({ id: passkeys.id, label: passkeys.label });
    if (!removed) return false;
    await appendAudit(tx, {
      actor: { userId: account.id, tier: account.tier },
      action: 'auth.passkey_removed',
      entityType: 'passkey',
      entityId: removed.id,
      orgId: account.orgId,
      ip: context.ip,
      outcome: 'success',
      detail: { label: removed.label },
    });
    return true;
  });
}

/**
 * A credential id that no authenticator holds, the same every time for the same identifier, so
 * options for an unknown account (or one without passkeys) look like those of a real one.
 */
function decoyCredentialId(identifier: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', secrets().hmacKey).update(`passkey-decoy\u0000${identifier.replace(/\s+/g, '')}`).digest());
}

/**
 * Request options: with no identifier any passkey of this site may answer (discoverable
 * credentials); with one, only that member's passkeys are offered to the browser.
 */
export async function passkeyLoginOptions(
  db: Database,
  { identifier }: { identifier?: string },
  context: Pick<RequestContext, 'now'> = {},
): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; token: string }> {
  const rp = relyingParty();
  const typed = identifier?.trim() || undefined;
  let allowCredentials: ReturnType<typeof descriptor>[] = [];
  let userId: string | undefined;
  if (typed) {
    const user = await findMemberUser(db, typed);
    const rows = user ? await db.select({ credentialId: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, user.id)) : [];
    if (user && rows.length > 0) {
      userId = user.id;
      allowCredentials = rows.map(descriptor);
    } else {
      allowCredentials = [{ id: decoyCredentialId(typed), type: 'public-key', transports: ['internal', 'hybrid'] }];
    }
  }
  const options = await generateAuthenticationOptions({ rpID: rp.id, allowCredentials, userVerification: 'preferred', timeout: PASSKEY_CHALLENGE_TTL_MS });
  const state: Omit<AuthenticationState, 'exp'> = { challenge: options.challenge, ...(typed ? { identifier: typed } : {}), ...(userId ? { userId } : {}) };
  return { options, token: seal(AUTHENTICATION_PURPOSE, state, PASSKEY_CHALLENGE_TTL_MS, context.now) };
}

/**
 * Signs in with a passkey. Refusals look exactly like a wrong password (one generic answer), count
 * toward the same lockout (identifier, account, IP) and are audited; success creates the session
 * the same way a password login does.
 */
export async function verifyPasskeyLogin(
  db: Database,
  { token, response }: { token: string | undefined; response: string },
  context: RequestContext,
): Promise<LoginOutcome> {
  const now = context.now ?? new Date();
  const timed = { ...context, now };
  const state = token ? unseal<AuthenticationState>(AUTHENTICATION_PURPOSE, token, now) : null;
  const keys = [...(state?.identifier ? [loginIdentifierKey('member', state.identifier)] : []), ...ipKeys(context)];
  const fail = (reason: string, user?: User) => failLogin(db, keys, timed, { reason, method: 'passkey' }, user, LOGIN_ACTION);

  if (!state) return fail('challenge missing or expired');
  if (!(await consumeChallenge(db, state.challenge, new Date(state.exp), now))) return fail('challenge already used');
  const parsed = parseJson(authenticationResponseSchema, response);
  if (!parsed) return fail('malformed response');

  const [found] = await db.select({ passkey: passkeys, user: users }).from(passkeys).innerJoin(users, eq(users.id, passkeys.userId)).where(eq(passkeys.credentialId, parsed.id));
  if (!found) return fail('unknown credential');
  const { passkey, user } = found;
  if (await isThrottled(db, [...keys, accountKey(user.id)], now)) return fail('locked', user);
  if (user.tier !== 'member' || user.disabledAt || !user.passwordHash) return fail('account not an enabled member', user);
  // Options offered for one member's identifier are answered by that member's passkey only.
  if (state.userId && state.userId !== user.id) return fail('passkey of another account', user);
  if (state.identifier && !state.userId) return fail('identifier without passkeys', user);
  if (parsed.response.userHandle && parsed.response.userHandle !== user.id) return fail('user handle mismatch', user);

  const rp = relyingParty();
  let newCounter: number;
  try {
    const verification = await verifyAuthenticationResponse({
      response: parsed as AuthenticationResponseJSON,
      expectedChallenge: state.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
      // The library refuses a counter that does not increase, unless both are zero (authenticators without one).
      authenticator: { credentialID: isoBase64URL.toBuffer(passkey.credentialId), credentialPublicKey: passkey.publicKey, counter: passkey.counter },
    });
    if (!verification.verified) return fail('not verified', user);
    newCounter = verification.authenticationInfo.newCounter;
  } catch (error) {
    return fail(error instanceof Error ? error.message : 'verification failed', user);
  }

  // Compare-and-set: of two logins racing with the same counter value, only one moves it on.
  const advanced = await db
    .update(passkeys)
    .set({ counter: newCounter, lastUsedAt: now })
    .where(and(eq(passkeys.id, passkey.id), newCounter === 0 ? sql`true` : lt(passkeys.counter, newCounter)))
    .returning({ id: passkeys.id });
  if (advanced.length === 0) return fail('counter raced', user);
  return succeedLogin(db, user, keys, timed, LOGIN_ACTION);
}
