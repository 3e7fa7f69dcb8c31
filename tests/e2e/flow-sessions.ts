import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoMemberPhone } from './demo';
import { loginDemoAdmin } from './fixtures';

// What the flow journeys (活动证 and 报到, 临时党支部) share: a signed-in browser per demo user, and
// the member record page's parts they act on.

export type Session = { context: BrowserContext; page: Page };

export async function adminSession(browser: Browser, username: string): Promise<Session> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginDemoAdmin(page, username, DEMO_PASSWORD);
  return { context, page };
}

/** The demo member, signed in with phone and password. */
export async function memberSession(browser: Browser): Promise<Session> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login?next=/archive');
  await page.getByLabel('身份证号或手机号').fill(demoMemberPhone());
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/archive');
  return { context, page };
}

/** A member's record as an admin opens it: searched by name in the member list. */
export async function openRecord(page: Page, name: string): Promise<string> {
  await page.goto(`/admin/members?q=${encodeURIComponent(name)}`);
  await page.getByRole('link', { name, exact: true }).first().click();
  await page.waitForURL(/\/admin\/members\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname;
}

export const header = (page: Page) => page.locator('header').filter({ has: page.getByRole('heading', { level: 1 }) });
export const returnForm = (page: Page) => page.getByRole('form', { name: '登记返乡' });

/** Records the member back today from the record page, inspecting a held certificate with `inspection`. */
export async function recordReturnHome(page: Page, inspection: string): Promise<void> {
  const form = returnForm(page);
  await form.getByLabel('说明').fill('回乡');
  const inspectionField = form.getByLabel('查验意见');
  if ((await inspectionField.count()) > 0) await inspectionField.fill(inspection);
  await form.getByRole('button', { name: '登记返乡' }).click();
  await expect(form).toHaveCount(0);
  await expect(header(page).getByText('已返乡', { exact: true })).toBeVisible();
}
