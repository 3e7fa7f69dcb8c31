// `npm run bench:content [-- REQUESTS]`: the member home (`/` signed in as a member: pinned
// notices, the highlights carousel, the newest items in the member's scope) with 10,000 published
// items, over HTTP against the built app (`npm run build` first), beside a trivial page of the same
// app in the same run, and getMemberHome at the data layer. Runs on BENCH_DATABASE_URL when set (a
// scratch PostgreSQL database: its tables are emptied), else on an embedded PGlite database in a
// folder, which the bench fills and closes before the server opens it (PGlite is one process's).
//
// The database: the demo county (5,000 members), then 10,000 items bulk-loaded in batches — spread
// over the default columns and two years, mostly to the whole county, some to a town's or a
// village's subtree, some targeted, a few pinned or featured, with Markdown bodies rendered once
// through the app's renderer and reused. The member signs in over HTTP with phone and password.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { closeDb, connection, getDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { queryRows } from '@/db/rows';
import { contentColumns, contentItems, contentReads, orgs, users, type NewContentItem } from '@/db/schema';
import { DEMO_DESTINATIONS, SKILLS } from '@/db/seed/demo-county';
import { DEMO_PASSWORD } from '@/db/seed/demo-users';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { Viewer } from '@/lib/auth/viewer';
import { renderMarkdown, summarise } from '@/lib/content/markdown';
import { getMemberHome } from '@/lib/content/queries';
import type { AgeBand } from '@/lib/members/list-filter';
import { verifyKeyFingerprints } from '@/lib/platform/startup';
import { load, loginMemberOverHttp, startServer, stopServer, timedGet, type LoadSummary } from './http';
import { machine, time } from './measure';
import { mulberry32 } from '@/db/seed/random';

const ITEMS = 10_000;
const BATCH = 500; // ~35 columns a row: 17,500 parameters a statement, well under PostgreSQL's 65,535
const REQUESTS = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 300);
const DATA_LAYER_RUNS = 200;
const PORT = 3332;
const BASE = `http://127.0.0.1:${PORT}`;
const DAY_MS = 86_400_000;

const root = process.cwd();
if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('run `npm run build` first');
// A fresh folder each run: the server must read the keys that encrypted the seeded ID numbers, and
// on PGlite the database itself lives there.
const dataDir = path.join(root, '.data', 'bench-content');
fs.rmSync(dataDir, { recursive: true, force: true });
process.env.EJIA_DATA_DIR = dataDir;
process.env.EJIA_SEED_DEMO = 'false'; // the bench seeds, then adds its items; the server must not
process.env.EJIA_JOBS_WORKER = 'off'; // an idle worker polling the jobs table is noise here
delete process.env.EJIA_PGLITE_DIR; // bench and server both use <data dir>/pglite
if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
else delete process.env.DATABASE_URL;

// ---------------------------------------------------------------------------------------
// Synthetic items (deterministic: mulberry32)

const random = mulberry32(20261206);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
function weighted<T>(items: readonly (readonly [T, number])[]): T {
  let r = random() * items.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}

const COLUMN_WEIGHTS: readonly (readonly [string, number])[] = [
  ['news', 25], ['notices', 15], ['current-affairs', 12], ['theory', 10], ['hometown', 10], ['regulations', 4], ['materials', 10], ['cases', 7], ['jobs', 7],
];
const EVENTS = ['召开流动党员座谈会', '开展“送学上门”活动', '走访慰问在外务工党员', '举办流动党员集中培训', '开展主题党日活动', '召开党建工作推进会', '组织返乡党员志愿服务', '开展流动党员信息核查'];
const NOTICE_TOPICS = ['做好流动党员集中学习', '开展党费收缴情况自查', '做好春节期间返乡党员服务', '开展“两优一先”推荐', '报送流动党员活动证发放情况', '做好流动党员报到工作', '组织收看专题节目', '开展组织关系排查'];
const HEADLINES = ['全国就业形势总体稳定', '乡村振兴重点帮扶工作取得新进展', '基层治理能力现代化建设持续推进', '农民工工资支付保障制度进一步完善', '城乡居民医保参保工作全面启动', '新就业形态劳动者权益保障措施出台'];
const THEORY_TOPICS = ['党章基本知识', '党的组织原则', '党员的权利和义务', '“三会一课”制度', '民主集中制', '党的纪律', '党的优良作风', '基层党组织建设'];
const PRACTICES = ['“线上+线下”组织生活做法', '流动党员“双向联系”机制', '支部带富产业发展经验', '“党员中心户”服务群众实践', '返乡党员参与村级治理', '“积分制”管理激励党员'];
const MATERIALS = ['学习贯彻党章辅导材料', '党史学习专题资料', '流动党员学习手册', '党的纪律处分条例学习要点', '基层党务工作实务', '党员教育培训课件'];
const CASES = ['在外创业不忘带动乡亲', '流动党员返乡办起合作社', '异地务工党员见义勇为', '外出党员坚持按月交纳党费', '在外党员牵线帮销农产品', '临时党支部服务新就业群体'];
const CITIES = ['深圳市', '西安市', '苏州市', '杭州市', '北京市', '东莞市', '宁波市', '成都市'];
const TRADES = ['电工', '焊工', '快递员', '叉车司机', '厨师', '家政服务员', '汽车维修工', '育婴员'];
const REGULATIONS: readonly (readonly [string, NonNullable<NewContentItem['regulationCategory']>, string])[] = [
  ['中国共产党章程', 'constitution', '中国共产党全国代表大会'], ['关于新形势下党内政治生活的若干准则', 'guideline', '中共中央'], ['中国共产党纪律处分条例', 'regulation', '中共中央'],
  ['中国共产党支部工作条例（试行）', 'regulation', '中共中央'], ['中国共产党党员教育管理工作条例', 'regulation', '中共中央'], ['中国共产党组织处理规定（试行）', 'provisions', '中共中央'],
  ['中国共产党党员权利保障条例', 'regulation', '中共中央'], ['流动党员管理办法（示例）', 'measures', '中共中央组织部'],
];
const AGE_BANDS: readonly AgeBand[] = ['upTo35', '36to45', '46to60', 'over60'];

/** A title in the manner of the column (党内法规 take a regulation's name instead). */
function titleFor(column: string, n: number, town: string, village: string): string {
  const year = 2025 + (n % 2);
  switch (column) {
    case 'news':
      return `${town}${pick(EVENTS)}`;
    case 'notices':
      return `关于${pick(NOTICE_TOPICS)}的通知`;
    case 'current-affairs':
      return `时政要闻：${pick(HEADLINES)}`;
    case 'theory':
      return `${pick(THEORY_TOPICS)}（第${(n % 40) + 1}讲）`;
    case 'hometown':
      return `${village}：${pick(PRACTICES)}`;
    case 'materials':
      return `${pick(MATERIALS)}（${year}年版）`;
    case 'cases':
      return `典型案例｜${pick(CASES)}`;
    default:
      return `${pick(CITIES)}${pick(TRADES)}岗位招聘与免费技能培训信息`;
  }
}

// A handful of bodies of realistic length and structure (headings for the table of contents, lists,
// emphasis, a quote, a link), rendered once each: 10,000 renders would time the renderer, not the page.
const BODIES = [
  (topic: string) => `各党支部：\n\n为进一步加强流动党员教育管理，现就${topic}有关事项通知如下。\n\n## 一、工作目标\n做到底数清、去向清、思想清、职业清，确保流动党员**离乡不离党、流动不流失**。\n\n## 二、主要任务\n1. 逐人核对流动党员档案信息；\n2. 通过“流动e家”推送学习内容，按月开展线上组织生活；\n3. 对联系不上的党员，由联系人持续联系并记录。\n\n## 三、时间安排\n### （一）动员部署阶段\n即日起至本月底。\n### （二）集中推进阶段\n下月1日至20日。\n\n> 请各支部于每月25日前报送进展情况。\n\n联系电话：0763-5500000。`,
  (topic: string) => `近日，${topic}。活动中，与会党员结合自身在外务工经历，交流了坚持学习、参加组织生活的体会。\n\n## 活动现场\n大家表示，虽然身在外地，但通过手机就能及时收到家乡党组织的通知和学习资料，*感到组织就在身边*。\n\n## 下一步打算\n- 继续完善流动党员联系服务机制；\n- 组织在外党员开展志愿服务；\n- 帮助返乡党员创业就业。\n\n更多内容见 [县委组织部网站](https://example.org/news)。`,
  (topic: string) => `## 学习要点\n${topic}是每名党员必须掌握的基本内容。本讲从历史沿革、主要内容和实践要求三个方面进行讲解。\n\n### 一、历史沿革\n党的建设始终坚持思想建党和制度治党相结合，形成了一系列行之有效的制度规范。\n\n### 二、主要内容\n1. 坚持党的全面领导；\n2. 坚持民主集中制；\n3. 严肃党内政治生活。\n\n### 三、实践要求\n流动党员要**主动**向流入地党组织报到，按时参加组织生活，按期交纳党费。\n\n## 思考题\n结合自身实际，谈谈在外如何做一名合格党员。`,
  (topic: string) => `> 演示数据：下列内容为要点摘编，正式文本以有关部门印发的文件为准。\n\n## 第一章 总则\n第一条 为了${topic}，制定本办法。\n\n第二条 本办法适用于组织关系在本县的全体党员。\n\n## 第二章 管理服务\n第三条 党支部应当与流动党员保持经常联系。\n\n第四条 流动党员应当每季度至少向党支部报告一次思想、工作情况。\n\n## 第三章 附则\n第五条 本办法自印发之日起施行。`,
  (topic: string) => `**招聘岗位**：${topic}\n\n## 岗位要求\n- 年龄18至55周岁，身体健康；\n- 持有相关职业资格证书者优先；\n- 吃苦耐劳，服从安排。\n\n## 薪资待遇\n月薪6000至9000元，缴纳社会保险，提供食宿。\n\n## 免费培训\n县人社局联合职业技能培训学校开设免费培训班，培训合格颁发证书，并推荐就业。\n\n报名请联系所在党支部，或拨打 0763-5500000。`,
];

type Tree = { rootId: number; committees: { id: number; name: string }[]; branches: { id: number; name: string }[] };

function generateItems(tree: Tree, columns: Map<string, number>, authorUserId: string, now: number): { rows: NewContentItem[]; newestTitle: string; mix: Record<string, number> } {
  const rendered = BODIES.map((body, index) => {
    const source = body(['做好流动党员教育管理', '城关镇召开流动党员座谈会', '党的组织原则', '加强流动党员管理', '电工、焊工、叉车司机'][index]);
    const out = renderMarkdown(source);
    return { source, ...out, summary: summarise(out.text, 120) };
  });
  const bodyOf: Record<string, number> = { news: 1, 'current-affairs': 1, hometown: 1, cases: 1, notices: 0, theory: 2, materials: 2, regulations: 3, jobs: 4 };
  const townOf = (name: string) => /清源县(.+?)(委员会|党委)/.exec(name)?.[1] ?? '城关镇';
  const villageOf = (name: string) => name.replace(/^中共清源县/, '').replace(/支部委员会$|党支部$/, '党支部');
  const mix = { county: 0, committee: 0, branch: 0, targeted: 0, pinned: 0, featured: 0 };
  const rows: NewContentItem[] = [];
  for (let n = 0; n < ITEMS; n++) {
    const drawn = weighted(COLUMN_WEIGHTS);
    // The newest item (n = 0) is the one the page check looks for: a county-wide notice, not pinned.
    const column = n === 0 ? 'notices' : drawn;
    const committee = pick(tree.committees);
    const branch = pick(tree.branches);
    // Most items go to the whole county; some to one town's or one village's subtree (which most
    // members are outside of, so the query must skip them); some are targeted notices.
    const scope = n === 0 ? 'county' : weighted([['county', 78], ['committee', 12], ['branch', 5], ['targeted', 5]] as const);
    mix[scope]++;
    const audienceOrgId = scope === 'committee' ? committee.id : scope === 'branch' ? branch.id : tree.rootId;
    const publishAt = new Date(n === 0 ? now - 60_000 : now - Math.floor(random() * 730 * DAY_MS));
    const pinned = n > 0 && random() < (column === 'notices' ? 0.015 : 0.001);
    const featured = n > 0 && !pinned && random() < 0.01;
    if (pinned) mix.pinned++;
    if (featured) mix.featured++;
    const body = rendered[bodyOf[column] ?? 1];
    type Target = Pick<NewContentItem, 'targetSkills' | 'targetAgeBands' | 'targetRegionCodes'>;
    const target: Target =
      scope !== 'targeted'
        ? {}
        : weighted<Target>([
            [{ targetSkills: [...new Set([pick(SKILLS), pick(SKILLS)])] }, 3],
            [{ targetAgeBands: [pick(AGE_BANDS)] }, 1],
            [{ targetRegionCodes: [pick(DEMO_DESTINATIONS).code.slice(0, 2)] }, 1], // a province
          ]);
    const regulation = column === 'regulations' ? pick(REGULATIONS) : null;
    const effectiveOn = `${2016 + (n % 9)}-0${1 + (n % 9)}-01`;
    rows.push({
      columnId: columns.get(column)!,
      orgId: audienceOrgId,
      audienceOrgId,
      title: n === 0 ? '县委组织部部署岁末年初走访慰问流动党员工作' : regulation ? regulation[0] : titleFor(column, n, townOf(committee.name), villageOf(branch.name)),
      summary: regulation ? `${regulation[2]} · ${effectiveOn} 起施行` : body.summary,
      bodyMarkdown: body.source,
      bodyHtml: body.html,
      bodyText: body.text,
      toc: body.toc,
      pinned,
      featured,
      status: 'published',
      publishAt,
      regulationCategory: regulation?.[1] ?? null,
      issuingBody: regulation?.[2] ?? null,
      effectiveOn: regulation ? effectiveOn : null,
      ...target,
      tags: [],
      authorUserId,
      createdAt: publishAt,
      updatedAt: publishAt,
    });
  }
  return { rows, newestTitle: rows[0].title, mix };
}

// React escapes these in text; the page check compares against what the HTML holds.
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[char]!);

// ---------------------------------------------------------------------------------------

// The load average says whether something else shared the CPUs (figures on a busy 2-vCPU VM wander).
const loadAverage = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`machine: ${machine()}; load average ${loadAverage()}`);
await runMigrations();
const db = getDb();
const engine = connection().engine;
const [{ version }] = await queryRows<{ version: string }>(db, sql`SELECT current_setting('server_version') AS version`);
console.log(`database: ${engine === 'postgres' ? `PostgreSQL ${version} (BENCH_DATABASE_URL)` : `embedded PGlite (PostgreSQL ${version}) in ${path.relative(root, dataDir)}/pglite`}`);

// A reused scratch database: empty what the seed and the items fill (content_columns keeps the
// migration's default columns), and the key fingerprints, since the key folder is new.
await db.execute(sql.raw('TRUNCATE orgs, members, outflow_episodes, users, sessions, one_time_codes, auth_throttles, key_fingerprints RESTART IDENTITY CASCADE'));
await verifyKeyFingerprints(db);
const t0 = performance.now();
const seeded = await seedDemoCounty(db);
if (!seeded.logins) throw new Error('the demo county was not seeded');
console.log(`demo county seeded: ${seeded.orgs} orgs, ${seeded.members.toLocaleString('en')} members in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const orgRows = await db.select({ id: orgs.id, name: orgs.name, type: orgs.type, parentId: orgs.parentId, path: orgs.path }).from(orgs);
const rootOrg = orgRows.find((org) => org.parentId === null)!;
const tree: Tree = {
  rootId: rootOrg.id,
  committees: orgRows.filter((org) => org.parentId === rootOrg.id && org.type === 'party_committee'),
  branches: orgRows.filter((org) => org.type === 'branch'),
};
const columns = new Map((await db.select({ id: contentColumns.id, slug: contentColumns.slug }).from(contentColumns)).map((column) => [column.slug, column.id]));
const [countyAdmin] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'county'));
const generated = generateItems(tree, columns, countyAdmin.id, Date.now());
if (generated.rows.filter((row) => row.title === generated.newestTitle).length !== 1) throw new Error('the newest title must be unique for the page check');

const t1 = performance.now();
for (let start = 0; start < generated.rows.length; start += BATCH) await db.insert(contentItems).values(generated.rows.slice(start, start + BATCH));
const inserted = performance.now() - t1;
// The bigram GIN index's pending list, and the planner's statistics for the new rows.
await db.execute(sql`VACUUM ANALYZE content_items`);
console.log(
  `${ITEMS.toLocaleString('en')} items inserted in ${Math.ceil(ITEMS / BATCH)} batches of ${BATCH} in ${(inserted / 1000).toFixed(1)} s (+ VACUUM ANALYZE ${((performance.now() - t1 - inserted) / 1000).toFixed(1)} s): ` +
    `${generated.mix.county} county-wide, ${generated.mix.committee} to a town, ${generated.mix.branch} to a village, ${generated.mix.targeted} targeted; ${generated.mix.pinned} pinned, ${generated.mix.featured} featured`,
);

// The demo member, as the session would describe them; a few hundred items already read, so the
// cards' "read" lookup finds rows.
const [member] = await db
  .select({ userId: users.id, orgId: users.orgId, memberId: users.memberId, path: orgs.path })
  .from(users)
  .innerJoin(orgs, eq(orgs.id, users.orgId))
  .where(and(eq(users.tier, 'member'), isNotNull(users.memberId)));
const viewer: Viewer = { userId: member.userId, tier: 'member', orgId: member.orgId, scopePath: member.path, capabilities: [], memberId: member.memberId! };
const readIds = await queryRows<{ id: string }>(db, sql`SELECT id FROM content_items WHERE audience_org_id = ${rootOrg.id} ORDER BY publish_at DESC OFFSET 5 LIMIT 300`);
await db.insert(contentReads).values(readIds.map(({ id }) => ({ memberId: member.memberId!, itemId: id, views: 1, readSeconds: 60 })));

const [sizes] = await queryRows<{ items: number; published: number; members: number; orgs: number; visible: number }>(
  db,
  sql`SELECT (SELECT count(*)::int FROM content_items) AS items,
             (SELECT count(*)::int FROM content_items WHERE status = 'published') AS published,
             (SELECT count(*)::int FROM members) AS members,
             (SELECT count(*)::int FROM orgs) AS orgs,
             (SELECT count(*)::int FROM content_items WHERE status = 'published' AND audience_org_id = ANY(${sql.param(member.path.split('.').map(Number))}::int[])) AS visible`,
);
console.log(
  `data: ${sizes.items.toLocaleString('en')} content items (${sizes.published.toLocaleString('en')} published, ${sizes.visible.toLocaleString('en')} addressed to the member's branch or above), ` +
    `${sizes.members.toLocaleString('en')} members, ${sizes.orgs} orgs`,
);

const home = await getMemberHome(db, { viewer });
if (home?.latest[0]?.title !== generated.newestTitle) throw new Error(`the member's newest item is "${home?.latest[0]?.title}", not the bench's newest`);
console.log(`member home: ${home.pinned.length} pinned, ${home.featured.length} highlights, ${home.latest.length} newest; newest "${generated.newestTitle}"`);
console.log(`data layer (${engine}, one call at a time):`);
await time('getMemberHome (reader profile + pinned, featured, latest)', () => getMemberHome(db, { viewer }), DATA_LAYER_RUNS);
// PGlite is one process's database: the server can open it only once this process has let go.
await closeDb();

const line = (label: string, s: LoadSummary) =>
  `  ${label.padEnd(24)} median ${String(s.p50).padStart(7)} ms  p95 ${String(s.p95).padStart(7)} ms  min–max ${s.min}–${s.max} ms  first byte median ${String(s.firstByteP50).padStart(7)} ms  ${String(s.rps).padStart(4)} req/s  (${s.requests} ok, ${s.errors} errors)`;

let server: ChildProcess | undefined;
try {
  const started = await startServer({ port: PORT, env: { ...process.env, NODE_ENV: 'production', PORT: String(PORT) } });
  server = started.server;
  console.log(`server healthy in ${(started.readyMs / 1000).toFixed(1)} s`);
  const cookie = await loginMemberOverHttp(BASE, seeded.logins.member.phone, DEMO_PASSWORD);
  // The page must be the member's home, not a redirect or the public home: it shows the newest item.
  const page = await fetch(`${BASE}/`, { headers: { Cookie: cookie }, redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200 || !html.includes(escapeHtml(generated.newestTitle))) throw new Error(`GET / as the member answered ${page.status} without the newest item's title`);
  if ((await timedGet(`${BASE}/privacy`, { cookie })).status !== 200) throw new Error('GET /privacy did not answer 200');
  console.log(`GET / as the member: 200, ${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB of HTML, holds the newest item's title`);

  const pages = [
    ['/privacy (trivial)', '/privacy'],
    ['/ (member home)', '/'],
  ] as const;
  for (const [, pathname] of pages) await load(`${BASE}${pathname}`, { requests: 50, concurrency: 2, cookie }); // warm-up
  for (const concurrency of [1, 10]) {
    console.log(`HTTP, ${concurrency} concurrent client(s), ${REQUESTS} requests a page, next start on ${engine} (load average ${loadAverage()}):`);
    for (const [label, pathname] of pages) console.log(line(label, await load(`${BASE}${pathname}`, { requests: REQUESTS, concurrency, cookie, maxSeconds: 300 })));
  }
} finally {
  if (server) await stopServer(server);
}
process.exit(0);
