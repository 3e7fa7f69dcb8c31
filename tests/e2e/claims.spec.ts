import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { generateDemoCounty } from '../../db/seed/demo-county';
import { computeIdNumberCheckChar } from '../../lib/members/id-number';
import { postAction } from '../support/post-action';
import { DEMO_PASSWORD, demoActivation, serverLog } from './demo';
import { loginDemoAdmin } from './fixtures';

const CLAIMS_PAGE = '/admin/claims';
const CLAIM_FORM = '/activate/claim';
const FILE = 'lib/claims/actions.ts';
const FILED = '已提交，请等待所在党支部核实。核实后党支部会联系您并发给您激活码。';
type State = { status: string; message?: string; fieldErrors?: Record<string, string[]>; data?: Record<string, string> };

let demoIdNumbers: Set<string> | undefined;
/** A valid ID number of a Beijing-born person, which the demo county (清源县) does not hold. */
function freshIdNumber(birth: string, sequence: string): string {
  const first17 = `110101${birth}${sequence}`;
  const id = first17 + computeIdNumberCheckChar(first17);
  demoIdNumbers ??= new Set(generateDemoCounty().members.map((member) => member.idNumber));
  if (demoIdNumbers.has(id)) throw new Error('ID number taken by the demo county');
  return id;
}

const cookieOf = async (context: BrowserContext) => (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');

async function adminContext(browser: Browser, username: string): Promise<{ context: BrowserContext; page: Page; cookie: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginDemoAdmin(page, username, DEMO_PASSWORD);
  return { context, page, cookie: await cookieOf(context) };
}

async function fillClaim(page: Page, person: { name: string; idNumber: string; phone: string }, branchName: string) {
  await page.getByLabel('姓名').fill(person.name);
  await page.getByLabel('身份证号').fill(person.idNumber);
  await page.getByLabel('手机号').fill(person.phone);
  await page.getByLabel('所在党支部').selectOption({ label: branchName });
}

test('a person not in the archive files a claim, the branch verifies it and hands over a code, and the person activates with it', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const branchName = /admin\s+branch\s+(\S+) ·/.exec(serverLog())![1];
  const person = { name: '沈海燕', idNumber: freshIdNumber('19900315', '022'), phone: '13700000001' };
  const password = 'Harbour-lights-2031';

  // Activation fails (no archive): the usual answer, plus the way to file a claim.
  const personContext = await browser.newContext();
  const personPage = await personContext.newPage();
  await personPage.goto('/activate');
  await personPage.getByLabel('姓名').fill(person.name);
  await personPage.getByLabel('身份证号').fill(person.idNumber);
  await personPage.getByLabel('激活码').fill('ABCD-EFGH');
  await personPage.getByLabel('我已阅读并同意《个人信息保护说明》').check();
  await personPage.getByLabel('密码', { exact: true }).fill(password);
  await personPage.getByLabel('再次输入密码').fill(password);
  await personPage.getByRole('button', { name: '激活并登录' }).click();
  await expect(personPage.getByText(/^激活失败：姓名、身份证号与档案不一致，或激活码无效/)).toBeVisible();
  await personPage.getByRole('link', { name: '不在党员信息库？提交登记申请' }).click();
  await expect(personPage.getByRole('heading', { name: '提交登记申请' })).toBeVisible();

  // A mistyped check character is named; then the corrected claim is filed.
  await fillClaim(personPage, { ...person, idNumber: `${person.idNumber.slice(0, 17)}${person.idNumber[17] === '0' ? '1' : '0'}` }, branchName);
  await personPage.getByLabel('说明（选填）').fill('2012年在深圳入党，组织关系转回本村');
  await personPage.getByLabel('我已阅读并同意《个人信息保护说明》').check();
  await personPage.getByRole('button', { name: '提交申请' }).click();
  await expect(personPage.getByText('身份证号码校验位不正确，请核对后重新输入。')).toBeVisible();
  await personPage.getByLabel('身份证号').fill(person.idNumber);
  await personPage.getByRole('button', { name: '提交申请' }).click();
  await expect(personPage.getByText(FILED)).toBeVisible();

  // Someone already in the archive gets the very same answer (nothing tells them apart).
  const known = demoActivation();
  await personPage.goto(CLAIM_FORM);
  // Another branch of the same parent, for a second claim below.
  const sibling = await personPage.evaluate((name) => {
    const chosen = [...document.querySelectorAll('option')].find((option) => option.textContent === name)!;
    const other = [...chosen.parentElement!.querySelectorAll('option')].find((option) => option !== chosen)!;
    return { id: other.value, name: other.textContent! };
  }, branchName);
  await fillClaim(personPage, { name: known.name, idNumber: known.idNumber, phone: '13700000002' }, branchName);
  await personPage.getByLabel('我已阅读并同意《个人信息保护说明》').check();
  await personPage.getByRole('button', { name: '提交申请' }).click();
  await expect(personPage.getByText(FILED)).toBeVisible();

  const post = (exportedName: string, fields: Record<string, string>, cookie?: string, pagePath = CLAIMS_PAGE) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    return postAction<State>({ baseURL: baseURL!, pagePath, file: FILE, exportedName, args: [{ status: 'idle' }, form], cookie });
  };
  // A second claim, posted straight to the action, to that other branch.
  const elsewhere = { name: '钱立新', idNumber: freshIdNumber('19851120', '031'), phone: '13700000003', orgId: sibling.id, consent: 'on' };
  expect((await post('fileMemberClaim', elsewhere, undefined, CLAIM_FORM)).result).toEqual({ status: 'success', message: FILED });
  const malformed = await post('fileMemberClaim', { ...elsewhere, idNumber: '110101', phone: '123' }, undefined, CLAIM_FORM);
  expect(malformed.result).toMatchObject({ status: 'invalid', fieldErrors: { idNumber: ['身份证号码应为18位，前17位为数字，最后一位为数字或X。'], phone: ['请填写11位手机号码。'] } });

  // The branch admin sees its own claim only, with the ID number masked, and verifies it.
  const branch = await adminContext(browser, 'branch');
  await branch.page.goto(CLAIMS_PAGE);
  const row = branch.page.getByRole('row', { name: new RegExp(person.name) });
  await expect(row).toContainText(`${person.idNumber.slice(0, 6)}********${person.idNumber.slice(-4)}`);
  await expect(row).toContainText('137****0001');
  await expect(row).toContainText('2012年在深圳入党');
  await expect(branch.page.getByRole('row', { name: new RegExp(known.name) })).toHaveCount(0);
  await expect(branch.page.getByRole('row', { name: /钱立新/ })).toHaveCount(0);
  await row.getByRole('button', { name: `识别并建档：${person.name}` }).click();
  const handed = row.getByRole('status');
  await expect(handed).toContainText('已识别并建立档案');
  const code = /激活码 (\S+) 当面/.exec((await handed.textContent())!)![1];

  // The person activates with the code and is signed in.
  await personPage.goto('/activate');
  await personPage.getByLabel('姓名').fill(person.name);
  await personPage.getByLabel('身份证号').fill(person.idNumber);
  await personPage.getByLabel('激活码').fill(code);
  await personPage.getByLabel('我已阅读并同意《个人信息保护说明》').check();
  await personPage.getByLabel('密码', { exact: true }).fill(password);
  await personPage.getByLabel('再次输入密码').fill(password);
  await personPage.getByRole('button', { name: '激活并登录' }).click();
  await personPage.waitForURL((url) => url.pathname === '/');

  await branch.page.goto(`${CLAIMS_PAGE}?status=verified`);
  await expect(branch.page.getByRole('row', { name: new RegExp(person.name) })).toContainText('书记');

  // Verify posts for the sibling claim: anonymous, a member and the branch admin (out of scope) are refused.
  const committee = await adminContext(browser, 'committee');
  await committee.page.goto(CLAIMS_PAGE);
  const siblingRow = committee.page.getByRole('row', { name: /钱立新/ });
  await expect(siblingRow).toContainText(sibling.name);
  const claimId = await siblingRow.locator('input[name="claimId"]').first().inputValue();
  for (const [who, cookie, message] of [
    ['anonymous', undefined, '您没有权限进行此操作。'],
    // The person is a signed-in member now.
    ['member', await cookieOf(personContext), '您没有权限进行此操作。'],
    ['admin of another branch', branch.cookie, '该申请不在您的管理范围内。'],
  ] as const) {
    expect((await post('verifyMemberClaim', { claimId }, cookie)).result, who).toEqual({ status: 'forbidden', message });
    expect((await post('rejectMemberClaim', { claimId, reason: '越权驳回' }, cookie)).result, who).toEqual({ status: 'forbidden', message });
  }
  // Still pending for the committee, which may decide it: a reason is required to reject.
  expect((await post('rejectMemberClaim', { claimId, reason: ' ' }, committee.cookie)).result).toMatchObject({
    status: 'invalid',
    fieldErrors: { reason: ['请填写驳回理由（不超过500个字）。'] },
  });
  await committee.page.reload();
  const stillPending = committee.page.getByRole('row', { name: /钱立新/ });
  await stillPending.getByText('驳回', { exact: true }).click();
  await stillPending.getByLabel('驳回理由').fill('经核实，本人组织关系已转往外县');
  await stillPending.getByRole('button', { name: '确认驳回' }).click();
  await expect(stillPending.getByRole('status')).toHaveText('已驳回该申请。');

  for (const context of [personContext, branch.context, committee.context]) await context.close();
});
