'use client';

import { useEffect } from 'react';

/**
 * Remembers, on this device, that the member has looked at decisions up to `upTo` (ms), so the
 * next visit marks only newer ones. Written in the browser so the marks stay on this page; the
 * notification centre (a later issue) replaces this.
 */
export function SeenMarker({ cookie, upTo }: { cookie: string; upTo: number }) {
  useEffect(() => {
    document.cookie = `${cookie}=${upTo}; path=/archive; max-age=31536000; samesite=lax`;
  }, [cookie, upTo]);
  return null;
}
