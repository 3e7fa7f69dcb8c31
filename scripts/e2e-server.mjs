#!/usr/bin/env node
// The server under end-to-end test: the production build on a fresh database seeded with the
// demo county, its output kept in a log file that the tests read back.
//   default            the embedded PGlite database (CI never sets DATABASE_URL), port E2E_PORT
//   --engine=postgres  a fresh database `<TEST_DATABASE_URL's database>_e2e` on that server,
//                      port E2E_PORT + 1 (CI's .ci/run drops every database named after its own)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const engine = process.argv.includes('--engine=postgres') ? 'postgres' : 'pglite';
const basePort = Number(process.env.E2E_PORT ?? 3210);
const port = String(engine === 'postgres' ? basePort + 1 : basePort);
const dataDir = path.join(root, '.data', engine === 'postgres' ? 'e2e-pg' : 'e2e');
const logFile = path.join(root, '.data', engine === 'postgres' ? 'e2e-pg-server.log' : 'e2e-server.log');

/** Drops and recreates the e2e database beside TEST_DATABASE_URL's; returns its URL. */
async function freshPostgresDatabase() {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('--engine=postgres needs TEST_DATABASE_URL (a UTF-8 database on the PostgreSQL server to use)');
  const url = new URL(base);
  const name = `${decodeURIComponent(url.pathname.slice(1))}_e2e`;
  if (!/^[\w-]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    // Trigrams on Chinese need a UTF-8 ctype (DESIGN.md §9).
    await admin.unsafe(`CREATE DATABASE "${name}" ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
const env = { ...process.env, EJIA_DATA_DIR: dataDir, PORT: port, NODE_ENV: 'production' };
delete env.DATABASE_URL;
if (engine === 'postgres') {
  env.DATABASE_URL = await freshPostgresDatabase();
  // The demo county is seeded on the embedded database by default; here it is asked for.
  env.EJIA_SEED_DEMO = 'true';
}
const log = fs.createWriteStream(logFile);
const server = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', port], { cwd: root, env });
for (const stream of [server.stdout, server.stderr]) {
  stream.on('data', (chunk) => {
    log.write(chunk);
    process.stdout.write(chunk);
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => {
  log.end();
  process.exit(code ?? 0);
});
