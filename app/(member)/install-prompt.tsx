'use client';

import { useEffect, useState } from 'react';
import type { pwaMessages } from '@/lib/i18n/messages/pwa';

// Chromium's install event; not in TypeScript's DOM types.
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const DISMISSED_KEY = 'ejia-install-dismissed';

/** 添加到主屏幕, offered where the browser can install the app and until the member says no. */
export function InstallPrompt({ labels }: { labels: typeof pwaMessages.install }) {
  const [installEvent, setInstallEvent] = useState<BeforeInstallPromptEvent | null>(null);
  useEffect(() => {
    const offer = (event: Event) => {
      event.preventDefault(); // our card instead of the browser's mini bar
      if (localStorage.getItem(DISMISSED_KEY)) return;
      setInstallEvent(event as BeforeInstallPromptEvent);
    };
    const installed = () => setInstallEvent(null);
    window.addEventListener('beforeinstallprompt', offer);
    window.addEventListener('appinstalled', installed);
    return () => {
      window.removeEventListener('beforeinstallprompt', offer);
      window.removeEventListener('appinstalled', installed);
    };
  }, []);
  if (!installEvent) return null;

  async function install() {
    if (!installEvent) return;
    await installEvent.prompt();
    await installEvent.userChoice.catch(() => undefined);
    setInstallEvent(null); // the browser offers it only once per event
  }

  function dismiss() {
    localStorage.setItem(DISMISSED_KEY, new Date().toISOString());
    setInstallEvent(null);
  }

  return (
    // Floating above the tab bar rather than in the page: it appears after the page has painted and
    // must not push the content down (layout shift).
    <section aria-labelledby="install-app" className="fixed inset-x-0 bottom-[calc(4rem+env(safe-area-inset-bottom))] z-30 mx-auto max-w-xl space-y-3 rounded-2xl border-2 border-party/30 bg-white p-4 shadow-lg">
      <h2 id="install-app" className="text-lg font-semibold">
        {labels.title}
      </h2>
      <p className="text-stone-700">{labels.body}</p>
      <div className="flex gap-3">
        <button type="button" onClick={install} className="bg-party min-h-12 flex-1 rounded-xl text-lg font-semibold text-white">
          {labels.accept}
        </button>
        <button type="button" onClick={dismiss} className="min-h-12 flex-1 rounded-xl border-2 border-stone-300 text-lg">
          {labels.dismiss}
        </button>
      </div>
    </section>
  );
}
