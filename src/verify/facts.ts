/** Look-ups into the facts ledger for the fact check. */
import type { IndicatorFact, Ledger, NodeChangeFacts, NodeFacts, NodeScore } from '../facts/types.js';
import { quarterLabels, quarterParts, yearAgoQuarter } from '../quarter.js';

export const same = (a: number, b: number) => Math.abs(a - b) < 0.005;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface Mention {
  name: string;
  start: number;
  end: number;
}

export class LedgerFacts {
  readonly districts: string[];
  /** Root and first-level nodes. */
  readonly nodes: string[];
  readonly indicators: string[];
  readonly districtRe: RegExp;
  /** A list of districts joined by 、 和 与 及. */
  readonly listSource: string;
  private readonly targetRe: RegExp;
  readonly levelValues: number[];
  readonly quarters: { year: number; n: number }[];
  /** The same quarter a year before (what 同比 compares with). */
  readonly yearAgo: string;

  /** Whether this is the year-on-year view (changes on the same quarter a year before). */
  readonly isYoy: boolean;

  constructor(
    readonly ledger: Ledger,
    isYoy = false,
  ) {
    this.isYoy = isYoy;
    this.districts = ledger.districts.map((d) => d.district);
    this.nodes = [ledger.meta.root, ...ledger.meta.firstLevel];
    this.indicators = Object.keys(ledger.indicators);
    const byLength = (a: string, b: string) => b.length - a.length;
    const d = [...this.districts].sort(byLength).map(escape).join('|');
    this.districtRe = new RegExp(d, 'g');
    this.listSource = `(?:${d})(?:[、和与及](?:${d}))*`;
    this.targetRe = new RegExp([...this.nodes, ...this.indicators].sort(byLength).map(escape).join('|'), 'g');

    const cur = quarterParts(ledger.meta.quarter);
    const prev = ledger.meta.previous ? quarterParts(ledger.meta.previous) : cur.n === 1 ? { year: cur.year - 1, n: 4 } : { year: cur.year, n: cur.n - 1 };
    this.quarters = [cur, prev];
    this.yearAgo = yearAgoQuarter(ledger.meta.quarter);

    // Values that belong to no district: counts, means, tier bounds, list lengths.
    const lv: number[] = [ledger.meta.districtCount, ledger.tiers.length, ledger.portraits.length, ledger.meta.firstLevel.length, 0];
    for (const t of ledger.tiers) lv.push(t.count, ...(t.min !== null ? [t.min] : []), ...(t.max !== null ? [t.max] : []));
    for (const n of this.nodes) {
      const f = ledger.nodes[n];
      if (!f) continue;
      lv.push(f.mean, f.top.length, f.bottom.length);
      const c = f.change;
      if (c) lv.push(c.meanPct, c.mean, c.previousMean, c.meanDiff, c.aboveMean, c.rose, c.fell, c.same, c.risers.length, c.fallers.length);
    }
    this.levelValues = lv;
  }

  /** 2018Q3 → 2018年第3季度 */
  label(q: string): string {
    return quarterLabels(q).label;
  }

  /** The districts sharing a printed score of a node (this quarter). */
  tiedWith(district: string, node: string): string[] {
    const s = this.score(district, node)?.score;
    return s === undefined ? [] : this.ledger.districts.filter((d) => d.scores[node]?.score === s).map((d) => d.district);
  }

  /** The district(s) at a rank of a node or indicator this quarter. */
  atRank(target: string, rank: number): string[] {
    if (this.isNode(target)) return this.ledger.districts.filter((d) => d.scores[target]?.rank === rank).map((d) => d.district);
    return Object.entries(this.ledger.indicators[target]?.values ?? {})
      .filter(([, v]) => v.rank === rank)
      .map(([d]) => d);
  }

  /** This quarter's level of a node (score) or indicator (value). */
  level(district: string, target: string): number | undefined {
    return this.isNode(target) ? this.score(district, target)?.score : this.indicator(district, target)?.value;
  }

  previousLevel(district: string, target: string): number | undefined {
    return this.isNode(target) ? this.score(district, target)?.previousScore : this.indicator(district, target)?.previousValue;
  }

  districtMentions(s: string): Mention[] {
    return [...s.matchAll(this.districtRe)].map((m) => ({ name: m[0], start: m.index!, end: m.index! + m[0].length }));
  }

  targetMentions(s: string): Mention[] {
    return [...s.matchAll(this.targetRe)].map((m) => ({ name: m[0], start: m.index!, end: m.index! + m[0].length }));
  }

  listOf(s: string): string[] {
    return [...s.matchAll(this.districtRe)].map((m) => m[0]);
  }

  isNode(t: string): boolean {
    return this.nodes.includes(t);
  }

  node(t: string): NodeFacts | undefined {
    return this.ledger.nodes[t];
  }

  change(t: string): NodeChangeFacts | null {
    return this.ledger.nodes[t]?.change ?? null;
  }

  score(district: string, node: string): NodeScore | undefined {
    return this.ledger.districts.find((d) => d.district === district)?.scores[node];
  }

  indicator(district: string, ind: string): IndicatorFact | undefined {
    return this.ledger.indicators[ind]?.values[district];
  }

  kindOf(target: string): 'node' | 'count' | 'rate' | 'score' {
    if (this.isNode(target)) return 'node';
    return (this.ledger.indicators[target]?.kind as 'count' | 'rate' | 'score') ?? 'score';
  }

  unitOf(target: string): string {
    return this.isNode(target) ? '分' : (this.ledger.indicators[target]?.unit ?? '');
  }

  /** Current rank, previous rank, and whether each is shared. */
  ranks(district: string, target: string): { rank: number; previousRank?: number; tied: boolean; previousTied: boolean } | undefined {
    if (this.isNode(target)) {
      const s = this.score(district, target);
      if (!s) return undefined;
      const others = this.ledger.districts.filter((d) => d.district !== district).map((d) => d.scores[target]);
      return {
        rank: s.rank,
        previousRank: s.previousRank,
        tied: others.some((o) => o?.score === s.score),
        previousTied: s.previousScore !== undefined && others.some((o) => o?.previousScore === s.previousScore),
      };
    }
    const f = this.indicator(district, target);
    if (!f) return undefined;
    const others = Object.entries(this.ledger.indicators[target].values)
      .filter(([d]) => d !== district)
      .map(([, v]) => v);
    return { rank: f.rank, previousRank: f.previousRank, tied: others.some((o) => o.rank === f.rank), previousTied: f.previousRank !== undefined && others.some((o) => o.previousRank === f.previousRank) };
  }

  /** Every number the ledger holds for a district and a node or indicator (signed, and magnitudes of changes). */
  valuesOf(district: string, target: string): number[] {
    if (this.isNode(target)) {
      const s = this.score(district, target);
      if (!s) return [];
      return [s.score, s.rank, s.previousScore, s.previousRank, s.diff, s.pct, s.diff !== undefined ? Math.abs(s.diff) : undefined, s.pct != null ? Math.abs(s.pct) : undefined].filter((x): x is number => typeof x === 'number');
    }
    const f = this.indicator(district, target);
    if (!f) return [];
    return [f.value, f.rank, f.share, f.previousValue, f.previousRank, f.diff, f.pct, f.diff !== undefined ? Math.abs(f.diff) : undefined, f.pct != null ? Math.abs(f.pct) : undefined].filter((x): x is number => typeof x === 'number');
  }

  allValuesOf(district: string): number[] {
    return [...this.nodes, ...this.indicators].flatMap((t) => this.valuesOf(district, t));
  }
}

/**
 * The ledger as a 同比 sentence reads it: the changes are those on the same quarter a
 * year before (nodes[].yoy, scores[].yoy), the quarter compared with is that one.
 * Indicators have no 同比 facts: their changes are left out, so a claim of one is not
 * checked against the 环比 value. Null when the data hold no year-ago quarter.
 */
export function yearOnYearView(ledger: Ledger): Ledger | null {
  const root = ledger.nodes[ledger.meta.root];
  if (!root?.yoy) return null;
  const yq = yearAgoQuarter(ledger.meta.quarter);
  const labels = quarterLabels(yq);
  return {
    ...ledger,
    meta: { ...ledger.meta, previous: yq, previousLabel: labels.label, previousShort: labels.short },
    nodes: Object.fromEntries(Object.entries(ledger.nodes).map(([k, n]) => [k, { ...n, change: n.yoy ?? null }])),
    districts: ledger.districts.map((d) => ({
      ...d,
      scores: Object.fromEntries(
        Object.entries(d.scores).map(([k, s]) => [
          k,
          s.yoy ? { score: s.score, rank: s.rank, previousScore: s.yoy.previousScore, previousRank: s.yoy.previousRank, diff: s.yoy.diff, pct: s.yoy.pct, rankMove: s.yoy.rankMove } : { score: s.score, rank: s.rank },
        ]),
      ),
    })),
    indicators: Object.fromEntries(
      Object.entries(ledger.indicators).map(([k, ind]) => [
        k,
        { ...ind, values: Object.fromEntries(Object.entries(ind.values).map(([d, v]) => [d, { ...v, previousValue: undefined, previousRank: undefined, diff: undefined, pct: undefined, contribution: undefined }])) },
      ]),
    ),
  };
}

/** The look-ups of a ledger: as it is, and as a 同比 sentence reads it (null without year-ago facts). */
export interface LedgerLookups {
  current: LedgerFacts;
  yearOnYear: LedgerFacts | null;
}

const lookupsByLedger = new WeakMap<Ledger, LedgerLookups>();

/**
 * The look-ups of a ledger, made once per ledger object: a build checks the narrative,
 * the PDF and the Word file against the same ledger. A ledger is not changed once built
 * (facts.json is written from it), so what was made from it stays true.
 */
export function lookupsOf(ledger: Ledger): LedgerLookups {
  let l = lookupsByLedger.get(ledger);
  if (!l) {
    const yoy = yearOnYearView(ledger);
    l = { current: new LedgerFacts(ledger), yearOnYear: yoy ? new LedgerFacts(yoy, true) : null };
    lookupsByLedger.set(ledger, l);
  }
  return l;
}
