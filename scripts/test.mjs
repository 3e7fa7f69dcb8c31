#!/usr/bin/env node
// `npm test`: everything, in the order that fails fastest — lint, types, migrations current,
// unit and integration tests (PGlite, and PostgreSQL when TEST_DATABASE_URL is set), a
// production build, then end-to-end tests in Debian's Chromium. Nothing is skipped: a missing
// browser or font is installed (as root, with apt) or the run fails saying how to get it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, TZ: 'UTC' };
delete env.DATABASE_URL; // tests choose their databases themselves; the e2e app is the embedded default
const reports = path.join(root, '.data', 'test-reports');
fs.mkdirSync(reports, { recursive: true });

function step(title, command, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    console.error(`\n✘ ${title} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function hasCjkFont() {
  const result = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim().length > 0;
}

function ensureBrowser() {
  if (fs.existsSync('/usr/bin/chromium') && hasCjkFont()) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error('End-to-end tests need Debian\'s Chromium and CJK fonts: run `sudo apt-get install -y chromium fonts-noto-cjk`, then npm test again.');
    process.exit(1);
  }
  step('install Chromium and CJK fonts (apt)', 'sh', ['-c', 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk']);
}

ensureBrowser();
step('lint (eslint)', bin('eslint'), ['.']);
step('type check (tsc)', bin('tsc'), ['--noEmit']);
step('migrations are current', process.execPath, ['scripts/check-migrations.mjs']);
const projects = ['unit', 'integration-pglite', ...(process.env.TEST_DATABASE_URL ? ['integration-postgres'] : [])];
if (!process.env.TEST_DATABASE_URL) console.log('\n(TEST_DATABASE_URL is not set: integration tests run on PGlite only)');
step(`unit and integration tests (${projects.join(', ')})`, bin('vitest'), [
  'run',
  ...projects.flatMap((project) => ['--project', project]),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${path.join(reports, 'vitest.json')}`,
]);
step('production build', process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build']);
// The service worker is built from the finished build (serwist.config.mjs), as `npm run build` does.
step('service worker (serwist build)', process.execPath, [path.join(root, 'node_modules/@serwist/cli/cli.js'), 'build', 'serwist.config.mjs'], { NO_UPDATE_NOTIFIER: '1' });
step('end-to-end tests (Chromium)', bin('playwright'), ['test', '--reporter=list,json'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, 'playwright.json'),
});

const vitest = JSON.parse(fs.readFileSync(path.join(reports, 'vitest.json'), 'utf8'));
const playwright = JSON.parse(fs.readFileSync(path.join(reports, 'playwright.json'), 'utf8'));
const passed = vitest.numPassedTests + playwright.stats.expected;
const failed = vitest.numFailedTests + playwright.stats.unexpected + playwright.stats.flaky;
const skipped = vitest.numPendingTests + vitest.numTodoTests + playwright.stats.skipped;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
