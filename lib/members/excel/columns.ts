import { computeIdNumberCheckChar } from '@/lib/members/id-number';
import type { MemberField } from '@/lib/members/field-policy';
import { messages } from '@/lib/i18n/messages';

// The columns of the member import template, in template order. A file may hold them in any
// order and leave optional ones out: headers are matched by name (and a few usual variants).
// Gender and birth date are not columns: the ID number carries both (GB 11643).

export const OUTFLOW_COLUMNS = ['outflowRegion', 'outflowPlace', 'outflowReason', 'outflowStartedOn'] as const;
export type OutflowColumn = (typeof OUTFLOW_COLUMNS)[number];

export const IMPORT_FIELDS = [
  'name',
  'idNumber',
  'phone',
  'ethnicity',
  'education',
  'joinedPartyOn',
  'fullMemberOn',
  'category',
  'probationEndsOn',
  'org',
  'group',
  'status',
  'occupation',
  'industry',
  'workUnit',
  'skills',
  'monthlyIncome',
  'duesCategory',
  'familySituation',
  'difficulties',
  'emergencyContactName',
  'emergencyContactRelation',
  'emergencyContactPhone',
  'lastContactOn',
] as const satisfies readonly MemberField[];
export type ImportField = (typeof IMPORT_FIELDS)[number];

export type ImportColumnKey = ImportField | OutflowColumn;
export const IMPORT_COLUMNS: readonly ImportColumnKey[] = [...IMPORT_FIELDS, ...OUTFLOW_COLUMNS];

/** Columns a file must have (their cells may still be checked row by row). */
export const REQUIRED_COLUMNS: readonly ImportColumnKey[] = ['name', 'idNumber', 'category', 'org', 'status'];

export const DATE_COLUMNS: ReadonlySet<ImportColumnKey> = new Set(['joinedPartyOn', 'fullMemberOn', 'probationEndsOn', 'lastContactOn', 'outflowStartedOn']);
/** Columns the template formats as text: Excel would turn them into numbers and lose digits. */
export const TEXT_COLUMNS: ReadonlySet<ImportColumnKey> = new Set(['idNumber', 'phone', 'emergencyContactPhone']);

const x = () => messages.excel;

/** The header shown in the template, and the name used in every error message. */
export function columnLabel(key: ImportColumnKey): string {
  if ((OUTFLOW_COLUMNS as readonly string[]).includes(key)) return x().outflowColumns[key as OutflowColumn];
  return messages.memberFields.fields[key as ImportField];
}

/** Headers as people write them: no spaces, no required-marks, no "（元）"-style notes. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .trim();
}

let headerIndex: Map<string, ImportColumnKey> | undefined;

/** The column a header names, or null when it names none of ours. */
export function columnForHeader(text: string): ImportColumnKey | null {
  if (!headerIndex) {
    headerIndex = new Map();
    for (const key of IMPORT_COLUMNS) {
      headerIndex.set(normaliseHeader(columnLabel(key)), key);
      for (const alias of x().headerAliases[key] ?? []) headerIndex.set(normaliseHeader(alias), key);
    }
    headerIndex.delete('');
  }
  return headerIndex.get(normaliseHeader(text)) ?? null;
}

/**
 * The example row's ID number: fictional (the demo county's region code, 1 July 1985, sequence
 * 123), with a valid check character so that only the example rule refuses it.
 */
export const EXAMPLE_ID_NUMBER = (() => {
  const first17 = '61042219850701123';
  return first17 + computeIdNumberCheckChar(first17);
})();

/** A row whose name starts with 示例 is the template's example and is skipped. */
export function isExampleName(name: string | null | undefined): boolean {
  return typeof name === 'string' && name.trim().startsWith(x().exampleMark);
}

export const MAX_IMPORT_ROWS = 20_000;
