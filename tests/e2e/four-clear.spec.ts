import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { addDays, monthsBefore } from '../../lib/members/four-clear';
import { postAction } from '../support/post-action';
import { DEMO_PASSWORD, demoMemberPhone } from './demo';
import { horizontalOverflow, loginDemoAdmin, seriousAxeViolations } from './fixtures';

type State = { status: string; message?: string; fieldErrors?: Record<string, string[]> };
type Session = { context: BrowserContext; page: Page; cookie: string };

const cookieOf = async (context: BrowserContext) => (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');

async function admin(browser: Browser, username: string): Promise<Session> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginDemoAdmin(page, username, DEMO_PASSWORD);
  return { context, page, cookie: await cookieOf(context) };
}

/** Today's Beijing day (UTC+8 all year). */
const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

// Admin logins need a fresh TOTP step each: sign in once per admin for the whole file.
test.describe.configure({ mode: 'serial' });
let committee: Session;
let county: Session;
test.beforeAll(async ({ browser }) => {
  committee = await admin(browser, 'committee');
  county = await admin(browser, 'county');
});
test.afterAll(async () => {
  await committee.context.close();
  await county.context.close();
});

test('a committee admin sees the 四清楚 rates of its own branches and drills into one', async () => {
  const { page } = committee;
  await page.goto('/admin/four-clear');
  const table = page.getByRole('region', { name: '四清楚' }).getByRole('table');
  await expect(table.getByRole('columnheader', { name: '去向清楚' })).toBeVisible();
  // Only the branches of 城关镇, each with a rate.
  await expect(table.getByRole('link', { name: '中共清源县城关镇东关村支部委员会' })).toBeVisible();
  await expect(table.getByRole('link', { name: /陵前镇/ })).toHaveCount(0);
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(8);
  await expect(rows.first()).toContainText('%');
  await expect(table.locator('tfoot')).toContainText('合计');

  // The branch with the most members not clear on 思想 (column 5: “clear/total”).
  const thinking = await rows.locator('td:nth-child(5) .text-xs').allTextContents();
  const gaps = thinking.map((text) => text.split('/').map(Number)).map(([clear, total]) => total - clear);
  const index = gaps.indexOf(Math.max(...gaps));
  expect(gaps[index]).toBeGreaterThan(0);
  const branch = (await rows.nth(index).getByRole('link').textContent())!;
  await rows.nth(index).getByRole('link').click();
  await expect(page.getByRole('heading', { name: `${branch}：信息不全的党员` })).toBeVisible();

  await page.getByLabel('只看').selectOption({ label: '思想不清楚' });
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/dimension=thinking/);
  const list = page.getByRole('region', { name: `${branch}：信息不全的党员` });
  const missing = await list.locator('tbody tr td:last-child').allTextContents();
  expect(missing.length).toBe(Math.min(gaps[index], 50));
  expect(new Set(missing)).toEqual(new Set(['6个月内无联系，本年度未报送外出情况汇报']));
  await expect(list.locator('tbody').getByRole('link').first()).toHaveAttribute('href', /^\/admin\/members\/[0-9a-f-]{36}$/);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Another committee’s branch is not the committee admin’s to open.
  const foreign = await page.goto('/admin/four-clear?org=999999');
  expect(foreign?.status()).toBe(404);
});

test('the warnings list shows members whose 预备期 ends within 30 days, soonest first', async () => {
  const { page } = committee;
  await page.goto('/admin/warnings');
  await page.getByRole('link', { name: /预备期30天内期满/ }).click();
  await expect(page.getByRole('heading', { name: /^预备期30天内期满（\d+ 人）$/ })).toBeVisible();
  const rows = page.getByRole('region', { name: '预备期30天内期满' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const ends = (await rows.locator('td:nth-child(4)').allTextContents()).map((text) => text.slice(0, 10));
  const until = addDays(beijingToday(), 30);
  expect(ends.every((day) => /^\d{4}-\d{2}-\d{2}$/.test(day) && day <= until)).toBe(true);
  expect([...ends].sort()).toEqual(ends);
  await expect(rows.first().getByRole('link')).toHaveAttribute('href', /^\/admin\/members\/[0-9a-f-]{36}$/);
  await expect(rows.first().locator('td:nth-child(2)')).toContainText('城关镇');
});

test('the contact overview lists a branch’s members not reached for 6 months', async () => {
  const { page } = committee;
  await page.goto('/admin/contacts');
  const link = page.getByRole('region', { name: '按党组织' }).getByRole('link', { name: /6个月以上未联系 \d+ 人/ }).first();
  const label = (await link.getAttribute('aria-label'))!;
  const count = Number(/(\d+) 人$/.exec(label)![1]);
  await link.click();
  await expect(page.getByRole('heading', { name: /6个月以上未联系的党员$/ })).toBeVisible();
  const lastContacts = await page.locator('tbody tr td:nth-child(5)').allTextContents();
  expect(lastContacts.length).toBe(Math.min(count, 50));
  const sixMonthsAgo = monthsBefore(beijingToday(), 6);
  expect(lastContacts.every((text) => text === '从未联系' || text <= sixMonthsAgo)).toBe(true);
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test('the county admin adds a skill to the dictionary and renames it', async () => {
  const { page } = county;
  await page.goto('/admin/skills');
  await page.getByLabel('技能名称', { exact: true }).fill('无人机操作');
  await page.getByLabel('类别', { exact: true }).fill('新兴技能');
  await page.getByRole('button', { name: '新增', exact: true }).click();
  await expect(page.getByText('已新增技能：无人机操作')).toBeVisible();
  await page.reload();
  const id = await page.locator('tr', { has: page.getByRole('rowheader', { name: '无人机操作' }) }).locator('input[name="skillId"]').first().inputValue();
  const row = page.locator('tr', { has: page.locator(`input[name="skillId"][value="${id}"]`) });
  await expect(row.getByRole('cell', { name: '新兴技能' })).toBeVisible();
  await row.getByLabel('“无人机操作”的新名称').fill('无人机植保');
  await row.getByRole('button', { name: '更名' }).click();
  await expect(row.getByText('已更名，0 名党员档案中的这项技能已同步更新。')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('rowheader', { name: '无人机植保' })).toBeVisible();
});

test('skill actions posted directly by anyone but the county admin change nothing', async ({ browser, baseURL }) => {
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto('/login');
  await memberPage.getByLabel('身份证号或手机号').fill(demoMemberPhone());
  await memberPage.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await memberPage.getByRole('button', { name: '登录' }).click();
  await memberPage.waitForURL((url) => url.pathname === '/');
  const member = await cookieOf(memberContext);

  const post = (cookie: string | undefined, exportedName: string, fields: Record<string, string>) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    return postAction<State>({ baseURL: baseURL!, pagePath: '/admin/skills', file: 'lib/skills/actions.ts', exportedName, args: [{ status: 'idle' }, form], cookie });
  };
  // The skill id of 驾驶, from the county’s page.
  await county.page.goto('/admin/skills');
  const drivingRow = county.page.locator('tr', { has: county.page.getByRole('rowheader', { name: '驾驶', exact: true }) });
  const drivingId = await drivingRow.locator('input[name="skillId"]').first().inputValue();

  for (const [who, cookie] of [
    ['anonymous', undefined],
    ['member', member],
    ['committee admin', committee.cookie],
  ] as const) {
    expect((await post(cookie, 'createSkill', { name: '越权技能', category: '其他' })).result, who).toEqual({ status: 'forbidden', message: '您没有权限进行此操作。' });
    expect((await post(cookie, 'renameSkill', { skillId: drivingId, name: '越权改名' })).result?.status, who).toBe('forbidden');
    expect((await post(cookie, 'setSkillActive', { skillId: drivingId, active: 'false' })).result?.status, who).toBe('forbidden');
    expect((await post(cookie, 'moveSkill', { skillId: drivingId, direction: 'down' })).result?.status, who).toBe('forbidden');
  }
  // Bad input from the county admin: a clear message, nothing written.
  const bad = await post(county.cookie, 'createSkill', { name: '电工，焊工', category: '建筑施工' });
  expect(bad.result).toMatchObject({ status: 'invalid', fieldErrors: { name: ['技能名称为1至30个字，不含顿号、逗号、分号、竖线等分隔符。'] } });
  expect((await post(county.cookie, 'renameSkill', { skillId: 'x', name: '钳工' })).result?.status).toBe('invalid');

  await county.page.reload();
  await expect(county.page.getByRole('rowheader', { name: /越权|电工，焊工/ })).toHaveCount(0);
  await expect(drivingRow).toContainText('使用中');
  await memberContext.close();
});
