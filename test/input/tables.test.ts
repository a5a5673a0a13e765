import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildFacts } from '../../src/pipeline.js';
import { isPercentFormat } from '../../src/load/read.js';
import { DISTRICTS, scoreTable, tempDir, wideCsv, writeFile } from '../helpers.js';
import { INDICATORS, ROW, problemsOf } from './helpers.js';

/** A workbook of the eleven indicators for 2018Q3; `edit` may change the sheet before it is written. */
async function workbook(edit: (ws: ExcelJS.Worksheet, firstDataRow: number) => void, opts: { title?: boolean } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  if (opts.title) {
    ws.mergeCells(1, 1, 1, INDICATORS.length + 2);
    ws.getCell(1, 1).value = '2018年第三季度各区县双创指标';
  }
  ws.addRow(['季度', '区县', ...INDICATORS]);
  DISTRICTS.forEach((d) => ws.addRow(['2018Q3', d, ...ROW]));
  edit(ws, opts.title ? 3 : 2);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function factsOf(files: Record<string, string | Uint8Array>) {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFile(dir, name, content);
  return buildFacts({ data: dir });
}

describe('XLSX cells as Excel shows them', () => {
  it('a percent-formatted cell (0.00%, stored 0.1499) reads as 14.99', async () => {
    const xlsx = await workbook((ws, first) => {
      for (let r = first; r < first + DISTRICTS.length; r++) {
        const cell = ws.getCell(r, 4); // 新注册企业数环比增长率
        cell.value = 0.1499;
        cell.numFmt = '0.00%';
      }
    });
    const { ledger } = await factsOf({ 'a.xlsx': xlsx });
    expect(ledger.indicators['新注册企业数环比增长率'].values['万州区'].value).toBe(14.99);
    expect(isPercentFormat('0.00%')).toBe(true);
    expect(isPercentFormat('#,##0.0%;[Red]-#,##0.0%')).toBe(true);
    expect(isPercentFormat('0.00"%"')).toBe(false);
    expect(isPercentFormat('0.00\\%')).toBe(false);
    expect(isPercentFormat('General')).toBe(false);
  });

  it('a formula with no stored result says what it is and how to fix it', async () => {
    const xlsx = await workbook((ws, first) => {
      ws.getCell(first + 4, 3).value = { formula: 'SUM(C2:C3)' } as ExcelJS.CellFormulaValue;
    });
    const [p, ...rest] = await problemsOf({ 'a.xlsx': xlsx });
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ row: 6, column: 'C（新注册企业数）' });
    expect(p.file).toMatch(/a\.xlsx \[数据\]$/);
    expect(p.message).toBe('单元格是公式 =SUM(C2:C3)，但文件中没有保存它的计算结果');
    expect(p.hint).toMatch(/用 Excel（或 WPS）打开该文件并保存一次/);
    expect(p.message).not.toContain('[object Object]');
  });

  it('a formula with its stored result reads the result', async () => {
    const xlsx = await workbook((ws, first) => {
      ws.getCell(first, 3).value = { formula: '250*2', result: 500 } as ExcelJS.CellFormulaValue;
    });
    const { ledger } = await factsOf({ 'a.xlsx': xlsx });
    expect(ledger.indicators['新注册企业数'].values['万州区'].value).toBe(500);
  });

  it('a merged title row above the headings is skipped: the headings are found in row 2', async () => {
    const xlsx = await workbook(() => {}, { title: true });
    const { ledger, dataset } = await factsOf({ 'a.xlsx': xlsx });
    expect(ledger.districts).toHaveLength(38);
    expect(dataset.sources.get('2018Q3')!.get('万州区')).toMatchObject({ row: 3 });
  });

  it('headings below other rows: "表头应在第1行，实际在第3行", and nothing else', async () => {
    const xlsx = await workbook((ws) => {
      ws.spliceRows(1, 0, ['制表单位', '重庆市科技局'], ['制表日期', '2018-10-08']);
    });
    const problems = await problemsOf({ 'a.xlsx': xlsx });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 3, message: '表头应在第1行，实际在第3行' });
    expect(problems[0].hint).toContain('删去表头上方的第1—2行');
  });
});

describe('cells without a heading are errors, not dropped', () => {
  it('a column with values but no heading (XLSX), one problem for the whole column', async () => {
    const xlsx = await workbook((ws, first) => {
      for (let r = first; r < first + DISTRICTS.length; r++) ws.getCell(r, INDICATORS.length + 3).value = 7;
    });
    const problems = await problemsOf({ 'a.xlsx': xlsx });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 2, column: 'N' });
    expect(problems[0].message).toBe('列 N 在最后一个表头（列 M（高新技术产品产值））之后，但第2、3、4行等38行有数值');
  });

  it('an empty heading between headings (CSV)', async () => {
    const csv = scoreTable(['2018Q3'], () => [20, 30, 15])
      .replace('双创活力,', '双创活力,,')
      .replace(/\n(2018Q3,[^,]+,[^,]+,)/g, '\n$1 9,');
    const problems = await problemsOf({ 'a.csv': csv });
    expect(problems.map((p) => [p.row, p.column, p.message])).toEqual([[2, 'D', '列 D 没有表头，但第2、3、4行等38行有数值']]);
  });

  it('cells beyond the last heading in a CSV row: an unquoted 1,241 split in two', async () => {
    const csv = wideCsv(INDICATORS, ['2018Q3'], (_q, _d, i) => (i === 5 ? ['1,241', ...ROW.slice(1)] : ROW));
    const problems = await problemsOf({ 'a.csv': csv });
    expect(problems.map((p) => [p.row, p.column])).toEqual([[7, 'N']]);
    expect(problems[0].hint).toContain('1,241');
  });
});

describe('CSV title rows', () => {
  it('a title line above the headings (as Excel saves a merged title) is skipped', async () => {
    const csv = '2018年第三季度各区县双创指标,,,,\n' + scoreTable(['2018Q3'], () => [20, 30, 15]);
    const { dataset } = await factsOf({ 't.csv': csv });
    expect(dataset.sources.get('2018Q3')!.get('万州区')!.row).toBe(3);
  });
});

describe('CSV line endings', () => {
  it('any mix of CRLF, LF and CR reads as one table', async () => {
    const lines = scoreTable(['2018Q2', '2018Q3'], (_q, _d, i) => [20 + i * 0.1, 30, 15])
      .trimEnd()
      .split('\n');
    const mixed = lines.map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\n' : '\r')).join('');
    const { ledger, dataset } = await factsOf({ 'm.csv': mixed });
    expect(ledger.districts).toHaveLength(38);
    expect(dataset.sources.get('2018Q3')!.get('万州区')!.row).toBe(40);
    expect(ledger.districts[0].scores['双创活力'].score).toBe(20);
  });
});

describe('headings', () => {
  it('a heading may carry its unit in brackets; another unit is refused, not rescaled', async () => {
    const csv = wideCsv(INDICATORS, ['2018Q3'], () => ROW)
      .replace('新注册企业数,', '新注册企业数（家）,')
      .replace('创业投资额,', '创业投资额(亿元),');
    const { ledger } = await factsOf({ 'a.csv': csv });
    expect(ledger.indicators['创业投资额'].values['万州区'].value).toBe(5);
    const [p, ...rest] = await problemsOf({ 'a.csv': csv.replace('创业投资额(亿元)', '创业投资额（万元）') });
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ row: 1, column: 'F（创业投资额（万元））', message: '列"创业投资额（万元）"的单位"万元"与指标体系中创业投资额的单位"亿元"不同' });
    expect(p.hint).toContain('换算为亿元');
  });

  it('a misspelt 季度 heading is named with its likely meaning', async () => {
    const problems = await problemsOf({ 'a.csv': scoreTable(['2018Q3'], () => [20, 30, 15]).replace('季度,', '季渡,') });
    expect(problems.map((p) => p.message)).toEqual(['无法识别的列"季渡"（该列未读取，因此引起的各行缺少指标等问题未列出）', '没有"季度"列']);
    expect(problems[0].hint).toContain('最接近的是"季度"');
  });
});
