import type { IndexConfig, TreeNode } from '../config/types.js';
import { InputError } from '../errors.js';
import { previousQuarter, yearAgoQuarter } from '../quarter.js';
import type { Dataset } from '../validate/dataset.js';
import { aggregate, competitionRanks, normalise, round2 } from './normalise.js';
import { displayPath } from '../files.js';
import { rankRobustness, type RankRobustness } from '../method/robustness.js';
import { treatIndicator, type Treatment } from '../method/outliers.js';

/** One node of one district in one quarter. */
export interface Cell {
  /** Leaves: the indicator's own value (家, %, 次 …). Other nodes: the score (= points). */
  value: number;
  /** Points earned (leaves: unrounded share of their points; other nodes: rounded to 2 decimals, as printed). */
  score: number;
  /** Rank among the districts by value (leaves, direction-aware) or score; ties share the better rank. */
  rank: number;
  /** Leaves of kind count: the district's share of the city total, in %. */
  share?: number;
  /** True when the value came from the data rather than from the children. */
  given: boolean;
  /** Leaves: the value lay outside the goalposts and its normalised value was clipped. */
  clipped?: boolean;
}

export interface Change {
  /** Score difference in points (leaves: value difference in the indicator's unit). */
  diff: number;
  /** % change of the score (leaves: of the value); null when the previous value is 0. */
  pct: number | null;
  /** Previous rank minus current rank: positive means the district moved up. */
  rankMove: number;
  previous: Cell;
}

export interface DistrictResult {
  district: string;
  current: Cell;
  change?: Change;
}

export interface NodeStats {
  /** City mean of the scores (leaves: of the values). */
  mean: number;
  /** City total of the values (meaningful for counts). */
  total: number;
  previousMean?: number;
  /** Mean of the districts' % changes (rounded, as printed). */
  meanPct?: number;
  /** Districts whose rounded % change exceeds the rounded mean % change. */
  aboveMeanPct?: number;
  rose?: number;
  fell?: number;
  same?: number;
  /** Districts without a % change (previous value 0). */
  noPct?: number;
}

export interface NodeResult {
  node: TreeNode;
  /** In registry order. */
  districts: DistrictResult[];
  stats: NodeStats;
}

export interface QuarterResult {
  quarter: string;
  previous: string | null;
  nodes: Map<string, NodeResult>;
  /** The same quarter of the previous year (同比), when the data hold it. */
  yearAgo: string | null;
  /** The nodes again, with each district's change (and the stats) on the year-ago quarter instead of the previous one. */
  yoyNodes: Map<string, NodeResult> | null;
  /** Indicators treated for outliers, in every quarter the computation scored (empty unless config outliers: jrc). */
  treatments: OutlierTreatment[];
  /** Rank intervals of the root and first-level indices under the method's alternatives (null: switched off, or nothing to vary). */
  robustness: RankRobustness | null;
  /** Tier name for each district, by total score. */
  tiers: Map<string, string>;
}

interface Scored {
  /** node → district → cell */
  cells: Map<string, Map<string, Cell>>;
  /** Leaves whose values were treated for outliers before scoring: the values and goalposts used, and whose values they are. */
  treated: Map<string, { values: number[]; bounds?: [number, number]; treatment: Treatment; districts: string[] }>;
}

/** One indicator of one quarter treated for outliers (config outliers: jrc), as facts.json logs it. */
export interface OutlierTreatment extends Omit<Treatment, 'changed'> {
  quarter: string;
  indicator: string;
  /** Every value that was scored with another value than the data's. */
  values: { district: string; value: number; treated: number }[];
}

/** Goalposts for each leaf: from its configured bounds, or from the base quarter's range. */
export function goalposts(config: IndexConfig, dataset: Dataset): Map<string, [number, number]> {
  const result = new Map<string, [number, number]>();
  for (const leaf of config.nodes.filter((n) => n.children.length === 0)) {
    const method = leaf.normalisation ?? config.normalisation.method;
    if (method !== 'goalpost') continue;
    if (leaf.bounds) {
      result.set(leaf.name, leaf.bounds);
      continue;
    }
    const base = config.normalisation.baseQuarter ?? dataset.quarters[0];
    const rows = dataset.values.get(base);
    const xs = rows ? [...rows.values()].map((r) => r.get(leaf.name)).filter((x): x is number => x !== undefined && !Number.isNaN(x)) : [];
    if (xs.length === 0 && dataset.quarters.every((q) => [...dataset.values.get(q)!.values()].every((r) => !r.has(leaf.name)))) continue;
    if (xs.length === 0)
      throw new InputError([{ file: displayPath(config.files.config), message: `${leaf.name}没有目标值：它没有 bounds，基期 ${base} 也没有它的数据`, hint: `在配置中给${leaf.name}写上 bounds: [下限, 上限]，或提供 ${base} 的数据` }]);
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const span = hi - lo || Math.abs(hi) || 1;
    result.set(leaf.name, [lo, hi + span * config.normalisation.headroom]);
  }
  return result;
}

/** The quarters a quarter's computation reads: itself, the previous one, and the goalposts' base quarter. */
export function quartersUsed(config: IndexConfig, dataset: Dataset, quarter: string): string[] {
  const used = new Set([quarter]);
  const prev = previousQuarter(quarter);
  if (dataset.values.has(prev)) used.add(prev);
  const ago = yearAgoQuarter(quarter);
  if (dataset.values.has(ago)) used.add(ago);
  const needsBase = config.nodes.some((n) => n.children.length === 0 && !n.bounds && (n.normalisation ?? config.normalisation.method) === 'goalpost');
  if (needsBase) used.add(config.normalisation.baseQuarter ?? dataset.quarters[0]);
  // The quarters an imputed cell was filled from are read too (so a rebuild from the snapshot fills it alike).
  for (const c of dataset.imputed ?? []) if (used.has(c.quarter)) c.from.forEach((q) => used.add(q));
  return [...used].filter((q) => dataset.values.has(q)).sort();
}

/** A leaf's values of the quarter for the districts that have one (an uncomputed cell, NaN, has none). */
function leafValues(rows: Map<string, Map<string, number>>, districts: string[], name: string): { districts: string[]; values: number[] } {
  const have = districts.filter((d) => !Number.isNaN(rows.get(d)!.get(name)!));
  return { districts: have, values: have.map((d) => rows.get(d)!.get(name)!) };
}

function scoreLeaf(config: IndexConfig, node: TreeNode, rows: Map<string, Map<string, number>>, posts: Map<string, [number, number]>, treated: Scored['treated']): Map<string, Cell> {
  const { districts, values } = leafValues(
    rows,
    config.districts.map((d) => d.name),
    node.name,
  );
  const byDistrict = new Map<string, Cell>();
  const method = node.normalisation ?? config.normalisation.method;
  // Outliers (JRC rule) are treated for scoring only; the cell keeps the value as given.
  const t = config.method.outliers === 'jrc' ? treatIndicator(values, posts.get(node.name), config.method.outlierRule) : null;
  if (t) treated.set(node.name, { ...t, districts });
  const norm = normalise(t?.values ?? values, { method, direction: node.direction, bounds: t?.bounds ?? posts.get(node.name), floor: config.normalisation.floor });
  const ranks = competitionRanks(values, node.direction === '逆向' ? 'asc' : 'desc');
  const total = values.reduce((s, x) => s + x, 0);
  districts.forEach((d, i) =>
    byDistrict.set(d, {
      value: values[i],
      score: node.points * norm[i].value,
      rank: ranks[i],
      share: node.kind === 'count' && total > 0 ? (values[i] / total) * 100 : undefined,
      given: true,
      clipped: norm[i].clipped || undefined,
    }),
  );
  return byDistrict;
}

function scoreQuarter(config: IndexConfig, dataset: Dataset, quarter: string, posts: Map<string, [number, number]>): Scored {
  const rows = dataset.values.get(quarter)!;
  const districts = config.districts.map((d) => d.name);
  const cells = new Map<string, Map<string, Cell>>();
  const treated: Scored['treated'] = new Map();

  // Depth-first from the root: a node given in the data is used as-is; otherwise it is computed.
  // A district lacking a child's cell (an uncomputed indicator below it) gets no cell of the node.
  const visit = (node: TreeNode): boolean => {
    // Validation guarantees every district of a quarter gives the same columns.
    const given = rows.get(districts[0])!.has(node.name);
    if (node.children.length === 0) {
      if (!given) return false;
      cells.set(node.name, scoreLeaf(config, node, rows, posts, treated));
      return true;
    }
    const childKnown = node.children.map((c) => visit(config.nodes.find((n) => n.name === c)!));
    const computable = childKnown.every(Boolean);
    if (!given && !computable) return false;
    const scored = districts.flatMap((d) => {
      const own = rows.get(d)!.get(node.name);
      if (own !== undefined) return [{ d, score: round2(own), given: true }];
      if (node.children.some((c) => !cells.get(c)!.has(d))) return [];
      const children = node.children.map((c) => {
        const child = config.nodes.find((n) => n.name === c)!;
        return { score: cells.get(c)!.get(d)!.score, points: child.points, weight: child.weight };
      });
      return [{ d, score: round2(aggregate(children, node.points, config.aggregation)), given: false }];
    });
    const ranks = competitionRanks(scored.map((s) => s.score));
    cells.set(node.name, new Map(scored.map((s, i) => [s.d, { value: s.score, score: s.score, rank: ranks[i], given: s.given }])));
    return true;
  };
  visit(config.nodes.find((n) => n.name === config.root)!);
  return { cells, treated };
}

function pctChange(now: number, before: number): number | null {
  if (before === 0) return null;
  return ((now - before) / Math.abs(before)) * 100;
}

/** Scores, ranks, changes on the previous quarter (环比) and on the year-ago quarter (同比), and city statistics for every node. */
export function computeQuarter(config: IndexConfig, dataset: Dataset, quarter: string): QuarterResult {
  if (!dataset.values.has(quarter)) throw new InputError([{ file: '--quarter', message: `数据中没有 ${quarter}`, hint: `数据中有：${dataset.quarters.join('、')}` }]);
  const posts = goalposts(config, dataset);
  const prevQ = previousQuarter(quarter);
  const previous = dataset.values.has(prevQ) ? prevQ : null;
  const agoQ = yearAgoQuarter(quarter);
  const yearAgo = dataset.values.has(agoQ) ? agoQ : null;
  const now = scoreQuarter(config, dataset, quarter, posts);
  const before = previous ? scoreQuarter(config, dataset, previous, posts) : null;
  const ago = yearAgo ? scoreQuarter(config, dataset, yearAgo, posts) : null;
  const nodes = compareScores(config, now, before);
  const yoyNodes = ago ? compareScores(config, now, ago) : null;
  const treatments = (
    [
      [quarter, now],
      [previous, before],
      [yearAgo, ago],
    ] as const
  ).flatMap(([q, s]) => (q && s ? treatmentLog(q, s) : []));

  const tiers = new Map<string, string>();
  for (const d of nodes.get(config.root)!.districts) {
    const tier = config.tiers.find((t) => t.min === null || d.current.score > t.min)!;
    tiers.set(d.district, tier.name);
  }
  const robustness = rankRobustness(config, dataset, quarter, posts, now.treated);
  return { quarter, previous, nodes, tiers, yearAgo, yoyNodes, treatments, robustness };
}

function treatmentLog(quarter: string, s: Scored): OutlierTreatment[] {
  return [...s.treated].map(
    ([
      indicator,
      {
        treatment: { changed, ...stats },
        districts,
      },
    ]) => ({
      quarter,
      indicator,
      ...stats,
      values: changed.map((c) => ({ district: districts[c.index], value: c.from, treated: c.to })),
    }),
  );
}

/** Every node's districts with their change on `before` (if given), and the city statistics of those changes. */
function compareScores(config: IndexConfig, now: Scored, before: Scored | null): Map<string, NodeResult> {
  const nodes = new Map<string, NodeResult>();
  for (const node of config.nodes) {
    const cur = now.cells.get(node.name);
    if (!cur) continue; // below a node given as-is and not itself in the data
    const prev = before?.cells.get(node.name);
    const isLeaf = node.children.length === 0;
    // Districts whose node is uncomputed this quarter are left out; a change needs the node in both quarters.
    const districts: DistrictResult[] = config.districts.flatMap(({ name }) => {
      const c = cur.get(name);
      if (!c) return [];
      const p = prev?.get(name);
      if (!p) return [{ district: name, current: c }];
      // Scores are compared as printed (2 decimals) so that every change a reader can recompute matches.
      const a = isLeaf ? c.value : c.score;
      const b = isLeaf ? p.value : p.score;
      return [{ district: name, current: c, change: { diff: a - b, pct: pctChange(a, b), rankMove: p.rank - c.rank, previous: p } }];
    });
    const vals = districts.map((d) => (isLeaf ? d.current.value : d.current.score));
    const stats: NodeStats = { mean: vals.reduce((s, x) => s + x, 0) / vals.length, total: vals.reduce((s, x) => s + x, 0) };
    const changed = districts.filter((d) => d.change);
    if (prev && changed.length) {
      const prevVals = changed.map((d) => (isLeaf ? d.change!.previous.value : d.change!.previous.score));
      stats.previousMean = prevVals.reduce((s, x) => s + x, 0) / prevVals.length;
      const pcts = changed.map((d) => d.change!.pct).filter((x): x is number => x !== null);
      stats.meanPct = pcts.length ? round2(pcts.reduce((s, x) => s + x, 0) / pcts.length) : undefined;
      stats.aboveMeanPct = stats.meanPct === undefined ? 0 : pcts.filter((x) => round2(x) > stats.meanPct!).length;
      stats.rose = changed.filter((d) => round2(d.change!.diff) > 0).length;
      stats.fell = changed.filter((d) => round2(d.change!.diff) < 0).length;
      stats.same = changed.length - stats.rose - stats.fell;
      stats.noPct = changed.length - pcts.length;
    }
    nodes.set(node.name, { node, districts, stats });
  }
  return nodes;
}
