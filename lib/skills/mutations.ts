import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { queryRows } from '@/db/rows';
import { skills } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { appendAudit } from '@/lib/audit/audit';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { inDisplayOrder, mayManageSkills } from './queries';
import type { CreateSkillInput, MoveSkillInput, RenameSkillInput, SetSkillActiveInput } from './schemas';
import { violatedUniqueConstraint } from '@/db/errors';

// The skills dictionary's writes: the body of each action in actions.ts, kept apart so the data
// layer can be tested without a request. Each re-checks who is asking (the action's access rule
// lets in every county admin; the dictionary is only the root county admin's), writes in one
// transaction and appends its audit row in that transaction.

export type SkillActor = { viewer: Viewer; ip: string };

const t = messages.skills;
const refuse = (): ActionState => ({ status: 'forbidden', message: t.errors.countyOnly });
const invalid = (field: string, message: string): ActionState => ({ status: 'invalid', message, fieldErrors: { [field]: [message] } });
const notFound = (): ActionState => ({ status: 'failed', message: t.errors.notFound });

function audit(tx: Executor, { viewer, ip }: SkillActor, action: string, skillId: number, detail: Record<string, unknown>) {
  return appendAudit(tx, {
    actor: { userId: viewer.userId, tier: viewer.tier },
    action,
    entityType: 'skill',
    entityId: String(skillId),
    orgId: viewer.orgId,
    ip,
    outcome: 'success',
    detail,
  });
}

async function nameTaken(tx: Executor, name: string): Promise<boolean> {
  const [row] = await tx.select({ id: skills.id }).from(skills).where(eq(skills.name, name)).limit(1);
  return row !== undefined;
}

export async function createSkill(actor: SkillActor, input: CreateSkillInput): Promise<ActionState> {
  if (!mayManageSkills(actor.viewer)) return refuse();
  try {
    return await getDb().transaction(async (tx) => {
      if (await nameTaken(tx, input.name)) return invalid('name', t.errors.duplicate);
      const [{ last }] = await queryRows<{ last: number }>(tx, sql`SELECT coalesce(max(sort_order), 0)::int AS last FROM skills`);
      const [created] = await tx.insert(skills).values({ name: input.name, category: input.category, sortOrder: Number(last) + 10 }).returning();
      await audit(tx, actor, 'skill.create', created.id, { after: { name: created.name, category: created.category } });
      return { status: 'success', message: t.created(created.name) } satisfies ActionState;
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) !== null) return invalid('name', t.errors.duplicate);
    throw error;
  }
}

/** Renames a skill, and the skill in every member's list, in one transaction. */
export async function renameSkill(actor: SkillActor, input: RenameSkillInput): Promise<ActionState> {
  if (!mayManageSkills(actor.viewer)) return refuse();
  try {
    return await getDb().transaction(async (tx) => {
      const [skill] = await tx.select().from(skills).where(eq(skills.id, input.skillId)).for('update');
      if (!skill) return notFound();
      if (skill.name === input.name) return invalid('name', t.errors.sameName);
      if (await nameTaken(tx, input.name)) return invalid('name', t.errors.duplicate);
      await tx.update(skills).set({ name: input.name }).where(eq(skills.id, skill.id));
      // A member who somehow already lists the new name keeps it once.
      const [{ updated }] = await queryRows<{ updated: number }>(
        tx,
        sql`WITH changed AS (
              UPDATE members SET skills = array_replace(array_remove(skills, ${input.name}::text), ${skill.name}::text, ${input.name}::text), updated_at = now()
              WHERE skills @> ARRAY[${skill.name}]::text[]
              RETURNING 1)
            SELECT count(*)::int AS updated FROM changed`,
      );
      await audit(tx, actor, 'skill.rename', skill.id, { before: { name: skill.name }, after: { name: input.name }, membersUpdated: Number(updated) });
      return { status: 'success', message: t.renamed(Number(updated)) } satisfies ActionState;
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) !== null) return invalid('name', t.errors.duplicate);
    throw error;
  }
}

export async function setSkillActive(actor: SkillActor, input: SetSkillActiveInput): Promise<ActionState> {
  if (!mayManageSkills(actor.viewer)) return refuse();
  const active = input.active === 'true';
  return getDb().transaction(async (tx) => {
    const [skill] = await tx.update(skills).set({ active }).where(eq(skills.id, input.skillId)).returning();
    if (!skill) return notFound();
    await audit(tx, actor, 'skill.set_active', skill.id, { name: skill.name, active });
    return { status: 'success', message: active ? t.activated : t.deactivated } satisfies ActionState;
  });
}

/** Moves a skill one place up or down within its category; the whole list is renumbered. */
export async function moveSkill(actor: SkillActor, input: MoveSkillInput): Promise<ActionState> {
  if (!mayManageSkills(actor.viewer)) return refuse();
  return getDb().transaction(async (tx) => {
    const rows = inDisplayOrder(await tx.select().from(skills).orderBy(asc(skills.sortOrder), asc(skills.id)).for('update'));
    const index = rows.findIndex((row) => row.id === input.skillId);
    if (index < 0) return notFound();
    const neighbour = index + (input.direction === 'up' ? -1 : 1);
    if (neighbour < 0 || neighbour >= rows.length || rows[neighbour].category !== rows[index].category) {
      return { status: 'failed', message: input.direction === 'up' ? t.errors.first : t.errors.last } satisfies ActionState;
    }
    [rows[index], rows[neighbour]] = [rows[neighbour], rows[index]];
    await tx.execute(sql`
      UPDATE skills SET sort_order = input.sort_order
      FROM unnest(${sql.param(rows.map((row) => row.id))}::int[], ${sql.param(rows.map((_, i) => (i + 1) * 10))}::int[]) AS input(id, sort_order)
      WHERE skills.id = input.id`);
    await audit(tx, actor, 'skill.reorder', input.skillId, { name: rows[neighbour].name, direction: input.direction });
    return { status: 'success', message: t.moved } satisfies ActionState;
  });
}
