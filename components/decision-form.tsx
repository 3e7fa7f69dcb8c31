'use client';

import { useActionState } from 'react';
import { idleState, type ActionState } from '@/lib/actions/action-state';

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;
type Labels = { approve: string; reject: string; rejectReason: string };

/** A decision's answer under its form: success in green, anything else in the party colour. */
export function ActionAnswer({ state }: { state: ActionState }) {
  if (state.status === 'idle') return null;
  const text = state.status === 'invalid' ? (Object.values(state.fieldErrors)[0]?.[0] ?? state.message) : state.message;
  return (
    <p role="status" className={`max-w-xs text-sm ${state.status === 'success' ? 'text-green-800' : 'text-party'}`}>
      {text}
    </p>
  );
}

/**
 * A review queue's decision cell: approve with one click; reject (send back) only with a reason
 * the member will read. `fields` names what is decided (a request's or a report's id); `subject`
 * (the member's name) makes each row's buttons distinct to a screen reader.
 */
export function DecisionForm({ approveAction, rejectAction, fields, subject, labels }: { approveAction: Action; rejectAction: Action; fields: Record<string, string>; subject: string; labels: Labels }) {
  const [approved, approve, approving] = useActionState(approveAction, idleState);
  const [rejected, reject, rejecting] = useActionState(rejectAction, idleState);
  const reasonId = `reject-reason-${Object.values(fields).join('-')}`;
  const decided = approved.status === 'success' ? approved : rejected.status === 'success' ? rejected : null;
  if (decided) return <ActionAnswer state={decided} />;
  const hidden = Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  return (
    <div className="flex min-w-56 flex-col gap-2">
      <form action={approve}>
        {hidden}
        <button type="submit" disabled={approving || rejecting} className="bg-party rounded-md px-3 py-1 text-sm text-white disabled:opacity-60" aria-label={`${labels.approve} ${subject}`}>
          {labels.approve}
        </button>
      </form>
      <ActionAnswer state={approved} />
      <form action={reject} className="flex flex-wrap items-end gap-1">
        {hidden}
        <label htmlFor={reasonId} className="sr-only">
          {labels.rejectReason}
        </label>
        <input id={reasonId} name="reason" required minLength={2} maxLength={500} placeholder={labels.rejectReason} className="min-h-8 min-w-0 flex-1 rounded-md border border-stone-300 px-2 text-sm" />
        <button type="submit" disabled={approving || rejecting} className="border-party/40 text-party rounded-md border px-3 py-1 text-sm disabled:opacity-60" aria-label={`${labels.reject} ${subject}`}>
          {labels.reject}
        </button>
      </form>
      <ActionAnswer state={rejected} />
    </div>
  );
}
