/// <reference lib="webworker" />
// The service worker, built after `next build` by `serwist build` (serwist.config.mjs) into
// public/sw.js. What it keeps is an allow-list (lib/pwa/offline-policy.ts): the offline page and
// icons (precached), Next.js's hashed scripts and styles, and the pages a member saved for
// offline reading. Every other request — personal pages, /api/, sign-in, admin — goes to the
// network untouched, and a page that cannot be fetched shows the offline page.
import { CacheFirst, ExpirationPlugin, Serwist, type PrecacheEntry, type RouteMatchCallbackOptions, type SerwistGlobalConfig } from 'serwist';
import { cacheRule, OFFLINE_PATH, parsePushPayload, safeAppLink, SAVED_AT_HEADER, SAVED_CACHE, SAVED_TITLE_HEADER, savedCopy, STATIC_CACHE } from '@/lib/pwa/offline-policy';

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

/** On a weak network a saved page is shown from the cache after this long; the fetch still refreshes it. */
const SAVED_PAGE_TIMEOUT_MS = 4000;
const ICON = '/icons/icon-192.png';
const BADGE = '/icons/badge-96.png';

const sameOriginGet = ({ request, url }: RouteMatchCallbackOptions) => request.method === 'GET' && url.origin === self.location.origin;
// Next.js's client-side navigations and prefetches ask for an RSC payload, not a document.
const isRscRequest = (request: Request) => request.headers.get('RSC') === '1' || request.headers.has('Next-Router-Prefetch');

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      // Offline, answer an RSC fetch with a non-RSC error: Next.js then loads the page as a
      // document, which the routes below serve from a saved copy or the offline page.
      matcher: (options) => sameOriginGet(options) && isRscRequest(options.request),
      handler: async ({ request }) => fetch(request).catch(() => new Response('', { status: 503, headers: { 'Content-Type': 'text/plain' } })),
    },
    {
      matcher: (options) => sameOriginGet(options) && cacheRule(options.url.pathname) === 'saved',
      handler: async ({ request, url, event }) => savedOrNetwork(request, url, event),
    },
    {
      matcher: (options) => sameOriginGet(options) && options.request.mode === 'navigate',
      handler: async ({ request }) => fetch(request).catch(offlinePage),
    },
    {
      matcher: (options) => sameOriginGet(options) && cacheRule(options.url.pathname) === 'static',
      handler: new CacheFirst({ cacheName: STATIC_CACHE, plugins: [new ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: 60 * 24 * 60 * 60 })] }),
    },
  ],
});

async function offlinePage(): Promise<Response> {
  return (await serwist.matchPrecache(OFFLINE_PATH)) ?? Response.error();
}

/**
 * A saved page or image: network first, so a new version replaces the saved copy whenever the
 * member is online; the saved copy when offline or slow. Unsaved ones go to the network only.
 */
async function savedOrNetwork(request: Request, url: URL, event: ExtendableEvent): Promise<Response> {
  const cache = await caches.open(SAVED_CACHE);
  const key = url.pathname;
  const saved = await cache.match(key, { ignoreVary: true });
  const network = fetch(request);
  if (!saved) return network.catch(() => (request.mode === 'navigate' ? offlinePage() : Response.error()));
  const refreshed = network.then(async (response) => {
    await refreshSaved(cache, key, response.clone(), saved.headers);
    return response;
  });
  event.waitUntil(refreshed.catch(() => undefined));
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SAVED_PAGE_TIMEOUT_MS));
  const fresh = await Promise.race([refreshed.catch(() => undefined), timeout]);
  return fresh ?? saved;
}

async function refreshSaved(cache: Cache, key: string, response: Response, savedHeaders: Headers): Promise<void> {
  // A redirect means the member is signed out (or the page moved): keep the copy, store nothing.
  if (response.redirected || response.type !== 'basic') return;
  // Withdrawn or no longer addressed to this member: the saved copy goes too.
  if (response.status === 404 || response.status === 403) {
    await cache.delete(key);
    return;
  }
  if (response.status !== 200) return;
  const title = decodeURIComponent(savedHeaders.get(SAVED_TITLE_HEADER) ?? '');
  await cache.put(key, savedCopy(await response.arrayBuffer(), response.headers, { title, savedAt: savedHeaders.get(SAVED_AT_HEADER) ?? new Date().toISOString() }));
}

// The offline page needs its own scripts and styles to list what is saved; they are fetched once
// per release, after the precache holds the page.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const page = await offlinePage();
      if (!page.ok) return;
      const html = await page.text();
      const assets = [...new Set([...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"?#]+\.(?:js|css))"/g)].map((match) => match[1]))];
      const cache = await caches.open(STATIC_CACHE);
      await Promise.all(assets.map(async (asset) => ((await cache.match(asset)) ? undefined : cache.add(asset).catch(() => undefined))));
    })(),
  );
});

// Web Push: the server sends { title, body, link } (lib/notifications); the notification opens
// `link`, a path of this app only.
self.addEventListener('push', (event) => {
  const payload = parsePushPayload(event.data?.text());
  if (!payload) return;
  event.waitUntil(self.registration.showNotification(payload.title, { body: payload.body, icon: ICON, badge: BADGE, lang: 'zh-CN', data: { link: payload.link } }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data: unknown = event.notification.data;
  const link = safeAppLink(typeof data === 'object' && data !== null ? (data as { link?: unknown }).link : undefined);
  event.waitUntil(
    (async () => {
      const target = new URL(link, self.location.origin).href;
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((client) => client.url === target) ?? windows[0];
      if (!open) {
        await self.clients.openWindow(target);
        return;
      }
      const focused = await open.focus();
      if (focused.url !== target) await focused.navigate(target).catch(() => self.clients.openWindow(target));
    })(),
  );
});

serwist.addEventListeners();
