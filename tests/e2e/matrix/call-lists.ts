import { expect } from '@playwright/test';
import { hiddenValues, mainOf, textOf } from '../../support/matrix-html';
import { every, only, type ActionRow, type MatrixContext, type PageOutcome, type PageRow, type Role } from '../../support/matrix-types';

// lib/call-lists/actions.ts (电话通知): org or county admins holding the archive capability, on
// lists of orgs in their subtree; full numbers also need pii_reveal. Every row works on a fresh
// list of the demo branch made by the county admin, so one role's calls never meet another's.

const ref = (exportedName: string, pagePath = '/admin/call-lists') => ({ file: 'lib/call-lists/actions.ts', exportedName, pagePath });
const CREATE = ref('createCallListAction', '/admin/call-lists/new');
const KEEPERS: Role[] = ['scopedAdmin', 'countyAdmin'];
let sequence = 0;
const batch = Math.random().toString(36).slice(2, 6);

const activity = (ctx: MatrixContext, who: string) => ({
  source: 'activity',
  title: `矩阵电话通知${who}${ctx.run}${batch}${++sequence}`,
  message: '矩阵测试：七一主题党日',
  orgId: ctx.targets.demoBranchId,
  statuses: 'managed',
  notReached: 'any',
});

async function freshList(ctx: MatrixContext): Promise<string> {
  const { callListId } = await ctx.countyDo(CREATE, activity(ctx, 'county'));
  if (!callListId) throw new Error('the county admin made a call list without an id');
  return callListId;
}

const listPage = (id: string) => `/admin/call-lists/${id}`;
const listText = async (ctx: MatrixContext, fields: Record<string, unknown> | null) => textOf(mainOf(await ctx.countyHtml(listPage(String(fields!.callListId)))));
/** A member on the list, as its page names them (the outcome forms carry the ids). */
const firstMemberOn = async (ctx: MatrixContext, id: string) => hiddenValues(await ctx.countyHtml(listPage(id)), 'memberId')[0];

export const callListRows: ActionRow[] = [
  {
    ...CREATE,
    payload: (ctx, role) => activity(ctx, role),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'call_list.create',
    probe: async (ctx, _role, fields) => String(textOf(await ctx.countyHtml('/admin/call-lists')).includes(String(fields!.title))),
    changes: true,
    check: async (ctx, _role, response) => {
      const id = (response.result as { data?: { callListId?: string } }).data?.callListId;
      expect(id).toBeTruthy();
      expect(await firstMemberOn(ctx, id!)).toBeTruthy();
    },
  },
  {
    ...ref('revealCallListPhonesAction', '/admin/call-lists/00000000-0000-4000-8000-000000000000'),
    payload: async (ctx) => ({ callListId: await freshList(ctx) }),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'call_list.reveal',
    // A reveal shows, it changes nothing on the list.
    probe: (ctx, _role, fields) => listText(ctx, fields),
    changes: false,
    check: async (_ctx, _role, response) => {
      const numbers = Object.values((response.result as { data?: Record<string, string> }).data ?? {});
      expect(numbers.length).toBeGreaterThan(0);
      for (const phone of numbers) expect(phone).toMatch(/^1\d{10}$/);
    },
  },
  {
    ...ref('recordCallOutcomeAction', '/admin/call-lists/00000000-0000-4000-8000-000000000000'),
    payload: async (ctx, role) => {
      const callListId = await freshList(ctx);
      return { callListId, memberId: (await firstMemberOn(ctx, callListId))!, outcome: 'no_answer', note: `矩阵${role}` };
    },
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'member.contact',
    probe: (ctx, _role, fields) => listText(ctx, fields),
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      expect(await listText(ctx, fields)).toContain('已拨打 1 /');
      expect(textOf(mainOf(await ctx.countyHtml(`/admin/members/${String(fields!.memberId)}`)))).toContain(`矩阵${_role}`);
    },
  },
  {
    ...ref('closeCallListAction', '/admin/call-lists/00000000-0000-4000-8000-000000000000'),
    payload: async (ctx) => ({ callListId: await freshList(ctx) }),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'call_list.close',
    probe: (ctx, _role, fields) => listText(ctx, fields),
    changes: true,
  },
];

/** Archive keepers (org or county admins with the archive capability; never a host admin). */
const keepers: Record<Role, PageOutcome> = { ...every<PageOutcome>(200), anonymous: 'login', member: 403, noCapabilityAdmin: 403, hostAdmin: 403 };
const pageLists = new Map<string, Promise<string>>();
/** One list of the demo branch for the page rows, made once per server run. */
function pageList(ctx: MatrixContext): Promise<string> {
  const key = `${ctx.baseURL} ${ctx.run}`;
  if (!pageLists.has(key)) pageLists.set(key, ctx.countyDo(CREATE, { ...activity(ctx, 'page'), title: `矩阵页面电话通知${ctx.run}` }).then((data) => data.callListId));
  return pageLists.get(key)!;
}

export const callListPageRows: PageRow[] = [
  {
    route: '/admin/call-lists',
    path: async (ctx) => {
      await pageList(ctx);
      return '/admin/call-lists';
    },
    expect: keepers,
    content: (ctx) => ({
      otherSubtreeAdmin: { hides: [`矩阵页面电话通知${ctx.run}`] },
      scopedAdmin: { shows: [`矩阵页面电话通知${ctx.run}`] },
      countyAdmin: { shows: [`矩阵页面电话通知${ctx.run}`] },
    }),
  },
  { route: '/admin/call-lists/new', expect: keepers },
  {
    route: '/admin/call-lists/[id]',
    path: async (ctx) => listPage(await pageList(ctx)),
    // The demo branch's list: the other town's admin has no part of it.
    expect: { ...keepers, otherSubtreeAdmin: 404 },
    content: (ctx) => ({ scopedAdmin: { shows: [`矩阵页面电话通知${ctx.run}`, ctx.targets.demoBranchName] } }),
  },
];
