'use client';

import { useRef } from 'react';
import { clearOfflineCaches } from '@/lib/pwa/offline-client';

/**
 * 退出登录: the caches this device filled (saved regulations included) are deleted first, then the
 * server ends the session. Without script the form still posts the action.
 */
export function LogoutForm({ action, signedInAs, label }: { action: () => Promise<void>; signedInAs: string; label: string }) {
  const cleared = useRef(false);
  return (
    <form
      action={action}
      className="space-y-3"
      onSubmit={(event) => {
        if (cleared.current) return;
        event.preventDefault();
        const form = event.currentTarget;
        clearOfflineCaches()
          .catch(() => undefined) // a cache that cannot be deleted must not keep the member signed in
          .finally(() => {
            cleared.current = true;
            form.requestSubmit();
          });
      }}
    >
      <p className="text-lg">{signedInAs}</p>
      <button type="submit" className="min-h-12 w-full rounded-xl border-2 border-stone-300 text-lg">
        {label}
      </button>
    </form>
  );
}
