import { describe, expect, it } from 'vitest';
import { InputError, MAX_KEPT, MAX_PRINTED, ProblemList, countProblems } from '../../src/errors.js';
import { scoreTable, wideCsv } from '../helpers.js';
import { INDICATORS, ROW, inputErrorOf } from './helpers.js';

const QUARTERS = ['2018Q1', '2018Q2', '2018Q3', '2018Q4'];
const entries = (e: InputError) => e.message.split('\n').filter((l) => l.startsWith('  - ')).length;

describe('follow-on problems fold under their cause', () => {
  it('one misspelt heading is one problem, not one per row (was 153)', async () => {
    const csv = wideCsv(INDICATORS, QUARTERS, () => ROW).replace('新注册企业数,', '新注删企业数,');
    const e = await inputErrorOf({ 'a.csv': csv });
    expect(countProblems(e.problems)).toBe(1);
    expect(e.problems[0]).toMatchObject({ row: 1, column: 'C（新注删企业数）' });
    expect(e.problems[0].hint).toContain('最接近的是"新注册企业数"');
  });

  it('a duplicated file: three examples and "还有149个同类问题" (was 152 messages)', async () => {
    const csv = wideCsv(INDICATORS, QUARTERS, () => ROW);
    const e = await inputErrorOf({ 'a.csv': csv, 'b.csv': csv });
    expect(e.problems).toHaveLength(3);
    expect(countProblems(e.problems)).toBe(152);
    expect(e.message.startsWith('输入有152个问题：\n')).toBe(true);
    expect(e.message).toContain('（还有149个同类问题，未逐一列出）');
    expect(e.problems[0].file).toMatch(/b\.csv$/);
    expect(e.problems[0].message).toMatch(/第一次在 .*a\.csv 第2行/);
    expect(e.message.split('\n').length).toBeLessThan(15);
  });

  it('twenty thousand duplicate rows: a short message and bounded memory', async () => {
    const head = scoreTable(['2018Q3'], (_q, _d, i) => [20 + i * 0.1, 30, 15]);
    const dup = head.split('\n')[1];
    const csv = head + Array.from({ length: 20000 }, () => dup).join('\n') + '\n';
    const e = await inputErrorOf({ 'big.csv': csv });
    expect(countProblems(e.problems)).toBe(20000);
    expect(e.problems.length).toBeLessThanOrEqual(3);
    expect(e.message.length).toBeLessThan(2000);
  });

  it('many problems of different kinds: at most 50 printed with the rest counted; at most MAX_KEPT kept', () => {
    const list = new ProblemList();
    for (let i = 0; i < 100000; i++) list.add({ file: 'x.csv', row: i + 2, column: 'C', message: `第${i}个问题`, kind: `k${i}` });
    expect(list.size).toBe(100000);
    expect(list.items.length).toBe(MAX_KEPT);
    let e: InputError | undefined;
    try {
      list.throwIfAny();
    } catch (err) {
      e = err as InputError;
    }
    expect(e).toBeInstanceOf(InputError);
    expect(entries(e!)).toBe(MAX_PRINTED);
    expect(e!.message.startsWith('输入有100000个问题：')).toBe(true);
    expect(e!.message).toContain(`还有${100000 - MAX_PRINTED}个问题未列出`);
  });
});
