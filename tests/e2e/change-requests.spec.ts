import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { postAction } from '../support/post-action';
import { DEMO_PASSWORD, demoMemberName, demoMemberPhone } from './demo';
import { loginDemoAdmin } from './fixtures';

// 修改申请 and 摸底排查 end to end: the demo member asks, the branch approves or rejects, the
// county runs a census; forged posts by the wrong people change nothing.

type State = { status: string; message?: string; fieldErrors?: Record<string, string[]> };
type Session = { context: BrowserContext; page: Page; cookie: string };

const pdf = (tag: string) => Buffer.from(`%PDF-1.7\n% ${tag}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');

async function cookieOf(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

async function memberSession(browser: Browser): Promise<Session> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login?next=/archive');
  await page.getByLabel('身份证号或手机号').fill(demoMemberPhone());
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/archive');
  return { context, page, cookie: await cookieOf(context) };
}

async function adminSession(browser: Browser, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginDemoAdmin(page, username, password);
  return { context, page, cookie: await cookieOf(context) };
}

/** Files a request through the form: ticks each field, types its new value, uploads evidence. */
async function fileRequest(page: Page, changes: Record<string, string>, reason: string, evidence?: { name: string; buffer: Buffer }) {
  await page.goto('/archive/request');
  for (const [label, value] of Object.entries(changes)) {
    await page.getByRole('checkbox', { name: new RegExp(`^${label}`) }).check();
    await page.getByLabel(`${label}（新）`).fill(value);
  }
  await page.getByLabel('修改理由').fill(reason);
  if (evidence) {
    await page.locator('input[type="file"]').setInputFiles({ name: evidence.name, mimeType: 'application/pdf', buffer: evidence.buffer });
    await expect(page.getByText(`${evidence.name} 已上传`)).toBeVisible();
  }
  await page.getByRole('button', { name: '提交修改申请' }).click();
  await page.waitForURL((url) => url.pathname === '/archive' && url.searchParams.get('filed') === '1');
  await expect(page.getByText('修改申请已提交，请等待党支部审核。')).toBeVisible();
}

const memberName = demoMemberName;

test.describe.serial('change requests and the census', () => {
  let member: Session;
  let branch: Session;
  let county: Session;

  test.beforeAll(async ({ browser }) => {
    // Three sign-ins, two of them first-time TOTP enrolments.
    test.setTimeout(120_000);
    member = await memberSession(browser);
    branch = await adminSession(browser, 'branch');
    county = await adminSession(browser, 'county');
  });

  test.afterAll(async () => {
    for (const session of [member, branch, county]) await session?.context.close();
  });

  test('the member files a change of 工作单位 with evidence, the branch approves, the member sees it applied', async () => {
    const { page } = member;
    await expect(page.getByRole('heading', { level: 1, name: '我的档案' })).toBeVisible();
    await fileRequest(page, { 工作单位: '东莞市长安镇某物流有限公司' }, '2026年10月到新单位上班', { name: '劳动合同.pdf', buffer: pdf('contract') });
    const mine = page.locator('#requests > ul > li').first();
    await expect(mine).toContainText('待审核');
    await expect(mine).toContainText('东莞市长安镇某物流有限公司');
    const evidenceHref = (await mine.getByRole('link', { name: '劳动合同.pdf' }).getAttribute('href'))!;
    expect((await page.request.get(evidenceHref)).status()).toBe(200);

    // The branch admin sees it with its evidence and approves it.
    await branch.page.goto('/admin/requests');
    const row = branch.page.locator('tr', { hasText: '东莞市长安镇某物流有限公司' });
    await expect(row).toContainText(memberName());
    await expect(row).toContainText('2026年10月到新单位上班');
    expect((await branch.page.request.get(evidenceHref)).status()).toBe(200);
    await row.getByRole('button', { name: `通过 ${memberName()}`, exact: true }).click();
    await expect(row.getByText('已通过，档案已更新。')).toBeVisible();

    // The member sees the decision marked new, and the record changed.
    await page.goto('/archive');
    await expect(page.getByText('有1条修改申请已处理，请查看结果。')).toBeVisible();
    await expect(mine).toContainText('已通过');
    await expect(mine.getByText('新', { exact: true })).toBeVisible();
    const workUnit = page.locator('dl div', { has: page.getByText('工作单位', { exact: true }) });
    await expect(workUnit.locator('dd')).toHaveText('东莞市长安镇某物流有限公司');
    // Seen once, no longer new.
    await page.reload();
    await expect(page.getByText(/修改申请已处理/)).toHaveCount(0);
    await expect(mine.getByText('新', { exact: true })).toHaveCount(0);

    // 消息 tells the member too: the tab counts it unread, opening it leads back to the archive.
    const tab = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: /^消息/ });
    await expect(tab).toHaveAccessibleName(/\d+ 条未读/);
    await tab.click();
    await expect(page.getByRole('heading', { level: 1, name: '消息' })).toBeVisible();
    const told = page.getByRole('list', { name: '消息列表' }).getByRole('listitem').filter({ hasText: '修改申请已通过' }).filter({ hasText: '“工作单位”' }).first();
    await expect(told).toContainText('您申请修改的“工作单位”已审核通过，档案已更新。');
    await expect(told.getByText('未读', { exact: true })).toBeVisible();
    await told.getByRole('button', { name: '查看' }).click();
    await expect(page).toHaveURL(/\/archive$/);
    await page.goto('/notifications');
    await expect(told.getByText('未读', { exact: true })).toHaveCount(0);
  });

  test('the county opens a census, the member confirms in one tap, completion shows', async () => {
    const { page } = county;
    await page.goto('/admin/census');
    const title = '2026年度流动党员摸底排查';
    await page.getByLabel('标题').fill(title);
    await page.getByLabel('说明').fill('请在截止日期前核对本人档案');
    const today = await page.getByLabel('截止日期').getAttribute('min');
    await page.getByLabel('截止日期').fill(today!);
    await page.getByRole('button', { name: '发起' }).click();
    await expect(page.getByText('摸底排查已发起，范围内党员将在“我的档案”中看到提示。')).toBeVisible();
    await page.reload();
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const responded = page.locator('dl div', { hasText: '已响应' }).locator('dd');
    await expect(responded).toHaveText(/^0 \/ \d+$/);
    const total = Number((await responded.textContent())!.split('/')[1]);

    await member.page.goto('/archive');
    const banner = member.page.getByRole('region', { name: `摸底排查：${title}` });
    await expect(banner).toContainText('请在截止日期前核对本人档案');
    await banner.getByRole('button', { name: '确认无误' }).click();
    await expect(member.page.getByText(`${title}：您已确认档案信息无误。`)).toBeVisible();
    await expect(banner).toHaveCount(0);

    await page.reload();
    await expect(responded).toHaveText(`1 / ${total}`);
    // One branch (the member's) has one answer; its list of those still to answer leaves the member out.
    const answeredBranch = page.getByRole('region', { name: '各党组织完成情况' }).locator('tr', { hasText: /(^|\D)1 \/ \d+/ });
    await expect(answeredBranch).toHaveCount(1);
    const branchTotal = Number(/1 \/ (\d+)/.exec((await answeredBranch.textContent())!)![1]);
    await answeredBranch.getByRole('link').click();
    const stillToAnswer = page.getByRole('region', { name: '尚未响应的党员' }).locator('tbody tr');
    await expect(stillToAnswer).toHaveCount(Math.min(branchTotal - 1, 50));
    await expect(stillToAnswer.filter({ hasText: memberName() })).toHaveCount(0);

    await page.getByRole('button', { name: '结束排查' }).click();
    await expect(page.getByText('摸底排查已结束。')).toBeVisible();
  });

  test('forged decisions by another subtree’s admin, by a member or anonymously are refused', async ({ browser, baseURL }) => {
    // Creating and enrolling the other town's admin takes a few page loads.
    test.setTimeout(120_000);
    // A request to decide: 职业, filed by the member.
    await fileRequest(member.page, { 职业: '仓库管理员' }, '换岗位');
    await county.page.goto('/admin/requests');
    const row = county.page.locator('tr', { hasText: '仓库管理员' });
    const requestId = await row.locator('input[name="requestId"]').first().inputValue();
    await branch.page.goto('/admin/requests?status=approved');
    const evidenceHref = (await branch.page.getByRole('link', { name: '劳动合同.pdf' }).getAttribute('href'))!;

    // An archive admin of another town: created by the county, enrolled, then forging posts.
    await county.page.goto('/admin/accounts');
    await county.page.getByLabel('用户名').fill('lingqian');
    await county.page.getByLabel('姓名或称呼').fill('陵前镇管理员');
    await county.page.getByLabel('所属组织').selectOption({ label: '　中共清源县陵前镇委员会' });
    await county.page.getByLabel('档案', { exact: true }).check();
    await county.page.getByRole('button', { name: '创建账号' }).click();
    const code = /代码 (\S+) 告知/.exec((await county.page.getByText(/账号已创建/).textContent())!)![1];
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await other.goto('/reset');
    await other.getByLabel('账号').fill('lingqian');
    await other.getByLabel('重置码').fill(code);
    await other.getByLabel('密码', { exact: true }).fill('Shanhe#Qiao2026');
    await other.getByLabel('再次输入密码').fill('Shanhe#Qiao2026');
    await other.getByRole('button', { name: '重置密码' }).click();
    await expect(other.getByText('密码已重置，请用新密码登录。')).toBeVisible();
    await loginDemoAdmin(other, 'lingqian', 'Shanhe#Qiao2026');
    const otherCookie = await cookieOf(otherContext);

    const post = (cookie: string | undefined, exportedName: string, fields: Record<string, string>, file = 'lib/change-requests/actions.ts', pagePath = '/admin/requests') => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.set(key, value);
      return postAction<State>({ baseURL: baseURL!, pagePath, file, exportedName, args: [{ status: 'idle' }, form], cookie });
    };
    for (const [who, cookie, message] of [
      ['another town’s admin', otherCookie, '该党员不在您的管理范围内。'],
      ['a member', member.cookie, '您没有权限进行此操作。'],
      ['anonymous', undefined, '您没有权限进行此操作。'],
    ] as const) {
      expect((await post(cookie, 'approveRequest', { requestId })).result, who).toEqual({ status: 'forbidden', message });
      expect((await post(cookie, 'rejectRequest', { requestId, reason: '伪造的拒绝' })).result, who).toEqual({ status: 'forbidden', message });
    }
    // Nor may they see the other member's evidence, or close the county's census.
    expect((await other.request.get(evidenceHref)).status()).toBe(404);
    await county.page.goto('/admin/census');
    const censusId = (await county.page.getByRole('link', { name: '2026年度流动党员摸底排查' }).getAttribute('href'))!.split('/').pop()!;
    expect((await post(branch.cookie, 'closeCensusAction', { censusId }, 'lib/census/actions.ts', '/admin/census')).result?.status).toBe('forbidden');
    expect((await post(county.cookie, 'approveRequest', { requestId: 'not-a-uuid' })).result?.status).toBe('invalid');
    await otherContext.close();

    // Still pending: the branch rejects it with a reason, and the member reads it.
    await branch.page.goto('/admin/requests');
    const pendingRow = branch.page.locator('tr', { hasText: '仓库管理员' });
    await pendingRow.getByLabel('不通过的理由').fill('请先与支部书记谈话确认岗位');
    await pendingRow.getByRole('button', { name: /^不通过/ }).click();
    await expect(pendingRow.getByText('已退回，党员将看到不通过的理由。')).toBeVisible();
    await member.page.goto('/archive');
    const rejected = member.page.locator('#requests > ul > li', { hasText: '仓库管理员' });
    await expect(rejected).toContainText('未通过');
    await expect(rejected).toContainText('请先与支部书记谈话确认岗位');
  });
});
