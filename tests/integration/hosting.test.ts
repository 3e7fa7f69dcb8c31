import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { hostFeedback, hostRegistrations, members, outflowEpisodes, users } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { ActionState } from '@/lib/actions/action-state';
import { settleAuditWrites } from '@/lib/audit/audit';
import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';
import { issueCertificate } from '@/lib/flow/certificates';
import { acceptRegistration, declineRegistration, fileFeedback, fileRegistration } from '@/lib/flow/hosting';
import { listHostQueue, listMemberFeedback, listMemberRegistrations, listPlacements } from '@/lib/flow/hosting-queries';
import { openOutflowForMember, recordReturnHome } from '@/lib/flow/workflow';
import { messages } from '@/lib/i18n/messages';
import { findMemberForViewer } from '@/lib/members/detail-queries';
import { HOST_FIELDS } from '@/lib/members/field-policy';
import { listMembers } from '@/lib/members/list-queries';
import { listNotifications } from '@/lib/notifications/queries';
import { insertOrg } from '@/lib/orgs/queries';
import { decryptPii } from '@/lib/security/pii';
import { LocalDiskStore } from '@/lib/storage/file-store';
import { bytes, JPEG_EOI, JPEG_SOI, jpegSegment } from '../support/bytes';

// 报到 at the host and the host's 表现反馈 on a real database (PGlite, and PostgreSQL when
// configured): the member away reports to a host of the deployment (or records one outside it);
// the host's admin accepts — placing the member, which makes the host see the member with the
// host fields only — or declines with a reason; the host files a yearly 表现反馈 the home branch
// reads; returning home ends the 报到 and the host's view of the member.

type OrgRow = { id: number; path: string; type: string; parentId: number | null; name: string };
type MemberViewer = Viewer & { memberId: string };

// 12:00 in Beijing on 2026-06-15.
const NOW = new Date('2026-06-15T04:00:00Z');
const TODAY = '2026-06-15';
const IP = '198.51.100.21';
const LEAVES_ON = '2026-04-01';

const h = messages.flow.hosting;
const e = h.errors;
const FORBIDDEN = messages.actions.forbidden;
const INVALID = messages.actions.invalid;

let db: Database;
let store: LocalDiskStore;
let allOrgs: OrgRow[];
let root: OrgRow;
let branch: OrgRow;
let committee: OrgRow;
let host: OrgRow; // 深圳宝安 host-sz-1, the seed's 'host' admin
let hostChild: OrgRow; // a 支部 under host-sz-1, made for these tests
let otherHost: OrgRow;
let county: Viewer;

const ctx = (viewer: Viewer | null, now: Date = NOW) => ({ viewer, ip: IP, now });
const orgById = (id: number) => allOrgs.find((org) => org.id === id)!;
const within = (org: OrgRow, top: OrgRow) => org.path === top.path || org.path.startsWith(`${top.path}.`);

const photo = () => ({
  name: '证件照.jpg',
  bytes: bytes(
    JPEG_SOI,
    jpegSegment(0xe0, 'JFIF\0', [1, 2, 1, 0, 72, 0, 72, 0, 0]),
    jpegSegment(0xdb, [0x00], Array.from({ length: 64 }, (_, i) => i + 1)),
    jpegSegment(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]),
    jpegSegment(0xc4, [0x00, 1, ...new Array(15).fill(0), 0x00]),
    jpegSegment(0xda, [1, 1, 0x00, 0, 63, 0]),
    [0x12, 0xff, 0x00, 0x34, 0xa5, 0x56, 0x78, 0x9a],
    JPEG_EOI,
  ),
});

async function adminViewer(org: OrgRow, capabilities: Capability[] = ['archive'], tier: Tier = org.parentId === null ? 'county_admin' : 'org_admin'): Promise<Viewer> {
  const displayName = `测试管理员${Math.random().toString(36).slice(2, 8)}`;
  const [user] = await db
    .insert(users)
    .values({ username: `t${Math.random().toString(36).slice(2, 12)}`, displayName, tier, orgId: org.id, capabilities })
    .returning({ id: users.id });
  return { userId: user.id, tier, orgId: org.id, scopePath: org.path, capabilities, displayName };
}

const hostAdminOf = (org: OrgRow, capabilities: Capability[] = ['org_life']) => adminViewer(org, capabilities, 'host_admin');

/**
 * A seeded member of a branch in `top`'s subtree given an account: 在册, never away (no journey at
 * all, hence no host), and not used by another test.
 */
async function memberViewer(top: OrgRow = committee): Promise<MemberViewer> {
  const [row] = await db
    .select({ id: members.id, name: members.name, orgId: members.orgId })
    .from(members)
    .leftJoin(users, eq(users.memberId, members.id))
    .where(
      and(
        sql`${members.orgId} IN (SELECT o.id FROM orgs o WHERE o.path <@ ${top.path}::ltree)`,
        isNull(users.id),
        eq(members.status, 'registered'),
        sql`NOT EXISTS (SELECT 1 FROM outflow_episodes e WHERE e.member_id = ${members.id})`,
      ),
    )
    .orderBy(asc(members.name), asc(members.id))
    .limit(1);
  if (!row) throw new Error(`no member left under org ${top.id}`);
  const org = orgById(row.orgId);
  const [user] = await db.insert(users).values({ memberId: row.id, displayName: row.name, tier: 'member', orgId: org.id }).returning({ id: users.id });
  return { userId: user.id, tier: 'member', orgId: org.id, scopePath: org.path, capabilities: [], memberId: row.id, displayName: row.name };
}

/** The member's own org (支部), as a row. */
const homeOf = (member: MemberViewer) => orgById(member.orgId!);

function ok(state: ActionState, what: string): void {
  if (state.status !== 'success') throw new Error(`${what}: ${JSON.stringify(state)}`);
}

/** A member the county has recorded away (流出中) since `leavesOn`. */
async function awayMember(leavesOn: string = LEAVES_ON, top: OrgRow = committee, now: Date = NOW): Promise<MemberViewer> {
  const member = await memberViewer(top);
  const plan = { region: '广东省深圳市宝安区', place: '宝安区西乡街道某电子厂', reason: 'work', leavesOn, expectedMonths: '12' };
  ok(await openOutflowForMember(db, ctx(county, now), { memberId: member.memberId, ...plan }), 'open outflow');
  return member;
}

const report = (overrides: Record<string, unknown> = {}) => ({ where: 'host', hostOrgId: String(host.id), reportedOn: '2026-04-10', ...overrides });

/** The member's registrations, oldest first. */
const registrationsOf = (memberId: string) => db.select().from(hostRegistrations).where(eq(hostRegistrations.memberId, memberId)).orderBy(asc(hostRegistrations.createdAt), asc(hostRegistrations.id));

async function registerOk(member: MemberViewer, overrides: Record<string, unknown> = {}): Promise<string> {
  ok(await fileRegistration(db, ctx(member), report(overrides)), 'file registration');
  const rows = await registrationsOf(member.memberId);
  return rows.at(-1)!.id;
}

async function acceptOk(viewer: Viewer, registrationId: string, placedOrgId: number = host.id, certificateChecked = false, now: Date = NOW): Promise<void> {
  ok(await acceptRegistration(db, ctx(viewer, now), { registrationId, placedOrgId, certificateChecked }), 'accept');
}

const registrationRow = async (id: string) => (await db.select().from(hostRegistrations).where(eq(hostRegistrations.id, id)))[0];
const memberRow = async (memberId: string) => (await db.select().from(members).where(eq(members.id, memberId)))[0];
const openEpisodeOf = async (memberId: string) =>
  (await db.select().from(outflowEpisodes).where(and(eq(outflowEpisodes.memberId, memberId), isNull(outflowEpisodes.endedOn))))[0] ?? null;
const feedbackOf = (memberId: string) => db.select().from(hostFeedback).where(eq(hostFeedback.memberId, memberId)).orderBy(asc(hostFeedback.year));
const notificationsOf = async (memberId: string) => (await listNotifications(db, { memberId })).items.map(({ title, body, link }) => ({ title, body, link }));

/** Everything a refused or invalid act must leave as it was. */
async function snapshot(memberId: string) {
  return {
    member: await memberRow(memberId),
    episode: await openEpisodeOf(memberId),
    registrations: await registrationsOf(memberId),
    feedback: await feedbackOf(memberId),
    notifications: await notificationsOf(memberId),
  };
}

async function lastAuditId(): Promise<number> {
  await settleAuditWrites();
  const [{ id }] = await queryRows<{ id: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS id FROM audit_log`);
  return id;
}

async function auditAfter(id: number) {
  await settleAuditWrites();
  return queryRows<{ action: string; outcome: string; entity_id: string | null; org_id: number | null; actor_user_id: string | null; detail: Record<string, unknown> }>(
    db,
    sql`SELECT action, outcome::text AS outcome, entity_id, org_id, actor_user_id::text AS actor_user_id, detail FROM audit_log WHERE id > ${id} ORDER BY id`,
  );
}

/** The member ids in the viewer's member list (all of it: one big page). */
async function listedIds(viewer: Viewer): Promise<string[]> {
  const result = await listMembers(db, { viewer, filter: { sort: 'name' }, today: TODAY, limit: 2000 });
  return result.rows.map((row) => row.id);
}

const feedback = (overrides: Record<string, unknown> = {}) => ({ year: '2026', rating: 'good', content: '按时参加支部组织生活，积极参与志愿服务活动。', ...overrides });

beforeAll(async () => {
  db = getDb();
  store = new LocalDiskStore(fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-hosting-')));
  await seedDemoCounty(db, { memberCount: 400 });
  const load = async () =>
    (allOrgs = await queryRows<OrgRow>(db, sql`SELECT id, path::text AS path, type::text AS type, parent_id AS "parentId", name FROM orgs ORDER BY id`));
  await load();
  const orgOf = async (username: string) => {
    const [admin] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, username));
    return allOrgs.find((org) => org.id === admin.orgId)!;
  };
  root = allOrgs.find((org) => org.parentId === null)!;
  branch = await orgOf('branch');
  committee = await orgOf('committee');
  host = allOrgs.find((org) => org.name === '中共深圳市宝安区清源籍流动党员党支部')!;
  otherHost = allOrgs.find((org) => org.type === 'host' && org.id !== host.id)!;
  const child = await insertOrg(db, { parentId: host.id, name: '宝安区西乡街道清源籍流动党员党小组', type: 'party_group' });
  await load();
  hostChild = allOrgs.find((org) => org.id === child.id)!;
  expect(host.type).toBe('host');
  expect(host.parentId).toBe(root.id);
  expect(within(hostChild, host)).toBe(true);
  expect(within(branch, committee)).toBe(true);
  expect(within(host, committee)).toBe(false);
  county = await adminViewer(root);
}, 120_000);

describe('filing a 报到', () => {
  it('files a pending 报到 at a host of the deployment, audited; a second while it is pending is refused', async () => {
    const member = await awayMember();
    const episode = await openEpisodeOf(member.memberId);
    const before = await lastAuditId();

    const filed = await fileRegistration(db, ctx(member), report({ reportedOn: ' 2026-04-10 ' }));
    expect(filed).toEqual({ status: 'success', message: h.results.filed });
    const [row] = await registrationsOf(member.memberId);
    expect(row).toMatchObject({
      memberId: member.memberId,
      episodeId: episode!.id,
      hostOrgId: host.id,
      outsideOrgName: null,
      outsideContact: null,
      reportedOn: '2026-04-10',
      status: 'pending',
      placedOrgId: null,
      decidedBy: null,
      decidedAt: null,
    });
    expect(row.createdAt).toEqual(NOW);
    expect(await auditAfter(before)).toEqual([
      {
        action: 'hosting.register',
        outcome: 'success',
        entity_id: member.memberId,
        org_id: member.orgId,
        actor_user_id: member.userId,
        detail: { registrationId: row.id, hostOrgId: host.id, outsideOrgName: null, reportedOn: '2026-04-10', status: 'pending' },
      },
    ]);
    // The member's own list and the host's queue show it, waiting; the member is not placed yet.
    expect(await listMemberRegistrations(db, member.memberId)).toEqual([
      { id: row.id, status: 'pending', hostName: host.name, outsideOrgName: null, outsideContact: null, placedName: null, reportedOn: '2026-04-10', decisionNote: null },
    ]);
    const queue = await listHostQueue(db, await hostAdminOf(host), 'pending');
    expect(queue.find((item) => item.id === row.id)).toMatchObject({ memberId: member.memberId, memberName: member.displayName, homeBranchName: homeOf(member).name, certificate: null, feedbackYears: [] });
    expect((await memberRow(member.memberId)).hostOrgId).toBeNull();

    // A second one while the first waits — to the same host or another — is refused.
    const afterFirst = await snapshot(member.memberId);
    expect(await fileRegistration(db, ctx(member), report())).toEqual({ status: 'failed', message: e.alreadyRegistered });
    expect(await fileRegistration(db, ctx(member), report({ hostOrgId: String(otherHost.id) }))).toEqual({ status: 'failed', message: e.alreadyRegistered });
    expect(await fileRegistration(db, ctx(member), { where: 'outside', outsideOrgName: '中共广州市天河区某公司支部', outsideContact: '王书记 13800138000', reportedOn: '2026-04-12' })).toEqual({
      status: 'failed',
      message: e.alreadyRegistered,
    });
    expect(await snapshot(member.memberId)).toEqual(afterFirst);
  });

  it('refuses a member who is not away, a host that is not one, bad days and callers who are not members', async () => {
    const home = await memberViewer();
    expect(await fileRegistration(db, ctx(home), report())).toEqual({ status: 'failed', message: e.notAway });
    expect(await registrationsOf(home.memberId)).toEqual([]);

    const member = await awayMember();
    const before = await lastAuditId();
    const cases: [Record<string, unknown>, Record<string, string[]>][] = [
      // A county branch is not a host; an id no org has; no host chosen at all.
      [report({ hostOrgId: String(branch.id) }), { hostOrgId: [e.hostNotFound] }],
      [report({ hostOrgId: String(root.id) }), { hostOrgId: [e.hostNotFound] }],
      [report({ hostOrgId: '999999' }), { hostOrgId: [e.hostNotFound] }],
      [report({ hostOrgId: '' }), { hostOrgId: [e.hostOrg] }],
      [report({ hostOrgId: 'abc' }), { hostOrgId: [e.hostOrg] }],
      [report({ where: '' }), { hostOrgId: [e.hostOrg] }],
      // Before the journey began, in the future, not a day.
      [report({ reportedOn: '2026-03-31' }), { reportedOn: [e.reportedBeforeLeaving] }],
      [report({ reportedOn: '2026-06-16' }), { reportedOn: [e.reportedOnFuture] }],
      [report({ reportedOn: '2026-02-30' }), { reportedOn: [e.reportedOn] }],
      [report({ reportedOn: '' }), { reportedOn: [e.reportedOn] }],
      // Outside the deployment: a name and a contact are needed.
      [{ where: 'outside', outsideOrgName: '党', outsideContact: '王', reportedOn: '2026-04-10' }, { outsideOrgName: [e.outsideOrgName], outsideContact: [e.outsideContact] }],
    ];
    for (const [raw, fieldErrors] of cases) {
      expect(await fileRegistration(db, ctx(member), raw), JSON.stringify(raw)).toEqual({ status: 'invalid', message: INVALID, fieldErrors });
    }
    // A dissolved host is not offered any more.
    const dissolved = await insertOrg(db, { parentId: root.id, name: '已撤销的流入地党组织', type: 'host' });
    await db.execute(sql`UPDATE orgs SET dissolved_at = ${NOW.toISOString()}::timestamptz WHERE id = ${dissolved.id}`);
    expect(await fileRegistration(db, ctx(member), report({ hostOrgId: String(dissolved.id) }))).toEqual({ status: 'invalid', message: INVALID, fieldErrors: { hostOrgId: [e.hostNotFound] } });
    // Today and the journey's first day are fine (checked with the 'outside' kind below).
    expect(await registrationsOf(member.memberId)).toEqual([]);

    // Only the member files: not an admin, not a host admin, not nobody.
    for (const viewer of [county, await hostAdminOf(host), null]) {
      expect(await fileRegistration(db, ctx(viewer), report())).toEqual({ status: 'forbidden', message: FORBIDDEN });
    }
    expect(await registrationsOf(member.memberId)).toEqual([]);
    expect((await auditAfter(before)).filter((row) => row.outcome === 'success')).toEqual([]);
  });

  it('records a 报到 outside the deployment at once, status outside', async () => {
    const member = await awayMember();
    const before = await lastAuditId();
    const raw = { where: 'outside', outsideOrgName: ' 中共广州市天河区某公司支部 ', outsideContact: '王书记 13800138000', reportedOn: LEAVES_ON, hostOrgId: String(host.id) };
    expect(await fileRegistration(db, ctx(member), raw)).toEqual({ status: 'success', message: h.results.recorded });
    const [row] = await registrationsOf(member.memberId);
    expect(row).toMatchObject({ hostOrgId: null, outsideOrgName: '中共广州市天河区某公司支部', outsideContact: '王书记 13800138000', reportedOn: LEAVES_ON, status: 'outside' });
    const [audit] = await auditAfter(before);
    expect(audit).toMatchObject({ action: 'hosting.register', outcome: 'success', detail: { registrationId: row.id, hostOrgId: null, outsideOrgName: '中共广州市天河区某公司支部', status: 'outside' } });
    // The host never sees it; a second one is refused (one live 报到 a journey).
    expect((await listHostQueue(db, county, 'pending')).some((item) => item.id === row.id)).toBe(false);
    expect(await fileRegistration(db, ctx(member), report({ reportedOn: TODAY }))).toEqual({ status: 'failed', message: e.alreadyRegistered });
    expect((await memberRow(member.memberId)).hostOrgId).toBeNull();
  });
});

describe('accepting', () => {
  it('places the member: the episode’s host is set, the host admin sees the member with host fields only, the member is told', async () => {
    const member = await awayMember();
    const id = await registerOk(member);
    const hostAdmin = await hostAdminOf(host);
    // Pending is not placed: the host admin does not see the member yet.
    expect(await findMemberForViewer({ viewer: hostAdmin, memberId: member.memberId })).toBeNull();
    expect(await listedIds(hostAdmin)).not.toContain(member.memberId);
    expect(await listPlacements(db, hostAdmin)).toEqual([
      { id: host.id, name: host.name, hostId: host.id },
      { id: hostChild.id, name: hostChild.name, hostId: host.id },
    ]);
    const before = await lastAuditId();

    expect(await acceptRegistration(db, ctx(hostAdmin), { registrationId: id, placedOrgId: hostChild.id, certificateChecked: false })).toEqual({ status: 'success', message: h.results.accepted });
    const row = await registrationRow(id);
    expect(row).toMatchObject({ status: 'accepted', placedOrgId: hostChild.id, certificateChecked: false, decidedBy: hostAdmin.userId });
    expect(row.decidedAt).toEqual(NOW);
    expect((await openEpisodeOf(member.memberId))!.hostOrgId).toBe(hostChild.id);
    expect((await memberRow(member.memberId)).hostOrgId).toBe(hostChild.id);
    expect(await auditAfter(before)).toEqual([
      {
        action: 'hosting.accept',
        outcome: 'success',
        entity_id: member.memberId,
        org_id: member.orgId,
        actor_user_id: hostAdmin.userId,
        detail: { registrationId: id, placedOrgId: hostChild.id, certificateId: null },
      },
    ]);
    expect((await notificationsOf(member.memberId))[0]).toEqual({
      title: messages.flow.notifications.registrationAcceptedTitle,
      body: messages.flow.notifications.registrationAcceptedBody(hostChild.name),
      link: '/flow',
    });

    // The host admin now reads the record — as the host, with the host fields and nothing else.
    const detail = await findMemberForViewer({ viewer: hostAdmin, memberId: member.memberId });
    expect(detail).not.toBeNull();
    expect(detail!).toMatchObject({ id: member.memberId, access: 'host', canEdit: false, orgId: member.orgId, orgName: homeOf(member).name, contactPerson: null, lastContactOn: null, groupName: null });
    expect(detail!.fields.map((field) => field.field)).toEqual(HOST_FIELDS);
    for (const hidden of ['idNumber', 'monthlyIncome', 'duesCategory', 'birthDate', 'workUnit', 'emergencyContactPhone', 'familySituation', 'lastContactOn', 'contactPerson'] as const) {
      expect(HOST_FIELDS).not.toContain(hidden);
    }
    expect(detail!.fields.every((field) => field.display === 'plain')).toBe(true);
    expect(detail!.contacts.items).toEqual([]);
    expect(detail!.history.items).toEqual([]);
    expect(detail!.outflows.map((outflow) => outflow.hostOrgName)).toEqual([hostChild.name]);
    // Neither the ID number nor its masked form is anywhere in what the host admin gets.
    const [secret] = await db.select({ cipher: members.idNumberCipher, masked: members.idNumberMasked }).from(members).where(eq(members.id, member.memberId));
    const idNumber = decryptPii(secret.cipher, 'member.id_number');
    const sent = JSON.stringify(detail);
    expect(sent).not.toContain(idNumber);
    expect(sent).not.toContain(secret.masked);
    // The member list of the host admin includes the member, without the archive-only columns.
    const list = await listMembers(db, { viewer: hostAdmin, filter: { sort: 'name' }, today: TODAY, limit: 2000 });
    const listed = list.rows.find((item) => item.id === member.memberId);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('idNumberMasked');
    expect(listed).not.toHaveProperty('lastContactOn');
    // Another host's admin does not.
    const otherAdmin = await hostAdminOf(otherHost);
    expect(await findMemberForViewer({ viewer: otherAdmin, memberId: member.memberId })).toBeNull();
    expect(await listedIds(otherAdmin)).not.toContain(member.memberId);
    // The queue moves it from 待接收 to 在本地; deciding again is refused.
    expect((await listHostQueue(db, hostAdmin, 'pending')).some((item) => item.id === id)).toBe(false);
    expect((await listHostQueue(db, hostAdmin, 'accepted')).find((item) => item.id === id)).toMatchObject({ placedName: hostChild.name, status: 'accepted' });
    expect(await acceptRegistration(db, ctx(hostAdmin), { registrationId: id, placedOrgId: host.id, certificateChecked: false })).toEqual({ status: 'failed', message: e.alreadyDecided });
    expect(await declineRegistration(db, ctx(hostAdmin), { registrationId: id, reason: '不在本地工作' })).toEqual({ status: 'failed', message: e.alreadyDecided });
    expect((await memberRow(member.memberId)).hostOrgId).toBe(hostChild.id);
  });

  it('lets a county archive admin (whose subtree holds the host) accept, placing in the host itself', async () => {
    const member = await awayMember();
    const id = await registerOk(member);
    await acceptOk(county, id, host.id);
    expect((await memberRow(member.memberId)).hostOrgId).toBe(host.id);
    expect(await findMemberForViewer({ viewer: await hostAdminOf(host), memberId: member.memberId })).toMatchObject({ access: 'host' });
  });

  it('refuses a placement outside the host’s subtree', async () => {
    const member = await awayMember();
    const id = await registerOk(member);
    const hostAdmin = await hostAdminOf(host);
    const before = await snapshot(member.memberId);
    const dissolved = await insertOrg(db, { parentId: host.id, name: '已撤销的党小组', type: 'party_group' });
    await db.execute(sql`UPDATE orgs SET dissolved_at = ${NOW.toISOString()}::timestamptz WHERE id = ${dissolved.id}`);
    // Another host, the member's own branch, the root, a dissolved org under the host, no org at all.
    for (const placedOrgId of [otherHost.id, branch.id, root.id, dissolved.id, 999999]) {
      expect(await acceptRegistration(db, ctx(hostAdmin), { registrationId: id, placedOrgId, certificateChecked: true }), String(placedOrgId)).toEqual({
        status: 'invalid',
        message: INVALID,
        fieldErrors: { placedOrgId: [e.placement] },
      });
    }
    // The county may act for every host, but still places inside the registration's host.
    expect(await acceptRegistration(db, ctx(county), { registrationId: id, placedOrgId: otherHost.id, certificateChecked: false })).toEqual({
      status: 'invalid',
      message: INVALID,
      fieldErrors: { placedOrgId: [e.placement] },
    });
    expect(await snapshot(member.memberId)).toEqual(before);
  });

  it('needs the 活动证 checked when the member holds a valid one', async () => {
    const member = await awayMember();
    const issued = await issueCertificate(db, { ...ctx(county), store }, { memberId: member.memberId, issuedOn: '2026-06-10', validUntil: '2026-12-09', photo: photo() });
    ok(issued, 'issue certificate');
    const certificateId = issued.status === 'success' ? issued.data!.certificateId : '';
    const id = await registerOk(member);
    const hostAdmin = await hostAdminOf(host);
    // The queue shows the certificate to check.
    expect((await listHostQueue(db, hostAdmin, 'pending')).find((item) => item.id === id)!.certificate).toEqual({ number: expect.stringMatching(/^〔2026〕\d{4}号$/), validUntil: '2026-12-09' });
    const before = await snapshot(member.memberId);
    expect(await acceptRegistration(db, ctx(hostAdmin), { registrationId: id, placedOrgId: host.id, certificateChecked: false })).toEqual({
      status: 'invalid',
      message: INVALID,
      fieldErrors: { certificateChecked: [e.checkCertificate] },
    });
    expect(await snapshot(member.memberId)).toEqual(before);

    const audit = await lastAuditId();
    await acceptOk(hostAdmin, id, host.id, true);
    expect(await registrationRow(id)).toMatchObject({ status: 'accepted', certificateChecked: true, placedOrgId: host.id });
    expect((await auditAfter(audit))[0]).toMatchObject({ action: 'hosting.accept', detail: { certificateId } });
    expect((await memberRow(member.memberId)).hostOrgId).toBe(host.id);
  });

  it('refuses another host’s admin, admins without the archive or outside the host, members and nobody — changing nothing', async () => {
    const member = await awayMember();
    const id = await registerOk(member);
    const before = await snapshot(member.memberId);
    const auditBefore = await lastAuditId();
    const outOfScope = [await hostAdminOf(otherHost, ['org_life', 'archive']), await adminViewer(committee), await adminViewer(branch)];
    const noArchive = [await adminViewer(root, ['org_life', 'pii_reveal', 'accounts']), await adminViewer(committee, ['content'])];
    const memberOfBranch = await memberViewer(homeOf(member));
    for (const viewer of outOfScope) {
      expect(await acceptRegistration(db, ctx(viewer), { registrationId: id, placedOrgId: host.id, certificateChecked: true })).toEqual({ status: 'forbidden', message: e.outOfScope });
      expect(await declineRegistration(db, ctx(viewer), { registrationId: id, reason: '不在本地工作' })).toEqual({ status: 'forbidden', message: e.outOfScope });
      // Placing in its own subtree does not help.
      expect(await acceptRegistration(db, ctx(viewer), { registrationId: id, placedOrgId: viewer.orgId!, certificateChecked: true })).toEqual({ status: 'forbidden', message: e.outOfScope });
    }
    for (const viewer of [...noArchive, member, memberOfBranch, null]) {
      expect(await acceptRegistration(db, ctx(viewer), { registrationId: id, placedOrgId: host.id, certificateChecked: true })).toEqual({ status: 'forbidden', message: FORBIDDEN });
      expect(await declineRegistration(db, ctx(viewer), { registrationId: id, reason: '不在本地工作' })).toEqual({ status: 'forbidden', message: FORBIDDEN });
    }
    // An id no registration has.
    const hostAdmin = await hostAdminOf(host);
    expect(await acceptRegistration(db, ctx(hostAdmin), { registrationId: '00000000-0000-4000-8000-000000000000', placedOrgId: host.id, certificateChecked: true })).toEqual({
      status: 'forbidden',
      message: e.notFound,
    });
    expect(await snapshot(member.memberId)).toEqual(before);
    expect((await auditAfter(auditBefore)).filter((row) => row.outcome === 'success')).toEqual([]);
    // The other host's queue and placements do not show it.
    expect((await listHostQueue(db, outOfScope[0], 'pending')).some((item) => item.id === id)).toBe(false);
    expect(await listHostQueue(db, noArchive[0], 'pending')).toEqual([]);
    expect(await listPlacements(db, noArchive[0])).toEqual([]);
  });
});

describe('declining', () => {
  it('needs a reason; the member is told and may report again', async () => {
    const member = await awayMember();
    const id = await registerOk(member);
    const hostAdmin = await hostAdminOf(host);
    const before = await snapshot(member.memberId);
    for (const reason of ['', ' ', '短', '理'.repeat(501)]) {
      expect(await declineRegistration(db, ctx(hostAdmin), { registrationId: id, reason })).toEqual({ status: 'invalid', message: INVALID, fieldErrors: { reason: [e.declineReason] } });
    }
    expect(await snapshot(member.memberId)).toEqual(before);

    const audit = await lastAuditId();
    expect(await declineRegistration(db, ctx(hostAdmin), { registrationId: id, reason: ' 该党员不在本区工作，请向龙华区报到 ' })).toEqual({ status: 'success', message: h.results.declined });
    const row = await registrationRow(id);
    expect(row).toMatchObject({ status: 'declined', decisionNote: '该党员不在本区工作，请向龙华区报到', decidedBy: hostAdmin.userId, placedOrgId: null });
    expect(row.decidedAt).toEqual(NOW);
    expect(await auditAfter(audit)).toEqual([
      {
        action: 'hosting.decline',
        outcome: 'success',
        entity_id: member.memberId,
        org_id: member.orgId,
        actor_user_id: hostAdmin.userId,
        detail: { registrationId: id, reason: '该党员不在本区工作，请向龙华区报到' },
      },
    ]);
    expect((await notificationsOf(member.memberId))[0]).toEqual({
      title: messages.flow.notifications.registrationDeclinedTitle,
      body: messages.flow.notifications.registrationDeclinedBody('该党员不在本区工作，请向龙华区报到'),
      link: '/flow',
    });
    expect((await openEpisodeOf(member.memberId))!.hostOrgId).toBeNull();
    expect((await memberRow(member.memberId)).hostOrgId).toBeNull();
    expect(await findMemberForViewer({ viewer: hostAdmin, memberId: member.memberId })).toBeNull();
    expect((await listMemberRegistrations(db, member.memberId))[0]).toMatchObject({ status: 'declined', decisionNote: '该党员不在本区工作，请向龙华区报到' });

    // Filing again — at another host, the next day — goes through.
    expect(await fileRegistration(db, ctx(member, new Date('2026-06-16T04:00:00Z')), report({ hostOrgId: String(otherHost.id), reportedOn: '2026-06-01' }))).toEqual({ status: 'success', message: h.results.filed });
    expect((await registrationsOf(member.memberId)).map((item) => [item.status, item.hostOrgId])).toEqual([
      ['declined', host.id],
      ['pending', otherHost.id],
    ]);
  });
});

describe('表现反馈', () => {
  it('is stored and audited for the accepting host, once a year, and the home side reads it', async () => {
    const member = await awayMember();
    const id = await registerOk(member);
    const hostAdmin = await hostAdminOf(host);
    // Not placed yet: nothing to report on.
    expect(await fileFeedback(db, ctx(hostAdmin), { memberId: member.memberId, ...feedback() })).toEqual({ status: 'forbidden', message: e.notHosted });
    await acceptOk(hostAdmin, id, hostChild.id);

    const before = await lastAuditId();
    expect(await fileFeedback(db, ctx(hostAdmin), { memberId: member.memberId, ...feedback({ content: ' 按时参加支部组织生活，积极参与志愿服务活动。 ' }) })).toEqual({
      status: 'success',
      message: h.results.feedback,
    });
    const [row] = await feedbackOf(member.memberId);
    expect(row).toMatchObject({ memberId: member.memberId, hostOrgId: host.id, year: 2026, rating: 'good', content: '按时参加支部组织生活，积极参与志愿服务活动。', filedBy: hostAdmin.userId });
    expect(await auditAfter(before)).toEqual([
      {
        action: 'hosting.feedback',
        outcome: 'success',
        entity_id: member.memberId,
        org_id: member.orgId,
        actor_user_id: hostAdmin.userId,
        detail: { feedbackId: row.id, hostOrgId: host.id, year: 2026, rating: 'good' },
      },
    ]);
    // A second for the year is refused — by the same admin or another of the host.
    const snap = await snapshot(member.memberId);
    expect(await fileFeedback(db, ctx(hostAdmin), { memberId: member.memberId, ...feedback({ rating: 'excellent' }) })).toEqual({ status: 'failed', message: e.feedbackExists(2026) });
    expect(await fileFeedback(db, ctx(county), { memberId: member.memberId, ...feedback({ rating: 'fair' }) })).toEqual({ status: 'failed', message: e.feedbackExists(2026) });
    // Another host's admin did not place the member.
    expect(await fileFeedback(db, ctx(await hostAdminOf(otherHost)), { memberId: member.memberId, ...feedback({ year: '2025' }) })).toEqual({ status: 'forbidden', message: e.notHosted });
    // The home branch's archive admin does not answer for the host either.
    expect(await fileFeedback(db, ctx(await adminViewer(homeOf(member))), { memberId: member.memberId, ...feedback({ year: '2025' }) })).toEqual({ status: 'forbidden', message: e.notHosted });
    // Not members, not admins without the archive.
    for (const viewer of [member, await adminViewer(root, ['org_life']), null]) {
      expect(await fileFeedback(db, ctx(viewer), { memberId: member.memberId, ...feedback({ year: '2025' }) })).toEqual({ status: 'forbidden', message: FORBIDDEN });
    }
    // Bad input.
    expect(await fileFeedback(db, ctx(hostAdmin), { memberId: member.memberId, year: '2024', rating: 'great', content: '很好' })).toEqual({
      status: 'invalid',
      message: INVALID,
      fieldErrors: { year: [e.feedbackYear(2025, 2026)], rating: [e.rating], content: [e.feedbackContent] },
    });
    expect(await snapshot(member.memberId)).toEqual(snap);

    // Early in the new year, last year's is already in; this year's is not.
    const january = new Date('2027-01-10T04:00:00Z');
    expect(await fileFeedback(db, ctx(hostAdmin, january), { memberId: member.memberId, ...feedback({ year: '2026' }) })).toEqual({ status: 'failed', message: e.feedbackExists(2026) });
    expect(await fileFeedback(db, ctx(hostAdmin, january), { memberId: member.memberId, ...feedback({ year: '2027', rating: 'excellent' }) })).toMatchObject({ status: 'success' });

    // The home side reads it, newest year first; the host's queue knows which years are in.
    expect(await listMemberFeedback(db, member.memberId)).toEqual([
      { id: expect.any(String), hostName: host.name, year: 2027, rating: 'excellent', content: '按时参加支部组织生活，积极参与志愿服务活动。', createdAt: expect.any(Date) },
      { id: row.id, hostName: host.name, year: 2026, rating: 'good', content: '按时参加支部组织生活，积极参与志愿服务活动。', createdAt: expect.any(Date) },
    ]);
    expect((await listHostQueue(db, hostAdmin, 'accepted')).find((item) => item.id === id)!.feedbackYears).toEqual([2026, 2027]);
  });

  it('takes last year’s 反馈 early in the new year for a member placed last year, not for a year before the placement', async () => {
    const november = new Date('2025-11-20T04:00:00Z');
    const member = await awayMember('2025-11-01', committee, november);
    ok(await fileRegistration(db, ctx(member, november), report({ reportedOn: '2025-11-05' })), 'file');
    const [registration] = await registrationsOf(member.memberId);
    const hostAdmin = await hostAdminOf(host);
    await acceptOk(hostAdmin, registration.id, host.id, false, november);
    const january = new Date('2026-01-15T04:00:00Z');
    expect(await fileFeedback(db, ctx(hostAdmin, january), { memberId: member.memberId, ...feedback({ year: '2025', rating: 'fair' }) })).toMatchObject({ status: 'success' });
    expect((await feedbackOf(member.memberId)).map((item) => [item.year, item.rating, item.hostOrgId])).toEqual([[2025, 'fair', host.id]]);

    // A member placed in 2026 has no 2025 at the host.
    const later = await awayMember();
    const laterId = await registerOk(later);
    await acceptOk(hostAdmin, laterId);
    expect(await fileFeedback(db, ctx(hostAdmin), { memberId: later.memberId, ...feedback({ year: '2025' }) })).toEqual({ status: 'forbidden', message: e.notHosted });
    expect(await feedbackOf(later.memberId)).toEqual([]);
  });
});

describe('returning home', () => {
  it('ends the accepted 报到, and the host admin no longer sees the member', async () => {
    const member = await awayMember();
    const id = await registerOk(member);
    const hostAdmin = await hostAdminOf(host);
    await acceptOk(hostAdmin, id);
    expect(await findMemberForViewer({ viewer: hostAdmin, memberId: member.memberId })).toMatchObject({ access: 'host' });

    ok(await recordReturnHome(db, ctx(await adminViewer(homeOf(member))), { memberId: member.memberId, returnedOn: '2026-06-12' }), 'return home');
    expect(await registrationRow(id)).toMatchObject({ status: 'ended', placedOrgId: host.id });
    expect((await memberRow(member.memberId)).hostOrgId).toBeNull();
    expect(await openEpisodeOf(member.memberId)).toBeNull();
    expect(await findMemberForViewer({ viewer: hostAdmin, memberId: member.memberId })).toBeNull();
    expect(await listedIds(hostAdmin)).not.toContain(member.memberId);
    expect((await listHostQueue(db, hostAdmin, 'accepted')).some((item) => item.id === id)).toBe(false);
    expect((await listHostQueue(db, hostAdmin, 'ended')).find((item) => item.id === id)).toMatchObject({ status: 'ended', memberId: member.memberId });
    expect(await acceptRegistration(db, ctx(hostAdmin), { registrationId: id, placedOrgId: host.id, certificateChecked: false })).toEqual({ status: 'failed', message: e.alreadyDecided });
    // The year's 反馈 is still the host's to give: the member was placed there this year.
    expect(await fileFeedback(db, ctx(hostAdmin), { memberId: member.memberId, ...feedback() })).toMatchObject({ status: 'success' });
  });

  it('ends a pending 报到 too, and the member back home cannot report', async () => {
    const member = await awayMember();
    const id = await registerOk(member);
    ok(await recordReturnHome(db, ctx(county), { memberId: member.memberId, returnedOn: TODAY }), 'return home');
    expect(await registrationRow(id)).toMatchObject({ status: 'ended' });
    expect(await fileRegistration(db, ctx(member), report())).toEqual({ status: 'failed', message: e.notAway });
    expect(await acceptRegistration(db, ctx(await hostAdminOf(host)), { registrationId: id, placedOrgId: host.id, certificateChecked: false })).toEqual({ status: 'failed', message: e.alreadyDecided });
  });

  it('does not take a 反馈 for a year after the member left the host (placed 2026, home 2026, 反馈 for 2027)', async () => {
    const member = await awayMember();
    const id = await registerOk(member);
    const hostAdmin = await hostAdminOf(host);
    await acceptOk(hostAdmin, id);
    ok(await recordReturnHome(db, ctx(county), { memberId: member.memberId, returnedOn: '2026-06-12' }), 'return home');
    // In January 2027 the host files for 2027 — a year the member never spent there.
    const january = new Date('2027-01-10T04:00:00Z');
    expect(await fileFeedback(db, ctx(hostAdmin, january), { memberId: member.memberId, ...feedback({ year: '2027' }) })).toEqual({ status: 'forbidden', message: e.notHosted });
    expect(await feedbackOf(member.memberId)).toEqual([]);
  });
});
