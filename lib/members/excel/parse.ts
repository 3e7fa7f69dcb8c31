import ExcelJS from 'exceljs';
import { messages } from '@/lib/i18n/messages';
import { detectFileType } from '@/lib/storage/file-type';
import { UPLOAD_MAX_BYTES } from '@/lib/storage/limits';
import { columnForHeader, DATE_COLUMNS, isExampleName, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, columnLabel, type ImportColumnKey } from './columns';
import { checkZipArchive } from './zip-guard';

// Reads an uploaded member workbook into plain text cells, one record per Excel row, keeping
// the row numbers people see in Excel. Nothing here knows about the database: validate.ts
// checks the values, import.ts adds what needs a query.

/** `row` and `column` null: the problem concerns the whole file (or the whole row). */
export type ImportProblem = { row: number | null; column: ImportColumnKey | null; message: string };

export type ParsedRow = { row: number; cells: Partial<Record<ImportColumnKey, string>>; problems: ImportProblem[] };

export type ParsedSheet = {
  headerRow: number;
  columns: ImportColumnKey[];
  /** Non-empty headers that name none of our columns: shown, not imported. */
  ignoredHeaders: string[];
  rows: ParsedRow[];
  /** Rows of the template's example (name starting with 示例), left out. */
  skippedExamples: number[];
};

export type ReadResult = { ok: true; sheet: ParsedSheet } | { ok: false; message: string };

export type ReadLimits = { maxRows: number; maxBytes: number; maxUncompressedBytes: number };

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxRows: MAX_IMPORT_ROWS,
  maxBytes: UPLOAD_MAX_BYTES,
  // 20,000 rows of ~25 columns come to ~40 MB of XML; a real member list never needs more.
  maxUncompressedBytes: 100 * 1024 * 1024,
};

const HEADER_SEARCH_ROWS = 10;
const MAX_COLUMNS = 200;
const f = () => messages.excel.file;
const c = () => messages.excel.cell;

/** Size and real type: only a macro-free .xlsx, recognised by its bytes, never by its name. */
export function checkUploadBytes(bytes: Uint8Array, maxBytes: number = UPLOAD_MAX_BYTES): string | null {
  if (bytes.length === 0) return messages.upload.empty;
  if (bytes.length > maxBytes) return messages.upload.tooLarge(Math.round(maxBytes / 1024 / 1024));
  const type = detectFileType(bytes);
  if (type?.extension === 'xlsx') return null;
  // OLE2 compound files: the legacy .xls (file-type.ts calls every one of them "doc").
  if (type?.extension === 'doc') return f().legacyXls;
  return f().notXlsx;
}

type CellText = { text: string | null; problem?: string };

/** Trims float noise from computed numbers: 5390.000000000001 → 5390. */
function numberText(value: number): string {
  return String(Number(value.toPrecision(15)));
}

function dateText(value: Date): string | null {
  // exceljs turns Excel's day serials into Dates at UTC midnight; the day is the UTC date.
  return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
}

/** One cell as text, or a problem a person can fix in Excel. */
export function cellText(value: ExcelJS.CellValue, column: ImportColumnKey): CellText {
  if (value === null || value === undefined) return { text: null };
  if (typeof value === 'string') {
    // Control characters (NUL, which PostgreSQL refuses, among them) are garbage in a record.
    const text = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
    return { text: text === '' ? null : text };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { text: null };
    // 18 digits exceed a double's precision: the last digits are already gone.
    if (column === 'idNumber') return { text: null, problem: c().idAsNumber };
    return { text: numberText(value) };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: dateText(value) };
  if ('error' in value) return { text: null, problem: c().error(String(value.error)) };
  if ('richText' in value) return cellText(value.richText.map((part) => part.text).join(''), column);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null || (typeof result === 'object' && !(result instanceof Date) && !('error' in result))) {
      return { text: null, problem: c().formulaNoResult };
    }
    return cellText(result, column);
  }
  if ('hyperlink' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue, column);
  return { text: null, problem: c().formulaNoResult };
}

/** The data sheet: the one named like the template's, else the first that is not a help sheet. */
function pickSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  const sheets = messages.excel.sheets;
  return workbook.getWorksheet(sheets.data) ?? workbook.worksheets.find((sheet) => sheet.name !== sheets.guide && sheet.name !== sheets.orgs) ?? workbook.worksheets[0];
}

function headerText(value: ExcelJS.CellValue): string {
  const { text } = cellText(value, 'name');
  return text ?? '';
}

type HeaderMap = { row: number; byColumn: Map<number, ImportColumnKey>; ignored: string[]; problems: string[] };

function findHeader(sheet: ExcelJS.Worksheet): HeaderMap | null {
  const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
  for (let rowNumber = 1; rowNumber <= last; rowNumber++) {
    const row = sheet.getRow(rowNumber);
    const byColumn = new Map<number, ImportColumnKey>();
    const seen = new Map<ImportColumnKey, number>();
    const ignored: string[] = [];
    const problems: string[] = [];
    const width = Math.min(row.cellCount, MAX_COLUMNS);
    for (let col = 1; col <= width; col++) {
      const text = headerText(row.getCell(col).value);
      if (!text) continue;
      const key = columnForHeader(text);
      if (!key) {
        ignored.push(text);
        continue;
      }
      if (seen.has(key)) problems.push(f().duplicateColumn(columnLabel(key)));
      seen.set(key, col);
      byColumn.set(col, key);
    }
    if (seen.has('name') && seen.has('idNumber')) {
      const missing = REQUIRED_COLUMNS.filter((key) => !seen.has(key));
      if (missing.length > 0) problems.push(f().missingColumns(missing.map(columnLabel)));
      return { row: rowNumber, byColumn, ignored, problems: [...new Set(problems)] };
    }
  }
  return null;
}

/**
 * Reads the workbook. A problem with the whole file (type, size, damage, headers, too many rows)
 * comes back as `ok: false`; problems of single cells travel with their rows.
 */
export async function readImportWorkbook(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<ReadResult> {
  const refused = checkUploadBytes(bytes, limits.maxBytes);
  if (refused) return { ok: false, message: refused };
  const zip = checkZipArchive(bytes, { maxEntries: 2_000, maxTotalBytes: limits.maxUncompressedBytes });
  if (!zip.ok) return { ok: false, message: zip.problem === 'tooLarge' ? f().tooBig : f().damaged };

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; a Node Buffer is what it reads. Dropdown ranges are
    // skipped: exceljs expands each into one entry per cell (the template's cover 20,000 rows).
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0], {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'],
    });
  } catch {
    return { ok: false, message: f().damaged };
  }
  const sheet = pickSheet(workbook);
  if (!sheet) return { ok: false, message: f().noSheet };
  const header = findHeader(sheet);
  if (!header) return { ok: false, message: f().noHeader };
  if (header.problems.length > 0) return { ok: false, message: header.problems.join('') };

  const columns = [...new Set(header.byColumn.values())];
  const rows: ParsedRow[] = [];
  const skippedExamples: number[] = [];
  let dataRows = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= header.row) return;
    const cells: Partial<Record<ImportColumnKey, string>> = {};
    const problems: ImportProblem[] = [];
    let filled = false;
    for (const [col, key] of header.byColumn) {
      const { text, problem } = cellText(row.getCell(col).value, key);
      if (problem) problems.push({ row: rowNumber, column: key, message: problem });
      if (text !== null) cells[key] = DATE_COLUMNS.has(key) ? text : text.slice(0, 2_000);
      if (text !== null || problem) filled = true;
    }
    // Rows with only formatting, or only columns we ignore, are not data.
    if (!filled) return;
    if (isExampleName(cells.name)) {
      skippedExamples.push(rowNumber);
      return;
    }
    dataRows += 1;
    if (dataRows <= limits.maxRows) rows.push({ row: rowNumber, cells, problems });
  });
  if (dataRows > limits.maxRows) return { ok: false, message: f().tooManyRows(dataRows, limits.maxRows) };
  if (rows.length === 0) return { ok: false, message: f().noRows };
  return { ok: true, sheet: { headerRow: header.row, columns, ignoredHeaders: header.ignored, rows, skippedExamples } };
}
