import { selectOptions } from '../../support/matrix-html';
import { only, ROLES, type ActionRow, type MatrixContext, type Role } from '../../support/matrix-types';

// lib/orgs/actions.ts: the archive capability, and a target strictly below the caller's own
// node (a new org may go under the caller's own node). Host admins manage no tree.

const ref = (exportedName: string) => ({ file: 'lib/orgs/actions.ts', exportedName, pagePath: '/admin/orgs' });
const TREE_KEEPERS: Role[] = ['scopedAdmin', 'countyAdmin'];

/** The orgs below the county, in tree order, as its org page lists them for renaming. */
async function orgList(ctx: MatrixContext) {
  return selectOptions(await ctx.countyHtml('/admin/orgs'), 'rename-org');
}

/** An org's name and its parent's name, or `absent` once it is dissolved (or never was). */
async function placeOf(ctx: MatrixContext, orgId: string): Promise<string> {
  const list = await orgList(ctx);
  const index = list.findIndex((option) => option.value === orgId);
  if (index < 0) return 'absent';
  const parent = list.slice(0, index).findLast((option) => option.depth === list[index].depth - 1);
  return `${list[index].label} under ${parent?.label ?? 'the county'}`;
}

const freshGroups = new Map<string, Promise<Record<Role, string>>>();
// Names stay unique when a restarted worker makes its groups again in the same server run.
const batch = Math.random().toString(36).slice(2, 6);

/**
 * A fresh, empty party group in the first matrix branch for each role's post, made by the
 * county (all at once: one read of the org page finds them all).
 */
async function freshGroup(ctx: MatrixContext, role: Role, purpose: string): Promise<string> {
  const key = `${ctx.baseURL} ${ctx.run} ${purpose}`;
  if (!freshGroups.has(key)) {
    const make = async () => {
      const names = Object.fromEntries(ROLES.map((each) => [each, `矩阵${purpose}${each}${ctx.run}${batch}`])) as Record<Role, string>;
      for (const name of Object.values(names)) await ctx.countyDo(ref('createOrg'), { parentId: ctx.targets.branchId, name, type: 'party_group' });
      const ids: Partial<Record<Role, string>> = {};
      for (const each of ROLES) ids[each] = await ctx.orgIdByName(names[each]); // one read, then cached
      return ids as Record<Role, string>;
    };
    freshGroups.set(key, make());
  }
  return (await freshGroups.get(key)!)[role];
}

export const orgRows: ActionRow[] = [
  {
    ...ref('createOrg'),
    payload: (ctx, role) => ({ parentId: ctx.targets.branchId, name: `矩阵新建党小组${role}${ctx.run}`, type: 'party_group' }),
    expect: only(TREE_KEEPERS, 'success', 'forbidden'),
    audit: 'org.create',
    probe: async (ctx, _role, fields) => String((await orgList(ctx)).some((option) => option.label === fields!.name)),
    changes: true,
  },
  {
    ...ref('renameOrg'),
    payload: (ctx, role) => ({ orgId: ctx.targets.groupId, name: `矩阵改名党小组${role}${ctx.run}` }),
    expect: only(TREE_KEEPERS, 'success', 'forbidden'),
    audit: 'org.rename',
    probe: (ctx) => placeOf(ctx, ctx.targets.groupId),
    changes: true,
  },
  {
    ...ref('moveOrg'),
    payload: async (ctx, role) => ({ orgId: await freshGroup(ctx, role, '待调整'), newParentId: ctx.targets.secondBranchId }),
    expect: only(TREE_KEEPERS, 'success', 'forbidden'),
    audit: 'org.move',
    probe: (ctx, _role, fields) => placeOf(ctx, String(fields!.orgId)),
    changes: true,
  },
  {
    ...ref('dissolveOrg'),
    payload: async (ctx, role) => ({ orgId: await freshGroup(ctx, role, '待撤销') }),
    expect: only(TREE_KEEPERS, 'success', 'forbidden'),
    audit: 'org.dissolve',
    probe: (ctx, _role, fields) => placeOf(ctx, String(fields!.orgId)),
    changes: true,
  },
];
