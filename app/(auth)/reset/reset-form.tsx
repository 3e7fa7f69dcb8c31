'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { Field, FormMessage, SubmitButton } from '@/components/form-fields';
import { idleState } from '@/lib/actions/action-state';
import { resetPassword } from '@/lib/auth/actions';
import { messages } from '@/lib/i18n/messages';

export function ResetForm() {
  const [state, formAction, pending] = useActionState(resetPassword, idleState);
  const t = messages.reset;
  if (state.status === 'success') {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-xl border border-green-300 bg-green-50 p-3 text-lg text-green-900">
          {state.message}
        </p>
        <div className="flex justify-between text-lg">
          <Link href="/login" className="text-party underline underline-offset-4">{messages.auth.toMemberLogin}</Link>
          <Link href="/login/admin" className="text-stone-700 underline underline-offset-4">{messages.auth.toAdminLogin}</Link>
        </div>
      </div>
    );
  }
  return (
    <ActionForm action={formAction} className="space-y-4">
      <Field name="identifier" label={t.identifier} state={state} autoComplete="username" required />
      <Field name="code" label={t.code} state={state} autoComplete="one-time-code" autoCapitalize="characters" required />
      <Field name="password" label={messages.auth.password} state={state} type="password" autoComplete="new-password" required />
      <Field name="passwordConfirm" label={messages.auth.passwordConfirm} state={state} type="password" autoComplete="new-password" required />
      <FormMessage state={state} />
      <SubmitButton pending={pending} label={t.submit} pendingLabel={t.submitting} />
    </ActionForm>
  );
}
