'use client';

import { useActionState } from 'react';
import { idleState } from '@/lib/actions/action-state';
import { rejectMemberClaim, verifyMemberClaim } from '@/lib/claims/actions';
import { messages } from '@/lib/i18n/messages';

/**
 * 识别 or 驳回 for one claim. After 识别 the activation code is shown here, once: the list is not
 * refreshed, so the code stays on screen until the keeper has passed it on.
 */
export function ClaimDecision({ claimId, name }: { claimId: string; name: string }) {
  const [verified, verify, verifying] = useActionState(verifyMemberClaim, idleState);
  const [rejected, reject, rejecting] = useActionState(rejectMemberClaim, idleState);
  const t = messages.claims.admin;
  const done = verified.status === 'success' ? verified : rejected.status === 'success' ? rejected : null;
  if (done) {
    return (
      <p role="status" className="max-w-sm rounded-md border border-green-300 bg-green-50 p-2 text-green-900">
        {done.message}
      </p>
    );
  }
  const reasonError = rejected.status === 'invalid' ? rejected.fieldErrors.reason?.[0] : undefined;
  const problem = [verified, rejected].find((state) => state.status !== 'idle' && state.status !== 'invalid' && state.status !== 'success');
  return (
    <div className="flex max-w-sm flex-col items-start gap-2">
      <form action={verify}>
        <input type="hidden" name="claimId" value={claimId} />
        <button type="submit" disabled={verifying} aria-label={`${t.verify}：${name}`} className="bg-party rounded-md px-3 py-1.5 text-white disabled:opacity-60">
          {t.verify}
        </button>
      </form>
      <details className="w-full">
        <summary className="text-party cursor-pointer">{t.reject}</summary>
        <form action={reject} className="mt-2 space-y-1">
          <input type="hidden" name="claimId" value={claimId} />
          <label htmlFor={`reason-${claimId}`} className="block font-medium">
            {t.rejectReason}
          </label>
          <textarea
            id={`reason-${claimId}`}
            name="reason"
            rows={2}
            maxLength={500}
            required
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `reason-${claimId}-error` : undefined}
            className="focus:border-party w-full rounded-md border-2 border-stone-300 px-2 py-1 outline-none"
          />
          {reasonError && (
            <p id={`reason-${claimId}-error`} className="text-party">
              {reasonError}
            </p>
          )}
          <button type="submit" disabled={rejecting} className="border-party/40 text-party hover:bg-party/5 rounded-md border px-3 py-1 disabled:opacity-60">
            {t.confirmReject}
          </button>
        </form>
      </details>
      {problem && 'message' in problem && (
        <p role="alert" className="text-party">
          {problem.message}
        </p>
      )}
    </div>
  );
}
