'use client';

import { useActionState, useState } from 'react';
import { idleState, type ActionState } from '@/lib/actions/action-state';

/**
 * A masked value with a button that asks the server for the full one (each reveal is audited
 * there). Only the masked text is in the page until the person taps.
 */
export function RevealValue({
  masked,
  action,
  fields,
  labels,
  compact = false,
}: {
  masked: string;
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  labels: { reveal: string; revealing: string; hide: string; field: string };
  compact?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const [hidden, setHidden] = useState(false);
  const value = state.status === 'success' && !hidden ? state.data?.value : undefined;
  const button = compact
    ? 'rounded-md border border-stone-300 px-2 py-0.5 text-sm hover:bg-stone-100'
    : 'min-h-11 min-w-16 rounded-xl border-2 border-stone-300 px-3 text-base';
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="font-mono break-all">{value ?? masked}</span>
      {value !== undefined ? (
        <button type="button" className={button} onClick={() => setHidden(true)} aria-label={`${labels.hide}${labels.field}`}>
          {labels.hide}
        </button>
      ) : (
        <form action={formAction} onSubmit={() => setHidden(false)} className="inline">
          {Object.entries(fields).map(([name, fieldValue]) => (
            <input key={name} type="hidden" name={name} value={fieldValue} />
          ))}
          <button type="submit" disabled={pending} className={`${button} disabled:opacity-60`} aria-label={`${labels.reveal}${labels.field}`}>
            {pending ? labels.revealing : labels.reveal}
          </button>
        </form>
      )}
      {state.status !== 'idle' && state.status !== 'success' && (
        <span role="alert" className="text-party text-sm">
          {state.message}
        </span>
      )}
    </span>
  );
}
