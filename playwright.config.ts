import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${port}`;
// The same build on PostgreSQL, beside the embedded one, when a test database server is given
// (scripts/e2e-server.mjs --engine=postgres); only the access matrix runs against it.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const postgresBaseURL = `http://127.0.0.1:${port + 1}`;
const server = { timeout: 180_000, reuseExistingServer: false, stdout: 'ignore', stderr: 'pipe' } as const;

// Debian's Chromium, never a downloaded browser (DESIGN.md §7, §10).
export const chromiumLaunch = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
};

export default defineConfig({
  testDir: 'tests/e2e',
  forbidOnly: Boolean(process.env.CI),
  // One retry on CI, reported as flaky: a real failure still fails twice and fails the run.
  retries: process.env.CI ? 1 : 0,
  // The embedded database is one connection on the server's event loop: one browser at a time.
  workers: 1,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunch,
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, metadata: { engine: 'pglite' } },
    ...(onPostgres
      ? [{ name: 'postgres', testMatch: /access-matrix\.spec\.ts$/, use: { browserName: 'chromium' as const, baseURL: postgresBaseURL }, metadata: { engine: 'postgres' } }]
      : []),
  ],
  webServer: [
    { command: 'node scripts/e2e-server.mjs', url: `${baseURL}/healthz`, ...server },
    ...(onPostgres ? [{ command: 'node scripts/e2e-server.mjs --engine=postgres', url: `${postgresBaseURL}/healthz`, ...server }] : []),
  ],
});
