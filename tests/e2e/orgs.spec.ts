import { expect, test, type Page } from '@playwright/test';
import { postAction } from '../support/post-action';
import { DEMO_PASSWORD } from './demo';
import { loginDemoAdmin } from './fixtures';

const PAGE = '/admin/orgs';
type State = { status: string; message?: string; fieldErrors?: Record<string, string[]> };

async function optionId(page: Page, selectLabel: string, name: string): Promise<string> {
  return page.locator('form', { hasText: selectLabel }).locator('option', { hasText: name }).first().getAttribute('value') as Promise<string>;
}

test('a county admin adds, renames, moves and dissolves a branch, and the tree follows', async ({ page }) => {
  await loginDemoAdmin(page, 'county', DEMO_PASSWORD);
  await page.goto(PAGE);
  const create = page.locator('form', { hasText: '新增下级组织' });
  await create.getByLabel('上级组织').selectOption({ label: '　中共清源县城关镇委员会' });
  await create.getByLabel('名称').fill('中共清源县城关镇新区社区支部委员会');
  await create.getByLabel('类型').selectOption({ label: '党支部' });
  await create.getByRole('button', { name: '新增' }).click();
  await expect(create.getByText('已新增：中共清源县城关镇新区社区支部委员会')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('listitem').filter({ hasText: '中共清源县城关镇新区社区支部委员会' })).toHaveCount(1);

  // A 党小组 cannot sit directly under a 党委.
  await create.getByLabel('上级组织').selectOption({ label: '　中共清源县城关镇委员会' });
  await create.getByLabel('名称').fill('第九党小组');
  await create.getByLabel('类型').selectOption({ label: '党小组' });
  await create.getByRole('button', { name: '新增' }).click();
  await expect(create.getByText('该类型的组织不能设在所选上级组织之下。')).toBeVisible();

  const rename = page.locator('form', { hasText: '更名' }).first();
  await rename.getByLabel('组织').selectOption({ label: '　　中共清源县城关镇新区社区支部委员会' });
  await rename.getByLabel('名称').fill('中共清源县城关镇滨河社区支部委员会');
  await rename.getByRole('button', { name: '更名' }).click();
  await expect(rename.getByText('已更名。')).toBeVisible();

  await page.reload();
  const move = page.locator('form', { hasText: '调整隶属关系' });
  await move.getByLabel('组织', { exact: true }).selectOption({ label: '　　中共清源县城关镇滨河社区支部委员会' });
  await move.getByLabel('新的上级组织').selectOption({ label: '　中共清源县陵前镇委员会' });
  await move.getByRole('button', { name: '调整' }).click();
  await expect(move.getByText('已调整隶属关系。')).toBeVisible();
  await page.reload();
  // Now listed under 陵前镇: after that committee's row, before the next top-level org.
  const names = await page.getByRole('listitem').allTextContents();
  const committeeIndex = names.findIndex((text) => text.startsWith('中共清源县陵前镇委员会'));
  const branchIndex = names.findIndex((text) => text.startsWith('中共清源县城关镇滨河社区支部委员会'));
  expect(branchIndex).toBeGreaterThan(committeeIndex);

  const dissolve = page.locator('form', { hasText: '撤销组织' });
  await dissolve.getByLabel('组织').selectOption({ label: '　　中共清源县城关镇滨河社区支部委员会' });
  await dissolve.getByRole('button', { name: '撤销' }).click();
  await expect(dissolve.getByText('已撤销。')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('listitem').filter({ hasText: '滨河社区支部' })).toHaveCount(0);

  // A branch that still holds members is not dissolved.
  await dissolve.getByLabel('组织').selectOption({ label: '　　中共清源县城关镇东关村支部委员会' });
  await dissolve.getByRole('button', { name: '撤销' }).click();
  await expect(dissolve.getByText(/请先调整后再撤销/)).toBeVisible();
});

test('org actions posted directly stay inside the caller’s subtree', async ({ browser, baseURL }) => {
  const countyContext = await browser.newContext();
  const countyPage = await countyContext.newPage();
  await loginDemoAdmin(countyPage, 'county', DEMO_PASSWORD);
  await countyPage.goto(PAGE);
  const ownBranch = await optionId(countyPage, '撤销组织', '中共清源县城关镇东关村支部委员会');
  const otherCommittee = await optionId(countyPage, '撤销组织', '中共清源县陵前镇委员会');
  const townCommittee = await optionId(countyPage, '撤销组织', '中共清源县城关镇委员会');

  const branchContext = await browser.newContext();
  await loginDemoAdmin(await branchContext.newPage(), 'branch', DEMO_PASSWORD);
  const branchCookie = (await branchContext.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  const countyCookie = (await countyContext.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');

  const post = (cookie: string | undefined, exportedName: string, fields: Record<string, string>) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    return postAction<State>({ baseURL: baseURL!, pagePath: PAGE, file: 'lib/orgs/actions.ts', exportedName, args: [{ status: 'idle' }, form], cookie });
  };

  // The branch secretary may not rename its own branch (only what lies below it) or another one.
  for (const orgId of [ownBranch, otherCommittee]) {
    const response = await post(branchCookie, 'renameOrg', { orgId, name: '改名试探' });
    expect(response.result).toEqual({ status: 'forbidden', message: '该账号或组织不在您的管理范围内。' });
  }
  expect((await post(undefined, 'dissolveOrg', { orgId: ownBranch })).result?.status).toBe('forbidden');
  expect((await post(branchCookie, 'createOrg', { parentId: otherCommittee, name: '越权支部', type: 'branch' })).result?.status).toBe('forbidden');
  // Bad input is refused with a message and changes nothing.
  expect((await post(countyCookie, 'renameOrg', { orgId: ownBranch, name: 'x' })).result).toMatchObject({ status: 'invalid', fieldErrors: { name: ['名称为2至100个字。'] } });
  expect((await post(countyCookie, 'createOrg', { parentId: townCommittee, name: '不存在的类型', type: 'club' })).result?.status).toBe('invalid');
  // A committee cannot be moved under its own branch.
  expect((await post(countyCookie, 'moveOrg', { orgId: townCommittee, newParentId: ownBranch })).result).toEqual({
    status: 'failed',
    message: '不能把组织调整到它自己或它的下级组织之下。',
  });
  await countyPage.reload();
  await expect(countyPage.getByRole('listitem').filter({ hasText: '改名试探' })).toHaveCount(0);
  await countyContext.close();
  await branchContext.close();
});
