'use client';

import { useState, useTransition } from 'react';
import { isCancelled, useWebAuthnSupport } from '@/components/passkey-support';
import { idleState } from '@/lib/actions/action-state';
import { beginPasskeyLogin, finishPasskeyLogin } from '@/lib/auth/passkey-actions';
import { messages } from '@/lib/i18n/messages';

const t = messages.passkeys;

/** Signing in with a passkey instead of the password: shown only where the browser supports passkeys. */
export function PasskeyLoginButton({ next }: { next?: string }) {
  const supported = useWebAuthnSupport();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState('');
  if (!supported) return null;

  const signIn = () =>
    startTransition(async () => {
      setError('');
      const begun = await beginPasskeyLogin(idleState, new FormData());
      if (begun.status !== 'success' || !begun.data?.options) {
        setError(begun.status === 'idle' ? messages.actions.failed : begun.message);
        return;
      }
      // The WebAuthn helper loads only when someone actually signs in with a passkey.
      const { startAuthentication } = await import('@simplewebauthn/browser');
      let response;
      try {
        response = await startAuthentication(JSON.parse(begun.data.options));
      } catch (caught) {
        setError(isCancelled(caught) ? t.cancelled : messages.auth.loginFailed);
        return;
      }
      const form = new FormData();
      form.set('response', JSON.stringify(response));
      if (next) form.set('next', next);
      // On success the action redirects; only a refusal comes back.
      const finished = await finishPasskeyLogin(idleState, form);
      if (finished.status !== 'idle' && finished.status !== 'success') setError(finished.message);
    });

  return (
    <div className="space-y-3">
      <p className="flex items-center gap-3 text-stone-500 before:h-px before:flex-1 before:bg-stone-200 after:h-px after:flex-1 after:bg-stone-200">{t.or}</p>
      <button
        type="button"
        onClick={signIn}
        disabled={pending}
        className="border-party text-party min-h-12 w-full rounded-xl border-2 bg-white text-lg font-semibold disabled:opacity-60"
      >
        {pending ? t.loggingIn : t.login}
      </button>
      {error && (
        <p role="alert" className="border-party/30 bg-party/5 text-party rounded-xl border p-3">
          {error}
        </p>
      )}
    </div>
  );
}
