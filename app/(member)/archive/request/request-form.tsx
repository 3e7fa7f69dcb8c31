'use client';

import { useActionState, useState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState } from '@/lib/actions/action-state';
import { submitChangeRequest } from '@/lib/change-requests/actions';
import { EvidenceUploader, type EvidenceLabels } from './evidence-uploader';

export type FormField = {
  field: string;
  label: string;
  newLabel: string;
  currentText: string;
  currentInput: string;
  kind: 'text' | 'date' | 'money' | 'textarea' | 'select';
  options?: { value: string; label: string }[];
  pending: boolean;
};

export type RequestFormLabels = {
  fieldsLegend: string;
  current: string;
  pendingAlready: string;
  choose: string;
  reason: string;
  reasonHint: string;
  submit: string;
  submitting: string;
  waitForUploads: string;
  evidence: EvidenceLabels;
};

const control = 'focus:border-party min-h-12 w-full rounded-xl border-2 border-stone-300 bg-white px-3 text-lg outline-none';

export function RequestForm({ fields, censusId, maxFiles, labels }: { fields: FormField[]; censusId?: string; maxFiles: number; labels: RequestFormLabels }) {
  const [state, formAction, pending] = useActionState(submitChangeRequest, idleState);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [uploading, setUploading] = useState(false);
  const errors = state.status === 'invalid' ? state.fieldErrors : {};
  const toggle = (field: string, on: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (on) next.add(field);
      else next.delete(field);
      return next;
    });

  return (
    <ActionForm action={formAction} className="space-y-4">
      {censusId && <input type="hidden" name="censusId" value={censusId} />}
      <fieldset className="space-y-3" aria-describedby={errors.fields ? 'fields-error' : undefined}>
        <legend className="mb-2 text-lg font-semibold">{labels.fieldsLegend}</legend>
        {fields.map((item) => {
          const input = `new_${item.field}`;
          const error = errors[input]?.[0];
          const on = picked.has(item.field);
          return (
            <div key={item.field} className={`space-y-3 rounded-2xl border-2 bg-white p-4 shadow-sm ${on ? 'border-party/60' : 'border-transparent'}`}>
              <label className="flex min-h-12 cursor-pointer items-center gap-3 text-lg">
                <input
                  type="checkbox"
                  name="fields"
                  value={item.field}
                  checked={on}
                  disabled={item.pending}
                  onChange={(event) => toggle(item.field, event.currentTarget.checked)}
                  className="accent-party h-6 w-6 shrink-0"
                />
                <span className="min-w-0">
                  <span className="font-semibold">{item.label}</span>
                  <span className="block text-base break-words text-stone-600">
                    {labels.current}：{item.currentText}
                    {item.pending && <span className="text-amber-800">（{labels.pendingAlready}）</span>}
                  </span>
                </span>
              </label>
              {on && (
                <div className="space-y-1">
                  <label htmlFor={input} className="block text-lg font-medium">
                    {item.newLabel}
                  </label>
                  {item.kind === 'select' ? (
                    <select id={input} name={input} defaultValue={item.currentInput} className={control} aria-invalid={error ? true : undefined} aria-describedby={error ? `${input}-error` : undefined}>
                      <option value="">{labels.choose}</option>
                      {item.options?.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                  ) : item.kind === 'textarea' ? (
                    <textarea id={input} name={input} defaultValue={item.currentInput} rows={3} maxLength={500} className={`${control} py-2`} aria-invalid={error ? true : undefined} aria-describedby={error ? `${input}-error` : undefined} />
                  ) : (
                    <input
                      id={input}
                      name={input}
                      type={item.kind === 'date' ? 'date' : 'text'}
                      inputMode={item.kind === 'money' ? 'decimal' : undefined}
                      defaultValue={item.currentInput}
                      autoComplete="off"
                      className={control}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${input}-error` : undefined}
                    />
                  )}
                  {error && (
                    <p id={`${input}-error`} className="text-party">
                      {error}
                    </p>
                  )}
                </div>
              )}
            </div>
          );
        })}
        {errors.fields && (
          <p id="fields-error" role="alert" className="text-party text-lg">
            {errors.fields.join(' ')}
          </p>
        )}
      </fieldset>
      <div className="space-y-1 rounded-2xl bg-white p-4 shadow-sm">
        <label htmlFor="reason" className="block text-lg font-semibold">
          {labels.reason}
        </label>
        <textarea
          id="reason"
          name="reason"
          rows={3}
          required
          maxLength={500}
          aria-describedby={errors.reason ? 'reason-hint reason-error' : 'reason-hint'}
          aria-invalid={errors.reason ? true : undefined}
          className={`${control} py-2`}
        />
        <p id="reason-hint" className="text-stone-600">
          {labels.reasonHint}
        </p>
        {errors.reason && (
          <p id="reason-error" className="text-party">
            {errors.reason[0]}
          </p>
        )}
      </div>
      <EvidenceUploader endpoint="/archive/evidence" max={maxFiles} labels={labels.evidence} error={errors.evidence?.[0]} onBusyChange={setUploading} />
      {state.status !== 'idle' && state.status !== 'success' && (
        <p role="alert" className="border-party/30 bg-party/5 text-party rounded-xl border p-3 text-lg">
          {state.message}
        </p>
      )}
      {uploading && <p className="text-stone-700">{labels.waitForUploads}</p>}
      <button type="submit" disabled={pending || uploading} className="bg-party min-h-12 w-full rounded-xl text-lg font-semibold text-white disabled:opacity-60">
        {pending ? labels.submitting : labels.submit}
      </button>
    </ActionForm>
  );
}
