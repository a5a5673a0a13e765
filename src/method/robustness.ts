/**
 * Robustness of ranks (OECD/JRC Handbook 2008, step 7 "uncertainty analysis"; the
 * JRC audits of the Global Innovation Index): the index is recomputed many times,
 * each time with the method's choices drawn at random — every weight perturbed
 * around its configured value, the normalisation drawn among the configured
 * alternatives, arithmetic or geometric aggregation — and each district's rank is
 * recorded. The median rank and the 5 %–95 % interval say how much a district's
 * place depends on those choices rather than on its data.
 *
 * Deterministic: the draws come from a seeded generator (seedrandom), in a fixed
 * order, so the same inputs give the same intervals.
 */
import seedrandom from 'seedrandom';
import type { IndexConfig, NormalisationMethod, TreeNode } from '../config/types.js';
import { normalise } from '../compute/normalise.js';
import type { Dataset } from '../validate/dataset.js';

export interface RankInterval {
  district: string;
  /** Median rank over the runs. */
  median: number;
  /** 5th and 95th percentile of the rank (nearest-rank method, so always a rank some run gave). */
  low: number;
  high: number;
  /** The best and the worst rank any run gave (what 始终 / 在全部模拟中 may claim). */
  best: number;
  worst: number;
}

export interface RankRobustness {
  runs: number;
  seed: number | string;
  weightSpread: number;
  normalisations: NormalisationMethod[];
  aggregations: ('arithmetic' | 'geometric')[];
  /** Root and first-level nodes → every district's interval, in registry order. */
  nodes: Map<string, RankInterval[]>;
}

/** A node's inputs to the simulation: a base (fixed or normalised values) or children to aggregate. */
type Plan = { kind: 'fixed'; node: TreeNode; shares: Float64Array } | { kind: 'leaf'; node: TreeNode; byMethod: Float64Array[] } | { kind: 'inner'; node: TreeNode; children: Plan[] };

/**
 * The 0–1 shares each leaf takes under each normalisation alternative, worked out
 * once; a run then only weights and aggregates them.
 */
type Treated = Map<string, { values: number[]; bounds?: [number, number] }>;

function plan(config: IndexConfig, rows: Map<string, Map<string, number>>, posts: Map<string, [number, number]>, treated: Treated, methods: NormalisationMethod[], name: string): Plan | null {
  const node = config.nodes.find((n) => n.name === name)!;
  const districts = config.districts.map((d) => d.name);
  const given = rows.get(districts[0])!.has(name);
  if (given && node.children.length > 0) {
    // A score given as-is (score-only tables): its share of its points is fixed.
    return { kind: 'fixed', node, shares: Float64Array.from(districts, (d) => rows.get(d)!.get(name)! / node.points) };
  }
  if (node.children.length === 0) {
    if (!given) return null;
    // Values treated for outliers are simulated as they were scored.
    const t = treated.get(name);
    const values = t?.values ?? districts.map((d) => rows.get(d)!.get(name)!);
    const bounds = t?.bounds ?? posts.get(name);
    const byMethod = methods.map((m) => {
      // Goalposts exist only for leaves configured with them; elsewhere the configured method stands in.
      const method = m === 'goalpost' && !posts.has(name) ? (node.normalisation ?? config.normalisation.method) : m;
      const norm = normalise(values, { method, direction: node.direction, bounds, floor: config.normalisation.floor });
      return Float64Array.from(norm, (n) => n.value);
    });
    return { kind: 'leaf', node, byMethod };
  }
  const children = node.children.map((c) => plan(config, rows, posts, treated, methods, c));
  if (children.some((c) => c === null)) return null;
  return { kind: 'inner', node, children: children as Plan[] };
}

interface Draw {
  method: number;
  geometric: boolean;
  /** Perturbed weights of each inner node's children, by node name. */
  weights: Map<string, number[]>;
}

function drawRun(rng: () => number, baseWeights: Map<string, number[]>, nMethods: number, aggregations: string[], spread: number): Draw {
  const method = Math.floor(rng() * nMethods);
  const geometric = aggregations[Math.floor(rng() * aggregations.length)] === 'geometric';
  return { method, geometric, weights: perturb(rng, baseWeights, spread) };
}

function perturb(rng: () => number, base: Map<string, number[]>, spread: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [name, ws] of base) {
    const drawn = ws.map((w) => w * (1 + spread * (2 * rng() - 1)));
    const sum = drawn.reduce((s, x) => s + x, 0);
    out.set(
      name,
      drawn.map((w) => w / sum),
    );
  }
  return out;
}

/** Evaluates a plan for one run, filling `out` (node name → shares) for the nodes whose ranks are kept. */
function evaluate(p: Plan, draw: Draw, n: number, out: Map<string, Float64Array>): Float64Array {
  let shares: Float64Array;
  if (p.kind === 'fixed') shares = p.shares;
  else if (p.kind === 'leaf') shares = p.byMethod[draw.method];
  else {
    const childShares = p.children.map((c) => evaluate(c, draw, n, out));
    const w = draw.weights.get(p.node.name)!;
    shares = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let acc = 0;
      if (draw.geometric) {
        for (let k = 0; k < childShares.length; k++) acc += w[k] * Math.log(Math.max(childShares[k][i], 1e-9));
        shares[i] = Math.exp(acc);
      } else {
        for (let k = 0; k < childShares.length; k++) acc += w[k] * childShares[k][i];
        shares[i] = acc;
      }
    }
  }
  if (out.has(p.node.name)) out.set(p.node.name, shares);
  return shares;
}

/** Competition ranks (1, 2, 2, 4) of shares, highest first; shares within 1e-9 count as tied. */
function ranksOf(shares: Float64Array, order: number[], into: Int32Array, offset: number, stride: number): void {
  const n = shares.length;
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => shares[b] - shares[a]);
  let rank = 1;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (k > 0 && shares[order[k - 1]] - shares[i] > 1e-9) rank = k + 1;
    into[i * stride + offset] = rank;
  }
}

function quantile(sorted: Int32Array, p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

/**
 * Rank intervals of the root and the first-level indices in `quarter`, or null when
 * switched off, when the quarter's data give the total as-is (nothing to vary), or
 * when a cell is left uncomputed (missing: uncomputed): the districts ranked would
 * differ from node to node, and a rank among some is no interval of the printed one.
 */
export function rankRobustness(config: IndexConfig, dataset: Dataset, quarter: string, posts: Map<string, [number, number]>, treated: Treated = new Map()): RankRobustness | null {
  const opts = config.method.robustness;
  if (!opts.enabled) return null;
  const configured = config.normalisation.method;
  const methods = [configured, ...opts.normalisations.filter((m) => m !== configured)];
  const aggregations = opts.aggregations.includes(config.aggregation) ? opts.aggregations : [config.aggregation, ...opts.aggregations];
  const rows = dataset.values.get(quarter)!;
  if ([...rows.values()].some((r) => [...r.values()].some(Number.isNaN))) return null;
  const root = plan(config, rows, posts, treated, methods, config.root);
  if (!root || root.kind === 'fixed') return null;

  const kept = [config.root, ...config.nodes.filter((n) => n.depth === 1).map((n) => n.name)];
  const weightOf = new Map(config.nodes.map((x) => [x.name, x.weight]));
  const baseWeights = new Map(config.nodes.filter((x) => x.children.length > 0).map((x) => [x.name, x.children.map((c) => weightOf.get(c)!)]));
  const n = config.districts.length;
  const rng = seedrandom(String(opts.seed));
  // ranks[node][district * runs + run]
  const ranks = new Map(kept.map((k) => [k, new Int32Array(n * opts.runs)]));
  const out = new Map<string, Float64Array>(kept.map((k) => [k, new Float64Array(0)]));
  const order: number[] = new Array(n);
  for (let run = 0; run < opts.runs; run++) {
    const draw = drawRun(rng, baseWeights, methods.length, aggregations, opts.weightSpread);
    evaluate(root, draw, n, out);
    for (const k of kept) if (out.get(k)!.length) ranksOf(out.get(k)!, order, ranks.get(k)!, run, opts.runs);
  }

  const nodes = new Map<string, RankInterval[]>();
  for (const k of kept) {
    if (!out.get(k)!.length) continue; // a first-level node not computed this quarter
    const all = ranks.get(k)!;
    nodes.set(
      k,
      config.districts.map((d, i) => {
        const mine = all.slice(i * opts.runs, (i + 1) * opts.runs).sort();
        return { district: d.name, median: quantile(mine, 0.5), low: quantile(mine, 0.05), high: quantile(mine, 0.95), best: mine[0], worst: mine[mine.length - 1] };
      }),
    );
  }
  return { runs: opts.runs, seed: opts.seed, weightSpread: opts.weightSpread, normalisations: methods, aggregations, nodes };
}
