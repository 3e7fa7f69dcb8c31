import 'server-only';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { and } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { getDb, type Executor } from '@/db/client';
import { members } from '@/db/schema';
import { appendAudit, appendAuditFailure } from '@/lib/audit/audit';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { regionName } from '@/lib/regions/regions';
import { decryptPii } from '@/lib/security/pii';
import { beijingDay } from '@/lib/time/beijing';
import { fieldDisplay, type MemberField } from './field-policy';
import { formatFieldValue } from './field-values';
import type { OutflowReason } from './member-status';
import { filterForViewer, mayExportFull, memberListAccess, type MemberListFilter, type MemberListPageRequest } from './list-filter';
import { countMembers, keysetFor, openEpisodeColumn, orgNameColumn, prepareMemberQuery, sortKeyText } from './list-queries';

// Excel export of the admin list's current filter. Rows are streamed from keyset batches into
// exceljs' streaming writer, so memory stays flat however many members match. ID numbers are
// masked; the full number is for a county admin holding pii_reveal. Every export is audited
// (filter, row count) before the first byte leaves, and a refused one is audited as a failure.

const BATCH = 1_000;
const t = messages.memberList;
const f = messages.memberFields;

export const EXPORT_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ExportRequest = {
  viewer: Viewer | null;
  filter: MemberListFilter;
  /** Unmasked ID numbers: county admins with pii_reveal only. */
  full: boolean;
  ip: string | null;
  today?: string;
};

export type ExportResult =
  | { ok: true; fileName: string; rows: number; stream: ReadableStream<Uint8Array> }
  | { ok: false; status: 401 | 403 | 404; message: string };

type Column = { key: string; header: string; width: number; field: MemberField | null };

/** The columns this viewer may see, in sheet order; outflow columns have no record field. */
function columnsFor(viewer: Viewer): Column[] {
  const c = t.exportColumns;
  const all: Column[] = [
    { key: 'name', header: c.name, width: 10, field: 'name' },
    { key: 'idNumber', header: c.idNumber, width: 21, field: 'idNumber' },
    { key: 'gender', header: c.gender, width: 6, field: 'gender' },
    { key: 'birthDate', header: c.birthDate, width: 12, field: 'birthDate' },
    { key: 'org', header: c.org, width: 36, field: 'org' },
    { key: 'status', header: c.status, width: 12, field: 'status' },
    { key: 'category', header: c.category, width: 10, field: 'category' },
    { key: 'phone', header: c.phone, width: 14, field: 'phone' },
    { key: 'education', header: c.education, width: 10, field: 'education' },
    { key: 'joinedPartyOn', header: c.joinedPartyOn, width: 12, field: 'joinedPartyOn' },
    { key: 'occupation', header: c.occupation, width: 12, field: 'occupation' },
    { key: 'industry', header: c.industry, width: 12, field: 'industry' },
    { key: 'workUnit', header: c.workUnit, width: 24, field: 'workUnit' },
    { key: 'skills', header: c.skills, width: 20, field: 'skills' },
    { key: 'outflowRegion', header: c.outflowRegion, width: 24, field: null },
    { key: 'outflowPlace', header: c.outflowPlace, width: 36, field: null },
    { key: 'outflowReason', header: c.outflowReason, width: 10, field: null },
    { key: 'lastContactOn', header: c.lastContactOn, width: 12, field: 'lastContactOn' },
  ];
  return all.filter((column) => column.field === null || fieldDisplay(viewer, column.field) !== 'hidden');
}

async function refuse(viewer: Viewer | null, ip: string | null, status: 403 | 404, message: string, detail: Record<string, unknown>): Promise<ExportResult> {
  await appendAuditFailure({
    actor: viewer ? { userId: viewer.userId, tier: viewer.tier } : null,
    action: 'member.export',
    orgId: viewer?.orgId ?? null,
    ip,
    detail,
  });
  return { ok: false, status, message };
}

/**
 * Checks, audits and starts an export. On success the returned stream yields the .xlsx; the
 * caller sends it as the response body. Refusals write nothing but a failure row in the audit log.
 */
export async function exportMembers(request: ExportRequest, db: Executor = getDb()): Promise<ExportResult> {
  const { viewer, full, ip, today = beijingDay() } = request;
  if (!viewer) return { ok: false, status: 401, message: t.signInFirst };
  if (memberListAccess(viewer) !== 'archive') return refuse(viewer, ip, 403, t.exportForbidden, { reason: 'capability', full });
  if (full && !mayExportFull(viewer)) return refuse(viewer, ip, 403, t.exportFullForbidden, { reason: 'full', full });
  const { filter } = filterForViewer(viewer, { filter: request.filter });
  const detail = { filter: { ...filter }, full };
  const rows = await countMembers(db, { viewer, filter, today });
  if (rows === null) return refuse(viewer, ip, 404, t.exportOutOfScope, { ...detail, reason: 'scope' });

  await db.transaction(async (tx) => {
    await appendAudit(tx, {
      actor: { userId: viewer.userId, tier: viewer.tier },
      action: 'member.export',
      entityType: 'org',
      entityId: String(filter.subtree ?? viewer.orgId),
      orgId: filter.subtree ?? viewer.orgId,
      ip,
      outcome: 'success',
      detail: { ...detail, rows },
    });
  });

  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(t.exportSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = columnsFor(viewer);
  sheet.columns = columns.map(({ key, header, width }) => ({ key, header, width }));
  sheet.getRow(1).font = { bold: true };
  void writeRows(db, { viewer, filter, full, today, sheet, output })
    .then(() => workbook.commit())
    .catch((error: unknown) => {
      console.error('[ejia] member export failed:', error instanceof Error ? error.message : error);
      output.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  return {
    ok: true,
    rows,
    fileName: t.exportFileName(today),
    stream: Readable.toWeb(output) as ReadableStream<Uint8Array>,
  };
}

async function writeRows(
  db: Executor,
  { viewer, filter, full, today, sheet, output }: { viewer: Viewer; filter: MemberListFilter; full: boolean; today: string; sheet: ExcelJS.Worksheet; output: PassThrough },
): Promise<void> {
  let page: MemberListPageRequest | undefined;
  for (;;) {
    // Prepared afresh per batch: each batch is a short query, never one long-held cursor.
    const prepared = await prepareMemberQuery(db, viewer, filter, today);
    if (!prepared) break;
    const keyset = keysetFor(filter.sort, page);
    const batch = await db
      .select({
        id: members.id,
        sortKey: sortKeyText(filter.sort),
        name: members.name,
        idNumberMasked: members.idNumberMasked,
        idNumberCipher: members.idNumberCipher,
        gender: members.gender,
        birthDate: members.birthDate,
        orgName: orgNameColumn,
        status: members.status,
        category: members.category,
        phone: members.phone,
        education: members.education,
        joinedPartyOn: members.joinedPartyOn,
        lastContactOn: members.lastContactOn,
        occupation: members.occupation,
        industry: members.industry,
        workUnit: members.workUnit,
        skills: members.skills,
        regionCode: openEpisodeColumn<string>('region_code'),
        place: openEpisodeColumn<string>('place'),
        reason: openEpisodeColumn<OutflowReason>('reason'),
      })
      .from(members)
      .where(and(...prepared.conditions, keyset.condition))
      .orderBy(...keyset.order)
      .limit(BATCH);
    for (const row of batch) {
      sheet
        .addRow({
          name: row.name,
          idNumber: full ? decryptPii(row.idNumberCipher, 'member.id_number') : row.idNumberMasked,
          gender: formatFieldValue('gender', row.gender),
          birthDate: row.birthDate,
          org: row.orgName,
          status: formatFieldValue('status', row.status),
          category: formatFieldValue('category', row.category),
          phone: row.phone ?? '',
          education: row.education ?? '',
          joinedPartyOn: row.joinedPartyOn ?? '',
          occupation: row.occupation ?? '',
          industry: row.industry ?? '',
          workUnit: row.workUnit ?? '',
          skills: row.skills.join('、'),
          outflowRegion: row.regionCode ? regionName(row.regionCode) : '',
          outflowPlace: row.place ?? '',
          outflowReason: row.reason ? f.outflowReasons[row.reason] : '',
          lastContactOn: row.lastContactOn ?? '',
        })
        .commit();
    }
    if (batch.length < BATCH) break;
    const last = batch[batch.length - 1];
    page = { after: { key: last.sortKey, id: last.id } };
    // Let a slow download drain before reading more rows.
    if (output.writableNeedDrain) await once(output, 'drain');
  }
  sheet.commit();
}
