import { expect, test, type Page } from '@playwright/test';
import { timeStep, totpAt } from '../../lib/auth/totp';
import { postAction } from '../support/post-action';
import { DEMO_PASSWORD, demoActivation, demoMemberName, demoMemberPhone } from './demo';
import { loginDemoAdmin, rememberAdminSecret } from './fixtures';

const LOGIN_FAILED = '登录失败：账号、密码或验证码不正确，或账号已被暂时锁定。请稍后再试，或联系所在党组织管理员。';

async function memberLogin(page: Page, identifier: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('身份证号或手机号').fill(identifier);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

test('a member activates with name, ID number and code, accepts the notice, sets a password, logs out and logs in again', async ({ page }) => {
  const demo = demoActivation();
  await page.goto('/activate');
  await page.getByLabel('姓名').fill(demo.name);
  await page.getByLabel('身份证号').fill(demo.idNumber.toLowerCase()); // a lowercase x is accepted
  await page.getByLabel('激活码').fill(demo.code.toLowerCase());
  await page.getByLabel('我已阅读并同意《个人信息保护说明》').check();
  // A common password is refused with a reason, and nothing is activated.
  await page.getByLabel('密码', { exact: true }).fill('woaini1314');
  await page.getByLabel('再次输入密码').fill('woaini1314');
  await page.getByRole('button', { name: '激活并登录' }).click();
  await expect(page.getByText('这个密码太常见，容易被猜到，请换一个。')).toBeVisible();

  const password = '红旗渠精神2026永存';
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('再次输入密码').fill(password);
  await page.getByRole('button', { name: '激活并登录' }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto('/settings');
  await expect(page.getByText(`已登录：${demo.name}`)).toBeVisible();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The code was single use: activating again fails with the one generic message.
  await page.goto('/activate');
  await page.getByLabel('姓名').fill(demo.name);
  await page.getByLabel('身份证号').fill(demo.idNumber);
  await page.getByLabel('激活码').fill(demo.code);
  await page.getByLabel('我已阅读并同意《个人信息保护说明》').check();
  await page.getByLabel('密码', { exact: true }).fill('Another#Pass2026');
  await page.getByLabel('再次输入密码').fill('Another#Pass2026');
  await page.getByRole('button', { name: '激活并登录' }).click();
  await expect(page.getByText(/^激活失败/)).toBeVisible();

  await memberLogin(page, demo.idNumber, password);
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/settings');
  await expect(page.getByText(`已登录：${demo.name}`)).toBeVisible();
});

test('a member sees the devices signed in and ends another one; a forged end-session post changes nothing', async ({ browser, baseURL }) => {
  const demo = demoActivation();
  const password = '红旗渠精神2026永存'; // set in the activation test above
  const phoneA = await browser.newContext({ userAgent: 'Mozilla/5.0 (Linux; Android 10; OldPhone-A1) Chrome/120' });
  const pageA = await phoneA.newPage();
  await memberLogin(pageA, demo.idNumber, password);
  await expect(pageA).toHaveURL(/\/$/);
  const phoneB = await browser.newContext();
  const pageB = await phoneB.newPage();
  await memberLogin(pageB, demo.idNumber, password);
  await expect(pageB).toHaveURL(/\/$/);

  // Posted directly: anonymous, or a session id that is not one's own, changes nothing.
  const cookieB = (await phoneB.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  const post = (cookie: string | undefined, session: string) => {
    const form = new FormData();
    form.set('session', session);
    return postAction<{ status: string }>({ baseURL: baseURL!, pagePath: '/settings', file: 'lib/auth/actions.ts', exportedName: 'endOwnSession', args: [{ status: 'idle' }, form], cookie });
  };
  expect((await post(undefined, 'a'.repeat(64))).result?.status).toBe('forbidden');
  expect((await post(cookieB, 'a'.repeat(64))).result?.status).toBe('forbidden');
  expect((await post(cookieB, 'not-a-hash')).result?.status).toBe('invalid');
  await pageA.goto('/settings');
  await expect(pageA.getByText(`已登录：${demo.name}`)).toBeVisible();

  await pageB.goto('/settings');
  // Devices are listed by a short label made from the User-Agent, not the raw string.
  const other = pageB.getByRole('listitem').filter({ hasText: 'Android · Chrome' });
  await other.getByRole('button', { name: '退出该设备' }).click();
  await expect(other.getByText('已退出该设备。')).toBeVisible();
  await pageA.goto('/settings');
  await expect(pageA.getByRole('link', { name: '登录' })).toBeVisible();
  await pageB.reload();
  await expect(pageB.getByText(`已登录：${demo.name}`)).toBeVisible();
  await phoneA.close();
  await phoneB.close();
});

test('an admin enrols an authenticator at first login, then signs in with a code that works only once', async ({ page, browser }) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/login\/admin\?next=%2Fadmin$/);
  await page.getByLabel('用户名').fill('committee');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!;
  await page.getByLabel('动态验证码').fill(totpAt(secret, timeStep(new Date())));
  await page.getByRole('button', { name: '完成绑定并登录' }).click();
  await expect(page.getByRole('heading', { name: '全局概况' })).toBeVisible();
  await page.getByRole('link', { name: '组织架构' }).click();
  // A committee admin sees its own subtree, not the county root or the other committees.
  const tree = page.getByRole('list', { name: '组织架构' });
  await expect(tree.getByText('中共清源县城关镇委员会', { exact: true })).toBeVisible();
  await expect(tree.getByText('中共清源县委', { exact: true })).toHaveCount(0);

  // A second device: the code already used is refused; the next one is accepted.
  const other = await browser.newPage();
  const login = async (code: string) => {
    await other.goto('/login/admin');
    await other.getByLabel('用户名').fill('committee');
    await other.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await other.getByLabel('动态验证码').fill(code);
    await other.getByRole('button', { name: '登录' }).click();
  };
  await login(totpAt(secret, timeStep(new Date())));
  await expect(other.getByText(LOGIN_FAILED)).toBeVisible();
  const nextStep = timeStep(new Date()) + 1;
  await login(totpAt(secret, nextStep));
  await expect(other.getByRole('heading', { name: '全局概况' })).toBeVisible();
  rememberAdminSecret('committee', secret, nextStep);

  await other.getByRole('button', { name: '退出登录' }).click();
  await expect(other).toHaveURL(/\/login\/admin$/);
  await other.goto('/admin');
  await expect(other).toHaveURL(/\/login\/admin/);
  await other.close();
});

test('five wrong passwords lock the account; the right one is then refused with the same message, until the branch unlocks it', async ({ page, browser }) => {
  const phone = demoMemberPhone();
  for (let attempt = 0; attempt < 5; attempt++) {
    await memberLogin(page, phone, `wrong-password-${attempt}`);
    await expect(page.getByText(LOGIN_FAILED)).toBeVisible();
  }
  await memberLogin(page, phone, DEMO_PASSWORD);
  await expect(page.getByText(LOGIN_FAILED)).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);

  // The member phones the branch: its admin finds the account marked locked and unlocks it.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await loginDemoAdmin(admin, 'branch', DEMO_PASSWORD);
  await admin.goto(`/admin/accounts?q=${encodeURIComponent(demoMemberName())}`);
  // Namesakes may share the page: the member's row is the one marked locked.
  const row = admin.getByRole('row').filter({ hasText: demoMemberName() }).filter({ hasText: '已锁定' });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: '解锁' }).click();
  // The list is read again: the mark and the button are gone with the lock.
  await expect(row).toHaveCount(0);
  await adminContext.close();

  await memberLogin(page, phone, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/$/);
});

test('an unknown account gets exactly the same answer as a wrong password', async ({ page }) => {
  await memberLogin(page, '13800000000', DEMO_PASSWORD);
  await expect(page.getByText(LOGIN_FAILED)).toBeVisible();
});
