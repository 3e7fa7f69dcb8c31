'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/actions/action-state';
import { idleState } from '@/lib/actions/action-state';

/** One button that posts one action for one row, and shows its answer beside it. */
export function RowAction({
  action,
  fields,
  label,
  tone = 'plain',
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  tone?: 'plain' | 'danger';
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  return (
    <form action={formAction} className="inline-flex flex-col items-start gap-1">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={pending}
        className={`rounded-md border px-2.5 py-1 text-sm disabled:opacity-60 ${tone === 'danger' ? 'border-party/40 text-party hover:bg-party/5' : 'border-stone-300 hover:bg-stone-100'}`}
      >
        {label}
      </button>
      {state.status !== 'idle' && (
        <p role="status" className={`max-w-xs text-sm ${state.status === 'success' ? 'text-green-800' : 'text-party'}`}>
          {state.message}
        </p>
      )}
    </form>
  );
}
