import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, demoMemberPhone } from './demo';
import { demoBranchMember, demoMemberId } from './demo-member';
import { loginDemoAdmin, horizontalOverflow, seriousAxeViolations, viewports, watchConsole } from './fixtures';

// Every page at phone and desktop size: screenshots kept for people to look at, and a failure
// on console errors, horizontal overflow or serious accessibility problems.
const pages: { name: string; path: string | (() => string); status?: number; as?: 'admin' | 'member' | 'host' }[] = [
  { name: 'member-home', path: '/' },
  { name: 'member-privacy', path: '/privacy' },
  { name: 'member-settings', path: '/settings' },
  { name: 'login', path: '/login' },
  { name: 'login-admin', path: '/login/admin' },
  { name: 'activate', path: '/activate' },
  { name: 'reset', path: '/reset' },
  { name: 'activate-claim', path: '/activate/claim' },
  { name: 'not-found', path: '/no-such-page', status: 404 },
  { name: 'admin-overview', path: '/admin', as: 'admin' },
  { name: 'admin-orgs', path: '/admin/orgs', as: 'admin' },
  { name: 'admin-accounts', path: '/admin/accounts', as: 'admin' },
  { name: 'admin-accounts-search', path: '/admin/accounts?q=%E4%BB%BB', as: 'admin' },
  { name: 'admin-audit', path: '/admin/audit', as: 'admin' },
  // A demo member's record (ids are random, so read at runtime).
  { name: 'admin-member-detail', path: () => `/admin/members/${memberId}`, as: 'admin' },
  { name: 'admin-member-edit', path: () => `/admin/members/${memberId}/edit`, as: 'admin' },
  // Change requests, 我的档案 and the census (issue 4).
  { name: 'member-archive', path: '/archive', as: 'member' },
  { name: 'member-archive-edit', path: '/archive/edit', as: 'member' },
  { name: 'member-archive-request', path: '/archive/request', as: 'member' },
  { name: 'member-notifications', path: '/notifications', as: 'member' },
  // 消息提醒 (the category × channel grid, 短信退订) and 在本设备接收推送 show only to a signed-in member.
  { name: 'member-settings-signed-in', path: '/settings', as: 'member' },
  { name: 'admin-requests', path: '/admin/requests?status=all', as: 'admin' },
  { name: 'admin-census', path: '/admin/census', as: 'admin' },
  { name: 'admin-census-detail', path: () => censusDetailPath, as: 'admin' },
  { name: 'admin-claims', path: '/admin/claims', as: 'admin' },
  { name: 'admin-claims-verified', path: '/admin/claims?status=verified', as: 'admin' },
  { name: 'admin-members', path: '/admin/members', as: 'admin' },
  { name: 'admin-four-clear', path: '/admin/four-clear', as: 'admin' },
  { name: 'admin-warnings', path: '/admin/warnings', as: 'admin' },
  { name: 'admin-warnings-probation', path: '/admin/warnings?kind=probation_ending', as: 'admin' },
  { name: 'admin-contacts', path: '/admin/contacts', as: 'admin' },
  // 电话通知 (issue 7 §2): the lists, a new list, and a list with a call recorded.
  { name: 'admin-call-lists', path: '/admin/call-lists', as: 'admin' },
  { name: 'admin-call-lists-new', path: '/admin/call-lists/new', as: 'admin' },
  { name: 'admin-call-list', path: () => callListPath, as: 'admin' },
  { name: 'admin-skills', path: '/admin/skills', as: 'admin' },
  { name: 'admin-member-import', path: '/admin/members/import', as: 'admin' },
  // 外出报告 (issue 5 §1): the member's page (a report waiting, when the member is at home) and the branch's queue.
  { name: 'member-flow', path: '/flow', as: 'member' },
  { name: 'admin-flow', path: '/admin/flow', as: 'admin' },
  { name: 'admin-flow-all', path: '/admin/flow?status=all', as: 'admin' },
  // The flow lifecycle (issue 5 §2–§6): the member's card, the certificate register, transfers,
  // the overview, and the host admin's 报到 queue and card check.
  { name: 'member-card', path: '/card', as: 'member' },
  { name: 'admin-certificates', path: '/admin/certificates', as: 'admin' },
  { name: 'admin-transfers', path: '/admin/transfers', as: 'admin' },
  { name: 'admin-transfers-pocket', path: '/admin/transfers?tab=pocket', as: 'admin' },
  { name: 'admin-flow-overview', path: '/admin/flow-overview', as: 'admin' },
  { name: 'admin-hosting', path: '/admin/hosting', as: 'host' },
  { name: 'admin-inflow', path: '/admin/inflow', as: 'host' },
  { name: 'admin-inflow-left', path: '/admin/inflow?tab=left', as: 'host' },
  { name: 'admin-temporary-branches', path: '/admin/temporary-branches', as: 'admin' },
  { name: 'admin-temporary-branches-propose', path: '/admin/temporary-branches?tab=propose&place=4403', as: 'admin' },
  { name: 'admin-temporary-branches-pending', path: '/admin/temporary-branches?tab=pending', as: 'admin' },
  { name: 'admin-hosting-accepted', path: '/admin/hosting?tab=accepted', as: 'host' },
  { name: 'admin-verify', path: '/admin/verify', as: 'host' },
  // Publishing and learning (issue 6): the member's home with content, columns, search and a
  // regulation with its table of contents; the admin's list, editor, review and item pages.
  { name: 'member-home-signed-in', path: '/', as: 'member' },
  { name: 'member-learn', path: '/learn', as: 'member' },
  { name: 'member-learn-search', path: '/learn?q=%E5%85%9A%E5%91%98', as: 'member' },
  { name: 'member-learn-regulations', path: '/learn/regulations', as: 'member' },
  { name: 'member-read-regulation', path: () => regulationPath, as: 'member' },
  { name: 'admin-content', path: '/admin/content', as: 'admin' },
  { name: 'admin-content-published', path: '/admin/content?tab=published', as: 'admin' },
  { name: 'admin-content-new', path: '/admin/content/new', as: 'admin' },
  { name: 'admin-content-new-jobs', path: '/admin/content/new?column=jobs', as: 'admin' },
  { name: 'admin-content-item', path: () => contentItemPath, as: 'admin' },
  { name: 'admin-content-edit', path: () => `${contentItemPath}/edit`, as: 'admin' },
  { name: 'admin-content-columns', path: '/admin/content/columns', as: 'admin' },
  // 远程教育: the member's courses with the year's 学时, a course, a text and an audio lesson; the
  // admin's list, a published and a draft course, and the lesson form.
  { name: 'member-courses', path: '/learn/courses', as: 'member' },
  { name: 'member-course', path: () => coursePaths.member, as: 'member' },
  { name: 'member-lesson-text', path: () => coursePaths.textLesson, as: 'member' },
  { name: 'member-lesson-audio', path: () => coursePaths.audioLesson, as: 'member' },
  { name: 'admin-courses', path: '/admin/courses', as: 'admin' },
  { name: 'admin-courses-new', path: '/admin/courses/new', as: 'admin' },
  { name: 'admin-course-published', path: () => coursePaths.adminPublished, as: 'admin' },
  { name: 'admin-course-draft', path: () => coursePaths.adminDraft, as: 'admin' },
  { name: 'admin-lesson-new', path: () => `${coursePaths.adminDraft}/lessons/new`, as: 'admin' },
  { name: 'admin-lesson-edit', path: () => coursePaths.adminLesson, as: 'admin' },
  // The installable app (issue 7 §3): the offline page the service worker shows for a page it cannot fetch.
  { name: 'member-offline', path: '/~offline', as: 'member' },
];

fs.mkdirSync('screenshots', { recursive: true });

// One admin session for the whole file: the county admin enrols once.
let adminState: Awaited<ReturnType<import('@playwright/test').BrowserContext['storageState']>> | undefined;
let memberState: typeof adminState;
let hostState: typeof adminState;
let memberId = '';
let censusDetailPath = '/admin/census';
let callListPath = '/admin/call-lists';
let regulationPath = '/learn/regulations';
let contentItemPath = '/admin/content';
const coursePaths = { member: '/learn/courses', textLesson: '/learn/courses', audioLesson: '/learn/courses', adminPublished: '/admin/courses', adminDraft: '/admin/courses', adminLesson: '/admin/courses' };
test.beforeAll(async ({ browser }) => {
  // Two admin sign-ins, each perhaps waiting for the next authenticator step.
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginDemoAdmin(page, 'county', DEMO_PASSWORD);
  memberId = await demoMemberId(page, demoBranchMember());
  adminState = await context.storageState();
  censusDetailPath = await someCensusDetail(page);
  callListPath = await someCallList(page);
  // A published regulation (the demo's 党章): its admin page, and the same item as members read it.
  await page.goto('/admin/content?tab=published');
  contentItemPath = (await page.getByRole('link', { name: '中国共产党章程' }).getAttribute('href'))!;
  regulationPath = contentItemPath.replace('/admin/content/', '/read/');
  // The demo's published county course and the committee's draft, and a lesson of the draft.
  await page.goto('/admin/courses');
  coursePaths.adminPublished = (await page.getByRole('link', { name: '学习《中国共产党党员教育管理工作条例》' }).getAttribute('href'))!;
  coursePaths.adminDraft = (await page.getByRole('link', { name: '城关镇流动党员就业技能培训' }).getAttribute('href'))!;
  await page.goto(coursePaths.adminDraft);
  coursePaths.adminLesson = (await page.getByRole('link', { name: '编辑：电工安全操作要点' }).getAttribute('href'))!;
  await context.close();

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto('/login');
  await memberPage.getByLabel('身份证号或手机号').fill(demoMemberPhone());
  await memberPage.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await memberPage.getByRole('button', { name: '登录' }).click();
  await memberPage.waitForURL((url) => url.pathname === '/');
  await reportWaiting(memberPage);
  await memberPage.goto('/learn/courses');
  coursePaths.member = (await memberPage.getByRole('link', { name: /学习《中国共产党党员教育管理工作条例》/ }).getAttribute('href'))!;
  await memberPage.goto(coursePaths.member);
  coursePaths.textLesson = (await memberPage.getByRole('link', { name: /条例出台的背景和主要内容/ }).getAttribute('href'))!;
  coursePaths.audioLesson = (await memberPage.getByRole('link', { name: /党课录音/ }).getAttribute('href'))!;
  memberState = await memberContext.storageState();
  await memberContext.close();

  const hostContext = await browser.newContext();
  await loginDemoAdmin(await hostContext.newPage(), 'host', DEMO_PASSWORD);
  hostState = await hostContext.storageState();
  await hostContext.close();
});

/** A call list to look at: an existing one, or one made here for the demo branch with one call recorded. */
async function someCallList(page: import('@playwright/test').Page): Promise<string> {
  await page.goto('/admin/call-lists');
  const first = page.getByRole('region', { name: '通知名单' }).getByRole('link').first();
  if ((await first.count()) > 0) return (await first.getAttribute('href'))!;
  await page.goto('/admin/call-lists/new');
  await page.getByLabel('一项活动').check();
  await page.getByLabel('名单标题').fill('七一主题党日');
  await page.getByLabel('活动说明（时间、地点、要求）').fill('7月1日上午9时在村委会会议室，在外党员可在线参加。');
  const branchName = demoBranchMember().branchName;
  const options = page.locator('#call-orgId option');
  const index = (await options.allTextContents()).findIndex((text) => text.replace(/^[\s　]+/, '') === branchName);
  await page.getByLabel('范围（党组织）').selectOption((await options.nth(index).getAttribute('value'))!);
  await page.getByRole('button', { name: '生成名单' }).click();
  await page.waitForURL(/\/admin\/call-lists\/[0-9a-f-]{36}$/);
  const entry = page.getByTestId('call-entry').first();
  await entry.getByRole('button', { name: /：无人接听$/ }).click();
  await entry.getByRole('status').waitFor();
  return new URL(page.url()).pathname;
}

/** A census detail page to look at: an existing census, or one opened (and closed, so no member is asked) here. */
async function someCensusDetail(page: import('@playwright/test').Page): Promise<string> {
  await page.goto('/admin/census');
  const first = page.getByRole('region', { name: '排查任务' }).getByRole('link').first();
  const opened = (await first.count()) === 0;
  if (opened) {
    await page.getByLabel('标题').fill('界面检查用摸底排查');
    await page.getByLabel('截止日期').fill((await page.getByLabel('截止日期').getAttribute('min'))!);
    await page.getByRole('button', { name: '发起' }).click();
    await page.getByRole('status').filter({ hasText: '摸底排查已发起' }).waitFor();
    await page.reload();
  }
  const href = (await first.getAttribute('href'))!;
  if (opened) {
    await page.goto(href);
    await page.getByRole('button', { name: '结束排查' }).click();
    await page.getByText('摸底排查已结束。').waitFor();
  }
  return href;
}

/**
 * A 外出报告 waiting for the branch, so /flow and the queue show one: filed here when the demo
 * member is at home with none waiting (seeded away, the member is home after tests/e2e/flow.spec.ts).
 */
async function reportWaiting(page: import('@playwright/test').Page): Promise<void> {
  await page.goto('/flow');
  const form = page.getByRole('form', { name: '填写外出报告' });
  if ((await form.count()) === 0) return;
  await form.getByLabel('外出地区').fill('广东省佛山市顺德区');
  await form.getByLabel('详细地址或单位').fill('北滘镇某家电制造有限公司（界面检查）');
  await form.getByLabel('预计外出时长（月）').fill('10');
  await form.getByLabel('拟报到的党组织（如已知）').fill('佛山市顺德区北滘镇流动党员党支部');
  await form.getByRole('button', { name: '提交外出报告' }).click();
  await page.waitForURL((url) => url.searchParams.get('filed') === '1');
}

for (const [size, viewport] of Object.entries(viewports)) {
  test.describe(`${size} ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    for (const entry of pages) {
      test(entry.name, async ({ browser }) => {
        const context = await browser.newContext({ viewport, storageState: entry.as === 'admin' ? adminState : entry.as === 'member' ? memberState : entry.as === 'host' ? hostState : undefined });
        const page = await context.newPage();
        const problems = watchConsole(page);
        const path = typeof entry.path === 'function' ? entry.path() : entry.path;
        const response = await page.goto(path);
        expect(response?.status()).toBe(entry.status ?? 200);
        expect(new URL(page.url()).pathname).toBe(path.split('?')[0]); // no redirect to a login page
        await page.waitForLoadState('networkidle');
        await expect(page.locator('h1').first()).toBeVisible();
        await page.screenshot({ path: `screenshots/${entry.name}-${size}.png`, fullPage: true });
        // A 404 logs its own status as a console error in Chromium; nothing else may.
        expect(problems.filter((text) => !(entry.status === 404 && text.includes('404')))).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        expect(await seriousAxeViolations(page)).toEqual([]);
        await context.close();
      });
    }
  });
}
