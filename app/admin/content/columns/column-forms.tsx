'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/action-form';
import { idleState, type ActionState } from '@/lib/actions/action-state';
import { createColumnAction, deleteColumnAction, moveColumnAction, renameColumnAction } from '@/lib/content/column-actions';
import { COLUMN_KINDS } from '@/lib/content/content-kinds';
import { messages } from '@/lib/i18n/messages';

const t = messages.content.columnAdmin;
const control = 'min-h-10 w-full rounded-lg border-2 border-stone-300 bg-white px-2';
const small = 'min-h-9 rounded-md border border-stone-300 bg-white px-2.5 text-sm hover:bg-stone-100 disabled:opacity-50';

function Result({ state }: { state: ActionState }) {
  if (state.status === 'idle') return <p role="status" className="sr-only" />;
  const text = state.status === 'invalid' ? (Object.values(state.fieldErrors)[0]?.[0] ?? state.message) : state.message;
  return (
    <p role="status" className={`text-sm ${state.status === 'success' ? 'text-green-800' : 'text-party'}`}>
      {text}
    </p>
  );
}

export function AddColumnForm() {
  const [state, action, pending] = useActionState(createColumnAction, idleState);
  return (
    <ActionForm action={action} aria-label={t.add} className="grid max-w-4xl gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end">
      <div className="space-y-1">
        <label htmlFor="column-name" className="block text-sm font-medium">
          {t.columns.name}
        </label>
        <input id="column-name" name="name" required maxLength={20} className={control} />
      </div>
      <div className="space-y-1">
        <label htmlFor="column-slug" className="block text-sm font-medium">
          {t.columns.slug}
        </label>
        <input id="column-slug" name="slug" required maxLength={40} pattern="[a-z][a-z0-9\-]{1,39}" aria-describedby="column-slug-hint" className={control} />
      </div>
      <div className="space-y-1">
        <label htmlFor="column-kind" className="block text-sm font-medium">
          {t.columns.kind}
        </label>
        <select id="column-kind" name="kind" className={control} defaultValue="articles">
          {COLUMN_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t.kinds[kind]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={pending} className="bg-party min-h-10 rounded-lg px-5 text-white disabled:opacity-60">
        {pending ? t.saving : t.addButton}
      </button>
      <p id="column-slug-hint" className="text-sm text-stone-600 sm:col-span-4">
        {t.slugHint}
      </p>
      <div className="sm:col-span-4">
        <Result state={state} />
      </div>
    </ActionForm>
  );
}

export function RenameColumnForm({ columnId, name }: { columnId: number; name: string }) {
  const [state, action, pending] = useActionState(renameColumnAction, idleState);
  const id = `rename-${columnId}`;
  return (
    <ActionForm action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="columnId" value={columnId} />
      <label htmlFor={id} className="sr-only">{`${t.rename}：${name}`}</label>
      <input id={id} name="name" required maxLength={20} defaultValue={name} className="h-9 w-32 rounded-md border border-stone-300 bg-white px-2" />
      <button type="submit" disabled={pending} className={small}>
        {t.rename}
      </button>
      {state.status !== 'idle' && (
        <div className="basis-full">
          <Result state={state} />
        </div>
      )}
    </ActionForm>
  );
}

function MoveButton({ columnId, name, direction, disabled }: { columnId: number; name: string; direction: 'up' | 'down'; disabled: boolean }) {
  const [state, action, pending] = useActionState(moveColumnAction, idleState);
  const label = direction === 'up' ? t.moveUp : t.moveDown;
  return (
    <ActionForm action={action}>
      <input type="hidden" name="columnId" value={columnId} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" disabled={disabled || pending} className={small} aria-label={`${label}：${name}`}>
        {label}
      </button>
      {state.status !== 'idle' && state.status !== 'success' && <Result state={state} />}
    </ActionForm>
  );
}

export function ColumnRowActions({ columnId, name, first, last, items }: { columnId: number; name: string; first: boolean; last: boolean; items: number }) {
  const [state, action, pending] = useActionState(deleteColumnAction, idleState);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <MoveButton columnId={columnId} name={name} direction="up" disabled={first} />
      <MoveButton columnId={columnId} name={name} direction="down" disabled={last} />
      {items === 0 && (
        <ActionForm action={action}>
          <input type="hidden" name="columnId" value={columnId} />
          <button type="submit" disabled={pending} className={`${small} text-party`} aria-label={`${t.remove}：${name}`}>
            {t.remove}
          </button>
        </ActionForm>
      )}
      {state.status !== 'idle' && <Result state={state} />}
    </div>
  );
}
