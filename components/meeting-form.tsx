'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState, type ActionState } from '@/lib/actions/action-state';
import { messages } from '@/lib/i18n/messages';
import { MEETING_KINDS } from '@/lib/org-life/meeting-kinds';

export type Attendee = { id: string; name: string; hint?: string };

const tb = messages.temporaryBranches;
const control = 'focus:border-party min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3 outline-none';

/**
 * Records one organisation-life meeting away from home: its day, kind and topic, and who attended
 * — ticked from `attendees`, or the one member a hidden field names (an e-card code). Each
 * field's error shows under it; the answer below the button.
 */
export function MeetingForm({
  id,
  action,
  heading,
  hidden,
  attendees,
  attendeesChecked = true,
  today,
}: {
  id: string;
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  heading: string;
  hidden: Record<string, string>;
  attendees?: Attendee[];
  /** Ticked at first: a small 临时党支部 meets whole; a host's long list is ticked one by one. */
  attendeesChecked?: boolean;
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const error = (name: string) => (state.status === 'invalid' ? state.fieldErrors[name]?.[0] : undefined);
  const fieldId = (name: string) => `${id}-${name}`;
  const described = (name: string) => (error(name) ? `${fieldId(name)}-error` : undefined);
  const errorLine = (name: string) =>
    error(name) && (
      <p id={`${fieldId(name)}-error`} className="text-party text-sm">
        {error(name)}
      </p>
    );
  return (
    <ActionForm action={formAction} aria-labelledby={`${id}-heading`} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <h3 id={`${id}-heading`} className="font-semibold">
        {heading}
      </h3>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="space-y-1">
          <label htmlFor={fieldId('heldOn')} className="block text-sm font-medium">
            {tb.attendance.fields.heldOn}
          </label>
          <input id={fieldId('heldOn')} name="heldOn" type="date" required max={today} defaultValue={today} aria-invalid={error('heldOn') ? true : undefined} aria-describedby={described('heldOn')} className={control} />
          {errorLine('heldOn')}
        </div>
        <div className="space-y-1">
          <label htmlFor={fieldId('kind')} className="block text-sm font-medium">
            {tb.attendance.fields.kind}
          </label>
          <select id={fieldId('kind')} name="kind" required defaultValue="theme_day" aria-invalid={error('kind') ? true : undefined} aria-describedby={described('kind')} className={control}>
            {MEETING_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {tb.meetingKinds[kind]}
              </option>
            ))}
          </select>
          {errorLine('kind')}
        </div>
        <div className="space-y-1">
          <label htmlFor={fieldId('topic')} className="block text-sm font-medium">
            {tb.attendance.fields.topic}
          </label>
          <input id={fieldId('topic')} name="topic" required minLength={2} maxLength={200} autoComplete="off" aria-invalid={error('topic') ? true : undefined} aria-describedby={described('topic')} className={control} />
          {errorLine('topic')}
        </div>
      </div>
      {attendees && (
        <fieldset className="space-y-2" aria-describedby={described('memberIds')}>
          <legend className="text-sm font-medium">{tb.list.attendees}</legend>
          <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
            {attendees.map((attendee) => (
              <li key={attendee.id}>
                <label className="flex min-h-9 items-center gap-2 text-sm">
                  <input type="checkbox" name="memberIds" value={attendee.id} defaultChecked={attendeesChecked} className="accent-party h-4 w-4 shrink-0" />
                  <span>
                    {attendee.name}
                    {attendee.hint && <span className="text-stone-500"> · {attendee.hint}</span>}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {errorLine('memberIds')}
        </fieldset>
      )}
      <button type="submit" disabled={pending} className="bg-party min-h-11 rounded-lg px-4 text-white disabled:opacity-60">
        {pending ? tb.actions.recording : tb.actions.record}
      </button>
      {state.status !== 'idle' && state.status !== 'invalid' && (
        <p role="status" className={state.status === 'success' ? 'text-green-800' : 'text-party'}>
          {state.message}
        </p>
      )}
    </ActionForm>
  );
}
