import 'server-only';
import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Executor } from '@/db/client';
import { activityCertificates, members, orgs } from '@/db/schema';
import { inViewerScope } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { nearestCommitteeOf } from '@/lib/orgs/queries';
import { beijingDay } from '@/lib/time/beijing';
import { certificateNumber } from './certificate-rules';
import type { CertificateStatus } from './report-status';

// Reads of the 流动党员活动证: a member's certificates and the issuer's register (发放登记册).

export type CertificateView = {
  id: string;
  number: string;
  /** The running number within issuer and year. */
  serial: number;
  issuerName: string;
  issuedOn: string;
  validUntil: string;
  extensionReason: string | null;
  status: CertificateStatus;
  photoFileId: string;
  handedInOn: string | null;
  inspectionNote: string | null;
  renewedFromNumber: string | null;
};

type CertificateRow = { certificate: typeof activityCertificates.$inferSelect; issuerName: string; previousYear: number | null; previousSerial: number | null };

function certificateView({ certificate, issuerName, previousYear, previousSerial }: CertificateRow): CertificateView {
  return {
    id: certificate.id,
    number: certificateNumber(certificate.year, certificate.serial),
    serial: certificate.serial,
    issuerName,
    issuedOn: certificate.issuedOn,
    validUntil: certificate.validUntil,
    extensionReason: certificate.extensionReason,
    status: certificate.status,
    photoFileId: certificate.photoFileId,
    handedInOn: certificate.handedInOn,
    inspectionNote: certificate.inspectionNote,
    renewedFromNumber: previousYear !== null && previousSerial !== null ? certificateNumber(previousYear, previousSerial) : null,
  };
}

/** A member's certificates, newest first: for the detail page (admins in scope) and the member's own page. */
export async function listMemberCertificates(db: Executor, memberId: string): Promise<CertificateView[]> {
  const previous = alias(activityCertificates, 'previous');
  const rows = await db
    .select({ certificate: activityCertificates, issuerName: orgs.name, previousYear: previous.year, previousSerial: previous.serial })
    .from(activityCertificates)
    .innerJoin(orgs, eq(orgs.id, activityCertificates.issuingOrgId))
    .leftJoin(previous, eq(previous.id, activityCertificates.renewedFromId))
    .where(eq(activityCertificates.memberId, memberId))
    .orderBy(desc(activityCertificates.issuedOn), desc(activityCertificates.serial));
  return rows.map(certificateView);
}

/** Filters of the register: held and in date, held past its date, renewed, handed in. */
export const REGISTER_FILTERS = ['valid', 'expired', 'renewed', 'returned'] as const;
export type RegisterFilter = (typeof REGISTER_FILTERS)[number];
export const REGISTER_PAGE_SIZE = 50;

export type RegisterRow = CertificateView & { memberId: string; memberName: string; branchName: string };

/** Keyset cursor: issue day, then the running number (a day's certificates in the order issued), then id. */
export function registerCursor(row: Pick<RegisterRow, 'issuedOn' | 'serial' | 'id'>): string {
  return `${row.issuedOn}_${row.serial}_${row.id}`;
}

function parseRegisterCursor(cursor: string | undefined): { day: string; serial: number; id: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2})_(\d{1,9})_([0-9a-f-]{36})$/.exec(cursor ?? '');
  return match ? { day: match[1], serial: Number(match[2]), id: match[3] } : null;
}

/**
 * The register of the admin's subtree: certificates its 党委 issued, and those of its own members
 * (a branch admin sees what the 党委 above issued to the branch), newest first by keyset.
 */
export async function listCertificateRegister(
  db: Executor,
  { viewer, filter, before, now }: { viewer: Viewer; filter?: RegisterFilter; before?: string; now?: Date },
): Promise<RegisterRow[]> {
  if (!isArchiveAdmin(viewer)) return [];
  const today = beijingDay(now);
  const previous = alias(activityCertificates, 'previous');
  const branch = alias(orgs, 'branch');
  const conditions: SQL[] = [or(inViewerScope(activityCertificates.issuingOrgId, viewer), inViewerScope(members.orgId, viewer))!];
  if (filter === 'valid') conditions.push(eq(activityCertificates.status, 'valid'), gte(activityCertificates.validUntil, today));
  if (filter === 'expired') conditions.push(eq(activityCertificates.status, 'valid'), lt(activityCertificates.validUntil, today));
  if (filter === 'renewed' || filter === 'returned') conditions.push(eq(activityCertificates.status, filter));
  const cursor = parseRegisterCursor(before);
  if (cursor) {
    conditions.push(sql`(${activityCertificates.issuedOn}, ${activityCertificates.serial}, ${activityCertificates.id}) < (${cursor.day}::date, ${cursor.serial}::int, ${cursor.id}::uuid)`);
  }
  const rows = await db
    .select({
      certificate: activityCertificates,
      issuerName: orgs.name,
      memberName: members.name,
      branchName: branch.name,
      previousYear: previous.year,
      previousSerial: previous.serial,
    })
    .from(activityCertificates)
    .innerJoin(orgs, eq(orgs.id, activityCertificates.issuingOrgId))
    .innerJoin(members, eq(members.id, activityCertificates.memberId))
    .innerJoin(branch, eq(branch.id, members.orgId))
    .leftJoin(previous, eq(previous.id, activityCertificates.renewedFromId))
    .where(and(...conditions))
    .orderBy(desc(activityCertificates.issuedOn), desc(activityCertificates.serial), desc(activityCertificates.id))
    .limit(REGISTER_PAGE_SIZE);
  return rows.map((row) => ({ ...certificateView(row), memberId: row.certificate.memberId, memberName: row.memberName, branchName: row.branchName }));
}

/** Certificates in the admin's subtree still held past their date. */
export async function countExpiredCertificates(db: Executor, viewer: Viewer, now?: Date): Promise<number> {
  if (!isArchiveAdmin(viewer)) return 0;
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(activityCertificates)
    .innerJoin(members, eq(members.id, activityCertificates.memberId))
    .where(
      and(
        eq(activityCertificates.status, 'valid'),
        lt(activityCertificates.validUntil, beijingDay(now)),
        or(inViewerScope(activityCertificates.issuingOrgId, viewer), inViewerScope(members.orgId, viewer)),
      ),
    );
  return row.count;
}

/** The 党委 that issues certificates for members of the org `orgId`, if any. */
async function issuerFor(db: Executor, orgId: number): Promise<{ id: number; name: string; path: string } | undefined> {
  const [org] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, orgId));
  return org ? nearestCommitteeOf(db, org.path) : undefined;
}

export const certificateReads = {
  issuerFor: (orgId: number) => issuerFor(getDb(), orgId),
  ofMember: (memberId: string) => listMemberCertificates(getDb(), memberId),
  register: (viewer: Viewer, options: { filter?: RegisterFilter; before?: string }) => listCertificateRegister(getDb(), { viewer, ...options }),
  expiredCount: (viewer: Viewer) => countExpiredCertificates(getDb(), viewer),
};
