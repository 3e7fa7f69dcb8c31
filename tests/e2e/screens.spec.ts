import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from './demo';
import { loginDemoAdmin, horizontalOverflow, seriousAxeViolations, viewports, watchConsole } from './fixtures';

// Every page at phone and desktop size: screenshots kept for people to look at, and a failure
// on console errors, horizontal overflow or serious accessibility problems.
const pages: { name: string; path: string; status?: number; as?: 'admin' }[] = [
  { name: 'member-home', path: '/' },
  { name: 'member-privacy', path: '/privacy' },
  { name: 'member-settings', path: '/settings' },
  { name: 'login', path: '/login' },
  { name: 'login-admin', path: '/login/admin' },
  { name: 'activate', path: '/activate' },
  { name: 'reset', path: '/reset' },
  { name: 'not-found', path: '/no-such-page', status: 404 },
  { name: 'admin-overview', path: '/admin', as: 'admin' },
  { name: 'admin-orgs', path: '/admin/orgs', as: 'admin' },
  { name: 'admin-accounts', path: '/admin/accounts', as: 'admin' },
  { name: 'admin-accounts-search', path: '/admin/accounts?q=%E4%BB%BB', as: 'admin' },
  { name: 'admin-audit', path: '/admin/audit', as: 'admin' },
];

fs.mkdirSync('screenshots', { recursive: true });

// One admin session for the whole file: the county admin enrols once.
let adminState: Awaited<ReturnType<import('@playwright/test').BrowserContext['storageState']>> | undefined;
test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  await loginDemoAdmin(await context.newPage(), 'county', DEMO_PASSWORD);
  adminState = await context.storageState();
  await context.close();
});

for (const [size, viewport] of Object.entries(viewports)) {
  test.describe(`${size} ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    for (const entry of pages) {
      test(entry.name, async ({ browser }) => {
        const context = await browser.newContext({ viewport, storageState: entry.as ? adminState : undefined });
        const page = await context.newPage();
        const problems = watchConsole(page);
        const response = await page.goto(entry.path);
        expect(response?.status()).toBe(entry.status ?? 200);
        expect(new URL(page.url()).pathname).toBe(entry.path.split('?')[0]); // no redirect to a login page
        await page.waitForLoadState('networkidle');
        await expect(page.locator('h1').first()).toBeVisible();
        await page.screenshot({ path: `screenshots/${entry.name}-${size}.png`, fullPage: true });
        // A 404 logs its own status as a console error in Chromium; nothing else may.
        expect(problems.filter((text) => !(entry.status === 404 && text.includes('404')))).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        expect(await seriousAxeViolations(page)).toEqual([]);
        await context.close();
      });
    }
  });
}
