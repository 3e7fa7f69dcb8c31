import { expect } from '@playwright/test';
import { generateDemoCounty } from '../../../db/seed/demo-county';
import { hiddenValues, mainOf, textOf } from '../../support/matrix-html';
import { only, type ActionRow, type MatrixContext, type Role } from '../../support/matrix-types';
import { MEMBER_HEADER, memberRow, syntheticIdNumber, workbookBytes } from '../../support/member-workbook';
import { messages } from '../../../lib/i18n/messages';

// lib/members/excel/import-actions.ts: org or county admins holding the archive capability upload
// a workbook of members for their subtree; only the admin who uploaded it may confirm the import.
// Scope is checked row by row: an archive keeper of another subtree may upload, and every row
// naming a branch outside its subtree is reported, with nothing to confirm.

const ref = (exportedName: string, pagePath = '/admin/members/import') => ({ file: 'lib/members/excel/import-actions.ts', exportedName, pagePath });
const UPLOAD = ref('uploadMemberImport');
const IMPORTERS: Role[] = ['scopedAdmin', 'countyAdmin'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let demoIdNumbers: Set<string> | undefined;
// Serials far from the import spec's and new on every run of this module.
let serial = 4_000_000 + Math.floor(Math.random() * 4_000_000);

/** A one-member workbook for the first matrix branch, with an ID number no one has yet. */
async function workbook(ctx: MatrixContext): Promise<File> {
  demoIdNumbers ??= new Set(generateDemoCounty().members.map((member) => member.idNumber));
  do serial += 1;
  while (demoIdNumbers.has(syntheticIdNumber(serial)));
  const bytes = await workbookBytes([MEMBER_HEADER, memberRow(serial, ctx.targets.branchName)]);
  return new File([new Uint8Array(bytes)], '矩阵导入.xlsx', { type: XLSX });
}

const tokenOf = (redirectTo: string | null) => /\/admin\/members\/import\/([0-9a-f-]{36})$/.exec(redirectTo ?? '')?.[1];
const importPage = (token: string) => `/admin/members/import/${token}`;

/** Uploads as `role` and waits until the validation job offers the confirmation; returns the token. */
async function validatedUpload(ctx: MatrixContext, role: Role): Promise<string> {
  const response = await ctx.post(role, UPLOAD, { file: await workbook(ctx) });
  const token = tokenOf(response.redirectTo);
  if (!token) throw new Error(`${role} could not upload a workbook: ${JSON.stringify(response.result)}`);
  await expect
    .poll(async () => hiddenValues((await ctx.get(role, importPage(token))).html, 'token').includes(token), { message: `the import ${token} is validated`, timeout: 30_000 })
    .toBe(true);
  return token;
}

const shared = new Map<string, Promise<string>>();
/** Refused roles aim at the scoped admin's validated upload (which it then confirms); the county confirms its own. */
function uploadFor(ctx: MatrixContext, role: Role): Promise<string> {
  if (role === 'countyAdmin') return validatedUpload(ctx, role);
  const key = `${ctx.baseURL} ${ctx.run}`;
  if (!shared.has(key)) shared.set(key, validatedUpload(ctx, 'scopedAdmin'));
  return shared.get(key)!;
}

export const memberImportRows: ActionRow[] = [
  {
    ...UPLOAD,
    payload: async (ctx) => ({ file: await workbook(ctx) }),
    expect: only([...IMPORTERS, 'otherSubtreeAdmin'], 'redirect', 'forbidden'),
    check: async (ctx, role, response) => {
      const token = tokenOf(response.redirectTo);
      expect(token, 'sent on to the import page').toBeTruthy();
      if (role !== 'otherSubtreeAdmin') return;
      const outOfScope = messages.excel.cell.orgNotFound(ctx.targets.branchName);
      await expect
        .poll(async () => textOf(mainOf((await ctx.get(role, importPage(token!))).html)).includes(outOfScope), { message: `the import ${token} reports the branch outside the uploader's subtree`, timeout: 30_000 })
        .toBe(true);
      expect(hiddenValues((await ctx.get(role, importPage(token!))).html, 'token'), 'an import with a row outside the subtree offers no confirmation').toEqual([]);
    },
  },
  {
    ...ref('confirmMemberImport', '/admin/members/import/00000000-0000-4000-8000-000000000000'),
    payload: async (ctx, role) => ({ token: await uploadFor(ctx, role) }),
    expect: only(IMPORTERS, 'redirect', 'forbidden'),
    // The uploader's own view of the import: a refused confirmation leaves it waiting for one.
    probe: async (ctx, role, fields) => textOf(mainOf(await ctx.read(role === 'countyAdmin' ? 'countyAdmin' : 'scopedAdmin', importPage(String(fields!.token))))),
    changes: true,
  },
];
