'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { Field, FormMessage, SubmitButton } from '@/components/form-fields';
import { idleState } from '@/lib/actions/action-state';
import { enrolTotp, loginAdmin } from '@/lib/auth/actions';
import { messages } from '@/lib/i18n/messages';

export function AdminLoginForm({ next }: { next?: string }) {
  const [state, formAction, pending] = useActionState(loginAdmin, idleState);
  const [enrolState, enrolAction, enrolling] = useActionState(enrolTotp, idleState);
  const t = messages.auth;
  const enrolment = state.status === 'success' ? state.data : undefined;

  if (enrolment) {
    return (
      <ActionForm action={enrolAction} className="space-y-4">
        <h2 className="text-xl font-semibold">{t.enrolTitle}</h2>
        <p className="text-stone-700">{t.enrolIntro}</p>
        {/* The SVG comes from our own QR encoder, never from user input. */}
        <div className="mx-auto w-56" role="img" aria-label="二维码" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
        <p className="text-center">
          {t.enrolSecret}：<code data-testid="totp-secret" className="rounded bg-stone-100 px-2 py-1 font-mono tracking-wider break-all">{enrolment.secret}</code>
        </p>
        <input type="hidden" name="token" value={enrolment.token} />
        {next && <input type="hidden" name="next" value={next} />}
        <Field name="totp" label={t.totp} hint={t.totpHint} state={enrolState} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
        <FormMessage state={enrolState} />
        <SubmitButton pending={enrolling} label={t.enrolConfirm} pendingLabel={t.loggingIn} />
      </ActionForm>
    );
  }

  return (
    <ActionForm action={formAction} className="space-y-4">
      {next && <input type="hidden" name="next" value={next} />}
      <Field name="username" label={t.username} state={state} autoComplete="username" required />
      <Field name="password" label={t.password} state={state} type="password" autoComplete="current-password" required />
      <Field name="totp" label={t.totp} hint={t.totpHint} state={state} inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
      <FormMessage state={state} />
      <SubmitButton pending={pending} label={t.login} pendingLabel={t.loggingIn} />
    </ActionForm>
  );
}
