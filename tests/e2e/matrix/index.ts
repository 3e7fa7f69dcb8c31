import type { ActionRow, PageRow } from '../../support/matrix-types';
import { accountRows } from './accounts';
import { authRows } from './auth';
import { callListRows } from './call-lists';
import { censusRows } from './census';
import { changeRequestRows } from './change-requests';
import { claimRows } from './claims';
import { contentRows } from './content';
import { courseRows } from './courses';
import { flowRows } from './flow';
import { flowLifecycleRows } from './flow-lifecycle';
import { inflowRows } from './inflow';
import { memberImportRows } from './member-import';
import { memberRows } from './members';
import { notificationRows } from './notifications';
import { orgRows } from './orgs';
import { pageRows } from './pages';
import { passkeyRows } from './passkeys';
import { settingsRows } from './settings';
import { skillRows } from './skills';
import { temporaryBranchRows } from './temporary-branches';

// Every row of the access matrix (tests/e2e/access-matrix.spec.ts). Its coverage tests fail while
// any server action in the build's server-reference manifest, or any page route under app/, has
// no row. To cover a new action: in this folder's file for its domain (or a new one, spread into
// `actionRows` below), add an ActionRow — file and exportedName as the manifest names them, a
// pagePath whose page uses the action, a payload aimed at a target inside the target subtree
// (ctx.targets; prepare fresh targets with ctx.countyDo), the expected outcome for each of the
// seven roles, the audit action a success writes, and a probe (a read the county sees) that a
// refused post must leave unchanged. A new page gets a PageRow in pages.ts. Types and the role
// definitions: tests/support/matrix-types.ts; the targets: tests/support/matrix-context.ts.
export const actionRows: ActionRow[] = [
  ...accountRows,
  ...orgRows,
  ...authRows,
  ...settingsRows,
  ...passkeyRows,
  ...claimRows,
  ...memberRows,
  ...memberImportRows,
  ...changeRequestRows,
  ...notificationRows,
  ...censusRows,
  ...skillRows,
  ...flowRows,
  ...flowLifecycleRows,
  ...inflowRows,
  ...temporaryBranchRows,
  ...contentRows,
  ...courseRows,
  ...callListRows,
];
export { pageRows };
export type { PageRow };
