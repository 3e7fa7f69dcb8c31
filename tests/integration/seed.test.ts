import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { queryRows } from '@/db/rows';
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
});
