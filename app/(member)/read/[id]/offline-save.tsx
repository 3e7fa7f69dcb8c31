'use client';

import { useEffect, useRef, useState } from 'react';
import { isPageSaved, OfflineQuotaError, offlineSavingSupported, relabelSavedPage, removeSavedPage, savePageForOffline } from '@/lib/pwa/offline-client';
import type { pwaMessages } from '@/lib/i18n/messages/pwa';

type State = 'checking' | 'unsupported' | 'unsaved' | 'saving' | 'saved' | 'failed' | 'quota';

/** 离线保存 on a 党内法规 or 学习资料 page: the page and what it needs go into this device's cache. */
export function OfflineSave({ path, title, labels }: { path: string; title: string; labels: typeof pwaMessages.save }) {
  const [state, setState] = useState<State>('checking');
  const article = useRef<HTMLDivElement>(null);
  useEffect(() => {
    (async () => {
      if (!offlineSavingSupported()) return setState('unsupported');
      const saved = await isPageSaved(path);
      // The button works while this is asked: a save already started wins.
      setState((current) => (current === 'checking' ? (saved ? 'saved' : 'unsaved') : current));
      if (saved) await relabelSavedPage(path, title);
    })().catch(() => setState('unsupported'));
  }, [path, title]);

  async function save() {
    setState('saving');
    try {
      await savePageForOffline({ path, title, root: article.current?.closest('article') ?? document });
      setState('saved');
    } catch (error) {
      setState(error instanceof OfflineQuotaError ? 'quota' : 'failed');
    }
  }

  async function remove() {
    await removeSavedPage(path).catch(() => undefined);
    setState('unsaved');
  }

  const message = { unsupported: labels.unsupported, saved: labels.saved, failed: labels.failed, quota: labels.quota }[state as string];
  return (
    <section ref={article} aria-labelledby="offline-save" className="space-y-2 rounded-2xl bg-white p-4 shadow-sm">
      <h2 id="offline-save" className="text-lg font-semibold">
        {labels.heading}
      </h2>
      <p role="status" className={state === 'failed' || state === 'quota' ? 'text-party' : 'text-stone-700'}>
        {message}
      </p>
      {state === 'saved' ? (
        <button type="button" onClick={remove} className="min-h-12 w-full rounded-xl border-2 border-stone-300 text-lg">
          {labels.remove}
        </button>
      ) : state !== 'unsupported' ? (
        // Rendered while the cache is still being asked too, so the page does not shift when it answers.
        <button type="button" onClick={save} disabled={state === 'saving'} className="bg-party min-h-12 w-full rounded-xl text-lg font-semibold text-white disabled:opacity-60">
          {state === 'saving' ? labels.saving : labels.save}
        </button>
      ) : null}
    </section>
  );
}
