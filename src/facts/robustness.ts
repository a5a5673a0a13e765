/** The rank intervals of the Monte Carlo (src/method/robustness.ts) as ledger facts. */
import type { IndexConfig } from '../config/types.js';
import type { QuarterResult } from '../compute/index.js';
import type { RankIntervalFact, RobustnessFacts } from './types.js';

export function robustnessFacts(config: IndexConfig, result: QuarterResult): RobustnessFacts | null {
  const r = result.robustness;
  if (!r) return null;
  const nodes: RobustnessFacts['nodes'] = {};
  const stable: RobustnessFacts['stable'] = {};
  const widest: RobustnessFacts['widest'] = {};
  const narrow: RobustnessFacts['narrow'] = {};
  const within = config.method.robustness.narrowSpan;
  for (const [node, intervals] of r.nodes) {
    const nr = result.nodes.get(node);
    if (!nr) continue;
    const rankOf = new Map(nr.districts.map((d) => [d.district, d.current.rank]));
    const order = new Map(nr.districts.map((d, i) => [d.district, i]));
    const facts: RankIntervalFact[] = intervals
      .map((iv) => ({ district: iv.district, rank: rankOf.get(iv.district)!, median: iv.median, low: iv.low, high: iv.high, best: iv.best, worst: iv.worst }))
      .sort((a, b) => a.rank - b.rank || order.get(a.district)! - order.get(b.district)!);
    nodes[node] = { intervals: facts, basis: { node, quarters: [result.quarter], measure: 'rank' } };
    stable[node] = facts.filter((f) => f.low === f.rank && f.high === f.rank).map((f) => f.district);
    const span = Math.max(...facts.map((f) => f.high - f.low));
    widest[node] = { districts: facts.filter((f) => f.high - f.low === span).map((f) => f.district), span };
    narrow[node] = { within, count: facts.filter((f) => f.high - f.low <= within).length };
  }
  return { runs: r.runs, seed: r.seed, weightSpread: r.weightSpread, normalisations: r.normalisations, aggregations: r.aggregations, nodes, stable, widest, narrow };
}
