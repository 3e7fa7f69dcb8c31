import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { members, orgs, users } from '@/db/schema';
import { issueActivationCode } from '@/lib/auth/activation';
import { CAPABILITIES } from '@/lib/auth/viewer';
import { hashPassword } from '@/lib/auth/passwords';

// Demo accounts of the demo county only (synthetic people). Admins enrol their authenticator
// app at first login. Never used outside the demo seed.
export const DEMO_PASSWORD = 'Qingyuan#2026';
export const DEMO_ACTIVATION_CODE = 'QY26-DEMO';

export type DemoLogins = {
  admins: { username: string; role: string }[];
  member: { phone: string; name: string };
  activation: { memberId: string; name: string; code: string };
};

export async function seedDemoUsers(db: Executor): Promise<DemoLogins> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [root] = await db.select().from(orgs).where(isNull(orgs.parentId));
  const committees = await db.select().from(orgs).where(eq(orgs.parentId, root.id)).orderBy(asc(orgs.id));
  const committee = committees.find((org) => org.type === 'party_committee')!;
  // The demo branch: the first branch of that committee with two members away (流出中).
  const candidates = await db
    .select({ id: members.id, name: members.name, phone: members.phone, orgId: members.orgId })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.status, 'outflow'), sql`${orgs.path} <@ ${committee.path}::ltree`))
    .orderBy(asc(members.orgId), asc(members.name), asc(members.idNumberMasked));
  const branchId = candidates.find((member, index) => candidates[index + 1]?.orgId === member.orgId)?.orgId;
  if (branchId === undefined) throw new Error('the demo county needs a branch with two members away');
  const [branch] = await db.select().from(orgs).where(eq(orgs.id, branchId));
  const [activeMember, pendingMember] = candidates.filter((member) => member.orgId === branchId);

  const [host] = await db.select().from(orgs).where(eq(orgs.type, 'host')).orderBy(asc(orgs.id)).limit(1);
  const admins = [
    { username: 'county', displayName: '县委组织部管理员', tier: 'county_admin' as const, orgId: root.id, capabilities: [...CAPABILITIES], role: `${root.name} · 全部权限` },
    { username: 'committee', displayName: `${committee.name}管理员`, tier: 'org_admin' as const, orgId: committee.id, capabilities: ['archive', 'content', 'org_life', 'cases'], role: `${committee.name} · 档案、内容、组织生活、诉求` },
    { username: 'host', displayName: `${host.name}管理员`, tier: 'host_admin' as const, orgId: host.id, capabilities: ['org_life'], role: `${host.name} · 组织生活（流入地）` },
    { username: 'branch', displayName: `${branch.name}书记`, tier: 'org_admin' as const, orgId: branch.id, capabilities: ['archive', 'org_life', 'dues', 'content'], role: `${branch.name} · 档案、组织生活、党费、内容` },
  ];
  await db.insert(users).values(admins.map(({ role: _role, ...admin }) => ({ ...admin, passwordHash, passwordChangedAt: new Date() })));

  await db.insert(users).values({
    memberId: activeMember.id,
    displayName: activeMember.name,
    tier: 'member',
    orgId: activeMember.orgId,
    passwordHash,
    passwordChangedAt: new Date(),
    consentVersion: '2026-11',
    consentedAt: new Date(),
  });
  await issueActivationCode(db, { memberId: pendingMember.id, issuedBy: null, code: DEMO_ACTIVATION_CODE });

  return {
    admins: admins.map(({ username, role }) => ({ username, role })),
    member: { phone: activeMember.phone!, name: activeMember.name },
    activation: { memberId: pendingMember.id, name: pendingMember.name, code: DEMO_ACTIVATION_CODE },
  };
}
