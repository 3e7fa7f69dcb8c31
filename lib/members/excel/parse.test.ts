import { describe, expect, it } from 'vitest';
import { workbookBytes } from '@/tests/support/member-workbook';
import { EXAMPLE_ID_NUMBER, columnForHeader } from './columns';
import { DEFAULT_READ_LIMITS, readImportWorkbook, type ReadResult } from './parse';
import { buildImportTemplate } from './template';

const ID = '34052419800101001X';

function sheetOf(result: ReadResult) {
  if (!result.ok) throw new Error(`expected a sheet, got: ${result.message}`);
  return result.sheet;
}

describe('headers', () => {
  it('are matched by name, with the usual variants', () => {
    expect(columnForHeader('姓名')).toBe('name');
    expect(columnForHeader(' *身份证号码 ')).toBe('idNumber');
    expect(columnForHeader('月收入（元）')).toBe('monthlyIncome');
    expect(columnForHeader('月收入')).toBe('monthlyIncome');
    expect(columnForHeader('所在党支部')).toBe('org');
    expect(columnForHeader('外出时间')).toBe('outflowStartedOn');
    expect(columnForHeader('籍贯')).toBeNull();
  });
});

describe('readImportWorkbook', () => {
  it('reads columns in any order, finds a header below a title row and keeps Excel row numbers', async () => {
    const bytes = await workbookBytes([
      ['2026年党员信息统计表'],
      ['状态', '备注', '所在党支部', '身份证号', '党员类别', '姓名', '入党时间'],
      ['在册', '随便写', '一村党支部', ID, '正式党员', '张伟', new Date(Date.UTC(2010, 6, 1))],
      [],
      ['流出中', null, '二村党支部', '110101199003071234', '预备党员', '李娜', '2025/7/1'],
    ]);
    const sheet = sheetOf(await readImportWorkbook(bytes));
    expect(sheet.headerRow).toBe(2);
    expect(sheet.ignoredHeaders).toEqual(['备注']);
    expect(sheet.rows.map((row) => row.row)).toEqual([3, 5]);
    expect(sheet.rows[0].cells).toEqual({ status: '在册', org: '一村党支部', idNumber: ID, category: '正式党员', name: '张伟', joinedPartyOn: '2010-07-01' });
    expect(sheet.rows[1].cells.joinedPartyOn).toBe('2025/7/1');
  });

  it('takes formulas by their result and names the cells it cannot use', async () => {
    const bytes = await workbookBytes([
      ['姓名', '身份证号', '党员类别', '所在党支部', '状态', '手机号', '月收入'],
      [{ richText: [{ text: '王' }, { text: '芳' }] }, ID, '正式党员', '一村党支部', '在册', { formula: 'A1', result: 13812345678 }, { formula: '4900*1.1', result: 5390.000000000001 }],
      ['赵强', 340524198001010000, '正式党员', '一村党支部', '在册', { formula: 'NOPE()', result: { error: '#NAME?' } }, { formula: 'B2*2' }],
      ['孙丽', ID, '正式党员', '一村党支部', '在册', { error: '#N/A' }, null],
    ]);
    const [first, second, third] = sheetOf(await readImportWorkbook(bytes)).rows;
    expect(first.cells).toMatchObject({ name: '王芳', phone: '13812345678', monthlyIncome: '5390' });
    expect(first.problems).toEqual([]);
    expect(second.problems).toEqual([
      { row: 3, column: 'idNumber', message: '身份证号被存成了数字，末几位可能已丢失。请把该列设为“文本”格式后重新填写。' },
      { row: 3, column: 'phone', message: '单元格是错误值 #NAME?，请改正后重新导入。' },
      { row: 3, column: 'monthlyIncome', message: '公式没有可用的计算结果，请把该列“粘贴为数值”后重新导入。' },
    ]);
    expect(third.problems).toEqual([{ row: 4, column: 'phone', message: '单元格是错误值 #N/A，请改正后重新导入。' }]);
  });

  it('refuses what is not a usable member sheet, with a message for the whole file', async () => {
    const refused = async (bytes: Uint8Array, limits = DEFAULT_READ_LIMITS) => {
      const result = await readImportWorkbook(bytes, limits);
      return result.ok ? 'accepted' : result.message;
    };
    expect(await refused(new Uint8Array())).toBe('文件为空，请重新选择。');
    expect(await refused(new TextEncoder().encode('姓名,身份证号\n张伟,34052419800101001X\n'))).toMatch(/只能导入 \.xlsx/);
    expect(await refused(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]))).toMatch(/旧版 \.xls/);
    expect(await refused(new TextEncoder().encode('%PDF-1.7\n'))).toMatch(/只能导入 \.xlsx/);
    const good = await workbookBytes([['姓名', '身份证号', '党员类别', '所在党支部', '状态'], ['张伟', ID, '正式党员', '一村党支部', '在册']]);
    expect(await refused(good, { ...DEFAULT_READ_LIMITS, maxBytes: 1_000 })).toMatch(/文件过大/);
    expect(await refused(good, { ...DEFAULT_READ_LIMITS, maxUncompressedBytes: 2_000 })).toMatch(/解压后过大/);
    // A real archive with its middle cut out.
    expect(await refused(new Uint8Array([...good.subarray(0, 2_000), ...good.subarray(good.length - 500)]))).toMatch(/损坏/);

    expect(await refused(await workbookBytes([['编号', '名字'], ['1', '张伟']]))).toMatch(/没有找到列名行/);
    expect(await refused(await workbookBytes([['姓名', '身份证号', '状态'], ['张伟', ID, '在册']]))).toBe('缺少必填的列：党员类别、所在党支部。请使用导入模板。');
    expect(await refused(await workbookBytes([['姓名', '身份证号', '党员类别', '所在党支部', '状态', '身份证号码']]))).toMatch(/“身份证号”列出现了不止一次/);
    expect(await refused(await workbookBytes([['姓名', '身份证号', '党员类别', '所在党支部', '状态'], [], [null, null]]))).toMatch(/没有需要导入的党员/);
    const four = await workbookBytes([['姓名', '身份证号', '党员类别', '所在党支部', '状态'], ...Array.from({ length: 4 }, () => ['张伟', ID, '正式党员', '一村党支部', '在册'])]);
    expect(await refused(four, { ...DEFAULT_READ_LIMITS, maxRows: 3 })).toBe('文件中有 4 行数据，超过单次导入上限 3 行，请分成几个文件导入。');
  });

  it('refuses the template imported unchanged: its example row is skipped', async () => {
    const template = await buildImportTemplate({ branches: [{ id: 7, name: '一村党支部', parentId: 3, parentName: '城关镇党委' }], groups: [] });
    expect(await readImportWorkbook(template)).toEqual({ ok: false, message: '文件中没有需要导入的党员（示例行已跳过）。' });
  });
});

describe('buildImportTemplate', () => {
  it('holds the header, a marked example, the rules, dropdowns and the importer’s orgs', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const directory = {
      branches: [
        { id: 7, name: '一村党支部', parentId: 3, parentName: '城关镇党委' },
        { id: 8, name: '机关党支部', parentId: 3, parentName: '城关镇党委' },
        { id: 9, name: '机关党支部', parentId: 4, parentName: '河口镇党委' },
      ],
      groups: [{ id: 11, name: '第一党小组', parentId: 7, parentName: '一村党支部' }],
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await buildImportTemplate(directory)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['党员信息', '填写说明', '党组织']);
    const data = workbook.getWorksheet('党员信息')!;
    const header = (data.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 12)).toEqual(['姓名', '身份证号', '手机号', '民族', '学历', '入党时间', '转正时间', '党员类别', '预备期满', '所在党支部', '党小组', '状态']);
    expect(header.slice(-4)).toEqual(['外出地区', '外出详细地址', '外出原因', '外出时间']);
    const example = data.getRow(2);
    expect(String(example.getCell(1).value)).toMatch(/^示例/);
    expect(example.getCell(2).value).toBe(EXAMPLE_ID_NUMBER);
    expect(example.getCell(10).value).toBe('一村党支部');
    expect(data.getCell('L2').dataValidation).toMatchObject({ type: 'list', formulae: ['"在册,流出中,已返乡,组织关系已转出,失联,停止党籍"'] });
    expect(data.getCell('J500').dataValidation).toMatchObject({ type: 'list', formulae: ["'党组织'!$A$2:$A$4"] });
    const guide = workbook.getWorksheet('填写说明')!;
    expect(guide.getRow(3).values).toEqual([undefined, '身份证号', '必填', expect.stringMatching(/18 位/)]);
    const orgSheet = workbook.getWorksheet('党组织')!;
    expect([2, 3, 4].map((row) => orgSheet.getRow(row).getCell(1).value)).toEqual(['一村党支部', '城关镇党委/机关党支部', '河口镇党委/机关党支部']);
    expect(orgSheet.getRow(2).getCell(2).value).toBe('第一党小组');
  });
});
