import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './demo';
import { loginDemoAdmin } from './fixtures';

// The admin member list as each kind of admin meets it. One sign-in per admin for the whole
// file (each TOTP code is accepted once), kept as storage state.
const LIST = '/admin/members';
type State = Awaited<ReturnType<BrowserContext['storageState']>>;
const states = new Map<string, State>();

test.beforeAll(async ({ browser }) => {
  for (const username of ['branch', 'host', 'county']) {
    const context = await browser.newContext();
    await loginDemoAdmin(await context.newPage(), username, DEMO_PASSWORD);
    states.set(username, await context.storageState());
    await context.close();
  }
});

async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ storageState: states.get(username) });
  return context.newPage();
}

async function shownCount(page: Page): Promise<number> {
  const text = (await page.getByRole('status').filter({ hasText: /共 [\d,]+ 名党员/ }).textContent()) ?? '';
  return Number(/共 ([\d,]+) 名党员/.exec(text)![1].replaceAll(',', ''));
}

const table = (page: Page) => page.getByRole('region', { name: '党员列表' });
const bodyRows = (page: Page) => table(page).locator('tbody tr');

test('a branch admin filters by status and name and pages through the whole list', async ({ browser }) => {
  const page = await as(browser, 'branch');
  await page.goto(LIST);
  await expect(page.getByRole('heading', { name: '党员档案' })).toBeVisible();
  const total = await shownCount(page);
  expect(total).toBeGreaterThan(100);

  // Filter by status: the URL carries the filter, every row matches, fewer than all.
  await page.getByLabel('状态').selectOption({ label: '流出中' });
  await page.getByRole('button', { name: '筛选' }).click();
  await page.waitForURL(/status=outflow/);
  const outflow = await shownCount(page);
  expect(outflow).toBeGreaterThan(50);
  expect(outflow).toBeLessThan(total);

  // Every page of it, forwards: each member once, as many as the count says, all 流出中.
  const seen = new Set<string>();
  let pages = 0;
  for (;;) {
    pages += 1;
    await expect(bodyRows(page).locator('td:nth-child(4)').filter({ hasNotText: '流出中' })).toHaveCount(0);
    for (const href of await bodyRows(page).locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))) seen.add(href!);
    const next = page.getByRole('navigation', { name: '翻页' }).getByRole('link', { name: '下一页' });
    if ((await next.count()) === 0) break;
    const current = page.url();
    await next.click();
    await page.waitForURL((url) => url.href !== current);
  }
  expect(pages).toBeGreaterThan(1);
  expect(seen.size).toBe(outflow);

  // Back one page: a full page, with the filter kept.
  await page.getByRole('link', { name: '上一页' }).click();
  await expect(bodyRows(page)).toHaveCount(50);
  expect(page.url()).toContain('status=outflow');

  // And by name: two characters of a member's name find that member.
  const name = (await bodyRows(page).first().locator('a').textContent())!;
  await page.getByLabel('姓名').fill(name.slice(0, 2));
  await page.getByRole('button', { name: '筛选' }).click();
  await page.waitForURL(/q=/);
  expect(page.url()).not.toMatch(/before=|after=/);
  await expect(bodyRows(page).getByRole('link', { name, exact: true }).first()).toBeVisible();
  for (const cell of await bodyRows(page).locator('td:first-child').allTextContents()) expect(cell).toContain(name.slice(0, 2));
  await page.context().close();
});

test('the Excel export holds the filtered members with masked ID numbers; a full export is refused', async ({ browser }) => {
  const page = await as(browser, 'branch');
  await page.goto(`${LIST}?status=outflow`);
  const count = await shownCount(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出Excel' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^党员名单-\d{8}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const idColumn = header.indexOf('身份证号');
  const statusColumn = header.indexOf('状态');
  expect(idColumn).toBeGreaterThan(0);
  expect(sheet.rowCount - 1).toBe(count);
  sheet.eachRow((row, index) => {
    if (index === 1) return;
    expect(String(row.getCell(idColumn).value)).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(String(row.getCell(statusColumn).value)).toBe('流出中');
  });

  // No link for a full export, and typing its URL is refused with nothing but a message.
  await expect(page.getByRole('link', { name: /含完整身份证号/ })).toHaveCount(0);
  const full = await page.request.get(`${LIST}/export?full=1`);
  expect(full.status()).toBe(403);
  expect(full.headers()['content-type']).toContain('text/plain');
  expect(await full.text()).toContain('查看完整身份信息');
  await page.context().close();
});

test('a host admin sees the members hosted there, with the limited columns only, and cannot export', async ({ browser }) => {
  const page = await as(browser, 'host');
  await page.goto(LIST);
  await expect(page.getByRole('heading', { name: '党员档案' })).toBeVisible();
  expect(await shownCount(page)).toBeGreaterThan(0);
  await expect(table(page).locator('thead th')).toHaveText(['姓名', '所在党支部', '状态', '流出地', '职业', '手机号']);
  await expect(page.getByText(/\d{6}\*{8}\d{3}[\dX]/)).toHaveCount(0);
  await expect(page.getByLabel('年龄段')).toHaveCount(0);
  await expect(page.getByRole('link', { name: '导出Excel' })).toHaveCount(0);
  // Every hosted member is away (流出中) in the host's own area.
  await expect(bodyRows(page).locator('td:nth-child(3)').filter({ hasNotText: '流出中' })).toHaveCount(0);
  expect((await page.request.get(`${LIST}/export`)).status()).toBe(403);
  // A forged filter on a hidden field is ignored, not applied.
  await page.goto(`${LIST}?missing=workUnit&age=over60`);
  await expect(page.getByLabel('未填写')).toHaveValue('');
  await page.context().close();
});

test('a subtree outside the admin’s scope in the URL shows nothing of it', async ({ browser }) => {
  const county = await as(browser, 'county');
  await county.goto(LIST);
  const other = county.getByLabel('党组织').locator('option', { hasText: '西关村' });
  const otherId = (await other.getAttribute('value'))!;
  await county.goto(`${LIST}?subtree=${otherId}`);
  const otherTotal = await shownCount(county);
  expect(otherTotal).toBeGreaterThan(0);
  const otherName = (await bodyRows(county).first().locator('a').textContent())!;
  await county.context().close();

  const page = await as(browser, 'branch');
  await page.goto(`${LIST}?subtree=${otherId}`);
  await expect(page.getByRole('alert').filter({ hasText: '管理范围' })).toHaveText('所选党组织不在您的管理范围内，未显示任何党员。');
  await expect(table(page)).toHaveCount(0);
  await expect(page.getByText(otherName, { exact: true })).toHaveCount(0);
  expect((await page.request.get(`${LIST}/export?subtree=${otherId}`)).status()).toBe(404);
  await page.context().close();
});
