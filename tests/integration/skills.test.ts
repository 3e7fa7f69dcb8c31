import { asc, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { queryRows } from '@/db/rows';
import { members, orgs, skills } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { settleAuditWrites, verifyAuditChain } from '@/lib/audit/audit';
import type { Viewer } from '@/lib/auth/viewer';
import { createSkill, moveSkill, renameSkill, setSkillActive, type SkillActor } from '@/lib/skills/mutations';
import { listSkillsForAdmin } from '@/lib/skills/queries';
import { createSkillSchema, moveSkillSchema, renameSkillSchema, setSkillActiveSchema } from '@/lib/skills/schemas';

let county: SkillActor;
let committee: SkillActor;
/** A county admin bound below the root (a county inside a province deployment). */
let subCounty: SkillActor;

const viewer = (tier: Viewer['tier'], org: { id: number; path: string }, capabilities: Viewer['capabilities'] = ['archive']): Viewer => ({
  userId: '00000000-0000-4000-8000-000000000001',
  tier,
  orgId: org.id,
  scopePath: org.path,
  capabilities,
});

async function dictionary() {
  return getDb().select().from(skills).orderBy(asc(skills.sortOrder), asc(skills.id));
}

async function holders(name: string): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(getDb(), sql`SELECT count(*)::int AS n FROM members WHERE skills @> ARRAY[${name}]::text[]`);
  return Number(n);
}

async function auditRows(action: string) {
  await settleAuditWrites();
  return queryRows<{ outcome: string; entity_id: string; detail: string }>(
    getDb(),
    sql`SELECT outcome::text AS outcome, entity_id, detail::text AS detail FROM audit_log WHERE action = ${action} ORDER BY id`,
  );
}

const skillId = async (name: string) => (await dictionary()).find((skill) => skill.name === name)!.id;

beforeAll(async () => {
  const db = getDb();
  await seedDemoCounty(db, { memberCount: 300 });
  const [root] = await db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(isNull(orgs.parentId));
  const [c1] = await db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(eq(orgs.parentId, root.id)).orderBy(asc(orgs.id)).limit(1);
  county = { viewer: viewer('county_admin', root), ip: '198.51.100.7' };
  committee = { viewer: viewer('org_admin', c1), ip: '198.51.100.8' };
  subCounty = { viewer: viewer('county_admin', c1), ip: '198.51.100.9' };
}, 120_000);

describe('skills dictionary', () => {
  it('lists the seeded dictionary in categories with how many members hold each skill', async () => {
    const rows = await listSkillsForAdmin(county.viewer);
    expect(rows.length).toBeGreaterThan(30);
    const driving = rows.find((row) => row.name === '驾驶')!;
    expect(driving.members).toBe(await holders('驾驶'));
    expect(driving.members).toBeGreaterThan(0);
    // Categories stay together.
    const categories = rows.map((row) => row.category).filter((category, i, all) => category !== all[i - 1]);
    expect(new Set(categories).size).toBe(categories.length);
  });

  it('adds a skill at the end, audited, and refuses a second with the same name', async () => {
    const result = await createSkill(county, { name: '无人机操作', category: '新兴技能' });
    expect(result).toEqual({ status: 'success', message: '已新增技能：无人机操作' });
    const rows = await dictionary();
    expect(rows.at(-1)).toMatchObject({ name: '无人机操作', category: '新兴技能', active: true });
    const [row] = await auditRows('skill.create');
    expect(row.outcome).toBe('success');
    expect(JSON.parse(row.detail)).toEqual({ after: { name: '无人机操作', category: '新兴技能' } });

    const again = await createSkill(county, { name: '无人机操作', category: '其他' });
    expect(again).toMatchObject({ status: 'invalid', fieldErrors: { name: ['已有同名技能。'] } });
    expect((await dictionary()).length).toBe(rows.length);
  });

  it('renames a skill and every member’s copy of it in the same transaction', async () => {
    const before = await holders('电工');
    expect(before).toBeGreaterThan(0);
    // One member already lists the new name by hand: they keep it once.
    const [someone] = await getDb().select({ id: members.id, skills: members.skills }).from(members).where(sql`${members.skills} @> ARRAY['电工']::text[]`).limit(1);
    await getDb().update(members).set({ skills: [...someone.skills, '电工（持证）'] }).where(eq(members.id, someone.id));

    const result = await renameSkill(county, { skillId: await skillId('电工'), name: '电工（持证）' });
    expect(result).toEqual({ status: 'success', message: `已更名，${before} 名党员档案中的这项技能已同步更新。` });
    expect(await holders('电工')).toBe(0);
    expect(await holders('电工（持证）')).toBe(before);
    const [renamed] = await getDb().select({ skills: members.skills }).from(members).where(eq(members.id, someone.id));
    expect(renamed.skills.filter((skill) => skill === '电工（持证）')).toHaveLength(1);
    expect((await dictionary()).some((skill) => skill.name === '电工')).toBe(false);
    const [row] = await auditRows('skill.rename');
    expect(JSON.parse(row.detail)).toEqual({ before: { name: '电工' }, after: { name: '电工（持证）' }, membersUpdated: before });
  });

  it('refuses renaming onto another skill’s name, to the same name, or a skill that does not exist, changing nothing', async () => {
    const welders = await holders('焊工');
    expect(await renameSkill(county, { skillId: await skillId('焊工'), name: '驾驶' })).toMatchObject({ status: 'invalid', fieldErrors: { name: ['已有同名技能。'] } });
    expect(await renameSkill(county, { skillId: await skillId('焊工'), name: '焊工' })).toMatchObject({ status: 'invalid', fieldErrors: { name: ['新名称与原名称相同。'] } });
    expect(await renameSkill(county, { skillId: 999_999, name: '钳工' })).toEqual({ status: 'failed', message: '该技能不存在，可能已被他人删除。' });
    expect(await holders('焊工')).toBe(welders);
    expect((await dictionary()).some((skill) => skill.name === '钳工')).toBe(false);
  });

  it('deactivates and activates a skill, keeping it on members who hold it', async () => {
    const id = await skillId('缝纫');
    const sewing = await holders('缝纫');
    expect(await setSkillActive(county, { skillId: id, active: 'false' })).toEqual({ status: 'success', message: '已停用，党员不能再选择这项技能。' });
    expect((await dictionary()).find((skill) => skill.id === id)?.active).toBe(false);
    expect(await holders('缝纫')).toBe(sewing);
    expect(await setSkillActive(county, { skillId: id, active: 'true' })).toEqual({ status: 'success', message: '已启用。' });
    expect((await dictionary()).find((skill) => skill.id === id)?.active).toBe(true);
    expect((await auditRows('skill.set_active')).map((row) => JSON.parse(row.detail).active)).toEqual([false, true]);
  });

  it('moves a skill within its category and no further', async () => {
    const inCategory = async () => (await listSkillsForAdmin(county.viewer)).filter((row) => row.category === '交通运输').map((row) => row.name);
    const start = await inCategory();
    expect(await moveSkill(county, { skillId: await skillId(start[1]), direction: 'up' })).toEqual({ status: 'success', message: '已调整顺序。' });
    expect(await inCategory()).toEqual([start[1], start[0], ...start.slice(2)]);
    expect(await moveSkill(county, { skillId: await skillId(start[1]), direction: 'up' })).toEqual({ status: 'failed', message: '已经排在本类最前。' });
    const last = start.at(-1)!;
    expect(await moveSkill(county, { skillId: await skillId(last), direction: 'down' })).toEqual({ status: 'failed', message: '已经排在本类最后。' });
    // Other categories keep their places.
    const categories = (await listSkillsForAdmin(county.viewer)).map((row) => row.category).filter((c, i, all) => c !== all[i - 1]);
    expect(categories[0]).toBe('建筑施工');
  });

  it('refuses every change from an admin who is not the root county admin, changing nothing', async () => {
    const before = await dictionary();
    for (const actor of [committee, subCounty, { ...county, viewer: { ...county.viewer, capabilities: ['accounts'] as Viewer['capabilities'] } }]) {
      const refused = { status: 'forbidden', message: '技能字典由县委组织部统一管理。' };
      expect(await createSkill(actor, { name: '钳工', category: '制造维修' })).toEqual(refused);
      expect(await renameSkill(actor, { skillId: before[0].id, name: '钳工' })).toEqual(refused);
      expect(await setSkillActive(actor, { skillId: before[0].id, active: 'false' })).toEqual(refused);
      expect(await moveSkill(actor, { skillId: before[1].id, direction: 'up' })).toEqual(refused);
    }
    expect(await dictionary()).toEqual(before);
    await expect(listSkillsForAdmin(committee.viewer)).rejects.toThrow();
  });

  it('refuses malformed input with a clear message', () => {
    const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;
    const nameRule = '技能名称为1至30个字，不含顿号、逗号、分号、竖线等分隔符。';
    expect(messageOf(createSkillSchema.safeParse({ name: '电工、焊工', category: '建筑施工' }))).toBe(nameRule);
    expect(messageOf(createSkillSchema.safeParse({ name: '  ', category: '建筑施工' }))).toBe(nameRule);
    expect(messageOf(createSkillSchema.safeParse({ name: '一'.repeat(31), category: '建筑施工' }))).toBe(nameRule);
    expect(messageOf(createSkillSchema.safeParse({ name: '钳工|车工', category: '建筑施工' }))).toBe(nameRule);
    expect(messageOf(createSkillSchema.safeParse({ name: '钳工' }))).toBe('类别为1至30个字，不含分隔符。');
    expect(createSkillSchema.parse({ name: ' 钳工 ', category: '制造维修' })).toEqual({ name: '钳工', category: '制造维修' });
    expect(renameSkillSchema.safeParse({ skillId: 'abc', name: '钳工' }).success).toBe(false);
    expect(renameSkillSchema.safeParse({ skillId: '-3', name: '钳工' }).success).toBe(false);
    expect(setSkillActiveSchema.safeParse({ skillId: '1', active: 'maybe' }).success).toBe(false);
    expect(moveSkillSchema.safeParse({ skillId: '1', direction: 'left' }).success).toBe(false);
  });

  it('leaves the audit chain intact', async () => {
    await settleAuditWrites();
    expect((await verifyAuditChain(getDb())).ok).toBe(true);
  });
});
