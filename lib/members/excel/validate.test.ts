import { describe, expect, it } from 'vitest';
import { syntheticIdNumber, withWrongCheckChar } from '@/tests/support/member-workbook';
import { EXAMPLE_ID_NUMBER, type ImportColumnKey } from './columns';
import type { ParsedRow, ParsedSheet } from './parse';
import { applyArchiveDuplicates, resolveOutflowRegion, validateSheet, type ImportDirectory, type ValidateContext } from './validate';

const TODAY = '2026-12-05';
const directory: ImportDirectory = {
  branches: [
    { id: 10, name: '一村党支部', parentId: 2, parentName: '城关镇党委' },
    { id: 11, name: '机关党支部', parentId: 2, parentName: '城关镇党委' },
    { id: 12, name: '机关党支部', parentId: 3, parentName: '河口镇党委' },
  ],
  groups: [
    { id: 20, name: '第一党小组', parentId: 10, parentName: '一村党支部' },
    { id: 21, name: '第一党小组', parentId: 11, parentName: '机关党支部' },
  ],
};
const context: ValidateContext = { today: TODAY, directory, skills: null };

type Cells = Partial<Record<ImportColumnKey, string>>;
const base = (serial: number): Cells => ({ name: '张伟', idNumber: syntheticIdNumber(serial), category: '正式党员', org: '一村党支部', status: '在册' });

function sheet(rows: Cells[], extraColumns: ImportColumnKey[] = []): ParsedSheet {
  const parsed: ParsedRow[] = rows.map((cells, i) => ({ row: i + 2, cells, problems: [] }));
  const columns = [...new Set<ImportColumnKey>(['name', 'idNumber', 'category', 'org', 'status', ...extraColumns, ...rows.flatMap((row) => Object.keys(row) as ImportColumnKey[])])];
  return { headerRow: 1, columns, ignoredHeaders: [], rows: parsed, skippedExamples: [] };
}

async function problemsOf(rows: Cells[], ctx: ValidateContext = context) {
  const result = await validateSheet(sheet(rows), ctx);
  return result.problems.map(({ row, column, message }) => `${row}:${column}:${message}`);
}

describe('validateSheet', () => {
  it('turns a good row into a member record and a masked preview', async () => {
    const id = syntheticIdNumber(1);
    const result = await validateSheet(
      sheet([
        {
          ...base(1),
          idNumber: id.toLowerCase(),
          phone: '139 1234 5678',
          ethnicity: '汉族',
          education: '本科',
          joinedPartyOn: '2010年7月1日',
          fullMemberOn: '2011/7/1',
          group: '第一党小组',
          status: '流出中',
          skills: '电工、驾驶，电工',
          monthlyIncome: '4,900.5',
          duesCategory: '工资收入',
          outflowRegion: '广东省深圳市南山区',
          outflowReason: '务工',
          outflowStartedOn: '2024-03-01',
        },
      ]),
      context,
    );
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(1);
    const [{ member, preview }] = result.rows;
    expect(member).toMatchObject({
      orgId: 10,
      groupId: 20,
      name: '张伟',
      idNumber: id,
      phone: '13912345678',
      status: 'outflow',
      category: 'full',
      joinedPartyOn: '2010-07-01',
      fullMemberOn: '2011-07-01',
      skills: ['电工', '驾驶'],
      monthlyIncomeFen: 490_050,
      duesCategory: 'salaried',
      outflow: { regionCode: '440305', place: '广东省 深圳市 南山区', reason: 'work', startedOn: '2024-03-01', hostOrgId: null },
    });
    expect(preview).toMatchObject({ row: 2, name: '张伟', idNumberMasked: `${id.slice(0, 6)}********${id.slice(-4)}`, org: '一村党支部', group: '第一党小组', status: '流出中', outflow: '广东省 深圳市 南山区' });
  });

  it('names the row and column of every problem, in Chinese', async () => {
    expect(
      await problemsOf([
        base(1),
        { ...base(2), idNumber: withWrongCheckChar(syntheticIdNumber(2)), joinedPartyOn: '2020-13-01', education: '大学', status: '出差' },
        { ...base(3), name: '', category: '预备党员', fullMemberOn: '2030-01-01' },
      ]),
    ).toEqual([
      '3:idNumber:身份证号码校验位不正确，请核对后重新输入。',
      '3:education:请从给定的选项中选择。',
      '3:joinedPartyOn:请填写有效日期，如 2020-07-01。',
      '3:status:请从给定的选项中选择。',
      '4:name:此项为必填项。',
      '4:fullMemberOn:日期不能晚于今天。',
      '4:probationEndsOn:预备党员需填写预备期满日期。',
    ]);
  });

  it('finds the branch by name inside the importer’s orgs, asks for the parent when names repeat', async () => {
    expect(
      await problemsOf([
        { ...base(1), org: '机关党支部' },
        { ...base(2), org: '河口镇党委／机关党支部', group: '第一党小组' },
        { ...base(3), org: '城关镇党委/机关党支部', group: '第一党小组' },
        { ...base(4), org: '外县党支部' },
        { ...base(5), group: '第九党小组' },
      ]),
    ).toEqual([
      '2:org:有多个名为“机关党支部”的党支部，请写成“上级组织/党支部”，如：城关镇党委/机关党支部；河口镇党委/机关党支部。',
      '3:group:“第一党小组”不是所填党支部下设的党小组。',
      '5:org:在您管理的范围内没有名为“外县党支部”的党支部。',
      '6:group:“第九党小组”不是所填党支部下设的党小组。',
    ]);
  });

  it('asks for the outflow only of members away, and resolves their destination to a county', async () => {
    expect(
      await problemsOf([
        { ...base(1), status: '流出中' },
        { ...base(2), status: '流出中', outflowRegion: '深圳市', outflowReason: '旅游', outflowStartedOn: '2024-02-30' },
        { ...base(3), outflowRegion: '440305' },
        { ...base(4), status: '流出中', outflowRegion: '440305', outflowReason: '经商', outflowStartedOn: '2024-02-01' },
      ]),
    ).toEqual([
      '2:outflowRegion:状态为“流出中”的党员必须填写此项。',
      '2:outflowReason:状态为“流出中”的党员必须填写此项。',
      '2:outflowStartedOn:状态为“流出中”的党员必须填写此项。',
      '3:outflowRegion:外出地区请写到区县一级，如“广东省深圳市南山区”。',
      '3:outflowReason:外出原因请从务工、经商、求学、随迁、其他中选择。',
      '3:outflowStartedOn:请填写有效日期，如 2020-07-01。',
      '4:outflowRegion:只有状态为“流出中”的党员才填写外出信息。',
    ]);
    expect(resolveOutflowRegion('440305')).toEqual({ ok: true, value: '440305' });
    expect(resolveOutflowRegion('440399').ok).toBe(false);
    expect(resolveOutflowRegion('火星').ok).toBe(false);
  });

  it('names both rows of an ID number given twice, and refuses the template’s example ID', async () => {
    const id = syntheticIdNumber(7);
    expect(await problemsOf([{ ...base(7), idNumber: id }, base(8), { ...base(9), idNumber: id.toLowerCase() }, { ...base(10), idNumber: EXAMPLE_ID_NUMBER }])).toEqual([
      '2:idNumber:身份证号与第 4 行重复。',
      '4:idNumber:身份证号与第 2 行重复。',
      '5:idNumber:这是导入模板示例中的身份证号，请填写党员本人的身份证号。',
    ]);
    const result = await validateSheet(sheet([{ ...base(7), idNumber: id }, base(8), { ...base(9), idNumber: id }]), context);
    expect(result.rows.map((row) => row.row)).toEqual([3]);
  });

  it('checks skills against the county’s dictionary when it keeps one', async () => {
    const withDictionary = { ...context, skills: new Set(['电工', '驾驶']) };
    expect(await problemsOf([{ ...base(1), skills: '电工、区块链' }], withDictionary)).toEqual(['2:skills:技能字典中没有：区块链。']);
    expect(await problemsOf([{ ...base(1), skills: '电工、区块链' }])).toEqual([]);
  });

  it('keeps cell problems found while reading and does not pile a second message on them', async () => {
    const parsed = sheet([{ ...base(1), idNumber: undefined }]);
    parsed.rows[0].problems.push({ row: 2, column: 'idNumber', message: '身份证号被存成了数字' });
    const result = await validateSheet(parsed, context);
    expect(result.problems).toEqual([{ row: 2, column: 'idNumber', message: '身份证号被存成了数字' }]);
    expect(result.rows).toEqual([]);
  });

  it('reports progress between chunks of rows', async () => {
    const seen: string[] = [];
    const rows = Array.from({ length: 4_500 }, (_, i) => base(i));
    const result = await validateSheet(sheet(rows), context, (done, total) => void seen.push(`${done}/${total}`));
    expect(seen).toEqual(['2000/4500', '4000/4500', '4500/4500']);
    expect(result.rows).toHaveLength(4_500);
  });
});

describe('applyArchiveDuplicates', () => {
  it('adds the archive problem to the rows found there and drops them from the import', async () => {
    const result = await validateSheet(sheet([base(1), base(2), { ...base(3), name: '' }]), context);
    const checked = applyArchiveDuplicates(result, new Set([2, 4]));
    expect(checked.rows.map((row) => row.row)).toEqual([3]);
    expect(checked.problems.map(({ row, column }) => `${row}:${column}`)).toEqual(['2:idNumber', '4:name', '4:idNumber']);
  });
});
