import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { generateDemoCounty } from '../../db/seed/demo-county';
import { baseURL, chromiumLaunch } from '../../playwright.config';
import { DEMO_PASSWORD, demoMemberName, demoMemberPhone } from './demo';

// The installable app and offline reading (issue 7 §3–§4): a member saves two 党内法规, reads
// both with the network cut (the service worker's cache, not the browser's), meets the offline
// page for anything unsaved, and leaves nothing of themselves in the caches after logging out.

const FIRST = '中国共产党章程';
const SECOND = '中国共产党党员教育管理工作条例';
const UNSAVED = '中国共产党支部工作条例（试行）';

async function signIn(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('身份证号或手机号').fill(demoMemberPhone());
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** Every response in every cache of this origin, as text (bodies and headers). */
async function everythingCached(page: Page): Promise<{ cache: string; url: string; text: string }[]> {
  return page.evaluate(async () => {
    const entries: { cache: string; url: string; text: string }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        if (!response) continue;
        const headers = [...response.headers].map(([key, value]) => `${key}: ${value}`).join('\n');
        entries.push({ cache: name, url: request.url, text: `${headers}\n${await response.text()}` });
      }
    }
    return entries;
  });
}

async function regulationPath(page: Page, title: string): Promise<string> {
  await page.goto('/learn/regulations');
  const href = await page.getByRole('link', { name: new RegExp(title.replace(/[()（）]/g, '.')) }).first().getAttribute('href');
  if (!href) throw new Error(`no link to ${title}`);
  return href;
}

async function saveForOffline(page: Page, path: string, title: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const section = page.getByRole('region', { name: '离线阅读' });
  await section.getByRole('button', { name: '离线保存' }).click();
  await expect(section.getByRole('status')).toContainText('已离线保存');
  await expect(section.getByRole('button', { name: '取消离线保存' })).toBeVisible();
}

test('a member saves regulations, reads them offline, meets the offline page, and logout leaves nothing personal cached', async () => {
  test.setTimeout(120_000);
  // A profile on disk: Chromium never offers to install from an incognito context, which is what
  // Playwright's ordinary contexts are.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-pwa-'));
  const context = await chromium.launchPersistentContext(profile, { ...chromiumLaunch, baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'allow', viewport: { width: 390, height: 844 } });
  const page = context.pages()[0] ?? (await context.newPage());
  const name = demoMemberName();
  const idNumber = generateDemoCounty().members.find((member) => member.name === name && member.phone === demoMemberPhone())?.idNumber;
  expect(idNumber).toBeTruthy();

  await signIn(page);
  // The worker installs from the member side and takes control of the open page at once.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  // Installable in Chromium: the manifest, its icons and a controlling worker with a fetch handler.
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  expect(installabilityErrors).toEqual([]);

  const first = await regulationPath(page, FIRST);
  const second = await regulationPath(page, SECOND);
  const unsaved = await regulationPath(page, UNSAVED);
  await saveForOffline(page, first, FIRST);
  await saveForOffline(page, second, SECOND);

  // What is saved is a regulation as anyone reads it: no member's name or ID number in it.
  const saved = await everythingCached(page);
  expect(saved.filter((entry) => entry.cache.startsWith('ejia-saved')).map((entry) => new URL(entry.url).pathname).sort()).toEqual([first, second].sort());
  expect(saved.filter((entry) => entry.text.includes(name) || entry.text.includes(idNumber!)).map((entry) => entry.url)).toEqual([]);

  // The list of what this device holds, on the 学习 page.
  await page.goto('/learn');
  const list = page.getByRole('region', { name: '已离线保存' });
  await expect(list.getByRole('link', { name: FIRST })).toBeVisible();
  await expect(list.getByRole('link', { name: SECOND })).toBeVisible();

  await page.goto(first);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: FIRST })).toBeVisible();
  await expect(page.getByRole('region', { name: '离线阅读' }).getByRole('status')).toContainText('已离线保存');

  // A tab that was never saved shows the offline page, which links to what was.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '学习' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '当前处于离线状态' })).toBeVisible();
  await page.getByRole('region', { name: '已离线保存' }).getByRole('link', { name: SECOND }).click();
  await expect(page.getByRole('heading', { level: 1, name: SECOND })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(second);
  await expect(page.locator('.prose-content')).toContainText('条');

  // An unsaved regulation is not readable offline.
  await page.goto(unsaved);
  await expect(page.getByRole('heading', { level: 1, name: '当前处于离线状态' })).toBeVisible();

  await context.setOffline(false);
  await page.goto('/settings');
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL((url) => url.pathname === '/login');

  const left = await everythingCached(page);
  expect(left.filter((entry) => entry.text.includes(name) || entry.text.includes(idNumber!)).map((entry) => entry.url)).toEqual([]);
  // The saved regulations went with the session; what may be left is the precache (offline page,
  // icons) and Next.js's hashed scripts the login page has fetched since.
  expect(left.filter((entry) => !entry.cache.startsWith('serwist-precache') && !new URL(entry.url).pathname.startsWith('/_next/static/')).map((entry) => entry.url)).toEqual([]);
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

test('the manifest names the app, starts at home and offers every icon size', async ({ request }) => {
  const manifest = (await (await request.get('/manifest.webmanifest')).json()) as { name: string; display: string; start_url: string; theme_color: string; icons: { src: string; sizes: string; purpose?: string }[] };
  expect(manifest).toMatchObject({ name: '流动e家', display: 'standalone', start_url: '/', theme_color: '#c8161d' });
  expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`).sort()).toEqual(['192x192 any', '192x192 maskable', '512x512 any', '512x512 maskable']);
  for (const icon of [...manifest.icons.map((entry) => entry.src), '/icons/apple-touch-icon.png', '/icons/icon-32.png']) {
    const response = await request.get(icon);
    expect(response.headers()['content-type'], icon).toBe('image/png');
  }
});
