'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { ActionAnswer } from '@/components/decision-form';
import { idleState } from '@/lib/actions/action-state';
import { markInflowLeft } from '@/lib/flow/inflow-actions';
import type { inflowMessages } from '@/lib/i18n/messages/inflow';

type Labels = typeof inflowMessages.leave;

/** 离开登记 for one row: the day the member left (between the 报到 and today) and why, if known. */
export function LeaveForm({ inflowMemberId, name, reportedOn, today, labels }: { inflowMemberId: string; name: string; reportedOn: string; today: string; labels: Labels }) {
  const [state, formAction, pending] = useActionState(markInflowLeft, idleState);
  if (state.status === 'success') return <ActionAnswer state={state} />;
  const id = (field: string) => `leave-${field}-${inflowMemberId}`;
  return (
    <details className="min-w-48">
      <summary className="text-party cursor-pointer text-sm">
        {labels.summary}
        <span className="sr-only">：{name}</span>
      </summary>
      <ActionForm action={formAction} aria-label={`${labels.summary}：${name}`} className="mt-2 space-y-2">
        <input type="hidden" name="inflowMemberId" value={inflowMemberId} />
        <label htmlFor={id('leftOn')} className="block text-sm font-medium">
          {labels.leftOn}
        </label>
        <input id={id('leftOn')} name="leftOn" type="date" required min={reportedOn} max={today} defaultValue={today} className="min-h-9 w-full rounded-md border border-stone-300 px-2 text-sm" />
        <label htmlFor={id('reason')} className="block text-sm font-medium">
          {labels.reason}
        </label>
        <input id={id('reason')} name="reason" maxLength={200} autoComplete="off" className="min-h-9 w-full rounded-md border border-stone-300 px-2 text-sm" />
        <button type="submit" disabled={pending} className="border-party/40 text-party rounded-md border px-3 py-1 text-sm disabled:opacity-60">
          {pending ? labels.submitting : labels.submit}
        </button>
        <ActionAnswer state={state} />
      </ActionForm>
    </details>
  );
}
