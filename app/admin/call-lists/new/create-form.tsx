'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useState } from 'react';
import { ActionForm } from '@/components/action-form';
import { fieldErrorOf } from '@/components/form-fields';
import { idleState } from '@/lib/actions/action-state';
import { createCallListAction } from '@/lib/call-lists/actions';
import { messages } from '@/lib/i18n/messages';

const t = messages.callLists;
const control = 'focus:border-party min-h-11 w-full rounded-lg border-2 border-stone-300 bg-white px-3 outline-none';
const radio = 'flex min-h-11 items-center gap-2 rounded-lg border border-stone-200 bg-white px-3';

export function CreateCallListForm({
  notices,
  orgs,
  preselectedNotice,
}: {
  notices: { id: string; label: string }[];
  orgs: { id: number; name: string; depth: number }[];
  preselectedNotice?: string;
}) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(createCallListAction, idleState);
  const [source, setSource] = useState<'notice' | 'activity'>(notices.length > 0 ? 'notice' : 'activity');
  const callListId = state.status === 'success' ? state.data?.callListId : undefined;
  useEffect(() => {
    if (callListId) router.push(`/admin/call-lists/${callListId}`);
  }, [callListId, router]);
  const field = (name: string) => {
    const error = fieldErrorOf(state, name);
    return { id: `call-${name}`, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `call-${name}-error` : undefined };
  };
  const problem = (name: string) => {
    const error = fieldErrorOf(state, name);
    return error ? (
      <p id={`call-${name}-error`} className="text-party text-sm">
        {error}
      </p>
    ) : null;
  };
  return (
    <ActionForm action={formAction} className="grid max-w-3xl gap-4 rounded-lg border border-stone-200 bg-white p-4">
      <fieldset className="space-y-2">
        <legend className="mb-1 font-medium">{t.sourceLegend}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {(['notice', 'activity'] as const).map((value) => (
            <label key={value} className={radio}>
              <input type="radio" name="source" value={value} checked={source === value} onChange={() => setSource(value)} className="size-5" />
              {t.sources[value]}
            </label>
          ))}
        </div>
      </fieldset>
      {source === 'notice' ? (
        <div className="space-y-1">
          <label htmlFor="call-contentItemId" className="block font-medium">
            {t.fields.notice}
          </label>
          {notices.length === 0 ? (
            <p className="text-stone-600">{t.noNotices}</p>
          ) : (
            <select {...field('contentItemId')} required defaultValue={preselectedNotice ?? notices[0].id} className={control}>
              {notices.map((notice) => (
                <option key={notice.id} value={notice.id}>
                  {notice.label}
                </option>
              ))}
            </select>
          )}
          {problem('contentItemId')}
        </div>
      ) : (
        <div className="space-y-1">
          <label htmlFor="call-message" className="block font-medium">
            {t.fields.message}
          </label>
          <textarea {...field('message')} required rows={3} maxLength={500} className={`${control} py-2`} />
          {problem('message')}
        </div>
      )}
      <div className="space-y-1">
        <label htmlFor="call-title" className="block font-medium">
          {t.fields.title}
        </label>
        <input {...field('title')} required={source === 'activity'} minLength={2} maxLength={100} autoComplete="off" className={control} />
        {source === 'notice' && <p className="text-sm text-stone-600">{t.fields.titleHint}</p>}
        {problem('title')}
      </div>
      <div className="space-y-1">
        <label htmlFor="call-orgId" className="block font-medium">
          {t.fields.org}
        </label>
        <select {...field('orgId')} required className={control}>
          {orgs.map((org) => (
            <option key={org.id} value={org.id}>
              {'　'.repeat(org.depth)}
              {org.name}
            </option>
          ))}
        </select>
        {problem('orgId')}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="call-statuses" className="block font-medium">
            {t.fields.statuses}
          </label>
          <select {...field('statuses')} defaultValue="managed" className={control}>
            {(['managed', 'outflow'] as const).map((value) => (
              <option key={value} value={value}>
                {t.statusChoices[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="call-notReached" className="block font-medium">
            {t.fields.notReached}
          </label>
          <select {...field('notReached')} defaultValue="any" className={control}>
            {(['any', '3', '6'] as const).map((value) => (
              <option key={value} value={value}>
                {t.notReachedChoices[value]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {state.status !== 'idle' && (
        <p role={state.status === 'success' ? 'status' : 'alert'} className={state.status === 'success' ? 'text-green-800' : 'text-party'}>
          {state.status === 'invalid' ? (state.fieldErrors._?.[0] ?? state.message) : state.message}
        </p>
      )}
      <div>
        <button type="submit" disabled={pending || !!callListId} className="bg-party min-h-11 rounded-lg px-5 font-medium text-white disabled:opacity-60">
          {pending ? t.creating : t.create}
        </button>
      </div>
    </ActionForm>
  );
}
