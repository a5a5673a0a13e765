import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { buildFacts } from '../../src/pipeline.js';
import { parseQuarter } from '../../src/quarter.js';
import { DISTRICTS, scoreTable, tempDir, wideCsv, writeFile } from '../helpers.js';

/** Scores that make district i score (30 − i·0.5, 30 − i·0.5, 20 − i·0.25) in 2018Q2 and a bit more in 2018Q3. */
const steady = (q: string, _d: string, i: number): [number, number, number] => {
  const up = q === '2018Q3' ? 1 : 0;
  return [30 - i * 0.5 + up, 35 - i * 0.5, 20 - i * 0.25];
};

describe('score-only tables (sub-indices computed elsewhere)', () => {
  it('takes the given scores as-is and sums them into the total', async () => {
    const dir = tempDir();
    writeFile(dir, 'scores.csv', scoreTable(['2018Q2', '2018Q3'], steady));
    const { ledger, result } = await buildFacts({ data: dir });
    expect(ledger.meta.quarter).toBe('2018Q3'); // default: the latest quarter
    expect(ledger.meta.previous).toBe('2018Q2');
    const top = ledger.districts[0];
    expect(top.district).toBe('万州区');
    expect(top.scores['双创活力']).toMatchObject({ score: 31, previousScore: 30, diff: 1, pct: 3.33, rank: 1, rankMove: 0 });
    expect(top.scores['双创指数']).toMatchObject({ score: 86, previousScore: 85, diff: 1, pct: 1.18 });
    expect(result.nodes.get('新注册企业数')).toBeUndefined(); // nodes below a given score are not invented
    // every district's 活力 rose by 1 point; the mean % change is the mean of the 38 rates
    const pcts = DISTRICTS.map((_, i) => (1 / (30 - i * 0.5)) * 100);
    expect(ledger.nodes['双创活力'].change!.meanPct).toBeCloseTo(pcts.reduce((s, x) => s + x, 0) / 38, 2);
    expect(ledger.nodes['双创活力'].change!.rose).toBe(38);
    expect(ledger.nodes['双创环境'].change!).toMatchObject({ rose: 0, fell: 0, same: 38, meanPct: 0, direction: 'flat', risers: [], fallers: [], biggestRise: null });
  });

  it('ties share a rank and tied districts at the edge of a list are all kept', async () => {
    const dir = tempDir();
    // districts 0–5 all score 30/35/20: six tied at the top
    writeFile(
      dir,
      'scores.csv',
      scoreTable(['2018Q3'], (_q, _d, i) => (i < 6 ? [30, 35, 20] : [20 - i * 0.1, 30, 15])),
    );
    const { ledger } = await buildFacts({ data: dir });
    const total = ledger.nodes['双创指数'];
    expect(total.top).toHaveLength(6);
    expect(total.top.every((d) => d.rank === 1 && d.tied)).toBe(true);
    expect(total.highest.districts).toEqual(DISTRICTS.slice(0, 6));
    expect(ledger.districts[6].scores['双创指数'].rank).toBe(7);
    expect(ledger.meta.changesUnavailable).toMatch(/无法计算环比/);
    expect(total.change).toBeNull();
  });

  it('a % change with a zero base is unavailable, not infinite', async () => {
    const dir = tempDir();
    writeFile(
      dir,
      'scores.csv',
      scoreTable(['2018Q2', '2018Q3'], (q, _d, i) => (i === 0 ? [q === '2018Q2' ? 0 : 5, 30, 15] : [20, 30, 15])),
    );
    const { ledger } = await buildFacts({ data: dir });
    const s = ledger.districts[0].scores['双创活力'];
    expect(s.pct).toBeNull();
    expect(s.diff).toBe(5);
    expect(ledger.nodes['双创活力'].change!.risers).toEqual([]); // no % rise to rank by
  });

  it('puts every district in the tier its total falls in (> min)', async () => {
    const dir = tempDir();
    const totals = [85, 80, 75, 70.01, 50, 49.99];
    writeFile(
      dir,
      'scores.csv',
      scoreTable(['2018Q3'], (_q, _d, i) => {
        const t = totals[i] ?? 60;
        return [t * 0.35, t * 0.4, t - +(t * 0.35).toFixed(2) - +(t * 0.4).toFixed(2)];
      }),
    );
    const { ledger } = await buildFacts({ data: dir });
    const tierOf = (d: string) => ledger.districts.find((x) => x.district === d)!.tier;
    expect(DISTRICTS.slice(0, 6).map(tierOf)).toEqual(['第一类', '第二类', '第二类', '第二类', '第四类', '第四类']);
    expect(ledger.tiers.map((t) => t.count)).toEqual([1, 3, 32, 2]);
    expect(ledger.tiers[2].members.map((m) => m.value)).toEqual([...ledger.tiers[2].members.map((m) => m.value)].sort((a, b) => b - a));
  });
});

describe('raw indicators through the default tree', () => {
  const columns = ['新注册企业数', '新注册企业数环比增长率', '科技型企业数', '创业投资额', '众创空间数', '科技企业孵化器数', '知识产权保护程度', '社会关注度', '新增就业岗位数', '就业潜力', '高新技术产品产值'];
  it('computes points from fixed goalposts (hand-computed for one district)', async () => {
    const dir = tempDir();
    // district 0: every indicator at the middle of its goalposts → 0.4 + 0.6 × 0.5 = 0.7 of every node's points
    const mid = [750, 0, 600, 15, 25, 6, 70, 30000, 12500, 50, 200];
    writeFile(
      dir,
      'raw.csv',
      wideCsv(columns, ['2018Q3'], (_q, _d, i) => (i === 0 ? mid : mid.map((v) => (typeof v === 'number' && v > 0 ? Math.round(v / 2) : v)))),
    );
    const { ledger } = await buildFacts({ data: dir });
    const s = ledger.districts[0].scores;
    expect(s['双创活力'].score).toBe(24.5); // 35 × 0.7
    expect(s['双创环境'].score).toBe(28); // 40 × 0.7
    expect(s['双创成效'].score).toBe(17.5); // 25 × 0.7
    expect(s['双创指数'].score).toBe(70);
    expect(ledger.indicators['众创空间数'].values['万州区']).toMatchObject({ value: 25, rank: 1 });
    // share of the city total: 25 / (25 + 37 × 13) × 100
    expect(ledger.indicators['众创空间数'].values['万州区'].share).toBeCloseTo((25 / (25 + 37 * 13)) * 100, 2);
  });

  it('a rate indicator changes in 个百分点 (diff) and has no % change', async () => {
    const dir = tempDir();
    const row = (g: number) => [500, g, 300, 5, 10, 3, 70, 20000, 8000, 50, 100];
    writeFile(
      dir,
      'raw.csv',
      wideCsv(columns, ['2018Q2', '2018Q3'], (q) => row(q === '2018Q2' ? -10 : 25)),
    );
    const { ledger } = await buildFacts({ data: dir });
    const f = ledger.indicators['新注册企业数环比增长率'].values['万州区'];
    expect(f.diff).toBe(35);
    expect(f.pct).toBeNull();
  });
});

describe('input spellings', () => {
  it('accepts the four quarter spellings', () => {
    for (const s of ['2018Q3', '2018-Q3', '2018年第3季度', '2018年第三季度', ' 2018q3 ']) expect(parseQuarter(s)).toBe('2018Q3');
    for (const s of ['2018Q5', '2018', '第三季度', '2018-3']) expect(parseQuarter(s)).toBeNull();
  });

  it('accepts district aliases: full, old and suffix-less names', async () => {
    const dir = tempDir();
    const alias: Record<string, string> = { 石柱县: '石柱土家族自治县', 开州区: '开县', 梁平区: '梁平县', 武隆区: '武隆县', 璧山区: '璧山县', 铜梁区: '铜梁县', 潼南区: '潼南县', 荣昌区: '荣昌县', 渝北区: '渝北' };
    const lines = ['季度,区县,活力,双创环境指数,成效'];
    DISTRICTS.forEach((d, i) => lines.push(`2018年第三季度,${alias[d] ?? d},${20 + i * 0.1},30,15`));
    writeFile(dir, 'a.csv', lines.join('\n'));
    const { ledger } = await buildFacts({ data: dir });
    expect(ledger.meta.quarter).toBe('2018Q3');
    expect(ledger.districts.find((d) => d.district === '石柱县')!.scores['双创活力'].score).toBe(+(20 + DISTRICTS.indexOf('石柱县') * 0.1).toFixed(2));
  });

  it('reads a GBK-encoded CSV (Excel on Chinese Windows) without garbling', async () => {
    const dir = tempDir();
    writeFile(dir, 'gbk.csv', iconv.encode(scoreTable(['2018Q3'], steady), 'gbk'));
    const { ledger } = await buildFacts({ data: dir });
    expect(ledger.districts.map((d) => d.district)).toEqual(DISTRICTS);
    expect(ledger.nodes['双创指数'].highest.districts).toEqual(['万州区']);
  });

  it('reads UTF-8 with BOM and an XLSX workbook, and a folder as one data set', async () => {
    const dir = tempDir();
    writeFile(dir, 'q2.csv', '\ufeff' + scoreTable(['2018Q2'], steady));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('2018Q3');
    ws.addRow(['季度', '区县', '双创活力', '双创环境', '双创成效']);
    DISTRICTS.forEach((d, i) => ws.addRow(['2018-Q3', d, ...steady('2018Q3', d, i)]));
    await wb.xlsx.writeFile(`${dir}/q3.xlsx`);
    const { ledger } = await buildFacts({ data: dir });
    expect(ledger.meta.previous).toBe('2018Q2');
    expect(ledger.districts[0].source).toEqual({ file: expect.stringContaining('q3.xlsx'), sheet: '2018Q3', row: 2 });
    expect(ledger.districts[0].previousSource!.row).toBe(2);
  });
});
