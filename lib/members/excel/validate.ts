import { messages } from '@/lib/i18n/messages';
import { crossFieldProblems, parseFieldValue, type RecordValues } from '@/lib/members/field-values';
import type { MemberField } from '@/lib/members/field-policy';
import { parseIdNumber } from '@/lib/members/id-number';
import { OUTFLOW_REASONS, type DuesCategory, type MemberCategory, type MemberStatus, type OutflowReason } from '@/lib/members/member-status';
// A type only: the bulk loader itself is server code.
import type { MemberBulkRow } from '@/lib/members/queries';
import { regionName, resolveCounty } from '@/lib/regions/regions';
import { maskIdNumber } from '@/lib/security/masking';
import { EXAMPLE_ID_NUMBER, IMPORT_COLUMNS, IMPORT_FIELDS, type ImportColumnKey } from './columns';
import type { ImportProblem, ParsedRow, ParsedSheet } from './parse';

// Checks every row of a parsed sheet: each value by the shared field rules (field-values.ts),
// the branch and 党小组 against the importer's own orgs, the outflow episode, and duplicate ID
// numbers inside the file. Pure: the org directory and the skills dictionary are passed in;
// duplicates against the archive need a query and are added by applyArchiveDuplicates.

/** An org the importer may import into (already limited to the importer's subtree). */
export type ImportOrg = { id: number; name: string; parentId: number | null; parentName: string | null };
export type ImportDirectory = { branches: ImportOrg[]; groups: ImportOrg[] };

export type ValidateContext = {
  /** Beijing day, for "not in the future". */
  today: string;
  directory: ImportDirectory;
  /** The county's active skills; null when it keeps no dictionary (any skill is accepted). */
  skills: ReadonlySet<string> | null;
};

export type PreviewRow = {
  row: number;
  name: string;
  idNumberMasked: string;
  gender: string;
  org: string;
  group: string;
  category: string;
  status: string;
  outflow: string;
};

export type ValidRow = { row: number; member: MemberBulkRow; preview: PreviewRow };

export type ValidationResult = {
  /** Rows without any problem, in file order. */
  rows: ValidRow[];
  /** Every problem, by row and then column order. */
  problems: ImportProblem[];
  /** Data rows read (the example row not counted). */
  total: number;
  /** Normalised ID number of every row whose ID number is well-formed, for the archive check. */
  idNumbers: Map<number, string>;
};

const cellMessages = () => messages.excel.cell;
const fieldErrors = () => messages.memberFields.errors;

// --- the importer's orgs -------------------------------------------------------------------------

export type OrgIndex = {
  byName: Map<string, ImportOrg[]>;
  byQualifiedName: Map<string, ImportOrg[]>;
  groupsByBranch: Map<number, Map<string, ImportOrg>>;
};

const normaliseOrgText = (text: string) => text.replace(/\s+/g, '').replace(/[／\\]/g, '/');
const qualifiedName = (org: ImportOrg) => `${org.parentName ?? ''}/${org.name}`;

export function buildOrgIndex(directory: ImportDirectory): OrgIndex {
  const byName = new Map<string, ImportOrg[]>();
  const byQualifiedName = new Map<string, ImportOrg[]>();
  for (const branch of directory.branches) {
    const name = normaliseOrgText(branch.name);
    byName.set(name, [...(byName.get(name) ?? []), branch]);
    const qualified = normaliseOrgText(qualifiedName(branch));
    byQualifiedName.set(qualified, [...(byQualifiedName.get(qualified) ?? []), branch]);
  }
  const groupsByBranch = new Map<number, Map<string, ImportOrg>>();
  for (const group of directory.groups) {
    if (group.parentId === null) continue;
    const groups = groupsByBranch.get(group.parentId) ?? new Map<string, ImportOrg>();
    groups.set(normaliseOrgText(group.name), group);
    groupsByBranch.set(group.parentId, groups);
  }
  return { byName, byQualifiedName, groupsByBranch };
}

/**
 * How a branch is written in the file: its name when that is unique among the importer's
 * branches, else "上级组织/党支部" (the template's 党组织 sheet lists them in this form).
 */
export function branchLabel(branch: ImportOrg, index: OrgIndex): string {
  return (index.byName.get(normaliseOrgText(branch.name))?.length ?? 0) > 1 ? qualifiedName(branch) : branch.name;
}

type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

export function resolveBranch(text: string, index: OrgIndex): Resolved<ImportOrg> {
  const wanted = normaliseOrgText(text);
  const matches = wanted.includes('/') ? (index.byQualifiedName.get(wanted) ?? []) : (index.byName.get(wanted) ?? []);
  if (matches.length === 1) return { ok: true, value: matches[0] };
  if (matches.length === 0) return { ok: false, message: cellMessages().orgNotFound(text) };
  return { ok: false, message: cellMessages().orgAmbiguous(text, matches.slice(0, 5).map(qualifiedName)) };
}

// --- one row --------------------------------------------------------------------------------------

/** A GB/T 2260 county code from a code or from names ("广东省深圳市南山区", "深圳市南山区"). */
export function resolveOutflowRegion(text: string): Resolved<string> {
  // A name lookup walks all ~3,000 counties; a file names the same few places again and again.
  const known = regionMemo.get(text);
  if (known) return known;
  const resolved = lookUpRegion(text);
  if (regionMemo.size > 10_000) regionMemo.clear();
  regionMemo.set(text, resolved);
  return resolved;
}

const regionMemo = new Map<string, Resolved<string>>();

function lookUpRegion(text: string): Resolved<string> {
  const county = resolveCounty(text);
  if (county.ok) return { ok: true, value: county.code };
  return { ok: false, message: county.problem === 'notCounty' ? cellMessages().regionNotCounty : cellMessages().regionUnknown };
}

function outflowReason(text: string): OutflowReason | null {
  if ((OUTFLOW_REASONS as readonly string[]).includes(text)) return text as OutflowReason;
  const labels = messages.memberFields.outflowReasons;
  return OUTFLOW_REASONS.find((reason) => labels[reason] === text) ?? null;
}

type RowOutcome = { member: MemberBulkRow | null; preview: PreviewRow | null; problems: ImportProblem[]; idNumber: string | null };

function validateRow(parsed: ParsedRow, present: ReadonlySet<ImportColumnKey>, context: ValidateContext, index: OrgIndex): RowOutcome {
  const { row, cells } = parsed;
  const problems: ImportProblem[] = [...parsed.problems];
  const broken = new Set(parsed.problems.map((problem) => problem.column));
  const add = (column: ImportColumnKey, message: string) => problems.push({ row, column, message });
  const values: RecordValues = {};

  for (const field of IMPORT_FIELDS) {
    if (field === 'org' || field === 'group' || broken.has(field) || !present.has(field)) continue;
    const result = parseFieldValue(field, cells[field] ?? '', context.today);
    if (!result.ok) {
      add(field, result.message);
      continue;
    }
    values[field] = result.value;
  }

  let idNumber: string | null = null;
  const id = typeof values.idNumber === 'string' ? parseIdNumber(values.idNumber) : null;
  if (id?.ok) {
    idNumber = id.id.value;
    values.birthDate = id.id.birthDate;
    values.gender = id.id.gender;
    if (idNumber === EXAMPLE_ID_NUMBER) add('idNumber', cellMessages().exampleId);
  }

  const skills = (values.skills as string[] | undefined) ?? [];
  if (context.skills && skills.length > 0) {
    const unknown = skills.filter((skill) => !context.skills!.has(skill));
    if (unknown.length > 0) add('skills', cellMessages().skillUnknown(unknown));
  }

  let branch: ImportOrg | null = null;
  if (!broken.has('org')) {
    const text = cells.org ?? '';
    if (text === '') add('org', fieldErrors().required);
    else {
      const resolved = resolveBranch(text, index);
      if (resolved.ok) branch = resolved.value;
      else add('org', resolved.message);
    }
  }
  let group: ImportOrg | null = null;
  if (!broken.has('group') && cells.group && branch) {
    group = index.groupsByBranch.get(branch.id)?.get(normaliseOrgText(cells.group)) ?? null;
    if (!group) add('group', cellMessages().groupNotInBranch(cells.group));
  }

  for (const problem of crossFieldProblems(values)) {
    const column = (IMPORT_COLUMNS as readonly string[]).includes(problem.field) ? (problem.field as ImportColumnKey) : null;
    problems.push({ row, column, message: problem.message });
  }

  // The open outflow episode: only for members away now, and then its place is required.
  const away = values.status === 'outflow';
  const outflowText = {
    outflowRegion: cells.outflowRegion ?? '',
    outflowPlace: cells.outflowPlace ?? '',
    outflowReason: cells.outflowReason ?? '',
    outflowStartedOn: cells.outflowStartedOn ?? '',
  };
  let outflow: MemberBulkRow['outflow'] = null;
  if (values.status !== undefined && !away) {
    for (const [column, text] of Object.entries(outflowText) as [ImportColumnKey, string][]) {
      if (text !== '' && !broken.has(column)) add(column, cellMessages().outflowOnlyWhenAway);
    }
  } else if (away) {
    let regionCode: string | null = null;
    let reason: OutflowReason | null = null;
    let startedOn: string | null = null;
    if (!broken.has('outflowRegion')) {
      if (outflowText.outflowRegion === '') add('outflowRegion', cellMessages().outflowRequired);
      else {
        const region = resolveOutflowRegion(outflowText.outflowRegion);
        if (region.ok) regionCode = region.value;
        else add('outflowRegion', region.message);
      }
    }
    if (!broken.has('outflowReason')) {
      if (outflowText.outflowReason === '') add('outflowReason', cellMessages().outflowRequired);
      else {
        reason = outflowReason(outflowText.outflowReason);
        if (!reason) add('outflowReason', cellMessages().reasonChoice);
      }
    }
    if (!broken.has('outflowStartedOn')) {
      if (outflowText.outflowStartedOn === '') add('outflowStartedOn', cellMessages().outflowRequired);
      else {
        // The same date rules as the record's own dates.
        const started = parseFieldValue('joinedPartyOn', outflowText.outflowStartedOn, context.today);
        if (started.ok) startedOn = started.value as string;
        else add('outflowStartedOn', started.message);
      }
    }
    if (outflowText.outflowPlace.length > 200) add('outflowPlace', cellMessages().placeTooLong);
    if (regionCode && reason && startedOn) {
      outflow = { regionCode, place: outflowText.outflowPlace || regionName(regionCode), reason, startedOn, hostOrgId: null };
    }
  }

  if (problems.length > 0 || !branch || !idNumber) return { member: null, preview: null, problems, idNumber };

  const text = (field: MemberField): string | null => (values[field] as string | null | undefined) ?? null;
  const member: MemberBulkRow = {
    orgId: branch.id,
    groupId: group?.id ?? null,
    name: values.name as string,
    idNumber,
    phone: text('phone'),
    status: values.status as MemberStatus,
    education: text('education'),
    occupation: text('occupation'),
    industry: text('industry'),
    skills,
    monthlyIncomeFen: typeof values.monthlyIncome === 'number' ? values.monthlyIncome : null,
    joinedPartyOn: text('joinedPartyOn'),
    ethnicity: text('ethnicity'),
    category: values.category as MemberCategory,
    probationEndsOn: text('probationEndsOn'),
    fullMemberOn: text('fullMemberOn'),
    workUnit: text('workUnit'),
    duesCategory: (values.duesCategory as DuesCategory | null | undefined) ?? null,
    familySituation: text('familySituation'),
    difficulties: text('difficulties'),
    emergencyContactName: text('emergencyContactName'),
    emergencyContactRelation: text('emergencyContactRelation'),
    emergencyContactPhone: text('emergencyContactPhone'),
    lastContactOn: text('lastContactOn'),
    outflow,
  };
  const labels = messages.memberFields;
  const preview: PreviewRow = {
    row,
    name: member.name,
    idNumberMasked: maskIdNumber(idNumber),
    gender: labels.genders[values.gender as 'male' | 'female'],
    org: branchLabel(branch, index),
    group: group?.name ?? '',
    category: labels.categories[member.category!],
    status: messages.memberStatuses[member.status],
    outflow: outflow ? regionName(outflow.regionCode) : '',
  };
  return { member, preview, problems, idNumber };
}

// --- the whole sheet ------------------------------------------------------------------------------

const columnOrder = new Map<ImportColumnKey | null, number>([[null, -1], ...IMPORT_COLUMNS.map((key, i): [ImportColumnKey, number] => [key, i])]);

export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (columnOrder.get(a.column) ?? 0) - (columnOrder.get(b.column) ?? 0));
}

/** Marks every row that shares an ID number with another row, naming the other rows. */
function inFileDuplicates(idNumbers: Map<number, string>): ImportProblem[] {
  const rowsById = new Map<string, number[]>();
  for (const [row, id] of idNumbers) rowsById.set(id, [...(rowsById.get(id) ?? []), row]);
  const problems: ImportProblem[] = [];
  for (const rows of rowsById.values()) {
    if (rows.length < 2) continue;
    for (const row of rows) {
      const others = rows.filter((other) => other !== row);
      problems.push({ row, column: 'idNumber', message: cellMessages().duplicateInFile(others.slice(0, 10)) });
    }
  }
  return problems;
}

const CHUNK = 2_000;

/**
 * Validates every row. `onProgress` is awaited between chunks of rows, so a long file reports
 * its progress and does not hold the event loop for the whole file at once.
 */
export async function validateSheet(
  sheet: ParsedSheet,
  context: ValidateContext,
  onProgress?: (done: number, total: number) => Promise<void> | void,
): Promise<ValidationResult> {
  const index = buildOrgIndex(context.directory);
  const present = new Set(sheet.columns);
  const outcomes: { row: number; member: MemberBulkRow | null; preview: PreviewRow | null }[] = [];
  const problems: ImportProblem[] = [];
  const idNumbers = new Map<number, string>();
  for (let start = 0; start < sheet.rows.length; start += CHUNK) {
    for (const parsed of sheet.rows.slice(start, start + CHUNK)) {
      const outcome = validateRow(parsed, present, context, index);
      problems.push(...outcome.problems);
      if (outcome.idNumber) idNumbers.set(parsed.row, outcome.idNumber);
      outcomes.push({ row: parsed.row, member: outcome.member, preview: outcome.preview });
    }
    await onProgress?.(Math.min(start + CHUNK, sheet.rows.length), sheet.rows.length);
  }
  const duplicates = inFileDuplicates(idNumbers);
  problems.push(...duplicates);
  const badRows = new Set(duplicates.map((problem) => problem.row));
  const rows = outcomes.filter((outcome): outcome is ValidRow => outcome.member !== null && outcome.preview !== null && !badRows.has(outcome.row));
  return { rows, problems: sortProblems(problems), total: sheet.rows.length, idNumbers };
}

/** Adds "already in the archive" for the rows whose ID number the archive holds. */
export function applyArchiveDuplicates(result: ValidationResult, rowsInArchive: ReadonlySet<number>): ValidationResult {
  if (rowsInArchive.size === 0) return result;
  const problems = [...result.problems, ...[...rowsInArchive].map((row): ImportProblem => ({ row, column: 'idNumber', message: cellMessages().duplicateInArchive }))];
  return { ...result, rows: result.rows.filter((row) => !rowsInArchive.has(row.row)), problems: sortProblems(problems) };
}

/** Number of distinct rows with at least one problem. */
export function countErrorRows(problems: ImportProblem[]): number {
  return new Set(problems.map((problem) => problem.row)).size;
}
