import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { postAction } from '../support/post-action';
import { DEMO_PASSWORD, demoMemberPhone } from './demo';
import { loginDemoAdmin } from './fixtures';

const ACCOUNTS_PAGE = '/admin/accounts';
const FILE = 'lib/accounts/actions.ts';
type State = { status: string; message?: string; data?: Record<string, string> };

async function adminContext(browser: Browser, username: string): Promise<{ context: BrowserContext; page: Page; cookie: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginDemoAdmin(page, username, DEMO_PASSWORD);
  return { context, page, cookie: await cookieOf(context) };
}

async function cookieOf(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/** The hidden id inputs of the row whose text matches. */
async function rowIds(page: Page, rowText: string | RegExp, name: 'userId' | 'memberId'): Promise<string> {
  return page.locator('tr', { hasText: rowText }).first().locator(`input[name="${name}"]`).first().inputValue();
}

test('account actions posted directly obey tier, capability and subtree', async ({ browser, baseURL }) => {
  const county = await adminContext(browser, 'county');
  const branch = await adminContext(browser, 'branch');
  const host = await adminContext(browser, 'host');
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto('/login');
  await memberPage.getByLabel('身份证号或手机号').fill(demoMemberPhone());
  await memberPage.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await memberPage.getByRole('button', { name: '登录' }).click();
  await memberPage.waitForURL((url) => url.pathname === '/');
  const member = await cookieOf(memberContext);

  await county.page.goto(ACCOUNTS_PAGE);
  const hostAdminId = await rowIds(county.page, /^host/, 'userId');
  const branchAdminId = await rowIds(county.page, /^branch/, 'userId');

  const post = (cookie: string | undefined, exportedName: string, fields: Record<string, string>) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    return postAction<State>({ baseURL: baseURL!, pagePath: ACCOUNTS_PAGE, file: FILE, exportedName, args: [{ status: 'idle' }, form], cookie });
  };

  // Unlock the host admin: needs the accounts capability and the host admin's org in scope.
  for (const [who, cookie] of [
    ['anonymous', undefined],
    ['member', member],
    ['host admin', host.cookie],
    ['branch admin without the accounts capability', branch.cookie],
  ] as const) {
    const response = await post(cookie, 'unlockUserAccount', { userId: hostAdminId });
    expect(response.result?.status, who).toBe('forbidden');
    expect(response.result?.message, who).toMatch(/没有权限|不在您的管理范围内/);
  }
  expect((await post(county.cookie, 'unlockUserAccount', { userId: hostAdminId })).result).toEqual({ status: 'success', message: '账号已解锁。' });

  // Disabling: forbidden to everyone but the county here, and never one's own account.
  expect((await post(branch.cookie, 'setAccountDisabled', { userId: hostAdminId, disabled: 'true' })).result?.status).toBe('forbidden');
  expect((await post(county.cookie, 'setAccountDisabled', { userId: '00000000-0000-4000-8000-000000000000', disabled: 'true' })).result?.status).toBe('forbidden');
  // The page offers no button for one's own row; the server refuses the post as well.
  const ownId = ((await (await county.page.request.get('/api/auth/session')).json()) as { user: { id: string } }).user.id;
  const self = await post(county.cookie, 'setAccountDisabled', { userId: ownId, disabled: 'true' });
  expect(self.result).toEqual({ status: 'forbidden', message: '不能停用自己的账号。' });

  // Bad input: a clear Chinese message, nothing changes.
  const malformed = await post(county.cookie, 'setAccountDisabled', { userId: 'not-a-uuid', disabled: 'maybe' });
  expect(malformed.result?.status).toBe('invalid');
  const forgedTier = await post(branch.cookie, 'createAdminAccount', { username: 'sneaky', displayName: '越权', orgId: '1', tier: 'county_admin', capabilities: 'accounts' });
  expect(forgedTier.result?.status).toBe('forbidden');

  // Creating: usernames are checked before anything is written.
  const badName = await post(county.cookie, 'createAdminAccount', { username: 'x', displayName: '测试', orgId: '1', tier: 'org_admin' });
  expect(badName.result).toMatchObject({ status: 'invalid', fieldErrors: { username: ['用户名为3至30位字母、数字、下划线或连字符。'] } });

  // Member activation codes follow the archive capability and the member's branch.
  await county.page.goto(`${ACCOUNTS_PAGE}?q=${encodeURIComponent('任')}`);
  const otherMemberRow = county.page.locator('tr', { hasText: '未激活' }).filter({ hasNotText: '东关村' }).first();
  const otherMemberId = await otherMemberRow.locator('input[name="memberId"]').first().inputValue();
  const outOfScope = await post(branch.cookie, 'issueMemberActivationCode', { memberId: otherMemberId });
  expect(outOfScope.result).toEqual({ status: 'forbidden', message: '该账号或组织不在您的管理范围内。' });
  const issued = await post(county.cookie, 'issueMemberActivationCode', { memberId: otherMemberId });
  expect(issued.result?.status).toBe('success');
  expect(issued.result?.data?.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  expect(branchAdminId).toMatch(/^[0-9a-f-]{36}$/);

  for (const context of [county.context, branch.context, host.context, memberContext]) await context.close();
});

test('a new admin is created, sets a password with the code, is disabled and locked out at once, and a reset code restores access and ends old sessions', async ({ browser, baseURL }) => {
  // Several TOTP logins of one account: each needs a fresh 30-second step.
  test.setTimeout(180_000);
  const county = await adminContext(browser, 'county');
  await county.page.goto(ACCOUNTS_PAGE);
  await county.page.getByLabel('用户名').fill('clerk');
  await county.page.getByLabel('姓名或称呼').fill('宣传干事');
  await county.page.getByLabel('内容发布').check();
  await county.page.getByRole('button', { name: '创建账号' }).click();
  const created = county.page.getByText(/账号已创建/);
  await expect(created).toBeVisible();
  const setupCode = /代码 (\S+) 告知/.exec((await created.textContent())!)![1];

  // The clerk sets a password with the one-time code, then enrols at first login.
  const clerkContext = await browser.newContext();
  const clerk = await clerkContext.newPage();
  await clerk.goto('/reset');
  await clerk.getByLabel('账号').fill('clerk');
  await clerk.getByLabel('重置码').fill(setupCode);
  await clerk.getByLabel('密码', { exact: true }).fill('Xuanchuan!2026');
  await clerk.getByLabel('再次输入密码').fill('Xuanchuan!2026');
  await clerk.getByRole('button', { name: '重置密码' }).click();
  await expect(clerk.getByText('密码已重置，请用新密码登录。')).toBeVisible();
  await loginDemoAdmin(clerk, 'clerk', 'Xuanchuan!2026');
  // Content capability only: no accounts screen in the navigation, and a 403 when typed.
  await expect(clerk.getByRole('link', { name: '账号管理' })).toHaveCount(0);
  const forbiddenPage = await clerk.goto(ACCOUNTS_PAGE);
  expect(forbiddenPage?.status()).toBe(403);

  // The county disables the clerk: the next page load is a login page, the next post is refused.
  await county.page.goto(ACCOUNTS_PAGE);
  await county.page.locator('tr', { hasText: 'clerk' }).getByRole('button', { name: '停用' }).click();
  await expect(county.page.getByText('账号已停用，其所有登录已结束。')).toBeVisible();
  await clerk.goto('/admin');
  await expect(clerk).toHaveURL(/\/login\/admin/);
  const form = new FormData();
  form.set('userId', '00000000-0000-4000-8000-000000000000');
  const refused = await postAction<State>({ baseURL: baseURL!, pagePath: ACCOUNTS_PAGE, file: FILE, exportedName: 'unlockUserAccount', args: [{ status: 'idle' }, form], cookie: await cookieOf(clerkContext) });
  expect(refused.result?.status).toBe('forbidden');

  // Re-enabled and reset: the clerk's code ends every session and clears the authenticator.
  await county.page.reload();
  await county.page.locator('tr', { hasText: 'clerk' }).getByRole('button', { name: '启用' }).click();
  await expect(county.page.getByText('账号已启用。')).toBeVisible();
  const secondDevice = await browser.newContext();
  const second = await secondDevice.newPage();
  await loginDemoAdmin(second, 'clerk', 'Xuanchuan!2026');
  await county.page.reload();
  await county.page.locator('tr', { hasText: 'clerk' }).getByRole('button', { name: '发放重置码' }).click();
  const codeText = await county.page.getByText(/请把一次性代码/).textContent();
  const resetCode = /代码 (\S+) 当面/.exec(codeText!)![1];
  await clerk.goto('/reset');
  await clerk.getByLabel('账号').fill('clerk');
  await clerk.getByLabel('重置码').fill(resetCode);
  await clerk.getByLabel('密码', { exact: true }).fill('Xinmima#2027');
  await clerk.getByLabel('再次输入密码').fill('Xinmima#2027');
  await clerk.getByRole('button', { name: '重置密码' }).click();
  await expect(clerk.getByText('密码已重置，请用新密码登录。')).toBeVisible();
  await second.goto('/admin');
  await expect(second).toHaveURL(/\/login\/admin/);
  // The old password no longer works; the new one does, after enrolling a new authenticator.
  await clerk.goto('/login/admin');
  await clerk.getByLabel('用户名').fill('clerk');
  await clerk.getByLabel('密码', { exact: true }).fill('Xuanchuan!2026');
  await clerk.getByRole('button', { name: '登录' }).click();
  await expect(clerk.getByText(/^登录失败/)).toBeVisible();
  await clerk.getByLabel('密码', { exact: true }).fill('Xinmima#2027');
  await clerk.getByRole('button', { name: '登录' }).click();
  await expect(clerk.getByTestId('totp-secret')).toBeVisible();

  for (const context of [county.context, clerkContext, secondDevice]) await context.close();
});
