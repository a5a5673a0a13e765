import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { buildFacts } from '../../src/pipeline.js';
import { InputError, type InputProblem } from '../../src/errors.js';
import { loadConfig } from '../../src/config/load.js';
import { DISTRICTS, scoreTable, tempDir, wideCsv, writeFile } from '../helpers.js';

const ok = (_q: string, _d: string, i: number): [number, number, number] => [20 + i * 0.1, 30, 15];

async function problemsOf(files: Record<string, string | Uint8Array>, opts: { quarter?: string; config?: string } = {}): Promise<InputProblem[]> {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFile(dir, name, content);
  try {
    await buildFacts({ data: dir, ...opts });
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('bad data gets a clear error naming file, row and column', () => {
  it('unknown district: suggests the closest name', async () => {
    const csv = scoreTable(['2018Q3'], ok).replace('渝北区,', '渝bei区,');
    const [p] = await problemsOf({ 'a.csv': csv });
    expect(p).toMatchObject({ file: expect.stringContaining('a.csv'), row: 13, column: 'B（区县）' });
    expect(p.message).toBe('未知的区县"渝bei区"');
    expect(p.hint).toContain('渝北区');
  });

  it('duplicate district–quarter row, across files too', async () => {
    const dup = '季度,区县,双创活力,双创环境,双创成效\n2018Q3,万州区,1,2,3\n';
    const problems = await problemsOf({ 'a.csv': scoreTable(['2018Q3'], ok), 'b.csv': dup });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: expect.stringContaining('b.csv'), row: 2 });
    expect(problems[0].message).toMatch(/^万州区2018年第3季度的数据出现第二次（第一次在 .*a\.csv 第2行）$/);
  });

  it('a district missing from a quarter', async () => {
    const csv = scoreTable(['2018Q3'], ok)
      .split('\n')
      .filter((l) => !l.includes('城口县'))
      .join('\n');
    const [p] = await problemsOf({ 'a.csv': csv });
    expect(p.message).toBe('2018年第3季度缺少1个区县的数据：城口县');
  });

  it('non-numeric, negative and empty counts; all problems of a file in one run', async () => {
    const columns = ['新注册企业数', '新注册企业数环比增长率', '科技型企业数', '创业投资额', '众创空间数', '科技企业孵化器数', '知识产权保护程度', '社会关注度', '新增就业岗位数', '就业潜力', '高新技术产品产值'];
    const row = [500, 5, 300, 5, 10, 3, 70, 20000, 8000, 50, 100];
    const csv = wideCsv(columns, ['2018Q3'], (_q, _d, i) => {
      if (i === 0) return ['五百', ...row.slice(1)];
      if (i === 1) return [-3, ...row.slice(1)];
      if (i === 2) return ['', ...row.slice(1)];
      if (i === 3) return [500, -12.5, ...row.slice(2)]; // a negative rate is fine
      return row;
    });
    const problems = await problemsOf({ 'raw.csv': csv });
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'C（新注册企业数）'],
      [3, 'C（新注册企业数）'],
      [4, 'C（新注册企业数）'],
    ]);
    expect(problems[0].message).toBe('"五百" 不是数值');
    expect(problems[1].message).toBe('新注册企业数是计数，不能为负数（-3）');
    expect(problems[2].message).toBe('新注册企业数为空');
  });

  it('an unknown column names the closest indicator', async () => {
    const csv = scoreTable(['2018Q3'], ok).replace('双创成效', '双创成效,创新指数');
    const [p] = await problemsOf({ 'a.csv': csv.replace(/\n(2018Q3,[^\n]+)/g, '\n$1,1') });
    expect(p).toMatchObject({ row: 1, column: 'F（创新指数）' });
    expect(p.message).toMatch(/^无法识别的列"创新指数"/);
    expect(p.hint).toContain('最接近的是"双创指数"');
  });

  it('a quarter that is not in the data lists the ones that are', async () => {
    const [p] = await problemsOf({ 'a.csv': scoreTable(['2018Q2', '2018Q3'], ok) }, { quarter: '2019Q1' });
    expect(p.message).toBe('数据中没有 2019Q1');
    expect(p.hint).toContain('2018Q2、2018Q3');
  });

  it('a malformed workbook and a password-protected one', async () => {
    const [bad] = await problemsOf({ 'bad.xlsx': 'this is not a zip' });
    expect(bad.message).toMatch(/不是可读取的 \.xlsx 工作簿/);
    // an encrypted .xlsx is an OLE compound document (magic D0 CF 11 E0)
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const [locked] = await problemsOf({ 'locked.xlsx': ole });
    expect(locked.message).toMatch(/密码保护/);
    expect(locked.hint).toMatch(/取消密码/);
  });
});

describe('bad config gets a clear error naming the line', () => {
  const base = (tree: string) => `districts: ${process.cwd()}/config/districts.yaml\ntiers:\n  - { name: A, label: a, min: 50 }\n  - { name: B, label: b, min: null }\n${tree}`;
  const configError = (text: string): InputProblem[] => {
    const dir = tempDir();
    const file = `${dir}/c.yaml`;
    writeFileSync(file, text);
    try {
      loadConfig(file);
    } catch (e) {
      if (e instanceof InputError) return e.problems;
      throw e;
    }
    throw new Error('expected an InputError');
  };

  it('weights that do not add up to 1', () => {
    const problems = configError(base('tree:\n  name: T\n  children:\n    - { name: A1, weight: 0.5 }\n    - { name: A2, weight: 0.4 }\n'));
    expect(problems[0].message).toBe('T的下级权重之和为0.9，不等于1');
    expect(problems[0].line).toBe(6);
  });

  it('a cycle and an unknown node (flat form)', () => {
    const cyc = configError(base('root: T\nnodes:\n  - { name: T, children: [A] }\n  - { name: A, weight: 1, children: [B] }\n  - { name: B, weight: 1, children: [A] }\n'));
    expect(cyc.some((p) => /在A处形成了循环/.test(p.message))).toBe(true);
    const unknown = configError(base('root: T\nnodes:\n  - { name: T, children: [A, Z] }\n  - { name: A, weight: 1 }\n'));
    expect(unknown[0].message).toBe('节点T的下级Z未定义');
    expect(unknown[0].line).toBe(7);
  });

  it('an unknown key is named with its line', () => {
    const problems = configError(base('tree:\n  name: T\n  wieght: 1\n'));
    expect(problems[0].line).toBe(7);
    expect(problems[0].message).toMatch(/wieght/);
  });

  it('the shipped config loads: 35/40/25 of 100 points', () => {
    const config = loadConfig();
    expect(config.nodes.filter((n) => n.depth === 1).map((n) => [n.name, n.points])).toEqual([
      ['双创活力', 35],
      ['双创环境', 40],
      ['双创成效', 25],
    ]);
    expect(config.districts).toHaveLength(38);
    expect(config.districts.map((d) => d.name)).toEqual(DISTRICTS);
  });
});
