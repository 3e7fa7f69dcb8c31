import { expect, test, type Page } from '@playwright/test';
import { generateDemoCounty } from '../../db/seed/demo-county';
import { addDays } from '../../lib/members/four-clear';
import { beijingDay } from '../../lib/time/beijing';
import { pngBytes } from '../support/tiny-image';
import { demoActivation, demoMemberName, serverLog } from './demo';
import { adminSession, header, memberSession, openRecord, recordReturnHome, returnForm, type Session } from './flow-sessions';

// The flow lifecycle end to end (issue 5 §1–§6), in one journey: the demo member files a 外出报告
// and the branch confirms it; the branch may not issue a 活动证 (its 基层党委 does) and the
// committee issues one with a photo; the member sees 我的活动证 on 外出报告 and shows the 电子党员证 (QR code and typed code, no
// ID number); the member reports (报到) at the demo host; the host admin accepts, having checked the
// certificate, checks the typed code (an altered code is refused), records the member at a 党课
// after checking the card (the home side and the member read it) and files a 表现反馈; the home side
// reads it, while the host's view of the record lacks the ID number and income; the committee
// records the return with its 查验意见 and the certificate is 已交回. Then a 介绍信 already past its
// validity puts another member of the branch under 疑似口袋党员. Other specs (the access matrix,
// 外出报告) leave the demo member away or at home, with or without a 报到: the first step brings
// them home through the record page, so the file runs before or after any other.

const today = beijingDay();
const run = Date.now().toString(36);
const place = `宝安区西乡街道某物流园${run}`;
const feedback = `按时参加流入地支部的组织生活，主动参与社区志愿服务。${run}`;
const inspection = `在外期间按时参加组织生活，党费按月交纳。${run}`;
const county = generateDemoCounty();
const hostName = county.orgs.find((org) => org.type === 'host')!.name;

let branch: Session;
let committee: Session;
let host: Session;
let member: Session;
let memberPath: string;
let cardCode: string;
let certificateNumber: string;

const certificates = (page: Page) => page.getByRole('region', { name: '流动党员活动证' });

/** A member of the demo branch at home whose name is unique in the county, that no other spec uses. */
function letterMember(): string {
  const branchName = /admin\s+branch\s+(\S+) ·/.exec(serverLog())?.[1];
  const demoBranch = county.orgs.find((org) => org.name === branchName)!;
  const counts = new Map<string, number>();
  for (const one of county.members) counts.set(one.name, (counts.get(one.name) ?? 0) + 1);
  const passkeyMember = county.members.findLast((one) => counts.get(one.name) === 1 && one.name !== demoActivation().name)?.name;
  const candidates = county.members.filter((one) => one.orgKey === demoBranch.key && one.status === 'registered' && counts.get(one.name) === 1);
  // The access matrix takes the first of these (activation, change requests): this spec the last.
  const chosen = candidates.filter((one) => ![demoMemberName(), demoActivation().name, passkeyMember].includes(one.name)).at(-1);
  if (!chosen) throw new Error('the demo branch has no member at home to give a 介绍信');
  return chosen.name;
}

test.describe.serial('活动证、报到、电子党员证与组织关系转接', () => {
  test.beforeAll(async ({ browser }) => {
    // Four sign-ins, each admin's perhaps a first-time TOTP enrolment.
    test.setTimeout(180_000);
    member = await memberSession(browser);
    branch = await adminSession(browser, 'branch');
    committee = await adminSession(browser, 'committee');
    host = await adminSession(browser, 'host');
  });

  test.afterAll(async () => {
    for (const session of [member, branch, committee, host]) await session?.context.close();
  });

  test('the member reports the journey and the branch confirms it; the 活动证 is the committee’s to issue, with a photo', async () => {
    const { page } = branch;
    memberPath = await openRecord(page, demoMemberName());
    // Away (seeded, or left so by another spec): brought home first, a held certificate inspected.
    if ((await returnForm(page).count()) > 0) await recordReturnHome(page, '先登记返乡，活动证交回查验。');

    // The member reports the journey on 外出报告 (one another spec left waiting is taken back first).
    const mine = member.page;
    await mine.goto('/flow');
    const waiting = mine.getByRole('region', { name: '等待支部确认' });
    if ((await waiting.count()) > 0) {
      await waiting.getByRole('button', { name: '撤回报告' }).click();
      await expect(waiting).toHaveCount(0);
    }
    const report = mine.getByRole('form', { name: '填写外出报告' });
    await report.getByLabel('外出地区').fill('广东省深圳市宝安区');
    await report.getByLabel('详细地址或单位').fill(place);
    await report.getByLabel('外出原因').selectOption({ label: '务工' });
    await report.getByLabel('预计外出时长（月）').fill('6');
    await report.getByRole('button', { name: '提交外出报告' }).click();
    await mine.waitForURL((url) => url.pathname === '/flow' && url.searchParams.get('filed') === '1');

    // The branch confirms it: the journey opens.
    await page.goto('/admin/flow');
    const pending = page.getByRole('row', { name: new RegExp(place) });
    await pending.getByRole('button', { name: `确认 ${demoMemberName()}`, exact: true }).click();
    await expect(pending.getByText('已确认，外出登记已开始。')).toBeVisible();
    await page.goto(memberPath);
    await expect(header(page).getByText('流出中', { exact: true })).toBeVisible();

    // The branch is not the 基层党委: it is not offered the form (a forged post is refused: access matrix).
    await expect(page.getByRole('form', { name: '发放活动证' })).toHaveCount(0);
    await expect(certificates(page)).toContainText('未发放活动证。');

    // The committee issues it: today, for the standard term, with the holder's photo.
    const { page: admin } = committee;
    await admin.goto(memberPath);
    const issue = admin.getByRole('form', { name: '发放活动证' });
    await expect(issue.getByLabel('发证日期')).toHaveValue(today);
    await issue.getByLabel('持证人照片').setInputFiles({ name: '持证人照片.png', mimeType: 'image/png', buffer: Buffer.from(pngBytes()) });
    await issue.getByRole('button', { name: '发放活动证' }).click();
    // Issued, the record lists it and offers 换发 in place of the issue form.
    const row = certificates(admin).getByRole('row').filter({ hasText: /〔\d{4}〕\d{4}号/ }).filter({ hasText: '有效' });
    await expect(row).toHaveCount(1);
    await expect(issue).toHaveCount(0);
    await expect(admin.getByRole('group').filter({ hasText: '换发活动证' })).toBeVisible();
    certificateNumber = /〔\d{4}〕\d{4}号/.exec((await row.textContent())!)![0];
    await expect(row).toContainText('中共清源县');
    // The photo is stored and served to the keeper.
    const photo = await admin.request.get(await row.getByRole('link', { name: '查看照片' }).getAttribute('href').then((href) => href!));
    expect(photo.status()).toBe(200);
    expect(photo.headers()['content-type']).toMatch(/^image\//);
  });

  test('the member sees 我的活动证 and shows the 电子党员证: a QR code and a typed code, never the ID number', async () => {
    const { page } = member;
    await page.goto('/flow');
    const held = page.getByRole('region', { name: '我的活动证' });
    await expect(held).toContainText(certificateNumber);

    await page.goto('/archive');
    await page.getByRole('link', { name: /电子党员证/ }).click();
    await page.waitForURL((url) => url.pathname === '/card');
    await expect(page.getByRole('heading', { level: 1, name: '电子党员证' })).toBeVisible();
    const card = page.getByRole('region', { name: '电子党员证' });
    await expect(card).toContainText(demoMemberName());
    await expect(card).toContainText(certificateNumber);
    await expect(card.getByRole('img', { name: `照片：${demoMemberName()}` })).toBeVisible();
    const qr = card.getByRole('img', { name: '电子党员证二维码' });
    await expect(qr.locator('svg')).toBeVisible();
    expect((await qr.boundingBox())!.width).toBeGreaterThan(150);
    cardCode = (await card.locator('figcaption .font-mono').textContent())!.trim();
    expect(cardCode.replace(/\s+/g, '')).toMatch(/^[A-Za-z0-9_-]{28}\.[A-Za-z0-9_-]{22}$/);
    // No ID number anywhere in what the card's own response carries: not the member's, not masked,
    // not any 18-digit number. (Reached by a link, the DOM still holds 我的档案's payload.)
    const idNumber = county.members.find((one) => one.name === demoMemberName())!.idNumber;
    const response = await page.goto('/card');
    const html = await response!.text();
    expect(html).toContain(demoMemberName());
    expect(html).not.toContain(idNumber);
    expect(html).not.toContain(idNumber.slice(-4));
    expect(html).not.toMatch(/\d{6}\*+\d{3}[\dX]/);
    expect(html).not.toMatch(/\d{17}[\dX]/);
    // The typed code of this fresh page (the QR code's, renewed at every visit).
    cardCode = (await page.getByRole('region', { name: '电子党员证' }).locator('figcaption .font-mono').textContent())!.trim();
  });

  test('the member reports at the demo host; the host admin accepts, having checked the certificate', async () => {
    const { page } = member;
    await page.goto('/flow');
    const form = page.getByRole('form', { name: '到流入地报到' });
    await form.getByRole('radio', { name: '系统内的流入地党组织' }).check();
    await form.getByLabel('流入地党组织', { exact: true }).selectOption({ label: hostName });
    await expect(form.getByLabel('报到日期')).toHaveValue(today);
    await form.getByRole('button', { name: '提交报到' }).click();
    // Filed, the page shows the 报到 waiting in place of the form.
    await expect(form).toHaveCount(0);
    const registration = page.getByRole('region', { name: '到流入地报到' });
    await expect(registration).toContainText(hostName);
    await expect(registration).toContainText('待接收');

    const { page: admin } = host;
    await admin.goto('/admin/hosting?tab=pending');
    const row = admin.getByRole('row').filter({ hasText: demoMemberName() });
    await expect(row).toContainText(certificateNumber);
    // Accepting a certificate holder needs the check ticked.
    await row.getByRole('button', { name: `接收 ${demoMemberName()}`, exact: true }).click();
    await expect(row.getByText('该党员持有活动证，请查验后勾选“已查验活动证”。')).toBeVisible();
    await row.getByLabel('已查验活动证').check();
    await row.getByRole('button', { name: `接收 ${demoMemberName()}`, exact: true }).click();
    await expect(admin.getByText('已接收，党员已编入组织生活。')).toBeVisible();

    await admin.goto('/admin/hosting?tab=accepted');
    const placed = admin.getByRole('row').filter({ hasText: demoMemberName() });
    await expect(placed).toContainText('已接收');
    await expect(placed).toContainText('持活动证，在流入地无表决权、选举权和被选举权。');
    await page.reload();
    await expect(page.getByRole('region', { name: '到流入地报到' })).toContainText('已接收');
  });

  test('the host admin checks the typed code: the card shows; an altered code is refused', async () => {
    const { page } = host;
    await page.goto('/admin/verify');
    await page.getByLabel('核验码').fill(cardCode);
    await page.getByRole('button', { name: '核验', exact: true }).click();
    const shown = page.getByRole('status').filter({ hasText: demoMemberName() });
    await expect(shown).toBeVisible();
    const branchName = /admin\s+branch\s+(\S+) ·/.exec(serverLog())![1];
    await expect(shown).toContainText(branchName);
    await expect(shown).toContainText(certificateNumber);
    await expect(shown).toContainText(`已接收 · ${hostName}`);
    await expect(shown.getByRole('img', { name: `照片：${demoMemberName()}` })).toBeVisible();

    // One character inside the member id changed (the first is the format version): the signature no longer matches.
    const plain = cardCode.replace(/\s+/g, '');
    const altered = `${plain.slice(0, 10)}${plain[10] === 'A' ? 'B' : 'A'}${plain.slice(11)}`;
    await page.getByLabel('核验码').fill(altered);
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: '核验未通过' })).toHaveText('核验未通过：这不是本系统签发的电子党员证，或内容被改动过。');
    await expect(page.getByRole('status').filter({ hasText: demoMemberName() })).toHaveCount(0);
  });

  test('after checking the card the host records the member at a 党课; the host, the home side and the member see it', async () => {
    const { page } = host;
    const topic = `学习《中国共产党党员教育管理工作条例》${run}`;
    await page.goto('/admin/verify');
    await page.getByLabel('核验码').fill(cardCode);
    await page.getByRole('button', { name: '核验', exact: true }).click();
    const meeting = page.getByRole('form', { name: '为刚核验的党员登记本次组织生活' });
    await expect(meeting.getByLabel('日期')).toHaveValue(today);
    await meeting.getByLabel('形式').selectOption({ label: '党课' });
    await meeting.getByLabel('主题').fill(topic);
    await meeting.getByRole('button', { name: '记录参加情况' }).click();
    await expect(meeting.getByRole('status')).toHaveText('已记录 1 人参加。');
    // The same meeting twice is refused.
    await meeting.getByRole('button', { name: '记录参加情况' }).click();
    await expect(meeting.getByRole('status')).toHaveText('这次组织生活已经登记过其中的党员。');

    await page.goto('/admin/hosting?tab=accepted');
    await expect(page.getByRole('row').filter({ hasText: demoMemberName() })).toContainText(/在此参加组织生活 [1-9]\d* 次/);

    const line = `${today} · 党课 · ${topic} · ${hostName}`;
    await committee.page.goto(memberPath);
    const attended = committee.page.getByRole('region', { name: '在外参加组织生活' });
    await expect(attended).toContainText(line);
    await expect(attended).toContainText('凭电子党员证登记');
    await member.page.goto('/flow');
    await expect(member.page.getByRole('region', { name: '在外参加组织生活' })).toContainText(line);
  });

  test('the host files its 表现反馈; the home side reads it, and the host’s view of the record keeps the ID number and income out', async () => {
    const { page } = host;
    await page.goto('/admin/hosting?tab=accepted');
    const row = page.getByRole('row').filter({ hasText: demoMemberName() });
    await row.getByText('表现反馈', { exact: true }).click();
    const form = row.getByRole('form', { name: '表现反馈' });
    await form.getByLabel('评价').selectOption({ label: '好' });
    await form.getByLabel('参加组织生活、遵纪守法和发挥作用的情况').fill(feedback);
    await form.getByRole('button', { name: '提交表现反馈' }).click();
    // Filed, the row says so in place of the form.
    await expect(row).toContainText(`${today.slice(0, 4)} 年度已反馈`);

    const { page: home } = committee;
    await home.goto(memberPath);
    const hosting = home.getByRole('region', { name: '流入地报到与表现反馈' });
    await expect(hosting).toContainText(`${hostName} · ${today.slice(0, 4)} 年度`);
    await expect(hosting).toContainText(feedback);
    await expect(hosting).toContainText('已接收');

    // The host admin's view of the same record: what it hosts, without the home side's secrets.
    await page.goto(memberPath);
    await expect(page.getByRole('heading', { level: 1, name: demoMemberName() })).toBeVisible();
    const main = page.getByRole('main');
    await expect(main).not.toContainText('身份证号');
    await expect(main).not.toContainText('月收入');
    await expect(page.getByRole('region', { name: '流动党员活动证' })).toHaveCount(0);
    const html = await page.content();
    expect(html).not.toContain(county.members.find((one) => one.name === demoMemberName())!.idNumber);
  });

  test('the committee records the return with its 查验意见: the certificate is 已交回', async () => {
    const { page } = committee;
    await page.goto(memberPath);
    // Handing in needs the inspection written: the form will not go without it.
    const form = returnForm(page);
    await form.getByLabel('说明').fill('春节前返乡');
    await form.getByRole('button', { name: '登记返乡' }).click();
    expect(await form.getByLabel('查验意见').evaluate((field: HTMLTextAreaElement) => field.validity.valueMissing)).toBe(true);
    await expect(header(page).getByText('流出中', { exact: true })).toBeVisible();
    await recordReturnHome(page, inspection);
    const row = certificates(page).getByRole('row').filter({ hasText: certificateNumber });
    await expect(row).toContainText('已交回');
    await expect(row).toContainText(`${today} 交回`);
    await expect(row).toContainText(inspection);
    await expect(page.getByRole('region', { name: '流入地报到与表现反馈' })).toContainText('已结束');

    await member.page.goto('/card');
    await expect(member.page.getByRole('region', { name: '电子党员证' })).toContainText('未持活动证');
  });

  test('a 介绍信 past its validity with no receipt lists the member under 疑似口袋党员', async () => {
    const { page } = committee;
    const name = letterMember();
    await openRecord(page, name);
    const transfers = page.getByRole('region', { name: '组织关系转接' });
    // A letter another run left out is withdrawn first.
    const cancel = page.getByRole('form', { name: '撤销介绍信' });
    if ((await cancel.count()) > 0) {
      await cancel.getByLabel('撤销原因').fill('重新开具');
      await cancel.getByRole('button', { name: '撤销介绍信' }).click();
      await expect(cancel).toHaveCount(0);
    }
    const letter = `清组转字〔${today.slice(0, 4)}〕${run}号`;
    const issuedOn = addDays(today, -60);
    const validUntil = addDays(today, -1);
    await transfers.getByText('开具组织关系介绍信').click();
    const form = page.getByRole('form', { name: '登记转出' });
    await form.getByLabel('介绍信编号').fill(letter);
    await form.getByLabel('接收党组织（基层党委）').fill('广东省深圳市南山区粤海街道工作委员会');
    await form.getByLabel('开具日期').fill(issuedOn);
    await form.getByLabel('有效期至').fill(validUntil);
    // A paper letter entered late whose validity has already run out.
    await form.getByRole('button', { name: '登记转出' }).click();
    await expect(form).toHaveCount(0);
    await page.reload();
    const row = page.getByRole('region', { name: '组织关系转接' }).getByRole('row').filter({ hasText: letter });
    await expect(row).toContainText('待回执');
    await expect(row).toContainText('疑似口袋党员');

    await page.goto('/admin/transfers?tab=pocket');
    await expect(page.getByRole('link', { name: /疑似口袋党员/ })).toHaveAttribute('aria-current', 'page');
    const listed = page.getByRole('row').filter({ hasText: name });
    await expect(listed).toContainText(letter);
    await expect(listed).toContainText('疑似口袋党员 · 已超过有效期 1 天');
    await expect(listed).toContainText(validUntil);
  });
});
