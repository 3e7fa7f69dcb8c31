import { every, type MatrixContext, type PageOutcome, type PageRow, type Role } from '../../support/matrix-types';
import { generateDemoCounty } from '../../../db/seed/demo-county';
import { placeInScope, reportInScope } from './flow';
import { callListPageRows } from './call-lists';
import { contentPageRows } from './content';
import { coursePageRows } from './courses';
import { certificateInScope } from './flow-lifecycle';
import { inflowInScope, inflowPageOrgName } from './inflow';
import { temporaryBranchInScope, temporaryBranchPage } from './temporary-branches';

// Every page route under app/: the status each role gets, and for the scoped lists what each
// role must and must not see. Anonymous callers of a signed-in page are sent to a login page.

/** Any admin in; members get the 403 page, anonymous callers the admin login. */
const anyAdmin: Record<Role, PageOutcome> = { ...every<PageOutcome>(200), anonymous: 'login', member: 403 };
/** Admins holding the accounts capability (the other-subtree admin holds every capability). */
const accountsHolders: Record<Role, PageOutcome> = { ...anyAdmin, noCapabilityAdmin: 403, hostAdmin: 403 };
/** Archive keepers (org or county admins with the archive capability; never a host admin). */
const archiveKeepers: Record<Role, PageOutcome> = { ...anyAdmin, noCapabilityAdmin: 403, hostAdmin: 403 };
/** A member's own archive: the member login for anonymous callers, 403 for every admin. */
const memberOnly: Record<Role, PageOutcome> = { ...every<PageOutcome>(403), anonymous: 'login', member: 200 };
/** A record in the target subtree: its keepers see it; anyone else's answer is that there is none. */
const recordInScope: Record<Role, PageOutcome> = { ...every<PageOutcome>(404), anonymous: 'login', member: 403, scopedAdmin: 200, countyAdmin: 200 };
/** Host admins and archive keepers (报到 and the card check); never a member or an admin without the archive capability. */
const hostingAdmins: Record<Role, PageOutcome> = { ...anyAdmin, noCapabilityAdmin: 403 };
/** The demo member's ID number, from the deterministic seed: the card must never carry it. */
const demoMemberIdNumber = (ctx: MatrixContext) => generateDemoCounty().members.find((member) => member.name === ctx.targets.memberName)!.idNumber;
/** One census the scoped admin opened (see censusInScope), for the page rows. */
const censuses = new Map<string, Promise<string>>();
async function censusInScope(ctx: MatrixContext): Promise<string> {
  const key = `${ctx.baseURL} ${ctx.run}`;
  if (!censuses.has(key)) {
    const open = async () => {
      const response = await ctx.post<{ data?: { censusId?: string } }>('scopedAdmin', { file: 'lib/census/actions.ts', exportedName: 'openCensusAction', pagePath: '/admin/census' }, { title: `矩阵页面摸底${ctx.run}`, note: '', deadline: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) });
      const id = response.result?.data?.censusId;
      if (!id) throw new Error(`the scoped admin could not open a census: ${JSON.stringify(response.result)}`);
      // Read, then closed: the page shows a closed census as well, and the demo member is not asked.
      await ctx.countyDo({ file: 'lib/census/actions.ts', exportedName: 'closeCensusAction', pagePath: '/admin/census' }, { censusId: id });
      return id;
    };
    censuses.set(key, open());
  }
  return censuses.get(key)!;
}

export const pageRows: PageRow[] = [
  // Member pages: public so far (home, notice, settings); the settings page shows who is signed in.
  { route: '/', expect: every(200) },
  { route: '/privacy', expect: every(200) },
  // The offline page (issue 7 §3): precached by the service worker, so it must name no one.
  { route: '/~offline', expect: every(200), content: (ctx) => ({ member: { hides: [ctx.targets.memberName] } }) },
  {
    route: '/settings',
    expect: every(200),
    content: (ctx) => ({
      anonymous: { hides: ['已登录：'] },
      member: { shows: [`已登录：${ctx.targets.memberName}`] },
      scopedAdmin: { shows: [`已登录：${ctx.targets.displayNames.scopedAdmin}`] },
    }),
  },
  // Sign-in pages: open to everyone.
  { route: '/login', expect: every(200) },
  { route: '/login/admin', expect: every(200) },
  { route: '/activate', expect: every(200) },
  { route: '/reset', expect: every(200) },
  { route: '/activate/claim', expect: every(200) },
  // 我的档案: the member's own, and no one else's.
  {
    route: '/archive',
    expect: memberOnly,
    content: (ctx) => ({ member: { shows: [ctx.targets.memberName] } }),
  },
  { route: '/archive/edit', expect: memberOnly },
  { route: '/archive/request', expect: memberOnly },
  // 消息: the member's own notifications.
  { route: '/notifications', expect: memberOnly },
  // 外出报告: the member's own reports; the second member's (reportInScope) is not theirs to see.
  {
    route: '/flow',
    path: async (ctx) => {
      await reportInScope(ctx);
      return '/flow';
    },
    expect: memberOnly,
    content: (ctx) => ({ member: { shows: ['外出报告', '报告记录'], hides: [placeInScope(ctx)] } }),
  },
  // The admin console.
  { route: '/admin', expect: anyAdmin },
  {
    route: '/admin/orgs',
    expect: anyAdmin,
    content: (ctx) => {
      const { scopeOrgName, otherOrgName, branchName } = ctx.targets;
      return {
        otherSubtreeAdmin: { shows: [otherOrgName], hides: [scopeOrgName, branchName] },
        noCapabilityAdmin: { shows: [scopeOrgName, branchName], hides: [otherOrgName] },
        scopedAdmin: { shows: [scopeOrgName, branchName], hides: [otherOrgName] },
        hostAdmin: { hides: [scopeOrgName, otherOrgName] },
        countyAdmin: { shows: [scopeOrgName, otherOrgName, branchName] },
      };
    },
  },
  {
    route: '/admin/accounts',
    expect: accountsHolders,
    content: (ctx) => ({
      otherSubtreeAdmin: { hides: [ctx.targets.targetAdminUsername] },
      scopedAdmin: { shows: [ctx.targets.targetAdminUsername] },
      countyAdmin: { shows: [ctx.targets.targetAdminUsername] },
    }),
  },
  {
    route: '/admin/accounts',
    label: 'member search',
    path: (ctx) => `/admin/accounts?q=${encodeURIComponent(ctx.targets.pendingMemberName)}`,
    expect: accountsHolders,
    // The member search reaches only the caller's subtree (the demo branch is the target's).
    content: (ctx) => ({
      otherSubtreeAdmin: { hides: [ctx.targets.demoBranchName] },
      scopedAdmin: { shows: [ctx.targets.pendingMemberName, ctx.targets.demoBranchName] },
      countyAdmin: { shows: [ctx.targets.pendingMemberName, ctx.targets.demoBranchName] },
    }),
  },
  // The member list: archive keepers see their subtree, host admins the members they host.
  {
    route: '/admin/members',
    path: (ctx) => `/admin/members?q=${encodeURIComponent(ctx.targets.pendingMemberName)}`,
    expect: { ...anyAdmin, noCapabilityAdmin: 403 },
    // The search box echoes the name searched for, so hidden is judged by the link to the record.
    content: (ctx) => ({
      otherSubtreeAdmin: { hides: [`/admin/members/${ctx.targets.pendingMemberId}`] },
      scopedAdmin: { shows: [ctx.targets.pendingMemberName] },
      countyAdmin: { shows: [ctx.targets.pendingMemberName] },
    }),
  },
  {
    route: '/admin/members',
    label: 'a member the host organisation hosts',
    path: (ctx) => `/admin/members?q=${encodeURIComponent(ctx.targets.hostedMemberName)}`,
    expect: { ...anyAdmin, noCapabilityAdmin: 403 },
    content: (ctx) => ({
      otherSubtreeAdmin: { hides: [`/admin/members/${ctx.targets.hostedMemberId}`] },
      scopedAdmin: { hides: [`/admin/members/${ctx.targets.hostedMemberId}`] },
      hostAdmin: { shows: [ctx.targets.hostedMemberName] },
      countyAdmin: { shows: [ctx.targets.hostedMemberName] },
    }),
  },
  // Member import: archive keepers; an import is its uploader's (a token of no import: 404).
  { route: '/admin/members/import', expect: archiveKeepers },
  {
    route: '/admin/members/import/[token]',
    path: () => '/admin/members/import/00000000-0000-4000-8000-000000000000',
    expect: { ...archiveKeepers, otherSubtreeAdmin: 404, scopedAdmin: 404, countyAdmin: 404 },
  },
  {
    route: '/admin/members/[id]',
    path: (ctx) => `/admin/members/${ctx.targets.pendingMemberId}`,
    expect: recordInScope,
    // The ID number is masked for everyone; the full number is only ever revealed on request.
    content: (ctx) => ({
      scopedAdmin: { shows: [ctx.targets.pendingMemberName], hides: [ctx.targets.pendingMemberIdNumber] },
      countyAdmin: { shows: [ctx.targets.pendingMemberName], hides: [ctx.targets.pendingMemberIdNumber] },
    }),
  },
  {
    route: '/admin/members/[id]',
    label: 'a member the host organisation hosts',
    path: (ctx) => `/admin/members/${ctx.targets.hostedMemberId}`,
    // The host admin sees the member it hosts (the fields the field policy gives it), and no ID number.
    expect: { ...every<PageOutcome>(404), anonymous: 'login', member: 403, hostAdmin: 200, countyAdmin: 200 },
    content: (ctx) => ({
      hostAdmin: { shows: [ctx.targets.hostedMemberName], hides: ['身份证号'] },
      countyAdmin: { shows: [ctx.targets.hostedMemberName] },
    }),
  },
  {
    route: '/admin/members/[id]/edit',
    path: (ctx) => `/admin/members/${ctx.targets.pendingMemberId}/edit`,
    expect: recordInScope,
    content: (ctx) => ({ scopedAdmin: { hides: [ctx.targets.pendingMemberIdNumber] } }),
  },
  {
    route: '/admin/claims',
    expect: archiveKeepers,
  },
  {
    route: '/admin/requests',
    expect: archiveKeepers,
  },
  {
    route: '/admin/census',
    expect: archiveKeepers,
  },
  // The 外出报告 queue: archive keepers, each seeing the reports of members in their subtree only.
  {
    route: '/admin/flow',
    path: async (ctx) => {
      await reportInScope(ctx);
      return '/admin/flow?status=all';
    },
    expect: archiveKeepers,
    content: (ctx) => ({
      otherSubtreeAdmin: { hides: [ctx.targets.requesterName, placeInScope(ctx)] },
      scopedAdmin: { shows: [ctx.targets.requesterName, placeInScope(ctx)] },
      countyAdmin: { shows: [ctx.targets.requesterName, placeInScope(ctx)] },
    }),
  },
  {
    route: '/admin/census/[id]',
    path: async (ctx) => `/admin/census/${await censusInScope(ctx)}`,
    // The census of the target committee: the other town's admin has no part of it.
    expect: { ...archiveKeepers, otherSubtreeAdmin: 404 },
  },
  // Overviews of the archive (四清楚, probation warnings, contacts): archive keepers, each of their subtree.
  { route: '/admin/four-clear', expect: archiveKeepers },
  { route: '/admin/warnings', expect: archiveKeepers },
  { route: '/admin/contacts', expect: archiveKeepers },
  // The skills dictionary: the county's alone.
  { route: '/admin/skills', expect: { ...anyAdmin, otherSubtreeAdmin: 403, noCapabilityAdmin: 403, scopedAdmin: 403, hostAdmin: 403 } },
  {
    route: '/admin/audit',
    expect: accountsHolders,
    // Each admin's own sign-in is in its subtree's trail; the other subtree's is not.
    content: (ctx) => {
      const { scopedAdmin, otherSubtreeAdmin } = ctx.targets.displayNames;
      return {
        otherSubtreeAdmin: { shows: [otherSubtreeAdmin!], hides: [scopedAdmin!] },
        scopedAdmin: { shows: [scopedAdmin!], hides: [otherSubtreeAdmin!] },
        countyAdmin: { shows: [scopedAdmin!, otherSubtreeAdmin!] },
      };
    },
  },
  // 电子党员证: the member's own, with no ID number anywhere in the response.
  {
    route: '/card',
    expect: memberOnly,
    content: (ctx) => ({ member: { shows: ['电子党员证', ctx.targets.memberName, '核验码'], hides: [demoMemberIdNumber(ctx)] } }),
  },
  // 活动证发放登记册: archive keepers, each the certificates of their subtree's committees.
  {
    route: '/admin/certificates',
    path: async (ctx) => {
      await certificateInScope(ctx);
      return '/admin/certificates';
    },
    expect: archiveKeepers,
    content: (ctx) => ({
      otherSubtreeAdmin: { hides: [ctx.targets.pendingMemberName] },
      scopedAdmin: { shows: [ctx.targets.pendingMemberName] },
      countyAdmin: { shows: [ctx.targets.pendingMemberName] },
    }),
  },
  // 组织关系转接, 流动概况: archive keepers; never a host admin.
  { route: '/admin/transfers', expect: archiveKeepers, content: () => ({ scopedAdmin: { shows: ['疑似口袋党员', '待回执'] } }) },
  // 临时党支部: archive keepers, each the 临时党支部 under the committees of their subtree.
  { route: '/admin/temporary-branches', path: temporaryBranchPage, expect: archiveKeepers, content: (ctx) => ({ otherSubtreeAdmin: { hides: [temporaryBranchInScope(ctx)] }, scopedAdmin: { shows: [temporaryBranchInScope(ctx)] }, countyAdmin: { shows: [temporaryBranchInScope(ctx)] } }) },
  { route: '/admin/flow-overview', expect: archiveKeepers, content: () => ({ countyAdmin: { shows: ['流动概况', '在外党员'] } }) },
  // 报到管理 and 核验党员证: host admins, and archive keepers for the hosts of their subtree.
  { route: '/admin/hosting', expect: hostingAdmins, content: () => ({ hostAdmin: { shows: ['报到管理'] } }) },
  { route: '/admin/verify', expect: hostingAdmins, content: () => ({ hostAdmin: { shows: ['核验码'] } }) },
  // 流入党员登记: host admins, and archive keepers for the receiving orgs of their subtree.
  {
    route: '/admin/inflow',
    path: async (ctx) => {
      await inflowInScope(ctx);
      return '/admin/inflow';
    },
    expect: hostingAdmins,
    content: (ctx) => ({
      hostAdmin: { shows: ['流入党员登记'], hides: [inflowPageOrgName(ctx), ctx.targets.branchName] },
      otherSubtreeAdmin: { hides: [inflowPageOrgName(ctx), ctx.targets.branchName] },
      scopedAdmin: { shows: [inflowPageOrgName(ctx)] },
      countyAdmin: { shows: [inflowPageOrgName(ctx)] },
    }),
  },
  // Publishing and learning (issue 6).
  ...contentPageRows,
  ...coursePageRows,
  ...callListPageRows,
];
