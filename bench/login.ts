// `npm run bench:login`: login latency at the data layer (argon2id verify, throttle rows,
// session insert, audit append) for a known account, beside the time a login for an unknown
// account takes — they should be indistinguishable. Runs on BENCH_DATABASE_URL when set
// (PostgreSQL), else on an in-memory PGlite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { closeDb, connection, getDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { DEMO_PASSWORD } from '@/db/seed/demo-users';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { attemptLogin } from '@/lib/auth/login';
import { percentile } from './http';

process.env.EJIA_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-bench-login-'));
if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
else process.env.EJIA_PGLITE_DIR = 'memory://';

await runMigrations();
const db = getDb();
await db.execute(sql.raw('TRUNCATE orgs, members, outflow_episodes, users, sessions, one_time_codes, auth_throttles RESTART IDENTITY CASCADE'));
const seeded = await seedDemoCounty(db, { memberCount: 2000 });
const phone = seeded.logins!.member.phone;

async function time(label: string, run: (i: number) => Promise<boolean>, rounds = 200) {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const ok = await run(i);
    samples.push(performance.now() - t0);
    if (!ok) throw new Error(`${label}: unexpected outcome`);
    // Throttle rows would lock the unknown identifiers; each attempt uses its own IP.
  }
  samples.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(34)} median ${percentile(samples, 50).toFixed(2)} ms  p95 ${percentile(samples, 95).toFixed(2)} ms  (min ${samples[0].toFixed(2)}, max ${samples[samples.length - 1].toFixed(2)}, n=${rounds})`);
}

console.log(`machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}; engine ${connection().engine}`);
await time('known member, right password', async (i) => (await attemptLogin(db, { kind: 'member', identifier: phone, password: DEMO_PASSWORD }, { ip: `10.0.${i >> 8}.${i & 255}`, userAgent: 'bench' })).ok);
await time('unknown account', async (i) => !(await attemptLogin(db, { kind: 'member', identifier: `139${String(i).padStart(8, '0')}`, password: DEMO_PASSWORD }, { ip: `10.1.${i >> 8}.${i & 255}`, userAgent: 'bench' })).ok);
await time('known member, wrong password', async (i) => {
  const outcome = await attemptLogin(db, { kind: 'member', identifier: phone, password: `wrong-${i}` }, { ip: `10.2.${i >> 8}.${i & 255}`, userAgent: 'bench' });
  // Keep the account below the lock threshold so every round does the full work.
  await db.execute(sql`DELETE FROM auth_throttles WHERE key LIKE 'account:%' OR key LIKE 'identifier:%'`);
  return !outcome.ok;
});
await closeDb();
process.exit(0);
