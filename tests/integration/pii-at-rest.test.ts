import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { jobs } from '@/db/schema';
import { generateDemoCounty } from '@/db/seed/demo-county';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { findIdNumbersInClear } from '../support/pii-scan';

const seededIdNumbers = generateDemoCounty().members.map((member) => member.idNumber);

beforeAll(async () => {
  await seedDemoCounty(getDb());
}, 120_000);

describe('ID numbers at rest', () => {
  it('never appear in clear in any text, jsonb, array or bytea column', async () => {
    expect(await findIdNumbersInClear(getDb(), seededIdNumbers)).toEqual([]);
  });

  it('are found by the same scan when a row holds one in clear (control)', async () => {
    const leaked = seededIdNumbers[42];
    await getDb().insert(jobs).values({ kind: 'control.leak', payload: { note: `身份证 ${leaked}` } });
    await getDb().execute(sql`UPDATE members SET occupation = ${leaked.slice(0, 17) + leaked[17].toLowerCase()} WHERE ctid = (SELECT ctid FROM members LIMIT 1)`);
    const hits = await findIdNumbersInClear(getDb(), seededIdNumbers);
    expect(hits).toEqual(
      expect.arrayContaining([
        { table: 'jobs', column: 'payload', idNumber: leaked },
        { table: 'members', column: 'occupation', idNumber: leaked.slice(0, 17) + leaked[17].toLowerCase() },
      ]),
    );
  });
});
