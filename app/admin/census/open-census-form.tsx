'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState } from '@/lib/actions/action-state';
import { openCensusAction } from '@/lib/census/actions';
import { messages } from '@/lib/i18n/messages';

const t = messages.census;
const control = 'min-h-10 w-full rounded-lg border-2 border-stone-300 bg-white px-2';

export function OpenCensusForm({ today }: { today: string }) {
  const [state, formAction, pending] = useActionState(openCensusAction, idleState);
  const error = (name: string) => (state.status === 'invalid' ? state.fieldErrors[name]?.[0] : undefined);
  const field = (name: string) => ({ id: `census-${name}`, name, 'aria-invalid': error(name) ? true : undefined, 'aria-describedby': error(name) ? `census-${name}-error` : undefined });
  const problem = (name: string) =>
    error(name) && (
      <p id={`census-${name}-error`} className="text-party text-sm">
        {error(name)}
      </p>
    );
  return (
    <ActionForm action={formAction} className="grid max-w-3xl gap-3 rounded-lg border border-stone-200 bg-white p-4 md:grid-cols-2">
      <div className="space-y-1 md:col-span-2">
        <label htmlFor="census-title" className="block font-medium">{t.fields.title}</label>
        <input {...field('title')} required minLength={2} maxLength={100} className={control} />
        {problem('title')}
      </div>
      <div className="space-y-1 md:col-span-2">
        <label htmlFor="census-note" className="block font-medium">{t.fields.note}</label>
        <textarea {...field('note')} rows={2} maxLength={1000} className={`${control} py-1`} />
        {problem('note')}
      </div>
      <div className="space-y-1">
        <label htmlFor="census-deadline" className="block font-medium">{t.fields.deadline}</label>
        <input {...field('deadline')} type="date" min={today} required className={control} />
        {problem('deadline')}
      </div>
      <div className="space-y-2 md:col-span-2">
        {state.status !== 'idle' && state.status !== 'invalid' && (
          <p role="status" className={state.status === 'success' ? 'text-green-800' : 'text-party'}>
            {state.message}
          </p>
        )}
        <button type="submit" disabled={pending} className="bg-party rounded-lg px-5 py-2 text-white disabled:opacity-60">
          {t.open}
        </button>
      </div>
    </ActionForm>
  );
}
