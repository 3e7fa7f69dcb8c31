'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { FormMessage } from '@/components/form-fields';
import { idleState } from '@/lib/actions/action-state';
import { uploadMemberImport } from '@/lib/members/excel/import-actions';

export type UploadFormText = { file: string; fileHint: string; submit: string; submitting: string };

/** The file picker; on success the action redirects to the import's progress page. */
export function UploadForm({ text }: { text: UploadFormText }) {
  const [state, formAction, pending] = useActionState(uploadMemberImport, idleState);
  const error = state.status === 'invalid' ? state.fieldErrors.file?.[0] : undefined;
  return (
    <ActionForm action={formAction} className="max-w-xl space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <div className="space-y-1">
        <label htmlFor="file" className="block text-lg font-medium">
          {text.file}
        </label>
        <input
          id="file"
          name="file"
          type="file"
          required
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'file-hint file-error' : 'file-hint'}
          className="file:bg-party/10 file:text-party-dark block w-full text-base file:mr-3 file:min-h-11 file:rounded-lg file:border-0 file:px-4 file:font-medium"
        />
        <p id="file-hint" className="text-sm text-stone-600">
          {text.fileHint}
        </p>
        {error && (
          <p id="file-error" className="text-party">
            {error}
          </p>
        )}
      </div>
      {state.status !== 'invalid' && <FormMessage state={state} />}
      <button type="submit" disabled={pending} className="bg-party min-h-11 rounded-lg px-5 font-semibold text-white disabled:opacity-60">
        {pending ? text.submitting : text.submit}
      </button>
    </ActionForm>
  );
}
