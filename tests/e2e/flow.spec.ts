import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { beijingDay } from '../../lib/time/beijing';
import { DEMO_PASSWORD, demoMemberName, demoMemberPhone } from './demo';
import { loginDemoAdmin } from './fixtures';

// 外出报告 end to end (issue 5 §1): the branch records the demo member's return home and a journey
// the member did not report; the member files a report (a region that names no county is refused
// first), the branch confirms one and sends another back with a reason; the member reads each
// outcome on 外出报告 and in 消息. The demo member is seeded away and other specs (the access
// matrix) may have brought them home or left a report waiting: the first test brings them to a
// known state through the branch's own forms, so the file runs before or after any other.

type Session = { context: BrowserContext; page: Page };

const today = beijingDay();
// Places unique to this run, so a row or a message is this run's and not an earlier one's.
const run = Date.now().toString(36);
// Counties as the pages name them (regionName: province, city and county, spaced).
const BAOAN = '广东省 深圳市 宝安区';
const NANSHAN = '广东省 深圳市 南山区';
const FUTIAN = '广东省 深圳市 福田区';
const places = { byBranch: `宝安区福永街道某电子厂${run}`, confirmed: `南山区科技园某软件公司${run}`, returned: `福田区某商场${run}` };

let branch: Session;
let member: Session;
let memberPath: string;

async function memberSession(browser: Browser): Promise<Session> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login?next=/archive');
  await page.getByLabel('身份证号或手机号').fill(demoMemberPhone());
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/archive');
  return { context, page };
}

/** The demo member's record as the branch admin opens it: searched by name in the member list. */
async function openRecord(page: Page): Promise<void> {
  if (!memberPath) {
    await page.goto(`/admin/members?q=${encodeURIComponent(demoMemberName())}`);
    await page.getByRole('link', { name: demoMemberName(), exact: true }).first().click();
    await page.waitForURL(/\/admin\/members\/[0-9a-f-]{36}$/);
    memberPath = new URL(page.url()).pathname;
  } else {
    await page.goto(memberPath);
  }
  await expect(page.getByRole('heading', { level: 1, name: demoMemberName() })).toBeVisible();
}

const header = (page: Page) => page.locator('header').filter({ has: page.getByRole('heading', { level: 1 }) });
const returnForm = (page: Page) => page.getByRole('form', { name: '登记返乡' });

/** The branch records the member back today, from the record page: the member is 已返乡 and may go away again. */
async function recordReturnHome(page: Page): Promise<void> {
  const form = returnForm(page);
  await expect(form.getByLabel('返乡日期')).toHaveValue(today);
  await form.getByLabel('说明').fill('回乡照顾老人');
  await form.getByRole('button', { name: '登记返乡' }).click();
  await expect(form).toHaveCount(0);
  await expect(header(page).getByText('已返乡', { exact: true })).toBeVisible();
  await expect(page.getByRole('group').filter({ hasText: '代为登记外出' })).toBeVisible();
}

/** The newest item of the member's 消息: what the last decision sent. */
async function newestNotification(page: Page) {
  await page.goto('/notifications');
  await expect(page.getByRole('heading', { level: 1, name: '消息' })).toBeVisible();
  return page.getByRole('list', { name: '消息列表' }).getByRole('listitem').first();
}

/** Fills the member's 外出报告 form on /flow (the reason stays 务工, the date today). */
async function fillReport(page: Page, region: string, place: string) {
  const form = page.getByRole('form', { name: '填写外出报告' });
  await form.getByLabel('外出地区').fill(region);
  await form.getByLabel('详细地址或单位').fill(place);
  await form.getByLabel('外出原因').selectOption({ label: '务工' });
  await expect(form.getByLabel('外出日期')).toHaveValue(today);
  await form.getByLabel('预计外出时长（月）').fill('8');
  await form.getByLabel('在外联系电话（如与登记手机号不同）').fill('13912345678');
  return form;
}

/** The member's own waiting report, if another spec left one: taken back through the page. */
async function withdrawWaiting(page: Page) {
  await page.goto('/flow');
  const waiting = page.getByRole('region', { name: '等待支部确认' });
  if ((await waiting.count()) === 0) return;
  await waiting.getByRole('button', { name: '撤回报告' }).click();
  await expect(waiting).toHaveCount(0);
}

test.describe.serial('外出报告', () => {
  test.beforeAll(async ({ browser }) => {
    // Two sign-ins, the branch admin's perhaps a first-time TOTP enrolment.
    test.setTimeout(120_000);
    member = await memberSession(browser);
    const context = await browser.newContext();
    const page = await context.newPage();
    await loginDemoAdmin(page, 'branch', DEMO_PASSWORD);
    branch = { context, page };
  });

  test.afterAll(async () => {
    for (const session of [member, branch]) await session?.context.close();
  });

  test('the branch records the member back home, then a journey the member did not report; the member is told each time', async () => {
    const { page } = branch;
    await withdrawWaiting(member.page);
    await openRecord(page);
    // Seeded away (流出中, an open episode); another spec may have brought the member home already.
    if ((await returnForm(page).count()) > 0) {
      await expect(header(page).getByText('流出中', { exact: true })).toBeVisible();
      await recordReturnHome(page);
    }

    // 代为登记外出: the form sits folded under the outflow table.
    const details = page.getByRole('group').filter({ hasText: '代为登记外出' });
    await details.locator('summary').click();
    const open = page.getByRole('form', { name: '代为登记外出' });
    await expect(details.getByText('党员未报告就已外出的，由支部代为登记；党员会收到通知。')).toBeVisible();
    await open.getByLabel('外出地区').fill('广东省深圳市宝安区');
    await open.getByLabel('详细地址或单位').fill(places.byBranch);
    await open.getByLabel('外出原因').selectOption({ label: '经商' });
    await open.getByLabel('预计外出时长（月）').fill('3');
    await open.getByRole('button', { name: '登记外出' }).click();
    await expect(header(page).getByText('流出中', { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: '外出情况' }).getByRole('row', { name: new RegExp(places.byBranch) })).toContainText(`${today} 至 今`);
    await expect(returnForm(page)).toBeVisible();

    // The member reads it: away, recorded by the branch, and cannot file a report meanwhile.
    const told = await newestNotification(member.page);
    await expect(told.getByRole('heading', { name: '支部已为您登记外出' })).toBeVisible();
    await expect(told).toContainText(`支部已为您登记外出（${BAOAN} ${places.byBranch}）。`);
    await expect(told.getByText('未读', { exact: true })).toBeVisible();
    await told.getByRole('button', { name: '查看' }).click();
    await member.page.waitForURL((url) => url.pathname === '/flow');
    const away = member.page.getByRole('region', { name: '当前外出情况' });
    await expect(away).toContainText(`${BAOAN} ${places.byBranch}`);
    await expect(away).toContainText(`${today} 起在外 · 经商`);
    await expect(member.page.getByRole('form', { name: '填写外出报告' })).toHaveCount(0);
    const history = member.page.getByRole('region', { name: '报告记录' }).getByRole('listitem').filter({ hasText: places.byBranch });
    await expect(history).toContainText('已确认');
    await expect(history).toContainText('由支部代为登记');

    // Back home: the branch records it, and the member may report again.
    await recordReturnHome(page);
    await expect(page.getByRole('region', { name: '外出情况' }).getByRole('row', { name: new RegExp(places.byBranch) })).toContainText(`${today} 至 ${today}`);
    const home = await newestNotification(member.page);
    await expect(home).toContainText('已登记返乡');
    await expect(home).toContainText(`支部已登记您于 ${today} 返乡。欢迎回家！`);
    await member.page.goto('/flow');
    await expect(member.page.getByRole('region', { name: '当前外出情况' })).toHaveCount(0);
    await expect(member.page.getByRole('form', { name: '填写外出报告' })).toBeVisible();
  });

  test('the member files a report from 我的档案 (a region that is no county is refused, nothing filed); the branch confirms it', async () => {
    const { page } = member;
    await page.goto('/archive');
    await page.getByRole('link', { name: /^外出报告/ }).click();
    await page.waitForURL((url) => url.pathname === '/flow');
    await expect(page.getByRole('heading', { level: 1, name: '外出报告' })).toBeVisible();

    // Not a place at all, then a province: each refused with its message, and nothing waits.
    let form = await fillReport(page, '火星市奥林匹斯山区', places.confirmed);
    await form.getByRole('button', { name: '提交外出报告' }).click();
    await expect(form.getByText('无法识别外出地区，请写到区县，如“广东省深圳市南山区”，或填写 6 位行政区划代码。')).toBeVisible();
    await expect(form.getByLabel('外出地区')).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/flow$/);
    await form.getByLabel('外出地区').fill('广东省');
    await form.getByRole('button', { name: '提交外出报告' }).click();
    await expect(form.getByText('外出地区请写到区县一级，如“广东省深圳市南山区”。')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('region', { name: '等待支部确认' })).toHaveCount(0);
    await expect(page.getByText(places.confirmed)).toHaveCount(0);
    await branch.page.goto('/admin/flow');
    await expect(branch.page.getByRole('heading', { level: 1, name: '外出报告' })).toBeVisible();
    await expect(branch.page.getByText(places.confirmed)).toHaveCount(0);

    // A county the register knows: filed, and waiting for the branch.
    form = await fillReport(page, '广东省深圳市南山区', places.confirmed);
    await form.getByRole('button', { name: '提交外出报告' }).click();
    await page.waitForURL((url) => url.pathname === '/flow' && url.searchParams.get('filed') === '1');
    await expect(page.getByRole('status').filter({ hasText: '外出报告已提交，请等待支部确认。' })).toBeVisible();
    const waiting = page.getByRole('region', { name: '等待支部确认' });
    await expect(waiting).toContainText(`${NANSHAN} ${places.confirmed}`);
    await expect(waiting).toContainText(`${today}（预计 8 个月）`);
    await expect(waiting.getByRole('button', { name: '撤回报告' })).toBeVisible();
    // One report at a time: no second form while this one waits.
    await expect(page.getByRole('form', { name: '填写外出报告' })).toHaveCount(0);

    // The branch finds it through its navigation and confirms it.
    const admin = branch.page;
    await admin.goto('/admin');
    await admin.getByRole('link', { name: '外出报告', exact: true }).first().click();
    await admin.waitForURL((url) => url.pathname === '/admin/flow');
    const row = admin.getByRole('row', { name: new RegExp(places.confirmed) });
    await expect(row).toContainText(demoMemberName());
    await expect(row).toContainText('预计 8 个月');
    await expect(row).toContainText('13912345678');
    await row.getByRole('button', { name: `确认 ${demoMemberName()}`, exact: true }).click();
    await expect(row.getByText('已确认，外出登记已开始。')).toBeVisible();
    await admin.goto('/admin/flow?status=confirmed');
    await expect(admin.getByRole('row', { name: new RegExp(places.confirmed) })).toContainText('已确认');

    // The member is away now, and 消息 says so.
    await page.goto('/flow');
    await expect(page.getByRole('region', { name: '等待支部确认' })).toHaveCount(0);
    const away = page.getByRole('region', { name: '当前外出情况' });
    await expect(away).toContainText(`${NANSHAN} ${places.confirmed}`);
    await expect(away).toContainText(`${today} 起在外 · 务工`);
    await expect(page.getByRole('region', { name: '报告记录' }).getByRole('listitem').filter({ hasText: places.confirmed })).toContainText('已确认');
    const tab = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: /^消息/ });
    await expect(tab).toHaveAccessibleName(/\d+ 条未读/);
    const told = await newestNotification(page);
    await expect(told.getByRole('heading', { name: '外出报告已确认' })).toBeVisible();
    await expect(told).toContainText(`支部已确认您的外出报告（${NANSHAN} ${places.confirmed}）。`);
    await expect(told.getByText('未读', { exact: true })).toBeVisible();

    // The member's record says the same to the branch.
    await openRecord(branch.page);
    await expect(header(branch.page).getByText('流出中', { exact: true })).toBeVisible();
    await expect(branch.page.getByRole('region', { name: '外出情况' }).getByRole('row', { name: new RegExp(places.confirmed) })).toContainText(`${today} 至 今`);
  });

  test('a report the branch sends back reaches the member with its reason, and the member stays at home', async () => {
    // Home again first, then a new report.
    await openRecord(branch.page);
    await recordReturnHome(branch.page);
    const { page } = member;
    await page.goto('/flow');
    const form = await fillReport(page, '440304', places.returned);
    await form.getByRole('button', { name: '提交外出报告' }).click();
    await page.waitForURL((url) => url.searchParams.get('filed') === '1');
    // Six digits name the county too.
    await expect(page.getByRole('region', { name: '等待支部确认' })).toContainText(`${FUTIAN} ${places.returned}`);

    // Sent back: a reason is required, and the member will read it.
    const admin = branch.page;
    await admin.goto('/admin/flow');
    const row = admin.getByRole('row', { name: new RegExp(places.returned) });
    const reason = '请写明具体的商场名称和联系人';
    await row.getByRole('textbox', { name: '退回理由' }).fill(reason);
    await row.getByRole('button', { name: `退回 ${demoMemberName()}`, exact: true }).click();
    await expect(row.getByText('已退回，党员会收到退回理由。')).toBeVisible();
    await admin.goto('/admin/flow?status=returned');
    const decided = admin.getByRole('row', { name: new RegExp(places.returned) });
    await expect(decided).toContainText('已退回');
    await expect(decided).toContainText(reason);

    await page.goto('/flow');
    await expect(page.getByRole('region', { name: '等待支部确认' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: '当前外出情况' })).toHaveCount(0);
    const sentBack = page.getByRole('region', { name: '报告记录' }).getByRole('listitem').filter({ hasText: places.returned });
    await expect(sentBack).toContainText('已退回');
    await expect(sentBack).toContainText(`退回理由：${reason}`);
    // Still at home: the member may correct it and report again.
    await expect(page.getByRole('form', { name: '填写外出报告' })).toBeVisible();
    const told = await newestNotification(page);
    await expect(told.getByRole('heading', { name: '外出报告被退回' })).toBeVisible();
    await expect(told).toContainText(`您的外出报告被退回。理由：${reason}`);

    await openRecord(branch.page);
    await expect(header(branch.page).getByText('已返乡', { exact: true })).toBeVisible();
    await expect(branch.page.getByText(places.returned)).toHaveCount(0);
  });
});
