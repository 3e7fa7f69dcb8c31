import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { horizontalOverflow, seriousAxeViolations, viewports, watchConsole } from './fixtures';

// Every page at phone and desktop size: screenshots kept for people to look at, and a failure
// on console errors, horizontal overflow or serious accessibility problems.
const pages: { name: string; path: string; status?: number }[] = [
  { name: 'member-home', path: '/' },
  { name: 'member-privacy', path: '/privacy' },
  { name: 'member-settings', path: '/settings' },
  { name: 'not-found', path: '/no-such-page', status: 404 },
];

fs.mkdirSync('screenshots', { recursive: true });

for (const [size, viewport] of Object.entries(viewports)) {
  test.describe(`${size} ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    for (const entry of pages) {
      test(entry.name, async ({ page }) => {
        const problems = watchConsole(page);
        const response = await page.goto(entry.path);
        expect(response?.status()).toBe(entry.status ?? 200);
        await page.waitForLoadState('networkidle');
        await expect(page.locator('h1').first()).toBeVisible();
        await page.screenshot({ path: `screenshots/${entry.name}-${size}.png`, fullPage: true });
        // A 404 logs its own status as a console error in Chromium; nothing else may.
        expect(problems.filter((text) => !(entry.status === 404 && text.includes('404')))).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        expect(await seriousAxeViolations(page)).toEqual([]);
      });
    }
  });
}
