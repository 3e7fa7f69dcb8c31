import ExcelJS from 'exceljs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { generateDemoCounty } from '../../db/seed/demo-county';
import { computeIdNumberCheckChar } from '../../lib/members/id-number';
import { postAction } from '../support/post-action';
import { DEMO_PASSWORD, demoMemberPhone } from './demo';
import { horizontalOverflow, loginDemoAdmin, seriousAxeViolations, viewports } from './fixtures';

const IMPORT_PAGE = '/admin/members/import';
const FILE = 'lib/members/excel/import-actions.ts';
type State = { status: string; message?: string };

async function cookieOf(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

async function adminContext(browser: Browser, username: string): Promise<{ context: BrowserContext; page: Page; cookie: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginDemoAdmin(page, username, DEMO_PASSWORD);
  return { context, page, cookie: await cookieOf(context) };
}

/** Synthetic ID numbers (valid check characters) that no demo member has. */
function freshIdNumbers(count: number): string[] {
  const taken = new Set(generateDemoCounty().members.map((member) => member.idNumber));
  const ids: string[] = [];
  for (let sequence = 901; ids.length < count; sequence += 2) {
    const first17 = `61042219750505${sequence}`;
    const id = first17 + computeIdNumberCheckChar(first17);
    if (!taken.has(id)) ids.push(id);
  }
  return ids;
}

// Serial steps sharing the branch admin's session: the forged confirmations come after the
// validation and before the real confirmation, so a forgery that worked would show in the count.
test.describe.configure({ mode: 'serial' });

let branch: { context: BrowserContext; page: Page; cookie: string };
let branchName = '';
let token = '';
let first = '';

test.beforeAll(async ({ browser }) => {
  branch = await adminContext(browser, 'branch');
});

test.afterAll(async () => {
  await branch.context.close();
});

test('a branch admin fills in the template, sees the bad row by its number, fixes it and gets a preview', async () => {
  const { page } = branch;
  await page.goto(IMPORT_PAGE);
  await expect(page.getByRole('heading', { name: '批量导入党员档案', level: 1 })).toBeVisible();

  // The template: the header, the marked example, and this admin's own branch to copy from.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载导入模板（.xlsx）' }).click()]);
  expect(download.suggestedFilename()).toBe('党员信息导入模板.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.getWorksheet('党员信息')!;
  expect(sheet.getCell('A1').value).toBe('姓名');
  expect(String(sheet.getCell('A2').value)).toMatch(/^示例/);
  branchName = String(workbook.getWorksheet('党组织')!.getCell('A2').value);
  expect(branchName).toMatch(/支部/);

  // Two members below the example; the second one's ID number has a wrong check character.
  const ids = freshIdNumbers(2);
  first = ids[0];
  const second = ids[1];
  const wrong = second.slice(0, 17) + (second[17] === '0' ? '1' : '0');
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const put = (row: number, values: Record<string, string>) => {
    for (const [label, value] of Object.entries(values)) sheet.getRow(row).getCell(header.indexOf(label)).value = value;
  };
  put(3, { 姓名: '导入甲', 身份证号: first, 党员类别: '正式党员', 入党时间: '2001-07-01', 转正时间: '2002-07-01', 所在党支部: branchName, 状态: '在册' });
  put(4, { 姓名: '导入乙', 身份证号: wrong, 党员类别: '正式党员', 所在党支部: branchName, 状态: '流出中', 外出地区: '广东省深圳市南山区', 外出原因: '务工', 外出时间: '2024-03-01' });
  const upload = async () => {
    await page.goto(IMPORT_PAGE);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await page.getByLabel('选择填好的 Excel 文件（.xlsx）').setInputFiles({ name: '党员名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await page.getByRole('button', { name: '上传并校验' }).click();
    await page.waitForURL(/\/admin\/members\/import\/[0-9a-f-]{36}$/);
  };

  await upload();
  const errors = page.getByRole('region', { name: '错误清单' });
  await expect(errors.getByRole('row', { name: '第 4 行 身份证号 身份证号码校验位不正确，请核对后重新输入。' })).toBeVisible({ timeout: 20_000 });
  await expect(errors.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('button', { name: '确认导入' })).toHaveCount(0);
  await page.screenshot({ path: 'screenshots/admin-member-import-errors-desktop.png', fullPage: true });

  put(4, { 身份证号: second });
  await upload();
  await expect(page.getByRole('button', { name: '确认导入' })).toBeVisible({ timeout: 20_000 });
  const preview = page.getByRole('region', { name: '预览（前 20 行）' });
  await expect(preview.getByRole('row', { name: /导入甲/ })).toContainText(`${first.slice(0, 6)}********${first.slice(-4)}`);
  await expect(preview.getByRole('row', { name: /导入乙/ })).toContainText('广东省 深圳市 南山区');
  token = new URL(page.url()).pathname.split('/').pop()!;
  await page.screenshot({ path: 'screenshots/admin-member-import-preview-desktop.png', fullPage: true });
});

test('the preview page fits a phone and is accessible', async () => {
  const { page } = branch;
  // The preview on a phone: no page overflow (wide tables scroll in their own box), axe clean.
  await page.setViewportSize(viewports.phone);
  await page.screenshot({ path: 'screenshots/admin-member-import-preview-phone.png', fullPage: true });
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.setViewportSize(viewports.desktop);
});

test('a host admin of another subtree and a member posting the confirmation directly are refused', async ({ browser, baseURL }) => {
  // Another archive admin holding the token is refused too: tests/integration/member-import.test.ts.
  const host = await adminContext(browser, 'host');
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto('/login');
  await memberPage.getByLabel('身份证号或手机号').fill(demoMemberPhone());
  await memberPage.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await memberPage.getByRole('button', { name: '登录' }).click();
  await memberPage.waitForURL((url) => url.pathname === '/');
  const member = await cookieOf(memberContext);
  const post = (cookie: string, exportedName: string, form: FormData) =>
    postAction<State>({ baseURL: baseURL!, pagePath: IMPORT_PAGE, file: FILE, exportedName, args: [{ status: 'idle' }, form], cookie });
  for (const [who, cookie] of [
    ['host admin', host.cookie],
    ['member', member],
  ] as const) {
    const form = new FormData();
    form.set('token', token);
    const forged = await post(cookie, 'confirmMemberImport', form);
    expect(forged.result?.status, who).toBe('forbidden');
  }
  const upload = new FormData();
  upload.set('file', new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04])]), 'x.xlsx');
  expect((await post(member, 'uploadMemberImport', upload)).result?.status).toBe('forbidden');
  // Nor may the host admin open the import.
  expect((await host.page.goto(`${IMPORT_PAGE}/${token}`))?.status()).toBe(403);
  await host.context.close();
  await memberContext.close();

  // Nothing happened: the import still waits for its owner's confirmation.
  await branch.page.reload();
  await expect(branch.page.getByRole('button', { name: '确认导入' })).toBeVisible();
});

test('the branch admin confirms, sees the count, and finds the member in the branch archive', async () => {
  const { page } = branch;
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('已导入 2 名党员。')).toBeVisible({ timeout: 20_000 });
  // The accounts page searches the archive of the admin's subtree by name.
  await page.goto(`/admin/accounts?q=${encodeURIComponent('导入甲')}`);
  await expect(page.getByRole('row', { name: /导入甲/ })).toContainText(branchName);
  await expect(page.getByRole('row', { name: /导入甲/ })).toContainText(`${first.slice(0, 6)}********${first.slice(-4)}`);
});
