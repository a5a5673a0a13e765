/**
 * "Leave the node uncomputed" (missing: uncomputed in the indicator tree): a district
 * whose indicator is missing gets no value for it and no score of the indices above it
 * (its first-level index and the total). It is flagged in facts.json, listed as 未计算
 * in the appendix with a 注 line, left out of those nodes' ranks, means, counts and
 * tiers, and the fact check refuses any claim about the score it does not have.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildVersion, verifyVersion } from '../../src/archive/index.js';
import { compareConfigurations } from '../../src/cli/compare.js';
import { appendixTable } from '../../src/document/appendix.js';
import { imputationLines } from '../../src/facts/imputation.js';
import type { Ledger } from '../../src/facts/types.js';
import { narrativeToMarkdown, renderNarrative } from '../../src/narrative/index.js';
import { buildFacts, SAMPLE_DATA } from '../../src/pipeline.js';
import { buildReport } from '../../src/report.js';
import { docxText } from '../../src/verify/extract.js';
import { verifyNarrative, verifyText } from '../../src/verify/index.js';
import { tempDir } from '../helpers.js';
import { configWith } from './fixtures.js';

/** The sample data with 城口县's 2018Q3 众创空间数 (the 7th column) left empty. */
function sampleWithGap(): string {
  const dir = tempDir();
  for (const f of readdirSync(SAMPLE_DATA)) writeFileSync(join(dir, f), readFileSync(join(SAMPLE_DATA, f), 'utf8').replace(/^(2018Q3,城口县,(?:[^,]*,){4})[^,]*,/m, '$1,'));
  return dir;
}
const config = () => configWith('', (y) => y.replace('{ name: 众创空间数,', '{ name: 众创空间数, missing: uncomputed,'));

let data: string;
let ledger: Ledger;
let complete: Ledger;
beforeAll(async () => {
  data = sampleWithGap();
  ledger = (await buildFacts({ data, config: config(), quarter: '2018Q3' })).ledger;
  complete = (await buildFacts({ data: SAMPLE_DATA, quarter: '2018Q3' })).ledger;
}, 60_000);

describe('a node left uncomputed', () => {
  it('is flagged in facts.json with the nodes it leaves without a score, and listed in the build’s output', () => {
    expect(ledger.dataTreatment.uncomputed).toEqual([{ quarter: '2018Q3', district: '城口县', indicator: '众创空间数', nodes: ['双创环境', '双创指数'], source: { file: '双创指标_2018.csv', row: expect.any(Number) } }]);
    expect(ledger.dataTreatment.imputed).toEqual([]);
    expect(imputationLines(ledger)).toEqual([expect.stringMatching(/^缺失值未填补：双创指标_2018\.csv 第\d+行 城口县 2018年第3季度 众创空间数（双创环境、双创指数未计算）$/)]);
  });

  it('leaves the district out of the ranks, means, counts and tiers of the indices above the indicator, and only those', () => {
    const row = ledger.districts.find((d) => d.district === '城口县')!;
    expect(Object.keys(row.scores).sort()).toEqual(['双创成效', '双创活力']);
    expect(row.tier).toBeNull();
    expect(ledger.indicators['众创空间数'].values['城口县']).toBeUndefined();
    expect(ledger.nodes['双创指数']).toMatchObject({ ranked: 37, uncomputed: ['城口县'] });
    expect(ledger.nodes['双创环境']).toMatchObject({ ranked: 37, uncomputed: ['城口县'] });
    expect(ledger.nodes['双创活力']).toMatchObject({ ranked: 38, uncomputed: [] });
    expect(ledger.meta.districtCount).toBe(37);
    // ranks 1…37 without a gap; the mean over the 37
    const totals = ledger.districts.filter((d) => d.scores['双创指数']).map((d) => d.scores['双创指数']);
    expect(totals.map((s) => s.rank).sort((a, b) => a - b)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    const mean = totals.reduce((s, x) => s + x.score, 0) / 37;
    expect(ledger.nodes['双创指数'].mean).toBeCloseTo(mean, 1);
    expect(ledger.nodes['双创指数'].change!.counted).toBe(37);
    expect(ledger.tiers.reduce((s, t) => s + t.count, 0)).toBe(37);
    // the other first-level indices are as without the gap (their indicators are all there)
    expect(row.scores['双创活力']).toEqual(complete.districts.find((d) => d.district === '城口县')!.scores['双创活力']);
    // 众创空间数 is ranked and normalised among the 37 that give it
    expect(Object.keys(ledger.indicators['众创空间数'].values)).toHaveLength(37);
    // the simulation would rank different districts per node: not run
    expect(ledger.robustness).toBeNull();
  });

  it('is listed as 未计算 in the appendix table, with a 注 line', () => {
    const t = appendixTable(ledger);
    expect(t.rows).toHaveLength(38);
    expect(t.rows[37]).toEqual(['—', '城口县', '未计算', '—', '—', '17.80', '34', '未计算', '—', '13.33', '33']);
    expect(t.caption).toBe('2018年第3季度38个区县双创指数及一级指标得分与排名');
    expect(t.note).toContain('；城口县2018年第3季度众创空间数缺失，双创环境和双创指数未计算，不参与排名。');
  });

  it('the narrative says how many districts were ranked and why one was not, and the fact check accepts it', () => {
    const n = renderNarrative(ledger);
    const md = narrativeToMarkdown(n);
    expect(md).toContain('可将全市参与排名的37个区县划分为4类');
    expect(md).toContain('城口县的众创空间数缺失，按指标体系的设定不作填补，其双创环境和双创指数未计算；城口县不参与双创指数的分类、排名和全市平均值的计算');
    expect(md).toContain('2018年第3季度全市参与排名的37个区县的双创指数得分平均增长了');
    expect(md).toMatch(/从双创环境指数的环比变化来看，37个区县平均/);
    expect(md).toMatch(/从双创活力指数的环比变化来看，38个区县平均/);
    expect(md).not.toContain('四、区县双创指数排名稳健性');
    expect(verifyNarrative(n, ledger).problems).toEqual([]);
  });

  it.each([
    ['城口县双创指数得分为50.00分。', 'its total'],
    ['城口县的双创环境指数排名第34位。', 'its rank on an uncomputed index'],
    ['全市38个区县的双创指数得分平均增长了0.68%。', 'the count of the districts ranked'],
    ['可将全市38个区县划分为4类。', 'the count of the districts tiered'],
    ['城口县的双创活力指数未计算。', 'an index that is computed'],
    ['渝北区的双创指数未计算。', 'a district that is computed'],
  ])('the fact check refuses a claim about what is not computed: %s (%s)', (s) => {
    expect(verifyText(s, ledger).ok).toBe(false);
  });

  it.each(['城口县的双创环境指数未计算。', '城口县双创活力指数得分为17.80分。', '从双创活力指数的环比变化来看，38个区县平均增长了0.69%。'])('and accepts what is true: %s', (s) => {
    expect(verifyText(s, ledger).problems).toEqual([]);
  });

  it('scindex compare against filling the cell instead lists only the districts ranked under both', async () => {
    const c = await compareConfigurations({ data, base: config(), other: configWith('', (y) => y.replace('{ name: 众创空间数,', '{ name: 众创空间数, missing: median,')), quarter: '2018Q3' });
    for (const node of ['双创指数', '双创环境']) expect(c.nodes.find((n) => n.node === node)!.moves.map((m) => m.district)).not.toContain('城口县');
    expect(c.nodes.find((n) => n.node === '双创指数')!.moves.length).toBeGreaterThan(0); // with 城口县 back, those below it move down
  }, 60_000);

  it('the rebuilt version (from the archive’s snapshot, the cell written empty) is the same', async () => {
    const a = await buildVersion({ data, config: config(), quarter: '2018Q3', root: tempDir(), factsOnly: true });
    expect(a.ledger.dataTreatment.uncomputed).toHaveLength(1);
    expect(await verifyVersion(a.version)).toMatchObject({ ok: true, mismatched: [], missing: [] });
  }, 60_000);
});

describe('a node left uncomputed in the finished report', () => {
  it('passes the fact check in the PDF and the Word file; the figures leave the district out and say so', async () => {
    const b = await buildReport({ data, quarter: '2018Q3', config: config() });
    expect(b.factCheck!.pdf.ok && b.factCheck!.docx.ok).toBe(true);
    const word = (await docxText(b.files.get('report.docx')!)).replace(/\s+/g, '');
    expect(word).toContain('城口县2018年第3季度众创空间数缺失，双创环境和双创指数未计算，不参与排名。');
    expect(word).toContain('注：城口县的双创指数未计算（指标缺失），图中未列出。');
    const figures = b.figures!.filter((f) => f.spec.kind === 'bars');
    expect(figures.find((f) => f.spec.node === '双创指数')!.caption).toBe('37个区县双创指数得分（2018年第3季度）');
    expect(figures.find((f) => f.spec.node === '双创活力')!.caption).toBe('38个区县双创活力得分（2018年第3季度）');
    expect(Object.keys(figures.find((f) => f.spec.node === '双创指数')!.printed)).not.toContain('城口县');
  }, 180_000);
});
