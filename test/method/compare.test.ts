import { describe, expect, it } from 'vitest';
import { compareConfigurations, comparisonLines } from '../../src/cli/compare.js';
import { buildFacts } from '../../src/pipeline.js';
import { DISTRICTS } from '../helpers.js';
import { configWith, dataDir, indicatorCsv, plausible } from './fixtures.js';

// Vitality and environment rank the districts in opposite orders, so their weights decide the total's ranks.
const csv = indicatorCsv(['2018Q3'], (_q, _d, i) => {
  const v = plausible(i);
  const w = plausible(37 - i);
  return [v[0], v[1], v[2], v[3], w[4], w[5], w[6], w[7], 10000, 50, 100];
});

describe('scindex compare (what-if)', () => {
  it('lists no move when the configurations agree', async () => {
    const data = dataDir('d.csv', csv);
    const c = await compareConfigurations({ data, other: configWith('') });
    expect(c.nodes.map((n) => n.moves.length)).toEqual([0, 0, 0, 0]);
    expect(comparisonLines(c)).toContain('双创指数：各区县排名均不变');
  });

  it('lists the districts whose ranks move under other weights, by how much, largest first', async () => {
    const data = dataDir('d.csv', csv);
    const other = configWith('', (y) =>
      y.replace('aliases: [双创活力指数, 活力]\n      weight: 0.35', 'aliases: [双创活力指数, 活力]\n      weight: 0.55').replace('aliases: [双创环境指数, 环境]\n      weight: 0.40', 'aliases: [双创环境指数, 环境]\n      weight: 0.20'),
    );
    const c = await compareConfigurations({ data, other });
    const base = await buildFacts({ data });
    const alt = await buildFacts({ data, config: other });
    const expected = DISTRICTS.map((d, i) => ({ d, move: base.ledger.districts[i].scores['双创指数'].rank - alt.ledger.districts[i].scores['双创指数'].rank })).filter((x) => x.move !== 0);
    const total = c.nodes.find((n) => n.node === '双创指数')!;
    expect(expected.length).toBeGreaterThan(10); // environment led before, vitality leads now
    expect(total.moves.map((m) => [m.district, m.move]).sort()).toEqual(expected.map((x) => [x.d, x.move]).sort());
    const mags = total.moves.map((m) => Math.abs(m.move));
    expect(mags).toEqual([...mags].sort((a, b) => b - a));
    const top = total.moves[0];
    expect(comparisonLines(c)).toContainEqual(expect.stringContaining(`${top.district}`));
    expect(comparisonLines(c).join('\n')).toContain(`第${top.rank}位 → 第${top.otherRank}位  ${top.move > 0 ? '↑' : '↓'}${Math.abs(top.move)}`);
  });
});
