/**
 * The facts ledger (facts.json): everything the report may state, numbers already
 * rounded as printed (2 decimals for scores and %, counts whole). The narrative,
 * the figures and the fact check read this and nothing else.
 */

/** Where a fact comes from: the node, the quarter(s) and the measure. */
export interface Basis {
  node: string;
  quarters: string[];
  measure: 'score' | 'value' | 'rank' | 'pct' | 'diff' | 'share' | 'mean' | 'count';
}

export interface DistrictValue {
  district: string;
  value: number;
  rank: number;
  /** True when another district has the same printed value. */
  tied: boolean;
}

export interface DistrictChange {
  district: string;
  /** % change, 2 decimals (null: previous value 0). */
  pct: number | null;
  /** Change in points (scores) or in the unit (indicators), 2 decimals. */
  diff: number;
  value: number;
  previousValue: number;
  rank: number;
  previousRank: number;
}

/** One indicator's movement for one district, as the portraits and change paragraphs cite it. */
export interface IndicatorFact {
  indicator: string;
  /** The first-level index it belongs to. */
  parent: string;
  unit: string;
  kind: 'count' | 'rate' | 'score';
  value: number;
  rank: number;
  /** Share of the city total in % (counts only). */
  share?: number;
  previousValue?: number;
  previousRank?: number;
  /** Change in the unit; for rates this is the change in 个百分点. */
  diff?: number;
  /** % change of the value; null for rates (their change is in 个百分点) or a zero base. */
  pct?: number | null;
  /** Points this indicator added to (or took from) the district's first-level score. */
  contribution?: number;
  /** The value lay outside the goalposts and was scored at the nearer one (absent otherwise). */
  clipped?: true;
  basis: Basis;
}

export interface Extreme {
  districts: string[];
  value: number;
}

export interface NodeChangeFacts {
  /** Mean of the districts' % changes (of every district with a score in both quarters). */
  meanPct: number;
  /** How many districts have a change (a score in both quarters): what 38个区县平均…… counts. */
  counted: number;
  /** City mean score last quarter and now, and the change of that mean. */
  previousMean: number;
  mean: number;
  meanDiff: number;
  /** 'up' | 'down' | 'flat' — the sign of the mean % change (what 整体有所上升 refers to). */
  direction: 'up' | 'down' | 'flat';
  aboveMean: number;
  rose: number;
  fell: number;
  same: number;
  /** Districts with rising scores, largest % rise first (at most lists.risers, ties at the edge kept). */
  risers: DistrictChange[];
  /** Districts with falling scores, largest % fall first. */
  fallers: DistrictChange[];
  biggestRise: (Extreme & { diff: number; drivers: IndicatorFact[] }) | null;
  biggestFall: (Extreme & { diff: number; drivers: IndicatorFact[] }) | null;
  basis: Basis;
}

export interface NodeFacts {
  node: string;
  depth: number;
  points: number;
  /** Highest first. */
  top: DistrictValue[];
  /** In descending order, so the last is the lowest (as the bulletin lists them). */
  bottom: DistrictValue[];
  highest: Extreme;
  lowest: Extreme;
  mean: number;
  /** How many districts have a score of the node (ranked, counted in the mean); all, unless a cell is left uncomputed. */
  ranked: number;
  /** Districts without a score of the node: an indicator below it is missing and the tree says missing: uncomputed. */
  uncomputed: string[];
  change: NodeChangeFacts | null;
  /** 同比: the same facts as `change`, on the same quarter of the previous year (basis.quarters names it); null when the data lack it. */
  yoy: NodeChangeFacts | null;
  basis: Basis;
}

export interface TierFacts {
  name: string;
  label: string;
  min: number | null;
  /** Upper bound (exclusive of the tier above), null for the top tier. */
  max: number | null;
  count: number;
  members: DistrictValue[];
}

export interface NodeScore {
  score: number;
  rank: number;
  previousScore?: number;
  previousRank?: number;
  diff?: number;
  pct?: number | null;
  rankMove?: number;
  /** 同比: score and rank in the same quarter of the previous year (meta.yearAgo), and the change on it. */
  yoy?: YearOnYearScore;
}

export interface YearOnYearScore {
  quarter: string;
  previousScore: number;
  previousRank: number;
  diff: number;
  pct: number | null;
  rankMove: number;
}

export interface DistrictRow {
  district: string;
  code: number;
  /** null: the total is not computed (an indicator left uncomputed). */
  tier: string | null;
  /** First-level indices and the total, by node name; a node left uncomputed for the district is absent. */
  scores: Record<string, NodeScore>;
  /** Where the district's row came from. */
  source: { file: string; sheet?: string; row: number };
  previousSource?: { file: string; sheet?: string; row: number };
}

export interface Portrait {
  role: 'top' | 'riser' | 'faller';
  district: string;
  /** Total and each first-level index. */
  total: NodeScore;
  subIndices: (NodeScore & { node: string })[];
  /** Top district: its best-ranked indicators; riser/faller: the indicators that moved the score most. */
  indicators: IndicatorFact[];
}

export interface Ledger {
  meta: {
    title: string;
    quarter: string;
    quarterLabel: string;
    quarterTitle: string;
    quarterShort: string;
    previous: string | null;
    previousLabel: string | null;
    previousShort: string | null;
    districtCount: number;
    root: string;
    firstLevel: string[];
    /** The same quarter of the previous year (同比 base), when the data hold it. */
    yearAgo: string | null;
    yearAgoLabel: string | null;
    /** The configuration asks for the 同比 paragraph (yearOnYear.paragraph); it is written only when `yearAgo` is set. */
    yearOnYearParagraph: boolean;
    /** Why change facts are absent, when they are. */
    changesUnavailable: string | null;
    normalisation: string;
    aggregation: string;
  };
  tiers: TierFacts[];
  nodes: Record<string, NodeFacts>;
  portraits: Portrait[];
  districts: DistrictRow[];
  /** Indicator values of the quarter (every leaf, every district), for figures and checks. */
  indicators: Record<string, { unit: string; kind: string; parent: string; values: Record<string, IndicatorFact> }>;
  /** Notes about the computation a careful reader should know (clipped values …). */
  notes: string[];
  /** Rank intervals under the method's alternatives (src/method/robustness.ts); null when switched off. */
  robustness: RobustnessFacts | null;
  /** Everything done to the data before scoring: outlier treatment, values clipped at the goalposts, imputed cells. */
  dataTreatment: DataTreatmentFacts;
}

export interface DataTreatmentFacts {
  /** The configured rule (none | jrc). */
  outliers: string;
  /** Each indicator treated in a quarter the build scored, with every value scored differently from the data. */
  treatments: {
    quarter: string;
    indicator: string;
    method: 'winsorise' | 'log';
    skewBefore: number;
    kurtosisBefore: number;
    skewAfter: number | null;
    kurtosisAfter: number | null;
    values: { district: string; value: number; treated: number }[];
  }[];
  /** Indicators of the quarter with values outside their goalposts (clipped when normalised): how many, and whose. */
  clipped: { indicator: string; count: number; districts: string[] }[];
  /** Cells missing in the data and filled by the configured method (src/validate/missing.ts). */
  imputed: ImputedCell[];
  /** Cells missing in the data and left uncomputed (missing: uncomputed), with the nodes the district gets no score of. */
  uncomputed: UncomputedCellFact[];
}

export interface UncomputedCellFact {
  quarter: string;
  district: string;
  indicator: string;
  /** The nodes above the indicator that the district has no score of in that quarter (up to the total). */
  nodes: string[];
  /** The row of the empty cell. */
  source: { file: string; sheet?: string; row: number };
}

export interface ImputedCell {
  quarter: string;
  district: string;
  indicator: string;
  /** carry-forward | interpolate | mean | median */
  method: string;
  /** The value used. */
  value: number;
  /** The quarters drawn on. */
  from: string[];
  /** The row of the empty cell. */
  source: { file: string; sheet?: string; row: number };
}

export interface RankIntervalFact {
  district: string;
  /** The rank the report prints. */
  rank: number;
  /** Median rank over the simulations, and the 5 %–95 % interval. */
  median: number;
  low: number;
  high: number;
  /** The best and the worst rank of all runs (始终位居第1位 needs best = worst = 1). */
  best: number;
  worst: number;
}

export interface RobustnessFacts {
  runs: number;
  seed: number | string;
  /** Each weight was drawn within ±weightSpread of its configured value (then siblings rescaled to 1). */
  weightSpread: number;
  normalisations: string[];
  aggregations: string[];
  /** Root and first-level nodes → districts in order of their printed rank (ties in registry order). */
  nodes: Record<string, { intervals: RankIntervalFact[]; basis: Basis }>;
  /** Per node, the districts whose 5 %–95 % interval is the printed rank alone (low = high = rank): at least 90 % of the runs gave that rank. */
  stable: Record<string, string[]>;
  /** Per node, the district(s) whose 5 %–95 % interval spans the most ranks (high − low): the least certain rank. */
  widest: Record<string, { districts: string[]; span: number }>;
  /** Per node, how many districts' 5 %–95 % interval spans at most `within` ranks (robustness.narrowSpan). */
  narrow: Record<string, { within: number; count: number }>;
}
