import { expect, test, type Page } from '@playwright/test';
import { adminSession, memberSession } from './flow-sessions';

// 远程教育 (issue 6 §3) in a real browser: a committee opens a course and a member of its branch
// takes it; the demo member learns the county's course — a recording skipped to its end earns
// nothing, played through it completes, texts read through complete, and the course's 学时 reach
// the member's year.

const DEMO_COURSE = '学习《中国共产党党员教育管理工作条例》';

/** The lesson page's progress bar value, as the member sees it. */
const progressOf = async (page: Page) => Number(await page.getByRole('progressbar', { name: '学习进度' }).getAttribute('aria-valuenow'));

/** Reads a text lesson: its end comes into view, and the page stays open until the reading time has passed. */
async function readThrough(page: Page) {
  await page.getByText('— 全文完 —').scrollIntoViewIfNeeded();
  await expect(page.getByText('本课时已学完。').or(page.getByText(/课程已学完/))).toBeVisible({ timeout: 60_000 });
}

test('a committee opens a course: lessons in order, refused without a recording, published to its members', async ({ browser }) => {
  test.setTimeout(120_000);
  const committee = await adminSession(browser, 'committee');
  const page = committee.page;
  const title = `外出务工安全知识${Date.now().toString(36)}`;
  await page.goto('/admin/courses/new');
  await page.getByLabel('课程名称').fill(title);
  await page.getByLabel('课程简介').fill('建筑工地和工厂车间的安全常识。');
  await page.getByRole('button', { name: '保存课程' }).click();
  await page.waitForURL(/\/admin\/courses\/[0-9a-f-]{36}\?done=saved/);
  await expect(page.getByText('已保存。')).toBeVisible();
  const coursePath = new URL(page.url()).pathname;

  // A video lesson without its recording is refused, saying what is missing.
  await page.getByRole('link', { name: '添加课时' }).click();
  await page.getByLabel('课时名称').fill('安全帽的正确佩戴');
  await page.getByLabel('视频').check();
  await page.getByLabel('时长').fill('10:00');
  await page.getByRole('button', { name: '保存课时' }).click();
  await expect(page.getByText('视频课时须上传课件文件。')).toBeVisible();

  for (const [lesson, hours] of [
    ['高处作业安全', '1'],
    ['用电安全常识', '0.5'],
  ]) {
    await page.goto(`${coursePath}/lessons/new`);
    await page.getByLabel('课时名称').fill(lesson);
    await page.getByLabel('图文').check();
    await page.getByLabel('正文（Markdown）').fill(`## ${lesson}\n\n作业前检查安全带，高处作业必须系挂牢固。`);
    await page.getByLabel('学时').fill(hours);
    await page.getByRole('button', { name: '保存课时' }).click();
    await expect(page.getByText('课时已保存。')).toBeVisible();
  }
  await expect(page.getByRole('main')).toContainText('共 1.5 学时');
  // The second lesson goes first.
  await page.getByRole('button', { name: '上移：用电安全常识' }).click();
  await expect(page.getByText('已调整顺序。')).toBeVisible();
  await expect(page.locator('ol > li').first()).toContainText('1. 用电安全常识');

  await page.getByRole('button', { name: '发布课程' }).click();
  await expect(page.getByText('课程已发布，范围内党员现在可以学习。')).toBeVisible();
  await expect(page.getByRole('link', { name: '添加课时' })).toHaveCount(0);

  // The demo member, of a branch of this committee, finds it with its lessons in that order.
  const member = await memberSession(browser);
  await member.page.goto('/learn/courses');
  await member.page.getByRole('link', { name: new RegExp(title) }).click();
  await expect(member.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(member.page.getByRole('listitem').first()).toContainText('1. 用电安全常识');
  for (const session of [committee, member]) await session.context.close();
});

test('the demo member learns the county course honestly and earns its 学时', async ({ browser }) => {
  test.setTimeout(240_000);
  const { context, page } = await memberSession(browser);
  await page.goto('/learn/courses');
  const before = Number(/已获 ([\d.]+) 学时/.exec((await page.getByRole('heading', { name: /学时/ }).textContent()) ?? '')?.[1]);
  await page.getByRole('link', { name: new RegExp(DEMO_COURSE.replace(/[()]/g, '\\$&')) }).click();
  await page.waitForURL(/\/learn\/courses\/[0-9a-f-]{36}$/);
  const coursePath = new URL(page.url()).pathname;

  // The recording, skipped to its end and played from there: next to nothing counts.
  await page.getByRole('link', { name: /党课录音/ }).click();
  await expect(page.getByText('须实际播放满 90% 才算学完，拖动进度的部分不计入。')).toBeVisible();
  await page.getByRole('heading', { level: 1 }).click(); // a user gesture, so the page may play sound
  const audio = page.locator('audio');
  await audio.evaluate(async (element: HTMLAudioElement) => {
    await new Promise((resolve) => (element.readyState >= 1 ? resolve(null) : element.addEventListener('loadedmetadata', resolve, { once: true })));
    element.currentTime = element.duration - 1;
    await new Promise((resolve) => element.addEventListener('seeked', resolve, { once: true }));
    await element.play();
    await new Promise((resolve) => element.addEventListener('ended', resolve, { once: true }));
  });
  await page.waitForTimeout(1500);
  expect(await progressOf(page)).toBeLessThan(90);
  await expect(page.getByText('本课时已学完。')).toHaveCount(0);

  // Played through from the start: the lesson is learnt.
  await audio.evaluate(async (element: HTMLAudioElement) => {
    element.currentTime = 0;
    await new Promise((resolve) => element.addEventListener('seeked', resolve, { once: true }));
    await element.play();
    await new Promise((resolve) => element.addEventListener('ended', resolve, { once: true }));
  });
  await expect(page.getByText('本课时已学完。')).toBeVisible({ timeout: 15_000 });
  expect(await progressOf(page)).toBeGreaterThanOrEqual(90);

  // The two texts, each read through.
  for (const lesson of ['条例出台的背景和主要内容', '党员的权利和义务']) {
    await page.goto(coursePath);
    await page.getByRole('link', { name: new RegExp(lesson) }).click();
    await readThrough(page);
  }
  await expect(page.getByText('恭喜！课程已学完，2 学时已计入本年度。')).toBeVisible();
  await page.goto('/learn/courses');
  await expect(page.getByRole('heading', { name: new RegExp(`已获 ${before + 2} 学时`) })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(DEMO_COURSE.replace(/[()]/g, '\\$&')) })).toContainText('已学完');
  await context.close();
});
