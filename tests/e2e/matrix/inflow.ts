import { expect } from '@playwright/test';
import { computeIdNumberCheckChar } from '../../../lib/members/id-number';
import { beijingDay } from '../../../lib/time/beijing';
import { hiddenValues, mainOf, textOf } from '../../support/matrix-html';
import { only, type ActionRef, type ActionRow, type FormFields, type MatrixContext, type Role } from '../../support/matrix-types';
import { demoHostName } from './flow-lifecycle';

// The 流入党员 register (lib/flow/inflow-actions.ts, issue 5 §4): host admins, and archive admins
// for the receiving orgs of their own subtree. Each action has two rows:
// - at the demo host (hung under the county root, outside both town committees): the host admin
//   and the county;
// - at the first matrix branch of the target committee (placed in its 党小组): the scoped admin
//   and the county; never the host admin.
// Members, anonymous callers and the admin without the archive capability are refused everywhere.
// Every allowed post gets a fresh target; the refused roles share one.

const inflow = (exportedName: string): ActionRef => ({ file: 'lib/flow/inflow-actions.ts', exportedName, pagePath: '/admin/inflow' });
const REGISTER = inflow('registerInflow');
const LEAVE = inflow('markInflowLeft');
const MEETING = inflow('recordInflowMeeting');

const HOSTS: Role[] = ['hostAdmin', 'countyAdmin'];
const KEEPERS: Role[] = ['scopedAdmin', 'countyAdmin'];
const ACTIVE = '/admin/inflow?tab=active';
const LEFT = '/admin/inflow?tab=left';

let sequence = 0;
const batch = Math.random().toString(36).slice(2, 6);
const unique = (ctx: MatrixContext) => `${ctx.run}${batch}${++sequence}`;
const today = () => beijingDay();

/**
 * A valid ID number that is no demo member's (the demo county is 610422; this is Shenzhen
 * Nanshan): a random birth day in 1960–1999 and sequence, with its check digit.
 */
function freshIdNumber(): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 40 * 365) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `440305${birth}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  return `${first17}${computeIdNumberCheckChar(first17)}`;
}
const maskedId = (idNumber: string) => `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;

const hostIds = new Map<string, Promise<string>>();
const demoHostId = (ctx: MatrixContext) => {
  const key = `${ctx.baseURL} ${ctx.run}`;
  if (!hostIds.has(key)) hostIds.set(key, ctx.orgIdByName(demoHostName));
  return hostIds.get(key)!;
};

type Where = 'host' | 'committee';
/** Receiving and placed orgs: the demo host itself, or the first matrix branch and its 党小组. */
const orgsOf = async (ctx: MatrixContext, where: Where) =>
  where === 'host' ? { receivingOrgId: await demoHostId(ctx), placedOrgId: await demoHostId(ctx) } : { receivingOrgId: ctx.targets.branchId, placedOrgId: ctx.targets.groupId };

/** A complete registration; its original organisation names the post, so the lists can be searched for it. */
const registration = async (ctx: MatrixContext, where: Where, originalOrgName = `矩阵测试原党组织${unique(ctx)}`): Promise<FormFields> => ({
  ...(await orgsOf(ctx, where)),
  name: '矩阵流入党员',
  idNumber: freshIdNumber(),
  phone: '13800138000',
  originalOrgName,
  originalOrgContact: '王书记 13900001111',
  certificateNumber: '',
  reportedOn: today(),
  note: '',
});

const mainText = async (ctx: MatrixContext, path: string) => textOf(mainOf(await ctx.countyHtml(path)));
/** Whether the county's 在册 list shows the registration's original organisation. */
const registered = async (ctx: MatrixContext, _role: Role, fields: FormFields | null) => String((await mainText(ctx, ACTIVE)).includes(String(fields!.originalOrgName)));

/** A fresh active registration made by the county; returns its id. */
async function activeRegistration(ctx: MatrixContext, where: Where): Promise<string> {
  const { inflowMemberId } = await ctx.countyDo(REGISTER, await registration(ctx, where));
  if (!inflowMemberId) throw new Error('the county registered an inflow member but got no id back');
  return inflowMemberId;
}

const shared = new Map<string, Promise<string>>();
/** The refused roles share one target (made once); each allowed role makes its own. */
function targetFor(ctx: MatrixContext, role: Role, allowed: Role[], where: Where): Promise<string> {
  if (allowed.includes(role)) return activeRegistration(ctx, where);
  const key = `${ctx.baseURL} ${ctx.run} ${where}`;
  if (!shared.has(key)) shared.set(key, activeRegistration(ctx, where));
  return shared.get(key)!;
}

const stillActive = async (ctx: MatrixContext, _role: Role, fields: FormFields | null) => String(hiddenValues(await ctx.countyHtml(ACTIVE), 'inflowMemberId').includes(String(fields!.inflowMemberId)));

function registerRow(where: Where, allowed: Role[]): ActionRow {
  return {
    ...REGISTER,
    label: where === 'host' ? 'at the demo host' : 'at a branch of the target committee',
    payload: (ctx) => registration(ctx, where),
    expect: only(allowed, 'success', 'forbidden'),
    audit: 'inflow.register',
    probe: registered,
    changes: true,
    // The registering admin's own list shows the row, with the ID number masked and never in full.
    check: async (ctx, role, _response, fields) => {
      const html = (await ctx.get(role, ACTIVE)).html;
      const text = textOf(mainOf(html));
      expect(text).toContain(String(fields!.originalOrgName));
      expect(text).toContain(maskedId(String(fields!.idNumber)));
      expect(html).not.toContain(String(fields!.idNumber));
    },
  };
}

function leaveRow(where: Where, allowed: Role[]): ActionRow {
  return {
    ...LEAVE,
    label: where === 'host' ? 'at the demo host' : 'at a branch of the target committee',
    payload: async (ctx, role) => ({ inflowMemberId: await targetFor(ctx, role, allowed, where), leftOn: today(), reason: `矩阵测试：返回原籍${role}` }),
    expect: only(allowed, 'success', 'forbidden'),
    audit: 'inflow.leave',
    probe: stillActive,
    changes: true,
    // The row moves to 已离开, with the reason.
    check: async (ctx, _role, _response, fields) => {
      expect(hiddenValues(await ctx.countyHtml(ACTIVE), 'inflowMemberId')).not.toContain(String(fields!.inflowMemberId));
      expect(await mainText(ctx, LEFT)).toContain(String(fields!.reason));
    },
  };
}

/** The county's 在册 list: how many meetings the row of this 流入党员 counts ('' when the row is not listed). */
async function meetingsCounted(ctx: MatrixContext, id: string): Promise<string> {
  const html = await ctx.countyHtml(ACTIVE);
  const at = html.indexOf(`name="inflowMemberId" value="${id}"`);
  if (at < 0) return '';
  const row = html.slice(html.lastIndexOf('<tr', at), html.indexOf('</tr>', at));
  return /在此参加组织生活\D*(\d+)\D*次/.exec(textOf(row))?.[1] ?? '';
}

function meetingRow(where: Where, allowed: Role[]): ActionRow {
  return {
    ...MEETING,
    label: where === 'host' ? 'at the demo host' : 'at a branch of the target committee',
    payload: async (ctx, role) => ({ memberIds: await targetFor(ctx, role, allowed, where), heldOn: today(), kind: 'theme_day', topic: `矩阵测试主题党日${unique(ctx)}` }),
    expect: only(allowed, 'success', 'forbidden'),
    audit: 'attendance.record',
    probe: (ctx, _role, fields) => meetingsCounted(ctx, String(fields!.memberIds)),
    changes: true,
    // The 流入党员's row now counts the meeting.
    check: async (ctx, _role, _response, fields) => {
      expect(await meetingsCounted(ctx, String(fields!.memberIds))).toBe('1');
    },
  };
}

export const inflowRows: ActionRow[] = [
  registerRow('host', HOSTS),
  registerRow('committee', KEEPERS),
  leaveRow('host', HOSTS),
  leaveRow('committee', KEEPERS),
  meetingRow('host', HOSTS),
  meetingRow('committee', KEEPERS),
];

/** The original organisation of the page row's registration: one per run. */
export const inflowPageOrgName = (ctx: MatrixContext) => `矩阵页面流入登记${ctx.run}`;

const pageTargets = new Map<string, Promise<void>>();
/**
 * For the page row: one registration at the first matrix branch (inside the target committee),
 * made once per run, which only that subtree's keepers see.
 */
export function inflowInScope(ctx: MatrixContext): Promise<void> {
  const key = `${ctx.baseURL} ${ctx.run}`;
  if (!pageTargets.has(key)) {
    const make = async () => {
      await ctx.countyDo(REGISTER, await registration(ctx, 'committee', inflowPageOrgName(ctx)));
    };
    pageTargets.set(key, make());
  }
  return pageTargets.get(key)!;
}
