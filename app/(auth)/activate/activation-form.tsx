'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { Field, FormMessage, SubmitButton } from '@/components/form-fields';
import { idleState } from '@/lib/actions/action-state';
import { activate } from '@/lib/auth/actions';
import { messages } from '@/lib/i18n/messages';

export function ActivationForm() {
  const [state, formAction, pending] = useActionState(activate, idleState);
  const t = messages.auth;
  const consentError = state.status === 'invalid' ? state.fieldErrors.consent?.[0] : undefined;
  return (
    <ActionForm action={formAction} className="space-y-4">
      <Field name="name" label={t.name} state={state} autoComplete="name" required />
      <Field name="idNumber" label={t.idNumber} state={state} autoComplete="off" maxLength={18} required />
      <Field name="code" label={t.activationCode} hint={t.activationCodeHint} state={state} autoComplete="one-time-code" autoCapitalize="characters" required />
      <section aria-labelledby="notice" tabIndex={0} className="max-h-64 space-y-2 overflow-y-auto rounded-xl border border-stone-200 bg-stone-50 p-3">
        <h2 id="notice" className="font-semibold">
          {messages.privacy.title}（{messages.privacy.version}）
        </h2>
        {messages.privacy.sections.map((section) => (
          <p key={section.heading} className="text-stone-700">
            <strong>{section.heading}：</strong>
            {section.body}
          </p>
        ))}
      </section>
      <label className="flex min-h-12 items-center gap-3 text-lg">
        <input type="checkbox" name="consent" className="accent-party h-6 w-6" aria-invalid={consentError ? true : undefined} required />
        {t.consent}
      </label>
      {consentError && <p className="text-party">{consentError}</p>}
      <Field name="password" label={t.password} state={state} type="password" autoComplete="new-password" required />
      <Field name="passwordConfirm" label={t.passwordConfirm} state={state} type="password" autoComplete="new-password" required />
      <FormMessage state={state} />
      {/* After any failed activation, so the offer says nothing about why it failed. */}
      {state.status === 'failed' && (
        <Link href="/activate/claim" className="text-party block text-lg font-medium underline underline-offset-4">
          {messages.claims.notInArchiveLink}
        </Link>
      )}
      <SubmitButton pending={pending} label={t.activate} pendingLabel={t.activating} />
    </ActionForm>
  );
}
