import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { timeStep, totpAt } from '../../lib/auth/totp';

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

// TOTP secrets of the demo admins enrolled during this e2e run, kept beside the run's database
// (both are wiped when the e2e server starts), so a retried worker can sign in again.
const secretsFile = path.join(process.cwd(), '.data', 'e2e', 'e2e-admin-totp.json');
type EnrolledAdmins = Record<string, { secret: string; lastStep: number }>;
const readEnrolled = (): EnrolledAdmins => (fs.existsSync(secretsFile) ? (JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as EnrolledAdmins) : {});

/** A fresh TOTP code for an enrolled admin: each code is accepted once, so never reuse a step. */
export async function nextAdminCode(username: string): Promise<string> {
  const enrolled = readEnrolled();
  const admin = enrolled[username];
  let step = timeStep(new Date());
  // The server accepts one step of drift ahead; beyond that, wait for the clock to catch up.
  while (admin.lastStep + 1 > step + 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    step = timeStep(new Date());
  }
  step = Math.max(step, admin.lastStep + 1);
  enrolled[username] = { ...admin, lastStep: step };
  fs.writeFileSync(secretsFile, JSON.stringify(enrolled));
  return totpAt(admin.secret, step);
}

/**
 * Records an authenticator a test enrolled by hand, and the last step it used, so later specs
 * sign that admin in with it (an unrecorded enrolment would leave them waiting for one).
 */
export function rememberAdminSecret(username: string, secret: string, lastStep: number): void {
  fs.writeFileSync(secretsFile, JSON.stringify({ ...readEnrolled(), [username]: { secret, lastStep } }));
}

/** Signs a demo admin in, enrolling an authenticator the first time. */
export async function loginDemoAdmin(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login/admin');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  if (readEnrolled()[username]) {
    await page.getByLabel('动态验证码').fill(await nextAdminCode(username));
    await page.getByRole('button', { name: '登录' }).click();
  } else {
    await page.getByRole('button', { name: '登录' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!;
    const step = timeStep(new Date());
    rememberAdminSecret(username, secret, step);
    await page.getByLabel('动态验证码').fill(totpAt(secret, step));
    await page.getByRole('button', { name: '完成绑定并登录' }).click();
  }
  await page.getByRole('heading', { name: '全局概况' }).waitFor();
}
