// `npm run bench:members [-- 1000000] [--http] [--explain]`: the admin member
// list at scale on PostgreSQL (BENCH_DATABASE_URL, a scratch database: its tables are emptied).
// Seeds N members (default 100,000) in 1,000 branches, bulk-loaded with unnest, then measures at
// the data layer — default list page, deeper keyset pages, filters (status + province + skill),
// name search '张伟', count, detail lookup by id — median and p95 over ≥ 200 runs each; with
// --http also over HTTP against the built server (`npm run build` first), beside a trivial page of
// the same app in the same run. A database already holding the same bench data is reused. The
// indexes are those of the committed schema (migration 0005 holds the ones the list needs at scale).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { closeDb, getDb, type Database } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { queryRows } from '@/db/rows';
import { users } from '@/db/schema';
import { DEMO_DESTINATIONS, SKILLS } from '@/db/seed/demo-county';
import { GIVEN_CHARS, SURNAMES } from '@/db/seed/demo-names';
import { createSession } from '@/lib/auth/sessions';
import type { Viewer } from '@/lib/auth/viewer';
import { secrets } from '@/lib/config/secrets';
import { listUnregistered, readFlowOverview } from '@/lib/flow/overview-queries';
import { listCandidatePlaces, listCandidates } from '@/lib/flow/temporary-branch-queries';
import { listTransfers } from '@/lib/flow/transfer-queries';
import { computeIdNumberCheckChar } from '@/lib/members/id-number';
import type { MemberListFilter } from '@/lib/members/list-filter';
import { countMembers, listMembers, memberListQuery } from '@/lib/members/list-queries';
import { findMemberForViewer } from '@/lib/members/detail-queries';
import { readMemberRecord } from '@/lib/members/record';
import { insertOrg } from '@/lib/orgs/queries';
import { verifyKeyFingerprints } from '@/lib/platform/startup';
import { encryptPii, piiLookupHash } from '@/lib/security/pii';
import { maskIdNumber } from '@/lib/security/masking';
import { load, startServer, stopServer, timedGet } from './http';
import { time } from './measure';

const args = process.argv.slice(2);
const SIZE = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 100_000);
const WITH_HTTP = args.includes('--http');
const EXPLAIN = args.includes('--explain');
const RUNS = 200;
const BRANCHES_PER_COMMITTEE = 100;
const COMMITTEES = 10;
const ROOT_NAME = '中共基准县委（性能测试）';
const PORT = 3331;

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error('Set BENCH_DATABASE_URL to a scratch PostgreSQL database (UTF-8, C.UTF-8 collation), e.g.\n' +
    `  createdb -E UTF8 --lc-ctype=C.UTF-8 --lc-collate=C.UTF-8 -T template0 ejia_bench`);
  process.exit(1);
}
process.env.DATABASE_URL = url;
// A fixed folder: the PII key that encrypted the bench rows must still be there on the next run.
const dataDir = path.join(process.cwd(), '.data', 'bench-members');
process.env.EJIA_DATA_DIR = dataDir;
process.env.EJIA_JOBS_WORKER = 'off';
process.env.EJIA_SEED_DEMO = 'false';

// ---------------------------------------------------------------------------------------
// Synthetic data (deterministic: mulberry32)

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261101);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
function weighted<T>(items: readonly (readonly [T, number])[]): T {
  let r = random() * items.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}

const OCCUPATIONS: readonly (readonly [string, string, number])[] = [
  ['建筑工人', '建筑业', 20], ['电工', '建筑业', 5], ['焊工', '制造业', 4], ['快递员', '交通运输', 9], ['网约车司机', '交通运输', 6],
  ['货车司机', '交通运输', 5], ['厨师', '住宿餐饮', 6], ['工厂普工', '制造业', 12], ['农民', '农业', 25], ['个体经营', '批发零售', 10],
  ['教师', '教育', 3], ['退休', '离退休', 20], ['企业职员', '租赁和商务服务', 6], ['保安', '居民服务', 4], ['学生', '教育', 2],
];
const OCCUPATION_TABLE = OCCUPATIONS.map(([occupation, industry, weight]) => [[occupation, industry], weight] as const);
const STATUSES: readonly (readonly [string, number])[] = [['outflow', 44], ['registered', 48], ['returned', 4], ['transferred_out', 2.5], ['lost_contact', 1.5]];
const REASONS: readonly (readonly [string, number])[] = [['work', 68], ['business', 14], ['study', 6], ['family', 8], ['other', 4]];
const DESTINATIONS = DEMO_DESTINATIONS.map((d) => [d.code, d.weight] as const);
const HOST_REGIONS = ['440306', '610112', '320571', '330109', '110105'];
const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const TODAY_MS = Date.UTC(2026, 10, 1);

function personName(male: boolean, born: number): string {
  const era = born < Date.UTC(1970, 0, 1) ? 'old' : born < Date.UTC(1990, 0, 1) ? 'middle' : 'young';
  const chars = GIVEN_CHARS[male ? 'male' : 'female'][era];
  const given = random() < 0.3 ? pick([...chars]) : pick([...chars]) + pick([...chars]);
  return weighted(SURNAMES) + given;
}

type Org = { id: number; path: string };
type Tree = { root: Org; committees: Org[]; branches: Org[]; hosts: (Org & { region: string })[] };

async function seedOrgs(db: Database): Promise<Tree> {
  const root = await insertOrg(db, { parentId: null, name: ROOT_NAME, type: 'party_committee', regionCode: '610422' });
  const committees: Org[] = [];
  const branches: Org[] = [];
  for (let c = 1; c <= COMMITTEES; c++) {
    const committee = await insertOrg(db, { parentId: root.id, name: `中共基准县第${c}镇委员会`, type: 'party_committee' });
    committees.push(committee);
    for (let b = 1; b <= BRANCHES_PER_COMMITTEE; b++) {
      branches.push(await insertOrg(db, { parentId: committee.id, name: `中共基准县第${c}镇第${b}村支部委员会`, type: 'branch' }));
    }
  }
  const hosts = [];
  for (const region of HOST_REGIONS) hosts.push({ ...(await insertOrg(db, { parentId: root.id, name: `流入地党支部 ${region}`, type: 'host', regionCode: region })), region });
  return { root, committees, branches, hosts };
}

async function seedMembers(db: Database, tree: Tree, size: number): Promise<void> {
  // Branch sizes vary tenfold, as real villages do.
  const weights = tree.branches.map(() => 0.3 + 2.7 * random());
  const total = weights.reduce((a, b) => a + b, 0);
  const branchFor: number[] = [];
  tree.branches.forEach((branch, index) => {
    const n = Math.round((weights[index] / total) * size);
    for (let i = 0; i < n && branchFor.length < size; i++) branchFor.push(branch.id);
  });
  while (branchFor.length < size) branchFor.push(tree.branches[branchFor.length % tree.branches.length].id);
  const hostByRegion = new Map(tree.hosts.map((host) => [host.region, host.id]));
  // ID numbers: unique by (birth day, sequence), the sequence's parity giving the gender.
  const perDay = new Map<number, number>();
  const CHUNK = 10_000;
  const started = performance.now();
  for (let start = 0; start < size; start += CHUNK) {
    const m: Record<string, (string | number | null)[]> = {};
    const e: Record<string, (string | number | null)[]> = {};
    const push = (target: Record<string, (string | number | null)[]>, key: string, value: string | number | null) => (target[key] ??= []).push(value);
    for (let i = start; i < Math.min(size, start + CHUNK); i++) {
      const id = randomUUID();
      const male = random() < 0.7;
      const born = TODAY_MS - int(18 * 365, 88 * 365) * DAY_MS;
      const count = perDay.get(born) ?? 0;
      perDay.set(born, count + 1);
      const sequence = String(count * 2 + (male ? 1 : 0)).padStart(3, '0');
      const body = `610422${iso(born).replaceAll('-', '')}${sequence}`;
      const idNumber = body + computeIdNumberCheckChar(body);
      const status = weighted(STATUSES);
      const [occupation, industry] = weighted(OCCUPATION_TABLE);
      const skills = Array.from({ length: int(0, 3) }, () => pick(SKILLS));
      push(m, 'id', id);
      push(m, 'org', branchFor[i]);
      push(m, 'name', personName(male, born));
      push(m, 'cipher', Buffer.from(encryptPii(idNumber, 'member.id_number')).toString('hex'));
      push(m, 'hash', Buffer.from(piiLookupHash(idNumber, 'member.id_number')).toString('hex'));
      push(m, 'masked', maskIdNumber(idNumber));
      push(m, 'gender', male ? 'male' : 'female');
      push(m, 'birth', iso(born));
      push(m, 'phone', random() < 0.95 ? `1${pick(['38', '39', '50', '58', '86', '87'])}${String(i).padStart(8, '0')}` : null);
      push(m, 'status', status);
      push(m, 'occupation', occupation);
      push(m, 'industry', industry);
      push(m, 'skills', [...new Set(skills)].join('|'));
      const joined = Math.min(born + int(18 * 365, 40 * 365) * DAY_MS, TODAY_MS - int(1, 900) * DAY_MS);
      push(m, 'joined', random() < 0.97 ? iso(joined) : null);
      push(m, 'contact', random() < 0.8 ? iso(TODAY_MS - int(0, 700) * DAY_MS) : null);
      push(m, 'unit', random() < 0.5 ? `${pick(['清源县', '西安市', '深圳市'])}${pick(['建工', '物流', '商贸', '果业'])}有限公司` : null);
      if (status === 'outflow' && random() < 0.97) {
        const region = weighted(DESTINATIONS);
        push(e, 'member', id);
        push(e, 'started', iso(TODAY_MS - int(30, 12 * 365) * DAY_MS));
        push(e, 'region', region);
        push(e, 'place', `${region} 某街道某号`);
        push(e, 'reason', weighted(REASONS));
        push(e, 'host', hostByRegion.has(region) && random() < 0.5 ? hostByRegion.get(region)! : null);
      }
    }
    const p = (values: (string | number | null)[]) => sql.param(values);
    await db.execute(sql`
      INSERT INTO members (id, org_id, name, id_number_cipher, id_number_hash, id_number_masked, gender, birth_date, phone, status,
                           occupation, industry, skills, joined_party_on, last_contact_on, work_unit)
      SELECT id::uuid, org, name, decode(cipher, 'hex'), decode(hash, 'hex'), masked, gender::gender, birth::date, phone,
             status::member_status, occupation, industry, CASE WHEN skills = '' THEN '{}'::text[] ELSE string_to_array(skills, '|') END,
             joined::date, contact::date, unit
      FROM unnest(${p(m.id)}::text[], ${p(m.org)}::int[], ${p(m.name)}::text[], ${p(m.cipher)}::text[], ${p(m.hash)}::text[],
                  ${p(m.masked)}::text[], ${p(m.gender)}::text[], ${p(m.birth)}::text[], ${p(m.phone)}::text[], ${p(m.status)}::text[],
                  ${p(m.occupation)}::text[], ${p(m.industry)}::text[], ${p(m.skills)}::text[], ${p(m.joined)}::text[],
                  ${p(m.contact)}::text[], ${p(m.unit)}::text[])
        AS input(id, org, name, cipher, hash, masked, gender, birth, phone, status, occupation, industry, skills, joined, contact, unit)`);
    if (e.member?.length) {
      await db.execute(sql`
        INSERT INTO outflow_episodes (member_id, started_on, region_code, place, reason, host_org_id)
        SELECT member::uuid, started::date, region, place, reason::outflow_reason, host
        FROM unnest(${p(e.member)}::text[], ${p(e.started)}::text[], ${p(e.region)}::text[], ${p(e.place)}::text[],
                    ${p(e.reason)}::text[], ${p(e.host)}::int[]) AS input(member, started, region, place, reason, host)`);
    }
    if ((start / CHUNK) % 10 === 9) process.stdout.write(`  … ${(start + CHUNK).toLocaleString('en')} members, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
}

// ---------------------------------------------------------------------------------------

const cpus = os.cpus();
await runMigrations();
const db = getDb();
const [{ version }] = await queryRows<{ version: string }>(db, sql`SELECT current_setting('server_version') AS version`);
console.log(`machine: ${cpus[0]?.model ?? 'cpu'} × ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; Node ${process.version}; PostgreSQL ${version}`);

const [existing] = await queryRows<{ members: number; root: string | null }>(
  db,
  sql`SELECT (SELECT count(*)::int FROM members) AS members, (SELECT name FROM orgs WHERE parent_id IS NULL LIMIT 1) AS root`,
);
let reuse = existing.members === SIZE && existing.root === ROOT_NAME;
if (reuse) {
  try {
    await verifyKeyFingerprints(db);
  } catch {
    reuse = false; // encrypted with another key folder: load afresh
  }
}
if (!reuse) {
  console.log(`seeding ${SIZE.toLocaleString('en')} members …`);
  const t0 = performance.now();
  await db.execute(sql.raw('TRUNCATE orgs, members, outflow_episodes, users, sessions, key_fingerprints RESTART IDENTITY CASCADE'));
  await verifyKeyFingerprints(db);
  const tree = await seedOrgs(db);
  await seedMembers(db, tree, SIZE);
  const loaded = performance.now() - t0;
  await db.execute(sql`VACUUM ANALYZE members`);
  await db.execute(sql`VACUUM ANALYZE outflow_episodes`);
  await db.execute(sql`ANALYZE orgs`);
  console.log(`seeded in ${(loaded / 1000).toFixed(1)} s (+ VACUUM ANALYZE ${((performance.now() - t0 - loaded) / 1000).toFixed(1)} s)`);
} else {
  console.log('reusing the bench data already in the database');
  // A migration may just have added indexes (expression indexes have statistics only after
  // ANALYZE) or rewritten rows (index-only scans need the visibility map that VACUUM sets).
  await db.execute(sql`VACUUM ANALYZE members`);
  await db.execute(sql`VACUUM ANALYZE outflow_episodes`);
}

// Indexes an earlier version of this bench created outside the schema: a reused database must not keep them.
for (const name of ['members_name_id_idx', 'members_last_contact_id_idx', 'members_joined_id_idx', 'outflow_episodes_open_host_idx']) await db.execute(sql.raw(`DROP INDEX IF EXISTS ${name}`));

const orgRows = await queryRows<{ id: number; path: string; type: string; parent_id: number | null; members: number }>(
  db,
  sql`SELECT o.id, o.path::text AS path, o.type::text AS type, o.parent_id, (SELECT count(*)::int FROM members m WHERE m.org_id = o.id) AS members FROM orgs o ORDER BY o.id`,
);
const [sizes] = await queryRows<{ members: number; episodes: number; orgs: number; bytes: string }>(
  db,
  sql`SELECT (SELECT count(*)::int FROM members) AS members, (SELECT count(*)::int FROM outflow_episodes) AS episodes, (SELECT count(*)::int FROM orgs) AS orgs,
             pg_size_pretty(pg_total_relation_size('members') + pg_total_relation_size('outflow_episodes')) AS bytes`,
);
console.log(`data: ${sizes.members.toLocaleString('en')} members, ${sizes.episodes.toLocaleString('en')} outflow episodes, ${sizes.orgs.toLocaleString('en')} orgs; members + episodes with indexes ${sizes.bytes}`);

const rootOrg = orgRows.find((org) => org.parent_id === null)!;
const committeeOrg = orgRows.find((org) => org.parent_id === rootOrg.id && org.type === 'party_committee')!;
const branchesBySize = orgRows.filter((org) => org.type === 'branch').sort((a, b) => a.members - b.members);
const branchOrg = branchesBySize[Math.floor(branchesBySize.length / 2)];
const hostOrg = orgRows.find((org) => org.type === 'host')!;
const viewer = (org: { id: number; path: string }, tier: Viewer['tier'], capabilities: Viewer['capabilities']): Viewer => ({ userId: randomUUID(), tier, orgId: org.id, scopePath: org.path, capabilities });
const county = viewer(rootOrg, 'county_admin', ['archive', 'pii_reveal']);
const committee = viewer(committeeOrg, 'org_admin', ['archive']);
const branch = viewer(branchOrg, 'org_admin', ['archive']);
const host = viewer(hostOrg, 'host_admin', ['org_life']);

const sample = await queryRows<{ id: string; name: string }>(db, sql`SELECT id::text AS id, name FROM members TABLESAMPLE SYSTEM (1) LIMIT ${RUNS}`);
const byName: MemberListFilter = { sort: 'name' };
const filtered: MemberListFilter = { sort: 'name', status: 'outflow', province: '44', skill: '驾驶' };
const list = (v: Viewer, filter: MemberListFilter) => () => listMembers(db, { viewer: v, filter });

if (EXPLAIN) {
  for (const [label, v, filter] of [['county, default', county, byName], ['committee, default', committee, byName], ['branch, default', branch, byName], ['county, 张伟', county, { sort: 'name', q: '张伟' }], ['county, 张', county, { sort: 'name', q: '张' }], ['host, default', host, byName], ['county, status + province + skill', county, filtered]] as const) {
    const built = await memberListQuery(db, { viewer: v, filter });
    const plan = await queryRows<{ 'QUERY PLAN': string }>(db, sql`EXPLAIN (ANALYZE, BUFFERS) ${built!.query.getSQL()}`);
    console.log(`EXPLAIN ANALYZE — ${label}:\n${plan.map((row) => `    ${row['QUERY PLAN']}`).join('\n')}`);
  }
}

console.log(`data layer (listMembers / countMembers / readMemberRecord on PostgreSQL, one connection at a time; branch = ${branchOrg.members} members, committee = ${orgRows.filter((org) => org.path.startsWith(`${committeeOrg.path}.`)).reduce((sum, org) => sum + org.members, 0).toLocaleString('en')}):`);
// The floor: one round trip through the same driver and pool, so the figures below can be read as
// this plus the query's own work (on a shared 2-vCPU VM the floor's p95 is most of the tail).
await time('floor: SELECT 1 through the same connection pool', () => db.execute(sql`SELECT 1`));
await time('list, county, first page by name', list(county, byName));
await time('list, county, random later page (keyset after a sampled row)', (i) => listMembers(db, { viewer: county, filter: byName, page: { after: { key: sample[i % sample.length].name, id: sample[i % sample.length].id } } }));
await time('list, committee, first page by name', list(committee, byName));
await time('list, branch, first page by name', list(branch, byName));
await time('list, county, by last contact (longest first)', list(county, { sort: 'lastContact' }));
await time('list, host admin, first page', list(host, byName));
await time('list, county, status + province + skill', list(county, filtered));
await time("list, county, name search '张伟' (bigram GIN)", list(county, { sort: 'name', q: '张伟' }));
await time("list, county, name search '张' (prefix)", list(county, { sort: 'name', q: '张' }));
await time('count, county, all', () => countMembers(db, { viewer: county, filter: byName }), 50);
await time('count, committee, all', () => countMembers(db, { viewer: committee, filter: byName }));
await time('count, branch, all', () => countMembers(db, { viewer: branch, filter: byName }));
await time('count, county, status + province + skill', () => countMembers(db, { viewer: county, filter: filtered }), 50);
await time("count, county, '张伟'", () => countMembers(db, { viewer: county, filter: { sort: 'name', q: '张伟' } }));
await time('detail, readMemberRecord by id (decrypts)', (i) => readMemberRecord(db, sample[i % sample.length].id));
await time('detail page, findMemberForViewer (county; scope, record, episodes, contacts, history)', (i) => findMemberForViewer({ viewer: county, memberId: sample[i % sample.length].id }));
// Flow lifecycle (issue 5): the overview counts every open episode of the subtree; the transfer
// suggestions and the members without 报到 walk them too.
await time('flow overview, county (away by province, 报到, certificates, letters)', () => readFlowOverview(db, county), 50);
await time('flow overview, committee', () => readFlowOverview(db, committee));
await time('flow overview, branch', () => readFlowOverview(db, branch));
await time('transfers, county, suggested (away 6+ months), first page', () => listTransfers(db, { viewer: county, tab: 'suggested' }), 50);
await time('flow overview, county, away without 报到, first page', () => listUnregistered(db, county), 50);
// 临时党支部 proposal: the cities where the subtree's members are away, then those in one city.
const places = await listCandidatePlaces(db, committee);
await time('临时党支部, county, cities with members away (propose tab)', () => listCandidatePlaces(db, county), 50);
await time('临时党支部, committee, cities with members away', () => listCandidatePlaces(db, committee));
if (places[0]) await time(`临时党支部, committee, members away in the busiest city (${places[0].members})`, () => listCandidates(db, committee, places[0].key));

if (WITH_HTTP) {
  if (!fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) throw new Error('run `npm run build` first');
  const [user] = await db
    .insert(users)
    .values({ username: `bench-${Date.now()}`, displayName: '性能测试管理员', tier: 'county_admin', orgId: rootOrg.id, capabilities: ['archive'], passwordHash: 'not-a-login', passwordChangedAt: new Date() })
    .returning();
  const sid = await createSession(db, { user, ip: '127.0.0.1', userAgent: 'bench' });
  const cookieName = 'authjs.session-token';
  const cookie = `${cookieName}=${await encode({ token: { sub: user.id, sid }, secret: secrets().sessionSecret, salt: cookieName })}`;
  const { server } = await startServer({ port: PORT, env: { ...process.env, NODE_ENV: 'production', PORT: String(PORT) } });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    const pages = [
      ['/privacy (trivial page)', '/privacy'],
      ['/admin/members (county, default)', '/admin/members'],
      ['/admin/members status + province + skill', `/admin/members?status=outflow&province=44&skill=${encodeURIComponent('驾驶')}`],
      ["/admin/members?q=张伟", `/admin/members?q=${encodeURIComponent('张伟')}`],
      ['/admin/members/[id] (detail)', `/admin/members/${sample[0].id}`],
    ] as const;
    for (const [, pathname] of pages) {
      const { status } = await timedGet(`${base}${pathname}`, { cookie });
      if (status !== 200) throw new Error(`${pathname} answered ${status}: is the session cookie accepted?`);
      await load(`${base}${pathname}`, { requests: 20, concurrency: 2, cookie }); // warm-up
    }
    for (const concurrency of [1, 10]) {
      console.log(`HTTP, ${concurrency} concurrent client(s), next start on the same PostgreSQL (whole response, the list's count streamed in last; first byte = the rows):`);
      for (const [label, pathname] of pages) {
        // No deadline: at 1M members a count is slow, and every page gets its 200 requests.
        const s = await load(`${base}${pathname}`, { requests: 200, concurrency, cookie, maxSeconds: Infinity });
        console.log(
          `  ${label.padEnd(42)} p50 ${String(s.p50).padStart(7)} ms  p95 ${String(s.p95).padStart(7)} ms  first byte p50 ${String(s.firstByteP50).padStart(7)} ms  p95 ${String(s.firstByteP95).padStart(7)} ms  ${String(s.rps).padStart(5)} req/s  (${s.requests} ok, ${s.errors} errors)`,
        );
      }
    }
  } finally {
    await stopServer(server);
  }
}
await closeDb();
process.exit(0);
