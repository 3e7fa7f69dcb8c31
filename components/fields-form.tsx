'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState, type ActionState } from '@/lib/actions/action-state';

export type FormInput = {
  name: string;
  label: string;
  type?: 'text' | 'date';
  required?: boolean;
  defaultValue?: string;
  min?: string;
  max?: string;
  maxLength?: number;
  hint?: string;
  /** Takes the whole row (long text). */
  wide?: boolean;
};

const inputClass = 'focus:border-party min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3 outline-none';

/**
 * A small admin form of labelled inputs for one action (a date and a note, say), with each
 * field's error under it and the answer below. `id` keeps two such forms on a page apart.
 */
export function FieldsForm({
  id,
  action,
  heading,
  hidden,
  inputs,
  submit,
  submitting,
}: {
  id: string;
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  heading?: string;
  hidden: Record<string, string>;
  inputs: FormInput[];
  submit: string;
  submitting: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const error = (name: string) => (state.status === 'invalid' ? state.fieldErrors[name]?.[0] : undefined);
  return (
    <ActionForm action={formAction} aria-labelledby={heading ? `${id}-heading` : undefined} aria-label={heading ? undefined : submit} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      {heading && (
        <h3 id={`${id}-heading`} className="font-semibold">
          {heading}
        </h3>
      )}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="grid gap-3 sm:grid-cols-2">
        {inputs.map((input) => {
          const inputId = `${id}-${input.name}`;
          const described = [input.hint ? `${inputId}-hint` : '', error(input.name) ? `${inputId}-error` : ''].filter(Boolean).join(' ') || undefined;
          return (
            <div key={input.name} className={`space-y-1 ${input.wide ? 'sm:col-span-2' : ''}`}>
              <label htmlFor={inputId} className="block text-sm font-medium">
                {input.label}
              </label>
              <input
                id={inputId}
                name={input.name}
                type={input.type ?? 'text'}
                required={input.required}
                defaultValue={input.defaultValue}
                min={input.min}
                max={input.max}
                maxLength={input.maxLength}
                autoComplete="off"
                aria-invalid={error(input.name) ? true : undefined}
                aria-describedby={described}
                className={inputClass}
              />
              {input.hint && (
                <p id={`${inputId}-hint`} className="text-sm text-stone-600">
                  {input.hint}
                </p>
              )}
              {error(input.name) && (
                <p id={`${inputId}-error`} className="text-party text-sm">
                  {error(input.name)}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <button type="submit" disabled={pending} className="bg-party min-h-11 rounded-lg px-4 text-white disabled:opacity-60">
        {pending ? submitting : submit}
      </button>
      {state.status !== 'idle' && state.status !== 'invalid' && (
        <p role="status" className={state.status === 'success' ? 'text-green-800' : 'text-party'}>
          {state.message}
        </p>
      )}
    </ActionForm>
  );
}
