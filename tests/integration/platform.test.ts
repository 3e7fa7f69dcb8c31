import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { queryRows } from '@/db/rows';
import { members } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { inViewerScope } from '@/lib/auth/scope';
import { resetEnvCache } from '@/lib/config/env';
import { resetSecretsCache } from '@/lib/config/secrets';
import { getCountyOverview, isCommitteeStrictlyAbove, listOrgTree } from '@/lib/orgs/queries';
import { StartupRefused, verifyKeyFingerprints } from '@/lib/platform/startup';
import { beijingDay, beijingMonth, beijingQuarter } from '@/lib/time/beijing';
import { adminOf } from '../support/viewers';

type OrgRow = { id: number; path: string; type: string; parent_id: number | null; name: string };
let all: OrgRow[];


beforeAll(async () => {
  // As at a real start: keys are fingerprinted before anything is encrypted.
  await verifyKeyFingerprints(getDb());
  await seedDemoCounty(getDb(), { memberCount: 1500 });
  all = await queryRows<OrgRow>(getDb(), sql`SELECT id, path::text AS path, type::text AS type, parent_id, name FROM orgs ORDER BY id`);
}, 120_000);

describe('org subtree scoping', () => {
  it('lets a committee admin see exactly the members of its own subtree', async () => {
    const committee = all.find((org) => org.type === 'party_committee' && org.parent_id !== null)!;
    const viewer = adminOf(committee);
    const visible = await getDb().select({ orgId: members.orgId }).from(members).where(inViewerScope(members.orgId, viewer));
    const subtreeIds = new Set(all.filter((org) => org.path === committee.path || org.path.startsWith(`${committee.path}.`)).map((org) => org.id));
    const [{ total }] = await queryRows<{ total: number }>(getDb(), sql`SELECT count(*)::int AS total FROM members`);
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.length).toBeLessThan(total);
    expect(visible.every((row) => subtreeIds.has(row.orgId))).toBe(true);
    const [{ inside }] = await queryRows<{ inside: number }>(
      getDb(),
      sql`SELECT count(*)::int AS inside FROM members WHERE org_id = ANY(${sql.param([...subtreeIds])}::int[])`,
    );
    expect(visible.length).toBe(inside);
  });

  it('shows the county admin the whole tree and a branch admin only its branch and groups', async () => {
    const root = all.find((org) => org.parent_id === null)!;
    expect((await listOrgTree(getDb(), { viewer: adminOf(root) })).length).toBe(all.length);
    const branch = all.find((org) => org.type === 'branch' && all.some((child) => child.parent_id === org.id))!;
    const tree = await listOrgTree(getDb(), { viewer: adminOf(branch) });
    expect(tree.map((node) => node.id).sort()).toEqual(
      all.filter((org) => org.id === branch.id || org.parent_id === branch.id).map((org) => org.id).sort(),
    );
  });

  it('answers whether a 党委 is strictly above an org', async () => {
    const root = all.find((org) => org.parent_id === null)!;
    const committee = all.find((org) => org.type === 'party_committee' && org.parent_id === root.id)!;
    const branch = all.find((org) => org.path.startsWith(`${committee.path}.`) && org.type === 'branch')!;
    const otherCommittee = all.find((org) => ['party_committee', 'working_committee'].includes(org.type) && org.parent_id === root.id && org.id !== committee.id)!;
    expect(await isCommitteeStrictlyAbove(getDb(), committee.id, branch.id)).toBe(true);
    expect(await isCommitteeStrictlyAbove(getDb(), root.id, branch.id)).toBe(true);
    expect(await isCommitteeStrictlyAbove(getDb(), committee.id, committee.id)).toBe(false);
    expect(await isCommitteeStrictlyAbove(getDb(), otherCommittee.id, branch.id)).toBe(false);
    expect(await isCommitteeStrictlyAbove(getDb(), branch.id, committee.id)).toBe(false);
    const group = all.find((org) => org.parent_id === branch.id && org.type === 'party_group');
    if (group) expect(await isCommitteeStrictlyAbove(getDb(), branch.id, group.id)).toBe(false); // a branch is no 党委
  });

  it('gives public figures for the home page', async () => {
    const overview = await getCountyOverview(getDb());
    expect(overview?.countyName).toBe('中共清源县委');
    expect(overview?.memberCount).toBe(1500);
    expect(overview?.orgCount).toBe(all.length);
  });

});

describe('Beijing calendar in SQL', () => {
  it('agrees with the TypeScript helper around day, month, quarter and year boundaries', async () => {
    const instants = [
      '2026-03-31T15:59:59Z',
      '2026-03-31T16:00:00Z',
      '2026-06-30T16:30:00Z',
      '2026-12-31T15:59:59.999Z',
      '2026-12-31T16:00:00Z',
      '2027-02-28T23:00:00Z',
    ];
    for (const instant of instants) {
      const [row] = await queryRows<{ day: string; month: string; quarter: string }>(
        getDb(),
        sql`SELECT bj_day(${instant}::timestamptz)::text AS day, bj_month(${instant}::timestamptz) AS month, bj_quarter(${instant}::timestamptz) AS quarter`,
      );
      const date = new Date(instant);
      expect(row).toEqual({ day: beijingDay(date), month: beijingMonth(date), quarter: beijingQuarter(date) });
    }
  });
});

describe('key fingerprints', () => {
  afterEach(() => {
    delete process.env.PII_KEY;
    delete process.env.HMAC_KEY;
    resetEnvCache();
    resetSecretsCache();
  });

  it('records the keys at first start and accepts the same keys again', async () => {
    await verifyKeyFingerprints(getDb());
    const [{ n }] = await queryRows<{ n: number }>(getDb(), sql`SELECT count(*)::int AS n FROM key_fingerprints`);
    expect(n).toBe(2);
  });

  it('refuses to start when the PII key differs from the one that encrypted the data', async () => {
    process.env.PII_KEY = randomBytes(32).toString('base64');
    resetEnvCache();
    resetSecretsCache();
    await expect(verifyKeyFingerprints(getDb())).rejects.toThrow(StartupRefused);
    await expect(verifyKeyFingerprints(getDb())).rejects.toThrow(/PII_KEY 与加密现有数据时使用的密钥不同/);
  });

  it('refuses to start when encrypted rows exist but no fingerprint was recorded', async () => {
    await getDb().execute(sql`DELETE FROM key_fingerprints`);
    await expect(verifyKeyFingerprints(getDb())).rejects.toThrow(/没有 PII_KEY 的指纹记录/);
  });
});
