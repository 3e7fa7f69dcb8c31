import { expect } from '@playwright/test';
import { generateDemoCounty } from '../../../db/seed/demo-county';
import { messages } from '../../../lib/i18n/messages';
import { addDays } from '../../../lib/members/four-clear';
import { MEETING_KINDS, type MeetingKind } from '../../../lib/org-life/meeting-kinds';
import { beijingDay } from '../../../lib/time/beijing';
import { hiddenValues, mainOf, tableRows, textOf } from '../../support/matrix-html';
import { only, type ActionRef, type ActionRow, type FormFields, type MatrixContext, type Role } from '../../support/matrix-types';
import { MEMBER_HEADER, memberRow, syntheticIdNumber, workbookBytes } from '../../support/member-workbook';
import { bringHome, demoHostName, demoMemberId, sendAway } from './flow-lifecycle';

// 临时党支部 and attendance away from home (lib/flow/temporary-branch-actions.ts, issue 5 §3, §5, §6).
// - Proposing, deciding and dissolving: archive admins (org or county admins holding the archive
//   capability). A proposal needs three or more members of the proposer's subtree away in one
//   city; it is decided by an admin whose own org is a 党委 holding the proposal's 党委 (the target
//   committee: the scoped admin and the county), never by its proposer. The members are the
//   matrix's own: imported by the county, away in 海口 (a city no demo member is away in), into a
//   branch the matrix makes under the target committee. So the proposer is never the decider, the
//   county proposes what the scoped admin decides and the scoped admin what the county decides.
// - A 临时党支部's meeting: archive admins whose subtree holds it (the scoped admin and the county).
// - A host's meeting (list or e-card): host admins and archive admins with the host in their
//   subtree (the demo host hangs under the county root: the host admin and the county). The second
//   member (targets.requesterName) and the demo member are placed at the demo host for them.
// Anonymous callers, members and the admin without a capability are refused everywhere.

const tb = (exportedName: string, pagePath = PAGE): ActionRef => ({ file: 'lib/flow/temporary-branch-actions.ts', exportedName, pagePath });
const PAGE = '/admin/temporary-branches';
const PROPOSE = tb('submitTemporaryBranch');
const APPROVE = tb('approveTemporaryBranchApplication');
const REJECT = tb('rejectTemporaryBranchApplication');
const DISSOLVE = tb('dissolveTemporaryBranchOrg');
const AT_BRANCH = tb('recordAttendanceAtTemporaryBranch');
const AT_HOST = tb('recordAttendanceAtHost', '/admin/hosting');
const BY_CARD = tb('recordAttendanceByCard', '/admin/verify');
const hosting = (exportedName: string, pagePath = '/admin/hosting'): ActionRef => ({ file: 'lib/flow/hosting-actions.ts', exportedName, pagePath });
const REGISTER = hosting('registerAtHost', '/flow');
const ACCEPT = hosting('acceptHostRegistration');
const IMPORT_UPLOAD: ActionRef = { file: 'lib/members/excel/import-actions.ts', exportedName: 'uploadMemberImport', pagePath: '/admin/members/import' };
const IMPORT_CONFIRM: ActionRef = { file: 'lib/members/excel/import-actions.ts', exportedName: 'confirmMemberImport', pagePath: '/admin/members/import/00000000-0000-4000-8000-000000000000' };
const CREATE_ORG: ActionRef = { file: 'lib/orgs/actions.ts', exportedName: 'createOrg', pagePath: '/admin/orgs' };

const KEEPERS: Role[] = ['scopedAdmin', 'countyAdmin'];
const HOSTS: Role[] = ['hostAdmin', 'countyAdmin'];
const BRANCHES = `${PAGE}?tab=branches`;
const PENDING = `${PAGE}?tab=pending`;
const DECIDED = `${PAGE}?tab=decided`;
const ACCEPTED = '/admin/hosting?tab=accepted';
/** 海口市 (海南省): no demo member is away there, so the propose page lists the matrix's members only. */
const PLACE_KEY = '4601';
const REGION_CODE = '460108';
const REGION_TEXT = '海南省海口市美兰区';
const t = messages.temporaryBranches;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let sequence = 0;
const batch = Math.random().toString(36).slice(2, 6);
const unique = (ctx: MatrixContext) => `${ctx.run}${batch}${++sequence}`;
const today = () => beijingDay();

/** A proposal's name: unique, and ending in 临时党支部 as the rules want. */
const branchNameFor = (ctx: MatrixContext, what: string) => `矩阵驻海口${what}${unique(ctx)}临时党支部`;

const perRun = new Map<string, Promise<unknown>>();
/** One promise per server run and purpose: made once, shared by every row and role. */
function once<T>(ctx: MatrixContext, purpose: string, make: () => Promise<T>): Promise<T> {
  const key = `${ctx.baseURL} ${ctx.run} ${purpose}`;
  if (!perRun.has(key)) perRun.set(key, make());
  return perRun.get(key) as Promise<T>;
}

// ---------------------------------------------------------------------------------------------
// The matrix's members away in 海口

/** The branch under the target committee that holds the matrix's members away in 海口. */
const poolBranchName = (ctx: MatrixContext) => `矩阵临时支部来源${ctx.run}`;

function poolBranch(ctx: MatrixContext): Promise<string> {
  return once(ctx, 'pool branch', async () => {
    await ctx.countyDo(CREATE_ORG, { parentId: ctx.targets.scopeOrgId, name: poolBranchName(ctx), type: 'branch' });
    return ctx.orgIdByName(poolBranchName(ctx));
  });
}

let demoIdNumbers: Set<string> | undefined;
// Serials far from the member-import rows' (4–8 million) and new on every run of this module.
let serial = 8_100_000 + Math.floor(Math.random() * 800_000);

/** A full member away in 海口 since 2024, of the pool branch. */
function awayRow(branchName: string): ReturnType<typeof memberRow> {
  demoIdNumbers ??= new Set(generateDemoCounty().members.map((member) => member.idNumber));
  do serial += 1;
  while (demoIdNumbers.has(syntheticIdNumber(serial)));
  const row = memberRow(serial, branchName);
  row[5] = '流出中';
  row[9] = REGION_TEXT;
  row[10] = '务工';
  row[11] = '2024-03-01';
  return row;
}

type Candidate = { id: string; text: string };

/** The members the propose page lists in 海口, as the county sees it (those in no 临时党支部), of the pool branch. */
function poolCandidates(ctx: MatrixContext, html: string): Candidate[] {
  const labels = [...html.matchAll(/<label\b[^>]*>([\s\S]*?)<\/label>/g)].map((match) => match[1]).filter((inner) => inner.includes('name="memberIds"'));
  return labels
    .map((inner) => ({ id: /value="([0-9a-f-]{36})"/.exec(inner)?.[1] ?? '', text: textOf(inner) }))
    .filter((candidate) => candidate.id !== '' && candidate.text.includes(poolBranchName(ctx)));
}
const proposePage = `${PAGE}?tab=propose&place=${PLACE_KEY}`;

/** Imports `count` members away in 海口 into the pool branch, as the county, and waits until they are in. */
async function importPool(ctx: MatrixContext, count: number): Promise<void> {
  await poolBranch(ctx);
  const before = poolCandidates(ctx, (await ctx.get('countyAdmin', proposePage)).html).length;
  const rows = Array.from({ length: count }, () => awayRow(poolBranchName(ctx)));
  const bytes = await workbookBytes([MEMBER_HEADER, ...rows]);
  const uploaded = await ctx.post('countyAdmin', IMPORT_UPLOAD, { file: new File([new Uint8Array(bytes)], '矩阵临时党支部成员.xlsx', { type: XLSX }) });
  const token = /\/admin\/members\/import\/([0-9a-f-]{36})$/.exec(uploaded.redirectTo ?? '')?.[1];
  if (!token) throw new Error(`the county could not upload the 海口 members: ${JSON.stringify(uploaded.result)}`);
  const importPage = `/admin/members/import/${token}`;
  await expect
    .poll(async () => hiddenValues((await ctx.get('countyAdmin', importPage)).html, 'token').includes(token), { message: `the import ${token} is validated`, timeout: 30_000 })
    .toBe(true);
  const confirmed = await ctx.post('countyAdmin', IMPORT_CONFIRM, { token });
  if (!confirmed.redirectTo) throw new Error(`the county could not confirm the 海口 members: ${JSON.stringify(confirmed.result)}`);
  await expect
    .poll(async () => poolCandidates(ctx, (await ctx.get('countyAdmin', proposePage)).html).length, { message: 'the 海口 members are in the archive', timeout: 30_000 })
    .toBeGreaterThanOrEqual(before + count);
}

/** Three members of the pool away in 海口 and in no 临时党支部 (more are imported when fewer are free). */
async function freeTrio(ctx: MatrixContext): Promise<string[]> {
  let free = poolCandidates(ctx, await ctx.countyHtml(proposePage));
  if (free.length < 3) {
    await importPool(ctx, 9);
    free = poolCandidates(ctx, await ctx.countyHtml(proposePage));
  }
  if (free.length < 3) throw new Error('the pool branch has fewer than three members free in 海口');
  return free.slice(0, 3).map((candidate) => candidate.id);
}

// ---------------------------------------------------------------------------------------------
// Applications and 临时党支部

type Proposal = { name: string; memberIds: string[]; secretaryMemberId: string };

const proposalFields = (proposal: Proposal): FormFields => ({
  name: proposal.name,
  regionCode: REGION_CODE,
  memberIds: proposal.memberIds,
  secretaryMemberId: proposal.secretaryMemberId,
  reason: '矩阵测试：同在海口务工，便于就近参加组织生活。',
});

async function freshProposal(ctx: MatrixContext, what: string, name = branchNameFor(ctx, what)): Promise<Proposal> {
  const memberIds = await freeTrio(ctx);
  return { name, memberIds, secretaryMemberId: memberIds[0] };
}

type Section = { id: string; html: string; title: string };

/** The page's `<section aria-labelledby="{prefix}-{id}">` blocks, with their heading's text. */
function sections(html: string, prefix: 'application' | 'branch'): Section[] {
  return [...mainOf(html).matchAll(new RegExp(`<section aria-labelledby="${prefix}-([^"]+)"[^>]*>([\\s\\S]*?)</section>`, 'g'))].map(([, id, inner]) => ({
    id,
    html: inner,
    title: textOf(/<h2\b[^>]*>([\s\S]*?)<\/h2>/.exec(inner)?.[1] ?? ''),
  }));
}

/** The id of the pending application of that name, on the observer's queue (which decides everyone's). */
async function pendingApplicationId(ctx: MatrixContext, name: string): Promise<string> {
  const section = sections(await ctx.countyHtml(PENDING), 'application').find((candidate) => candidate.title.startsWith(name));
  const id = section && hiddenValues(section.html, 'applicationId')[0];
  if (!id) throw new Error(`the application ${name} is not waiting on the county's queue`);
  return id;
}

type Pending = Proposal & { applicationId: string };

/** A pending application proposed by `proposer` (the county or the scoped admin: each decides the other's). */
async function pendingBy(ctx: MatrixContext, proposer: 'countyAdmin' | 'scopedAdmin', what: string, name?: string): Promise<Pending> {
  const proposal = await freshProposal(ctx, what, name);
  const response = await ctx.post<{ status?: string }>(proposer, PROPOSE, proposalFields(proposal));
  if (response.result?.status !== 'success') throw new Error(`${proposer} could not propose ${proposal.name}: ${JSON.stringify(response.result)}`);
  return { ...proposal, applicationId: await pendingApplicationId(ctx, proposal.name) };
}

type Live = Proposal & { orgId: string };

/** A live 临时党支部 under the target committee: proposed by the scoped admin, approved by the county. */
async function liveBranch(ctx: MatrixContext, what: string, name?: string): Promise<Live> {
  const pending = await pendingBy(ctx, 'scopedAdmin', what, name);
  await ctx.countyDo(APPROVE, { applicationId: pending.applicationId, secretaryMemberId: pending.secretaryMemberId, note: '' });
  const section = sections(await ctx.countyHtml(BRANCHES), 'branch').find((candidate) => candidate.title === pending.name);
  if (!section) throw new Error(`the approved ${pending.name} is not on the county's list`);
  return { ...pending, orgId: section.id };
}

/** The page row's 临时党支部 in the target subtree. */
export const temporaryBranchInScope = (ctx: MatrixContext) => `矩阵驻海口页面${ctx.run}临时党支部`;

/** For the page row: the list of 临时党支部, once temporaryBranchInScope is live (made once per run). */
export async function temporaryBranchPage(ctx: MatrixContext): Promise<string> {
  await once(ctx, 'page branch', async () => (await branchSection(ctx, temporaryBranchInScope(ctx))) ?? liveBranch(ctx, '页面', temporaryBranchInScope(ctx)));
  return `${PAGE}?tab=branches`;
}

const stillPending = async (ctx: MatrixContext, _role: Role, fields: FormFields | null) => String(hiddenValues(await ctx.countyHtml(PENDING), 'applicationId').includes(String(fields!.applicationId)));
const isLive = async (ctx: MatrixContext, _role: Role, fields: FormFields | null) => String(sections(await ctx.countyHtml(BRANCHES), 'branch').some((section) => section.id === String(fields!.orgId)));
const branchSection = async (ctx: MatrixContext, name: string) => sections(await ctx.countyHtml(BRANCHES), 'branch').find((section) => section.title === name);

// ---------------------------------------------------------------------------------------------
// Attendance

/** The lines of 在外参加组织生活 on the member's record, as the county sees it. */
async function attendanceLines(ctx: MatrixContext, memberId: string): Promise<string[]> {
  const html = await ctx.countyHtml(`/admin/members/${memberId}`);
  const section = /<section aria-labelledby="away-attendance"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  return [...section.matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/g)].map((match) => textOf(match[1]));
}

/** A kind of meeting not yet recorded for the member on that day (a meeting is recorded once per person). */
async function freshKind(ctx: MatrixContext, memberId: string, day: string): Promise<MeetingKind> {
  const lines = await attendanceLines(ctx, memberId);
  const kind = MEETING_KINDS.find((candidate) => !lines.some((line) => line.startsWith(`${day} · ${t.meetingKinds[candidate]} · `)));
  if (!kind) throw new Error(`every kind of meeting is already recorded for ${memberId} on ${day}`);
  return kind;
}

const meeting = async (ctx: MatrixContext, memberId: string, role: Role, day = today()): Promise<FormFields> => ({
  heldOn: day,
  kind: await freshKind(ctx, memberId, day),
  topic: `矩阵测试组织生活${role}${unique(ctx)}`,
});

const hostIds = new Map<string, Promise<string>>();
const demoHostId = (ctx: MatrixContext) => {
  const key = `${ctx.baseURL} ${ctx.run}`;
  if (!hostIds.has(key)) hostIds.set(key, ctx.orgIdByName(demoHostName));
  return hostIds.get(key)!;
};

/** The member's accepted 报到 on the county's host queue: its 报到 day (the third column). */
async function placedSince(ctx: MatrixContext, name: string): Promise<string | undefined> {
  const row = tableRows(await ctx.countyHtml(ACCEPTED)).find((html) => textOf(html).includes(name));
  const cells = row ? [...row.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((match) => textOf(match[1])) : [];
  return cells[2];
}

async function pendingRegistrationOf(ctx: MatrixContext, name: string): Promise<string> {
  const row = tableRows(await ctx.countyHtml('/admin/hosting?tab=pending')).find((html) => textOf(html).includes(name) && html.includes('name="registrationId"'));
  const id = row && hiddenValues(row, 'registrationId')[0];
  if (!id) throw new Error(`the 报到 of ${name} is not on the county's queue`);
  return id;
}

/**
 * A member placed at the demo host since `day` at the latest: sent away on `day`, the member
 * (through `file`) reports there that day and the county accepts.
 */
async function placedAtDemoHost(ctx: MatrixContext, memberId: string, name: string, day: string, file: (fields: FormFields) => Promise<void>): Promise<void> {
  const since = await placedSince(ctx, name);
  if (since && since <= day) return;
  await bringHome(ctx, memberId);
  await sendAway(ctx, memberId, day);
  await file({ where: 'host', hostOrgId: await demoHostId(ctx), reportedOn: day });
  await ctx.countyDo(ACCEPT, { registrationId: await pendingRegistrationOf(ctx, name), placedOrgId: await demoHostId(ctx), certificateChecked: 'on' });
}

/** The second member placed at the demo host (the list attendance's target). */
function requesterPlaced(ctx: MatrixContext): Promise<void> {
  return placedAtDemoHost(ctx, ctx.targets.requesterMemberId, ctx.targets.requesterName, today(), async (fields) => {
    await ctx.requesterDo(REGISTER, fields);
  });
}

/**
 * The day the card attendance is held on: ten days back, so the demo member's 报到 dates from
 * then and a 报到 of today (tests/e2e/temporary-branches.spec.ts) counts none of these meetings.
 */
const cardDay = () => addDays(today(), -10);

/** The demo member placed at the demo host since cardDay() (the card attendance's target). */
async function demoMemberPlaced(ctx: MatrixContext): Promise<string> {
  const memberId = await demoMemberId(ctx);
  await placedAtDemoHost(ctx, memberId, ctx.targets.memberName, cardDay(), async (fields) => {
    const filed = await ctx.post<{ status?: string }>('member', REGISTER, fields);
    if (filed.result?.status !== 'success') throw new Error(`the demo member could not file a 报到: ${JSON.stringify(filed.result)}`);
  });
  return memberId;
}

/** The 核验码 under the QR code of the demo member's 电子党员证 (fresh: it is good for ten minutes). */
async function cardCode(ctx: MatrixContext): Promise<string> {
  const html = (await ctx.get('member', '/card')).html;
  const code = /class="font-mono[^"]*">([^<]+)</.exec(html)?.[1];
  if (!code) throw new Error("the demo member's card shows no code");
  return code.replace(/\s+/g, '');
}

const attendanceCount = (memberId: (ctx: MatrixContext) => Promise<string> | string) => async (ctx: MatrixContext) => String((await attendanceLines(ctx, await memberId(ctx))).length);

// ---------------------------------------------------------------------------------------------

export const temporaryBranchRows: ActionRow[] = [
  {
    ...PROPOSE,
    // Proposing enrols no one: every role aims at the same free members, each under its own name.
    payload: async (ctx, role) => proposalFields(await freshProposal(ctx, role)),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'temporary_branch.propose',
    probe: async (ctx, _role, fields) => String(sections(await ctx.countyHtml(PENDING), 'application').some((section) => section.title.startsWith(String(fields!.name)))),
    changes: true,
    check: async (ctx, role, response, fields) => {
      expect((response.result as { message?: string }).message).toBe(t.results.proposed);
      // The proposer finds it on its own queue, with no way to decide it.
      const own = sections((await ctx.get(role, PENDING)).html, 'application').find((section) => section.title.startsWith(String(fields!.name)));
      expect(own, 'the proposal is on the proposer’s queue').toBeDefined();
      expect(hiddenValues(own!.html, 'applicationId'), 'the proposer is not offered the decision').toEqual([]);
      expect(textOf(own!.html)).toContain(ctx.targets.scopeOrgName);
    },
  },
  {
    ...APPROVE,
    payload: async (ctx, role) => {
      const pending = role === 'countyAdmin' ? await pendingBy(ctx, 'scopedAdmin', '县批') : await once(ctx, 'approve', () => pendingBy(ctx, 'countyAdmin', '镇批'));
      return { applicationId: pending.applicationId, secretaryMemberId: pending.secretaryMemberId, note: `矩阵测试：同意成立${role}` };
    },
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'temporary_branch.approve',
    probe: stillPending,
    changes: true,
    // Approved, the 临时党支部 is live under the target committee with its 书记 and members.
    check: async (ctx, _role, response) => {
      const name = /^已批准成立(.+)，成员已编入。$/.exec(String((response.result as { message?: string }).message))?.[1];
      expect(name, 'the answer names the new 临时党支部').toBeTruthy();
      const section = await branchSection(ctx, name!);
      expect(section, `${name} is on the county's list`).toBeDefined();
      const text = textOf(section!.html);
      expect(text).toContain(t.list.parent(ctx.targets.scopeOrgName));
      expect(text).toContain(t.list.memberCount(3));
      expect(text).toContain(t.roles.secretary);
    },
  },
  {
    ...REJECT,
    payload: async (ctx, role) => {
      const pending = role === 'countyAdmin' ? await pendingBy(ctx, 'scopedAdmin', '县退') : await once(ctx, 'reject', () => pendingBy(ctx, 'countyAdmin', '镇退'));
      return { applicationId: pending.applicationId, note: `矩阵测试：请补充成员情况${role}${unique(ctx)}` };
    },
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'temporary_branch.reject',
    probe: stillPending,
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      const decided = sections(await ctx.countyHtml(DECIDED), 'application').find((section) => section.id === String(fields!.applicationId));
      expect(decided, 'the application is in the decided list').toBeDefined();
      expect(decided!.title).toContain(t.statuses.rejected);
      expect(textOf(decided!.html)).toContain(String(fields!.note));
    },
  },
  {
    ...DISSOLVE,
    payload: async (ctx, role) => ({ orgId: (role === 'countyAdmin' ? await liveBranch(ctx, '县撤') : await once(ctx, 'dissolve', () => liveBranch(ctx, '镇撤'))).orgId }),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'temporary_branch.dissolve',
    probe: isLive,
    changes: true,
    // Dissolved, its members are free to join another: the propose page lists them again.
    check: async (ctx, _role, response) => {
      expect((response.result as { message?: string }).message).toBe(t.results.dissolved);
    },
  },
  {
    ...AT_BRANCH,
    payload: async (ctx, role) => {
      const branch = await once(ctx, 'attendance branch', () => liveBranch(ctx, '组织生活'));
      return { orgId: branch.orgId, memberIds: branch.memberIds, ...(await meeting(ctx, branch.memberIds[0], role)) };
    },
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'attendance.record',
    probe: async (ctx, _role, fields) => String((await attendanceLines(ctx, [fields!.memberIds].flat()[0] as string)).length),
    changes: true,
    // The home branch reads the meeting on each member's record, held at the 临时党支部.
    check: async (ctx, _role, response, fields) => {
      expect((response.result as { message?: string }).message).toBe(t.results.recorded(3));
      const branch = await once(ctx, 'attendance branch', () => liveBranch(ctx, '组织生活'));
      for (const memberId of branch.memberIds) {
        expect(await attendanceLines(ctx, memberId)).toContain(t.attendance.line(today(), t.meetingKinds[fields!.kind as MeetingKind], String(fields!.topic), branch.name));
      }
    },
  },
  {
    ...AT_HOST,
    payload: async (ctx, role) => {
      await requesterPlaced(ctx);
      return { memberIds: [ctx.targets.requesterMemberId], ...(await meeting(ctx, ctx.targets.requesterMemberId, role)) };
    },
    expect: only(HOSTS, 'success', 'forbidden'),
    audit: 'attendance.record',
    probe: attendanceCount((ctx) => ctx.targets.requesterMemberId),
    changes: true,
    check: async (ctx, role, _response, fields) => {
      const line = t.attendance.line(today(), t.meetingKinds[fields!.kind as MeetingKind], String(fields!.topic), demoHostName);
      expect(await attendanceLines(ctx, ctx.targets.requesterMemberId)).toContain(line);
      // The host counts it beside the member it placed.
      if (role === 'hostAdmin') {
        const row = tableRows(mainOf((await ctx.get('hostAdmin', ACCEPTED)).html)).find((html) => textOf(html).includes(ctx.targets.requesterName));
        expect(textOf(row ?? '')).toMatch(/在此参加组织生活 [1-9]\d* 次/);
      }
    },
  },
  {
    ...BY_CARD,
    payload: async (ctx, role) => {
      const memberId = await demoMemberPlaced(ctx);
      return { code: await cardCode(ctx), ...(await meeting(ctx, memberId, role, cardDay())) };
    },
    expect: only(HOSTS, 'success', 'forbidden'),
    audit: 'attendance.record',
    probe: attendanceCount(demoMemberId),
    changes: true,
    // The member reads it on 外出报告, marked as entered from the e-card.
    check: async (ctx, _role, _response, fields) => {
      const line = t.attendance.line(cardDay(), t.meetingKinds[fields!.kind as MeetingKind], String(fields!.topic), demoHostName);
      const page = textOf(mainOf((await ctx.get('member', '/flow')).html));
      expect(page).toContain(line);
      expect(page).toContain(t.attendance.viaCard);
    },
  },
];
