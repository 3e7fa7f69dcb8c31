import { expect } from '@playwright/test';
import { hiddenValues } from '../../support/matrix-html';
import { every, type ActionRow, type MatrixContext, type Role } from '../../support/matrix-types';

// lib/auth/actions.ts: signing in, activation and password reset are open to anyone and answer
// everyone alike — a session, whoever holds it, grants nothing there. Ending a session reaches
// only one's own.

const ref = (exportedName: string, pagePath: string) => ({ file: 'lib/auth/actions.ts', exportedName, pagePath });

/** The ids of the member's other signed-in devices, as the member's settings page lists them. */
async function memberDevices(ctx: MatrixContext): Promise<string[]> {
  return hiddenValues(await ctx.read('member', '/settings'), 'session');
}

async function signedInOnSettings(ctx: MatrixContext, role: Role): Promise<boolean> {
  return (await ctx.get(role, '/settings')).html.includes('已登录：');
}

export const authRows: ActionRow[] = [
  {
    ...ref('loginMember', '/login'),
    payload: (ctx) => ({ identifier: ctx.targets.memberPhone, password: ctx.targets.memberPassword }),
    expect: every('redirect'),
    audit: 'auth.login',
    check: async (ctx, _role, response) => {
      expect(new URL(response.redirectTo!, ctx.baseURL).pathname).toBe('/');
      expect(response.setCookie.join('\n')).toMatch(/authjs\.session-token=[^;]+/);
    },
  },
  {
    ...ref('loginAdmin', '/login/admin'),
    // An admin who has set a password and not yet enrolled: the right password offers enrolment.
    payload: (ctx) => ({ username: ctx.targets.enrolleeUsername, password: ctx.targets.enrolleePassword }),
    expect: every('success'),
    check: async (_ctx, _role, response) => {
      const data = (response.result as { data?: Record<string, string> }).data;
      expect(data?.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(response.setCookie.join('\n')).not.toContain('authjs.session-token=');
    },
  },
  {
    ...ref('enrolTotp', '/login/admin'),
    // A forged enrolment token: nobody, signed in or not, gets a session from it.
    payload: () => ({ token: 'forged.enrolment.token', totp: '123456' }),
    expect: every('failed'),
  },
  {
    ...ref('activate', '/activate'),
    // The right name and ID number of a member in scope with a code that was never issued.
    payload: (ctx) => ({
      name: ctx.targets.pendingMemberName,
      idNumber: ctx.targets.pendingMemberIdNumber,
      code: 'ZZZZ-ZZZZ',
      password: 'Jz!7mQ2#vLx9-huodong',
      passwordConfirm: 'Jz!7mQ2#vLx9-huodong',
      consent: 'on',
    }),
    expect: every('failed'),
    probe: async (ctx) => String((await ctx.countyHtml(`/admin/accounts?q=${encodeURIComponent(ctx.targets.pendingMemberName)}`)).includes('已激活')),
  },
  {
    ...ref('resetPassword', '/reset'),
    // A reset code freshly issued by the county for an admin in scope: whoever redeems it sets the password.
    payload: async (ctx) => {
      const { code } = await ctx.countyDo({ file: 'lib/accounts/actions.ts', exportedName: 'issueAccountResetCode', pagePath: '/admin/accounts' }, { userId: ctx.targets.enrolleeId });
      return { identifier: ctx.targets.enrolleeUsername, code, password: ctx.targets.enrolleePassword, passwordConfirm: ctx.targets.enrolleePassword };
    },
    expect: every('success'),
    audit: 'auth.reset',
  },
  {
    ...ref('endOwnSession', '/settings'),
    // Another device of the demo member, signed in just before: only the member may end it.
    payload: async (ctx) => {
      const before = await memberDevices(ctx);
      await ctx.signInMemberElsewhere();
      const added = (await memberDevices(ctx)).filter((id) => !before.includes(id));
      expect(added, 'a new device of the member').toHaveLength(1);
      return { session: added[0] };
    },
    expect: { ...every('forbidden'), member: 'success' },
    audit: 'auth.session_end',
    probe: async (ctx, _role, fields) => String((await memberDevices(ctx)).includes(String(fields!.session))),
    changes: true,
  },
  {
    ...ref('logout', '/settings'),
    // Ends the caller's own session only: run last, after every other row.
    payload: () => null,
    expect: every('redirect'),
    audit: (role) => (role === 'anonymous' ? undefined : 'auth.logout'),
    endsSession: true,
    check: async (ctx, role) => {
      if (role !== 'anonymous') expect(await signedInOnSettings(ctx, role), 'still signed in after logging out').toBe(false);
    },
  },
];

