import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { generateDemoCounty } from '../../db/seed/demo-county';
import { findIdNumbersInText } from '../support/pii-scan';

test('/healthz reports the embedded database reachable and its migrations current', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ ok: true, engine: 'pglite', migrations: { current: true } });
  expect(body.migrations.applied).toBe(body.migrations.expected);
});

test('pages carry a nonce-based Content-Security-Policy and the inline scripts carry the nonce', async ({ page }) => {
  const response = await page.goto('/');
  const policy = response?.headers()['content-security-policy'] ?? '';
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain("'unsafe-inline' 'nonce");
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  const scriptNonces = await page.evaluate(() => [...document.scripts].map((script) => script.nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(scriptNonces.every((value) => value === nonce)).toBe(true);
});

test('an inline script slipped into a page without the nonce does not run, while the page still works', async ({ page }) => {
  // Simulate stored XSS: the real response, with its real policy, plus an injected script.
  await page.route('**/privacy', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('</h1>', '</h1><script>window.__injected = true</script>');
    await route.fulfill({ response, body: html });
  });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await page.goto('/privacy');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('个人信息保护说明');
  expect(await page.evaluate(() => Boolean((window as unknown as { __injected?: boolean }).__injected))).toBe(false);
  expect(violations.length).toBeGreaterThan(0);
  // Next.js's own nonced scripts ran: client navigation works.
  await page.getByRole('link', { name: '设置' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
});

test('a second server on the same embedded database refuses to start at once', async () => {
  const root = process.cwd();
  const second = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', '3299'], {
    cwd: root,
    env: { ...process.env, EJIA_DATA_DIR: path.join(root, '.data', 'e2e'), NODE_ENV: 'production' },
  });
  let output = '';
  second.stdout.on('data', (chunk) => (output += chunk));
  second.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      second.kill('SIGKILL');
      resolve(null);
    }, 30_000);
    second.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  expect(code).toBe(1);
  expect(output).toContain('正被进程');
});

test('the server log holds no seeded ID number', async ({ page }) => {
  // Exercise the pages first so the log covers requests, not only the start.
  for (const url of ['/', '/privacy', '/settings', '/healthz']) await page.goto(url);
  const idNumbers = generateDemoCounty().members.map((member) => member.idNumber);
  const log = fs.readFileSync(path.join(process.cwd(), '.data', 'e2e-server.log'), 'utf8');
  expect(log).toContain('[ejia] demo county seeded');
  expect(findIdNumbersInText(log, idNumbers)).toEqual([]);
  // Control: the same scan finds a number that is there.
  expect(findIdNumbersInText(`${log}\nleak ${idNumbers[7]}`, idNumbers)).toEqual([idNumbers[7]]);
});
