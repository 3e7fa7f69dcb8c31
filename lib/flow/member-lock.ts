import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { members, orgs, outflowEpisodes } from '@/db/schema';
import type { MemberStatus } from '@/lib/members/member-status';

// Every flow write (report decisions, journeys, certificates, transfers, 报到) locks the member's
// row first and the record it changes second: one order, so two admins acting on one member wait
// for each other instead of deadlocking.

export type LockedMember = { id: string; orgId: number; path: string; status: MemberStatus; openEpisode: { id: string; startedOn: string } | null };

/** Locks the member row (status changes serialise on it) and reads its open episode. */
export async function lockMember(tx: Executor, memberId: string): Promise<LockedMember | null> {
  const [member] = await tx
    .select({ id: members.id, orgId: members.orgId, path: orgs.path, status: members.status })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, memberId))
    .for('update', { of: members });
  if (!member) return null;
  const [open] = await tx
    .select({ id: outflowEpisodes.id, startedOn: outflowEpisodes.startedOn })
    .from(outflowEpisodes)
    .where(and(eq(outflowEpisodes.memberId, memberId), isNull(outflowEpisodes.endedOn)));
  return { ...member, openEpisode: open ?? null };
}

