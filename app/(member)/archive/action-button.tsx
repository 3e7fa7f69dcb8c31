'use client';

import { useActionState } from 'react';
import { idleState, type ActionState } from '@/lib/actions/action-state';

/** One large button posting one action (a phone-sized RowAction), with the answer below it. */
export function ActionButton({
  action,
  fields,
  label,
  pendingLabel,
  tone = 'primary',
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  tone?: 'primary' | 'plain';
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={pending}
        className={`min-h-12 w-full rounded-xl px-4 text-lg font-semibold disabled:opacity-60 ${tone === 'primary' ? 'bg-party text-white' : 'border-2 border-stone-300 bg-white text-stone-800'}`}
      >
        {pending ? pendingLabel : label}
      </button>
      {state.status !== 'idle' && (
        <p role="status" className={state.status === 'success' ? 'text-green-800' : 'text-party'}>
          {state.message}
        </p>
      )}
    </form>
  );
}
