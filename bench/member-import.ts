// `npm run bench:import [-- ROUNDS]`: a 10,000-row member import end to end at the data layer, as
// an admin goes through it — upload (stored encrypted), validation by the job worker (every row
// checked, preview), confirmation, and the import job (checked again, bulk-loaded in one
// transaction, audited). Each round imports a new file of 10,000 new members into the same
// archive, so later rounds also check duplicates against the rows already there. Runs on
// BENCH_DATABASE_URL when set (PostgreSQL, a scratch database: its tables are emptied), else on an
// in-memory PGlite. Building the workbook is not timed: the admin brings it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { closeDb, connection, getDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { queryRows } from '@/db/rows';
import { users } from '@/db/schema';
import { settleAuditWrites } from '@/lib/audit/audit';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runJobsOnce } from '@/lib/jobs/worker';
import { confirmMemberImport, getMemberImport, loadImporter, startMemberImport } from '@/lib/members/excel/import';
import { insertOrg } from '@/lib/orgs/queries';
import { largeWorkbookBytes, MEMBER_HEADER, memberRow } from '@/tests/support/member-workbook';
import { percentile } from './http';

const ROWS = 10_000;
const rounds = Number(process.argv[2] ?? 5);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('usage: npm run bench:import [-- ROUNDS]');

process.env.EJIA_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-bench-import-'));
if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
else process.env.EJIA_PGLITE_DIR = 'memory://';

await runMigrations();
const db = getDb();
await db.execute(sql.raw('TRUNCATE orgs, members, outflow_episodes, users, jobs RESTART IDENTITY CASCADE'));
const county = await insertOrg(db, { parentId: null, name: '中共清源县委', type: 'party_committee' });
const committee = await insertOrg(db, { parentId: county.id, name: '城关镇党委', type: 'party_committee' });
const branch = await insertOrg(db, { parentId: committee.id, name: '东关村党支部', type: 'branch' });
const [admin] = await db.insert(users).values({ username: 'bench-import', displayName: '导入测试', tier: 'org_admin', orgId: committee.id, capabilities: ['archive'] }).returning();
const importer = await loadImporter(db, admin.id);
if (!importer) throw new Error('bench admin not loaded');

async function runJobs(): Promise<void> {
  while ((await runJobsOnce(db, 'bench-worker', jobHandlers)) > 0) {}
}

type Round = { upload: number; validate: number; importJob: number; total: number };

async function importRound(round: number): Promise<Round> {
  const rows = Array.from({ length: ROWS }, (_, i) => memberRow(round * ROWS + i, branch.name));
  const bytes = await largeWorkbookBytes([MEMBER_HEADER, ...rows]);
  const t0 = performance.now();
  const started = await startMemberImport(db, importer!, { bytes, name: '党员名单.xlsx' });
  if (!started.ok) throw new Error(started.message);
  const t1 = performance.now();
  await runJobs();
  const validated = await getMemberImport(db, importer!, started.token);
  if (validated?.phase !== 'validated') throw new Error(`round ${round}: validation ended in ${validated?.phase}`);
  const t2 = performance.now();
  const confirmed = await confirmMemberImport(db, importer!, started.token, '203.0.113.9');
  if (!confirmed.ok) throw new Error(`round ${round}: confirmation refused (${confirmed.reason})`);
  await runJobs();
  const imported = await getMemberImport(db, importer!, started.token);
  if (imported?.phase !== 'imported' || imported.imported !== ROWS) throw new Error(`round ${round}: import ended in ${imported?.phase}`);
  const t3 = performance.now();
  return { upload: t1 - t0, validate: t2 - t1, importJob: t3 - t2, total: t3 - t0 };
}

console.log(`machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}; engine ${connection().engine}; ${ROWS.toLocaleString('en')} rows × ${rounds} rounds`);
const results: Round[] = [];
for (let round = 0; round < rounds; round++) {
  const result = await importRound(round);
  results.push(result);
  console.log(`  round ${round + 1}: upload ${(result.upload / 1000).toFixed(2)} s, validate ${(result.validate / 1000).toFixed(2)} s, import ${(result.importJob / 1000).toFixed(2)} s, total ${(result.total / 1000).toFixed(2)} s (load ${os.loadavg()[0].toFixed(1)})`);
}
for (const phase of ['upload', 'validate', 'importJob', 'total'] as const) {
  const samples = results.map((result) => result[phase]).sort((a, b) => a - b);
  console.log(`  ${phase.padEnd(10)} median ${(percentile(samples, 50) / 1000).toFixed(2)} s  (min ${(samples[0] / 1000).toFixed(2)}, max ${(samples[samples.length - 1] / 1000).toFixed(2)})`);
}
const [{ count }] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM members`);
console.log(`  members in the archive after the run: ${count.toLocaleString('en')}`);
await settleAuditWrites();
await closeDb();
process.exit(0);
