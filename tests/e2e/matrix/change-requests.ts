import { expect } from '@playwright/test';
import { formInputs, hiddenValues, tableRows, textOf } from '../../support/matrix-html';
import { only, type ActionRow, type FormFields, type MatrixContext, type Role } from '../../support/matrix-types';

// lib/change-requests/actions.ts: a member's own archive (filing and withdrawing requests, direct
// edits, revealing their own masked values) is for that member only; archive keepers decide the
// requests of members in their subtree; a request's sensitive value is revealed to the member who
// filed it and to keepers in scope holding pii_reveal.

const ref = (exportedName: string, pagePath: string) => ({ file: 'lib/change-requests/actions.ts', exportedName, pagePath });
const SUBMIT = ref('submitChangeRequest', '/archive/request');
const REVIEWERS: Role[] = ['scopedAdmin', 'countyAdmin'];
const PENDING = '/admin/requests?status=pending';
let sequence = 0;
const batch = Math.random().toString(36).slice(2, 6);
const unique = (ctx: MatrixContext) => `${ctx.run}${batch}${++sequence}`;

/** The pending requests the county sees: the id of the one whose row shows `text`. */
async function pendingRequestShowing(ctx: MatrixContext, text: string): Promise<string | undefined> {
  const row = tableRows(await ctx.countyHtml(PENDING)).find((html) => textOf(html).includes(text));
  return row ? hiddenValues(row, 'requestId')[0] : undefined;
}
const stillPending = async (ctx: MatrixContext, _role: Role, fields: FormFields | null) =>
  String(hiddenValues(await ctx.countyHtml(PENDING), 'requestId').includes(String(fields!.requestId)));

/** A monthly income the demo member does not have yet (yuan, as the form takes it). */
const incomeChange = (): FormFields => ({ fields: 'monthlyIncome', new_monthlyIncome: String(3000 + Math.floor(Math.random() * 5000)), reason: '矩阵测试：换了工作，收入变化' });

/**
 * The demo member's pending request for a new monthly income (filed by the submit row, or here):
 * what the reveal and withdraw rows aim at. The withdraw row takes it back, so none is left.
 */
async function ownPendingRequest(ctx: MatrixContext): Promise<string> {
  const find = async () => tableRows(await ctx.countyHtml(PENDING)).find((html) => textOf(html).includes(ctx.targets.memberName) && html.includes('name="requestId"'));
  let row = await find();
  if (!row) {
    const filed = await ctx.post('member', SUBMIT, incomeChange());
    if (!filed.redirectTo) throw new Error(`the demo member could not file a request: ${JSON.stringify(filed.result)}`);
    row = await find();
  }
  const id = row && hiddenValues(row, 'requestId')[0];
  if (!id) throw new Error("the demo member's request is not on the county admin's review list");
  return id;
}

const shared = new Map<string, Promise<string>>();

/** A pending request of the second member (a new 家庭情况), as a reviewer's target; returns its id. */
async function requesterRequest(ctx: MatrixContext): Promise<string> {
  const value = `矩阵家庭情况${unique(ctx)}`;
  await ctx.requesterDo(SUBMIT, { fields: 'familySituation', new_familySituation: value, reason: '矩阵测试：家庭情况有变化' });
  const id = await pendingRequestShowing(ctx, value);
  if (!id) throw new Error(`the second member's request (${value}) is not on the county admin's review list`);
  return id;
}

/** Refused roles and the scoped admin share one request (decided last by the scoped admin); the county gets its own. */
function requestFor(ctx: MatrixContext, role: Role, purpose: string): Promise<string> {
  if (role === 'countyAdmin') return requesterRequest(ctx);
  const key = `${ctx.baseURL} ${ctx.run} ${purpose}`;
  if (!shared.has(key)) shared.set(key, requesterRequest(ctx));
  return shared.get(key)!;
}

/** The demo member's direct-edit form as it stands, with a new emergency contact name. */
async function directEdit(ctx: MatrixContext): Promise<FormFields> {
  const current = formInputs(await ctx.read('member', '/archive/edit'));
  const fields: FormFields = {};
  for (const name of ['phone', 'emergencyContactName', 'emergencyContactRelation', 'emergencyContactPhone']) fields[name] = current[name]?.[0] ?? '';
  fields.skills = current.skills ?? [];
  fields.emergencyContactName = `矩阵联系人${sequence++ % 1000}`;
  return fields;
}

export const changeRequestRows: ActionRow[] = [
  {
    ...SUBMIT,
    payload: () => incomeChange(),
    expect: only(['member'], 'redirect', 'forbidden'),
    audit: 'change_request.file',
    probe: async (ctx) => String(tableRows(await ctx.countyHtml(PENDING)).filter((html) => textOf(html).includes(ctx.targets.memberName)).length),
    changes: true,
    check: async (ctx, _role, response) => {
      expect(new URL(response.redirectTo!, ctx.baseURL).pathname).toBe('/archive');
    },
  },
  {
    ...ref('revealRequestField', '/admin/requests'),
    payload: async (ctx) => ({ requestId: await ownPendingRequest(ctx), field: 'monthlyIncome', side: 'new' }),
    expect: only(['member', ...REVIEWERS], 'success', 'forbidden'),
    audit: 'change_request.reveal',
    check: async (_ctx, _role, response) => {
      expect((response.result as { data?: { value?: string } }).data?.value).toMatch(/\d/);
    },
  },
  {
    ...ref('withdrawOwnRequest', '/archive'),
    payload: async (ctx) => ({ requestId: await ownPendingRequest(ctx) }),
    expect: only(['member'], 'success', 'forbidden'),
    audit: 'change_request.withdraw',
    probe: stillPending,
    changes: true,
  },
  {
    ...ref('approveRequest', '/admin/requests'),
    payload: async (ctx, role) => ({ requestId: await requestFor(ctx, role, 'approve') }),
    expect: only(REVIEWERS, 'success', 'forbidden'),
    audit: 'change_request.approve',
    probe: stillPending,
    changes: true,
  },
  {
    ...ref('rejectRequest', '/admin/requests'),
    payload: async (ctx, role) => ({ requestId: await requestFor(ctx, role, 'reject'), reason: '矩阵测试：请补充证明材料' }),
    expect: only(REVIEWERS, 'success', 'forbidden'),
    audit: 'change_request.reject',
    probe: stillPending,
    changes: true,
  },
  {
    ...ref('saveDirectFields', '/archive/edit'),
    payload: (ctx) => directEdit(ctx),
    expect: only(['member'], 'success', 'forbidden'),
    audit: 'member.self_update',
    probe: async (ctx, _role, fields) => String(textOf(await ctx.read('member', '/archive')).includes(String(fields!.emergencyContactName))),
    changes: true,
  },
  {
    ...ref('revealOwnValue', '/archive'),
    payload: () => ({ field: 'idNumber' }),
    expect: only(['member'], 'success', 'forbidden'),
    audit: 'member.reveal_own',
    check: async (_ctx, _role, response) => {
      expect((response.result as { data?: { value?: string } }).data?.value).toMatch(/^\d{17}[\dX]$/);
    },
  },
];
