'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { Field, FormMessage } from '@/components/form-fields';
import { OrgSelect, type OrgOption } from '@/components/org-select';
import { createAdminAccount } from '@/lib/accounts/actions';
import { idleState } from '@/lib/actions/action-state';
import type { Capability, Tier } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';

export function CreateAdminForm({ orgs, grantable, tiers }: { orgs: OrgOption[]; grantable: readonly Capability[]; tiers: Tier[] }) {
  const [state, formAction, pending] = useActionState(createAdminAccount, idleState);
  const t = messages.accounts;
  return (
    <ActionForm action={formAction} className="grid max-w-3xl gap-3 rounded-lg border border-stone-200 bg-white p-4 md:grid-cols-2">
      <Field name="username" label={messages.auth.username} state={state} autoComplete="off" required />
      <Field name="displayName" label={t.displayName} state={state} autoComplete="off" required />
      <OrgSelect id="orgId" name="orgId" label={t.org} options={orgs} large />
      <div className="space-y-1">
        <label htmlFor="tier" className="block text-lg font-medium">{t.tier}</label>
        <select id="tier" name="tier" className="min-h-12 w-full rounded-xl border-2 border-stone-300 bg-white px-2">
          {tiers.map((tier) => (
            <option key={tier} value={tier}>
              {t.tiers[tier]}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="md:col-span-2">
        <legend className="mb-1 font-medium">{t.capabilitiesLegend}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {grantable.map((capability) => (
            <label key={capability} className="inline-flex items-center gap-1.5">
              <input type="checkbox" name="capabilities" value={capability} className="accent-party h-4 w-4" />
              {t.capabilities[capability]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-2 md:col-span-2">
        <FormMessage state={state} />
        {state.status === 'success' && (
          <p role="status" className="rounded-lg border border-green-300 bg-green-50 p-3 text-green-900">
            {state.message}
          </p>
        )}
        <button type="submit" disabled={pending} className="bg-party rounded-lg px-5 py-2 text-white disabled:opacity-60">
          {t.create}
        </button>
      </div>
    </ActionForm>
  );
}
