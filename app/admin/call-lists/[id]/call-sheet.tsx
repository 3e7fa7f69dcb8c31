'use client';

import { useActionState } from 'react';
import { type ActionState, idleState } from '@/lib/actions/action-state';
import { closeCallListAction, recordCallOutcomeAction, revealCallListPhonesAction } from '@/lib/call-lists/actions';
import { telHref } from '@/lib/call-lists/rules';
import { messages } from '@/lib/i18n/messages';
import { CONTACT_OUTCOMES, type ContactOutcome } from '@/lib/members/member-status';

const t = messages.callLists;

export type SheetEntry = { memberId: string; name: string; orgName: string; maskedPhone: string | null; outcome: ContactOutcome | null; lastCall: string | null };

type Revealed = { phones: Record<string, string>; state: ActionState };

const OUTCOME_STYLE: Record<ContactOutcome, string> = {
  reached: 'border-green-700 text-green-800',
  no_answer: 'border-amber-600 text-amber-800',
  wrong_number: 'border-party text-party',
};
const button = 'min-h-11 rounded-lg border-2 px-3 font-medium disabled:opacity-50';

/**
 * The members of a list, each with the number (masked until revealed), a tel: link once it is
 * shown, and the three outcome buttons. Full numbers come from the audited reveal action and live
 * only in this island's state, gone on reload.
 */
export function CallSheet({ callListId, closed, mayReveal, entries }: { callListId: string; closed: boolean; mayReveal: boolean; entries: SheetEntry[] }) {
  const [revealed, revealAction, revealing] = useActionState(
    async (previous: Revealed, formData: FormData): Promise<Revealed> => {
      const state = await revealCallListPhonesAction(idleState, formData);
      return { phones: state.status === 'success' ? { ...previous.phones, ...state.data } : previous.phones, state };
    },
    { phones: {}, state: idleState },
  );
  const canReveal = mayReveal && !closed;
  return (
    <section aria-labelledby="call-members" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="call-members" className="text-xl font-semibold">
          {t.members}
        </h2>
        {canReveal && (
          <form action={revealAction}>
            <input type="hidden" name="callListId" value={callListId} />
            <button type="submit" disabled={revealing} className={`${button} border-stone-300 bg-white hover:bg-stone-100`}>
              {revealing ? t.revealing : t.revealAll}
            </button>
          </form>
        )}
      </div>
      {!mayReveal && !closed && <p className="text-sm text-stone-600">{t.revealNeedsCapability}</p>}
      {revealed.state.status !== 'idle' && (
        <p role={revealed.state.status === 'success' ? 'status' : 'alert'} className={revealed.state.status === 'success' ? 'text-sm text-stone-600' : 'text-party'}>
          {revealed.state.message}
        </p>
      )}
      <ul className="grid gap-3 xl:grid-cols-2">
        {entries.map((entry) => (
          <CallRow key={entry.memberId} callListId={callListId} entry={entry} phone={revealed.phones[entry.memberId]} closed={closed} canReveal={canReveal} revealAction={revealAction} revealing={revealing} />
        ))}
      </ul>
    </section>
  );
}

function CallRow({
  callListId,
  entry,
  phone,
  closed,
  canReveal,
  revealAction,
  revealing,
}: {
  callListId: string;
  entry: SheetEntry;
  phone: string | undefined;
  closed: boolean;
  canReveal: boolean;
  revealAction: (formData: FormData) => void;
  revealing: boolean;
}) {
  const [state, outcomeAction, saving] = useActionState(recordCallOutcomeAction, idleState);
  const headingId = `call-${entry.memberId}`;
  return (
    <li aria-labelledby={headingId} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4" data-testid="call-entry">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={headingId} className="text-lg font-semibold">
            {entry.name}
          </h3>
          <p className="text-sm text-stone-600">{entry.orgName}</p>
        </div>
        <span className={`rounded-full border px-2.5 py-0.5 text-sm whitespace-nowrap ${entry.outcome ? OUTCOME_STYLE[entry.outcome] : 'border-stone-300 text-stone-600'}`}>
          {entry.outcome ? t.outcomes[entry.outcome] : t.notCalled}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        {entry.maskedPhone === null ? (
          <span className="text-stone-600">{t.noPhone}</span>
        ) : phone ? (
          <a href={telHref(phone)} aria-label={t.callFor(entry.name)} className="text-party inline-flex min-h-11 items-center gap-1 font-mono text-lg font-semibold underline-offset-2 hover:underline" data-testid="call-phone">
            {phone}
          </a>
        ) : (
          <>
            <span className="font-mono text-lg" data-testid="masked-phone">
              {entry.maskedPhone}
            </span>
            {canReveal && (
              <form action={revealAction}>
                <input type="hidden" name="callListId" value={callListId} />
                <input type="hidden" name="memberId" value={entry.memberId} />
                <button type="submit" disabled={revealing} aria-label={t.revealRowFor(entry.name)} className="min-h-9 rounded-md border border-stone-300 px-2.5 text-sm hover:bg-stone-100 disabled:opacity-60">
                  {t.revealRow}
                </button>
              </form>
            )}
          </>
        )}
      </div>
      {entry.lastCall && <p className="text-sm text-stone-600">{entry.lastCall}</p>}
      {!closed && (
        <form action={outcomeAction} className="space-y-2">
          <input type="hidden" name="callListId" value={callListId} />
          <input type="hidden" name="memberId" value={entry.memberId} />
          <label className="block">
            <span className="sr-only">{t.noteFor(entry.name)}</span>
            <input name="note" maxLength={200} autoComplete="off" placeholder={t.note} className="focus:border-party min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3 outline-none" />
          </label>
          <div className="grid grid-cols-3 gap-2">
            {CONTACT_OUTCOMES.map((outcome) => (
              <button
                key={outcome}
                type="submit"
                name="outcome"
                value={outcome}
                disabled={saving}
                aria-label={t.outcomeFor(t.outcomes[outcome], entry.name)}
                className={`${button} bg-white ${OUTCOME_STYLE[outcome]} hover:bg-stone-50`}
              >
                {t.outcomes[outcome]}
              </button>
            ))}
          </div>
          {state.status !== 'idle' && (
            <p role={state.status === 'success' ? 'status' : 'alert'} className={state.status === 'success' ? 'text-sm text-green-800' : 'text-party text-sm'}>
              {state.message}
            </p>
          )}
        </form>
      )}
    </li>
  );
}

export function CloseListForm({ callListId }: { callListId: string }) {
  const [state, closeAction, closing] = useActionState(closeCallListAction, idleState);
  return (
    <form action={closeAction} className="space-y-2 border-t border-stone-200 pt-4">
      <input type="hidden" name="callListId" value={callListId} />
      <p className="text-sm text-stone-600">{t.closeHint}</p>
      <button type="submit" disabled={closing} className={`${button} border-stone-400 bg-white hover:bg-stone-100`}>
        {closing ? t.closing : t.close}
      </button>
      {state.status !== 'idle' && state.status !== 'success' && (
        <p role="alert" className="text-party">
          {state.message}
        </p>
      )}
    </form>
  );
}
