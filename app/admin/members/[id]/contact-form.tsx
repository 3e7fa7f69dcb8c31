'use client';

import { useActionState, useEffect, useRef } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState } from '@/lib/actions/action-state';
import { recordMemberContact } from '@/lib/members/record-actions';

type Labels = {
  heading: string;
  contactedOn: string;
  way: string;
  contactedBy: string;
  note: string;
  save: string;
  saving: string;
};

const input = 'focus:border-party min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3 outline-none';

/** Adds one contact to the log; the page above re-renders with it (the action revalidates). */
export function ContactForm({
  memberId,
  today,
  defaultContactedBy,
  ways,
  labels,
}: {
  memberId: string;
  today: string;
  defaultContactedBy: string;
  ways: { value: string; label: string }[];
  labels: Labels;
}) {
  const [state, formAction, pending] = useActionState(recordMemberContact, idleState);
  const note = useRef<HTMLTextAreaElement>(null);
  // A saved contact clears the note, so the next one starts fresh; errors keep what was typed.
  useEffect(() => {
    if (state.status === 'success' && note.current) note.current.value = '';
  }, [state]);
  const error = (name: string) => (state.status === 'invalid' ? state.fieldErrors[name]?.[0] : undefined);
  const described = (name: string) => (error(name) ? `contact-${name}-error` : undefined);
  const errorText = (name: string) =>
    error(name) && (
      <p id={`contact-${name}-error`} className="text-party text-sm">
        {error(name)}
      </p>
    );
  return (
    <ActionForm action={formAction} aria-labelledby="contact-form-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <h3 id="contact-form-heading" className="font-semibold">
        {labels.heading}
      </h3>
      <input type="hidden" name="memberId" value={memberId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="space-y-1">
          <label htmlFor="contact-contactedOn" className="block text-sm font-medium">
            {labels.contactedOn}
          </label>
          <input id="contact-contactedOn" name="contactedOn" type="date" required max={today} defaultValue={today} aria-invalid={error('contactedOn') ? true : undefined} aria-describedby={described('contactedOn')} className={input} />
          {errorText('contactedOn')}
        </div>
        <div className="space-y-1">
          <label htmlFor="contact-way" className="block text-sm font-medium">
            {labels.way}
          </label>
          <select id="contact-way" name="way" required defaultValue={ways[0]?.value} aria-invalid={error('way') ? true : undefined} aria-describedby={described('way')} className={input}>
            {ways.map((way) => (
              <option key={way.value} value={way.value}>
                {way.label}
              </option>
            ))}
          </select>
          {errorText('way')}
        </div>
        <div className="space-y-1">
          <label htmlFor="contact-contactedBy" className="block text-sm font-medium">
            {labels.contactedBy}
          </label>
          <input id="contact-contactedBy" name="contactedBy" required maxLength={50} defaultValue={defaultContactedBy} autoComplete="off" aria-invalid={error('contactedBy') ? true : undefined} aria-describedby={described('contactedBy')} className={input} />
          {errorText('contactedBy')}
        </div>
      </div>
      <div className="space-y-1">
        <label htmlFor="contact-note" className="block text-sm font-medium">
          {labels.note}
        </label>
        <textarea ref={note} id="contact-note" name="note" rows={3} maxLength={500} aria-invalid={error('note') ? true : undefined} aria-describedby={described('note')} className={`${input} py-2`} />
        {errorText('note')}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="bg-party min-h-11 rounded-lg px-5 text-white disabled:opacity-60">
          {pending ? labels.saving : labels.save}
        </button>
        <p role="status" aria-live="polite" className={state.status === 'success' ? 'text-green-800' : 'text-party'}>
          {state.status === 'idle' ? '' : state.message}
        </p>
      </div>
    </ActionForm>
  );
}
