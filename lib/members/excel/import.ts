import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database, Executor } from '@/db/client';
import { queryRows } from '@/db/rows';
import { jobs, orgs, skills, users, type Job } from '@/db/schema';
import { appendAudit } from '@/lib/audit/audit';
import { ADMIN_TIERS } from '@/lib/auth/access';
import type { Capability, Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { enqueueJob } from '@/lib/jobs/queue';
import { bulkInsertMembers, type MemberBulkRow } from '@/lib/members/queries';
import { BRANCH_TYPES } from '@/lib/orgs/org-types';
import { maskIdNumber } from '@/lib/security/masking';
import { piiLookupHash } from '@/lib/security/pii';
import { beijingDay } from '@/lib/time/beijing';
import { readImportWorkbook, checkUploadBytes, type ImportProblem } from './parse';
import { deleteSealed, getSealed, putSealed } from './upload-store';
import { applyArchiveDuplicates, countErrorRows, sortProblems, validateSheet, type ImportDirectory, type PreviewRow, type ValidationResult } from './validate';

// Member import as background jobs (DESIGN.md §3: background work goes through the jobs table,
// and nothing may assume one process). Upload → a validation job reads and checks the file,
// seals the validated rows and leaves a preview; confirm → an import job loads exactly those
// rows, after checking again what may have changed since (the archive, the org tree, the admin's
// scope and capability), in one transaction: every row or none. The jobs' payloads hold the
// progress and the outcome that the pages poll (never an ID number in clear: previews are masked
// and messages name rows, not values). Upload and rows are kept encrypted (upload-store.ts).
//
// Why jobs and not one long request: a 20,000-row file takes seconds to read, check and load;
// as jobs the admin sees each stage and a row count, any instance may do the work, and the
// VACUUM ANALYZE that a bulk load needs (DESIGN.md §9) runs after the import, outside any request.

export const IMPORT_JOB_KINDS = { validate: 'members.import.validate', commit: 'members.import.commit', cleanup: 'members.import.cleanup' } as const;
const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
/** Stored for the page; the total is always counted. */
const MAX_STORED_PROBLEMS = 1_000;
const PREVIEW_ROWS = 20;
const ARCHIVE = 'archive' satisfies Capability;

export type ImportPhase =
  | 'queued'
  | 'reading'
  | 'validating'
  | 'checking'
  | 'validated'
  | 'rejected'
  | 'failed'
  | 'importQueued'
  | 'importing'
  | 'imported'
  | 'importRejected';

export type ImportSummary = { total: number; valid: number; skipped: number; errorRows: number; errors: number; ignoredHeaders: string[] };

type StagePayload = {
  phase: ImportPhase;
  progress?: { done: number; total: number } | null;
  summary?: ImportSummary;
  problems?: ImportProblem[];
  preview?: PreviewRow[];
  /** A problem with the whole file or the job, in Chinese. */
  message?: string;
  imported?: number;
};

type ValidatePayload = StagePayload & {
  token: string;
  userId: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  /** The sealed upload, deleted once read. */
  storageKey: string;
  /** The sealed validated rows, waiting for the confirmation. */
  rowsKey?: string;
};
type SealedRow = { row: number; member: MemberBulkRow };
type CommitPayload = StagePayload & { token: string; userId: string; ip: string | null };

const validateKey = (token: string) => `members.import:${token}`;
const commitKey = (token: string) => `members.import.commit:${token}`;
const TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function patchPayload(db: Executor, jobId: number, patch: Partial<StagePayload>): Promise<void> {
  await db.execute(sql`UPDATE jobs SET payload = payload || ${JSON.stringify(patch)}::jsonb WHERE id = ${jobId}`);
}

async function jobByKey(db: Executor, uniqueKey: string): Promise<Job | undefined> {
  const [job] = await db.select().from(jobs).where(eq(jobs.uniqueKey, uniqueKey)).limit(1);
  return job;
}

// --- what the importer may reach -------------------------------------------------------------------

/** Branches (党支部 / 联合党支部 / 临时党支部) and 党小组 inside the viewer's subtree, not dissolved. */
export async function listImportDirectory(db: Executor, viewer: Pick<Viewer, 'scopePath'>): Promise<ImportDirectory> {
  const parent = alias(orgs, 'parent');
  const rows = await db
    .select({ id: orgs.id, name: orgs.name, type: orgs.type, parentId: orgs.parentId, parentName: parent.name })
    .from(orgs)
    .leftJoin(parent, eq(parent.id, orgs.parentId))
    .where(and(isNull(orgs.dissolvedAt), inArray(orgs.type, [...BRANCH_TYPES, 'party_group']), sql`${orgs.path} <@ ${viewer.scopePath}::ltree`))
    .orderBy(asc(orgs.path));
  const toOrg = ({ id, name, parentId, parentName }: (typeof rows)[number]) => ({ id, name, parentId, parentName });
  return {
    branches: rows.filter((row) => row.type !== 'party_group').map(toOrg),
    groups: rows.filter((row) => row.type === 'party_group').map(toOrg),
  };
}

/** The county's active skills dictionary; null while it keeps none. */
async function skillsDictionary(db: Executor): Promise<Set<string> | null> {
  const rows = await db.select({ name: skills.name }).from(skills).where(eq(skills.active, true));
  return rows.length > 0 ? new Set(rows.map((row) => row.name)) : null;
}

/**
 * The importing admin as they are now: a job runs after the request, so an account disabled or
 * stripped of the archive capability in between imports nothing.
 */
export async function loadImporter(db: Executor, userId: string): Promise<Viewer | null> {
  if (!TOKEN.test(userId)) return null;
  const [row] = await db
    .select({ user: users, orgPath: orgs.path })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || row.user.disabledAt || !ADMIN_TIERS.includes(row.user.tier) || !row.user.capabilities.includes(ARCHIVE)) return null;
  return {
    userId: row.user.id,
    tier: row.user.tier,
    orgId: row.user.orgId,
    scopePath: row.orgPath,
    capabilities: row.user.capabilities as Capability[],
    displayName: row.user.displayName,
  };
}

// --- reading and checking a file ----------------------------------------------------------------------

type Checked = { ok: true; result: ValidationResult; summary: ImportSummary } | { ok: false; message: string };

/** Rows whose ID number the archive already holds: one keyed-hash lookup for the whole file. */
async function rowsInArchive(db: Executor, idNumbers: Map<number, string>): Promise<Set<number>> {
  if (idNumbers.size === 0) return new Set();
  const rowByHash = new Map<string, number[]>();
  for (const [row, id] of idNumbers) {
    const hash = Buffer.from(piiLookupHash(id, 'member.id_number')).toString('hex');
    rowByHash.set(hash, [...(rowByHash.get(hash) ?? []), row]);
  }
  const found = await queryRows<{ hash: string }>(
    db,
    sql`SELECT encode(members.id_number_hash, 'hex') AS hash
        FROM unnest(${sql.param([...rowByHash.keys()])}::text[]) AS wanted(hash)
        JOIN members ON members.id_number_hash = decode(wanted.hash, 'hex')`,
  );
  return new Set(found.flatMap((row) => rowByHash.get(row.hash) ?? []));
}

/** Reads and validates an upload for this importer, reporting each stage through `stage`. */
async function checkImportFile(
  db: Executor,
  importer: Viewer,
  bytes: Uint8Array,
  stage: (phase: ImportPhase, progress?: { done: number; total: number }) => Promise<void> = async () => {},
): Promise<Checked> {
  await stage('reading');
  const read = await readImportWorkbook(bytes);
  if (!read.ok) return read;
  const { sheet } = read;
  await stage('validating', { done: 0, total: sheet.rows.length });
  const directory = await listImportDirectory(db, importer);
  const validated = await validateSheet(sheet, { today: beijingDay(), directory, skills: await skillsDictionary(db) }, (done, total) => stage('validating', { done, total }));
  await stage('checking', { done: sheet.rows.length, total: sheet.rows.length });
  const result = applyArchiveDuplicates(validated, await rowsInArchive(db, validated.idNumbers));
  return {
    ok: true,
    result,
    summary: {
      total: result.total,
      valid: result.rows.length,
      skipped: sheet.skippedExamples.length,
      errorRows: countErrorRows(result.problems),
      errors: result.problems.length,
      ignoredHeaders: sheet.ignoredHeaders.slice(0, 20),
    },
  };
}

// --- upload ---------------------------------------------------------------------------------------------

export type StartResult = { ok: true; token: string } | { ok: false; message: string };

/** Stores the upload (encrypted) and queues its validation. The caller has checked the capability. */
export async function startMemberImport(db: Database, viewer: Viewer, file: { bytes: Uint8Array; name: string }): Promise<StartResult> {
  const refused = checkUploadBytes(file.bytes);
  if (refused) return { ok: false, message: refused };
  const token = randomUUID();
  const { storageKey, sha256 } = await putSealed(file.bytes);
  const payload: ValidatePayload = {
    token,
    userId: viewer.userId,
    // Shown back to the admin; an ID number used as a file name is masked like any other.
    fileName:
      file.name
        .replace(/[\u0000-\u001f\\/]/g, '')
        .replace(/\d{17}[\dXx]/g, (id) => maskIdNumber(id))
        .slice(0, 120) || 'upload.xlsx',
    sizeBytes: file.bytes.length,
    sha256,
    storageKey,
    phase: 'queued',
  };
  await db.transaction(async (tx) => {
    await enqueueJob(tx, { kind: IMPORT_JOB_KINDS.validate, payload, uniqueKey: validateKey(token), maxAttempts: 1 });
    // Nothing of an unconfirmed import stays on disk for long.
    await enqueueJob(tx, { kind: IMPORT_JOB_KINDS.cleanup, payload: { token }, runAt: new Date(Date.now() + UPLOAD_TTL_MS), maxAttempts: 3 });
  });
  return { ok: true, token };
}

async function runValidateJob(db: Database, job: Job): Promise<void> {
  const payload = job.payload as ValidatePayload;
  const stage = (phase: ImportPhase, progress?: { done: number; total: number }) => patchPayload(db, job.id, { phase, progress: progress ?? null });
  const importer = await loadImporter(db, payload.userId);
  const bytes = await getSealed(payload.storageKey);
  // Read once: a file with errors is fixed and uploaded again, a valid one lives on as its rows.
  await deleteSealed(payload.storageKey);
  if (!importer) return patchPayload(db, job.id, { phase: 'failed', message: messages.excel.importerNoLonger });
  if (!bytes) return patchPayload(db, job.id, { phase: 'failed', message: messages.excel.expired });
  const checked = await checkImportFile(db, importer, bytes, stage);
  if (!checked.ok) return patchPayload(db, job.id, { phase: 'rejected', progress: null, message: checked.message });
  const { result, summary } = checked;
  const valid = result.problems.length === 0;
  const sealedRows: SealedRow[] = result.rows.map(({ row, member }) => ({ row, member }));
  const rowsKey = valid ? (await putSealed(new TextEncoder().encode(JSON.stringify(sealedRows)))).storageKey : undefined;
  await patchPayload(db, job.id, {
    phase: valid ? 'validated' : 'rejected',
    progress: null,
    summary,
    problems: result.problems.slice(0, MAX_STORED_PROBLEMS),
    preview: result.rows.slice(0, PREVIEW_ROWS).map((row) => row.preview),
    ...(rowsKey ? { rowsKey } : {}),
  } as Partial<ValidatePayload>);
}

// --- confirm and import --------------------------------------------------------------------------------

export type ConfirmResult = { ok: true } | { ok: false; reason: 'notYours' | 'notReady'; message: string };

/**
 * Queues the import of a validated upload. Only the admin who uploaded it may confirm it: a
 * token is worth nothing to anyone else. Confirming twice queues one import.
 */
export async function confirmMemberImport(db: Executor, viewer: Viewer, token: string, ip: string | null): Promise<ConfirmResult> {
  const job = TOKEN.test(token) ? await jobByKey(db, validateKey(token)) : undefined;
  const payload = job?.payload as ValidatePayload | undefined;
  if (!job || job.kind !== IMPORT_JOB_KINDS.validate || payload?.userId !== viewer.userId) return { ok: false, reason: 'notYours', message: messages.excel.notYours };
  if (payload.phase !== 'validated' || (payload.summary?.errors ?? 1) > 0) return { ok: false, reason: 'notReady', message: messages.excel.notReady };
  const commit: CommitPayload = { token, userId: viewer.userId, ip, phase: 'importQueued' };
  await enqueueJob(db, { kind: IMPORT_JOB_KINDS.commit, payload: commit, uniqueKey: commitKey(token), maxAttempts: 1 });
  return { ok: true };
}

/**
 * What may have changed since the rows were validated: a branch or 党小组 dissolved or moved out
 * of the admin's scope (or the scope itself changed), a skill retired, or a person put into the
 * archive by someone else. One query each, never one per row.
 */
async function recheckRows(db: Executor, importer: Viewer, rows: SealedRow[]): Promise<ImportProblem[]> {
  const directory = await listImportDirectory(db, importer);
  const branches = new Set(directory.branches.map((branch) => branch.id));
  const groupParent = new Map(directory.groups.map((group) => [group.id, group.parentId]));
  const dictionary = await skillsDictionary(db);
  const problems: ImportProblem[] = [];
  for (const { row, member } of rows) {
    if (!branches.has(member.orgId)) problems.push({ row, column: 'org', message: messages.excel.orgGone });
    else if (member.groupId !== null && groupParent.get(member.groupId) !== member.orgId) problems.push({ row, column: 'group', message: messages.excel.orgGone });
    const retired = dictionary ? member.skills.filter((skill) => !dictionary.has(skill)) : [];
    if (retired.length > 0) problems.push({ row, column: 'skills', message: messages.excel.cell.skillUnknown(retired) });
  }
  const inArchive = await rowsInArchive(db, new Map(rows.map(({ row, member }) => [row, member.idNumber])));
  for (const row of inArchive) problems.push({ row, column: 'idNumber', message: messages.excel.cell.duplicateInArchive });
  return sortProblems(problems);
}

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

async function runCommitJob(db: Database, job: Job): Promise<void> {
  const payload = job.payload as CommitPayload;
  const validation = await jobByKey(db, validateKey(payload.token));
  const validated = validation?.payload as ValidatePayload | undefined;
  const fail = (message: string) => patchPayload(db, job.id, { phase: 'failed', progress: null, message });
  if (!validation || !validated || validated.userId !== payload.userId || validated.phase !== 'validated') return fail(messages.excel.notReady);
  const importer = await loadImporter(db, payload.userId);
  if (!importer) return fail(messages.excel.importerNoLonger);
  // Exactly the rows the admin saw validated: sealed by the validation job, unreadable to anyone else.
  const sealed = await getSealed(validated.rowsKey ?? '');
  if (!sealed) return fail(messages.excel.expired);
  const rows = JSON.parse(new TextDecoder().decode(sealed)) as SealedRow[];

  await patchPayload(db, job.id, { phase: 'checking', progress: null });
  const problems = await recheckRows(db, importer, rows);
  if (problems.length > 0) {
    return patchPayload(db, job.id, { phase: 'importRejected', problems: problems.slice(0, MAX_STORED_PROBLEMS), summary: { ...validated.summary!, valid: rows.length - countErrorRows(problems), errorRows: countErrorRows(problems), errors: problems.length } });
  }
  await patchPayload(db, job.id, { phase: 'importing', progress: null });
  try {
    await db.transaction(async (tx) => {
      const imported = await bulkInsertMembers(tx, rows.map((row) => row.member));
      await patchPayload(tx, job.id, { phase: 'imported', imported });
      // One audit row for the whole import: the count, never an ID number (appended last).
      await appendAudit(tx, {
        actor: { userId: importer.userId, tier: importer.tier },
        action: 'member.import',
        entityType: 'member_import',
        entityId: payload.token,
        orgId: importer.orgId,
        ip: payload.ip,
        outcome: 'success',
        detail: { count: imported, rows: validated.summary?.total ?? rows.length, skipped: validated.summary?.skipped ?? 0 },
      });
    });
  } catch (error) {
    // Someone imported one of these ID numbers after our check: nothing of ours was written.
    if (isUniqueViolation(error)) return patchPayload(db, job.id, { phase: 'importRejected', message: messages.excel.conflict });
    throw error;
  }
  await deleteSealed(validated.rowsKey);
  try {
    // PGlite never flushes a GIN pending list on its own, and fresh rows need statistics (§9).
    await db.execute(sql`VACUUM ANALYZE members`);
    await db.execute(sql`ANALYZE outflow_episodes`);
  } catch (error) {
    console.error('[ejia] member import: VACUUM ANALYZE failed:', error instanceof Error ? error.message : error);
  }
}

/** Removes what an import left on disk a day after its upload (a no-op once imported). */
async function runCleanupJob(db: Database, job: Job): Promise<void> {
  const token = String((job.payload as { token?: unknown }).token ?? '');
  const validation = TOKEN.test(token) ? await jobByKey(db, validateKey(token)) : undefined;
  const payload = validation?.payload as ValidatePayload | undefined;
  await deleteSealed(payload?.storageKey);
  await deleteSealed(payload?.rowsKey);
}

export const memberImportJobHandlers: Record<string, (db: Database, job: Job) => Promise<void>> = {
  [IMPORT_JOB_KINDS.validate]: runValidateJob,
  [IMPORT_JOB_KINDS.commit]: runCommitJob,
  [IMPORT_JOB_KINDS.cleanup]: runCleanupJob,
};

// --- what the pages show ---------------------------------------------------------------------------------

export type ImportView = {
  token: string;
  fileName: string;
  createdAt: Date;
  phase: ImportPhase;
  progress: { done: number; total: number } | null;
  summary: ImportSummary | null;
  problems: ImportProblem[];
  preview: PreviewRow[];
  message: string | null;
  imported: number | null;
  /** Still queued or running: the page keeps polling. */
  pending: boolean;
};

const PENDING: ReadonlySet<ImportPhase> = new Set(['queued', 'reading', 'validating', 'checking', 'importQueued', 'importing']);

function viewOf(validation: Job, commit: Job | undefined): ImportView {
  const v = validation.payload as ValidatePayload;
  const c = commit?.payload as CommitPayload | undefined;
  const current = commit ?? validation;
  const stage: StagePayload = c ?? v;
  // A job the worker gave up on (it crashed, or ran past its time) reads as failed.
  const dead = current.status === 'dead';
  const phase: ImportPhase = dead ? 'failed' : stage.phase;
  return {
    token: v.token,
    fileName: v.fileName,
    createdAt: validation.createdAt,
    phase,
    progress: dead ? null : (stage.progress ?? null),
    summary: c?.summary ?? v.summary ?? null,
    problems: (c ? c.problems : v.problems) ?? [],
    preview: v.preview ?? [],
    message: dead ? messages.excel.failedHint : (stage.message ?? null),
    imported: c?.imported ?? null,
    pending: PENDING.has(phase),
  };
}

/** One import of this viewer (another admin's token finds nothing). */
export async function getMemberImport(db: Executor, viewer: Viewer, token: string): Promise<ImportView | null> {
  if (!TOKEN.test(token)) return null;
  const validation = await jobByKey(db, validateKey(token));
  if (!validation || validation.kind !== IMPORT_JOB_KINDS.validate || (validation.payload as ValidatePayload).userId !== viewer.userId) return null;
  return viewOf(validation, await jobByKey(db, commitKey(token)));
}

/** This viewer's recent imports, newest first. */
export async function listMemberImports(db: Executor, viewer: Viewer, limit = 10): Promise<ImportView[]> {
  const validations = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, IMPORT_JOB_KINDS.validate), sql`${jobs.payload}->>'userId' = ${viewer.userId}`))
    .orderBy(sql`${jobs.id} DESC`)
    .limit(limit);
  if (validations.length === 0) return [];
  const commits = await db
    .select()
    .from(jobs)
    .where(inArray(jobs.uniqueKey, validations.map((job) => commitKey((job.payload as ValidatePayload).token))));
  const commitByKey = new Map(commits.map((job) => [job.uniqueKey, job]));
  return validations.map((job) => viewOf(job, commitByKey.get(commitKey((job.payload as ValidatePayload).token))));
}
