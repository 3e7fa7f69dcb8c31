'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { Field, FormMessage, PrivacyConsent, SubmitButton } from '@/components/form-fields';
import { idleState } from '@/lib/actions/action-state';
import { fileMemberClaim } from '@/lib/claims/actions';
import { messages } from '@/lib/i18n/messages';

export type BranchGroup = { label: string; branches: { id: number; name: string }[] };

const control = 'focus:border-party w-full rounded-xl border-2 border-stone-300 bg-white px-3 text-lg outline-none';

export function ClaimForm({ groups }: { groups: BranchGroup[] }) {
  const [state, formAction, pending] = useActionState(fileMemberClaim, idleState);
  const t = messages.claims.form;
  const errorOf = (name: string) => (state.status === 'invalid' ? state.fieldErrors[name]?.[0] : undefined);
  if (state.status === 'success') {
    return (
      <p role="status" className="rounded-xl border border-green-300 bg-green-50 p-4 text-lg text-green-900">
        {state.message}
      </p>
    );
  }
  const orgError = errorOf('orgId');
  const noteError = errorOf('note');
  return (
    <ActionForm action={formAction} className="space-y-4">
      <Field name="name" label={t.name} state={state} autoComplete="name" maxLength={50} required />
      <Field name="idNumber" label={t.idNumber} state={state} autoComplete="off" maxLength={18} required />
      <Field name="phone" label={t.phone} hint={t.phoneHint} state={state} type="tel" inputMode="numeric" autoComplete="tel" maxLength={13} required />
      <div className="space-y-1">
        <label htmlFor="orgId" className="block text-lg font-medium">
          {t.org}
        </label>
        <select
          id="orgId"
          name="orgId"
          defaultValue=""
          required
          aria-invalid={orgError ? true : undefined}
          aria-describedby={orgError ? 'orgId-hint orgId-error' : 'orgId-hint'}
          className={`${control} min-h-12`}
        >
          <option value="" disabled>
            {t.orgPlaceholder}
          </option>
          {groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.branches.map((branch) => (
                <option key={branch.id} value={branch.id}>
                  {branch.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <p id="orgId-hint" className="text-stone-600">
          {t.orgHint}
        </p>
        {orgError && (
          <p id="orgId-error" className="text-party">
            {orgError}
          </p>
        )}
      </div>
      <div className="space-y-1">
        <label htmlFor="note" className="block text-lg font-medium">
          {t.note}
        </label>
        <textarea
          id="note"
          name="note"
          rows={3}
          maxLength={500}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? 'note-hint note-error' : 'note-hint'}
          className={`${control} py-2`}
        />
        <p id="note-hint" className="text-stone-600">
          {t.noteHint}
        </p>
        {noteError && (
          <p id="note-error" className="text-party">
            {noteError}
          </p>
        )}
      </div>
      <PrivacyConsent state={state} />
      <FormMessage state={state} />
      <SubmitButton pending={pending} label={t.submit} pendingLabel={t.submitting} />
    </ActionForm>
  );
}
