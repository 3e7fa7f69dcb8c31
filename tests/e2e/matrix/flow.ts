import { expect } from '@playwright/test';
import { beijingDay } from '../../../lib/time/beijing';
import { hiddenValues, mainOf, tableRows, textOf } from '../../support/matrix-html';
import { only, type ActionRow, type FormFields, type MatrixContext, type Role } from '../../support/matrix-types';

// lib/flow/actions.ts (外出报告, issue 5 §1): a member files and withdraws their own report;
// archive keepers (org or county admins holding the archive capability) confirm or send back the
// reports of members in their subtree, and record a journey or a return home from the member's
// record. The demo member is seeded away, so the member rows first have the county record their
// return; the keepers decide the second member's reports, and open and close journeys of the
// demo branch's member at home (targets.pendingMemberId).

const ref = (exportedName: string, pagePath: string) => ({ file: 'lib/flow/actions.ts', exportedName, pagePath });
// The detail page holds both admin forms; the actions read the member from the form, never the URL.
const ANY_MEMBER = '/admin/members/00000000-0000-4000-8000-000000000000';
const SUBMIT = ref('submitOutflowReport', '/flow');
const WITHDRAW = ref('withdrawOwnOutflowReport', '/flow');
const OPEN = ref('openOutflow', ANY_MEMBER);
const RECORD_RETURN = ref('recordReturn', ANY_MEMBER);
const KEEPERS: Role[] = ['scopedAdmin', 'countyAdmin'];
const PENDING = '/admin/flow?status=pending';
let sequence = 0;
const batch = Math.random().toString(36).slice(2, 6);
const unique = (ctx: MatrixContext) => `${ctx.run}${batch}${++sequence}`;

/** A valid 外出报告 (the member's form, or the admin's 代为登记), leaving today for a named place. */
export const outflowPlan = (place: string): FormFields => ({
  region: '广东省深圳市南山区',
  place,
  reason: 'work',
  leavesOn: beijingDay(),
  expectedMonths: '6',
  plannedHost: '',
  phoneAway: '13800138000',
  note: '矩阵测试',
});

const detailPath = (memberId: string) => `/admin/members/${memberId}`;
const record = async (ctx: MatrixContext, memberId: string) => textOf(mainOf(await ctx.countyHtml(detailPath(memberId))));
/** Away means an open episode: the county's view of the record offers 登记返乡. */
const isAway = async (ctx: MatrixContext, memberId: string) => (await ctx.countyHtml(detailPath(memberId))).includes('name="returnedOn"');

const ids = new Map<string, Promise<string>>();
/** The demo member's id, from the county's member list (the name searched, in the demo branch). */
function demoMemberId(ctx: MatrixContext): Promise<string> {
  const key = `${ctx.baseURL} ${ctx.run}`;
  if (!ids.has(key)) {
    const find = async () => {
      const { memberName, demoBranchName } = ctx.targets;
      const row = tableRows(await ctx.countyHtml(`/admin/members?q=${encodeURIComponent(memberName)}`)).find((html) => textOf(html).startsWith(`${memberName} `) && textOf(html).includes(demoBranchName));
      const id = row && /href="\/admin\/members\/([0-9a-f-]{36})"/.exec(row)?.[1];
      if (!id) throw new Error("the demo member is not on the county admin's member list");
      return id;
    };
    ids.set(key, find());
  }
  return ids.get(key)!;
}

/** Ends the member's open episode today, as the county (a member must be home to go away again). */
async function bringHome(ctx: MatrixContext, memberId: string): Promise<void> {
  if (await isAway(ctx, memberId)) await ctx.countyDo(RECORD_RETURN, { memberId, returnedOn: beijingDay(), note: '矩阵测试：先登记返乡' });
}

/** Opens an episode for the member today, as the county, unless one is open. */
async function sendAway(ctx: MatrixContext, memberId: string): Promise<void> {
  if (!(await isAway(ctx, memberId))) await ctx.countyDo(OPEN, { memberId, ...outflowPlan(`矩阵测试外出地${unique(ctx)}`) });
}

/** The id of the pending report of the member named, on the county's queue. */
async function pendingReportOf(ctx: MatrixContext, name: string): Promise<string | undefined> {
  const row = tableRows(await ctx.countyHtml(PENDING)).find((html) => textOf(html).includes(name) && html.includes('name="reportId"'));
  return row ? hiddenValues(row, 'reportId')[0] : undefined;
}

const stillPending = async (ctx: MatrixContext, _role: Role, fields: FormFields | null) => String(hiddenValues(await ctx.countyHtml(PENDING), 'reportId').includes(String(fields!.reportId)));
const pendingCountOf = async (ctx: MatrixContext, name: string) => String(tableRows(await ctx.countyHtml(PENDING)).filter((html) => textOf(html).includes(name)).length);

/** The demo member at home with no report waiting: what filing needs. */
async function demoMemberMayReport(ctx: MatrixContext): Promise<void> {
  await bringHome(ctx, await demoMemberId(ctx));
  const waiting = await pendingReportOf(ctx, ctx.targets.memberName);
  if (waiting) {
    const withdrawn = await ctx.post<{ status?: string }>('member', WITHDRAW, { reportId: waiting });
    if (withdrawn.result?.status !== 'success') throw new Error(`the demo member could not withdraw a waiting report: ${JSON.stringify(withdrawn.result)}`);
  }
}

/** The demo member's waiting report (filed by the submit row, or here): the withdraw row's target. */
async function demoMemberReport(ctx: MatrixContext): Promise<string> {
  let id = await pendingReportOf(ctx, ctx.targets.memberName);
  if (!id) {
    await demoMemberMayReport(ctx);
    const filed = await ctx.post('member', SUBMIT, outflowPlan(`矩阵测试外出地${unique(ctx)}`));
    if (!filed.redirectTo) throw new Error(`the demo member could not file a report: ${JSON.stringify(filed.result)}`);
    id = await pendingReportOf(ctx, ctx.targets.memberName);
  }
  if (!id) throw new Error("the demo member's report is not on the county admin's queue");
  return id;
}

/** A waiting report of the second member (targets.requesterName), filed at home; returns its id. */
async function requesterReport(ctx: MatrixContext): Promise<string> {
  const waiting = await pendingReportOf(ctx, ctx.targets.requesterName);
  if (waiting) return waiting;
  await bringHome(ctx, ctx.targets.requesterMemberId);
  await ctx.requesterDo(SUBMIT, outflowPlan(`矩阵测试外出地${unique(ctx)}`));
  const id = await pendingReportOf(ctx, ctx.targets.requesterName);
  if (!id) throw new Error("the second member's report is not on the county admin's queue");
  return id;
}

const shared = new Map<string, Promise<string>>();
/** Refused roles and the scoped admin share one report (decided last by the scoped admin); the county gets its own. */
function reportFor(ctx: MatrixContext, role: Role, purpose: string): Promise<string> {
  if (role === 'countyAdmin') return requesterReport(ctx);
  const key = `${ctx.baseURL} ${ctx.run} ${purpose}`;
  if (!shared.has(key)) shared.set(key, requesterReport(ctx));
  return shared.get(key)!;
}

/** Where the second member's report for the page rows goes: a place no other report names. */
export const placeInScope = (ctx: MatrixContext) => `矩阵第二党员外出地${ctx.run}`;

/** For the page rows: a report of the second member to placeInScope (any status), so the queue has a row to scope. */
export async function reportInScope(ctx: MatrixContext): Promise<void> {
  if (textOf(mainOf(await ctx.countyHtml('/admin/flow?status=all'))).includes(placeInScope(ctx))) return;
  const waiting = await pendingReportOf(ctx, ctx.targets.requesterName);
  if (waiting) await ctx.requesterDo(WITHDRAW, { reportId: waiting });
  await bringHome(ctx, ctx.targets.requesterMemberId);
  await ctx.requesterDo(SUBMIT, outflowPlan(placeInScope(ctx)));
}

export const flowRows: ActionRow[] = [
  {
    ...SUBMIT,
    payload: async (ctx, role) => {
      await demoMemberMayReport(ctx);
      return outflowPlan(`矩阵测试外出地${role}${unique(ctx)}`);
    },
    expect: only(['member'], 'redirect', 'forbidden'),
    audit: 'outflow_report.file',
    probe: (ctx) => pendingCountOf(ctx, ctx.targets.memberName),
    changes: true,
    check: async (ctx, _role, response, fields) => {
      const to = new URL(response.redirectTo!, ctx.baseURL);
      expect(`${to.pathname}${to.search}`).toBe('/flow?filed=1');
      const page = textOf(mainOf((await ctx.get('member', '/flow')).html));
      expect(page).toContain('等待支部确认');
      expect(page).toContain(String(fields!.place));
    },
  },
  {
    ...WITHDRAW,
    payload: async (ctx) => ({ reportId: await demoMemberReport(ctx) }),
    expect: only(['member'], 'success', 'forbidden'),
    audit: 'outflow_report.withdraw',
    probe: stillPending,
    changes: true,
    check: async (ctx) => {
      const page = textOf(mainOf((await ctx.get('member', '/flow')).html));
      expect(page).not.toContain('等待支部确认');
      expect(page).toContain('已撤回');
    },
  },
  {
    ...ref('confirmReport', '/admin/flow'),
    payload: async (ctx, role) => ({ reportId: await reportFor(ctx, role, 'confirm') }),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'outflow_report.confirm',
    probe: stillPending,
    changes: true,
    // Confirmed, the member is away: their record has an open episode.
    check: async (ctx) => {
      expect(await isAway(ctx, ctx.targets.requesterMemberId)).toBe(true);
    },
  },
  {
    ...ref('returnReport', '/admin/flow'),
    payload: async (ctx, role) => ({ reportId: await reportFor(ctx, role, 'return'), reason: `矩阵测试：请写明详细单位${role}${unique(ctx)}` }),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'outflow_report.return',
    probe: stillPending,
    changes: true,
    // Sent back with its reason for all to read, and the member stays at home.
    check: async (ctx, _role, _response, fields) => {
      expect(textOf(mainOf(await ctx.countyHtml('/admin/flow?status=returned')))).toContain(String(fields!.reason));
      expect(await isAway(ctx, ctx.targets.requesterMemberId)).toBe(false);
    },
  },
  {
    ...OPEN,
    payload: async (ctx, role) => {
      await bringHome(ctx, ctx.targets.pendingMemberId);
      return { memberId: ctx.targets.pendingMemberId, ...outflowPlan(`矩阵代为登记${role}${unique(ctx)}`) };
    },
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'outflow.open',
    probe: (ctx) => record(ctx, ctx.targets.pendingMemberId),
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      const text = await record(ctx, ctx.targets.pendingMemberId);
      expect(text).toContain(String(fields!.place));
      expect(text).toContain('流出中');
      expect(await isAway(ctx, ctx.targets.pendingMemberId)).toBe(true);
    },
  },
  {
    ...RECORD_RETURN,
    payload: async (ctx, role) => {
      await sendAway(ctx, ctx.targets.pendingMemberId);
      return { memberId: ctx.targets.pendingMemberId, returnedOn: beijingDay(), note: `矩阵测试返乡${role}` };
    },
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'outflow.return_home',
    probe: (ctx) => record(ctx, ctx.targets.pendingMemberId),
    changes: true,
    check: async (ctx) => {
      expect(await isAway(ctx, ctx.targets.pendingMemberId)).toBe(false);
      expect(await record(ctx, ctx.targets.pendingMemberId)).toContain('已返乡');
    },
  },
];
