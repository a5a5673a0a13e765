import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/pipeline.js';
import { statisticalAudit } from '../../src/method/audit.js';
import { cronbachAlpha, firstComponentShare, kurtosis, pearson, skewness, symmetricEigenvalues } from '../../src/method/stats.js';
import { treatIndicator } from '../../src/method/outliers.js';
import { DISTRICTS } from '../helpers.js';
import { configWith, dataDir, indicatorCsv, LEAVES, plausible } from './fixtures.js';

const rule = { skew: 2, kurtosis: 3.5, winsorMax: 5 };
const INVEST = LEAVES.indexOf('创业投资额');

describe('statistics (definitions of COINr / Excel SKEW and KURT)', () => {
  it('match the published examples', () => {
    // Microsoft's documentation of SKEW and KURT: 3,4,5,2,3,4,5,6,4,7
    const xs = [3, 4, 5, 2, 3, 4, 5, 6, 4, 7];
    expect(skewness(xs)).toBeCloseTo(0.359543, 5);
    expect(kurtosis(xs)).toBeCloseTo(-0.151799637, 6);
    expect(skewness([1, 2, 3, 4, 5])).toBeCloseTo(0, 12);
    expect(skewness([5, 5, 5])).toBeNull();
  });

  it("Cronbach's alpha and the first component's share behave at their limits", () => {
    const a = [1, 2, 3, 4, 5, 6];
    expect(cronbachAlpha([a, a, a])).toBeCloseTo(1, 12);
    expect(firstComponentShare([a, a.map((x) => 2 * x + 1)])).toBeCloseTo(1, 9);
    // two uncorrelated items: each component carries half
    const b = [1, -1, 1, -1, 1, -1];
    const c = [1, 1, -1, -1, 0, 0];
    expect(pearson(b, c)).toBeCloseTo(0, 12);
    expect(firstComponentShare([b, c])).toBeCloseTo(0.5, 9);
    expect(cronbachAlpha([b, c])).toBeCloseTo(0, 9);
    expect(
      symmetricEigenvalues([
        [2, 1],
        [1, 2],
      ]),
    ).toEqual([expect.closeTo(3, 9), expect.closeTo(1, 9)]);
  });
});

describe('the JRC outlier rule', () => {
  it('winsorises a single extreme value to the next one', () => {
    const xs = [...Array.from({ length: 37 }, (_, i) => 10 + (i % 5)), 300];
    const t = treatIndicator(xs, [0, 30], rule)!;
    expect(t.treatment.method).toBe('winsorise');
    expect(t.treatment.changed).toEqual([{ index: 37, from: 300, to: 14 }]);
    expect(t.bounds).toEqual([0, 30]);
    expect(Math.abs(t.treatment.skewAfter!)).toBeLessThan(2);
  });

  it('log-transforms when more than five values would have to be winsorised, goalposts alike', () => {
    // 94 small values and a cluster of six large ones: each step only lowers the cluster's top
    const xs = [...Array.from({ length: 94 }, () => 1), 1000, 1001, 1002, 1003, 1004, 1005];
    const t = treatIndicator(xs, [0, 2000], rule)!;
    expect(t.treatment.method).toBe('log');
    expect(t.values[0]).toBeCloseTo(Math.log(2), 12); // ln(x − 0 + 1): the lower goalpost 0 is the lower end
    expect(t.values[99]).toBeCloseTo(Math.log(1006), 12);
    expect(t.bounds![1]).toBeCloseTo(Math.log(2001), 12);
    expect(t.treatment.changed).toHaveLength(100);
    // order is kept
    expect(t.values.slice(94)).toEqual([...t.values.slice(94)].sort((a, b) => a - b));
  });

  it('leaves a well-behaved indicator alone', () => {
    expect(
      treatIndicator(
        Array.from({ length: 38 }, (_, i) => i),
        undefined,
        rule,
      ),
    ).toBeNull();
  });

  it('with outliers: jrc, scores use the treated values, the ledger prints the data and logs every treated value', async () => {
    // one district's venture investment is 8 times the others': skewed and heavy-tailed
    const csv = indicatorCsv(['2018Q3'], (_q, _d, i) => plausible(i).map((v, k) => (k === INVEST ? (i === 20 ? 80 : 8 + (i % 4)) : v)));
    const plain = await buildFacts({ data: dataDir('d.csv', csv) });
    const jrc = await buildFacts({ data: dataDir('d.csv', csv), config: configWith('outliers: jrc') });
    const t = jrc.ledger.dataTreatment;
    expect(t.outliers).toBe('jrc');
    expect(t.treatments).toHaveLength(1);
    expect(t.treatments[0]).toMatchObject({ quarter: '2018Q3', indicator: '创业投资额', method: 'winsorise', values: [{ district: DISTRICTS[20], value: 80, treated: 11 }] });
    expect(t.treatments[0].skewBefore).toBeGreaterThan(2);
    expect(jrc.ledger.indicators['创业投资额'].values[DISTRICTS[20]].value).toBe(80); // printed as given
    // the goalposts are [0, 30]: 80 was clipped untreated, 11 is inside them
    expect(plain.ledger.dataTreatment.clipped).toEqual([{ indicator: '创业投资额', count: 1, districts: [DISTRICTS[20]] }]);
    expect(jrc.ledger.dataTreatment.clipped).toEqual([]);
    expect(jrc.ledger.districts[20].scores['双创活力'].score).toBeLessThan(plain.ledger.districts[20].scores['双创活力'].score);
    expect(plain.ledger.dataTreatment.treatments).toEqual([]);
  });
});

describe('the statistical audit (audit.json)', () => {
  it('gives every indicator its distribution, correlations, alpha and first-component share, and flags a negative correlation', async () => {
    // 科技企业孵化器数 runs against the strength of the district (the others follow it); 创业投资额 is skewed
    const HATCH = LEAVES.indexOf('科技企业孵化器数');
    const csv = indicatorCsv(['2018Q3'], (_q, _d, i) => plausible(i).map((v, k) => (k === HATCH ? 2 + Math.round(i / 4) : k === INVEST ? (i === 20 ? 80 : 8 + (i % 4)) : v)));
    const { config, result } = await buildFacts({ data: dataDir('d.csv', csv) });
    const audit = statisticalAudit(config, result);
    expect(audit.indicators.map((a) => a.indicator)).toEqual([...LEAVES]);
    const hatch = audit.indicators.find((a) => a.indicator === '科技企业孵化器数')!;
    expect(hatch.index).toBe('双创环境');
    expect(hatch.correlationWithIndex).toBeLessThan(0);
    expect(audit.flags.some((f) => f.startsWith('科技企业孵化器数与所属的双创环境负相关'))).toBe(true);
    const invest = audit.indicators.find((a) => a.indicator === '创业投资额')!;
    expect(invest).toMatchObject({ outlierRule: true, treated: null, clipped: 1 });
    expect(audit.flags.some((f) => f.startsWith('创业投资额分布偏斜'))).toBe(true);
    expect(audit.correlations.indicators).toHaveLength(11);
    expect(audit.correlations.matrix[0][0]).toBe(1);
    expect(audit.correlations.matrix[0][2]).toBeCloseTo(1, 2); // both counts follow the strength linearly
    const env = audit.indices.find((x) => x.index === '双创环境')!;
    const vit = audit.indices.find((x) => x.index === '双创活力')!;
    expect(env.indicators).toEqual(['众创空间数', '科技企业孵化器数', '知识产权保护程度', '社会关注度']);
    expect(env.cronbachAlpha!).toBeLessThan(vit.cronbachAlpha!);
    expect(vit.firstComponentShare!).toBeGreaterThan(0.5);
    expect(audit.indices.map((x) => x.index)).toEqual(['双创活力', '双创环境', '双创成效', '双创指数']);
  });
});

describe('audit.json in a build', () => {
  it('is written beside facts.json, the same bytes on a second build', async () => {
    const { buildReport } = await import('../../src/report.js');
    const data = dataDir(
      'd.csv',
      indicatorCsv(['2018Q2', '2018Q3'], (_q, _d, i) => plausible(i)),
    );
    const a = await buildReport({ data, factsOnly: true });
    const b = await buildReport({ data, factsOnly: true });
    const audit = JSON.parse(Buffer.from(a.files.get('audit.json')!).toString('utf8'));
    expect(audit.quarter).toBe('2018Q3');
    expect(audit.indicators).toHaveLength(11);
    expect(Buffer.compare(Buffer.from(a.files.get('audit.json')!), Buffer.from(b.files.get('audit.json')!))).toBe(0);
  });
});
