import ExcelJS from 'exceljs';
import { messages } from '@/lib/i18n/messages';
import { DUES_CATEGORIES, MEMBER_CATEGORIES, MEMBER_STATUSES, OUTFLOW_REASONS } from '@/lib/members/member-status';
import { DATE_COLUMNS, EXAMPLE_ID_NUMBER, IMPORT_COLUMNS, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, TEXT_COLUMNS, columnLabel, type ImportColumnKey } from './columns';
import { branchLabel, buildOrgIndex, type ImportDirectory } from './validate';

// The import template: the data sheet (header, one example row, dropdowns for every choice),
// the rules of each column, and the importer's own branches and 党小组 to copy names from.

// exceljs has worksheet.dataValidations at run time but leaves it out of its typings.
type WithValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

const WIDE: ReadonlySet<ImportColumnKey> = new Set(['idNumber', 'org', 'workUnit', 'familySituation', 'difficulties', 'outflowRegion', 'outflowPlace', 'duesCategory']);

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function choices(key: ImportColumnKey): string[] | null {
  const m = messages.memberFields;
  switch (key) {
    case 'education':
      return [...m.educations];
    case 'category':
      return MEMBER_CATEGORIES.map((value) => m.categories[value]);
    case 'status':
      return MEMBER_STATUSES.map((value) => messages.memberStatuses[value]);
    case 'duesCategory':
      return DUES_CATEGORIES.map((value) => m.duesCategories[value]);
    case 'outflowReason':
      return OUTFLOW_REASONS.map((value) => m.outflowReasons[value]);
    default:
      return null;
  }
}

/** The template for this importer: `directory` holds the branches and groups in their subtree. */
export async function buildImportTemplate(directory: ImportDirectory): Promise<Uint8Array> {
  const x = messages.excel;
  const index = buildOrgIndex(directory);
  // In tree order (the directory comes sorted by path): a committee's branches stay together.
  const branches = directory.branches;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = messages.app.name;

  // --- 党员信息 ---
  const sheet = workbook.addWorksheet(x.sheets.data, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((key) => ({
    header: columnLabel(key),
    key,
    width: WIDE.has(key) ? 24 : 14,
    style: TEXT_COLUMNS.has(key) ? { numFmt: '@' } : DATE_COLUMNS.has(key) ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.height = 22;
  IMPORT_COLUMNS.forEach((key, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE8E6' } };
    if (REQUIRED_COLUMNS.includes(key)) cell.font = { bold: true, color: { argb: 'FFB91C1C' } };
    cell.note = x.rules[key];
  });

  const example: Record<string, string> = { ...x.example, idNumber: EXAMPLE_ID_NUMBER };
  if (branches[0]) example.org = branchLabel(branches[0], index);
  const exampleRow = sheet.addRow(Object.fromEntries(IMPORT_COLUMNS.map((key) => [key, example[key] ?? null])));
  exampleRow.font = { italic: true, color: { argb: 'FF78716C' } };

  const lastRow = MAX_IMPORT_ROWS + 1;
  const validations = (sheet as unknown as WithValidations).dataValidations;
  IMPORT_COLUMNS.forEach((key, i) => {
    const letter = columnLetter(i + 1);
    const list = choices(key);
    if (list) {
      validations.add(`${letter}2:${letter}${lastRow}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${list.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        error: x.dropdownError,
      });
    } else if (key === 'org' && branches.length > 0) {
      // Offered, not enforced: a name typed in the "上级组织/党支部" form is valid too.
      validations.add(`${letter}2:${letter}${lastRow}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`'${x.sheets.orgs}'!$A$2:$A$${branches.length + 1}`],
        showErrorMessage: false,
      });
    }
  });

  // --- 填写说明 ---
  const guide = workbook.addWorksheet(x.sheets.guide);
  guide.columns = [
    { header: x.guideColumns.column, key: 'column', width: 18 },
    { header: x.guideColumns.required, key: 'required', width: 10 },
    { header: x.guideColumns.rule, key: 'rule', width: 90 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const key of IMPORT_COLUMNS) {
    guide.addRow({ column: columnLabel(key), required: REQUIRED_COLUMNS.includes(key) ? x.required : x.optional, rule: x.rules[key] });
  }
  guide.getColumn('rule').alignment = { wrapText: true, vertical: 'top' };
  guide.addRow({});
  for (const note of x.guideNotes) guide.addRow({ column: note });

  // --- 党组织 ---
  const orgSheet = workbook.addWorksheet(x.sheets.orgs);
  orgSheet.columns = [
    { header: x.orgSheetColumns.branch, key: 'branch', width: 40 },
    { header: x.orgSheetColumns.groups, key: 'groups', width: 60 },
  ];
  orgSheet.getRow(1).font = { bold: true };
  for (const branch of branches) {
    const groups = [...(index.groupsByBranch.get(branch.id)?.values() ?? [])].map((group) => group.name);
    orgSheet.addRow({ branch: branchLabel(branch, index), groups: groups.join('、') });
  }
  orgSheet.addRow({});
  orgSheet.addRow({ branch: x.orgSheetNote });

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
