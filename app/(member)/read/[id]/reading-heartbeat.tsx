'use client';

import { useEffect } from 'react';
import { idleState } from '@/lib/actions/action-state';
import { readingHeartbeat } from '@/lib/content/actions';

/** Tells the server, every 15 s while the page is on screen, that the member is still reading. */
export function ReadingHeartbeat({ itemId, seconds }: { itemId: string; seconds: number }) {
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState !== 'visible' || !navigator.onLine) return;
      const form = new FormData();
      form.set('itemId', itemId);
      readingHeartbeat(idleState, form).catch(() => undefined); // a lost beat loses 15 s of credit, nothing else
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [itemId, seconds]);
  return null;
}
