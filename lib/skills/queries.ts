import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { queryRows } from '@/db/rows';
import { skills } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';

export type SkillRow = { id: number; name: string; category: string; active: boolean; sortOrder: number; members: number };

/**
 * The dictionary is one list for the whole deployment (skills carry no org), so it is kept by
 * a county admin bound to the root of the tree, never by an admin of one part of it.
 */
export function mayManageSkills(viewer: Pick<Viewer, 'tier' | 'capabilities' | 'scopePath'>): boolean {
  return viewer.tier === 'county_admin' && viewer.capabilities.includes('archive') && !viewer.scopePath.includes('.');
}

/** Skills in display order: categories in the order of their first skill, then by sort order. */
export function inDisplayOrder<T extends { category: string; sortOrder: number; id: number }>(rows: readonly T[]): T[] {
  const sorted = [...rows].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const rank = new Map<string, number>();
  for (const row of sorted) if (!rank.has(row.category)) rank.set(row.category, rank.size);
  return sorted.sort((a, b) => rank.get(a.category)! - rank.get(b.category)! || a.sortOrder - b.sortOrder || a.id - b.id);
}

/** The whole dictionary with how many members hold each skill, for the county's admin page. */
export async function listSkillsForAdmin(viewer: Viewer): Promise<SkillRow[]> {
  if (!mayManageSkills(viewer)) throw new Error('the skills dictionary is the county’s');
  const db = getDb();
  const [rows, holders] = await Promise.all([
    db.select().from(skills),
    // One pass over the members rather than one index probe per skill.
    queryRows<{ name: string; members: number }>(db, sql`SELECT s.name, count(*)::int AS members FROM members, unnest(members.skills) AS s(name) GROUP BY s.name`),
  ]);
  const counts = new Map(holders.map((row) => [row.name, Number(row.members)]));
  return inDisplayOrder(rows).map((row) => ({ id: row.id, name: row.name, category: row.category, active: row.active, sortOrder: row.sortOrder, members: counts.get(row.name) ?? 0 }));
}

/** The skills members may pick, in display order (for member and admin skill pickers). */
export async function listActiveSkills(_viewer: Viewer): Promise<{ name: string; category: string }[]> {
  const rows = await getDb().select().from(skills).where(eq(skills.active, true)).orderBy(asc(skills.sortOrder), asc(skills.id));
  return inDisplayOrder(rows).map((row) => ({ name: row.name, category: row.category }));
}
