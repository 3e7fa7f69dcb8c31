import 'server-only';
import { sql } from 'drizzle-orm';
import { connection, getDb, type Database } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { queryRows } from '@/db/rows';
import { keyFingerprints } from '@/db/schema';
import { describeDemoLogins, seedDemoCounty } from '@/db/seed/seed-demo';
import { env } from '@/lib/config/env';
import { keyFingerprint, secrets } from '@/lib/config/secrets';
import { startJobWorker } from '@/lib/jobs/worker';

export class StartupRefused extends Error {}

/**
 * Compares the PII and HMAC keys with the fingerprints stored at first start. A changed or lost
 * key would make every encrypted ID number unreadable (or every lookup miss), so the app refuses.
 */
export async function verifyKeyFingerprints(db: Database): Promise<void> {
  const s = secrets();
  const expected: Record<string, string> = { pii: keyFingerprint(s.piiKey), hmac: keyFingerprint(s.hmacKey) };
  const stored = new Map((await db.select().from(keyFingerprints)).map((row) => [row.name, row.fingerprint]));
  const [{ encrypted }] = await queryRows<{ encrypted: number }>(
    db,
    sql`SELECT count(*)::int AS encrypted FROM (SELECT 1 FROM members LIMIT 1) AS any_member`,
  );
  for (const [name, fingerprint] of Object.entries(expected)) {
    const known = stored.get(name);
    const variable = name === 'pii' ? 'PII_KEY' : 'HMAC_KEY';
    if (known && known !== fingerprint) {
      throw new StartupRefused(
        `拒绝启动：${variable} 与加密现有数据时使用的密钥不同。请恢复原密钥（环境变量或 .data/secrets.json）。\n` +
          `(Refusing to start: ${variable} differs from the key that encrypted the existing data.)`,
      );
    }
    if (!known && encrypted > 0) {
      throw new StartupRefused(
        `拒绝启动：数据库中有加密数据，但没有 ${variable} 的指纹记录，无法确认密钥正确。\n` +
          `(Refusing to start: encrypted rows exist but no fingerprint for ${variable} is recorded.)`,
      );
    }
  }
  const missing = Object.entries(expected).filter(([name]) => !stored.has(name));
  if (missing.length > 0) {
    await db
      .insert(keyFingerprints)
      .values(missing.map(([name, fingerprint]) => ({ name, fingerprint })))
      .onConflictDoNothing();
  }
}

function shouldSeedDemo(): boolean {
  const e = env();
  return e.EJIA_SEED_DEMO === 'true' || (e.EJIA_SEED_DEMO === 'auto' && e.engine === 'pglite');
}

// On globalThis: Next.js loads instrumentation and routes as separate bundles in one process.
const holder = globalThis as unknown as { __ejiaStarted?: Promise<void> };

/** Migrate, check keys, seed the demo county once, start the job worker. Runs once per process. */
export function startPlatform(): Promise<void> {
  holder.__ejiaStarted ??= (async () => {
    const t0 = performance.now();
    await runMigrations();
    const db = getDb();
    await verifyKeyFingerprints(db);
    if (shouldSeedDemo()) {
      const seeded = await seedDemoCounty(db);
      if (seeded.seeded) {
        console.log(`[ejia] demo county seeded: ${seeded.orgs} orgs, ${seeded.members} members in ${seeded.ms} ms`);
        if (seeded.logins) console.log(describeDemoLogins(seeded.logins));
      }
    }
    if (env().EJIA_JOBS_WORKER === 'on') startJobWorker(db);
    console.log(`[ejia] ready on ${connection().engine} in ${Math.round(performance.now() - t0)} ms`);
  })();
  return holder.__ejiaStarted;
}

/** For the server's start: a server that cannot read its data must not serve pages at all. */
export async function startPlatformOrExit(): Promise<void> {
  try {
    await startPlatform();
  } catch (error) {
    console.error(`[ejia] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
