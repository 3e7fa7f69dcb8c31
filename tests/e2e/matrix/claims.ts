import { expect } from '@playwright/test';
import { generateDemoCounty } from '../../../db/seed/demo-county';
import { computeIdNumberCheckChar } from '../../../lib/members/id-number';
import { hiddenValues, tableRows, textOf } from '../../support/matrix-html';
import { every, only, type ActionRow, type MatrixContext, type Role } from '../../support/matrix-types';

// lib/claims/actions.ts: anyone files a "不在库" claim (a session grants nothing there); archive
// keepers (org or county admins with the archive capability) decide claims in their subtree.

const ref = (exportedName: string, pagePath = '/admin/claims') => ({ file: 'lib/claims/actions.ts', exportedName, pagePath });
const DECIDERS: Role[] = ['scopedAdmin', 'countyAdmin'];
const ONE_TIME_CODE = /^[2-9A-Z]{4}-[2-9A-Z]{4}$/;

let demoIdNumbers: Set<string> | undefined;
let sequence = 0;
// Filings count against their ID number and phone: every filing here uses fresh ones, also when
// a restarted worker files again on the same server.
const batch = Math.floor(Math.random() * 1_000_000);

/** A valid ID number (清源县, 610422) that no demo member and no earlier filing has. */
function freshPerson(role: Role): { name: string; idNumber: string; phone: string } {
  demoIdNumbers ??= new Set(generateDemoCounty().members.map((member) => member.idNumber));
  for (;;) {
    sequence++;
    const day = new Date(Date.UTC(1975, 0, 1) + ((batch + sequence * 37) % 9000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `610422${day}${String((batch + sequence) % 1000).padStart(3, '0')}`;
    const idNumber = `${first17}${computeIdNumberCheckChar(first17)}`;
    if (demoIdNumbers.has(idNumber)) continue;
    const phone = `139${String((batch * 100 + sequence) % 100_000_000).padStart(8, '0')}`;
    return { name: `矩阵认领${ROLE_TAGS[role]}${sequence}`, idNumber, phone };
  }
}
const ROLE_TAGS: Record<Role, string> = { anonymous: '甲', member: '乙', otherSubtreeAdmin: '丙', noCapabilityAdmin: '丁', scopedAdmin: '戊', hostAdmin: '己', countyAdmin: '庚' };

const filing = (ctx: MatrixContext, person: { name: string; idNumber: string; phone: string }) => ({
  ...person,
  orgId: ctx.targets.branchId,
  note: '矩阵测试：在外务工，档案未录入',
  consent: 'on',
});

/** The county's pending claims: the row of the claim filed under this name, or undefined. */
async function pendingClaim(ctx: MatrixContext, name: string): Promise<string | undefined> {
  return tableRows(await ctx.countyHtml('/admin/claims?status=pending')).find((row) => textOf(row).startsWith(`${name} `));
}

const shared = new Map<string, Promise<string>>();

/** A pending claim in the first matrix branch, filed anonymously; returns its id. */
async function freshClaim(ctx: MatrixContext, role: Role): Promise<string> {
  const person = freshPerson(role);
  const filed = await ctx.post<{ status?: string }>('anonymous', ref('fileMemberClaim', '/activate/claim'), filing(ctx, person));
  if (filed.result?.status !== 'success') throw new Error(`filing a claim: ${JSON.stringify(filed.result)}`);
  const row = await pendingClaim(ctx, person.name);
  const id = row && hiddenValues(row, 'claimId')[0];
  if (!id) throw new Error(`the claim of ${person.name} is not on the county admin's claims page`);
  return id;
}

/**
 * The claim a decision row aims at: refused roles and the scoped admin share one (the scoped
 * admin's allowed post decides it once every refused post has left it pending), the county gets its own.
 */
function claimFor(ctx: MatrixContext, role: Role, purpose: string): Promise<string> {
  if (role === 'countyAdmin') return freshClaim(ctx, role);
  const key = `${ctx.baseURL} ${ctx.run} ${purpose}`;
  if (!shared.has(key)) shared.set(key, freshClaim(ctx, role));
  return shared.get(key)!;
}

/** Whether the claim is still pending, as the county sees it (its id on the pending list). */
const stillPending = async (ctx: MatrixContext, _role: Role, fields: Record<string, unknown> | null) =>
  String(hiddenValues(await ctx.countyHtml('/admin/claims?status=pending'), 'claimId').includes(String(fields!.claimId)));

export const claimRows: ActionRow[] = [
  {
    ...ref('fileMemberClaim', '/activate/claim'),
    payload: (ctx, role) => filing(ctx, freshPerson(role)),
    expect: every('success'),
    audit: 'claim.file',
    probe: async (ctx, _role, fields) => String((await pendingClaim(ctx, String(fields!.name))) !== undefined),
    changes: true,
  },
  {
    ...ref('verifyMemberClaim'),
    payload: async (ctx, role) => ({ claimId: await claimFor(ctx, role, 'verify') }),
    expect: only(DECIDERS, 'success', 'forbidden'),
    audit: 'claim.verify',
    probe: stillPending,
    changes: true,
    check: async (_ctx, _role, response) => {
      expect((response.result as { data?: { code?: string } }).data?.code).toMatch(ONE_TIME_CODE);
    },
  },
  {
    ...ref('rejectMemberClaim'),
    payload: async (ctx, role) => ({ claimId: await claimFor(ctx, role, 'reject'), reason: '矩阵测试：经核实不是本支部党员' }),
    expect: only(DECIDERS, 'success', 'forbidden'),
    audit: 'claim.reject',
    probe: stillPending,
    changes: true,
  },
];
