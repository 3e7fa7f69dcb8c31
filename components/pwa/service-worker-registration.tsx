'use client';

import { useEffect } from 'react';

/**
 * Registers the service worker (app/sw.ts, built to public/sw.js). A plain registration rather
 * than Serwist's SerwistProvider: the member pages use none of @serwist/window's messaging, and
 * its ~2.3 KiB of gzipped script was what stood between the member home and the 150 KiB budget
 * (DESIGN.md §10). updateViaCache 'none': a new release's worker is looked for past the HTTP cache.
 */
export function ServiceWorkerRegistration({ url }: { url: string }) {
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register(url, { scope: '/', updateViaCache: 'none' }).catch(() => undefined); // no worker: the app still works online
  }, [url]);
  return null;
}
