import { z } from 'zod';
import { messages } from '@/lib/i18n/messages';

// What the skill actions accept. A name never holds the separators members' skill lists are
// split on (lib/members/field-values.ts) nor the '|' the bulk loader joins them with.
const t = messages.skills.errors;
const SEPARATORS = /[、,，;；|\s]/;

const label = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(30, message)
    .refine((text) => !SEPARATORS.test(text), message);

export const skillName = label(t.name);
const skillId = z.coerce.number({ error: messages.actions.invalid }).int().positive().max(2_147_483_647);

export const createSkillSchema = z.object({ name: skillName, category: label(t.category) });
export const renameSkillSchema = z.object({ skillId, name: skillName });
export const setSkillActiveSchema = z.object({ skillId, active: z.enum(['true', 'false'], { error: messages.actions.invalid }) });
export const moveSkillSchema = z.object({ skillId, direction: z.enum(['up', 'down'], { error: messages.actions.invalid }) });

export type CreateSkillInput = z.output<typeof createSkillSchema>;
export type RenameSkillInput = z.output<typeof renameSkillSchema>;
export type SetSkillActiveInput = z.output<typeof setSkillActiveSchema>;
export type MoveSkillInput = z.output<typeof moveSkillSchema>;
