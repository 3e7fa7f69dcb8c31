'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import { messages } from '@/lib/i18n/messages';
import { createColumn, deleteColumn, moveColumn, renameColumn } from './columns';
import { COLUMN_KINDS } from './content-kinds';

// 栏目管理: county admins pass the access rule; columns.ts lets only the one bound to the root of
// the tree (with the content capability) change the deployment's one list.

const e = messages.content.columnAdmin.errors;
const COUNTY = { tiers: ['county_admin'], capability: 'content' } as const;
// Paths the app itself serves under /learn: a column may not take their name.
const RESERVED_SLUGS = ['courses', 'new', 'edit', 'search'];

const columnId = z.coerce.number({ error: e.notFound }).int(e.notFound).positive(e.notFound);
const name = z.string({ error: e.name }).trim().min(1, e.name).max(20, e.name);

function after(state: ActionState): ActionState {
  if (state.status === 'success') {
    revalidatePath('/admin/content/columns');
    revalidatePath('/learn', 'layout');
  }
  return state;
}

const create = validatedAction(
  {
    schema: z.object({
      name,
      slug: z
        .string({ error: e.slug })
        .trim()
        .regex(/^[a-z][a-z0-9-]{1,39}$/, e.slug)
        .refine((slug) => !RESERVED_SLUGS.includes(slug), e.slugReserved),
      kind: z.enum(COLUMN_KINDS, { error: e.kind }),
    }),
    access: COUNTY,
    action: 'content_column.create',
  },
  async (input, { viewer, ip }) => after(await createColumn(getDb(), { viewer, ip }, input)),
);
export async function createColumnAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  return create(previous, formData);
}

const rename = validatedAction({ schema: z.object({ columnId, name }), access: COUNTY, action: 'content_column.rename' }, async (input, { viewer, ip }) =>
  after(await renameColumn(getDb(), { viewer, ip }, input)),
);
export async function renameColumnAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  return rename(previous, formData);
}

const move = validatedAction(
  { schema: z.object({ columnId, direction: z.enum(['up', 'down'], { error: e.cannotMove }) }), access: COUNTY, action: 'content_column.reorder' },
  async (input, { viewer, ip }) => after(await moveColumn(getDb(), { viewer, ip }, input)),
);
export async function moveColumnAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  return move(previous, formData);
}

const remove = validatedAction({ schema: z.object({ columnId }), access: COUNTY, action: 'content_column.delete' }, async (input, { viewer, ip }) =>
  after(await deleteColumn(getDb(), { viewer, ip }, input)),
);
export async function deleteColumnAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  return remove(previous, formData);
}
