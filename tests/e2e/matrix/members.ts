import { expect } from '@playwright/test';
import { beijingDay } from '../../../lib/time/beijing';
import { mainOf, textOf } from '../../support/matrix-html';
import { only, type ActionRow, type MatrixContext, type Role } from '../../support/matrix-types';

// lib/members/record-actions.ts: org or county admins, on members whose branch lies in their
// subtree; editing and the contact log need the archive capability, a full reveal pii_reveal.
// Host (流入地) admins see hosted members but change and reveal nothing.

// Posted to the detail (or edit) page's route, which holds the forms; the action reads its target
// from the form, never from the URL, so any member id in the path serves.
const ANY_MEMBER = '/admin/members/00000000-0000-4000-8000-000000000000';
const ref = (exportedName: string, pagePath = ANY_MEMBER) => ({ file: 'lib/members/record-actions.ts', exportedName, pagePath });
const KEEPERS: Role[] = ['scopedAdmin', 'countyAdmin'];

/** The record the rows aim at: a member of the demo branch (inside the target subtree). */
const detailPath = (ctx: MatrixContext) => `/admin/members/${ctx.targets.pendingMemberId}`;
const record = async (ctx: MatrixContext) => textOf(mainOf(await ctx.countyHtml(detailPath(ctx))));

export const memberRows: ActionRow[] = [
  {
    ...ref('revealMemberField'),
    payload: (ctx) => ({ memberId: ctx.targets.pendingMemberId, field: 'idNumber' }),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'member.reveal',
    check: async (ctx, _role, response) => {
      expect((response.result as { data?: { value?: string } }).data?.value).toBe(ctx.targets.pendingMemberIdNumber);
    },
  },
  {
    ...ref('updateMemberRecord', `${ANY_MEMBER}/edit`),
    payload: (ctx, role) => ({ memberId: ctx.targets.pendingMemberId, workUnit: `矩阵单位${role}${ctx.run}` }),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'member.update',
    probe: (ctx) => record(ctx),
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      expect(await record(ctx)).toContain(String(fields!.workUnit));
    },
  },
  {
    ...ref('recordMemberContact'),
    payload: (ctx, role) => ({ memberId: ctx.targets.pendingMemberId, contactedOn: beijingDay(), way: 'phone', contactedBy: `矩阵联系人${role}`, note: '' }),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'member.contact',
    probe: (ctx) => record(ctx),
    changes: true,
  },
];
