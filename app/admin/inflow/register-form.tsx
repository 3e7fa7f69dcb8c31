'use client';

import { useActionState, useState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState } from '@/lib/actions/action-state';
import { registerInflow } from '@/lib/flow/inflow-actions';
import type { inflowMessages } from '@/lib/i18n/messages/inflow';

type Labels = typeof inflowMessages.form;
export type OrgChoice = { id: number; name: string; path: string; depth: number };

const inputClass = 'focus:border-party min-h-11 w-full min-w-0 rounded-lg border-2 border-stone-300 bg-white px-3 outline-none';
const within = (path: string, top: string) => path === top || path.startsWith(`${top}.`);

/**
 * Registers a 流入党员. The placement list follows the chosen receiving org (its own subtree);
 * the server checks the pair again. After a registration the inputs are cleared for the next one.
 */
export function RegisterForm({
  receiving,
  placements,
  defaultReceivingId,
  today,
  earliest,
  labels,
}: {
  receiving: OrgChoice[];
  placements: OrgChoice[];
  defaultReceivingId: number;
  today: string;
  earliest: string;
  labels: Labels;
}) {
  const [state, formAction, pending] = useActionState(registerInflow, idleState);
  const [receivingId, setReceivingId] = useState(defaultReceivingId);
  const receivingPath = receiving.find((org) => org.id === receivingId)?.path ?? '';
  const choices = placements.filter((org) => receivingPath !== '' && within(org.path, receivingPath));
  const baseDepth = choices.reduce((least, org) => Math.min(least, org.depth), Number.POSITIVE_INFINITY);
  const error = (name: string) => (state.status === 'invalid' ? state.fieldErrors[name]?.[0] : undefined);
  const described = (name: string, hint?: string) => [hint ? `inflow-${name}-hint` : '', error(name) ? `inflow-${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  const below = (name: string, hint?: string) => (
    <>
      {hint && (
        <p id={`inflow-${name}-hint`} className="text-sm text-stone-600">
          {hint}
        </p>
      )}
      {error(name) && (
        <p id={`inflow-${name}-error`} className="text-party text-sm">
          {error(name)}
        </p>
      )}
    </>
  );
  const field = (name: string, label: string, input: React.InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => (
    <div className="min-w-0 space-y-1">
      <label htmlFor={`inflow-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`inflow-${name}`}
        name={name}
        type="text"
        autoComplete="off"
        aria-invalid={error(name) ? true : undefined}
        aria-describedby={described(name, hint)}
        className={inputClass}
        {...input}
      />
      {below(name, hint)}
    </div>
  );
  // A new key after each registration remounts the inputs empty; an error keeps what was typed.
  const [formKey, setFormKey] = useState('form');
  const registered = state.status === 'success' ? state.data?.inflowMemberId : undefined;
  if (registered && registered !== formKey) setFormKey(registered);
  return (
    <ActionForm key={formKey} action={formAction} aria-labelledby="inflow-form-heading" className="max-w-4xl space-y-4 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="inflow-form-heading" className="text-lg font-semibold">
        {labels.heading}
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="min-w-0 space-y-1">
          <label htmlFor="inflow-receivingOrgId" className="block text-sm font-medium">
            {labels.receivingOrg}
          </label>
          <select
            id="inflow-receivingOrgId"
            name="receivingOrgId"
            required
            value={receivingId}
            onChange={(event) => setReceivingId(Number(event.target.value))}
            aria-invalid={error('receivingOrgId') ? true : undefined}
            aria-describedby={described('receivingOrgId')}
            className={inputClass}
          >
            {receiving.map((org) => (
              <option key={org.id} value={org.id}>
                {'　'.repeat(org.depth)}
                {org.name}
              </option>
            ))}
          </select>
          {below('receivingOrgId')}
        </div>
        <div className="min-w-0 space-y-1">
          <label htmlFor="inflow-placedOrgId" className="block text-sm font-medium">
            {labels.placedOrg}
          </label>
          <select
            key={receivingId}
            id="inflow-placedOrgId"
            name="placedOrgId"
            required
            defaultValue={choices[0]?.id}
            aria-invalid={error('placedOrgId') ? true : undefined}
            aria-describedby={described('placedOrgId', choices.length === 0 ? labels.noPlacement : labels.placedOrgHint)}
            className={inputClass}
          >
            {choices.map((org) => (
              <option key={org.id} value={org.id}>
                {'　'.repeat(org.depth - baseDepth)}
                {org.name}
              </option>
            ))}
          </select>
          {below('placedOrgId', choices.length === 0 ? labels.noPlacement : labels.placedOrgHint)}
        </div>
        {field('name', labels.name, { required: true, maxLength: 50 })}
        {field('idNumber', labels.idNumber, { required: true, maxLength: 18, inputMode: 'text', spellCheck: false }, labels.idNumberHint)}
        {field('phone', labels.phone, { required: true, type: 'tel', inputMode: 'tel', maxLength: 20 })}
        {field('reportedOn', labels.reportedOn, { required: true, type: 'date', min: earliest, max: today, defaultValue: today })}
        <div className="min-w-0 space-y-1 sm:col-span-2">{field('originalOrgName', labels.originalOrgName, { required: true, maxLength: 100 }, labels.originalOrgNameHint)}</div>
        {field('originalOrgContact', labels.originalOrgContact, { maxLength: 100 })}
        {field('certificateNumber', labels.certificateNumber, { maxLength: 40 }, labels.certificateNumberHint)}
        <div className="min-w-0 space-y-1 sm:col-span-2">
          <label htmlFor="inflow-note" className="block text-sm font-medium">
            {labels.note}
          </label>
          <textarea
            id="inflow-note"
            name="note"
            rows={2}
            maxLength={500}
            aria-invalid={error('note') ? true : undefined}
            aria-describedby={described('note')}
            className="focus:border-party w-full rounded-lg border-2 border-stone-300 bg-white p-3 outline-none"
          />
          {below('note')}
        </div>
      </div>
      <button type="submit" disabled={pending || choices.length === 0} className="bg-party min-h-11 rounded-lg px-5 text-white disabled:opacity-60">
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
