'use client';

import { useActionState } from 'react';
import { ActionAnswer } from '@/components/decision-form';
import { idleState } from '@/lib/actions/action-state';
import { acceptHostRegistration, declineHostRegistration } from '@/lib/flow/hosting-actions';

type Labels = { placement: string; certificateChecked: string; accept: string; decline: string; declineReason: string };

/** Accept a 报到 — placing the member and confirming the 活动证 was checked — or decline it with a reason. */
export function AcceptForm({
  registrationId,
  memberName,
  placements,
  holdsCertificate,
  labels,
}: {
  registrationId: string;
  memberName: string;
  placements: { id: number; name: string }[];
  holdsCertificate: boolean;
  labels: Labels;
}) {
  const [accepted, acceptAction, accepting] = useActionState(acceptHostRegistration, idleState);
  const [declined, declineAction, declining] = useActionState(declineHostRegistration, idleState);
  const decided = accepted.status === 'success' ? accepted : declined.status === 'success' ? declined : null;
  if (decided) return <ActionAnswer state={decided} />;
  const busy = accepting || declining;
  const id = (name: string) => `${name}-${registrationId}`;
  return (
    <div className="flex min-w-64 flex-col gap-2">
      <form action={acceptAction} className="space-y-2">
        <input type="hidden" name="registrationId" value={registrationId} />
        <label htmlFor={id('placement')} className="block text-sm font-medium">
          {labels.placement}
        </label>
        <select id={id('placement')} name="placedOrgId" required defaultValue={placements[0]?.id} className="min-h-9 w-full rounded-md border border-stone-300 bg-white px-2 text-sm">
          {placements.map((placement) => (
            <option key={placement.id} value={placement.id}>
              {placement.name}
            </option>
          ))}
        </select>
        {holdsCertificate && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="certificateChecked" className="accent-party h-4 w-4" />
            {labels.certificateChecked}
          </label>
        )}
        <button type="submit" disabled={busy} className="bg-party rounded-md px-3 py-1 text-sm text-white disabled:opacity-60" aria-label={`${labels.accept} ${memberName}`}>
          {labels.accept}
        </button>
      </form>
      <ActionAnswer state={accepted} />
      <form action={declineAction} className="flex flex-wrap items-end gap-1">
        <input type="hidden" name="registrationId" value={registrationId} />
        <label htmlFor={id('decline')} className="sr-only">
          {labels.declineReason}
        </label>
        <input id={id('decline')} name="reason" required minLength={2} maxLength={500} placeholder={labels.declineReason} className="min-h-8 min-w-0 flex-1 rounded-md border border-stone-300 px-2 text-sm" />
        <button type="submit" disabled={busy} className="border-party/40 text-party rounded-md border px-3 py-1 text-sm disabled:opacity-60" aria-label={`${labels.decline} ${memberName}`}>
          {labels.decline}
        </button>
      </form>
      <ActionAnswer state={declined} />
    </div>
  );
}
