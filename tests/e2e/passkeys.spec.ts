import { expect, test, type Page } from '@playwright/test';
import { generateDemoCounty } from '../../db/seed/demo-county';
import { postAction } from '../support/post-action';
import { DEMO_PASSWORD, demoActivation } from './demo';
import { horizontalOverflow, loginDemoAdmin, viewports } from './fixtures';

// Browsers refuse an IP address as a WebAuthn relying party, and the e2e server's app URL is
// http://localhost:<port> (PORT set, no APP_URL): the member side of this spec runs on localhost.
type State = { status: string; message?: string };

/** A demo member no other spec signs in as: the last one whose name is unique in the county. */
function passkeyMember() {
  const county = generateDemoCounty();
  const taken = demoActivation().name;
  const counts = new Map<string, number>();
  for (const member of county.members) counts.set(member.name, (counts.get(member.name) ?? 0) + 1);
  const member = county.members.findLast((candidate) => counts.get(candidate.name) === 1 && candidate.name !== taken);
  if (!member) throw new Error('no suitable demo member');
  return member;
}

/** Chromium's virtual authenticator: a platform authenticator that holds discoverable passkeys and verifies the user. */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials };
}

test('a member adds a passkey in 设置, logs out, signs in with it and removes it; forged removals change nothing', async ({ browser, baseURL }) => {
  const member = passkeyMember();
  const localhost = baseURL!.replace('127.0.0.1', 'localhost');

  // The branch's activation code, issued by the county admin (on 127.0.0.1: its own cookies).
  const context = await browser.newContext();
  const admin = await context.newPage();
  await loginDemoAdmin(admin, 'county', DEMO_PASSWORD);
  await admin.goto(`/admin/accounts?q=${encodeURIComponent(member.name)}`);
  await admin.locator('tr', { hasText: member.name }).getByRole('button', { name: '发放激活码' }).click();
  const code = /代码 (\S+) /.exec((await admin.getByText(/请把一次性代码/).textContent())!)![1];
  const cookieFor = async (url: string) => (await context.cookies(url)).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  const adminCookie = await cookieFor(baseURL!);
  await admin.close();

  const page = await context.newPage();
  const authenticator = await addVirtualAuthenticator(page);
  await page.goto(`${localhost}/activate`);
  await page.getByLabel('姓名').fill(member.name);
  await page.getByLabel('身份证号').fill(member.idNumber);
  await page.getByLabel('激活码').fill(code);
  await page.getByLabel('我已阅读并同意《个人信息保护说明》').check();
  await page.getByLabel('密码', { exact: true }).fill('通行密钥Passkey#2026');
  await page.getByLabel('再次输入密码').fill('通行密钥Passkey#2026');
  await page.getByRole('button', { name: '激活并登录' }).click();
  await expect(page).toHaveURL(`${localhost}/`);

  await page.goto(`${localhost}/settings`);
  const section = page.getByRole('region', { name: '通行密钥' });
  await expect(section.getByText('还没有添加通行密钥。')).toBeVisible();
  await section.getByRole('button', { name: '添加通行密钥' }).click();
  await expect(section.getByRole('status').filter({ hasText: '通行密钥已添加。' })).toBeVisible();
  const row = section.getByRole('list', { name: '我的通行密钥' }).getByRole('listitem');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Linux · Chrome');
  await expect(row).toContainText('尚未用于登录');
  expect(await authenticator.credentials()).toEqual([expect.objectContaining({ isResidentCredential: true })]);
  const passkeyId = await row.locator('input[name="passkey"]').inputValue();
  // screens.spec sees 设置 signed out only; this is the signed-in page with a passkey, at phone size.
  await page.setViewportSize(viewports.phone);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'screenshots/member-settings-passkeys-phone.png', fullPage: true });

  // Posted directly, anonymously or by an admin, the removal changes nothing.
  const remove = (cookie: string | undefined, passkey: string) => {
    const form = new FormData();
    form.set('passkey', passkey);
    return postAction<State>({ baseURL: baseURL!, pagePath: '/settings', file: 'lib/auth/passkey-actions.ts', exportedName: 'removePasskey', args: [{ status: 'idle' }, form], cookie });
  };
  expect((await remove(undefined, passkeyId)).result).toEqual({ status: 'forbidden', message: '您没有权限进行此操作。' });
  expect((await remove(adminCookie, passkeyId)).result?.status).toBe('forbidden');
  const memberCookie = await cookieFor(localhost);
  expect((await remove(memberCookie, 'not-a-uuid')).result?.status).toBe('invalid');
  expect((await remove(memberCookie, '00000000-0000-4000-8000-000000000000')).result?.status).toBe('forbidden');

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(`${localhost}/login`);
  await page.getByRole('button', { name: '使用通行密钥' }).click();
  await expect(page).toHaveURL(`${localhost}/`);
  // The forged removals above changed nothing: the passkey is still there, now used once.
  await page.goto(`${localhost}/settings`);
  await expect(page.getByText(`已登录：${member.name}`)).toBeVisible();
  await expect(row).toContainText('最近使用：');

  await row.getByRole('button', { name: '删除' }).click();
  await expect(section.getByText('还没有添加通行密钥。')).toBeVisible();
  await context.close();
});
