'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState, type ActionState } from '@/lib/actions/action-state';

type Labels = {
  heading: string;
  issuedOn: string;
  validUntil: string;
  extensionReason: string;
  extensionReasonHint: string;
  photo: string;
  photoHint: string;
  submit: string;
  submitting: string;
};

const input = 'focus:border-party min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3 outline-none';

/**
 * Issues a 活动证 (with the issue date) or renews one (from today, photo optional). `fields`
 * carries the member's or the old certificate's id; `id` keeps two forms' inputs apart.
 */
export function CertificateForm({
  id,
  action,
  fields,
  today,
  defaultValidUntil,
  photoRequired,
  labels,
}: {
  id: string;
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  today: string;
  defaultValidUntil: string;
  /** Renewal keeps the old photo unless a new one is chosen. */
  photoRequired: boolean;
  labels: Labels;
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const error = (name: string) => (state.status === 'invalid' ? state.fieldErrors[name]?.[0] : undefined);
  const describedBy = (name: string, hint?: boolean) => [hint ? `${id}-${name}-hint` : '', error(name) ? `${id}-${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  const errorText = (name: string) =>
    error(name) && (
      <p id={`${id}-${name}-error`} className="text-party text-sm">
        {error(name)}
      </p>
    );
  return (
    <ActionForm action={formAction} aria-labelledby={`${id}-heading`} encType="multipart/form-data" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <h3 id={`${id}-heading`} className="font-semibold">
        {labels.heading}
      </h3>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="grid gap-3 sm:grid-cols-2">
        {photoRequired && (
          <div className="space-y-1">
            <label htmlFor={`${id}-issuedOn`} className="block text-sm font-medium">
              {labels.issuedOn}
            </label>
            <input id={`${id}-issuedOn`} name="issuedOn" type="date" required max={today} defaultValue={today} aria-invalid={error('issuedOn') ? true : undefined} aria-describedby={describedBy('issuedOn')} className={input} />
            {errorText('issuedOn')}
          </div>
        )}
        <div className="space-y-1">
          <label htmlFor={`${id}-validUntil`} className="block text-sm font-medium">
            {labels.validUntil}
          </label>
          <input id={`${id}-validUntil`} name="validUntil" type="date" required min={today} defaultValue={defaultValidUntil} aria-invalid={error('validUntil') ? true : undefined} aria-describedby={describedBy('validUntil')} className={input} />
          {errorText('validUntil')}
        </div>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-extensionReason`} className="block text-sm font-medium">
          {labels.extensionReason}
        </label>
        <input id={`${id}-extensionReason`} name="extensionReason" maxLength={500} autoComplete="off" aria-invalid={error('extensionReason') ? true : undefined} aria-describedby={describedBy('extensionReason', true)} className={input} />
        <p id={`${id}-extensionReason-hint`} className="text-sm text-stone-600">
          {labels.extensionReasonHint}
        </p>
        {errorText('extensionReason')}
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-photo`} className="block text-sm font-medium">
          {labels.photo}
        </label>
        <input id={`${id}-photo`} name="photo" type="file" accept="image/jpeg,image/png,image/webp" required={photoRequired} aria-invalid={error('photo') ? true : undefined} aria-describedby={describedBy('photo', true)} className="block w-full text-sm" />
        <p id={`${id}-photo-hint`} className="text-sm text-stone-600">
          {labels.photoHint}
        </p>
        {errorText('photo')}
      </div>
      <button type="submit" disabled={pending} className="bg-party min-h-11 rounded-lg px-4 text-white disabled:opacity-60">
        {pending ? labels.submitting : labels.submit}
      </button>
      {state.status !== 'idle' && (
        <p role="status" className={state.status === 'success' ? 'text-green-800' : 'text-party'}>
          {state.message}
        </p>
      )}
    </ActionForm>
  );
}
