'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState } from '@/lib/actions/action-state';
import { recordReturn } from '@/lib/flow/actions';

type Labels = { heading: string; returnedOn: string; note: string; submit: string; submitting: string; inspection: string; inspectionHint: string; callOffHeading: string; callOffHint: string; callOff: string };

const input = 'focus:border-party min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3 outline-none';

/** Ends the open outflow episode on the day the member came back (handing in the 活动证); the page re-renders without it. */
export function ReturnHomeForm({
  memberId,
  today,
  startedOn,
  holdsCertificate,
  notBegun,
  labels,
}: {
  memberId: string;
  today: string;
  startedOn: string;
  /** A 活动证 is held: it is handed in and inspected with the return. */
  holdsCertificate: boolean;
  /** The journey's day has not come: the form calls it off instead of recording a return. */
  notBegun: boolean;
  labels: Labels;
}) {
  const [state, formAction, pending] = useActionState(recordReturn, idleState);
  const error = (name: string) => (state.status === 'invalid' ? state.fieldErrors[name]?.[0] : undefined);
  return (
    <ActionForm action={formAction} aria-labelledby="return-home-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <h3 id="return-home-heading" className="font-semibold">
        {notBegun ? labels.callOffHeading : labels.heading}
      </h3>
      <input type="hidden" name="memberId" value={memberId} />
      {notBegun ? (
        <>
          <input type="hidden" name="returnedOn" value={today} />
          <p className="text-sm text-stone-600">{labels.callOffHint}</p>
        </>
      ) : (
        <div className="grid gap-3 sm:grid-cols-3">
          <div className="space-y-1">
            <label htmlFor="return-returnedOn" className="block text-sm font-medium">
              {labels.returnedOn}
            </label>
            <input
              id="return-returnedOn"
              name="returnedOn"
              type="date"
              required
              min={startedOn}
              max={today}
              defaultValue={today}
              aria-invalid={error('returnedOn') ? true : undefined}
              aria-describedby={error('returnedOn') ? 'return-returnedOn-error' : undefined}
              className={input}
            />
            {error('returnedOn') && (
              <p id="return-returnedOn-error" className="text-party text-sm">
                {error('returnedOn')}
              </p>
            )}
          </div>
          <div className="space-y-1 sm:col-span-2">
            <label htmlFor="return-note" className="block text-sm font-medium">
              {labels.note}
            </label>
            <input id="return-note" name="note" maxLength={500} autoComplete="off" className={input} />
          </div>
        </div>
      )}
      {holdsCertificate && (
        <div className="space-y-1">
          <label htmlFor="return-inspectionNote" className="block text-sm font-medium">
            {labels.inspection}
          </label>
          <textarea
            id="return-inspectionNote"
            name="inspectionNote"
            required
            minLength={2}
            maxLength={500}
            rows={3}
            aria-invalid={error('inspectionNote') ? true : undefined}
            aria-describedby={['return-inspectionNote-hint', error('inspectionNote') ? 'return-inspectionNote-error' : ''].filter(Boolean).join(' ')}
            className="focus:border-party w-full rounded-lg border-2 border-stone-300 bg-white p-3 outline-none"
          />
          <p id="return-inspectionNote-hint" className="text-sm text-stone-600">
            {labels.inspectionHint}
          </p>
          {error('inspectionNote') && (
            <p id="return-inspectionNote-error" className="text-party text-sm">
              {error('inspectionNote')}
            </p>
          )}
        </div>
      )}
      <button type="submit" disabled={pending} className="bg-party min-h-11 rounded-lg px-4 text-white disabled:opacity-60">
        {pending ? labels.submitting : notBegun ? labels.callOff : labels.submit}
      </button>
      {state.status !== 'idle' && state.status !== 'invalid' && (
        <p role="status" className={state.status === 'success' ? 'text-green-800' : 'text-party'}>
          {state.message}
        </p>
      )}
    </ActionForm>
  );
}
