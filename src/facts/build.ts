import type { IndexConfig, TreeNode } from '../config/types.js';
import type { DistrictResult, NodeResult, QuarterResult } from '../compute/index.js';
import { round2 } from '../compute/normalise.js';
import { quarterLabels } from '../quarter.js';
import type { Dataset } from '../validate/dataset.js';
import { robustnessFacts } from './robustness.js';
import { dataTreatmentFacts } from './treatment.js';
import type { Basis, DistrictChange, DistrictRow, DistrictValue, Extreme, IndicatorFact, Ledger, NodeChangeFacts, NodeFacts, NodeScore, Portrait, TierFacts, YearOnYearScore } from './types.js';

const r2 = (x: number) => round2(x);
const r2n = (x: number | null | undefined) => (x === null || x === undefined ? null : round2(x));

/** Takes the first n items of a sorted list, and any further items tied with the n-th. */
export function takeWithTies<T>(sorted: T[], n: number, key: (t: T) => number | null): T[] {
  if (sorted.length <= n) return sorted.slice();
  const edge = key(sorted[n - 1]);
  let end = n;
  while (end < sorted.length && key(sorted[end]) === edge) end++;
  return sorted.slice(0, end);
}

function districtValues(nr: NodeResult, order: number[]): DistrictValue[] {
  const printed = nr.districts.map((d) => r2(d.current.score));
  return order.map((i) => ({
    district: nr.districts[i].district,
    value: printed[i],
    rank: nr.districts[i].current.rank,
    tied: printed.filter((v) => v === printed[i]).length > 1,
  }));
}

/** Indices sorted by score, highest first; equal scores keep registry order (stable, deterministic). */
function descending(nr: NodeResult): number[] {
  return nr.districts.map((_, i) => i).sort((a, b) => nr.districts[b].current.score - nr.districts[a].current.score || a - b);
}

function extreme(list: { district: string; value: number }[], value: number): Extreme {
  return { districts: list.filter((d) => d.value === value).map((d) => d.district), value };
}

function changeOf(d: DistrictResult): DistrictChange {
  const c = d.change!;
  return {
    district: d.district,
    pct: r2n(c.pct),
    diff: r2(c.diff),
    value: r2(d.current.value),
    previousValue: r2(c.previous.value),
    rank: d.current.rank,
    previousRank: c.previous.rank,
  };
}

/** The leaves below a node (the indicators a change can be traced to). */
function leavesBelow(config: IndexConfig, node: TreeNode): TreeNode[] {
  if (node.children.length === 0) return [node];
  return node.children.flatMap((c) => leavesBelow(config, config.nodes.find((n) => n.name === c)!));
}

function firstLevelOf(config: IndexConfig, node: TreeNode): string {
  let n = node;
  while (n.parent && n.parent !== config.root) n = config.nodes.find((x) => x.name === n.parent)!;
  return n.name;
}

function indicatorFact(config: IndexConfig, result: QuarterResult, leaf: TreeNode, district: string): IndicatorFact | null {
  const nr = result.nodes.get(leaf.name);
  if (!nr) return null; // the data gave a higher node as-is
  const d = nr.districts.find((x) => x.district === district);
  if (!d) return null; // left uncomputed (missing: uncomputed)
  const c = d.change;
  const isCount = leaf.kind === 'count';
  const fact: IndicatorFact = {
    indicator: leaf.name,
    parent: firstLevelOf(config, leaf),
    unit: leaf.unit,
    kind: leaf.kind,
    value: isCount ? d.current.value : r2(d.current.value),
    rank: d.current.rank,
    basis: { node: leaf.name, quarters: [result.quarter, ...(result.previous ? [result.previous] : [])], measure: 'value' },
  };
  if (d.current.share !== undefined) fact.share = r2(d.current.share);
  if (d.current.clipped) fact.clipped = true;
  if (c) {
    fact.previousValue = isCount ? c.previous.value : r2(c.previous.value);
    fact.previousRank = c.previous.rank;
    fact.diff = r2(c.diff);
    // A rate's change is stated in 个百分点, never in %.
    fact.pct = leaf.kind === 'rate' ? null : r2n(c.pct);
    fact.contribution = r2(d.current.score - c.previous.score);
  }
  return fact;
}

/** Indicators under `node` that moved the district's score most in the given direction. */
function driversOf(config: IndexConfig, result: QuarterResult, node: TreeNode, district: string, sign: 1 | -1, count: number): IndicatorFact[] {
  return leavesBelow(config, node)
    .map((leaf) => indicatorFact(config, result, leaf, district))
    .filter((f): f is IndicatorFact => f !== null && f.contribution !== undefined && Math.sign(f.contribution) === sign)
    .sort((a, b) => sign * (b.contribution! - a.contribution!))
    .slice(0, count);
}

function nodeFacts(config: IndexConfig, result: QuarterResult, nr: NodeResult): NodeFacts {
  const quarters = [result.quarter, ...(result.previous ? [result.previous] : [])];
  const basis: Basis = { node: nr.node.name, quarters: [result.quarter], measure: 'score' };
  const order = descending(nr);
  const all = districtValues(nr, order);
  const top = takeWithTies(all, config.lists.top, (d) => d.value);
  const bottomAsc = takeWithTies(all.slice().reverse(), config.lists.bottom, (d) => d.value);
  const facts: NodeFacts = {
    node: nr.node.name,
    depth: nr.node.depth,
    points: nr.node.points,
    top,
    bottom: bottomAsc.reverse(),
    highest: extreme(all, all[0].value),
    lowest: extreme(all, all[all.length - 1].value),
    mean: r2(nr.stats.mean),
    ranked: nr.districts.length,
    uncomputed: config.districts.map((d) => d.name).filter((d) => !nr.districts.some((x) => x.district === d)),
    change: null,
    yoy: null,
    basis,
  };
  if (result.previous && nr.stats.meanPct !== undefined) {
    const changes = nr.districts.filter((d) => d.change).map(changeOf);
    const byPct = (a: DistrictChange, b: DistrictChange) => (b.pct ?? -Infinity) - (a.pct ?? -Infinity);
    const idx = (d: DistrictChange) => changes.indexOf(d);
    const risersAll = changes.filter((c) => c.pct !== null && c.pct > 0).sort((a, b) => byPct(a, b) || idx(a) - idx(b));
    const fallersAll = changes.filter((c) => c.pct !== null && c.pct < 0).sort((a, b) => byPct(b, a) || idx(a) - idx(b));
    const risers = takeWithTies(risersAll, config.lists.risers, (c) => c.pct);
    const fallers = takeWithTies(fallersAll, config.lists.fallers, (c) => c.pct);
    const biggest = (list: DistrictChange[], sign: 1 | -1) => {
      if (!list.length) return null;
      const pct = list[0].pct!;
      const ds = list.filter((c) => c.pct === pct);
      return {
        districts: ds.map((c) => c.district),
        value: pct,
        diff: ds[0].diff,
        drivers: driversOf(config, result, nr.node, ds[0].district, sign, 1),
      };
    };
    const meanDiff = r2(r2(nr.stats.mean) - r2(nr.stats.previousMean!));
    const change: NodeChangeFacts = {
      meanPct: nr.stats.meanPct,
      counted: changes.length,
      previousMean: r2(nr.stats.previousMean!),
      mean: r2(nr.stats.mean),
      meanDiff,
      direction: nr.stats.meanPct > 0 ? 'up' : nr.stats.meanPct < 0 ? 'down' : 'flat',
      aboveMean: nr.stats.aboveMeanPct!,
      rose: nr.stats.rose!,
      fell: nr.stats.fell!,
      same: nr.stats.same!,
      risers,
      fallers,
      biggestRise: biggest(risersAll, 1),
      biggestFall: biggest(fallersAll, -1),
      basis: { node: nr.node.name, quarters, measure: 'pct' },
    };
    facts.change = change;
  }
  return facts;
}

function nodeScore(nr: NodeResult, district: string): NodeScore {
  const d = nr.districts.find((x) => x.district === district);
  if (!d) throw new Error(`no score of ${nr.node.name} for ${district}`); // callers ask only for computed ones
  const s: NodeScore = { score: r2(d.current.score), rank: d.current.rank };
  if (d.change) {
    s.previousScore = r2(d.change.previous.score);
    s.previousRank = d.change.previous.rank;
    s.diff = r2(d.change.diff);
    s.pct = r2n(d.change.pct);
    s.rankMove = d.change.rankMove;
  }
  return s;
}

function yearOnYearScore(yoy: QuarterResult, node: string, district: string): YearOnYearScore | null {
  const s = nodeScore(yoy.nodes.get(node)!, district);
  if (s.previousScore === undefined) return null; // uncomputed a year ago
  return { quarter: yoy.previous!, previousScore: s.previousScore!, previousRank: s.previousRank!, diff: s.diff!, pct: s.pct ?? null, rankMove: s.rankMove! };
}

/** Every indicator's values of the quarter, and the values clipped at the goalposts (as notes and as facts). */
function indicatorFacts(config: IndexConfig, result: QuarterResult): { indicators: Ledger['indicators']; notes: string[]; clipped: Ledger['dataTreatment']['clipped'] } {
  const indicators: Ledger['indicators'] = {};
  const notes: string[] = [];
  const clippedFacts: Ledger['dataTreatment']['clipped'] = [];
  for (const leaf of config.nodes.filter((n) => n.children.length === 0 && result.nodes.has(n.name))) {
    const values: Record<string, IndicatorFact> = {};
    for (const d of config.districts) {
      const f = indicatorFact(config, result, leaf, d.name);
      if (f) values[d.name] = f; // none for a cell left uncomputed
    }
    indicators[leaf.name] = { unit: leaf.unit, kind: leaf.kind, parent: firstLevelOf(config, leaf), values };
    const clipped = result.nodes
      .get(leaf.name)!
      .districts.filter((d) => d.current.clipped)
      .map((d) => d.district);
    if (clipped.length) {
      notes.push(`${leaf.name}：${clipped.join('、')}的值超出目标值范围，标准化时按边界值计。`);
      clippedFacts.push({ indicator: leaf.name, count: clipped.length, districts: clipped });
    }
  }
  return { indicators, notes, clipped: clippedFacts };
}

function metaOf(config: IndexConfig, result: QuarterResult, firstLevel: TreeNode[]): Ledger['meta'] {
  const ql = quarterLabels(result.quarter);
  const pl = result.previous ? quarterLabels(result.previous) : null;
  return {
    title: `${ql.title}${config.title}报告`,
    quarter: result.quarter,
    quarterLabel: ql.label,
    quarterTitle: ql.title,
    quarterShort: ql.short,
    previous: result.previous,
    previousLabel: pl?.label ?? null,
    previousShort: pl?.short ?? null,
    // The districts ranked on the total (all of them, unless a cell is left uncomputed): what 全市N个区县 counts.
    districtCount: result.nodes.get(config.root)!.districts.length,
    root: config.root,
    firstLevel: firstLevel.map((n) => n.name),
    yearAgo: result.yearAgo,
    yearAgoLabel: result.yearAgo ? quarterLabels(result.yearAgo).label : null,
    yearOnYearParagraph: config.method.yearOnYear.paragraph,
    changesUnavailable: result.previous ? null : `数据中没有${ql.label}的上一季度，无法计算环比变化`,
    normalisation: config.normalisation.method,
    aggregation: config.aggregation,
  };
}

export function buildLedger(config: IndexConfig, dataset: Dataset, result: QuarterResult): Ledger {
  const root = result.nodes.get(config.root)!;
  const firstLevel = config.nodes.filter((n) => n.depth === 1 && result.nodes.has(n.name));

  // 同比 facts are the 环比 facts computed against the year-ago quarter instead of the previous one.
  const yoyResult: QuarterResult | null = result.yearAgo && result.yoyNodes ? { ...result, previous: result.yearAgo, nodes: result.yoyNodes } : null;
  const nodes: Record<string, NodeFacts> = {};
  for (const n of [root.node, ...firstLevel]) {
    nodes[n.name] = nodeFacts(config, result, result.nodes.get(n.name)!);
    if (yoyResult) nodes[n.name].yoy = nodeFacts(config, yoyResult, yoyResult.nodes.get(n.name)!).change;
  }

  const rootOrder = descending(root);
  const ranked = districtValues(root, rootOrder);
  const tiers: TierFacts[] = config.tiers.map((t, i) => {
    const members = ranked.filter((d) => result.tiers.get(d.district) === t.name);
    return { name: t.name, label: t.label, min: t.min, max: i === 0 ? null : config.tiers[i - 1].min, count: members.length, members };
  });

  const rows: DistrictRow[] = config.districts.map((d) => {
    const scores: Record<string, NodeScore> = {};
    for (const n of [root.node, ...firstLevel]) {
      if (!result.nodes.get(n.name)!.districts.some((x) => x.district === d.name)) continue; // left uncomputed
      scores[n.name] = nodeScore(result.nodes.get(n.name)!, d.name);
      const yoy = yoyResult ? yearOnYearScore(yoyResult, n.name, d.name) : null;
      if (yoy) scores[n.name].yoy = yoy;
    }
    const src = dataset.sources.get(result.quarter)!.get(d.name)!;
    const prevSrc = result.previous ? dataset.sources.get(result.previous)!.get(d.name) : undefined;
    return { district: d.name, code: d.code, tier: result.tiers.get(d.name) ?? null, scores, source: src, ...(prevSrc ? { previousSource: prevSrc } : {}) };
  });

  const { indicators, notes, clipped } = indicatorFacts(config, result);

  // The three typical districts: the top one, the biggest riser and the biggest faller of the total.
  const portraits: Portrait[] = [];
  const portrait = (role: Portrait['role'], district: string, sign: 1 | -1 | 0): Portrait => {
    let inds: IndicatorFact[];
    if (sign === 0) {
      inds = leavesBelow(config, root.node)
        .map((l) => indicatorFact(config, result, l, district))
        .filter((f): f is IndicatorFact => f !== null)
        .sort((a, b) => a.rank - b.rank || (b.share ?? 0) - (a.share ?? 0))
        .slice(0, config.lists.drivers + 1);
    } else inds = driversOf(config, result, root.node, district, sign, config.lists.drivers);
    return {
      role,
      district,
      total: nodeScore(root, district),
      subIndices: firstLevel.map((n) => ({ node: n.name, ...nodeScore(result.nodes.get(n.name)!, district) })),
      indicators: inds,
    };
  };
  portraits.push(portrait('top', ranked[0].district, 0));
  const rc = nodes[config.root].change;
  if (rc?.biggestRise && !portraits.some((p) => p.district === rc.biggestRise!.districts[0])) portraits.push(portrait('riser', rc.biggestRise.districts[0], 1));
  if (rc?.biggestFall && !portraits.some((p) => p.district === rc.biggestFall!.districts[0])) portraits.push(portrait('faller', rc.biggestFall.districts[0], -1));

  return {
    meta: metaOf(config, result, firstLevel),
    tiers,
    nodes,
    portraits,
    districts: rows,
    indicators,
    notes,
    robustness: robustnessFacts(config, result),
    dataTreatment: dataTreatmentFacts(config, dataset, result, clipped),
  };
}
