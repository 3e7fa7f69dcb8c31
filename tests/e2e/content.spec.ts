import { expect, test, type Browser, type Page } from '@playwright/test';
import { generateDemoCounty } from '../../db/seed/demo-county';
import { DEMO_PASSWORD, serverLog } from './demo';
import { loginDemoAdmin } from './fixtures';
import { adminSession, type Session } from './flow-sessions';

// Publishing (issue 6), end to end in a real browser: the review journey of a branch's case up
// to the whole county, and what a member of another 党委 can reach.

const demoCounty = generateDemoCounty();

/** The nth member of a town committee other than the demo committee with a name no one else has (each test its own). */
function memberOfAnotherCommittee(nth: number): { name: string; idNumber: string } {
  const committeeName = /admin\s+committee\s+(\S+) ·/.exec(serverLog())?.[1];
  const byKey = new Map(demoCounty.orgs.map((org) => [org.key, org]));
  const committeeOf = (orgKey: string): string | undefined => {
    for (let org = byKey.get(orgKey); org; org = org.parentKey ? byKey.get(org.parentKey) : undefined) if (org.type === 'party_committee' && org.parentKey) return org.name;
    return undefined;
  };
  const nameCount = new Map<string, number>();
  for (const member of demoCounty.members) nameCount.set(member.name, (nameCount.get(member.name) ?? 0) + 1);
  const member = demoCounty.members.filter((candidate) => candidate.status === 'registered' && nameCount.get(candidate.name) === 1 && committeeOf(candidate.orgKey) !== undefined && committeeOf(candidate.orgKey) !== committeeName)[nth];
  if (!committeeName || !member) throw new Error('no member of another committee in the demo county');
  return { name: member.name, idNumber: member.idNumber };
}

/** The county issues the member an activation code; the member activates and is signed in. */
async function activatedMember(browser: Browser, county: Page, member: { name: string; idNumber: string }): Promise<Session> {
  await county.goto(`/admin/accounts?q=${encodeURIComponent(member.name)}`);
  await county.locator('tr', { hasText: member.name }).getByRole('button', { name: '发放激活码' }).click();
  const code = /代码 (\S+) /.exec((await county.getByText(/请把一次性代码/).textContent())!)![1];
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/activate');
  await page.getByLabel('姓名').fill(member.name);
  await page.getByLabel('身份证号').fill(member.idNumber);
  await page.getByLabel('激活码').fill(code);
  await page.getByLabel('我已阅读并同意《个人信息保护说明》').check();
  await page.getByLabel('密码', { exact: true }).fill('学习园地Reader#2026');
  await page.getByLabel('再次输入密码').fill('学习园地Reader#2026');
  await page.getByRole('button', { name: '激活并登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return { context, page };
}

test('a member never reaches an item addressed to another committee, even by its address', async ({ browser }) => {
  const county = await browser.newContext();
  const page = await county.newPage();
  await loginDemoAdmin(page, 'county', DEMO_PASSWORD);
  const reader = await activatedMember(browser, page, memberOfAnotherCommittee(1));
  // Published by the committee to its own subtree (the demo committee, not the reader's).
  const committee = await adminSession(browser, 'committee');
  const title = `城关镇内部通知${Date.now().toString(36)}`;
  await committee.page.goto('/admin/content/new?column=notices');
  await committee.page.getByLabel('标题').fill(title);
  await committee.page.getByLabel('正文（Markdown）').fill('本通知只发给城关镇各党支部。');
  await committee.page.getByRole('button', { name: '发布', exact: true }).click();
  await committee.page.waitForURL(/\/admin\/content\/[0-9a-f-]{36}\?done=/);
  const readPath = committee.page.url().replace(/^.*\/admin\/content\//, '/read/');

  await reader.page.goto('/learn/notices');
  await expect(reader.page.getByRole('main')).not.toContainText(title);
  const response = await reader.page.goto(readPath);
  expect(response?.status()).toBe(404);
  await expect(reader.page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
  await expect(reader.page.locator('body')).not.toContainText(title);
  for (const context of [county, reader.context, committee.context]) await context.close();
});

test('a branch’s case goes up for review, comes back, is resubmitted and reaches a member of another committee, its script inert', async ({ browser }) => {
  test.setTimeout(240_000);
  const county = await adminSession(browser, 'county');
  const reader = await activatedMember(browser, county.page, memberOfAnotherCommittee(2));
  const branch = await adminSession(browser, 'branch');
  const committee = await adminSession(browser, 'committee');
  const title = `村里的务工党员互助队${Date.now().toString(36)}`;
  const script = '<script>document.title="pwned"</script>';

  // The branch writes a case for the whole county: beyond its subtree, so it goes up for review.
  await branch.page.goto('/admin/content/new?column=cases');
  await branch.page.getByLabel('标题').fill(title);
  await branch.page.getByLabel('正文（Markdown）').fill(`## 做法\n\n外出党员结对帮扶。\n\n${script}`);
  const audience = branch.page.getByLabel('发布范围');
  await audience.selectOption({ label: (await audience.locator('option', { hasText: '清源县委' }).textContent())! });
  await branch.page.getByRole('button', { name: '报上级审核' }).click();
  await branch.page.waitForURL(/\/admin\/content\/[0-9a-f-]{36}\?done=submitted/);
  await expect(branch.page.getByText('已报上级党组织审核。')).toBeVisible();
  const itemPath = new URL(branch.page.url()).pathname;

  // The committee above the branch returns it with a comment.
  await committee.page.goto('/admin/content?tab=review');
  await committee.page.getByRole('link', { name: title }).click();
  await committee.page.getByLabel('审核意见（退回时必填）').fill('请补充帮扶成效的数字。');
  await committee.page.getByRole('button', { name: '退回修改' }).click();
  await expect(committee.page.getByText('已退回修改。')).toBeVisible();

  // The branch sees the comment, edits and resubmits.
  await branch.page.goto(itemPath);
  await expect(branch.page.getByRole('main')).toContainText('请补充帮扶成效的数字。');
  await branch.page.getByRole('link', { name: '编辑' }).click();
  await branch.page.waitForURL(`**${itemPath}/edit`);
  const body = branch.page.getByLabel('正文（Markdown）');
  await body.fill(`${await body.inputValue()}\n\n一年来帮扶 12 名党员找到工作。`);
  await branch.page.getByRole('button', { name: '报上级审核' }).click();
  await branch.page.waitForURL(/\?done=submitted/);
  await expect(branch.page.getByText('已报上级党组织审核。')).toBeVisible();

  // The committee approves: county-wide is beyond it, so it goes on to the county, which publishes.
  await committee.page.goto(itemPath);
  await committee.page.getByRole('button', { name: '审核通过' }).click();
  await expect(committee.page.getByText('审核通过，已报送上一级党组织审核。')).toBeVisible();
  await county.page.goto('/admin/content?tab=review');
  await county.page.getByRole('link', { name: title }).click();
  await county.page.getByRole('button', { name: '审核通过' }).click();
  await expect(county.page.getByText('审核通过，已发布。')).toBeVisible();
  await expect(county.page.getByRole('main')).toContainText('请补充帮扶成效的数字。');

  // A member of another committee finds it among the cases and reads it; the script is text.
  await reader.page.goto('/learn/cases');
  await reader.page.getByRole('link', { name: title }).click();
  await expect(reader.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(reader.page.getByRole('main')).toContainText('一年来帮扶 12 名党员找到工作。');
  await expect(reader.page.getByRole('main')).toContainText(script);
  expect(await reader.page.title()).not.toBe('pwned');
  expect(await reader.page.locator('main script').count()).toBe(0);
  for (const session of [county, reader, branch, committee]) await session.context.close();
});
