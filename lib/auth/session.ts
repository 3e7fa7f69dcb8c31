import 'server-only';
import { getToken } from 'next-auth/jwt';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { env, servedOverHttps } from '@/lib/config/env';
import { secrets } from '@/lib/config/secrets';
import { clientIp } from './client-ip';
import { listPasskeys, type PasskeySummary } from './passkeys';
import { listActiveSessions, loadSession, type LoadedSession } from './sessions';
import type { Viewer } from './viewer';

const cookieName = () => (servedOverHttps() ? '__Secure-authjs.session-token' : 'authjs.session-token');

/** The session id inside the request's encrypted next-auth token, if any. */
export async function currentSessionId(): Promise<string | null> {
  const jar = await cookies();
  if (!jar.get(cookieName())) return null;
  const token = await getToken({
    req: { headers: await headers() },
    secret: secrets().sessionSecret,
    secureCookie: servedOverHttps(),
    cookieName: cookieName(),
    salt: cookieName(),
  });
  return typeof token?.sid === 'string' ? token.sid : null;
}

/** The signed-in session of this request, read from the database once per request. */
export const currentSession = cache(async (): Promise<LoadedSession | null> => {
  const sid = await currentSessionId();
  return sid ? loadSession(getDb(), sid) : null;
});

export async function getViewer(): Promise<Viewer | null> {
  return (await currentSession())?.viewer ?? null;
}

export async function requestContext(): Promise<{ ip: string; ipTrusted: boolean; userAgent: string | null }> {
  const h = await headers();
  const hops = env().TRUSTED_PROXY_HOPS;
  // Next.js fills X-Forwarded-For with the socket address when the client sent none, so with no
  // proxy its right-most entry is the peer — or whatever the client claimed. Good enough for
  // the audit log; per-IP throttling uses it only behind trusted proxies.
  return { ip: clientIp(h.get('x-forwarded-for'), null, Math.max(hops, 1)), ipTrusted: hops > 0, userAgent: h.get('user-agent') };
}

export type DeviceSession = { idHash: string; lastSeenAt: Date; createdAt: Date; userAgent: string | null; current: boolean };

/** The signed-in person's own active sessions (devices), this one marked. */
export async function getOwnDevices(): Promise<DeviceSession[]> {
  const session = await currentSession();
  if (!session) return [];
  const rows = await listActiveSessions(getDb(), session.user.id);
  return rows.map((row) => ({ ...row, current: row.idHash === session.session.idHash }));
}

/** The signed-in member's own passkeys (none for admins, who sign in with a password and TOTP). */
export async function getOwnPasskeys(): Promise<PasskeySummary[]> {
  const session = await currentSession();
  if (!session || session.user.tier !== 'member') return [];
  return listPasskeys(getDb(), session.user.id);
}
