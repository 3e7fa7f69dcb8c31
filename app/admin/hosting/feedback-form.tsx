'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState } from '@/lib/actions/action-state';
import { submitHostFeedback } from '@/lib/flow/hosting-actions';

type Labels = { heading: string; year: string; rating: string; content: string; submit: string; submitting: string };

/** The yearly 表现反馈 on one hosted member; the home branch reads it. */
export function FeedbackForm({ memberId, years, ratings, labels }: { memberId: string; years: number[]; ratings: { value: string; label: string }[]; labels: Labels }) {
  const [state, formAction, pending] = useActionState(submitHostFeedback, idleState);
  const id = (name: string) => `feedback-${name}-${memberId}`;
  const error = (name: string) => (state.status === 'invalid' ? state.fieldErrors[name]?.[0] : undefined);
  if (state.status === 'success') return <p role="status" className="text-sm text-green-800">{state.message}</p>;
  return (
    <details className="min-w-64">
      <summary className="text-party cursor-pointer text-sm">{labels.heading}</summary>
      <ActionForm action={formAction} aria-label={labels.heading} className="mt-2 space-y-2">
        <input type="hidden" name="memberId" value={memberId} />
        <div className="flex gap-2">
          <div className="space-y-1">
            <label htmlFor={id('year')} className="block text-sm font-medium">
              {labels.year}
            </label>
            <select id={id('year')} name="year" defaultValue={years[0]} className="min-h-9 rounded-md border border-stone-300 bg-white px-2 text-sm">
              {years.map((year) => (
                <option key={year} value={year}>
                  {year}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor={id('rating')} className="block text-sm font-medium">
              {labels.rating}
            </label>
            <select id={id('rating')} name="rating" defaultValue={ratings[1]?.value} className="min-h-9 rounded-md border border-stone-300 bg-white px-2 text-sm">
              {ratings.map((rating) => (
                <option key={rating.value} value={rating.value}>
                  {rating.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label htmlFor={id('content')} className="block text-sm font-medium">
          {labels.content}
        </label>
        <textarea
          id={id('content')}
          name="content"
          required
          minLength={10}
          maxLength={1000}
          rows={3}
          aria-invalid={error('content') ? true : undefined}
          className="w-full rounded-md border border-stone-300 p-2 text-sm"
        />
        <button type="submit" disabled={pending} className="bg-party rounded-md px-3 py-1 text-sm text-white disabled:opacity-60">
          {pending ? labels.submitting : labels.submit}
        </button>
        {state.status !== 'idle' && (
          <p role="status" className="text-party max-w-xs text-sm">
            {state.status === 'invalid' ? (Object.values(state.fieldErrors)[0]?.[0] ?? state.message) : state.message}
          </p>
        )}
      </ActionForm>
    </details>
  );
}
