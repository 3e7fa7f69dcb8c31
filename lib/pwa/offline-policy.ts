// What the service worker (app/sw.ts) may keep, shared with the page code that saves and clears
// it. No imports: this module is bundled into the worker as well as the browser.
//
// Regulations are saved on demand rather than all precached: a county publishes hundreds of
// 党内法规 and study items, members read on cheap phones over metered data, and a member needs a
// few of them offline, not the whole library on every release. What a member saved is theirs to
// keep until they log out (DESIGN.md §5: logout clears the runtime caches).

/** The pages a member saved, with the images inside them. Deleted at logout. */
export const SAVED_CACHE = 'ejia-saved-v1';
/** Next.js's hashed, immutable scripts and styles: never personal, refetched when missing. */
export const STATIC_CACHE = 'ejia-static-v1';
/** Serwist's precache (the offline page and the icons) keeps its own name prefix. */
export const PRECACHE_PREFIX = 'serwist-precache';

/** Stored beside a saved page so the offline list can name it without parsing HTML. */
export const SAVED_TITLE_HEADER = 'x-ejia-saved-title';
export const SAVED_AT_HEADER = 'x-ejia-saved-at';

export const OFFLINE_PATH = '/~offline';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const READING_PAGE = new RegExp(`^/read/${UUID}$`, 'i');
const CONTENT_IMAGE = new RegExp(`^/files/${UUID}$`, 'i');

/** A reading page (/read/<id>): the only kind of page a member can save. */
export function isSavablePage(pathname: string): boolean {
  return READING_PAGE.test(pathname);
}

/** An image shown inside a saved page's published text, saved with it. */
export function isSavableImage(pathname: string): boolean {
  return CONTENT_IMAGE.test(pathname);
}

// Paths that are personal or carry a session, whatever else a rule above might say: the worker
// never answers them from a cache. (Set-Cookie itself never reaches Cache Storage: browsers strip
// it from every response a script or a worker can see.)
const NEVER_CACHED = [/^\/api\//, /^\/login/, /^\/activate/, /^\/reset/, /^\/admin/, /^\/archive/, /^\/settings/, /^\/card/, /^\/flow/, /^\/notifications/];

export type CacheRule = 'static' | 'saved' | 'network';

/** How the worker treats a same-origin GET: cache-first, network-first from a saved copy, or network only. */
export function cacheRule(pathname: string): CacheRule {
  if (NEVER_CACHED.some((pattern) => pattern.test(pathname))) return 'network';
  if (pathname.startsWith('/_next/static/')) return 'static';
  if (isSavablePage(pathname) || isSavableImage(pathname)) return 'saved';
  return 'network';
}

export type SavedPage = { path: string; title: string; savedAt: string };

/** Reads a saved page's entry in the saved cache, or null for an image or a foreign entry. */
export function savedPageOf(path: string, headers: Headers): SavedPage | null {
  if (!isSavablePage(path)) return null;
  const title = headers.get(SAVED_TITLE_HEADER);
  return { path, title: title ? decodeURIComponent(title) : path, savedAt: headers.get(SAVED_AT_HEADER) ?? '' };
}

/**
 * The copy put into the saved cache: the body as received, labelled with its title and time. The
 * body is already decoded, so the transfer encoding and length headers go.
 */
export function savedCopy(body: BodyInit, source: Headers, label: { title: string; savedAt: string }): Response {
  const headers = new Headers(source);
  for (const name of ['content-encoding', 'content-length', 'transfer-encoding', 'set-cookie']) headers.delete(name);
  headers.set(SAVED_TITLE_HEADER, encodeURIComponent(label.title));
  headers.set(SAVED_AT_HEADER, label.savedAt);
  return new Response(body, { status: 200, statusText: 'OK', headers });
}

export type PushPayload = { title: string; body: string; link: string };

/** The Web Push payload `{ title, body, link }`; null when it is not one. */
export function parsePushPayload(text: string | null | undefined): PushPayload | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { title, body, link } = value as Record<string, unknown>;
  if (typeof title !== 'string' || title.trim() === '') return null;
  return { title: title.slice(0, 120), body: typeof body === 'string' ? body.slice(0, 500) : '', link: safeAppLink(link) };
}

/**
 * A notification opens a page of this app only: a path starting with one '/' (never '//host' or
 * '/\host', which browsers read as another site). Anything else opens the home page.
 */
export function safeAppLink(link: unknown): string {
  if (typeof link !== 'string' || !link.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\s]/.test(link)) return '/';
  return link.slice(0, 500);
}
