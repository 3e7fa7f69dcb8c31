'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { OrgSelect, type OrgOption } from '@/components/org-select';
import { idleState, type ActionState } from '@/lib/actions/action-state';
import { messages } from '@/lib/i18n/messages';
import { createOrg, dissolveOrg, moveOrg, renameOrg } from '@/lib/orgs/actions';
import { ORG_TYPES } from '@/lib/orgs/org-types';

const t = messages.orgAdmin;
const control = 'min-h-10 w-full rounded-lg border-2 border-stone-300 bg-white px-2';

function Result({ state }: { state: ActionState }) {
  if (state.status === 'idle') return null;
  const text = state.status === 'invalid' ? (Object.values(state.fieldErrors)[0]?.[0] ?? state.message) : state.message;
  return <p role="status" className={state.status === 'success' ? 'text-green-800' : 'text-party'}>{text}</p>;
}

function Panel({ legend, action, children, submit, tone }: { legend: string; action: (formData: FormData) => void; children: React.ReactNode; submit: string; tone?: 'danger' }) {
  return (
    <ActionForm action={action} className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
      <h3 className="font-semibold">{legend}</h3>
      {children}
      <button type="submit" className={`rounded-lg px-4 py-1.5 text-white ${tone === 'danger' ? 'bg-party-dark' : 'bg-party'}`}>{submit}</button>
    </ActionForm>
  );
}

export function OrgAdminPanel({ all, below }: { all: OrgOption[]; below: OrgOption[] }) {
  const [created, createAction] = useActionState(createOrg, idleState);
  const [renamed, renameAction] = useActionState(renameOrg, idleState);
  const [moved, moveAction] = useActionState(moveOrg, idleState);
  const [dissolved, dissolveAction] = useActionState(dissolveOrg, idleState);
  return (
    <section aria-labelledby="org-admin" className="space-y-3">
      <h2 id="org-admin" className="text-xl font-semibold">{t.heading}</h2>
      <p className="text-stone-600">{t.hint}</p>
      <div className="grid max-w-5xl gap-4 lg:grid-cols-2">
        <Panel legend={t.createLegend} action={createAction} submit={t.create}>
          <OrgSelect id="create-parent" name="parentId" label={t.parent} options={all} />
          <div className="space-y-1">
            <label htmlFor="create-name" className="block text-sm font-medium">{t.name}</label>
            <input id="create-name" name="name" className={control} required minLength={2} maxLength={100} />
          </div>
          <div className="space-y-1">
            <label htmlFor="create-type" className="block text-sm font-medium">{t.type}</label>
            <select id="create-type" name="type" className={control}>
              {ORG_TYPES.map((type) => (
                <option key={type} value={type}>{messages.orgTypes[type]}</option>
              ))}
            </select>
          </div>
          <Result state={created} />
        </Panel>
        {below.length > 0 && (
          <>
            <Panel legend={t.renameLegend} action={renameAction} submit={t.rename}>
              <OrgSelect id="rename-org" name="orgId" label={t.org} options={below} />
              <div className="space-y-1">
                <label htmlFor="rename-name" className="block text-sm font-medium">{t.name}</label>
                <input id="rename-name" name="name" className={control} required minLength={2} maxLength={100} />
              </div>
              <Result state={renamed} />
            </Panel>
            <Panel legend={t.moveLegend} action={moveAction} submit={t.move}>
              <OrgSelect id="move-org" name="orgId" label={t.org} options={below} />
              <OrgSelect id="move-parent" name="newParentId" label={t.newParent} options={all} />
              <Result state={moved} />
            </Panel>
            <Panel legend={t.dissolveLegend} action={dissolveAction} submit={t.dissolve} tone="danger">
              <OrgSelect id="dissolve-org" name="orgId" label={t.org} options={below} />
              <Result state={dissolved} />
            </Panel>
          </>
        )}
      </div>
    </section>
  );
}
