'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState, type ActionState } from '@/lib/actions/action-state';
import { messages } from '@/lib/i18n/messages';
import { createSkill, renameSkill } from '@/lib/skills/actions';

const t = messages.skills;
const control = 'min-h-10 w-full rounded-lg border-2 border-stone-300 bg-white px-2';

function Result({ state }: { state: ActionState }) {
  if (state.status === 'idle') return <p role="status" className="sr-only" />;
  const text = state.status === 'invalid' ? (Object.values(state.fieldErrors)[0]?.[0] ?? state.message) : state.message;
  return (
    <p role="status" className={state.status === 'success' ? 'text-green-800' : 'text-party'}>
      {text}
    </p>
  );
}

export function AddSkillForm({ categories }: { categories: string[] }) {
  const [state, action, pending] = useActionState(createSkill, idleState);
  return (
    <ActionForm action={action} className="grid max-w-3xl gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
      <div className="space-y-1">
        <label htmlFor="skill-name" className="block text-sm font-medium">{t.name}</label>
        <input id="skill-name" name="name" required maxLength={30} className={control} />
      </div>
      <div className="space-y-1">
        <label htmlFor="skill-category" className="block text-sm font-medium">{t.category}</label>
        <input id="skill-category" name="category" required maxLength={30} list="skill-categories" aria-describedby="skill-category-hint" className={control} />
        <datalist id="skill-categories">
          {categories.map((category) => (
            <option key={category} value={category} />
          ))}
        </datalist>
      </div>
      <button type="submit" disabled={pending} className="bg-party min-h-10 rounded-lg px-5 text-white disabled:opacity-60">{t.add}</button>
      <p id="skill-category-hint" className="text-sm text-stone-600 sm:col-span-3">{t.categoryHint}</p>
      <div className="sm:col-span-3">
        <Result state={state} />
      </div>
    </ActionForm>
  );
}

export function RenameSkillForm({ skillId, name }: { skillId: number; name: string }) {
  const [state, action, pending] = useActionState(renameSkill, idleState);
  const id = `rename-${skillId}`;
  return (
    <ActionForm action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="skillId" value={skillId} />
      <label htmlFor={id} className="sr-only">{t.newName(name)}</label>
      <input id={id} name="name" required maxLength={30} defaultValue={name} className="h-8 w-28 rounded-md border border-stone-300 bg-white px-2" />
      <button type="submit" disabled={pending} className="rounded-md border border-stone-300 px-2.5 py-1 text-sm hover:bg-stone-100 disabled:opacity-60">
        {t.rename}
      </button>
      {state.status !== 'idle' && (
        <div className="max-w-xs basis-full text-sm">
          <Result state={state} />
        </div>
      )}
    </ActionForm>
  );
}
