import { expect } from '@playwright/test';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/types';
import { hiddenValues } from '../../support/matrix-html';
import { every, only, type ActionRow, type MatrixContext } from '../../support/matrix-types';
import { SoftAuthenticator } from '../../support/soft-authenticator';

// lib/auth/passkey-actions.ts: a member adds and removes their own passkeys; signing in with
// one is open to anyone holding the passkey (a session grants nothing). The ceremonies run with
// a software authenticator (real keys, real signatures) on the app URL's origin.

const ref = (exportedName: string, pagePath = '/settings') => ({ file: 'lib/auth/passkey-actions.ts', exportedName, pagePath });
type Options = { status?: string; data?: { options?: string } };

/** The e2e server's app URL is http://localhost:<port> (no APP_URL): the relying party's origin. */
const originOf = (ctx: MatrixContext) => `http://localhost:${new URL(ctx.baseURL).port}`;

/** The authenticator holding the member's newest passkey on each server. */
const registered = new Map<string, SoftAuthenticator>();

/** Starts a registration as the member and answers it with a new authenticator's key. */
async function registrationResponse(ctx: MatrixContext): Promise<{ response: string; authenticator: SoftAuthenticator }> {
  const begun = await ctx.post<Options>('member', ref('beginPasskeyRegistration'), {});
  const options = JSON.parse(begun.result?.data?.options ?? 'null') as PublicKeyCredentialCreationOptionsJSON | null;
  if (!options) throw new Error(`the member could not start adding a passkey: ${JSON.stringify(begun.result)}`);
  const authenticator = new SoftAuthenticator(originOf(ctx));
  return { response: JSON.stringify(authenticator.register(options)), authenticator };
}

/** An authenticator holding a passkey of the member, adding one first if there is none. */
async function memberAuthenticator(ctx: MatrixContext): Promise<SoftAuthenticator> {
  const known = registered.get(ctx.baseURL);
  if (known) return known;
  const { response, authenticator } = await registrationResponse(ctx);
  const finished = await ctx.post<{ status?: string }>('member', ref('finishPasskeyRegistration'), { response });
  if (finished.result?.status !== 'success') throw new Error(`the member could not add a passkey: ${JSON.stringify(finished.result)}`);
  registered.set(ctx.baseURL, authenticator);
  return authenticator;
}

/** The ids of the member's passkeys, as the member's settings page lists them for removal. */
async function memberPasskeys(ctx: MatrixContext): Promise<string[]> {
  return hiddenValues(await ctx.read('member', '/settings'), 'passkey');
}

const optionsWithChallenge = async (_ctx: MatrixContext, _role: unknown, response: { result: unknown }) => {
  const options = JSON.parse((response.result as Options).data?.options ?? '{}') as { challenge?: string };
  expect(options.challenge).toMatch(/^[\w-]{16,}$/);
};

export const passkeyRows: ActionRow[] = [
  {
    ...ref('beginPasskeyRegistration'),
    payload: () => ({}),
    expect: only(['member'], 'success', 'forbidden'),
    check: optionsWithChallenge,
  },
  {
    ...ref('finishPasskeyRegistration'),
    // A genuine answer to a registration the member started: only the member's own post adds it.
    payload: async (ctx) => ({ response: (await registrationResponse(ctx)).response }),
    expect: only(['member'], 'success', 'forbidden'),
    audit: 'auth.passkey_added',
    probe: async (ctx) => String((await memberPasskeys(ctx)).length),
    changes: true,
  },
  {
    ...ref('beginPasskeyLogin', '/login'),
    payload: () => ({}),
    expect: every('success'),
    check: optionsWithChallenge,
  },
  {
    ...ref('finishPasskeyLogin', '/login'),
    // The member's passkey signing each caller's own challenge: it signs the member in, whoever posts it.
    payload: async (ctx, role) => {
      const authenticator = await memberAuthenticator(ctx);
      const begun = await ctx.post<Options>(role, ref('beginPasskeyLogin', '/login'), {});
      const options = JSON.parse(begun.result?.data?.options ?? 'null') as PublicKeyCredentialRequestOptionsJSON | null;
      if (!options) throw new Error(`${role} could not start a passkey login: ${JSON.stringify(begun.result)}`);
      return { response: JSON.stringify(authenticator.authenticate(options)), next: '/' };
    },
    expect: every('redirect'),
    audit: 'auth.passkey_login',
    check: async (ctx, _role, response) => {
      expect(new URL(response.redirectTo!, ctx.baseURL).pathname).toBe('/');
      expect(response.setCookie.join('\n')).toMatch(/authjs\.session-token=[^;]+/);
    },
  },
  {
    ...ref('removePasskey'),
    // The member's passkey (the one the rows above added): only its owner may remove it.
    payload: async (ctx) => {
      if ((await memberPasskeys(ctx)).length === 0) await memberAuthenticator(ctx);
      return { passkey: (await memberPasskeys(ctx))[0] };
    },
    expect: only(['member'], 'success', 'forbidden'),
    audit: 'auth.passkey_removed',
    probe: async (ctx, _role, fields) => String((await memberPasskeys(ctx)).includes(String(fields!.passkey))),
    changes: true,
    check: async (ctx) => {
      registered.delete(ctx.baseURL);
    },
  },
];
