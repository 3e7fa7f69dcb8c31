'use client';

import { useActionState, useState } from 'react';
import { ActionForm } from '@/components/action-form';
import { Field, FormMessage, SubmitButton } from '@/components/form-fields';
import { idleState } from '@/lib/actions/action-state';
import { registerAtHost } from '@/lib/flow/hosting-actions';

type Labels = {
  heading: string;
  intro: string;
  where: string;
  inDeployment: string;
  outside: string;
  hostOrg: string;
  chooseHost: string;
  outsideOrgName: string;
  outsideContact: string;
  reportedOn: string;
  submit: string;
  submitting: string;
};

/** 报到: at a host of the deployment (chosen from the list) or at one outside it (name and contact). */
export function RegistrationForm({ hosts, today, earliest, labels }: { hosts: { id: number; name: string }[]; today: string; earliest: string; labels: Labels }) {
  const [state, formAction, pending] = useActionState(registerAtHost, idleState);
  const [where, setWhere] = useState<'host' | 'outside'>(hosts.length > 0 ? 'host' : 'outside');
  const hostError = state.status === 'invalid' ? state.fieldErrors.hostOrgId?.[0] : undefined;
  return (
    <ActionForm action={formAction} aria-labelledby="registration-heading" className="space-y-4 rounded-2xl bg-white p-4 shadow-sm">
      <h2 id="registration-heading" className="text-xl font-semibold">
        {labels.heading}
      </h2>
      <p className="text-stone-700">{labels.intro}</p>
      <FormMessage state={state} />
      {state.status === 'success' && (
        <p role="status" className="rounded-xl border border-green-300 bg-green-50 p-3 text-green-900">
          {state.message}
        </p>
      )}
      <fieldset className="space-y-2">
        <legend className="text-lg font-medium">{labels.where}</legend>
        {hosts.length > 0 && (
          <label className="flex min-h-12 items-center gap-3 text-lg">
            <input type="radio" name="where" value="host" checked={where === 'host'} onChange={() => setWhere('host')} className="accent-party h-5 w-5" />
            {labels.inDeployment}
          </label>
        )}
        <label className="flex min-h-12 items-center gap-3 text-lg">
          <input type="radio" name="where" value="outside" checked={where === 'outside'} onChange={() => setWhere('outside')} className="accent-party h-5 w-5" />
          {labels.outside}
        </label>
      </fieldset>
      {where === 'host' ? (
        <div className="space-y-1">
          <label htmlFor="hostOrgId" className="block text-lg font-medium">
            {labels.hostOrg}
          </label>
          <select
            id="hostOrgId"
            name="hostOrgId"
            required
            defaultValue=""
            aria-invalid={hostError ? true : undefined}
            aria-describedby={hostError ? 'hostOrgId-error' : undefined}
            className="focus:border-party min-h-12 w-full rounded-xl border-2 border-stone-300 bg-white px-3 text-lg outline-none"
          >
            <option value="" disabled>
              {labels.chooseHost}
            </option>
            {hosts.map((host) => (
              <option key={host.id} value={host.id}>
                {host.name}
              </option>
            ))}
          </select>
          {hostError && (
            <p id="hostOrgId-error" className="text-party">
              {hostError}
            </p>
          )}
        </div>
      ) : (
        <>
          <Field name="outsideOrgName" label={labels.outsideOrgName} state={state} required maxLength={100} autoComplete="off" />
          <Field name="outsideContact" label={labels.outsideContact} state={state} required maxLength={100} autoComplete="off" />
        </>
      )}
      <Field name="reportedOn" label={labels.reportedOn} state={state} type="date" required min={earliest} max={today} defaultValue={today} />
      <SubmitButton pending={pending} label={labels.submit} pendingLabel={labels.submitting} />
    </ActionForm>
  );
}
