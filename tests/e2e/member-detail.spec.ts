import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { beijingDay } from '../../lib/time/beijing';
import { postAction } from '../support/post-action';
import { DEMO_PASSWORD, demoMemberPhone } from './demo';
import { demoBranchMember, demoMemberId, type DemoBranchMember } from './demo-member';
import { loginDemoAdmin } from './fixtures';

const FILE = 'lib/members/record-actions.ts';
type State = { status: string; message?: string; fieldErrors?: Record<string, string[]>; data?: Record<string, string> };
type Session = { context: BrowserContext; page: Page; cookie: string };

// Each admin signs in once for the whole file: a TOTP code is accepted once per 30-second step.
let branch: Session;
let county: Session;
let host: Session;
let outsider: Session;
let member: Session;
let target: DemoBranchMember;
let memberId: string;

async function cookieOf(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

async function adminSession(browser: Browser, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginDemoAdmin(page, username, password);
  return { context, page, cookie: await cookieOf(context) };
}

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  target = demoBranchMember();
  branch = await adminSession(browser, 'branch');
  county = await adminSession(browser, 'county');
  host = await adminSession(browser, 'host');
  memberId = await demoMemberId(branch.page, target);

  // An archive admin with pii_reveal of an enterprise branch: another subtree than the member's.
  await county.page.goto('/admin/accounts');
  // A retry runs this again against the same server, where the first attempt's account exists.
  const outsiderName = `outsider${testInfo.retry || ''}`;
  await county.page.getByLabel('用户名').fill(outsiderName);
  await county.page.getByLabel('姓名或称呼').fill('果业支部管理员');
  const orgValue = await county.page.locator('#orgId option', { hasText: '秦川果业' }).getAttribute('value');
  await county.page.getByLabel('所属组织').selectOption(orgValue!);
  await county.page.getByLabel('档案', { exact: true }).check();
  await county.page.getByLabel('查看完整身份信息').check();
  await county.page.getByRole('button', { name: '创建账号' }).click();
  const created = county.page.getByText(/账号已创建/);
  await expect(created).toBeVisible();
  const setupCode = /代码 (\S+) 告知/.exec((await created.textContent())!)![1];
  const outsiderContext = await browser.newContext();
  const outsiderPage = await outsiderContext.newPage();
  await outsiderPage.goto('/reset');
  await outsiderPage.getByLabel('账号').fill(outsiderName);
  await outsiderPage.getByLabel('重置码').fill(setupCode);
  await outsiderPage.getByLabel('密码', { exact: true }).fill('Guoye#Zhibu2026');
  await outsiderPage.getByLabel('再次输入密码').fill('Guoye#Zhibu2026');
  await outsiderPage.getByRole('button', { name: '重置密码' }).click();
  await expect(outsiderPage.getByText('密码已重置，请用新密码登录。')).toBeVisible();
  await loginDemoAdmin(outsiderPage, outsiderName, 'Guoye#Zhibu2026');
  outsider = { context: outsiderContext, page: outsiderPage, cookie: await cookieOf(outsiderContext) };

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto('/login');
  await memberPage.getByLabel('身份证号或手机号').fill(demoMemberPhone());
  await memberPage.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await memberPage.getByRole('button', { name: '登录' }).click();
  await memberPage.waitForURL((url) => url.pathname === '/');
  member = { context: memberContext, page: memberPage, cookie: await cookieOf(memberContext) };
});

test.afterAll(async () => {
  for (const session of [branch, county, host, outsider, member]) await session?.context.close();
});

test('a branch admin opens a member, records a contact, edits the work unit and sees the change in the history', async () => {
  const { page } = branch;
  const today = beijingDay();
  await page.goto(`/admin/members/${memberId}`);
  await expect(page.getByRole('heading', { level: 1, name: target.name })).toBeVisible();
  await expect(page.getByText(target.branchName).first()).toBeVisible();
  // Masked, and no reveal for an admin without pii_reveal.
  await expect(page.getByText(`${target.idNumber.slice(0, 6)}********${target.idNumber.slice(-4)}`)).toBeVisible();
  await expect(page.getByRole('button', { name: /^查看完整/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '外出情况' })).toBeVisible();

  await page.getByLabel('联系方式').selectOption({ label: '走访' });
  await page.getByLabel('情况记录（选填，500字以内）').fill('走访家属，了解在外务工情况。');
  await page.getByRole('button', { name: '保存联系记录' }).click();
  await expect(page.getByText('联系记录已保存。')).toBeVisible();
  await expect(page.getByRole('row', { name: /走访家属，了解在外务工情况。/ })).toContainText(today);
  await expect(page.getByText(`最近联系：${today}`)).toBeVisible();

  await page.getByRole('link', { name: '修改档案' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `修改档案：${target.name}` })).toBeVisible();
  await page.getByLabel('工作单位').fill('清源县农机服务站');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByText('已保存 1 项修改。')).toBeVisible();

  await page.getByRole('link', { name: '返回档案' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: target.name })).toBeVisible();
  const change = page.getByRole('row', { name: /工作单位：.* → 清源县农机服务站/ });
  await expect(change).toContainText('管理员修改');
  await expect(page.getByRole('row', { name: new RegExp(`最近联系：.* → ${today}`) })).toContainText('记录联系');
});

test('a county admin with pii_reveal reveals an ID number once, and the audit log records the reveal without it', async () => {
  const { page } = county;
  await page.goto(`/admin/members/${memberId}`);
  const masked = `${target.idNumber.slice(0, 6)}********${target.idNumber.slice(-4)}`;
  await expect(page.getByText(masked)).toBeVisible();
  await page.getByRole('button', { name: '查看完整身份证号' }).click();
  await expect(page.getByTestId('revealed-idNumber')).toHaveText(target.idNumber);
  // Revealed for this view only: a reload shows the masked form again.
  await page.reload();
  await expect(page.getByText(masked)).toBeVisible();
  await expect(page.getByTestId('revealed-idNumber')).toHaveCount(0);

  await page.goto('/admin/audit');
  const row = page.getByRole('row', { name: /member\.reveal/ }).first();
  await expect(row).toContainText('{"field":"idNumber"}');
  expect(await page.content()).not.toContain(target.idNumber);
});

test('reveal, edit and contact posts are refused outside the subtree, without the capability, for a member and anonymously, and change nothing', async ({ baseURL }) => {
  const pagePath = `/admin/members/${memberId}`;
  const post = (cookie: string | undefined, exportedName: string, fields: Record<string, string>) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    return postAction<State>({ baseURL: baseURL!, pagePath, file: FILE, exportedName, args: [{ status: 'idle' }, form], cookie });
  };
  const today = beijingDay();
  const reveal = { memberId, field: 'idNumber' };
  const update = { memberId, workUnit: '越权修改的单位' };
  const contact = { memberId, contactedOn: today, way: 'phone', contactedBy: '越权联系人', note: '越权记录' };

  const refusals: [string, string | undefined, string, Record<string, string>][] = [
    ['admin of another subtree', outsider.cookie, 'revealMemberField', reveal],
    ['admin of another subtree', outsider.cookie, 'updateMemberRecord', update],
    ['admin of another subtree', outsider.cookie, 'recordMemberContact', contact],
    ['admin without pii_reveal', branch.cookie, 'revealMemberField', reveal],
    ['host admin without the archive capability', host.cookie, 'revealMemberField', reveal],
    ['host admin without the archive capability', host.cookie, 'updateMemberRecord', update],
    ['host admin without the archive capability', host.cookie, 'recordMemberContact', contact],
  ];
  for (const who of [
    ['member', member.cookie],
    ['anonymous', undefined],
  ] as const) {
    for (const [name, fields] of [
      ['revealMemberField', reveal],
      ['updateMemberRecord', update],
      ['recordMemberContact', contact],
    ] as const) {
      refusals.push([who[0], who[1], name, fields]);
    }
  }
  for (const [who, cookie, name, fields] of refusals) {
    const response = await post(cookie, name, fields);
    expect(response.result?.status, `${who} → ${name}`).toBe('forbidden');
    expect(response.result?.message, `${who} → ${name}`).toMatch(/没有权限|不在您的管理范围内/);
    expect(JSON.stringify(response.result)).not.toContain(target.idNumber);
  }

  // Bad input from an admin who may act: a clear message, nothing written.
  expect((await post(county.cookie, 'revealMemberField', { memberId, field: 'phone' })).result).toMatchObject({ status: 'invalid', fieldErrors: { field: ['只能查看身份证号和月收入的完整信息。'] } });
  expect((await post(branch.cookie, 'updateMemberRecord', { memberId, idNumber: '340524198001010010' })).result).toMatchObject({
    status: 'invalid',
    fieldErrors: { idNumber: ['身份证号码校验位不正确，请核对后重新输入。'] },
  });
  expect((await post(branch.cookie, 'updateMemberRecord', { memberId: 'not-a-member', workUnit: 'x' })).result?.status).toBe('invalid');
  expect((await post(branch.cookie, 'recordMemberContact', { ...contact, contactedOn: '2099-01-01' })).result).toMatchObject({ status: 'invalid', fieldErrors: { contactedOn: ['日期不能晚于今天。'] } });
  expect((await post(branch.cookie, 'recordMemberContact', { ...contact, way: 'telegram' })).result).toMatchObject({ status: 'invalid', fieldErrors: { way: ['请选择联系方式。'] } });

  // The page shows none of the refused writes.
  await branch.page.goto(pagePath);
  await expect(branch.page.getByRole('heading', { level: 1, name: target.name })).toBeVisible();
  const body = await branch.page.locator('main').textContent();
  expect(body).not.toContain('越权');
  // And the refused pages themselves: not found for the outsider and the host.
  for (const session of [outsider, host]) expect((await session.page.goto(pagePath))?.status()).toBe(404);
});
