'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState } from '@/lib/actions/action-state';
import { updateMemberRecord } from '@/lib/members/record-actions';

export type EditFieldSpec = {
  field: string;
  label: string;
  kind: 'text' | 'tel' | 'date' | 'select' | 'textarea' | 'org' | 'group';
  defaultValue: string;
  options?: { value: string; label: string }[];
  hint?: string;
  required?: boolean;
  inputMode?: 'decimal' | 'numeric';
};
export type EditGroupSpec = { group: string; label: string; fields: EditFieldSpec[] };
export type GroupOption = { value: string; label: string; orgId: string };

const control = 'focus:border-party min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3 outline-none';

/**
 * The admin's edit form. Every field is posted with its current value; the server keeps only the
 * ones that changed. The 党小组 list follows the chosen 党支部, as the server requires.
 */
export function EditForm({
  memberId,
  groups,
  partyGroups,
  emptyOption,
  labels,
}: {
  memberId: string;
  groups: EditGroupSpec[];
  partyGroups: GroupOption[];
  emptyOption: string;
  labels: { save: string; saving: string; back: string; backHref: string };
}) {
  const [state, formAction, pending] = useActionState(updateMemberRecord, idleState);
  const initialOrg = groups.flatMap((group) => group.fields).find((field) => field.kind === 'org')?.defaultValue ?? '';
  const [orgId, setOrgId] = useState(initialOrg);
  const error = (name: string) => (state.status === 'invalid' ? state.fieldErrors[name]?.[0] : undefined);

  const renderControl = (spec: EditFieldSpec) => {
    const id = `edit-${spec.field}`;
    const describedBy = [spec.hint ? `${id}-hint` : '', error(spec.field) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    const common = { id, name: spec.field, required: spec.required, 'aria-invalid': error(spec.field) ? true : undefined, 'aria-describedby': describedBy } as const;
    switch (spec.kind) {
      case 'textarea':
        return <textarea {...common} defaultValue={spec.defaultValue} rows={3} maxLength={500} className={`${control} py-2`} />;
      case 'select':
        return (
          <select {...common} defaultValue={spec.defaultValue} className={control}>
            {spec.options?.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        );
      case 'org':
        return (
          <select {...common} value={orgId} onChange={(event) => setOrgId(event.target.value)} className={control}>
            {spec.options?.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        );
      case 'group':
        return (
          // Remounted when the branch changes, so a group of the old branch is not kept selected.
          <select key={orgId} {...common} defaultValue={orgId === initialOrg ? spec.defaultValue : ''} className={control}>
            <option value="">{emptyOption}</option>
            {partyGroups
              .filter((option) => option.orgId === orgId)
              .map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
          </select>
        );
      default:
        return <input {...common} type={spec.kind} defaultValue={spec.defaultValue} inputMode={spec.inputMode} autoComplete="off" className={control} />;
    }
  };

  return (
    <ActionForm action={formAction} className="space-y-6">
      <input type="hidden" name="memberId" value={memberId} />
      {groups.map((group) => (
        <fieldset key={group.group} className="rounded-lg border border-stone-200 bg-white p-4">
          <legend className="px-1 text-lg font-semibold">{group.label}</legend>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            {group.fields.map((spec) => (
              <div key={spec.field} className={`min-w-0 space-y-1 ${spec.kind === 'textarea' ? 'md:col-span-2' : ''}`}>
                <label htmlFor={`edit-${spec.field}`} className="block font-medium">
                  {spec.label}
                </label>
                {renderControl(spec)}
                {spec.hint && (
                  <p id={`edit-${spec.field}-hint`} className="text-sm text-stone-600">
                    {spec.hint}
                  </p>
                )}
                {error(spec.field) && (
                  <p id={`edit-${spec.field}-error`} className="text-party text-sm">
                    {error(spec.field)}
                  </p>
                )}
              </div>
            ))}
          </div>
        </fieldset>
      ))}
      <div className="space-y-3">
        {state.status !== 'idle' && (
          <p
            role={state.status === 'success' ? 'status' : 'alert'}
            className={`rounded-lg border p-3 ${state.status === 'success' ? 'border-green-300 bg-green-50 text-green-900' : 'border-party/30 bg-party/5 text-party'}`}
          >
            {state.message}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" disabled={pending} className="bg-party min-h-11 rounded-lg px-6 text-white disabled:opacity-60">
            {pending ? labels.saving : labels.save}
          </button>
          <Link href={labels.backHref} className="text-party underline">
            {labels.back}
          </Link>
        </div>
      </div>
    </ActionForm>
  );
}
