'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { Field, FormMessage, PrivacyConsent, SubmitButton } from '@/components/form-fields';
import { idleState } from '@/lib/actions/action-state';
import { activate } from '@/lib/auth/actions';
import { messages } from '@/lib/i18n/messages';

export function ActivationForm() {
  const [state, formAction, pending] = useActionState(activate, idleState);
  const t = messages.auth;
  return (
    <ActionForm action={formAction} className="space-y-4">
      <Field name="name" label={t.name} state={state} autoComplete="name" required />
      <Field name="idNumber" label={t.idNumber} state={state} autoComplete="off" maxLength={18} required />
      <Field name="code" label={t.activationCode} hint={t.activationCodeHint} state={state} autoComplete="one-time-code" autoCapitalize="characters" required />
      <PrivacyConsent state={state} />
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
