import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { queryRows } from '@/db/rows';
import { DEMO_SKILLS } from '@/db/seed/demo-archive';
import { DEMO_DEFAULT_TODAY } from '@/db/seed/demo-county';
import { seedDemoCounty, type SeedResult } from '@/db/seed/seed-demo';
import { decryptPii } from '@/lib/security/pii';
import { parseIdNumber } from '@/lib/members/id-number';

let first: SeedResult;

beforeAll(async () => {
  first = await seedDemoCounty(getDb());
}, 120_000);

describe('demo county seed', () => {
  it('loads a realistic county once', async () => {
    expect(first.seeded).toBe(true);
    const [counts] = await queryRows<{ members: number; outflow: number; branches: number; committees: number; hosts: number; temporary: number; groups: number }>(
      getDb(),
      sql`SELECT
            (SELECT count(*)::int FROM members) AS members,
            (SELECT count(*)::int FROM members WHERE status = 'outflow') AS outflow,
            (SELECT count(*)::int FROM orgs WHERE type IN ('branch', 'joint_branch')) AS branches,
            (SELECT count(*)::int FROM orgs WHERE type IN ('party_committee', 'working_committee') AND parent_id IS NOT NULL) AS committees,
            (SELECT count(*)::int FROM orgs WHERE type = 'host') AS hosts,
            (SELECT count(*)::int FROM orgs WHERE type = 'temporary_branch') AS temporary,
            (SELECT count(*)::int FROM orgs WHERE type = 'party_group') AS groups`,
    );
    expect(counts.members).toBe(5000);
    expect(counts.outflow).toBeGreaterThan(1900);
    expect(counts.outflow).toBeLessThan(2500);
    expect(counts.branches).toBeGreaterThanOrEqual(28);
    expect(counts.committees).toBe(3);
    expect(counts.hosts).toBeGreaterThanOrEqual(4);
    expect(counts.temporary).toBe(1);
    expect(counts.groups).toBeGreaterThan(10);
  });

  it('enrols five members away in Shenzhen into the 临时党支部, one as 书记, their membership kept at home', async () => {
    const rows = await queryRows<{ role: string; region: string; home_type: string; category: string }>(
      getDb(),
      sql`SELECT t.role::text AS role, e.region_code AS region, home.type::text AS home_type, m.category::text AS category
          FROM temporary_branch_members t
          JOIN orgs o ON o.id = t.org_id AND o.type = 'temporary_branch'
          JOIN members m ON m.id = t.member_id
          JOIN orgs home ON home.id = m.org_id
          JOIN outflow_episodes e ON e.member_id = m.id AND e.ended_on IS NULL
          WHERE t.left_on IS NULL`,
    );
    expect(rows).toHaveLength(5);
    expect(rows.filter((row) => row.role === 'secretary')).toHaveLength(1);
    for (const row of rows) {
      expect(row.region.startsWith('4403')).toBe(true);
      expect(['branch', 'joint_branch']).toContain(row.home_type);
      expect(row.category).toBe('full');
    }
  });

  it('has every member away at a host of the county accepted there (报到), placed in the host', async () => {
    const [check] = await queryRows<{ hosted: number; accepted: number; mismatched: number }>(
      getDb(),
      sql`SELECT
            (SELECT count(*)::int FROM outflow_episodes e JOIN orgs o ON o.id = e.host_org_id AND o.type = 'host' WHERE e.ended_on IS NULL) AS hosted,
            (SELECT count(*)::int FROM host_registrations WHERE status = 'accepted') AS accepted,
            (SELECT count(*)::int FROM host_registrations r JOIN outflow_episodes e ON e.id = r.episode_id
               WHERE r.placed_org_id IS DISTINCT FROM e.host_org_id OR r.reported_on < e.started_on) AS mismatched`,
    );
    expect(check.hosted).toBeGreaterThan(100);
    expect(check.accepted).toBe(check.hosted);
    expect(check.mismatched).toBe(0);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const again = await seedDemoCounty(getDb());
    expect(again.seeded).toBe(false);
    const [{ members }] = await queryRows<{ members: number }>(getDb(), sql`SELECT count(*)::int AS members FROM members`);
    expect(members).toBe(5000);
  });

  it('gives every outflow member one open episode and every path its parent chain', async () => {
    const [check] = await queryRows<{ outflow_without_episode: number; bad_paths: number }>(
      getDb(),
      sql`SELECT
            (SELECT count(*)::int FROM members m WHERE m.status = 'outflow'
               AND NOT EXISTS (SELECT 1 FROM outflow_episodes e WHERE e.member_id = m.id AND e.ended_on IS NULL)) AS outflow_without_episode,
            (SELECT count(*)::int FROM orgs c JOIN orgs p ON p.id = c.parent_id
               WHERE c.path <> p.path || c.id::text::ltree) AS bad_paths`,
    );
    expect(check).toEqual({ outflow_without_episode: 0, bad_paths: 0 });
  });

  it('stores ID numbers encrypted and masked, readable only with the key', async () => {
    const [row] = await getDb().execute(sql`SELECT 1`).then(() =>
      queryRows<{ cipher: Uint8Array; masked: string; birth_date: string; gender: string }>(
        getDb(),
        sql`SELECT id_number_cipher AS cipher, id_number_masked AS masked, birth_date::text AS birth_date, gender::text AS gender
            FROM members ORDER BY name LIMIT 1`,
      ),
    );
    const plain = decryptPii(new Uint8Array(row.cipher), 'member.id_number');
    const parsed = parseIdNumber(plain);
    expect(parsed.ok).toBe(true);
    expect(row.masked).toBe(`${plain.slice(0, 6)}********${plain.slice(-4)}`);
    if (parsed.ok) {
      expect(row.birth_date).toBe(parsed.id.birthDate);
      expect(row.gender).toBe(parsed.id.gender);
    }
  });

  it('finds a two-character name through the bigram column', async () => {
    const [{ name }] = await queryRows<{ name: string }>(
      getDb(),
      sql`SELECT name FROM members WHERE char_length(name) = 2 ORDER BY name LIMIT 1`,
    );
    const found = await queryRows<{ name: string }>(
      getDb(),
      sql`SELECT name FROM members WHERE name_bigrams @> ARRAY[${name}]::text[]`,
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((row) => row.name.includes(name))).toBe(true);
  });

  it('loads the archive: a skills dictionary holding every member skill, 预备党员, 联系人, contacts and reports', async () => {
    const anchor = DEMO_DEFAULT_TODAY.slice(0, 10);
    const year = Number(anchor.slice(0, 4));
    const [archive] = await queryRows<{
      skills: number;
      unknown_skills: number;
      members: number;
      outflow: number;
      probationary: number;
      ending_soon: number;
      without_ethnicity: number;
      without_dues: number;
      outflow_with_person: number;
      bad_persons: number;
      contacts: number;
      stale_last_contact: number;
      outflow_reported: number;
    }>(
      getDb(),
      sql`SELECT
            (SELECT count(*)::int FROM skills) AS skills,
            (SELECT count(*)::int FROM members, unnest(skills) AS s(name) WHERE s.name NOT IN (SELECT name FROM skills)) AS unknown_skills,
            (SELECT count(*)::int FROM members) AS members,
            (SELECT count(*)::int FROM members WHERE status = 'outflow') AS outflow,
            (SELECT count(*)::int FROM members WHERE category = 'probationary' AND probation_ends_on IS NOT NULL AND full_member_on IS NULL) AS probationary,
            (SELECT count(*)::int FROM members WHERE category = 'probationary'
               AND probation_ends_on BETWEEN ${anchor}::date AND ${anchor}::date + 30) AS ending_soon,
            (SELECT count(*)::int FROM members WHERE ethnicity IS NULL) AS without_ethnicity,
            (SELECT count(*)::int FROM members WHERE dues_category IS NULL) AS without_dues,
            (SELECT count(*)::int FROM members WHERE status = 'outflow' AND contact_person_id IS NOT NULL) AS outflow_with_person,
            (SELECT count(*)::int FROM members m JOIN members p ON p.id = m.contact_person_id
               WHERE p.org_id <> m.org_id OR p.status <> 'registered') AS bad_persons,
            (SELECT count(*)::int FROM member_contacts) AS contacts,
            (SELECT count(*)::int FROM members m
               WHERE m.last_contact_on IS DISTINCT FROM (SELECT max(c.contacted_on) FROM member_contacts c WHERE c.member_id = m.id)) AS stale_last_contact,
            (SELECT count(DISTINCT r.member_id)::int FROM situation_reports r JOIN members m ON m.id = r.member_id
               WHERE r.year = ${year} AND m.status = 'outflow') AS outflow_reported`,
    );
    expect(archive.skills).toBe(DEMO_SKILLS.length);
    expect(archive.unknown_skills).toBe(0);
    expect(archive.probationary / archive.members).toBeGreaterThan(0.02);
    expect(archive.probationary / archive.members).toBeLessThan(0.05);
    expect(archive.ending_soon).toBeGreaterThanOrEqual(5);
    expect(archive.without_ethnicity).toBe(0);
    expect(archive.without_dues).toBe(0);
    expect(archive.outflow_with_person / archive.outflow).toBeGreaterThan(0.85);
    expect(archive.bad_persons).toBe(0);
    expect(archive.contacts).toBeGreaterThan(archive.members);
    expect(archive.stale_last_contact).toBe(0);
    expect(archive.outflow_reported / archive.outflow).toBeGreaterThan(0.7);
  });
});
