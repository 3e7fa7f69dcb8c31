import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { memberClaims, members, orgs } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { appendAudit, appendAuditFailure } from '@/lib/audit/audit';
import { hasAccess, orgPathInScope } from '@/lib/auth/access';
import { CONSENT_VERSION, issueActivationCode } from '@/lib/auth/activation';
import type { RequestContext } from '@/lib/auth/login';
import { identifierKey, ipKeys, isThrottled, recordFailure } from '@/lib/auth/throttle';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { bulkInsertMembers } from '@/lib/members/queries';
import { maskIdNumber } from '@/lib/security/masking';
import { decryptPii, encryptPii, piiLookupHash } from '@/lib/security/pii';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { canReceiveClaims, CLAIM_DECIDERS, type ClaimFiling } from './claim-rules';
import { getClaimForDecision } from './queries';

// The "不在库" flow: a person whose name + ID matched no archive files a claim naming their
// branch; an archive keeper of that branch (or above) verifies it (识别: creates the archive and
// issues an activation code) or rejects it. Kept apart from actions.ts so tests can drive it
// with a real database and any viewer.

const t = messages.claims;

export type FilingOutcome = { ok: true } | { ok: false; reason: 'org' | 'throttled' };

/**
 * Files a claim. The caller learns only "filed" (or "too many tries"): whether the ID number is
 * already in the archive or already claimed must not be discoverable here, so those filings are
 * answered the same and create nothing. Every filing counts against the ID number, the phone
 * and (behind a trusted proxy) the IP, so the form cannot be used to flood a branch's queue.
 */
export async function fileClaim(db: Database, input: Omit<ClaimFiling, 'consent'>, context: RequestContext): Promise<FilingOutcome> {
  const now = context.now ?? new Date();
  const [org] = await db.select({ type: orgs.type, dissolvedAt: orgs.dissolvedAt }).from(orgs).where(eq(orgs.id, input.orgId));
  if (!org || !canReceiveClaims(org)) return { ok: false, reason: 'org' };

  const keys = [identifierKey(`claim:${input.idNumber}`), identifierKey(`claim:${input.phone}`), ...ipKeys(context)];
  const refuse = (reason: string) => appendAuditFailure({ actor: null, action: 'claim.file', orgId: input.orgId, ip: context.ip, detail: { reason } });
  if (await isThrottled(db, keys, now)) {
    await refuse('throttled');
    return { ok: false, reason: 'throttled' };
  }
  await recordFailure(db, keys, now);

  const idNumberHash = piiLookupHash(input.idNumber, 'member.id_number');
  const [inArchive] = await db.select({ id: members.id }).from(members).where(eq(members.idNumberHash, idNumberHash));
  if (inArchive) {
    await refuse('already in archive');
    return { ok: true };
  }
  const created = await db.transaction(async (tx) => {
    // The partial unique index keeps one pending claim per ID number; a second filing, even
    // one racing this one, inserts nothing.
    const [claim] = await tx
      .insert(memberClaims)
      .values({
        orgId: input.orgId,
        name: input.name,
        // Same purpose as the archive's column: verification moves the number into a member row.
        idNumberCipher: encryptPii(input.idNumber, 'member.id_number'),
        idNumberHash,
        idNumberMasked: maskIdNumber(input.idNumber),
        phone: input.phone,
        note: input.note,
        consentVersion: CONSENT_VERSION,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: memberClaims.id });
    if (!claim) return false;
    await appendAudit(tx, {
      actor: null,
      action: 'claim.file',
      entityType: 'member_claim',
      entityId: claim.id,
      orgId: input.orgId,
      ip: context.ip,
      outcome: 'success',
      detail: { consentVersion: CONSENT_VERSION },
    });
    return true;
  });
  if (!created) await refuse('already pending');
  return { ok: true };
}

type DecisionContext = { ip: string; now?: Date };

const forbidden = (message: string = t.outOfScope): ActionState => ({ status: 'forbidden', message });
const actorOf = (viewer: Viewer) => ({ userId: viewer.userId, tier: viewer.tier });

type DecidableClaim = NonNullable<Awaited<ReturnType<typeof getClaimForDecision>>>;

/** The claim, if this viewer may decide it: the capability, and the claim's branch in the subtree. */
async function decidableClaim(db: Database, viewer: Viewer | null, claimId: string): Promise<{ claim: DecidableClaim } | { refusal: ActionState }> {
  if (!viewer || !hasAccess(viewer, CLAIM_DECIDERS)) return { refusal: forbidden(messages.actions.forbidden) };
  const claim = await getClaimForDecision(db, claimId);
  if (!claim || !orgPathInScope(viewer, claim.orgPath)) return { refusal: forbidden() };
  if (claim.status !== 'pending') return { refusal: { status: 'failed', message: t.alreadyDecided } };
  return { claim };
}

/**
 * 识别: creates the member's archive in the claimed branch and issues an activation code, as the
 * archive keeper's own "发放激活码" does. The code is returned once, to be handed to the person.
 */
export async function verifyClaim(db: Database, viewer: Viewer | null, claimId: string, context: DecisionContext): Promise<ActionState> {
  const found = await decidableClaim(db, viewer, claimId);
  if ('refusal' in found) return found.refusal;
  const v = viewer!;
  const { claim } = found;
  if (!canReceiveClaims({ type: claim.orgType, dissolvedAt: claim.orgDissolvedAt })) return { status: 'failed', message: t.orgUnavailable };
  const now = context.now ?? new Date();

  const outcome = await db.transaction(async (tx) => {
    const [pending] = await tx
      .select()
      .from(memberClaims)
      .where(and(eq(memberClaims.id, claim.id), eq(memberClaims.status, 'pending')))
      .for('update');
    if (!pending) return { kind: 'decided' } as const;
    // An import or another claim may have created the archive since this claim was filed.
    const [existing] = await tx.select({ id: members.id }).from(members).where(eq(members.idNumberHash, pending.idNumberHash));
    if (existing) return { kind: 'inArchive' } as const;

    await bulkInsertMembers(tx, [
      {
        orgId: pending.orgId,
        groupId: null,
        name: pending.name,
        idNumber: decryptPii(pending.idNumberCipher, 'member.id_number'),
        phone: pending.phone,
        status: 'registered',
        education: null,
        occupation: null,
        industry: null,
        skills: [],
        monthlyIncomeFen: null,
        joinedPartyOn: null,
        outflow: null,
      },
    ]);
    const [member] = await tx.select({ id: members.id }).from(members).where(eq(members.idNumberHash, pending.idNumberHash));
    const issued = await issueActivationCode(tx, { memberId: member.id, issuedBy: v.userId, now });
    await tx
      .update(memberClaims)
      .set({ status: 'verified', decidedBy: v.userId, decidedAt: now, memberId: member.id })
      .where(eq(memberClaims.id, pending.id));
    await appendAudit(tx, {
      actor: actorOf(v),
      action: 'claim.verify',
      entityType: 'member_claim',
      entityId: pending.id,
      orgId: pending.orgId,
      ip: context.ip,
      outcome: 'success',
      detail: { memberId: member.id, idNumber: pending.idNumberMasked },
    });
    await appendAudit(tx, {
      actor: actorOf(v),
      action: 'member.activation_code',
      entityType: 'member',
      entityId: member.id,
      orgId: pending.orgId,
      ip: context.ip,
      outcome: 'success',
    });
    return { kind: 'verified', issued } as const;
  });

  if (outcome.kind === 'decided') return { status: 'failed', message: t.alreadyDecided };
  if (outcome.kind === 'inArchive') {
    await appendAuditFailure({
      actor: actorOf(v),
      action: 'claim.verify',
      entityType: 'member_claim',
      entityId: claim.id,
      orgId: claim.orgId,
      ip: context.ip,
      detail: { reason: 'already in archive' },
    });
    return { status: 'failed', message: t.alreadyInArchive };
  }
  const { code, expiresAt } = outcome.issued;
  return { status: 'success', message: t.verified(code, formatBeijingDateTime(expiresAt)), data: { code } };
}

/** Rejects a pending claim with the keeper's reason; nothing else changes. */
export async function rejectClaim(
  db: Database,
  viewer: Viewer | null,
  input: { claimId: string; reason: string },
  context: DecisionContext,
): Promise<ActionState> {
  const found = await decidableClaim(db, viewer, input.claimId);
  if ('refusal' in found) return found.refusal;
  const v = viewer!;
  const now = context.now ?? new Date();
  const rejected = await db.transaction(async (tx) => {
    const rows = await tx
      .update(memberClaims)
      .set({ status: 'rejected', decidedBy: v.userId, decidedAt: now, decisionNote: input.reason })
      .where(and(eq(memberClaims.id, input.claimId), eq(memberClaims.status, 'pending')))
      .returning({ id: memberClaims.id, orgId: memberClaims.orgId });
    if (rows.length === 0) return false;
    await appendAudit(tx, {
      actor: actorOf(v),
      action: 'claim.reject',
      entityType: 'member_claim',
      entityId: rows[0].id,
      orgId: rows[0].orgId,
      ip: context.ip,
      outcome: 'success',
      detail: { reason: input.reason },
    });
    return true;
  });
  if (!rejected) return { status: 'failed', message: t.alreadyDecided };
  return { status: 'success', message: t.rejected };
}
