import { expect } from '@playwright/test';
import { mainOf, textOf } from '../../support/matrix-html';
import { only, type ActionRow, type FormFields, type MatrixContext, type Role } from '../../support/matrix-types';

// lib/census/actions.ts: the county or a 党委 / 党工委 admin holding the archive capability opens a
// census for its own subtree; the opener's level or one above closes it; a member the census
// asks confirms their record once. Every census the rows open is closed again, so the demo
// member is asked by none of them afterwards.

const ref = (exportedName: string, pagePath = '/admin/census') => ({ file: 'lib/census/actions.ts', exportedName, pagePath });
const OPEN = ref('openCensusAction');
const CLOSE = ref('closeCensusAction');
const KEEPERS: Role[] = ['scopedAdmin', 'countyAdmin'];
let sequence = 0;
const batch = Math.random().toString(36).slice(2, 6);

/** A deadline a month ahead (a Beijing day; any day after today is valid). */
const deadline = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const opening = (ctx: MatrixContext, role: Role): FormFields => ({ title: `矩阵摸底${role}${ctx.run}${batch}${++sequence}`, note: '矩阵测试', deadline: deadline() });

/** A fresh open census: the scoped admin's (the target committee) or, for the county, county-wide. */
async function freshCensus(ctx: MatrixContext, opener: 'scopedAdmin' | 'countyAdmin'): Promise<string> {
  const response = await ctx.post<{ status?: string; data?: { censusId?: string } }>(opener, OPEN, opening(ctx, opener));
  const id = response.result?.data?.censusId;
  if (response.result?.status !== 'success' || !id) throw new Error(`${opener} could not open a census: ${JSON.stringify(response.result)}`);
  return id;
}

const shared = new Map<string, Promise<string>>();
/** Refused roles and the scoped admin share the scoped admin's census; the county closes its own. */
function censusFor(ctx: MatrixContext, role: Role, purpose: string): Promise<string> {
  if (role === 'countyAdmin') return freshCensus(ctx, 'countyAdmin');
  const key = `${ctx.baseURL} ${ctx.run} ${purpose}`;
  if (!shared.has(key)) shared.set(key, freshCensus(ctx, 'scopedAdmin'));
  return shared.get(key)!;
}

const detail = async (ctx: MatrixContext, fields: FormFields | null) => textOf(mainOf(await ctx.countyHtml(`/admin/census/${String(fields!.censusId)}`)));
const closeAsCounty = (ctx: MatrixContext, censusId: string) => ctx.countyDo(CLOSE, { censusId });

export const censusRows: ActionRow[] = [
  {
    ...OPEN,
    // No target: a census covers the opener's own subtree (the other town's admin opens one there).
    payload: (ctx, role) => opening(ctx, role),
    expect: only(['otherSubtreeAdmin', ...KEEPERS], 'success', 'forbidden'),
    audit: 'census.open',
    probe: async (ctx, _role, fields) => String(textOf(await ctx.countyHtml('/admin/census')).includes(String(fields!.title))),
    changes: true,
    check: async (ctx, _role, response) => {
      const id = (response.result as { data?: { censusId?: string } }).data?.censusId;
      expect(id).toBeTruthy();
      await closeAsCounty(ctx, id!);
    },
  },
  {
    ...ref('confirmCensusAction', '/archive'),
    // The scoped admin's census asks the demo member (the demo branch lies in its subtree).
    payload: async (ctx) => ({ censusId: await censusFor(ctx, 'scopedAdmin', 'confirm') }),
    expect: only(['member'], 'success', 'forbidden'),
    audit: 'census.respond',
    probe: (ctx, _role, fields) => detail(ctx, fields),
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      await closeAsCounty(ctx, String(fields!.censusId));
    },
  },
  {
    ...CLOSE,
    payload: async (ctx, role) => ({ censusId: await censusFor(ctx, role, 'close') }),
    expect: only(KEEPERS, 'success', 'forbidden'),
    audit: 'census.close',
    probe: (ctx, _role, fields) => detail(ctx, fields),
    changes: true,
  },
];
