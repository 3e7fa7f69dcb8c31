import { expect, test } from '@playwright/test';
import { postAction } from '../support/post-action';

const action = { pagePath: '/settings', file: 'lib/preferences/actions.ts', exportedName: 'setTextSize' };

test('a member enlarges the text and every page keeps the larger size', async ({ page }) => {
  await page.goto('/settings');
  const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const before = await rootSize();
  await page.getByRole('radio', { name: '特大' }).check();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toHaveText('已保存。');
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'extra-large');
  expect(await rootSize()).toBeGreaterThan(before);

  await page.getByRole('link', { name: '首页' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('欢迎来到');
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'extra-large');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'extra-large');
});

test.describe('setTextSize posted directly', () => {
  test('a forged value gets a Chinese message and sets nothing', async ({ baseURL }) => {
    const form = new FormData();
    form.set('textSize', '<script>alert(1)</script>');
    const response = await postAction<{ status: string; message: string; fieldErrors: Record<string, string[]> }>({
      baseURL: baseURL!,
      ...action,
      args: [{ status: 'idle' }, form],
    });
    expect(response.result).toEqual({
      status: 'invalid',
      message: '填写的内容有误，请按提示修改后重新提交。',
      fieldErrors: { textSize: ['请选择标准、大或特大。'] },
    });
    expect(response.setCookie).toEqual([]);
  });

  test('a missing field and a non-form body are refused without effect', async ({ baseURL }) => {
    const empty = await postAction<{ status: string }>({ baseURL: baseURL!, ...action, args: [{ status: 'idle' }, new FormData()] });
    expect(empty.result?.status).toBe('invalid');
    expect(empty.setCookie).toEqual([]);
    const notAForm = await postAction<{ status: string }>({ baseURL: baseURL!, ...action, args: [{ status: 'idle' }, { textSize: 'large' }] });
    expect(notAForm.result?.status).toBe('invalid');
    expect(notAForm.setCookie).toEqual([]);
  });

  test('a post from another origin is rejected', async ({ baseURL }) => {
    const form = new FormData();
    form.set('textSize', 'large');
    const forged = await postAction({ baseURL: baseURL!, ...action, args: [{ status: 'idle' }, form], origin: 'https://evil.example' });
    expect(forged.rejected).toBe(true);
    expect(forged.setCookie).toEqual([]);
  });

  test('a valid post sets the preference', async ({ baseURL }) => {
    const form = new FormData();
    form.set('textSize', 'large');
    const response = await postAction<{ status: string }>({ baseURL: baseURL!, ...action, args: [{ status: 'idle' }, form] });
    expect(response.result).toEqual({ status: 'success', message: '已保存。' });
    expect(response.setCookie.join()).toContain('ejia-text-size=large');
  });
});
