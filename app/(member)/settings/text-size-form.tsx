'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState } from '@/lib/actions/action-state';
import { messages } from '@/lib/i18n/messages';
import { setTextSize } from '@/lib/preferences/actions';
import { TEXT_SIZES, type TextSize } from '@/lib/preferences/text-size';

export function TextSizeForm({ current }: { current: TextSize }) {
  const [state, formAction, pending] = useActionState(setTextSize, idleState);
  const t = messages.settings;
  const fieldError = state.status === 'invalid' ? state.fieldErrors.textSize?.[0] : undefined;
  return (
    <ActionForm action={formAction} className="space-y-4 rounded-2xl bg-white p-4 shadow-sm">
      <fieldset aria-describedby="text-size-hint">
        <legend className="mb-1 text-lg font-semibold">{t.textSize}</legend>
        <p id="text-size-hint" className="mb-3 text-stone-600">
          {t.textSizeHint}
        </p>
        <div className="grid grid-cols-3 gap-2">
          {TEXT_SIZES.map((size) => (
            <label key={size} className="has-[:checked]:border-party has-[:checked]:bg-party/5 flex min-h-12 cursor-pointer items-center justify-center gap-2 rounded-xl border-2 border-stone-200 text-lg">
              <input type="radio" name="textSize" value={size} defaultChecked={size === current} className="accent-party h-5 w-5" />
              {t.textSizes[size]}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="rounded-lg bg-stone-50 p-3 text-stone-700">{t.preview}</p>
      <button type="submit" disabled={pending} className="bg-party min-h-12 w-full rounded-xl text-lg font-semibold text-white disabled:opacity-60">
        {pending ? t.saving : t.save}
      </button>
      <p role="status" aria-live="polite" className={state.status === 'success' ? 'text-green-700' : 'text-party'}>
        {state.status === 'idle' ? '' : (fieldError ?? state.message)}
      </p>
    </ActionForm>
  );
}
