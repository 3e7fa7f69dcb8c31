'use client';

import { useActionState } from 'react';
import { idleState } from '@/lib/actions/action-state';
import { revealMemberField } from '@/lib/members/record-actions';

/**
 * A masked value with a 查看 button: the full value comes from the server once, through the
 * audited reveal action, and lives only in this island's state (gone on reload).
 */
export function RevealValue({
  memberId,
  field,
  masked,
  labels,
}: {
  memberId: string;
  field: 'idNumber' | 'monthlyIncome';
  masked: string;
  labels: { reveal: string; revealing: string; revealFull: string; revealed: string };
}) {
  const [state, formAction, pending] = useActionState(revealMemberField, idleState);
  if (state.status === 'success') {
    return (
      <span className="inline-flex flex-wrap items-center gap-2">
        <span className="font-mono break-all" data-testid={`revealed-${field}`}>
          {state.data?.value}
        </span>
        <span role="status" className="sr-only">
          {labels.revealed}
        </span>
      </span>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="font-mono">{masked}</span>
      <form action={formAction} className="inline">
        <input type="hidden" name="memberId" value={memberId} />
        <input type="hidden" name="field" value={field} />
        <button
          type="submit"
          disabled={pending}
          aria-label={labels.revealFull}
          className="min-h-8 rounded-md border border-stone-300 px-2.5 text-sm hover:bg-stone-100 disabled:opacity-60"
        >
          {pending ? labels.revealing : labels.reveal}
        </button>
      </form>
      {state.status !== 'idle' && (
        <span role="alert" className="text-party text-sm">
          {state.message}
        </span>
      )}
    </span>
  );
}
