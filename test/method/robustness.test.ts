import { describe, expect, it } from 'vitest';
import { buildFacts } from '../../src/pipeline.js';
import { DISTRICTS, scoreTable } from '../helpers.js';
import { configWith, dataDir, indicatorCsv, plausible } from './fixtures.js';

const table = () => indicatorCsv(['2018Q2', '2018Q3'], (_q, _d, i) => plausible(i));

describe('robustness of ranks (Monte Carlo over weights, normalisation and aggregation)', () => {
  it('gives each district its median rank and 5 %–95 % interval for the total and each first-level index', async () => {
    const { ledger } = await buildFacts({ data: dataDir('d.csv', table()), quarter: '2018Q3' });
    const r = ledger.robustness!;
    expect(r.runs).toBe(1000);
    expect(r.normalisations).toEqual(['goalpost', 'minmax', 'zscore']);
    expect(r.aggregations).toEqual(['arithmetic', 'geometric']);
    expect(Object.keys(r.nodes)).toEqual(['双创指数', '双创活力', '双创环境', '双创成效']);
    const total = r.nodes['双创指数'];
    expect(total.basis).toEqual({ node: '双创指数', quarters: ['2018Q3'], measure: 'rank' });
    expect(total.intervals).toHaveLength(38);
    expect(total.intervals.map((x) => x.rank)).toEqual([...total.intervals.map((x) => x.rank)].sort((a, b) => a - b)); // in printed order
    for (const iv of total.intervals) {
      expect(iv.low).toBeLessThanOrEqual(iv.median);
      expect(iv.median).toBeLessThanOrEqual(iv.high);
      expect(iv.low).toBeGreaterThanOrEqual(1);
      expect(iv.high).toBeLessThanOrEqual(38);
    }
    // district 0 is best on every indicator: first in every simulation
    expect(total.intervals[0]).toMatchObject({ district: DISTRICTS[0], rank: 1, median: 1, low: 1, high: 1 });
    expect(r.stable['双创指数']).toContain(DISTRICTS[0]);
  });

  it('is deterministic for a seed, and the seed matters', async () => {
    // every indicator ranks the districts differently, so the choices move ranks
    const mixed = indicatorCsv(['2018Q3'], (_q, _d, i) => plausible(i).map((v, k) => (k % 2 ? v : plausible((i * (k + 7)) % 38)[k])));
    const a = await buildFacts({ data: dataDir('d.csv', mixed) });
    const b = await buildFacts({ data: dataDir('d.csv', mixed) });
    expect(JSON.stringify(a.ledger.robustness)).toBe(JSON.stringify(b.ledger.robustness));
    const other = await buildFacts({ data: dataDir('d.csv', mixed), config: configWith('robustness: { seed: 7, runs: 200 }') });
    expect(other.ledger.robustness!.runs).toBe(200);
    expect(JSON.stringify(other.ledger.robustness!.nodes)).not.toBe(JSON.stringify(a.ledger.robustness!.nodes));
    const moving = a.ledger.robustness!.nodes['双创指数'].intervals.filter((x) => x.low < x.high);
    expect(moving.length).toBeGreaterThan(10);
  });

  it('with no perturbation, one normalisation and one aggregation every interval is the printed rank', async () => {
    const config = configWith('robustness: { weightSpread: 0, normalisations: [goalpost], aggregations: [arithmetic], runs: 50 }');
    const { ledger } = await buildFacts({ data: dataDir('d.csv', table()), config });
    for (const [node, { intervals }] of Object.entries(ledger.robustness!.nodes)) for (const iv of intervals) expect([iv.low, iv.median, iv.high], `${node} ${iv.district}`).toEqual([iv.rank, iv.rank, iv.rank]);
  });

  it('tied districts get the same interval and share the better rank', async () => {
    // districts 3 and 4 have identical data
    const { ledger } = await buildFacts({
      data: dataDir(
        'd.csv',
        indicatorCsv(['2018Q3'], (_q, _d, i) => plausible(i === 4 ? 3 : i)),
      ),
    });
    const iv = ledger.robustness!.nodes['双创指数'].intervals;
    const a = iv.find((x) => x.district === DISTRICTS[3])!;
    const b = iv.find((x) => x.district === DISTRICTS[4])!;
    expect(a.rank).toBe(4);
    expect(b).toMatchObject({ rank: 4, median: a.median, low: a.low, high: a.high });
    expect(iv.find((x) => x.district === DISTRICTS[5])!.rank).toBe(6);
  });

  it('on score-only tables only the weights of the given sub-indices vary', async () => {
    const data = dataDir(
      's.csv',
      scoreTable(['2018Q3'], (_q, _d, i) => [30 - i * 0.5, 35 - (i % 7), 20 - i * 0.25]),
    );
    const { ledger } = await buildFacts({ data });
    const r = ledger.robustness!;
    expect(Object.keys(r.nodes)).toEqual(['双创指数', '双创活力', '双创环境', '双创成效']);
    // a given sub-index has no choices to vary: its rank never moves
    for (const iv of r.nodes['双创活力'].intervals) expect([iv.low, iv.high]).toEqual([iv.rank, iv.rank]);
    expect(r.nodes['双创指数'].intervals.some((x) => x.low < x.high)).toBe(true);
  });

  it('can be switched off: no intervals in the ledger', async () => {
    const { ledger } = await buildFacts({ data: dataDir('d.csv', table()), config: configWith('robustness: { enabled: false }') });
    expect(ledger.robustness).toBeNull();
  });

  it('rejects a bad option with the file and line', async () => {
    await expect(buildFacts({ data: dataDir('d.csv', table()), config: configWith('robustness: { runs: 0 }') })).rejects.toThrow(/robustness\.runs/);
  });
});
