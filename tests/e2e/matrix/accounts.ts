import { expect } from '@playwright/test';
import { tableRows, textOf } from '../../support/matrix-html';
import { only, type ActionRow, type MatrixContext, type Role } from '../../support/matrix-types';

// lib/accounts/actions.ts: admin accounts need the accounts capability, member accounts the
// archive capability, both with the target's org inside the caller's subtree.

const ref = (exportedName: string) => ({ file: 'lib/accounts/actions.ts', exportedName, pagePath: '/admin/accounts' });
const ACCOUNT_KEEPERS: Role[] = ['scopedAdmin', 'countyAdmin'];
const ONE_TIME_CODE = /^[2-9A-Z]{4}-[2-9A-Z]{4}$/;

/** An admin's row on the county admin's accounts page (name, org, capabilities, status). */
async function adminRow(ctx: MatrixContext, username: string): Promise<string> {
  const row = tableRows(await ctx.countyHtml('/admin/accounts')).find((html) => textOf(html).startsWith(`${username} `));
  if (!row) throw new Error(`${username} is missing from the county admin's accounts page`);
  return textOf(row);
}
const targetAdminRow = (ctx: MatrixContext) => adminRow(ctx, ctx.targets.targetAdminUsername);
const higherAdminRow = (ctx: MatrixContext) => adminRow(ctx, ctx.targets.higherAdminUsername);

const issuedCode = async (_ctx: MatrixContext, _role: Role, response: { result: unknown }) => {
  expect((response.result as { data?: { code?: string } }).data?.code).toMatch(ONE_TIME_CODE);
};

export const accountRows: ActionRow[] = [
  {
    ...ref('createAdminAccount'),
    payload: (ctx, role) => ({ username: `mx-new-${role.slice(0, 6)}-${ctx.run}`, displayName: '矩阵新建管理员', orgId: ctx.targets.branchId, tier: 'org_admin', capabilities: ['archive'] }),
    expect: only(ACCOUNT_KEEPERS, 'success', 'forbidden'),
    audit: 'account.create',
    probe: async (ctx, _role, fields) => String((await ctx.countyHtml('/admin/accounts')).includes(String(fields!.username))),
    changes: true,
  },
  {
    ...ref('setAccountDisabled'),
    // Always the opposite of the target's present state, so every post that goes through shows.
    payload: async (ctx) => ({ userId: ctx.targets.targetAdminId, disabled: (await targetAdminRow(ctx)).includes('已停用') ? 'false' : 'true' }),
    expect: only(ACCOUNT_KEEPERS, 'success', 'forbidden'),
    audit: (_role, fields) => (fields!.disabled === 'true' ? 'account.disable' : 'account.enable'),
    probe: (ctx) => targetAdminRow(ctx),
    changes: true,
  },
  {
    ...ref('issueAccountResetCode'),
    label: 'an admin account',
    payload: (ctx) => ({ userId: ctx.targets.targetAdminId }),
    expect: only(ACCOUNT_KEEPERS, 'success', 'forbidden'),
    audit: 'account.reset_code',
    check: issuedCode,
  },
  {
    ...ref('issueAccountResetCode'),
    label: 'a member account',
    payload: (ctx) => ({ userId: ctx.targets.memberUserId }),
    expect: only(ACCOUNT_KEEPERS, 'success', 'forbidden'),
    audit: 'account.reset_code',
    check: issuedCode,
  },
  {
    ...ref('unlockUserAccount'),
    label: 'an admin account',
    payload: (ctx) => ({ userId: ctx.targets.targetAdminId }),
    expect: only(ACCOUNT_KEEPERS, 'success', 'forbidden'),
    audit: 'account.unlock',
  },
  {
    ...ref('unlockUserAccount'),
    label: 'a member account',
    payload: (ctx) => ({ userId: ctx.targets.memberUserId }),
    expect: only(ACCOUNT_KEEPERS, 'success', 'forbidden'),
    audit: 'account.unlock',
  },
  // An account of a higher tier bound inside the subtree is the county's to manage: an org
  // admin that could disable it or take it over with a reset code would outrank its own tier.
  {
    ...ref('setAccountDisabled'),
    label: 'a county-tier account inside the subtree',
    payload: async (ctx) => ({ userId: ctx.targets.higherAdminId, disabled: (await higherAdminRow(ctx)).includes('已停用') ? 'false' : 'true' }),
    expect: only(['countyAdmin'], 'success', 'forbidden'),
    audit: (_role, fields) => (fields!.disabled === 'true' ? 'account.disable' : 'account.enable'),
    probe: (ctx) => higherAdminRow(ctx),
    changes: true,
  },
  {
    ...ref('issueAccountResetCode'),
    label: 'a county-tier account inside the subtree',
    payload: (ctx) => ({ userId: ctx.targets.higherAdminId }),
    expect: only(['countyAdmin'], 'success', 'forbidden'),
    audit: 'account.reset_code',
    check: issuedCode,
  },
  {
    ...ref('unlockUserAccount'),
    label: 'a county-tier account inside the subtree',
    payload: (ctx) => ({ userId: ctx.targets.higherAdminId }),
    expect: only(['countyAdmin'], 'success', 'forbidden'),
    audit: 'account.unlock',
  },
  {
    ...ref('createAdminAccount'),
    label: 'a county-tier account',
    payload: (ctx, role) => ({ username: `mx-top-${role.slice(0, 6)}-${ctx.run}`, displayName: '矩阵新建县级账号', orgId: ctx.targets.branchId, tier: 'county_admin', capabilities: ['archive'] }),
    expect: only(['countyAdmin'], 'success', 'forbidden'),
    audit: 'account.create',
    probe: async (ctx, _role, fields) => String((await ctx.countyHtml('/admin/accounts')).includes(String(fields!.username))),
    changes: true,
  },
  {
    ...ref('issueMemberActivationCode'),
    payload: (ctx) => ({ memberId: ctx.targets.pendingMemberId }),
    expect: only(ACCOUNT_KEEPERS, 'success', 'forbidden'),
    audit: 'member.activation_code',
    check: issuedCode,
  },
];
