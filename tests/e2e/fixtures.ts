import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1440, height: 900 },
} as const;

/** Collects console errors and failed page scripts while a page is in use. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  // Chromium's console line for a failed resource has no URL; name it here.
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${new URL(response.url()).pathname}`);
  });
  return problems;
}

export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** Signs a demo admin in for the first time, enrolling a TOTP secret; returns the secret. */
export async function enrolAndLoginAdmin(page: Page, username: string, password: string): Promise<string> {
  const { timeStep, totpAt } = await import('../../lib/auth/totp');
  await page.goto('/login/admin');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!;
  await page.getByLabel('动态验证码').fill(totpAt(secret, timeStep(new Date())));
  await page.getByRole('button', { name: '完成绑定并登录' }).click();
  await page.waitForURL('**/admin');
  return secret;
}
