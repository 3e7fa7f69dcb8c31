'use client';

import { useActionState } from 'react';
import { ActionAnswer } from '@/components/decision-form';
import { idleState } from '@/lib/actions/action-state';
import { approveTemporaryBranchApplication, rejectTemporaryBranchApplication } from '@/lib/flow/temporary-branch-actions';
import { messages } from '@/lib/i18n/messages';

const tb = messages.temporaryBranches;

/** The 党委's decision: approve, naming the 书记 among the full members proposed, or return it with a note. */
export function DecideForm({ applicationId, name, secretaryMemberId, choices }: { applicationId: string; name: string; secretaryMemberId: string; choices: { id: string; name: string }[] }) {
  const [approved, approve, approving] = useActionState(approveTemporaryBranchApplication, idleState);
  const [rejected, reject, rejecting] = useActionState(rejectTemporaryBranchApplication, idleState);
  const decided = approved.status === 'success' ? approved : rejected.status === 'success' ? rejected : null;
  if (decided) return <ActionAnswer state={decided} />;
  const busy = approving || rejecting;
  const id = (field: string) => `${field}-${applicationId}`;
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <form action={approve} className="space-y-2">
        <input type="hidden" name="applicationId" value={applicationId} />
        <label htmlFor={id('secretary')} className="block text-sm font-medium">
          {tb.fields.secretary}
        </label>
        <select id={id('secretary')} name="secretaryMemberId" defaultValue={secretaryMemberId} className="min-h-9 w-full rounded-md border border-stone-300 bg-white px-2 text-sm">
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.name}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy} className="bg-party rounded-md px-3 py-1 text-sm text-white disabled:opacity-60" aria-label={`${tb.actions.approve} ${name}`}>
          {busy && approving ? tb.actions.approving : tb.actions.approve}
        </button>
        <ActionAnswer state={approved} />
      </form>
      <form action={reject} className="flex flex-wrap items-end gap-1">
        <input type="hidden" name="applicationId" value={applicationId} />
        <label htmlFor={id('note')} className="sr-only">
          {tb.fields.decisionNote}
        </label>
        <input id={id('note')} name="note" required minLength={2} maxLength={500} placeholder={tb.fields.decisionNote} className="min-h-8 min-w-0 flex-1 rounded-md border border-stone-300 px-2 text-sm" />
        <button type="submit" disabled={busy} className="border-party/40 text-party rounded-md border px-3 py-1 text-sm disabled:opacity-60" aria-label={`${tb.actions.reject} ${name}`}>
          {busy && rejecting ? tb.actions.rejecting : tb.actions.reject}
        </button>
        <ActionAnswer state={rejected} />
      </form>
    </div>
  );
}
