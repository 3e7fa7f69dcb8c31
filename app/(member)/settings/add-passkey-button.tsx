'use client';

import { useState, useTransition } from 'react';
import { isCancelled, useWebAuthnSupport } from '@/components/passkey-support';
import { idleState } from '@/lib/actions/action-state';
import { beginPasskeyRegistration, finishPasskeyRegistration } from '@/lib/auth/passkey-actions';
import { messages } from '@/lib/i18n/messages';

const t = messages.passkeys;

/** Adds a passkey on this device: options from the server, the browser's prompt, the answer checked. */
export function AddPasskeyButton() {
  const supported = useWebAuthnSupport();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  if (supported === null) return null;
  if (!supported) return <p className="text-stone-600">{t.unsupported}</p>;

  const add = () =>
    startTransition(async () => {
      setResult(null);
      const begun = await beginPasskeyRegistration(idleState, new FormData());
      if (begun.status !== 'success' || !begun.data?.options) {
        setResult({ ok: false, text: begun.status === 'idle' ? messages.actions.failed : begun.message });
        return;
      }
      const { startRegistration } = await import('@simplewebauthn/browser');
      let response;
      try {
        response = await startRegistration(JSON.parse(begun.data.options));
      } catch (caught) {
        const previouslyRegistered = caught instanceof Error && 'code' in caught && caught.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED';
        setResult({ ok: false, text: previouslyRegistered ? t.alreadyAdded : isCancelled(caught) ? t.cancelled : t.addFailed });
        return;
      }
      const form = new FormData();
      form.set('response', JSON.stringify(response));
      const finished = await finishPasskeyRegistration(idleState, form);
      setResult({ ok: finished.status === 'success', text: finished.status === 'idle' ? '' : finished.message });
    });

  return (
    <div className="space-y-2">
      <button type="button" onClick={add} disabled={pending} className="bg-party min-h-12 w-full rounded-xl text-lg font-semibold text-white disabled:opacity-60">
        {pending ? t.adding : t.add}
      </button>
      <p role="status" aria-live="polite" className={result?.ok ? 'text-green-700' : 'text-party'}>
        {result?.text ?? ''}
      </p>
    </div>
  );
}
