import { describe, expect, it } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFacts } from '../../src/pipeline.js';
import { appendixTable } from '../../src/document/appendix.js';
import { readNumber } from '../../src/validate/numbers.js';
import { verifyText } from '../../src/verify/index.js';
import { scoreTable, tempDir, wideCsv, writeFile } from '../helpers.js';
import { INDICATORS, ROW, inputErrorOf, problemsOf } from './helpers.js';

const ok = (_q: string, _d: string, i: number): [number, number, number] => [20 + i * 0.1, 30, 15];

describe('impossible sub-index scores and totals', () => {
  it('a sub-index outside 0 to its points (双创环境: 0–40) is refused at its cell', async () => {
    const csv = scoreTable(['2018Q3'], (q, d, i) => (i === 0 ? [20, -5, 15] : i === 1 ? [20, 500, 15] : ok(q, d, i)));
    const problems = await problemsOf({ 's.csv': csv });
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'D（双创环境）'],
      [3, 'D（双创环境）'],
    ]);
    expect(problems[0].message).toBe('双创环境为-5分，超出可能的范围0—40分');
    expect(problems[1].message).toBe('双创环境为500分，超出可能的范围0—40分');
    expect(problems[0].hint).toContain('满分40分');
  });

  it('a given total that is not the sum of its given sub-indices is refused; rounding within 0.02 is accepted', async () => {
    const columns = ['双创指数', '双创活力', '双创环境', '双创成效'];
    const rows = (bad: boolean) =>
      wideCsv(columns, ['2018Q3'], (_q, _d, i) => {
        if (i === 0) return bad ? [87.89, 10, 30, 15] : [65, 20, 30, 15];
        if (i === 1) return [65.02, 20, 30, 15]; // 0.02: the rounding of three parts
        return [65, 20, 30, 15];
      });
    const [p, ...rest] = await problemsOf({ 't.csv': rows(true) });
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ row: 2, column: 'C（双创指数）' });
    expect(p.message).toBe('双创指数87.89不等于双创活力、双创环境、双创成效之和（10 + 30 + 15 = 55），相差32.89分');
    expect(p.hint).toContain('允许的舍入误差为0.02分');
    const dir = tempDir();
    writeFile(dir, 't.csv', rows(false));
    const { ledger } = await buildFacts({ data: dir });
    expect(ledger.districts[1].scores['双创指数'].score).toBe(65.02);
  });
});

describe('numbers as typed', () => {
  it('a comma separates thousands only in groups of three', () => {
    expect(readNumber('1,241')).toBe(1241);
    expect(readNumber('12,345.5')).toBe(12345.5);
    expect(readNumber('1,234,567')).toBe(1234567);
    expect(readNumber('１２.５%')).toBe(12.5);
    for (const s of ['32,50', '1,2,4,1', '12,34', ',5', '1,2345']) expect(readNumber(s)).toMatchObject({ kind: 'bad-comma' });
    expect(readNumber('32,50')).toMatchObject({ hint: expect.stringContaining('32.50') });
  });

  it('"32,50" and "1,2,4,1" in a data file: exit with the cell named, not read as 3250 and 1241', async () => {
    const csv = wideCsv(INDICATORS, ['2018Q3'], (_q, _d, i) => (i === 0 ? ['"1,2,4,1"', ...ROW.slice(1)] : i === 1 ? [500, '"32,50"', ...ROW.slice(2)] : i === 2 ? ['"1,241"', ...ROW.slice(1)] : ROW));
    const problems = await problemsOf({ 'raw.csv': csv });
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'C（新注册企业数）'],
      [3, 'D（新注册企业数环比增长率）'],
    ]);
    expect(problems[0].message).toBe('"1,2,4,1" 不是数值：逗号只能作千位分隔符（从个位起每三位一组，如 1,241）');
  });

  it('a growth rate below −100 % is refused; −100 % itself is possible', async () => {
    const csv = wideCsv(INDICATORS, ['2018Q3'], (_q, _d, i) => (i === 0 ? [500, -150, ...ROW.slice(2)] : i === 1 ? [500, -100, ...ROW.slice(2)] : ROW));
    const [p, ...rest] = await problemsOf({ 'raw.csv': csv });
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ row: 2, column: 'D（新注册企业数环比增长率）', message: '新注册企业数环比增长率为-150%，低于−100%：下降不可能超过100%' });
  });
});

describe('values beyond the goalposts', () => {
  // 新注册企业数 has goalposts 0–1500; the default plausibility bound (2 spans) refuses values above 4500.
  const withValue = (v: number) => wideCsv(INDICATORS, ['2018Q2', '2018Q3'], (q, _d, i) => (q === '2018Q3' && i === 11 ? [v, ...ROW.slice(1)] : ROW));

  it('a value 66× its upper goalpost is refused as implausible, with file, row and column', async () => {
    const e = await inputErrorOf({ 'raw.csv': withValue(99000) });
    expect(e.problems).toHaveLength(1);
    // 渝北区 is district 11: row 2 + 38 (2018Q2) + 11
    expect(e.problems[0]).toMatchObject({ row: 51, column: 'C（新注册企业数）' });
    expect(e.problems[0].file).toMatch(/raw\.csv$/);
    expect(e.problems[0].message).toBe('渝北区2018年第3季度的新注册企业数为99,000家，远超目标值范围0—1,500家（超出部分大于范围宽度的2倍），不可信');
    expect(e.problems[0].hint).toContain('normalisation.plausibility');
  });

  it('the bound is configurable (null: no bound), and a clipped value is said in the appendix note', async () => {
    const dir = tempDir();
    writeFile(dir, 'raw.csv', withValue(99000));
    const config = readFileSync('config/index.yaml', 'utf8').replace('plausibility: 2', 'plausibility: null').replace('districts: districts.yaml', '');
    const file = join(dir, 'index.yaml');
    writeFileSync(file, config + `\ndistricts: ${join(process.cwd(), 'config/districts.yaml')}\n`);
    const { ledger } = await buildFacts({ data: dir, config: file });
    expect(ledger.indicators['新注册企业数'].values['渝北区'].clipped).toBe(true);
    expect(ledger.indicators['新注册企业数'].values['万州区'].clipped).toBeUndefined();
    expect(appendixTable(ledger).note).toMatch(/；有1个指标值超出目标值范围，标准化时按边界值计：新注册企业数1个（渝北区）。$/);
  });

  it('a value just beyond its goalpost is clipped (not refused) and the note counts every clipped value', async () => {
    const dir = tempDir();
    writeFile(
      dir,
      'raw.csv',
      wideCsv(INDICATORS, ['2018Q3'], (_q, _d, i) => (i < 2 ? [1600, 5, 300, 5, 60, ...ROW.slice(5)] : ROW)),
    );
    const { ledger } = await buildFacts({ data: dir });
    const note = appendixTable(ledger).note!;
    expect(note).toContain('有4个指标值超出目标值范围，标准化时按边界值计：新注册企业数2个（万州区、涪陵区），众创空间数2个（万州区、涪陵区）');
    // the fact check reads 注 lines: the note's counts and districts are checked against the ledger
    expect(verifyText(note, ledger).problems).toEqual([]);
    expect(verifyText(note.replace('众创空间数2个', '众创空间数3个'), ledger).ok).toBe(false);
    expect(verifyText(note.replace('有4个', '有5个'), ledger).ok).toBe(false);
    expect(verifyText(note.replace('（万州区、涪陵区）。', '（万州区、渝中区）。'), ledger).ok).toBe(false);
  });

  it('no clipping, no note about it', async () => {
    const dir = tempDir();
    writeFile(
      dir,
      'raw.csv',
      wideCsv(INDICATORS, ['2018Q3'], () => ROW),
    );
    const { ledger } = await buildFacts({ data: dir });
    expect(appendixTable(ledger).note).not.toContain('边界值');
  });
});
