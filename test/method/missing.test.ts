import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/pipeline.js';
import { buildVersion, verifyVersion } from '../../src/archive/index.js';
import { appendixTable } from '../../src/document/appendix.js';
import { imputationLines } from '../../src/facts/imputation.js';
import { InputError } from '../../src/errors.js';
import { DISTRICTS, scoreTable, tempDir } from '../helpers.js';
import { configWith, dataDir, indicatorCsv, LEAVES, plausible } from './fixtures.js';

const SPACES = LEAVES.indexOf('众创空间数');
const CHENGKOU = DISTRICTS.indexOf('城口县');

/** Quarters of plausible data; `hole(q, i, k)` gives the cell to write instead (or undefined to keep the value). */
function withHoles(quarters: string[], hole: (q: string, i: number, k: number) => string | undefined): string {
  return indicatorCsv(quarters, (q, _d, i) => plausible(i, quarters.indexOf(q) * 0.1 + 1).map((v, k) => hole(q, i, k) ?? v));
}

async function inputError(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no input error');
}

describe('missing values', () => {
  it('carries the previous quarter forward, flags the cell in facts.json and states it under the appendix table', async () => {
    const csv = withHoles(['2018Q2', '2018Q3'], (q, i, k) => (q === '2018Q3' && i === CHENGKOU && k === SPACES ? '' : undefined));
    const { ledger } = await buildFacts({ data: dataDir('d.csv', csv), config: configWith('missing: { method: carry-forward }') });
    const before = plausible(CHENGKOU, 1)[SPACES]; // 2018Q2's value
    expect(ledger.dataTreatment.imputed).toEqual([{ quarter: '2018Q3', district: '城口县', indicator: '众创空间数', method: 'carry-forward', value: before, from: ['2018Q2'], source: { file: 'd.csv', row: 2 + 38 + CHENGKOU } }]);
    expect(ledger.indicators['众创空间数'].values['城口县']).toMatchObject({ value: before, previousValue: before, diff: 0 });
    expect(appendixTable(ledger).note).toContain('城口县2018年第3季度众创空间数缺失，以上季度数据代替。');
    expect(imputationLines(ledger)).toEqual([`缺失值已填补：d.csv 第${2 + 38 + CHENGKOU}行 城口县 2018年第3季度 众创空间数 = ${before}（以上季度数据代替）`]);
  });

  it('accepts — and NA as missing, interpolates between quarters (counts rounded) and takes peers’ mean or median per indicator', async () => {
    const INVEST = LEAVES.indexOf('创业投资额');
    const csv = withHoles(['2018Q1', '2018Q2', '2018Q3'], (q, i, k) => (q === '2018Q2' && i === 0 && k === SPACES ? '—' : q === '2018Q3' && i === 1 && k === INVEST ? 'NA' : q === '2018Q3' && i === 2 && k === SPACES ? 'n/a' : undefined));
    const config = configWith('missing: { method: interpolate }', (y) => y.replace('{ name: 创业投资额,', '{ name: 创业投资额, missing: median,').replace('{ name: 众创空间数,', '{ name: 众创空间数, missing: interpolate,'));
    // 2018Q3 is the last quarter: district 2's 众创空间数 cannot be interpolated
    const err = await inputError(buildFacts({ data: dataDir('d.csv', csv), config, quarter: '2018Q2' }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: expect.stringMatching(/d\.csv$/), row: 2 + 76 + 2, column: 'G（众创空间数）' });
    expect(err.problems[0].message).toContain(`众创空间数缺失：插值需要${DISTRICTS[2]}前后两个季度的众创空间数，数据中缺少更晚的季度`);

    const fixed = csv.replace(/n\/a/, String(plausible(2, 1.2)[SPACES]));
    const { ledger } = await buildFacts({ data: dataDir('d.csv', fixed), config, quarter: '2018Q3' });
    const [spaces, invest] = ledger.dataTreatment.imputed.sort((a, b) => a.quarter.localeCompare(b.quarter));
    const q1 = plausible(0, 1)[SPACES];
    const q3 = plausible(0, 1.2)[SPACES];
    expect(spaces).toMatchObject({ quarter: '2018Q2', district: DISTRICTS[0], method: 'interpolate', value: Math.round((q1 + q3) / 2), from: ['2018Q1', '2018Q3'] });
    const peers = DISTRICTS.map((_, i) => plausible(i, 1.2)[INVEST])
      .filter((_, i) => i !== 1)
      .sort((a, b) => a - b);
    expect(peers).toHaveLength(37);
    expect(invest).toMatchObject({ quarter: '2018Q3', district: DISTRICTS[1], method: 'median', value: peers[18], from: ['2018Q3'] });
    expect(appendixTable(ledger).note).toContain(`${DISTRICTS[0]}2018年第2季度众创空间数缺失，以前后季度数据插值代替；${DISTRICTS[1]}2018年第3季度创业投资额缺失，以其他区县中位数代替`);
  });

  it('without a method for an indicator an empty cell stays an input error', async () => {
    const csv = withHoles(['2018Q3'], (_q, i, k) => (i === 5 && k === SPACES ? '' : undefined));
    const err = await inputError(buildFacts({ data: dataDir('d.csv', csv) }));
    expect(err.problems[0]).toMatchObject({ row: 2 + 5, column: 'G（众创空间数）' });
    expect(err.problems[0].message).toMatch(/众创空间数为空/);
  });

  it('a district with too many gaps is an input error naming the cells', async () => {
    const csv = withHoles(['2018Q2', '2018Q3'], (q, i, k) => (q === '2018Q3' && i === CHENGKOU && k < 3 ? '' : undefined));
    const err = await inputError(buildFacts({ data: dataDir('d.csv', csv), config: configWith('missing: { method: carry-forward, maxShare: 0.2 }') }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: expect.stringMatching(/d\.csv$/), row: 2 + 38 + CHENGKOU });
    expect(err.problems[0].message).toBe('城口县2018年第3季度缺失3个指标（新注册企业数（列 C）、新注册企业数环比增长率（列 D）、科技型企业数（列 E）），占其指标的27%，超过允许的20%');
    // within the share the same gaps are filled
    const ok = await buildFacts({ data: dataDir('d.csv', csv), config: configWith('missing: { method: carry-forward, maxShare: 0.3 }') });
    expect(ok.ledger.dataTreatment.imputed.map((c) => c.indicator)).toEqual([LEAVES[0], LEAVES[1], LEAVES[2]]);
  });

  it('a missing sub-index score in a score-only table is an error, whatever the method', async () => {
    const csv = scoreTable(['2018Q3'], (_q, _d, i) => [20, 30, 15 - i * 0.1]).replace(/\n2018Q3,渝中区,20,/, '\n2018Q3,渝中区,,');
    const err = await inputError(buildFacts({ data: dataDir('s.csv', csv), config: configWith('missing: { method: mean }') }));
    expect(err.problems[0].message).toMatch(/双创活力为空/);
  });

  it('carry-forward needs an earlier quarter', async () => {
    const csv = withHoles(['2018Q3'], (_q, i, k) => (i === 0 && k === SPACES ? 'NA' : undefined));
    const err = await inputError(buildFacts({ data: dataDir('d.csv', csv), config: configWith('missing: { method: carry-forward }') }));
    expect(err.problems[0].message).toBe('众创空间数缺失：数据中没有万州区更早季度的众创空间数，无法沿用上期数据');
  });

  it('a version with imputed cells rebuilds byte for byte from its snapshot (the cells stay empty there)', async () => {
    const csv = withHoles(['2018Q1', '2018Q2', '2018Q3'], (q, i, k) => (q === '2018Q3' && i === CHENGKOU && k === SPACES ? '' : undefined));
    const root = tempDir();
    const config = configWith('missing: { method: carry-forward }');
    const a = await buildVersion({ data: dataDir('d.csv', csv), config, quarter: '2018Q3', root, factsOnly: true });
    expect(a.ledger.dataTreatment.imputed).toHaveLength(1);
    const v = await verifyVersion(a.version);
    expect(v).toMatchObject({ ok: true, mismatched: [], missing: [] });
  });
});

describe('an imputed cell in the finished report', () => {
  it('is stated in the 注 under the appendix table of the PDF and the Word file, and the fact check accepts it', async () => {
    const { readFileSync, readdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { SAMPLE_DATA } = await import('../../src/pipeline.js');
    const { buildReport } = await import('../../src/report.js');
    const { docxText } = await import('../../src/verify/extract.js');
    const dir = tempDir();
    for (const f of readdirSync(SAMPLE_DATA)) {
      let text = readFileSync(join(SAMPLE_DATA, f), 'utf8');
      // 城口县 2018Q3: 众创空间数 (the 7th column) left empty
      text = text.replace(/^(2018Q3,城口县,(?:[^,]*,){4})[^,]*,/m, '$1,');
      writeFileSync(join(dir, f), text);
    }
    const b = await buildReport({ data: dir, quarter: '2018Q3', config: configWith('missing: { method: carry-forward }') });
    expect(b.ledger.dataTreatment.imputed).toMatchObject([{ district: '城口县', quarter: '2018Q3', indicator: '众创空间数', method: 'carry-forward' }]);
    const word = await docxText(b.files.get('report.docx')!);
    expect(word.replace(/\s+/g, '')).toContain('城口县2018年第3季度众创空间数缺失，以上季度数据代替。');
    expect(b.factCheck!.pdf.ok && b.factCheck!.docx.ok).toBe(true);
  }, 120_000);
});
