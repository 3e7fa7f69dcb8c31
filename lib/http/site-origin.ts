import 'server-only';
import { env } from '@/lib/config/env';

/**
 * The site's own origin as the browser reached it (behind a proxy, its forwarded host), for
 * absolute links that leave the app — the 公众号 export, RSS. A Host header that is no host
 * gives the configured APP_URL instead.
 */
export function siteOriginOf(headers: Headers): string {
  const host = (headers.get('x-forwarded-host') ?? headers.get('host') ?? '').split(',')[0].trim();
  const proto = headers.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  try {
    const url = new URL(`${proto}://${host}`);
    if (host && url.host === host.toLowerCase()) return url.origin;
  } catch {
    // falls through to the configured address
  }
  return new URL(env().appUrl).origin;
}
