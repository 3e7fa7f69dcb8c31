import { hiddenValues, mainOf, tableRows, textOf } from '../../support/matrix-html';
import { only, type ActionRow, type MatrixContext } from '../../support/matrix-types';

// lib/skills/actions.ts: the skills dictionary is the county's: only a county admin bound to the
// root of the tree, holding the archive capability, changes it. The rows work on skills of their
// own (a category of their own), never on the demo dictionary members use.

const ref = (exportedName: string) => ({ file: 'lib/skills/actions.ts', exportedName, pagePath: '/admin/skills' });
const CATEGORY = '矩阵测试类';
const batch = Math.random().toString(36).slice(2, 6);

const dictionary = async (ctx: MatrixContext) => textOf(mainOf(await ctx.countyHtml('/admin/skills')));

/** The id of the skill of this name on the county's skills page. */
async function skillId(ctx: MatrixContext, name: string): Promise<string> {
  const row = tableRows(await ctx.countyHtml('/admin/skills')).find((html) => textOf(html).includes(name));
  const id = row && hiddenValues(row, 'skillId')[0];
  if (!id) throw new Error(`skill ${name} is not on the county admin's skills page`);
  return id;
}

const made = new Map<string, Promise<{ first: string; second: string }>>();
/** Two skills of the matrix's own category (the second can move up), made once by the county. */
function matrixSkills(ctx: MatrixContext): Promise<{ first: string; second: string }> {
  const key = `${ctx.baseURL} ${ctx.run}`;
  if (!made.has(key)) {
    const make = async () => {
      const names = [`矩阵技能甲${ctx.run}${batch}`, `矩阵技能乙${ctx.run}${batch}`];
      for (const name of names) await ctx.countyDo(ref('createSkill'), { name, category: CATEGORY });
      return { first: await skillId(ctx, names[0]), second: await skillId(ctx, names[1]) };
    };
    made.set(key, make());
  }
  return made.get(key)!;
}

export const skillRows: ActionRow[] = [
  {
    ...ref('createSkill'),
    payload: (ctx, role) => ({ name: `矩阵新技能${role.slice(0, 5)}${ctx.run}`, category: CATEGORY }),
    expect: only(['countyAdmin'], 'success', 'forbidden'),
    audit: 'skill.create',
    probe: async (ctx, _role, fields) => String((await dictionary(ctx)).includes(String(fields!.name))),
    changes: true,
  },
  {
    ...ref('renameSkill'),
    payload: async (ctx, role) => ({ skillId: (await matrixSkills(ctx)).first, name: `矩阵改名技能${role.slice(0, 5)}${ctx.run}` }),
    expect: only(['countyAdmin'], 'success', 'forbidden'),
    audit: 'skill.rename',
    probe: (ctx) => dictionary(ctx),
    changes: true,
  },
  {
    ...ref('setSkillActive'),
    // Always the opposite of the skill's present state, so a post that went through shows.
    payload: async (ctx) => {
      const { first } = await matrixSkills(ctx);
      const values = hiddenValues(tableRows(await ctx.countyHtml('/admin/skills')).find((html) => hiddenValues(html, 'skillId').includes(first)) ?? '', 'active');
      return { skillId: first, active: values[0] ?? 'false' };
    },
    expect: only(['countyAdmin'], 'success', 'forbidden'),
    audit: 'skill.set_active',
    probe: (ctx) => dictionary(ctx),
    changes: true,
  },
  {
    ...ref('moveSkill'),
    payload: async (ctx) => ({ skillId: (await matrixSkills(ctx)).second, direction: 'up' }),
    expect: only(['countyAdmin'], 'success', 'forbidden'),
    audit: 'skill.reorder',
    probe: (ctx) => dictionary(ctx),
    changes: true,
  },
];
