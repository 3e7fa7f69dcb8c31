#!/usr/bin/env node
// `npm start`: build when the sources are newer than the last build, then serve. The server
// itself migrates, checks its keys, seeds the demo county once and starts the job worker
// (instrumentation.ts), so one command takes a fresh clone to a running county.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const buildId = path.join(root, '.next', 'BUILD_ID');
const sources = ['app', 'components', 'lib', 'db', 'public/icons', 'next.config.mjs', 'serwist.config.mjs', 'proxy.ts', 'instrumentation.ts', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json'];

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
// public/sw.js is written after BUILD_ID, so it is a sign of a finished build, not a source.
const workerBuilt = fs.existsSync(path.join(root, 'public', 'sw.js'));
if (builtAt === 0 || !workerBuilt || Math.max(...sources.map(newestMtime)) > builtAt) {
  console.log('[ejia] building (sources changed since the last build) …');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // The service worker is built from the finished build (serwist.config.mjs), as `npm run build` does.
  const worker = spawnSync(process.execPath, [path.join(root, 'node_modules', '@serwist', 'cli', 'cli.js'), 'build', 'serwist.config.mjs'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
  });
  if (worker.status !== 0) process.exit(worker.status ?? 1);
}

const port = process.env.PORT ?? '3000';
console.log(`[ejia] starting on http://localhost:${port} (embedded database unless DATABASE_URL is set)`);
const server = spawn(process.execPath, [nextBin, 'start', '-p', port], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: port } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
