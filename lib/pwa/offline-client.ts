// The page side of offline reading: saving a page with what it needs, listing and removing saved
// pages, and clearing every cache a member filled when they log out. Browser only.
import { isSavableImage, isSavablePage, PRECACHE_PREFIX, SAVED_CACHE, savedCopy, savedPageOf, type SavedPage, STATIC_CACHE } from './offline-policy';

export function offlineSavingSupported(): boolean {
  return typeof window !== 'undefined' && 'caches' in window && 'serviceWorker' in navigator;
}

export class OfflineQuotaError extends Error {}

/**
 * Saves the reading page at `path` as the member sees it now, with the scripts and styles of the
 * current document and the images inside its text, so it opens offline exactly as it reads online.
 */
export async function savePageForOffline({ path, title, root }: { path: string; title: string; root: ParentNode }): Promise<void> {
  if (!isSavablePage(path)) throw new Error(`not a savable page: ${path}`);
  const response = await fetch(path, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'text/html' } });
  // A redirect is the sign-in page: nothing of it is stored.
  if (!response.ok || response.redirected) throw new Error(`page not saved: ${response.status}`);
  const body = await response.arrayBuffer();
  const [saved, assets] = await Promise.all([caches.open(SAVED_CACHE), caches.open(STATIC_CACHE)]);
  try {
    await saved.put(path, savedCopy(body, response.headers, { title, savedAt: new Date().toISOString() }));
    const images = [...root.querySelectorAll<HTMLImageElement>('.prose-content img[src]')]
      .map((image) => new URL(image.src, location.href))
      .filter((url) => url.origin === location.origin && isSavableImage(url.pathname))
      .map((url) => url.pathname);
    const staticAssets = [
      ...[...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((script) => script.src),
      ...[...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"][href]')].map((link) => link.href),
    ]
      .map((href) => new URL(href, location.href))
      .filter((url) => url.origin === location.origin && url.pathname.startsWith('/_next/static/'))
      .map((url) => url.pathname);
    await Promise.all([
      ...images.map((image) => saved.add(image).catch(() => undefined)),
      ...staticAssets.map(async (asset) => ((await assets.match(asset)) ? undefined : assets.add(asset).catch(() => undefined))),
    ]);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'QuotaExceededError') throw new OfflineQuotaError();
    throw error;
  }
}

export async function removeSavedPage(path: string): Promise<void> {
  await (await caches.open(SAVED_CACHE)).delete(path);
}

/** The pages saved on this device, newest first. */
export async function listSavedPages(): Promise<SavedPage[]> {
  if (!offlineSavingSupported() || !(await caches.has(SAVED_CACHE))) return [];
  const cache = await caches.open(SAVED_CACHE);
  const pages: SavedPage[] = [];
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    const response = isSavablePage(path) ? await cache.match(request) : undefined;
    const page = response ? savedPageOf(path, response.headers) : null;
    if (page) pages.push(page);
  }
  return pages.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

export async function isPageSaved(path: string): Promise<boolean> {
  if (!offlineSavingSupported() || !(await caches.has(SAVED_CACHE))) return false;
  return Boolean(await (await caches.open(SAVED_CACHE)).match(path));
}

/**
 * At logout: every cache the member's use filled goes, saved pages included (they are the
 * member's choice of reading). Only Serwist's precache stays: the offline page and the icons.
 */
export async function clearOfflineCaches(): Promise<void> {
  if (typeof window === 'undefined' || !('caches' in window)) return;
  const names = await caches.keys();
  await Promise.all(names.filter((name) => !name.startsWith(PRECACHE_PREFIX)).map((name) => caches.delete(name)));
}

/** A saved page's copy keeps the title it was saved under; a renamed regulation is relabelled. */
export async function relabelSavedPage(path: string, title: string): Promise<void> {
  const cache = await caches.open(SAVED_CACHE);
  const response = await cache.match(path);
  const page = response ? savedPageOf(path, response.headers) : null;
  if (!response || !page || page.title === title) return;
  await cache.put(path, savedCopy(await response.arrayBuffer(), response.headers, { title, savedAt: page.savedAt }));
}
