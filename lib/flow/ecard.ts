import 'server-only';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { renderSVG } from 'uqr';
import { getDb, type Executor } from '@/db/client';
import { activityCertificates, hostRegistrations, members, orgs, outflowEpisodes } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { appendAudit, appendAuditFailure } from '@/lib/audit/audit';
import type { Viewer } from '@/lib/auth/viewer';
import { secrets } from '@/lib/config/secrets';
import { messages } from '@/lib/i18n/messages';
import type { MemberStatus } from '@/lib/members/member-status';
import { regionName } from '@/lib/regions/regions';
import type { FileStore } from '@/lib/storage/file-store';
import { readStoredFile, type FileDownload } from '@/lib/storage/queries';
import { beijingDay } from '@/lib/time/beijing';
import { certificateNumber, certificateState, type CertificateState } from './certificate-rules';
import { groupedToken, signECardToken, verifyECardToken } from './ecard-token';
import { mayManageHosting } from './hosting';

// 电子党员证 (issue 5 §6): the member's card with a QR code holding a signed, expiring token, and
// the host's check of it. What the card and the check show is the card holder's: name, home
// branch, status, where away, the 活动证 and its photo — never the ID number or contact details.

const c = messages.flow.ecard;
const placed = alias(orgs, 'placed');

export type CardFace = {
  memberId: string;
  name: string;
  branchName: string;
  status: MemberStatus;
  away: string | null;
  certificate: { number: string; issuerName: string; validUntil: string; state: CertificateState; photoFileId: string } | null;
};

async function readCardFace(db: Executor, memberId: string, today: string): Promise<CardFace | null> {
  const [member] = await db
    .select({ id: members.id, name: members.name, status: members.status, branchName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, memberId));
  if (!member) return null;
  const [[episode], [certificate]] = await Promise.all([
    db
      .select({ regionCode: outflowEpisodes.regionCode, place: outflowEpisodes.place })
      .from(outflowEpisodes)
      .where(and(eq(outflowEpisodes.memberId, memberId), isNull(outflowEpisodes.endedOn))),
    db
      .select({ year: activityCertificates.year, serial: activityCertificates.serial, validUntil: activityCertificates.validUntil, photoFileId: activityCertificates.photoFileId, issuerName: orgs.name })
      .from(activityCertificates)
      .innerJoin(orgs, eq(orgs.id, activityCertificates.issuingOrgId))
      .where(and(eq(activityCertificates.memberId, memberId), eq(activityCertificates.status, 'valid'))),
  ]);
  return {
    memberId: member.id,
    name: member.name,
    branchName: member.branchName,
    status: member.status,
    away: episode ? `${regionName(episode.regionCode)} ${episode.place}` : null,
    certificate: certificate
      ? {
          number: certificateNumber(certificate.year, certificate.serial),
          issuerName: certificate.issuerName,
          validUntil: certificate.validUntil,
          state: certificateState('valid', certificate.validUntil, today),
          photoFileId: certificate.photoFileId,
        }
      : null,
  };
}

export type OwnCard = CardFace & { token: string; grouped: string; expiresAt: Date; qrSvg: string };

/** The member's own card with a fresh code. */
export async function readOwnCard(viewer: Viewer & { memberId: string }, now: Date = new Date()): Promise<OwnCard | null> {
  const face = await readCardFace(getDb(), viewer.memberId, beijingDay(now));
  if (!face) return null;
  const { token, expiresAt } = signECardToken(face.memberId, now, secrets().hmacKey);
  // Dark modules on white with a quiet zone: what phone cameras and BarcodeDetector read best.
  const qrSvg = renderSVG(token, { border: 2, pixelSize: 6, whiteColor: '#ffffff', blackColor: '#1c1917' });
  return { ...face, token, grouped: groupedToken(token), expiresAt, qrSvg };
}

/**
 * A host (or archive) admin checks a scanned or typed code. A forged, altered or expired code is
 * refused and the refusal audited; a good one shows the card and is audited as a check.
 */
export async function verifyECard(db: Executor, ctx: { viewer: Viewer | null; ip: string; now?: Date }, input: { code: string }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayManageHosting(viewer)) return { status: 'forbidden', message: messages.actions.forbidden };
  const now = ctx.now ?? new Date();
  const check = verifyECardToken(input.code, now, secrets().hmacKey);
  if (!check.ok) {
    await appendAuditFailure({ actor: { userId: viewer.userId, tier: viewer.tier }, action: 'ecard.verify', ip: ctx.ip, detail: { reason: check.reason } });
    return { status: 'failed', message: c.errors[check.reason] };
  }
  const face = await readCardFace(db, check.memberId, beijingDay(now));
  if (!face) return { status: 'failed', message: c.errors.signature };
  const [registration] = await db
    .select({ status: hostRegistrations.status, placedName: sql<string>`coalesce(${placed.name}, ${orgs.name})` })
    .from(hostRegistrations)
    .innerJoin(orgs, eq(orgs.id, hostRegistrations.hostOrgId))
    .leftJoin(placed, eq(placed.id, hostRegistrations.placedOrgId))
    .where(and(eq(hostRegistrations.memberId, face.memberId), inArray(hostRegistrations.status, ['pending', 'accepted']), sql`${orgs.path} <@ ${viewer.scopePath}::ltree`))
    .orderBy(desc(hostRegistrations.createdAt))
    .limit(1);
  await appendAudit(db, {
    actor: { userId: viewer.userId, tier: viewer.tier },
    action: 'ecard.verify',
    entityType: 'member',
    entityId: face.memberId,
    ip: ctx.ip,
    outcome: 'success',
    detail: { expiresAt: check.expiresAt.toISOString() },
  });
  const certificate = face.certificate;
  // What the checker's screen shows, as text: ActionState carries strings only.
  return {
    status: 'success',
    message: c.verified,
    data: {
      name: face.name,
      branch: face.branchName,
      status: messages.memberStatuses[face.status],
      away: face.away ?? '',
      certificate: certificate ? `${certificate.number} · ${certificate.issuerName}` : '',
      validUntil: certificate?.validUntil ?? '',
      certificateState: certificate ? messages.flow.certificate.states[certificate.state] : '',
      registration: registration ? `${messages.flow.hosting.statuses[registration.status]} · ${registration.placedName}` : '',
      // Placed here: the checker may record the meeting the member came to.
      attendable: registration?.status === 'accepted' ? 'yes' : '',
      checkedUntil: check.expiresAt.toISOString(),
    },
  };
}

/** The photo on a card whose code checks out, for a checker who may check cards. */
export async function readCardPhoto(db: Executor, viewer: Viewer | null, code: string, now: Date = new Date(), store?: FileStore): Promise<FileDownload | null> {
  if (!mayManageHosting(viewer)) return null;
  const check = verifyECardToken(code, now, secrets().hmacKey);
  if (!check.ok) return null;
  const [certificate] = await db
    .select({ photoFileId: activityCertificates.photoFileId })
    .from(activityCertificates)
    .where(and(eq(activityCertificates.memberId, check.memberId), eq(activityCertificates.status, 'valid')));
  return certificate ? readStoredFile(db, certificate.photoFileId, store) : null;
}

export const ecardReads = {
  photo: (viewer: Viewer | null, code: string) => readCardPhoto(getDb(), viewer, code),
};
