import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import {
  ATTENDANCE_SOURCES,
  CERTIFICATE_STATUSES,
  FEEDBACK_RATINGS,
  INFLOW_STATUSES,
  OUTFLOW_REPORT_STATUSES,
  REGISTRATION_STATUSES,
  TEMPORARY_BRANCH_APPLICATION_STATUSES,
  TEMPORARY_BRANCH_ROLES,
  TRANSFER_STATUSES,
} from '@/lib/flow/report-status';
import { MEETING_KINDS } from '@/lib/org-life/meeting-kinds';
import { users } from './identity';
import { gender, members, outflowEpisodes, outflowReason } from './members';
import { orgs } from './orgs';
import { files } from './platform';
import { bytea } from './types';

export const outflowReportStatus = pgEnum('outflow_report_status', OUTFLOW_REPORT_STATUSES);

/**
 * 外出报告 (issue 5 §1): a member tells the branch where, when and why they are going; the branch
 * confirms it, which opens the outflow episode, or sends it back with a reason. An admin may
 * record one for a member who did not report: it is stored confirmed, with the admin as filer.
 */
export const outflowReports = pgTable(
  'outflow_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    regionCode: varchar({ length: 6 }).notNull(),
    place: varchar({ length: 200 }).notNull(),
    reason: outflowReason().notNull(),
    leavesOn: date().notNull(),
    expectedMonths: smallint().notNull(),
    // The host organisation as the member knows it, if at all: 报到 later names the real one.
    plannedHost: varchar({ length: 100 }),
    phoneAway: varchar({ length: 20 }),
    note: text(),
    status: outflowReportStatus().notNull().default('pending'),
    filedBy: uuid()
      .notNull()
      .references(() => users.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    episodeId: uuid().references(() => outflowEpisodes.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('outflow_reports_member_idx').on(table.memberId, table.createdAt.desc()),
    // The branch's queue: pending reports, oldest first.
    index('outflow_reports_pending_idx').on(table.createdAt, table.id).where(sql`${table.status} = 'pending'`),
    // One report waiting per member: a second would be a second journey before the first is known.
    uniqueIndex('outflow_reports_one_pending').on(table.memberId).where(sql`${table.status} = 'pending'`),
    check('outflow_reports_months', sql`${table.expectedMonths} BETWEEN 1 AND 120`),
    check('outflow_reports_phone_format', sql`${table.phoneAway} ~ '^[0-9+-]{5,20}$'`),
  ],
);

export type OutflowReport = typeof outflowReports.$inferSelect;

export const certificateStatus = pgEnum('certificate_status', CERTIFICATE_STATUSES);

/**
 * 流动党员活动证 (issue 5 §2), issued by the member's 基层党委 for a journey: numbered per issuer
 * and year — the issuer's 发放登记册 is these rows — with the holder's photo. Renewal issues a new
 * certificate and marks the old one renewed; on return the certificate is handed in and inspected
 * (查验).
 */
export const activityCertificates = pgTable(
  'activity_certificates',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    episodeId: uuid().references(() => outflowEpisodes.id, { onDelete: 'set null' }),
    issuingOrgId: integer()
      .notNull()
      .references(() => orgs.id),
    year: smallint().notNull(),
    serial: integer().notNull(),
    issuedOn: date().notNull(),
    validUntil: date().notNull(),
    // Longer than six months, allowed only where the membership cannot transfer; the reason says why.
    extensionReason: text(),
    photoFileId: uuid()
      .notNull()
      .references(() => files.id),
    status: certificateStatus().notNull().default('valid'),
    issuedBy: uuid()
      .notNull()
      .references(() => users.id),
    renewedFromId: uuid().references((): AnyPgColumn => activityCertificates.id),
    handedInOn: date(),
    inspectedBy: uuid().references(() => users.id),
    inspectionNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('activity_certificates_number').on(table.issuingOrgId, table.year, table.serial),
    // A member carries one certificate at a time.
    uniqueIndex('activity_certificates_one_valid').on(table.memberId).where(sql`${table.status} = 'valid'`),
    index('activity_certificates_member_idx').on(table.memberId, table.issuedOn.desc()),
    // The register (发放登记册): newest first per issuer.
    index('activity_certificates_register_idx').on(table.issuingOrgId, table.issuedOn.desc(), table.id.desc()),
    // Expired certificates still held: the warning list.
    index('activity_certificates_expiry_idx').on(table.validUntil).where(sql`${table.status} = 'valid'`),
    check('activity_certificates_dates', sql`${table.validUntil} >= ${table.issuedOn}`),
    check('activity_certificates_serial', sql`${table.serial} > 0`),
  ],
);

export type ActivityCertificate = typeof activityCertificates.$inferSelect;

export const transferStatus = pgEnum('transfer_status', TRANSFER_STATUSES);

/**
 * 组织关系转出 (issue 5 §4): the 介绍信 the sending branch issues and the 回执 that comes back. Until
 * the receipt is logged the member stays in the sending branch's archive and care; a letter past
 * its validity without a receipt marks a possible 口袋党员 (a member whose letter is "in the pocket").
 */
export const membershipTransfers = pgTable(
  'membership_transfers',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    letterNumber: varchar({ length: 40 }).notNull(),
    issuedOn: date().notNull(),
    validUntil: date().notNull(),
    // The receiving 基层党委, as written on the letter (it is usually outside this deployment).
    receivingOrgName: varchar({ length: 100 }).notNull(),
    status: transferStatus().notNull().default('awaiting_receipt'),
    receiptOn: date(),
    note: text(),
    issuedBy: uuid()
      .notNull()
      .references(() => users.id),
    closedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('membership_transfers_member_idx').on(table.memberId, table.issuedOn.desc()),
    // One letter out at a time per member.
    uniqueIndex('membership_transfers_one_open').on(table.memberId).where(sql`${table.status} = 'awaiting_receipt'`),
    // Letters waiting for a receipt, by validity: the 口袋党员 list reads those past it.
    index('membership_transfers_awaiting_idx').on(table.validUntil).where(sql`${table.status} = 'awaiting_receipt'`),
    check('membership_transfers_dates', sql`${table.validUntil} >= ${table.issuedOn}`),
  ],
);

export type MembershipTransfer = typeof membershipTransfers.$inferSelect;

export const registrationStatus = pgEnum('registration_status', REGISTRATION_STATUSES);
export const feedbackRating = pgEnum('feedback_rating', FEEDBACK_RATINGS);

/**
 * 报到 at the host (流入地, issue 5 §3): the member reports to a host organisation of the
 * deployment, whose admin checks the 活动证 and places the member in a 支部 or 党小组 for
 * organisation life — which sets the episode's host, so the host admin's lists include the
 * member. A host outside the deployment is recorded with its name and contact.
 */
export const hostRegistrations = pgTable(
  'host_registrations',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    episodeId: uuid()
      .notNull()
      .references(() => outflowEpisodes.id, { onDelete: 'cascade' }),
    hostOrgId: integer().references(() => orgs.id),
    outsideOrgName: varchar({ length: 100 }),
    outsideContact: varchar({ length: 100 }),
    reportedOn: date().notNull(),
    status: registrationStatus().notNull(),
    // Where the host placed the member for organisation life: the host org or an org under it.
    placedOrgId: integer().references(() => orgs.id),
    certificateChecked: boolean().notNull().default(false),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('host_registrations_member_idx').on(table.memberId, table.createdAt.desc()),
    index('host_registrations_host_idx').on(table.hostOrgId, table.status, table.createdAt.desc()),
    // One live 报到 per journey: waiting, accepted or recorded outside.
    uniqueIndex('host_registrations_one_live').on(table.episodeId).where(sql`${table.status} IN ('pending', 'accepted', 'outside')`),
    check('host_registrations_where', sql`(${table.hostOrgId} IS NOT NULL) <> (${table.outsideOrgName} IS NOT NULL)`),
  ],
);

export type HostRegistration = typeof hostRegistrations.$inferSelect;

/** 表现反馈: once a year the host says how the member took part; the home branch reads it. */
export const hostFeedback = pgTable(
  'host_feedback',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    hostOrgId: integer()
      .notNull()
      .references(() => orgs.id),
    year: smallint().notNull(),
    rating: feedbackRating().notNull(),
    content: text().notNull(),
    filedBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('host_feedback_one_a_year').on(table.memberId, table.hostOrgId, table.year)],
);

export type HostFeedback = typeof hostFeedback.$inferSelect;

export const temporaryBranchApplicationStatus = pgEnum('temporary_branch_application_status', TEMPORARY_BRANCH_APPLICATION_STATUSES);
export const temporaryBranchRole = pgEnum('temporary_branch_role', TEMPORARY_BRANCH_ROLES);

/**
 * 临时党支部 (issue 5 §5): three or more members away in the same place propose one, with its
 * 书记; the 党委 above all their home branches approves it, which creates the org under that
 * 党委. The proposal keeps the member list as proposed; the membership rows are the truth after.
 */
export const temporaryBranchApplications = pgTable(
  'temporary_branch_applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: varchar({ length: 100 }).notNull(),
    regionCode: varchar({ length: 6 }).notNull(),
    // The 党委 that must approve: the nearest 党委 / 党工委 above every proposed member's branch.
    committeeOrgId: integer()
      .notNull()
      .references(() => orgs.id),
    memberIds: uuid().array().notNull(),
    secretaryMemberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    reason: text().notNull(),
    status: temporaryBranchApplicationStatus().notNull().default('pending'),
    proposedBy: uuid()
      .notNull()
      .references(() => users.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    orgId: integer().references(() => orgs.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('temporary_branch_applications_committee_idx').on(table.committeeOrgId, table.status, table.createdAt),
    check('temporary_branch_applications_size', sql`cardinality(${table.memberIds}) >= 3`),
    check('temporary_branch_applications_region', sql`${table.regionCode} ~ '^[0-9]{6}$'`),
  ],
);

export type TemporaryBranchApplication = typeof temporaryBranchApplications.$inferSelect;

/**
 * Who takes part in a 临时党支部. Membership stays with the home branch (a 临时党支部 admits no one);
 * these rows say where the member joins organisation life while away, and end on return.
 */
export const temporaryBranchMembers = pgTable(
  'temporary_branch_members',
  {
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    role: temporaryBranchRole().notNull().default('member'),
    joinedOn: date().notNull(),
    leftOn: date(),
  },
  (table) => [
    primaryKey({ columns: [table.orgId, table.memberId, table.joinedOn] }),
    // One 临时党支部 at a time per member, and one 书记 at a time per branch.
    uniqueIndex('temporary_branch_members_one_active').on(table.memberId).where(sql`${table.leftOn} IS NULL`),
    uniqueIndex('temporary_branch_members_one_secretary').on(table.orgId).where(sql`${table.leftOn} IS NULL AND ${table.role} = 'secretary'`),
    index('temporary_branch_members_org_idx').on(table.orgId, table.leftOn),
    check('temporary_branch_members_dates', sql`${table.leftOn} IS NULL OR ${table.leftOn} >= ${table.joinedOn}`),
  ],
);

export const inflowStatus = pgEnum('inflow_status', INFLOW_STATUSES);

/**
 * 流入党员 from outside the deployment (issue 5 §4, transfer in): registered by the receiving org
 * with the original organisation, the 活动证 number if any and the 报到 date. Their ID number is
 * kept like a member's: encrypted, with a keyed hash to find duplicates and a masked form to show.
 */
export const inflowMembers = pgTable(
  'inflow_members',
  {
    id: uuid().primaryKey().defaultRandom(),
    // The org of the deployment the member reported to, and where it placed them (it or an org under it).
    receivingOrgId: integer()
      .notNull()
      .references(() => orgs.id),
    placedOrgId: integer()
      .notNull()
      .references(() => orgs.id),
    name: varchar({ length: 50 }).notNull(),
    gender: gender().notNull(),
    idNumberCipher: bytea().notNull(),
    idNumberHash: bytea().notNull(),
    idNumberMasked: varchar({ length: 18 }).notNull(),
    phone: varchar({ length: 20 }).notNull(),
    originalOrgName: varchar({ length: 100 }).notNull(),
    originalOrgContact: varchar({ length: 100 }),
    certificateNumber: varchar({ length: 40 }),
    reportedOn: date().notNull(),
    status: inflowStatus().notNull().default('active'),
    leftOn: date(),
    note: text(),
    registeredBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('inflow_members_receiving_idx').on(table.receivingOrgId, table.status, table.reportedOn.desc()),
    // A person takes part at one org of the deployment at a time.
    uniqueIndex('inflow_members_one_active').on(table.idNumberHash).where(sql`${table.status} = 'active'`),
    check('inflow_members_phone_format', sql`${table.phone} ~ '^[0-9+-]{5,20}$'`),
    check('inflow_members_left', sql`(${table.status} = 'left') = (${table.leftOn} IS NOT NULL)`),
  ],
);

export type InflowMember = typeof inflowMembers.$inferSelect;

export const meetingKind = pgEnum('meeting_kind', MEETING_KINDS);
export const attendanceSource = pgEnum('attendance_source', ATTENDANCE_SOURCES);

/**
 * Attendance at organisation life away from home (issue 5 §3, §6): the host, or a 临时党支部,
 * records that a member it hosts took part in a meeting — "一方隶属、参加多重组织生活". The home
 * branch reads it beside the member's record. Exactly one of a deployment member and a 流入党员.
 */
export const awayAttendance = pgTable(
  'away_attendance',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid().references(() => members.id, { onDelete: 'cascade' }),
    inflowMemberId: uuid().references(() => inflowMembers.id, { onDelete: 'cascade' }),
    // The journey the member was on: a host counts the meetings of its own placement, not those of
    // an earlier journey that ended the same day.
    episodeId: uuid().references(() => outflowEpisodes.id, { onDelete: 'set null' }),
    // Where it was held: the org the member was placed in, or the 临时党支部.
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    heldOn: date().notNull(),
    kind: meetingKind().notNull(),
    topic: varchar({ length: 200 }).notNull(),
    source: attendanceSource().notNull(),
    recordedBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('away_attendance_member_idx').on(table.memberId, table.heldOn.desc()).where(sql`${table.memberId} IS NOT NULL`),
    index('away_attendance_inflow_idx').on(table.inflowMemberId, table.heldOn.desc()).where(sql`${table.inflowMemberId} IS NOT NULL`),
    index('away_attendance_org_idx').on(table.orgId, table.heldOn.desc()),
    // The same meeting is recorded once per person.
    uniqueIndex('away_attendance_once_member').on(table.memberId, table.orgId, table.heldOn, table.kind).where(sql`${table.memberId} IS NOT NULL`),
    uniqueIndex('away_attendance_once_inflow').on(table.inflowMemberId, table.orgId, table.heldOn, table.kind).where(sql`${table.inflowMemberId} IS NOT NULL`),
    check('away_attendance_who', sql`(${table.memberId} IS NOT NULL) <> (${table.inflowMemberId} IS NOT NULL)`),
  ],
);

export type AwayAttendance = typeof awayAttendance.$inferSelect;
