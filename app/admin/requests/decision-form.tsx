'use client';

import { useActionState } from 'react';
import { idleState, type ActionState } from '@/lib/actions/action-state';
import { approveRequest, rejectRequest } from '@/lib/change-requests/actions';
import { messages } from '@/lib/i18n/messages';

const t = messages.changeRequests.review;

function Answer({ state }: { state: ActionState }) {
  if (state.status === 'idle') return null;
  const text = state.status === 'invalid' ? (Object.values(state.fieldErrors)[0]?.[0] ?? state.message) : state.message;
  return (
    <p role="status" className={`max-w-xs text-sm ${state.status === 'success' ? 'text-green-800' : 'text-party'}`}>
      {text}
    </p>
  );
}

/** Approve with one click; reject only with a reason the member will read. */
export function DecisionForm({ requestId, memberName }: { requestId: string; memberName: string }) {
  const [approved, approveAction, approving] = useActionState(approveRequest, idleState);
  const [rejected, rejectAction, rejecting] = useActionState(rejectRequest, idleState);
  const reasonId = `reject-reason-${requestId}`;
  const decided = approved.status === 'success' ? approved : rejected.status === 'success' ? rejected : null;
  if (decided) return <Answer state={decided} />;
  return (
    <div className="flex min-w-56 flex-col gap-2">
      <form action={approveAction}>
        <input type="hidden" name="requestId" value={requestId} />
        <button type="submit" disabled={approving || rejecting} className="bg-party rounded-md px-3 py-1 text-sm text-white disabled:opacity-60" aria-label={`${t.approve} ${memberName}`}>
          {t.approve}
        </button>
      </form>
      <Answer state={approved} />
      <form action={rejectAction} className="flex flex-wrap items-end gap-1">
        <input type="hidden" name="requestId" value={requestId} />
        <label htmlFor={reasonId} className="sr-only">
          {t.rejectReason}
        </label>
        <input id={reasonId} name="reason" required minLength={2} maxLength={500} placeholder={t.rejectReason} className="min-h-8 min-w-0 flex-1 rounded-md border border-stone-300 px-2 text-sm" />
        <button type="submit" disabled={approving || rejecting} className="border-party/40 text-party rounded-md border px-3 py-1 text-sm disabled:opacity-60" aria-label={`${t.reject} ${memberName}`}>
          {t.reject}
        </button>
      </form>
      <Answer state={rejected} />
    </div>
  );
}
