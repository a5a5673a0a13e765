/**
 * The statistical audit of a quarter's index (OECD/JRC Handbook 2008, steps 4 and
 * 6 "multivariate analysis"; the JRC ten-step guide): per indicator its
 * distribution (skewness, kurtosis, whether the JRC outlier rule holds), the
 * correlations between indicators and with their index, the internal consistency
 * of each first-level index (Cronbach's alpha) and how much of its indicators'
 * variance one dimension carries (share of the first principal component). Flags
 * an indicator that correlates negatively with its own index: it pulls the index
 * against its other indicators, which the handbook asks to look into.
 *
 * Correlations use the normalised indicator scores (direction applied, 逆向
 * indicators turned round), so "negative" means working against the index.
 */
import type { IndexConfig, TreeNode } from '../config/types.js';
import type { QuarterResult } from '../compute/index.js';
import { breaksRule } from './outliers.js';
import { cronbachAlpha, firstComponentShare, kurtosis, mean, pearson, skewness, variance } from './stats.js';

export interface IndicatorAudit {
  indicator: string;
  index: string;
  n: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  skewness: number | null;
  kurtosis: number | null;
  /** |skewness| > rule.skew and kurtosis > rule.kurtosis (before any treatment). */
  outlierRule: boolean;
  /** How the values were treated for scoring this quarter (config outliers: jrc), if at all. */
  treated: 'winsorise' | 'log' | null;
  /** Values outside the goalposts, clipped when normalised. */
  clipped: number;
  /** Correlation of the indicator's normalised scores with its first-level index and with the total. */
  correlationWithIndex: number | null;
  correlationWithTotal: number | null;
}

export interface IndexAudit {
  index: string;
  indicators: string[];
  cronbachAlpha: number | null;
  firstComponentShare: number | null;
}

export interface StatisticalAudit {
  quarter: string;
  /** The rule thresholds used for outlierRule. */
  rule: { skew: number; kurtosis: number; winsorMax: number; applied: boolean };
  indicators: IndicatorAudit[];
  /** Pearson correlations between the indicators' normalised scores (rows and columns in `indicators` order). */
  correlations: { indicators: string[]; matrix: (number | null)[][] };
  /** Each first-level index over its indicators, and the total over the first-level indices. */
  indices: IndexAudit[];
  /** Things a statistician should look at, in Chinese. */
  flags: string[];
}

const r4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

function firstLevelOf(config: IndexConfig, node: TreeNode): string {
  let n = node;
  while (n.parent && n.parent !== config.root) n = config.nodes.find((x) => x.name === n.parent)!;
  return n.name;
}

export function statisticalAudit(config: IndexConfig, result: QuarterResult): StatisticalAudit {
  const rule = config.method.outlierRule;
  const leaves = config.nodes.filter((n) => n.children.length === 0 && result.nodes.has(n.name));
  // Correlations pair the districts scored on every node (a district left uncomputed somewhere is left out of them all).
  const complete = config.districts.map((d) => d.name).filter((d) => [...result.nodes.values()].every((nr) => nr.districts.some((x) => x.district === d)));
  const cellOf = (name: string, d: string) => result.nodes.get(name)!.districts.find((x) => x.district === d)!.current;
  const shares = (name: string) => complete.map((d) => cellOf(name, d).score / result.nodes.get(name)!.node.points);
  const scoresOf = (name: string) => complete.map((d) => cellOf(name, d).score);
  const treatedNow = new Map(result.treatments.filter((t) => t.quarter === result.quarter).map((t) => [t.indicator, t.method]));
  const total = scoresOf(config.root);
  const flags: string[] = [];

  const indicators: IndicatorAudit[] = leaves.map((leaf) => {
    const nr = result.nodes.get(leaf.name)!;
    const xs = nr.districts.map((d) => d.current.value);
    const index = firstLevelOf(config, leaf);
    const s = shares(leaf.name);
    const withIndex = result.nodes.has(index) ? pearson(s, scoresOf(index)) : null;
    const a: IndicatorAudit = {
      indicator: leaf.name,
      index,
      n: xs.length,
      mean: r4(mean(xs))!,
      sd: r4(Math.sqrt(variance(xs)))!,
      min: Math.min(...xs),
      max: Math.max(...xs),
      skewness: r4(skewness(xs)),
      kurtosis: r4(kurtosis(xs)),
      outlierRule: breaksRule(xs, rule),
      treated: treatedNow.get(leaf.name) ?? null,
      clipped: nr.districts.filter((d) => d.current.clipped).length,
      correlationWithIndex: r4(withIndex),
      correlationWithTotal: r4(pearson(s, total)),
    };
    if (a.correlationWithIndex !== null && a.correlationWithIndex < 0) flags.push(`${leaf.name}与所属的${index}负相关（r=${a.correlationWithIndex.toFixed(2)}），与同一指数的其他指标方向相反，请检查指标方向或权重。`);
    if (a.outlierRule && !a.treated) flags.push(`${leaf.name}分布偏斜（偏度${a.skewness!.toFixed(2)}，峰度${a.kurtosis!.toFixed(2)}），超过JRC异常值规则的阈值，未作处理（可在配置中设 outliers: jrc）。`);
    return a;
  });

  const names = leaves.map((l) => l.name);
  const all = names.map(shares);
  const matrix = all.map((a, i) => all.map((b, j) => (i === j ? 1 : r4(pearson(a, b)))));

  const indices: IndexAudit[] = [];
  const firstLevel = config.nodes.filter((n) => n.depth === 1 && result.nodes.has(n.name));
  for (const n of firstLevel) {
    const inds = leaves.filter((l) => firstLevelOf(config, l) === n.name).map((l) => l.name);
    if (inds.length < 2) continue;
    const items = inds.map(shares);
    const alpha = r4(cronbachAlpha(items));
    indices.push({ index: n.name, indicators: inds, cronbachAlpha: alpha, firstComponentShare: r4(firstComponentShare(items)) });
    if (alpha !== null && alpha < 0.6) flags.push(`${n.name}的克龙巴赫α系数为${alpha.toFixed(2)}，低于0.6，其指标内部一致性较弱。`);
  }
  if (firstLevel.length >= 2) {
    const items = firstLevel.map((n) => shares(n.name));
    indices.push({ index: config.root, indicators: firstLevel.map((n) => n.name), cronbachAlpha: r4(cronbachAlpha(items)), firstComponentShare: r4(firstComponentShare(items)) });
  }
  return {
    quarter: result.quarter,
    rule: { ...rule, applied: config.method.outliers === 'jrc' },
    indicators,
    correlations: { indicators: names, matrix },
    indices,
    flags,
  };
}
