import { expect } from '@playwright/test';
import { pngBytes } from '../../support/tiny-image';
import { mainOf, selectOptions, textOf } from '../../support/matrix-html';
import { every, only, type ActionRef, type ActionRow, type FormFields, type MatrixContext, type PageOutcome, type PageRow, type Role } from '../../support/matrix-types';

// Publishing and learning (lib/content/actions.ts, issue 6). Content editors are org and county
// admins holding the content capability: each publishes inside its own subtree only, submits
// wider items for review, and never reviews its own submission. The reading heartbeat is the
// member's. Host admins (org life only), the admin without capabilities, members and anonymous
// callers are refused every editor action.

const content = (exportedName: string, pagePath = '/admin/content/new'): ActionRef => ({ file: 'lib/content/actions.ts', exportedName, pagePath });
const SAVE = content('saveItem');
const REVIEW = content('reviewItem', '/admin/content');
const WITHDRAW = content('withdrawItem', '/admin/content');
const PREVIEW = content('previewMarkdown');
const UPLOAD = content('uploadContentFile');
const columnAction = (exportedName: string): ActionRef => ({ file: 'lib/content/column-actions.ts', exportedName, pagePath: '/admin/content/columns' });
const CREATE_COLUMN = columnAction('createColumnAction');
const RENAME_COLUMN = columnAction('renameColumnAction');
const MOVE_COLUMN = columnAction('moveColumnAction');
const DELETE_COLUMN = columnAction('deleteColumnAction');
const HEARTBEAT: ActionRef = { file: 'lib/content/actions.ts', exportedName: 'readingHeartbeat', pagePath: '/learn' };

const EDITORS: Role[] = ['scopedAdmin', 'otherSubtreeAdmin', 'countyAdmin'];
const PUBLISHED = '/admin/content?tab=published';
const COUNTY_NAME = '中共清源县委';

let sequence = 0;
const batch = Math.random().toString(36).slice(2, 6);
const unique = (ctx: MatrixContext) => `${ctx.run}${batch}${++sequence}`;

const columnIds = new Map<string, Promise<Map<string, string>>>();
/** Column ids by name, as the county's editor offers them. */
async function columnId(ctx: MatrixContext, name: string): Promise<string> {
  const key = `${ctx.baseURL} ${ctx.run}`;
  if (!columnIds.has(key)) columnIds.set(key, ctx.countyHtml('/admin/content/new').then((html) => new Map(selectOptions(html, 'columnId').map((option) => [option.label, option.value]))));
  const id = (await columnIds.get(key)!).get(name);
  if (!id) throw new Error(`no column named ${name} in the editor`);
  return id;
}

/** A complete news item addressed to `audienceOrgId`; its title names the post. */
const newsItem = async (ctx: MatrixContext, audienceOrgId: string, intent: 'publish' | 'submit', title = `矩阵测试新闻${unique(ctx)}`): Promise<FormFields> => ({
  columnId: await columnId(ctx, '新闻动态'),
  audienceOrgId,
  title,
  summary: '',
  bodyMarkdown: `## 矩阵测试\n\n${title}的正文。`,
  tags: '',
  externalUrl: '',
  publishAt: '',
  intent,
});

const mainText = async (ctx: MatrixContext, path: string) => textOf(mainOf(await ctx.countyHtml(path)));
/** Whether the county's 已发布 list shows the item of this title. */
const publishedByTitle = async (ctx: MatrixContext, _role: Role, fields: FormFields | null) => String((await mainText(ctx, PUBLISHED)).includes(String(fields!.title)));

/** The id of an item the county's published list links by this title. */
async function itemIdByTitle(ctx: MatrixContext, title: string, tab = 'published'): Promise<string> {
  const html = await ctx.countyHtml(`/admin/content?tab=${tab}`);
  const at = html.indexOf(`>${title}<`);
  const id = at >= 0 ? /href="\/admin\/content\/([0-9a-f-]{36})"[^>]*>$/.exec(html.slice(html.lastIndexOf('<a', at), at + 1))?.[1] : undefined;
  if (!id) throw new Error(`the county does not list "${title}" under ${tab}`);
  return id;
}

/** Saves an item as the role and returns its id, read off the item page the save lands on. */
async function saveAs(ctx: MatrixContext, role: Role, fields: FormFields): Promise<string> {
  const response = await ctx.post(role, SAVE, fields);
  const id = /\/admin\/content\/([0-9a-f-]{36})\?done=/.exec(response.redirectTo ?? '')?.[1];
  if (!id) throw new Error(`${role} could not save an item: ${JSON.stringify(response.result)}`);
  return id;
}

/** An item published by the county to the target committee's subtree; returns its id. */
async function publishedInScope(ctx: MatrixContext): Promise<string> {
  return saveAs(ctx, 'countyAdmin', await newsItem(ctx, ctx.targets.scopeOrgId, 'publish'));
}

/** An item the target committee's admin submitted to the whole county: waiting for the county. */
async function submittedByScopedAdmin(ctx: MatrixContext): Promise<string> {
  const title = `矩阵测试报审${unique(ctx)}`;
  return saveAs(ctx, 'scopedAdmin', await newsItem(ctx, await ctx.orgIdByName(COUNTY_NAME), 'submit', title));
}

const shared = new Map<string, Promise<string>>();
/** The refused roles share one target (made once); each allowed role gets its own. */
function targetFor(ctx: MatrixContext, role: Role, allowed: Role[], kind: string, make: (ctx: MatrixContext) => Promise<string>): Promise<string> {
  if (allowed.includes(role)) return make(ctx);
  const key = `${ctx.baseURL} ${ctx.run} ${kind}`;
  if (!shared.has(key)) shared.set(key, make(ctx));
  return shared.get(key)!;
}

/** The item's status as the county's item page shows it. */
const statusOf = async (ctx: MatrixContext, id: string) => /状态：\s*(\S+)/.exec(await mainText(ctx, `/admin/content/${id}`))?.[1] ?? '';

/** The columns page as the county sees it: names in order, with their slugs. */
const columnsPage = async (ctx: MatrixContext) => mainText(ctx, '/admin/content/columns');
/** A fresh, empty column the county adds; returns its id as the columns page's rename field names it. */
async function freshColumn(ctx: MatrixContext): Promise<string> {
  const slug = `m${unique(ctx).toLowerCase().replace(/[^a-z0-9]/g, '')}`.slice(0, 40);
  const name = `矩阵${slug.slice(-8)}`;
  await ctx.countyDo(CREATE_COLUMN, { name, slug, kind: 'articles' });
  const id = new RegExp(`id="rename-(\\d+)"[^>]*value="${name}"`).exec(await ctx.countyHtml('/admin/content/columns'))?.[1];
  if (!id) throw new Error(`the county's new column ${name} is not on the columns page`);
  return id;
}

export const contentRows: ActionRow[] = [
  {
    ...CREATE_COLUMN,
    payload: (ctx) => {
      const slug = `m${unique(ctx).toLowerCase().replace(/[^a-z0-9]/g, '')}`.slice(0, 40);
      return { name: `矩阵${slug.slice(-8)}`, slug, kind: 'articles' };
    },
    // The columns are the whole deployment's: only the county keeps them.
    expect: only(['countyAdmin'], 'success', 'forbidden'),
    audit: 'content_column.create',
    probe: async (ctx, _role, fields) => String((await columnsPage(ctx)).includes(String(fields!.slug))),
    changes: true,
  },
  {
    ...RENAME_COLUMN,
    payload: async (ctx, role) => ({ columnId: await targetFor(ctx, role, ['countyAdmin'], 'rename-column', freshColumn), name: `改名${unique(ctx).slice(-6)}` }),
    expect: only(['countyAdmin'], 'success', 'forbidden'),
    audit: 'content_column.rename',
    probe: (ctx) => columnsPage(ctx),
    changes: true,
  },
  {
    ...MOVE_COLUMN,
    payload: async (ctx, role) => ({ columnId: await targetFor(ctx, role, ['countyAdmin'], 'move-column', freshColumn), direction: 'up' }),
    expect: only(['countyAdmin'], 'success', 'forbidden'),
    audit: 'content_column.reorder',
    probe: (ctx) => columnsPage(ctx),
    changes: true,
  },
  {
    ...DELETE_COLUMN,
    payload: async (ctx, role) => ({ columnId: await targetFor(ctx, role, ['countyAdmin'], 'delete-column', freshColumn) }),
    expect: only(['countyAdmin'], 'success', 'forbidden'),
    audit: 'content_column.delete',
    probe: (ctx) => columnsPage(ctx),
    changes: true,
  },
  {
    ...SAVE,
    label: 'publishing to the target committee’s subtree',
    payload: (ctx) => newsItem(ctx, ctx.targets.scopeOrgId, 'publish'),
    // The other committee's admin may not address a subtree that is neither its own nor above it.
    expect: { ...only(['scopedAdmin', 'countyAdmin'], 'redirect', 'forbidden'), otherSubtreeAdmin: 'invalid' },
    audit: 'content.publish',
    probe: publishedByTitle,
    changes: true,
    // The demo member (a branch of the committee) reads it in the column.
    check: async (ctx, _role, _response, fields) => {
      expect(textOf(mainOf((await ctx.get('member', '/learn/news')).html))).toContain(String(fields!.title));
    },
  },
  {
    ...SAVE,
    label: 'publishing to the whole county without review',
    payload: async (ctx) => newsItem(ctx, await ctx.orgIdByName(COUNTY_NAME), 'publish'),
    expect: { ...only(['countyAdmin'], 'redirect', 'forbidden'), scopedAdmin: 'invalid', otherSubtreeAdmin: 'invalid' },
    audit: 'content.publish',
    probe: publishedByTitle,
    changes: true,
  },
  {
    ...REVIEW,
    label: 'approving the committee admin’s own submission',
    payload: async (ctx, role) => ({ itemId: await targetFor(ctx, role, ['countyAdmin'], 'submitted', submittedByScopedAdmin), decision: 'approve', note: '' }),
    // Only a level strictly above the writer reviews: never the writer, nor another committee.
    expect: only(['countyAdmin'], 'redirect', 'forbidden'),
    audit: 'content.review.approved',
    probe: (ctx, _role, fields) => statusOf(ctx, String(fields!.itemId)),
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      expect(await statusOf(ctx, String(fields!.itemId))).toBe('已发布');
    },
  },
  {
    ...WITHDRAW,
    payload: async (ctx, role) => ({ itemId: await targetFor(ctx, role, ['scopedAdmin', 'countyAdmin'], 'published', publishedInScope), reason: '矩阵测试：撤回' }),
    expect: only(['scopedAdmin', 'countyAdmin'], 'redirect', 'forbidden'),
    audit: 'content.withdraw',
    probe: (ctx, _role, fields) => statusOf(ctx, String(fields!.itemId)),
    changes: true,
    check: async (ctx, _role, _response, fields) => {
      expect(await statusOf(ctx, String(fields!.itemId))).toBe('已撤回');
    },
  },
  {
    ...PREVIEW,
    payload: () => ({ bodyMarkdown: '## 预览\n\n<script>alert(1)</script>[x](javascript:alert(1))' }),
    expect: only(EDITORS, 'success', 'forbidden'),
    // The preview is the sanitised rendering: the script shows as text and runs nowhere.
    check: async (_ctx, _role, response) => {
      const html = String((response.result as { data?: { html?: string } }).data?.html);
      expect(html).toContain('<h2 id="section-1">预览</h2>');
      expect(html).not.toContain('<script');
      expect(html).not.toContain('javascript:');
    },
  },
  {
    ...UPLOAD,
    payload: () => ({ file: new File([pngBytes()], '矩阵测试配图.png', { type: 'image/png' }), purpose: 'photo' }),
    expect: only(EDITORS, 'success', 'forbidden'),
    check: async (_ctx, _role, response) => {
      expect((response.result as { data?: { mime?: string } }).data?.mime).toBe('image/png');
    },
  },
  {
    ...HEARTBEAT,
    // The demo member opens the 党章 first (the page records the view the heartbeat extends).
    payload: async (ctx, role) => {
      const itemId = await itemIdByTitle(ctx, '中国共产党章程');
      if (role === 'member') await ctx.get('member', `/read/${itemId}`);
      return { itemId };
    },
    expect: only(['member'], 'success', 'forbidden'),
  },
];

/** Editors' pages: content editors in; members 403, anonymous to the admin login. */
const editorsOnly: Record<Role, PageOutcome> = { ...every<PageOutcome>(200), anonymous: 'login', member: 403, noCapabilityAdmin: 403, hostAdmin: 403 };
/** An item of the target committee's subtree: its editors and the county; to anyone else there is none. */
const itemInScope: Record<Role, PageOutcome> = { ...every<PageOutcome>(404), anonymous: 'login', member: 403, scopedAdmin: 200, countyAdmin: 200 };
/** A member's reading page: the member login for anonymous callers, 403 for every admin. */
const readers: Record<Role, PageOutcome> = { ...every<PageOutcome>(403), anonymous: 'login', member: 200 };

const pageItems = new Map<string, Promise<{ id: string; title: string }>>();
/** One item the target committee's admin published to its subtree, once per run. */
function scopedItem(ctx: MatrixContext): Promise<{ id: string; title: string }> {
  const key = `${ctx.baseURL} ${ctx.run}`;
  if (!pageItems.has(key)) {
    const make = async () => {
      const title = `矩阵页面内容${ctx.run}`;
      return { id: await saveAs(ctx, 'scopedAdmin', await newsItem(ctx, ctx.targets.scopeOrgId, 'publish', title)), title };
    };
    pageItems.set(key, make());
  }
  return pageItems.get(key)!;
}

const otherItems = new Map<string, Promise<string>>();
/** One item the county published to the other committee only: the demo member may not read it. */
function otherSubtreeItem(ctx: MatrixContext): Promise<string> {
  const key = `${ctx.baseURL} ${ctx.run}`;
  if (!otherItems.has(key)) otherItems.set(key, newsItem(ctx, ctx.targets.otherOrgId, 'publish').then((fields) => saveAs(ctx, 'countyAdmin', fields)));
  return otherItems.get(key)!;
}

export const contentPageRows: PageRow[] = [
  { route: '/learn', expect: readers, content: () => ({ member: { shows: ['党内法规', '就业培训'] } }) },
  { route: '/learn/[column]', path: () => '/learn/regulations', expect: readers, content: () => ({ member: { shows: ['中国共产党章程'] } }) },
  { route: '/read/[id]', path: async (ctx) => `/read/${await itemIdByTitle(ctx, '中国共产党章程')}`, expect: readers, content: () => ({ member: { shows: ['目录', '第一章 党员'] } }) },
  { route: '/read/[id]', label: 'an item of another committee', path: async (ctx) => `/read/${await otherSubtreeItem(ctx)}`, expect: { ...readers, member: 404 } },
  { route: '/admin/content', expect: editorsOnly },
  { route: '/admin/content/new', expect: editorsOnly },
  { route: '/admin/content/columns', expect: { ...every<PageOutcome>(403), anonymous: 'login', countyAdmin: 200 }, content: () => ({ countyAdmin: { shows: ['新闻动态', '党内法规', '新增栏目'] } }) },
  {
    route: '/admin/content/[id]',
    path: async (ctx) => `/admin/content/${(await scopedItem(ctx)).id}`,
    expect: itemInScope,
    content: (ctx) => ({ scopedAdmin: { shows: [`矩阵页面内容${ctx.run}`] } }),
  },
  { route: '/admin/content/[id]/edit', path: async (ctx) => `/admin/content/${(await scopedItem(ctx)).id}/edit`, expect: itemInScope },
];
