import { expect, test } from '@playwright/test';
import { generateDemoCounty } from '../../db/seed/demo-county';
import { DEMO_PASSWORD } from './demo';
import { demoBranchMember, demoMemberId } from './demo-member';
import { loginDemoAdmin } from './fixtures';

// 电话通知 as a branch secretary uses it: a list for an activity, a number shown in full (audited)
// and dialled from the page, two calls recorded, and both calls in the member's contact log.

test('a branch secretary makes a call list, reveals a number, records 无人接听 then 已接通, and the contact log shows both calls', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const target = demoBranchMember();
  const phone = generateDemoCounty().members.find((member) => member.name === target.name && member.idNumber === target.idNumber)!.phone;

  // The county gives the demo branch a secretary who may see full numbers (the seed's branch admin may not).
  const countyContext = await browser.newContext();
  const county = await countyContext.newPage();
  await loginDemoAdmin(county, 'county', DEMO_PASSWORD);
  const username = `callsec${testInfo.retry || ''}`;
  await county.goto('/admin/accounts');
  await county.getByLabel('用户名').fill(username);
  await county.getByLabel('姓名或称呼').fill('电话通知书记');
  const options = county.locator('#orgId option');
  const texts = await options.allTextContents();
  const index = texts.findIndex((text) => text.replace(/^[\s　]+/, '') === target.branchName);
  await county.getByLabel('所属组织').selectOption((await options.nth(index).getAttribute('value'))!);
  await county.getByLabel('档案', { exact: true }).check();
  await county.getByLabel('查看完整身份信息').check();
  await county.getByRole('button', { name: '创建账号' }).click();
  const created = county.getByText(/账号已创建/);
  await expect(created).toBeVisible();
  const setupCode = /代码 (\S+) 告知/.exec((await created.textContent())!)![1];
  const memberId = await demoMemberId(county, target);

  const secretaryContext = await browser.newContext();
  const page = await secretaryContext.newPage();
  await page.goto('/reset');
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('重置码').fill(setupCode);
  await page.getByLabel('密码', { exact: true }).fill('Dianhua#Tongzhi2026');
  await page.getByLabel('再次输入密码').fill('Dianhua#Tongzhi2026');
  await page.getByRole('button', { name: '重置密码' }).click();
  await expect(page.getByText('密码已重置，请用新密码登录。')).toBeVisible();
  await loginDemoAdmin(page, username, 'Dianhua#Tongzhi2026');

  // From the navigation to a new list for an activity, for the whole branch.
  await page.getByRole('link', { name: '电话通知' }).first().click();
  await page.getByRole('link', { name: '生成电话通知名单' }).click();
  await page.getByLabel('一项活动').check();
  const title = `七一主题党日电话通知${testInfo.retry || ''}`;
  await page.getByLabel('名单标题').fill(title);
  await page.getByLabel('活动说明（时间、地点、要求）').fill('7月1日上午9时在村委会会议室，在外党员可在线参加。');
  await expect(page.getByLabel('范围（党组织）')).toHaveValue(/\d+/);
  await page.getByRole('button', { name: '生成名单' }).click();
  await page.waitForURL(/\/admin\/call-lists\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId('call-progress')).toHaveText(/^已拨打 0 \/ \d+ 人，已接通 0 人$/);

  // A branch's list runs to pages: the secretary finds the member by name.
  await page.getByLabel('查找党员').fill(target.name);
  await page.getByRole('button', { name: '查找', exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === target.name);

  // The member's row: masked, then shown in full with a link to dial it.
  const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: target.name, exact: true }) });
  await expect(row.getByTestId('masked-phone')).toHaveText(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  await expect(page.getByText(phone)).toHaveCount(0);
  await row.getByRole('button', { name: `显示${target.name}的完整号码` }).click();
  const dial = row.getByRole('link', { name: `拨打${target.name}的电话` });
  await expect(dial).toHaveText(phone);
  await expect(dial).toHaveAttribute('href', `tel:${phone}`);

  // Two calls: nobody answered, then reached. The number stays shown while the page refreshes.
  await row.getByLabel(`${target.name}的通话备注（可选）`).fill('上午未接');
  await row.getByRole('button', { name: `${target.name}：无人接听` }).click();
  await expect(row.getByRole('status')).toHaveText(`已记录：${target.name} 无人接听，并记入其动态联系。`);
  await expect(row.getByText('无人接听 ·')).toBeVisible();
  await row.getByLabel(`${target.name}的通话备注（可选）`).fill('已告知时间地点');
  await row.getByRole('button', { name: `${target.name}：已接通` }).click();
  await expect(row.getByRole('status')).toHaveText(`已记录：${target.name} 已接通，并记入其动态联系。`);
  await expect(page.getByTestId('call-progress')).toHaveText(/^已拨打 1 \/ \d+ 人，已接通 1 人$/);
  await expect(dial).toHaveText(phone);

  // The member's contact log: both calls, the unanswered one named as such.
  await page.goto(`/admin/members/${memberId}`);
  const log = page.locator('section[aria-labelledby="contacts"]');
  const reached = log.getByRole('row').filter({ hasText: `电话通知「${title}」：已告知时间地点` });
  const missed = log.getByRole('row').filter({ hasText: `电话通知「${title}」：上午未接` });
  await expect(reached).toHaveCount(1);
  await expect(missed).toHaveCount(1);
  await expect(missed).toContainText('无人接听');
  await expect(reached).not.toContainText('无人接听');
  await expect(reached).toContainText('电话通知书记');

  // A published notice's admin page leads to a new list for it, the notice already chosen.
  await county.goto('/admin/content?tab=published');
  const notice = county.getByRole('main').getByRole('link', { name: /通知$/ }).first();
  const noticeId = (await notice.getAttribute('href'))!.split('/').pop()!;
  await notice.click();
  await county.getByRole('link', { name: '生成电话通知名单' }).click();
  await expect(county.getByLabel('通知', { exact: true })).toHaveValue(noticeId);

  // The reveal is in the audit log, without the number.
  await county.goto('/admin/audit?action=call_list.reveal');
  await expect(county.getByRole('row', { name: /call_list\.reveal/ }).filter({ hasText: '电话通知书记' }).first()).toBeVisible();
  await expect(county.getByText(phone)).toHaveCount(0);

  await countyContext.close();
  await secretaryContext.close();
});
