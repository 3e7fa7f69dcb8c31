'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { Field, FormMessage, SubmitButton } from '@/components/form-fields';
import { idleState, type ActionState } from '@/lib/actions/action-state';

type Labels = {
  heading: string;
  region: string;
  regionHint: string;
  place: string;
  placeHint: string;
  reason: string;
  leavesOn: string;
  leavesOnHint: string;
  expectedMonths: string;
  plannedHost: string;
  phoneAway: string;
  note: string;
  submit: string;
  submitting: string;
};

/**
 * The 外出报告 form. The member's phone form and the branch's "代为登记" share it: `fields` carries
 * the member id when an admin records on someone's behalf. Inputs take their ids from their names
 * (Field), so a page holds one of these forms at most; `idPrefix` names the rest.
 */
export function OutflowReportForm({
  action,
  today,
  reasons,
  labels,
  fields = {},
  idPrefix = 'report',
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  today: string;
  reasons: { value: string; label: string }[];
  labels: Labels;
  fields?: Record<string, string>;
  idPrefix?: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const id = (name: string) => `${idPrefix}-${name}`;
  const error = (name: string) => (state.status === 'invalid' ? state.fieldErrors[name]?.[0] : undefined);
  const reasonError = error('reason');
  const noteError = error('note');
  const field = (name: string, props: Omit<React.ComponentProps<typeof Field>, 'name' | 'state'>) => <Field {...props} name={name} state={state} />;
  return (
    <ActionForm action={formAction} aria-labelledby={id('heading')} className="space-y-4 rounded-2xl bg-white p-4 shadow-sm">
      <h2 id={id('heading')} className="text-xl font-semibold">
        {labels.heading}
      </h2>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormMessage state={state} />
      {state.status === 'success' && (
        <p role="status" className="rounded-xl border border-green-300 bg-green-50 p-3 text-green-900">
          {state.message}
        </p>
      )}
      {field('region', { label: labels.region, hint: labels.regionHint, required: true, maxLength: 60, autoComplete: 'off' })}
      {field('place', { label: labels.place, hint: labels.placeHint, required: true, maxLength: 200, autoComplete: 'off' })}
      <div className="space-y-1">
        <label htmlFor={id('reason')} className="block text-lg font-medium">
          {labels.reason}
        </label>
        <select
          id={id('reason')}
          name="reason"
          required
          defaultValue={reasons[0]?.value}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${id('reason')}-error` : undefined}
          className="focus:border-party min-h-12 w-full rounded-xl border-2 border-stone-300 bg-white px-3 text-lg outline-none"
        >
          {reasons.map((reason) => (
            <option key={reason.value} value={reason.value}>
              {reason.label}
            </option>
          ))}
        </select>
        {reasonError && (
          <p id={`${id('reason')}-error`} className="text-party">
            {reasonError}
          </p>
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {field('leavesOn', { label: labels.leavesOn, hint: labels.leavesOnHint, type: 'date', required: true, defaultValue: today })}
        {field('expectedMonths', { label: labels.expectedMonths, type: 'number', inputMode: 'numeric', min: 1, max: 120, required: true, defaultValue: '12' })}
      </div>
      {field('plannedHost', { label: labels.plannedHost, maxLength: 100, autoComplete: 'off' })}
      {field('phoneAway', { label: labels.phoneAway, type: 'tel', inputMode: 'tel', maxLength: 20, autoComplete: 'tel' })}
      <div className="space-y-1">
        <label htmlFor={id('note')} className="block text-lg font-medium">
          {labels.note}
        </label>
        <textarea
          id={id('note')}
          name="note"
          rows={3}
          maxLength={500}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? `${id('note')}-error` : undefined}
          className="focus:border-party w-full rounded-xl border-2 border-stone-300 bg-white p-3 text-lg outline-none"
        />
        {noteError && (
          <p id={`${id('note')}-error`} className="text-party">
            {noteError}
          </p>
        )}
      </div>
      <SubmitButton pending={pending} label={labels.submit} pendingLabel={labels.submitting} />
    </ActionForm>
  );
}
