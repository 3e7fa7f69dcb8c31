import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { activityCertificates, members, orgs, outflowEpisodes } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { appendAudit } from '@/lib/audit/audit';
import { orgPathInScope } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { notifyMember } from '@/lib/notifications/queries';
import { nearestCommitteeOf } from '@/lib/orgs/queries';
import type { FileStore } from '@/lib/storage/file-store';
import { saveUpload } from '@/lib/storage/queries';
import { beijingDay } from '@/lib/time/beijing';
import { certificateNumber, parseCertificateTerms, type CertificateTerms } from './certificate-rules';
import { auditActor, failed, forbidden, invalid } from '@/lib/actions/outcomes';
import { violatedUniqueConstraint } from '@/db/errors';

// Issuing and renewing the 流动党员活动证 (issue 5 §2). The 基层党委 above the member's branch
// issues it, so the admin's subtree must hold that 党委, not just the branch. Handing it in on
// return is part of recordReturnHome (workflow.ts). Each function authorises its viewer, writes in
// one transaction with its audit row and tells the member.

const c = messages.flow.certificate;
const e = c.errors;
export type CertificateContext = { viewer: Viewer | null; ip: string; now?: Date; store?: FileStore };
export type UploadedPhoto = { bytes: Uint8Array; name: string };

const asArchiveAdmin = (viewer: Viewer | null): Viewer | null => (viewer && isArchiveAdmin(viewer) ? viewer : null);

const NUMBER_CONSTRAINT = 'activity_certificates_number';
const ONE_VALID_CONSTRAINT = 'activity_certificates_one_valid';

type Holder = { id: string; orgId: number; issuer: { id: number; name: string; path: string }; episodeId: string | null; validCertificateId: string | null };

/** The member (row locked), the 党委 that issues for their branch, their open episode and any valid certificate. */
async function lockHolder(tx: Executor, memberId: string): Promise<Holder | 'missing' | 'no_issuer'> {
  const [member] = await tx
    .select({ id: members.id, orgId: members.orgId, path: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, memberId))
    .for('update', { of: members });
  if (!member) return 'missing';
  const [issuer, [episode], [valid]] = await Promise.all([
    nearestCommitteeOf(tx, member.path),
    tx
      .select({ id: outflowEpisodes.id })
      .from(outflowEpisodes)
      .where(and(eq(outflowEpisodes.memberId, memberId), isNull(outflowEpisodes.endedOn))),
    tx
      .select({ id: activityCertificates.id })
      .from(activityCertificates)
      .where(and(eq(activityCertificates.memberId, memberId), eq(activityCertificates.status, 'valid'))),
  ]);
  if (!issuer) return 'no_issuer';
  return { id: member.id, orgId: member.orgId, issuer, episodeId: episode?.id ?? null, validCertificateId: valid?.id ?? null };
}

/** The issuer's next number in the year; the issuer's row lock serialises two admins numbering at once. */
async function nextSerial(tx: Executor, issuerId: number, year: number): Promise<number> {
  await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, issuerId)).for('update');
  const [row] = await tx
    .select({ last: sql<number>`coalesce(max(${activityCertificates.serial}), 0)::int` })
    .from(activityCertificates)
    .where(and(eq(activityCertificates.issuingOrgId, issuerId), eq(activityCertificates.year, year)));
  return row.last + 1;
}

async function storePhoto(tx: Executor, ctx: CertificateContext, viewer: Viewer, orgId: number, photo: UploadedPhoto): Promise<{ id: string } | { message: string }> {
  const saved = await saveUpload(tx, { bytes: photo.bytes, originalName: photo.name, orgId, purpose: 'photo', uploadedBy: viewer.userId }, ctx.store);
  return saved.ok ? { id: saved.file.id } : { message: saved.message };
}

async function insertCertificate(
  tx: Executor,
  holder: Holder,
  viewer: Viewer,
  terms: CertificateTerms,
  photoFileId: string,
  renewedFromId: string | null,
): Promise<{ id: string; number: string }> {
  const year = Number(terms.issuedOn.slice(0, 4));
  const serial = await nextSerial(tx, holder.issuer.id, year);
  const [row] = await tx
    .insert(activityCertificates)
    .values({
      memberId: holder.id,
      episodeId: holder.episodeId,
      issuingOrgId: holder.issuer.id,
      year,
      serial,
      ...terms,
      photoFileId,
      issuedBy: viewer.userId,
      renewedFromId,
    })
    .returning({ id: activityCertificates.id });
  return { id: row.id, number: certificateNumber(year, serial) };
}

function conflictAnswer(error: unknown): ActionState | null {
  const constraint = violatedUniqueConstraint(error);
  if (constraint === ONE_VALID_CONSTRAINT) return failed(e.alreadyHolds);
  if (constraint === NUMBER_CONSTRAINT) return failed(e.busy);
  return null;
}

/** The 党委 issues a certificate to a member who is away and holds none. */
export async function issueCertificate(
  db: Database,
  ctx: CertificateContext,
  input: { memberId: string; issuedOn: string; validUntil: string; extensionReason?: string; photo: UploadedPhoto | null },
): Promise<ActionState> {
  const viewer = asArchiveAdmin(ctx.viewer);
  if (!viewer) return forbidden();
  const parsed = parseCertificateTerms(input, beijingDay(ctx.now));
  const fieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
  if (!input.photo || input.photo.bytes.length === 0) fieldErrors.photo = [e.photoRequired];
  if (!parsed.ok || Object.keys(fieldErrors).length > 0) return invalid(fieldErrors);
  const photo = input.photo!;
  try {
    return await db.transaction(async (tx) => {
      const holder = await lockHolder(tx, input.memberId);
      if (holder === 'missing') return forbidden(messages.flow.errors.outOfScope);
      if (holder === 'no_issuer') return failed(e.noIssuer);
      if (!orgPathInScope(viewer, holder.issuer.path)) return forbidden(e.outOfScope);
      if (!holder.episodeId) return failed(e.notAway);
      if (holder.validCertificateId) return failed(e.alreadyHolds);
      const stored = await storePhoto(tx, ctx, viewer, holder.orgId, photo);
      if ('message' in stored) return invalid({ photo: [stored.message] });
      const certificate = await insertCertificate(tx, holder, viewer, parsed.value, stored.id, null);
      await appendAudit(tx, {
        actor: auditActor(viewer),
        action: 'certificate.issue',
        entityType: 'member',
        entityId: holder.id,
        orgId: holder.orgId,
        ip: ctx.ip,
        outcome: 'success',
        detail: { certificateId: certificate.id, number: certificate.number, issuerId: holder.issuer.id, ...parsed.value },
      });
      await notifyMember(tx, {
        memberId: holder.id,
        category: 'request_result',
        title: messages.flow.notifications.certificateIssuedTitle,
        body: messages.flow.notifications.certificateIssuedBody(holder.issuer.name, certificate.number, parsed.value.validUntil),
        link: '/flow',
      });
      return { status: 'success', message: c.results.issued(certificate.number), data: { certificateId: certificate.id } } satisfies ActionState;
    });
  } catch (error) {
    const answer = conflictAnswer(error);
    if (answer) return answer;
    throw error;
  }
}

/** A valid certificate is replaced by a new one from today (the old one is marked renewed). */
export async function renewCertificate(
  db: Database,
  ctx: CertificateContext,
  input: { certificateId: string; validUntil: string; extensionReason?: string; photo: UploadedPhoto | null },
): Promise<ActionState> {
  const viewer = asArchiveAdmin(ctx.viewer);
  if (!viewer) return forbidden();
  const today = beijingDay(ctx.now);
  const parsed = parseCertificateTerms({ ...input, issuedOn: today }, today);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  try {
    return await db.transaction(async (tx) => {
      // Member first, then certificate: the lock order of the return home that hands it in.
      const [owner] = await tx.select({ memberId: activityCertificates.memberId }).from(activityCertificates).where(eq(activityCertificates.id, input.certificateId));
      if (!owner) return forbidden(e.notFound);
      const holder = await lockHolder(tx, owner.memberId);
      if (holder === 'missing') return forbidden(e.notFound);
      if (holder === 'no_issuer') return failed(e.noIssuer);
      const [old] = await tx.select().from(activityCertificates).where(eq(activityCertificates.id, input.certificateId)).for('update');
      if (!old || old.memberId !== holder.id) return forbidden(e.notFound);
      if (!orgPathInScope(viewer, holder.issuer.path)) return forbidden(e.outOfScope);
      if (old.status !== 'valid') return failed(e.notValid);
      if (!holder.episodeId) return failed(e.notAway);
      let photoFileId = old.photoFileId;
      if (input.photo && input.photo.bytes.length > 0) {
        const stored = await storePhoto(tx, ctx, viewer, holder.orgId, input.photo);
        if ('message' in stored) return invalid({ photo: [stored.message] });
        photoFileId = stored.id;
      }
      // The old one steps aside first: one valid certificate per member, checked per statement.
      await tx.update(activityCertificates).set({ status: 'renewed' }).where(eq(activityCertificates.id, old.id));
      const certificate = await insertCertificate(tx, holder, viewer, parsed.value, photoFileId, old.id);
      await appendAudit(tx, {
        actor: auditActor(viewer),
        action: 'certificate.renew',
        entityType: 'member',
        entityId: holder.id,
        orgId: holder.orgId,
        ip: ctx.ip,
        outcome: 'success',
        detail: { certificateId: certificate.id, number: certificate.number, renewedFrom: old.id, ...parsed.value },
      });
      await notifyMember(tx, {
        memberId: holder.id,
        category: 'request_result',
        title: messages.flow.notifications.certificateRenewedTitle,
        body: messages.flow.notifications.certificateIssuedBody(holder.issuer.name, certificate.number, parsed.value.validUntil),
        link: '/flow',
      });
      return { status: 'success', message: c.results.renewed(certificate.number), data: { certificateId: certificate.id } } satisfies ActionState;
    });
  } catch (error) {
    const answer = conflictAnswer(error);
    if (answer) return answer;
    throw error;
  }
}
