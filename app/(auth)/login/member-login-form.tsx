'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { Field, FormMessage, SubmitButton } from '@/components/form-fields';
import { idleState } from '@/lib/actions/action-state';
import { loginMember } from '@/lib/auth/actions';
import { messages } from '@/lib/i18n/messages';

export function MemberLoginForm({ next }: { next?: string }) {
  const [state, formAction, pending] = useActionState(loginMember, idleState);
  const t = messages.auth;
  return (
    <ActionForm action={formAction} className="space-y-4">
      {next && <input type="hidden" name="next" value={next} />}
      <Field name="identifier" label={t.identifier} state={state} autoComplete="username" inputMode="text" required />
      <Field name="password" label={t.password} state={state} type="password" autoComplete="current-password" required />
      <FormMessage state={state} />
      <SubmitButton pending={pending} label={t.login} pendingLabel={t.loggingIn} />
    </ActionForm>
  );
}
