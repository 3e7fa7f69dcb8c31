'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/actions/action-state';
import { validatedAction } from '@/lib/actions/validated-action';
import * as mutations from './mutations';
import { createSkillSchema, moveSkillSchema, renameSkillSchema, setSkillActiveSchema } from './schemas';

// The county's skills dictionary. Every county admin passes the access rule; the bodies in
// mutations.ts let only the one bound to the root of the tree change the shared dictionary.
const COUNTY = { tiers: ['county_admin'], capability: 'archive' } as const;

function after(result: ActionState): ActionState {
  if (result.status === 'success') revalidatePath('/admin/skills');
  return result;
}

const create = validatedAction({ schema: createSkillSchema, access: COUNTY, action: 'skill.create' }, async (input, { viewer, ip }) =>
  after(await mutations.createSkill({ viewer: viewer!, ip }, input)),
);
export async function createSkill(previous: ActionState, formData: FormData): Promise<ActionState> {
  return create(previous, formData);
}

const rename = validatedAction({ schema: renameSkillSchema, access: COUNTY, action: 'skill.rename' }, async (input, { viewer, ip }) =>
  after(await mutations.renameSkill({ viewer: viewer!, ip }, input)),
);
export async function renameSkill(previous: ActionState, formData: FormData): Promise<ActionState> {
  return rename(previous, formData);
}

const setActive = validatedAction({ schema: setSkillActiveSchema, access: COUNTY, action: 'skill.set_active' }, async (input, { viewer, ip }) =>
  after(await mutations.setSkillActive({ viewer: viewer!, ip }, input)),
);
export async function setSkillActive(previous: ActionState, formData: FormData): Promise<ActionState> {
  return setActive(previous, formData);
}

const move = validatedAction({ schema: moveSkillSchema, access: COUNTY, action: 'skill.reorder' }, async (input, { viewer, ip }) =>
  after(await mutations.moveSkill({ viewer: viewer!, ip }, input)),
);
export async function moveSkill(previous: ActionState, formData: FormData): Promise<ActionState> {
  return move(previous, formData);
}
