'use client';

import { useActionState } from 'react';
import { ActionAnswer } from '@/components/decision-form';
import { idleState } from '@/lib/actions/action-state';
import { reviewItem, withdrawItem } from '@/lib/content/actions';
import type { messages } from '@/lib/i18n/messages';

type Labels = Pick<typeof messages.content.detail, 'reviewNote' | 'approve' | 'returnIt' | 'reviewing' | 'withdraw' | 'withdrawReason' | 'withdrawing'>;

/** The reviewer's two answers; a return needs the comment the writer will work from. */
export function ReviewForm({ itemId, labels }: { itemId: string; labels: Labels }) {
  const [state, act, pending] = useActionState(reviewItem, idleState);
  if (state.status === 'success') return <ActionAnswer state={state} />;
  return (
    <form action={act} className="max-w-2xl space-y-3">
      <input type="hidden" name="itemId" value={itemId} />
      <label htmlFor="review-note" className="block font-medium">
        {labels.reviewNote}
      </label>
      <textarea id="review-note" name="note" rows={3} maxLength={500} className="focus:border-party w-full rounded-lg border-2 border-stone-300 bg-white p-2 outline-none" />
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="decision" value="approve" disabled={pending} className="bg-party min-h-11 rounded-lg px-5 font-semibold text-white disabled:opacity-60">
          {pending ? labels.reviewing : labels.approve}
        </button>
        <button type="submit" name="decision" value="return" disabled={pending} className="border-party text-party min-h-11 rounded-lg border-2 bg-white px-5 font-semibold disabled:opacity-60">
          {pending ? labels.reviewing : labels.returnIt}
        </button>
      </div>
      <ActionAnswer state={state} />
    </form>
  );
}

export function WithdrawForm({ itemId, labels }: { itemId: string; labels: Labels }) {
  const [state, act, pending] = useActionState(withdrawItem, idleState);
  if (state.status === 'success') return <ActionAnswer state={state} />;
  return (
    <form action={act} className="flex max-w-2xl flex-wrap items-end gap-3">
      <input type="hidden" name="itemId" value={itemId} />
      <div className="min-w-64 flex-1 space-y-1">
        <label htmlFor="withdraw-reason" className="block font-medium">
          {labels.withdrawReason}
        </label>
        <input id="withdraw-reason" name="reason" maxLength={200} className="focus:border-party min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3 outline-none" />
      </div>
      <button type="submit" disabled={pending} className="min-h-11 rounded-lg border-2 border-stone-400 bg-white px-5 font-semibold disabled:opacity-60">
        {pending ? labels.withdrawing : labels.withdraw}
      </button>
      <ActionAnswer state={state} />
    </form>
  );
}
