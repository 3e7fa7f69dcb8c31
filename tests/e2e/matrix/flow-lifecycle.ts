import { expect } from '@playwright/test';
import { generateDemoCounty } from '../../../db/seed/demo-county';
import { addDays } from '../../../lib/members/four-clear';
import { beijingDay } from '../../../lib/time/beijing';
import { hiddenValues, mainOf, tableRows, textOf } from '../../support/matrix-html';
import { only, type ActionRef, type ActionRow, type FormFields, type MatrixContext, type Role } from '../../support/matrix-types';
import { photoFile } from '../../support/tiny-image';
import { outflowPlan } from './flow';

// The flow lifecycle after the 外出报告 (issue 5 §2–§6): the 活动证 (lib/flow/certificate-actions.ts),
// 组织关系转接 (transfer-actions.ts), 报到 and 表现反馈 (hosting-actions.ts) and the check of a
// 电子党员证 (ecard-actions.ts).
// - Certificates: archive admins whose subtree holds the member's 基层党委 (the target committee:
//   the scoped admin and the county); aimed at the demo branch's member at home
//   (targets.pendingMemberId), sent away first and brought home (handing the certificate in) between
//   allowed posts.
// - Transfers: archive admins with the member's branch in scope; aimed at the members the
//   member-import rows brought into the first matrix branch (a receipt transfers one out for good).
// - 报到: the demo member files at the demo host; the host admin and the county (whose subtree
//   holds the host, which hangs under the county root, outside both town committees) decide. The
//   second member (targets.requesterName) is placed there with a journey from last year, so the host
//   and the county can each file a year's 表现反馈 on them (one per member, host and year), leaving
//   the demo member's feedback to tests/e2e/flow-lifecycle.spec.ts.
// - The card check: host admins and every archive admin (the card holder shows it to whoever asks).

const FLOW = 'lib/flow/actions.ts';
const ANY_MEMBER = '/admin/members/00000000-0000-4000-8000-000000000000';
const OPEN: ActionRef = { file: FLOW, exportedName: 'openOutflow', pagePath: ANY_MEMBER };
const RECORD_RETURN: ActionRef = { file: FLOW, exportedName: 'recordReturn', pagePath: ANY_MEMBER };
const cert = (exportedName: string): ActionRef => ({ file: 'lib/flow/certificate-actions.ts', exportedName, pagePath: ANY_MEMBER });
const transfer = (exportedName: string): ActionRef => ({ file: 'lib/flow/transfer-actions.ts', exportedName, pagePath: ANY_MEMBER });
const hosting = (exportedName: string, pagePath = '/admin/hosting'): ActionRef => ({ file: 'lib/flow/hosting-actions.ts', exportedName, pagePath });
const ISSUE = cert('issueActivityCertificate');
const RENEW = cert('renewActivityCertificate');
const RECORD_TRANSFER = transfer('recordTransfer');
const RECEIPT = transfer('logReceipt');
const CANCEL = transfer('cancelLetter');
const REGISTER = hosting('registerAtHost', '/flow');
const ACCEPT = hosting('acceptHostRegistration');
const DECLINE = hosting('declineHostRegistration');
const FEEDBACK = hosting('submitHostFeedback');
const VERIFY: ActionRef = { file: 'lib/flow/ecard-actions.ts', exportedName: 'verifyMemberCard', pagePath: '/admin/verify' };

const KEEPERS: Role[] = ['scopedAdmin', 'countyAdmin'];
const HOSTS: Role[] = ['hostAdmin', 'countyAdmin'];
const PENDING = '/admin/hosting?tab=pending';
const ACCEPTED = '/admin/hosting?tab=accepted';
const INSPECTION = '矩阵测试：在外期间按时参加组织生活，党费交纳正常。';
let sequence = 0;
const batch = Math.random().toString(36).slice(2, 6);
const unique = (ctx: MatrixContext) => `${ctx.run}${batch}${++sequence}`;
const today = () => beijingDay();
const thisYear = () => Number(today().slice(0, 4));
/** The last day of last year: a journey and a 报到 from then let the host answer for both years. */
const lastYearEnd = () => `${thisYear() - 1}-12-31`;

/** The demo host (流入地) organisation: the host admin's (the first host org of the seed). */
export const demoHostName = generateDemoCounty().orgs.find((org) => org.type === 'host')!.name;

const detailPath = (memberId: string) => `/admin/members/${memberId}`;
const detailHtml = (ctx: MatrixContext, memberId: string) => ctx.countyHtml(detailPath(memberId));
export const recordText = async (ctx: MatrixContext, memberId: string) => textOf(mainOf(await detailHtml(ctx, memberId)));
const isAway = async (ctx: MatrixContext, memberId: string) => (await detailHtml(ctx, memberId)).includes('name="returnedOn"');

/** Ends the member's open journey today as the county, handing in (and inspecting) any certificate. */
export async function bringHome(ctx: MatrixContext, memberId: string): Promise<void> {
  if (await isAway(ctx, memberId)) await ctx.countyDo(RECORD_RETURN, { memberId, returnedOn: today(), note: '矩阵测试：先登记返乡', inspectionNote: INSPECTION });
}

/** Opens a journey for the member as the county (leaving today unless told), unless one is open. */
export async function sendAway(ctx: MatrixContext, memberId: string, leavesOn = today()): Promise<void> {
  if (!(await isAway(ctx, memberId))) await ctx.countyDo(OPEN, { memberId, ...outflowPlan(`矩阵测试外出地${unique(ctx)}`), leavesOn });
}

const memberIds = new Map<string, Promise<string>>();
/** The demo member's id, from the county's member list. */
export function demoMemberId(ctx: MatrixContext): Promise<string> {
  const key = `${ctx.baseURL} ${ctx.run}`;
  if (!memberIds.has(key)) {
    const find = async () => {
      const { memberName, demoBranchName } = ctx.targets;
      const row = tableRows(await ctx.countyHtml(`/admin/members?q=${encodeURIComponent(memberName)}`)).find((html) => textOf(html).startsWith(`${memberName} `) && textOf(html).includes(demoBranchName));
      const id = row && /href="\/admin\/members\/([0-9a-f-]{36})"/.exec(row)?.[1];
      if (!id) throw new Error("the demo member is not on the county admin's member list");
      return id;
    };
    memberIds.set(key, find());
  }
  return memberIds.get(key)!;
}

// ---------------------------------------------------------------------------------------------
// 活动证

/** The member away and holding no valid certificate: what issuing needs. */
async function awayWithoutCertificate(ctx: MatrixContext, memberId: string): Promise<void> {
  if (hiddenValues(await detailHtml(ctx, memberId), 'certificateId').length > 0) await bringHome(ctx, memberId);
  await sendAway(ctx, memberId);
}

const certificateFields = (memberId: string): FormFields => ({ memberId, issuedOn: today(), validUntil: addDays(today(), 90), extensionReason: '', photo: photoFile() });

/** The id of the member's valid certificate (issued by the county if need be). */
async function heldCertificate(ctx: MatrixContext, memberId: string): Promise<string> {
  await sendAway(ctx, memberId);
  let id = hiddenValues(await detailHtml(ctx, memberId), 'certificateId')[0];
  if (!id) {
    await ctx.countyDo(ISSUE, certificateFields(memberId));
    id = hiddenValues(await detailHtml(ctx, memberId), 'certificateId')[0];
  }
  if (!id) throw new Error("the member's certificate is not on the county admin's view of the record");
  return id;
}

/** For the page rows: a certificate held by the demo branch's member at home, so the register has a row to scope. */
export async function certificateInScope(ctx: MatrixContext): Promise<void> {
  await heldCertificate(ctx, ctx.targets.pendingMemberId);
}

// ---------------------------------------------------------------------------------------------
// 组织关系转接

/** The members of the first matrix branch (the member-import rows bring them in). */
async function matrixBranchMembers(ctx: MatrixContext): Promise<string[]> {
  const html = mainOf(await ctx.countyHtml(`/admin/members?subtree=${ctx.targets.branchId}`));
  return [...new Set([...html.matchAll(/href="\/admin\/members\/([0-9a-f-]{36})"/g)].map((match) => match[1]))];
}

const letterOwners = new Map<string, string>();

/** A member of the matrix branch who may be given a letter now (one letter out is withdrawn if need be). */
async function letterFreeMember(ctx: MatrixContext): Promise<string> {
  const ids = await matrixBranchMembers(ctx);
  for (const id of ids) if ((await detailHtml(ctx, id)).includes('name="letterNumber"')) return id;
  for (const id of ids) {
    const transferId = hiddenValues(await detailHtml(ctx, id), 'transferId')[0];
    if (transferId) {
      await ctx.countyDo(CANCEL, { transferId, reason: '矩阵测试：腾出介绍信' });
      return id;
    }
  }
  throw new Error('the first matrix branch has no member left to give a 介绍信 (the member-import rows bring them in)');
}

/** A letter awaiting its receipt (recorded by the county if none is out); returns its id. */
async function letterOut(ctx: MatrixContext): Promise<string> {
  for (const id of await matrixBranchMembers(ctx)) {
    const transferId = hiddenValues(await detailHtml(ctx, id), 'transferId')[0];
    if (transferId) {
      letterOwners.set(transferId, id);
      return transferId;
    }
  }
  const memberId = await letterFreeMember(ctx);
  await ctx.countyDo(RECORD_TRANSFER, letterFields(ctx, memberId));
  const transferId = hiddenValues(await detailHtml(ctx, memberId), 'transferId')[0];
  if (!transferId) throw new Error("the county's letter is not on the member's record");
  letterOwners.set(transferId, memberId);
  return transferId;
}

const letterFields = (ctx: MatrixContext, memberId: string): FormFields => ({
  memberId,
  letterNumber: `矩阵转字${unique(ctx)}`,
  issuedOn: today(),
  validUntil: addDays(today(), 30),
  receivingOrgName: '广东省深圳市南山区粤海街道工作委员会',
  note: '',
});

const letterRecord = (ctx: MatrixContext, _role: Role, fields: FormFields | null) => recordText(ctx, letterOwners.get(String(fields!.transferId))!);

// ---------------------------------------------------------------------------------------------
// 报到 and 表现反馈

const hostIds = new Map<string, Promise<string>>();
const demoHostId = (ctx: MatrixContext) => {
  const key = `${ctx.baseURL} ${ctx.run}`;
  if (!hostIds.has(key)) hostIds.set(key, ctx.orgIdByName(demoHostName));
  return hostIds.get(key)!;
};

const registrationFields = async (ctx: MatrixContext, reportedOn = today()): Promise<FormFields> => ({ where: 'host', hostOrgId: await demoHostId(ctx), reportedOn });

/** The id of the named member's registration waiting at a host, on the county's queue. */
async function pendingRegistrationOf(ctx: MatrixContext, name: string): Promise<string | undefined> {
  const row = tableRows(await ctx.countyHtml(PENDING)).find((html) => textOf(html).includes(name) && html.includes('name="registrationId"'));
  return row ? hiddenValues(row, 'registrationId')[0] : undefined;
}
const placedRows = async (ctx: MatrixContext, name: string) => tableRows(await ctx.countyHtml(ACCEPTED)).filter((html) => textOf(html).includes(name));

/** The demo member away with no live 報到 (waiting or accepted): what filing needs. */
async function demoMemberMayRegister(ctx: MatrixContext): Promise<void> {
  const memberId = await demoMemberId(ctx);
  const { memberName } = ctx.targets;
  if ((await isAway(ctx, memberId)) && !(await pendingRegistrationOf(ctx, memberName)) && (await placedRows(ctx, memberName)).length === 0) return;
  await bringHome(ctx, memberId);
  await sendAway(ctx, memberId);
}

/** The demo member's registration waiting at the demo host (filed here if need be). */
async function demoMemberPending(ctx: MatrixContext): Promise<string> {
  let id = await pendingRegistrationOf(ctx, ctx.targets.memberName);
  if (!id) {
    await demoMemberMayRegister(ctx);
    const filed = await ctx.post<{ status?: string }>('member', REGISTER, await registrationFields(ctx));
    if (filed.result?.status !== 'success') throw new Error(`the demo member could not file a 报到: ${JSON.stringify(filed.result)}`);
    id = await pendingRegistrationOf(ctx, ctx.targets.memberName);
  }
  if (!id) throw new Error("the demo member's 报到 is not on the county admin's queue");
  return id;
}

/** A fresh registration of the second member at the demo host, reported on the last day of last year. */
async function requesterPendingFromLastYear(ctx: MatrixContext): Promise<string> {
  const waiting = await pendingRegistrationOf(ctx, ctx.targets.requesterName);
  if (waiting) return waiting;
  await bringHome(ctx, ctx.targets.requesterMemberId);
  await sendAway(ctx, ctx.targets.requesterMemberId, lastYearEnd());
  await ctx.requesterDo(REGISTER, await registrationFields(ctx, lastYearEnd()));
  const id = await pendingRegistrationOf(ctx, ctx.targets.requesterName);
  if (!id) throw new Error("the second member's 报到 is not on the county admin's queue");
  return id;
}

/** The second member placed at the demo host since last year (the feedback rows' target). */
async function requesterPlaced(ctx: MatrixContext): Promise<void> {
  if ((await placedRows(ctx, ctx.targets.requesterName)).some((row) => textOf(row).includes(lastYearEnd()))) return;
  const registrationId = await requesterPendingFromLastYear(ctx);
  await ctx.countyDo(ACCEPT, { registrationId, placedOrgId: await demoHostId(ctx), certificateChecked: 'on' });
}

const shared = new Map<string, Promise<string>>();
/** Refused roles and the first allowed role share one target (made once); later allowed roles make their own. */
function sharedTarget(ctx: MatrixContext, purpose: string, make: () => Promise<string>): Promise<string> {
  const key = `${ctx.baseURL} ${ctx.run} ${purpose}`;
  if (!shared.has(key)) shared.set(key, make());
  return shared.get(key)!;
}

const stillPending = async (ctx: MatrixContext, _role: Role, fields: FormFields | null) => String(hiddenValues(await ctx.countyHtml(PENDING), 'registrationId').includes(String(fields!.registrationId)));
const feedbackCount = async (ctx: MatrixContext) => String((await recordText(ctx, ctx.targets.requesterMemberId)).split(`${demoHostName} · `).length - 1);

/** The 核验码 under the QR code of the demo member's 电子党员证. */
async function cardCode(ctx: MatrixContext): Promise<string> {
  const html = (await ctx.get('member', '/card')).html;
  const code = /class="font-mono[^"]*">([^<]+)</.exec(html)?.[1];
  if (!code) throw new Error("the demo member's card shows no code");
  return code;
}

export const flowLifecycleRows: ActionRow[] = [
  // 活动证
  {
    ...ISSUE,
    payload: async (ctx) => {
      await awayWithoutCertificate(ctx, ctx.targets.pendingMemberId);
      return certificateFields(ctx.targets.pendingMemberId);
    },
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'certificate.issue',
    probe: (ctx) => recordText(ctx, ctx.targets.pendingMemberId),
    changes: true,
    check: async (ctx, _role, response) => {
      expect((response.result as { message?: string }).message).toMatch(/活动证已发放，编号 〔\d{4}〕\d{4}号/);
      const html = await detailHtml(ctx, ctx.targets.pendingMemberId);
      expect(hiddenValues(html, 'certificateId'), 'the record offers 换发 for the certificate now held').toHaveLength(1);
      expect(textOf(mainOf(html))).toContain(`〔${thisYear()}〕`);
    },
  },
  {
    ...RENEW,
    payload: async (ctx, role) => ({
      certificateId: await heldCertificate(ctx, ctx.targets.pendingMemberId),
      validUntil: addDays(today(), 120),
      extensionReason: '',
      ...(role === 'scopedAdmin' ? { photo: photoFile('换发照片.png') } : {}),
    }),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'certificate.renew',
    probe: (ctx) => recordText(ctx, ctx.targets.pendingMemberId),
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      const html = await detailHtml(ctx, ctx.targets.pendingMemberId);
      expect(textOf(mainOf(html))).toContain('已换发');
      expect(textOf(mainOf(html))).toContain(String(fields!.validUntil));
      expect(hiddenValues(html, 'certificateId'), 'the new certificate replaces the old').not.toContain(String(fields!.certificateId));
    },
  },
  // 组织关系转接
  {
    ...RECORD_TRANSFER,
    payload: async (ctx, role) => {
      const memberId = role === 'countyAdmin' ? await letterFreeMember(ctx) : await sharedTarget(ctx, 'letter', () => letterFreeMember(ctx));
      return letterFields(ctx, memberId);
    },
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'transfer.out',
    probe: (ctx, _role, fields) => recordText(ctx, String(fields!.memberId)),
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      const text = await recordText(ctx, String(fields!.memberId));
      expect(text).toContain(String(fields!.letterNumber));
      expect(text).toContain('待回执');
    },
  },
  {
    ...CANCEL,
    payload: async (ctx, role) => ({
      transferId: role === 'countyAdmin' ? await letterOut(ctx) : await sharedTarget(ctx, 'cancel', () => letterOut(ctx)),
      reason: `矩阵测试：介绍信写错${role}`,
    }),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'transfer.cancel',
    probe: letterRecord,
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      const text = await letterRecord(ctx, _role, fields);
      expect(text).toContain('已撤销');
      expect(text).toContain(String(fields!.reason));
    },
  },
  {
    ...RECEIPT,
    payload: async (ctx, role) => ({ transferId: role === 'countyAdmin' ? await letterOut(ctx) : await sharedTarget(ctx, 'receipt', () => letterOut(ctx)), receiptOn: today() }),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'transfer.receipt',
    probe: letterRecord,
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      const text = await letterRecord(ctx, _role, fields);
      expect(text).toContain('已回执');
      expect(text).toContain('组织关系已转出');
    },
  },
  // 报到
  {
    ...REGISTER,
    payload: async (ctx) => {
      await demoMemberMayRegister(ctx);
      return registrationFields(ctx);
    },
    expect: only(['member'], 'success', 'forbidden'),
    audit: 'hosting.register',
    probe: async (ctx) => String(tableRows(await ctx.countyHtml(PENDING)).filter((html) => textOf(html).includes(ctx.targets.memberName)).length),
    changes: true,
    check: async (ctx) => {
      const page = textOf(mainOf((await ctx.get('member', '/flow')).html));
      expect(page).toContain(demoHostName);
      expect(page).toContain('待接收');
    },
  },
  {
    ...ACCEPT,
    payload: async (ctx, role) => ({
      registrationId: role === 'countyAdmin' ? await requesterPendingFromLastYear(ctx) : await sharedTarget(ctx, 'accept', () => demoMemberPending(ctx)),
      placedOrgId: await demoHostId(ctx),
      certificateChecked: 'on',
    }),
    expect: only(HOSTS, 'success', 'forbidden'),
    audit: 'hosting.accept',
    probe: stillPending,
    changes: true,
    // Placed, the member is on the host's list of those taking part there.
    check: async (ctx, role) => {
      const name = role === 'countyAdmin' ? ctx.targets.requesterName : ctx.targets.memberName;
      expect((await placedRows(ctx, name)).length).toBeGreaterThan(0);
      if (role === 'hostAdmin') expect(textOf(mainOf((await ctx.get('hostAdmin', ACCEPTED)).html))).toContain(name);
    },
  },
  {
    ...DECLINE,
    payload: async (ctx, role) => ({
      registrationId: role === 'countyAdmin' ? await demoMemberPending(ctx) : await sharedTarget(ctx, 'decline', () => demoMemberPending(ctx)),
      reason: `矩阵测试：请先与本支部书记联系${role}`,
    }),
    expect: only(HOSTS, 'success', 'forbidden'),
    audit: 'hosting.decline',
    probe: stillPending,
    changes: true,
    // The member reads the reason.
    check: async (ctx, _role, _response, fields) => {
      expect(textOf(mainOf((await ctx.get('member', '/flow')).html))).toContain(String(fields!.reason));
    },
  },
  {
    ...FEEDBACK,
    payload: async (ctx, role) => {
      await requesterPlaced(ctx);
      return {
        memberId: ctx.targets.requesterMemberId,
        year: String(role === 'countyAdmin' ? thisYear() - 1 : thisYear()),
        rating: 'good',
        content: `矩阵测试：按时参加组织生活，表现较好。${role}`,
      };
    },
    expect: only(HOSTS, 'success', 'forbidden'),
    audit: 'hosting.feedback',
    probe: feedbackCount,
    changes: true,
    // The home side reads it beside the member's record.
    check: async (ctx, _role, _response, fields) => {
      const text = await recordText(ctx, ctx.targets.requesterMemberId);
      expect(text).toContain(`${demoHostName} · ${fields!.year} 年度`);
      expect(text).toContain(String(fields!.content));
    },
  },
  // The card check.
  {
    ...VERIFY,
    payload: async (ctx) => ({ code: await cardCode(ctx) }),
    expect: only(['hostAdmin', 'countyAdmin', 'scopedAdmin', 'otherSubtreeAdmin'], 'success', 'forbidden'),
    audit: 'ecard.verify',
    check: async (ctx, _role, response) => {
      const data = (response.result as { data?: Record<string, string> }).data;
      expect(data?.name).toBe(ctx.targets.memberName);
      expect(data?.branch).toBe(ctx.targets.demoBranchName);
      expect(JSON.stringify(data)).not.toMatch(/\d{17}[\dX]/);
    },
  },
];
