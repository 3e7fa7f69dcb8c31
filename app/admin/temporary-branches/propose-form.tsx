'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState } from '@/lib/actions/action-state';
import { submitTemporaryBranch } from '@/lib/flow/temporary-branch-actions';
import type { CandidateView } from '@/lib/flow/temporary-branch-queries';
import { messages } from '@/lib/i18n/messages';

const tb = messages.temporaryBranches;
const control = 'focus:border-party min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3 outline-none';

/** The proposal: name, place, the members away there (ticked), the proposed 书记 and why. */
export function ProposeForm({ candidates, regionCode, placeName }: { candidates: CandidateView[]; regionCode: string; placeName: string }) {
  const [state, formAction, pending] = useActionState(submitTemporaryBranch, idleState);
  const error = (name: string) => (state.status === 'invalid' ? state.fieldErrors[name] : undefined);
  const errors = (name: string) =>
    error(name)?.map((message) => (
      <p key={message} id={`propose-${name}-error`} className="text-party text-sm">
        {message}
      </p>
    ));
  const full = candidates.filter((candidate) => candidate.category === 'full');
  return (
    <ActionForm action={formAction} aria-labelledby="propose-heading" className="max-w-4xl space-y-4 rounded-lg border border-stone-200 bg-white p-4">
      <h3 id="propose-heading" className="font-semibold">
        {tb.tabs.propose} · {placeName}
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="propose-name" className="block text-sm font-medium">
            {tb.fields.name}
          </label>
          <input id="propose-name" name="name" required maxLength={100} defaultValue={`驻${placeName.split(" ").at(-1)}流动党员临时党支部`} aria-describedby="propose-name-hint" className={control} />
          <p id="propose-name-hint" className="text-sm text-stone-600">
            {tb.fields.nameHint}
          </p>
          {errors('name')}
        </div>
        <div className="space-y-1">
          <label htmlFor="propose-region" className="block text-sm font-medium">
            {tb.fields.region}
          </label>
          <input id="propose-region" name="regionCode" required inputMode="numeric" pattern="[0-9]{6}" maxLength={6} defaultValue={regionCode} aria-describedby="propose-region-hint" className={control} />
          <p id="propose-region-hint" className="text-sm text-stone-600">
            {tb.fields.regionHint}
          </p>
          {errors('regionCode')}
        </div>
      </div>
      <fieldset className="space-y-2" aria-describedby="propose-members-hint">
        <legend className="text-sm font-medium">{tb.fields.members}</legend>
        <p id="propose-members-hint" className="text-sm text-stone-600">
          {tb.fields.membersHint}
        </p>
        <ul className="grid gap-1 sm:grid-cols-2">
          {candidates.map((candidate) => (
            <li key={candidate.id}>
              <label className="flex min-h-9 items-start gap-2 text-sm">
                <input type="checkbox" name="memberIds" value={candidate.id} className="accent-party mt-0.5 h-4 w-4 shrink-0" />
                <span>
                  <span className="font-medium">{candidate.name}</span>
                  {candidate.category !== 'full' && <span className="text-stone-500">（{tb.list.probationary}）</span>}
                  <span className="block text-stone-500">{tb.list.candidateLine(candidate.homeBranchName, candidate.place)}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {errors('memberIds')}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="propose-secretary" className="block text-sm font-medium">
            {tb.fields.secretary}
          </label>
          <select id="propose-secretary" name="secretaryMemberId" required defaultValue="" aria-describedby="propose-secretary-hint" className={control}>
            <option value="" disabled>
              —
            </option>
            {full.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name} · {candidate.homeBranchName}
              </option>
            ))}
          </select>
          <p id="propose-secretary-hint" className="text-sm text-stone-600">
            {tb.fields.secretaryHint}
          </p>
          {errors('secretaryMemberId')}
        </div>
        <div className="space-y-1">
          <label htmlFor="propose-reason" className="block text-sm font-medium">
            {tb.fields.reason}
          </label>
          <textarea id="propose-reason" name="reason" required minLength={5} maxLength={1000} rows={3} className="focus:border-party w-full rounded-lg border-2 border-stone-300 bg-white px-3 py-2 outline-none" />
          {errors('reason')}
        </div>
      </div>
      <button type="submit" disabled={pending} className="bg-party min-h-11 rounded-lg px-4 text-white disabled:opacity-60">
        {pending ? tb.actions.proposing : tb.actions.propose}
      </button>
      {state.status !== 'idle' && (
        <p role="status" className={state.status === 'success' ? 'text-green-800' : 'text-party'}>
          {state.message}
        </p>
      )}
    </ActionForm>
  );
}
