import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restorePglite, restorePostgres } from '@/db/backup';
import { connection, getDb } from '@/db/client';
import { queryRows } from '@/db/rows';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { decryptPii } from '@/lib/security/pii';
import { parseIdNumber } from '@/lib/members/id-number';

type Restored = { members: number; names: string[]; cipher: Uint8Array };

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-backup-'));

async function readRestoredPglite(dir: string): Promise<Restored> {
  const db = await PGlite.create({ dataDir: dir, extensions: { ltree, pg_trgm } });
  const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM members');
  const names = await db.query<{ name: string }>('SELECT name FROM members ORDER BY id_number_hash LIMIT 5');
  const cipher = await db.query<{ c: Uint8Array }>('SELECT id_number_cipher AS c FROM members ORDER BY id_number_hash LIMIT 1');
  await db.close();
  return { members: count.rows[0].n, names: names.rows.map((row) => row.name), cipher: cipher.rows[0].c };
}

async function readRestoredPostgres(url: string): Promise<Restored> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const [count] = await client<{ n: number }[]>`SELECT count(*)::int AS n FROM members`;
  const names = await client<{ name: string }[]>`SELECT name FROM members ORDER BY id_number_hash LIMIT 5`;
  const [cipher] = await client<{ c: Uint8Array }[]>`SELECT id_number_cipher AS c FROM members ORDER BY id_number_hash LIMIT 1`;
  await client.end();
  return { members: count.n, names: names.map((row) => row.name), cipher: new Uint8Array(cipher.c) };
}

describe('backup and restore', () => {
  beforeAll(async () => {
    await seedDemoCounty(getDb(), { memberCount: 120 });
  });

  it('round-trips the database and the keys that decrypt it', async () => {
    const backupDir = path.join(scratch, 'backup');
    const manifest = await backupDatabase(backupDir);
    expect(fs.statSync(path.join(backupDir, 'secrets.json')).mode & 0o777).toBe(0o600);

    const secretsFile = path.join(scratch, 'restored', 'secrets.json');
    let restored: Restored;
    if (connection().engine === 'pglite') {
      const target = path.join(scratch, 'restored', 'pglite');
      await restorePglite(backupDir, target, secretsFile);
      restored = await readRestoredPglite(target);
      await expect(restorePglite(backupDir, target, secretsFile)).rejects.toThrow(/已有数据/);
    } else {
      const base = new URL(process.env.DATABASE_URL!);
      const targetName = `${base.pathname.slice(1)}_restore`;
      const admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP DATABASE IF EXISTS "${targetName}"`);
      await admin.unsafe(`CREATE DATABASE "${targetName}" ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8' TEMPLATE template0`);
      const targetUrl = new URL(base.toString());
      targetUrl.pathname = `/${targetName}`;
      await restorePostgres(backupDir, targetUrl.toString(), secretsFile);
      restored = await readRestoredPostgres(targetUrl.toString());
      await admin.unsafe(`DROP DATABASE IF EXISTS "${targetName}"`);
      await admin.end();
    }
    expect(manifest.engine).toBe(connection().engine);

    // Same order as the restored reads: by keyed hash, which both copies share.
    const original = await queryRows<{ name: string }>(getDb(), sql`SELECT name FROM members ORDER BY id_number_hash LIMIT 5`);
    const originalNames = original.map((row) => row.name);
    expect(restored.members).toBe(120);
    expect(restored.names).toEqual(originalNames);

    const keys = JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as { piiKey: string };
    const idNumber = decryptPii(restored.cipher, 'member.id_number', Buffer.from(keys.piiKey, 'base64'));
    expect(parseIdNumber(idNumber).ok).toBe(true);
  });
});
