'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { Field } from '@/components/form-fields';
import { idleState } from '@/lib/actions/action-state';
import { saveDirectFields } from '@/lib/change-requests/actions';

export type DirectEditLabels = {
  phone: string;
  emergencyContactName: string;
  emergencyContactRelation: string;
  emergencyContactPhone: string;
  skillsLegend: string;
  noSkills: string;
  retiredSkill: string;
  save: string;
  saving: string;
};

export function DirectEditForm({
  values,
  skills,
  dictionary,
  labels,
}: {
  values: Record<'phone' | 'emergencyContactName' | 'emergencyContactRelation' | 'emergencyContactPhone', string>;
  skills: string[];
  dictionary: { category: string; names: string[] }[];
  labels: DirectEditLabels;
}) {
  const [state, formAction, pending] = useActionState(saveDirectFields, idleState);
  const offered = new Set(dictionary.flatMap((group) => group.names));
  const retired = skills.filter((skill) => !offered.has(skill));
  const skillsError = state.status === 'invalid' ? state.fieldErrors.skills : undefined;
  const checkbox = 'has-[:checked]:border-party has-[:checked]:bg-party/5 flex min-h-12 cursor-pointer items-center gap-2 rounded-xl border-2 border-stone-200 bg-white px-3 text-lg';
  return (
    <ActionForm action={formAction} className="space-y-4">
      <div className="space-y-4 rounded-2xl bg-white p-4 shadow-sm">
        <Field name="phone" label={labels.phone} state={state} defaultValue={values.phone} inputMode="tel" autoComplete="tel" required />
        <Field name="emergencyContactName" label={labels.emergencyContactName} state={state} defaultValue={values.emergencyContactName} autoComplete="off" />
        <Field name="emergencyContactRelation" label={labels.emergencyContactRelation} state={state} defaultValue={values.emergencyContactRelation} autoComplete="off" />
        <Field name="emergencyContactPhone" label={labels.emergencyContactPhone} state={state} defaultValue={values.emergencyContactPhone} inputMode="tel" autoComplete="off" />
      </div>
      <fieldset className="space-y-3 rounded-2xl bg-white p-4 shadow-sm" aria-describedby={skillsError ? 'skills-error' : undefined}>
        <legend className="float-left mb-2 w-full text-lg font-semibold">{labels.skillsLegend}</legend>
        {dictionary.length === 0 && retired.length === 0 && <p className="clear-both text-stone-600">{labels.noSkills}</p>}
        {dictionary.map((group) => (
          <div key={group.category} className="clear-both space-y-2">
            <p className="text-stone-600">{group.category}</p>
            <div className="grid grid-cols-2 gap-2">
              {group.names.map((name) => (
                <label key={name} className={checkbox}>
                  <input type="checkbox" name="skills" value={name} defaultChecked={skills.includes(name)} className="accent-party h-5 w-5" />
                  {name}
                </label>
              ))}
            </div>
          </div>
        ))}
        {retired.length > 0 && (
          <div className="clear-both grid gap-2">
            {retired.map((name) => (
              <label key={name} className={checkbox}>
                <input type="checkbox" name="skills" value={name} defaultChecked className="accent-party h-5 w-5" />
                {name}
                <span className="text-base text-stone-600">{labels.retiredSkill}</span>
              </label>
            ))}
          </div>
        )}
        {skillsError && (
          <p id="skills-error" className="text-party clear-both">
            {skillsError.join(' ')}
          </p>
        )}
      </fieldset>
      <button type="submit" disabled={pending} className="bg-party min-h-12 w-full rounded-xl text-lg font-semibold text-white disabled:opacity-60">
        {pending ? labels.saving : labels.save}
      </button>
      <p role="status" aria-live="polite" className={state.status === 'success' ? 'text-lg text-green-800' : 'text-party text-lg'}>
        {state.status === 'idle' ? '' : state.message}
      </p>
    </ActionForm>
  );
}
