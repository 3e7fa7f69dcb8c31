// `npm run bench`: platform figures on this machine — server cold start on a fresh embedded
// database (migrate + demo seed), seed time on PGlite and PostgreSQL, HTTP latency of /healthz
// and the home page signed out (the public figures; `npm run bench:content` measures a member's
// home) beside a trivial page of the same app in the same run, and the member shell's first-load
// JavaScript (gzip) as Chromium fetches it.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from '@playwright/test';
import { closeDb, getDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { resetEnvCache } from '@/lib/config/env';
import { resetSecretsCache } from '@/lib/config/secrets';
import { chromiumLaunch } from '../playwright.config';
import { load, startServer, stopServer, type LatencySummary } from './http';
import { machine } from './measure';

const root = process.cwd();
const port = 3290;
const base = `http://127.0.0.1:${port}`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;

/** A fresh embedded database each time: the start includes creating, migrating and seeding it. */
async function startFresh(dataDir: string): Promise<{ server: ChildProcess; coldStartMs: number }> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, EJIA_DATA_DIR: dataDir, NODE_ENV: 'production' };
  delete env.DATABASE_URL;
  delete env.EJIA_PGLITE_DIR;
  const { server, readyMs } = await startServer({ port, env, timeoutSeconds: 60 });
  return { server, coldStartMs: readyMs };
}

async function seedTimes(): Promise<{ pglite: number[]; postgres: number[] }> {
  const result = { pglite: [] as number[], postgres: [] as number[] };
  for (let run = 0; run < 3; run++) {
    process.env.EJIA_PGLITE_DIR = 'memory://';
    process.env.EJIA_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-bench-'));
    delete process.env.DATABASE_URL;
    resetEnvCache();
    resetSecretsCache();
    await runMigrations();
    result.pglite.push((await seedDemoCounty(getDb())).ms);
    await closeDb();
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    for (let run = 0; run < 3; run++) {
      process.env.DATABASE_URL = url;
      resetEnvCache();
      await runMigrations();
      await getDb().execute((await import('drizzle-orm')).sql.raw('TRUNCATE orgs, members, outflow_episodes RESTART IDENTITY CASCADE'));
      result.postgres.push((await seedDemoCounty(getDb())).ms);
      await closeDb();
    }
  }
  return result;
}

async function firstLoadJs(pathname: string): Promise<{ scripts: number; gzipKiB: number }> {
  const browser = await chromium.launch(chromiumLaunch);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const urls = new Set<string>();
  page.on('request', (request) => {
    if (request.resourceType() === 'script') urls.add(request.url());
  });
  await page.goto(`${base}${pathname}`, { waitUntil: 'networkidle' });
  await browser.close();
  let total = 0;
  for (const url of urls) total += zlib.gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
  return { scripts: urls.size, gzipKiB: Math.round((total / 1024) * 10) / 10 };
}

const line = (name: string, s: LatencySummary) =>
  `  ${name.padEnd(22)} p50 ${String(s.p50).padStart(7)} ms  p95 ${String(s.p95).padStart(7)} ms  p99 ${String(s.p99).padStart(7)} ms  ${String(s.rps).padStart(5)} req/s  (${s.requests} req, ${s.errors} errors)`;

console.log(`machine: ${machine()}`);
if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('run `npm run build` first');

const cold: number[] = [];
let server: ChildProcess | undefined;
for (let run = 0; run < 3; run++) {
  const started = await startFresh(path.join(root, '.data', 'bench'));
  cold.push(started.coldStartMs);
  if (run < 2) await stopServer(started.server);
  else server = started.server;
}
console.log(`server cold start to healthy /healthz (fresh PGlite: create, migrate, seed 5,000 members): median ${median(cold).toFixed(0)} ms, spread ${spread(cold)} ms over 3 runs`);

await load(`${base}/`, { requests: 200, concurrency: 10 }); // warm-up
for (const concurrency of [1, 20]) {
  console.log(`HTTP, ${concurrency} concurrent client(s), embedded PGlite, 5,000 members:`);
  console.log(line('/privacy (trivial)', await load(`${base}/privacy`, { requests: 1000, concurrency })));
  console.log(line('/healthz', await load(`${base}/healthz`, { requests: 1000, concurrency })));
  console.log(line('/ (home, signed out)', await load(`${base}/`, { requests: 1000, concurrency })));
}
const js = await firstLoadJs('/');
console.log(`first-load JS of the member home: ${js.gzipKiB} KiB gzip in ${js.scripts} scripts`);
server?.kill();

const seeds = await seedTimes();
console.log(`demo seed (116 orgs, 5,000 members, 2,2xx outflow episodes): PGlite median ${median(seeds.pglite)} ms (${spread(seeds.pglite)})`);
if (seeds.postgres.length) console.log(`demo seed on PostgreSQL: median ${median(seeds.postgres)} ms (${spread(seeds.postgres)})`);
else console.log('(set BENCH_DATABASE_URL to a scratch PostgreSQL database to time the seed there too)');
process.exit(0);
