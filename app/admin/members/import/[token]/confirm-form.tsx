'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/form-fields';
import { idleState } from '@/lib/actions/action-state';
import { confirmMemberImport } from '@/lib/members/excel/import-actions';

/** The one button that loads a validated file; the action redirects back to this page. */
export function ConfirmForm({ token, label, pendingLabel }: { token: string; label: string; pendingLabel: string }) {
  const [state, formAction, pending] = useActionState(confirmMemberImport, idleState);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      <button type="submit" disabled={pending} className="bg-party min-h-11 rounded-lg px-6 font-semibold text-white disabled:opacity-60">
        {pending ? pendingLabel : label}
      </button>
    </form>
  );
}
