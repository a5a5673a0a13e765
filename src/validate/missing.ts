/**
 * Missing values (OECD/JRC Handbook 2008, step 3 "imputation of missing data"). A
 * cell left empty, or written — or NA, is accepted where the indicator tree says
 * how to fill it (`missing:` on the indicator, or `missing.method` for all):
 *
 *   carry-forward  the district's value of the latest earlier quarter that gives it
 *   interpolate    linear between the district's nearest earlier and later quarters
 *   mean, median   of the other districts' values of the same quarter
 *   uncomputed     not filled: the cell is held as NaN, and the district gets no value
 *                  for the indicator and no score for any node above it (its first-level
 *                  index and the total); it is left out of those nodes' ranks, means and
 *                  counts, listed as 未计算 in the appendix, flagged in facts.json
 *
 * Only values given in the data are drawn on (never another imputed value), so the
 * result does not depend on the order cells are filled in. Counts are rounded to
 * whole numbers, other values to 2 decimals. Sub-index scores are never imputed: a
 * missing score in a score-only table stays an error. A district–quarter missing
 * more than `missing.maxShare` of its indicators is an input error naming the cells.
 */
import type { IndexConfig, TreeNode } from '../config/types.js';
import type { MissingMethod } from '../config/method.js';
import type { ProblemList } from '../errors.js';
import { quarterLabels, quarterParts } from '../quarter.js';
import type { CellValue } from '../load/read.js';

export interface MissingCell {
  quarter: string;
  district: string;
  node: TreeNode;
  /** Column letter and heading, for messages. */
  column: string;
  source: { file: string; sheet?: string; row: number };
  /** The file name as messages show it (with the sheet). */
  shownFile: string;
}

export interface ImputedCell {
  quarter: string;
  district: string;
  indicator: string;
  method: Fill;
  value: number;
  /** The quarters whose values were drawn on (the cell's own quarter for mean and median). */
  from: string[];
  source: { file: string; sheet?: string; row: number };
}

/** The methods that give a value. */
type Fill = Exclude<MissingMethod, 'none' | 'uncomputed'>;

/** A missing cell the tree leaves uncomputed (missing: uncomputed): no value is made up for it. */
export interface UncomputedCell {
  quarter: string;
  district: string;
  indicator: string;
  source: { file: string; sheet?: string; row: number };
}

const MARKERS = new Set(['', '—', '——', '-', 'NA', 'N/A', '#N/A', 'NULL']);

/** An empty cell, or one that says "no value" (—, NA …). */
export function isMissingMarker(cell: CellValue | undefined): boolean {
  if (cell === null || cell === undefined) return true;
  return typeof cell === 'string' && MARKERS.has(cell.normalize('NFKC').trim().toUpperCase());
}

/** How a missing cell of this node is filled; 'none' for sub-indices (their scores are never imputed). */
export function fillMethod(config: IndexConfig, node: TreeNode): MissingMethod {
  if (node.children.length > 0) return 'none';
  return node.missing ?? config.method.missing.method;
}

/** Quarters counted from year 0, so that a distance between quarters is a difference. */
const ordinal = (q: string) => {
  const { year, n } = quarterParts(q);
  return year * 4 + n - 1;
};

type Values = Map<string, Map<string, Map<string, number>>>;

function fill(config: IndexConfig, values: Values, cell: MissingCell, method: Fill): { value: number; from: string[] } | string {
  const name = cell.node.name;
  // An uncomputed cell (NaN) of another quarter or district is no value to draw on.
  const given = (q: string, d: string) => {
    const v = values.get(q)?.get(d)?.get(name);
    return v === undefined || Number.isNaN(v) ? undefined : v;
  };
  const quarters = [...values.keys()].sort();
  const earlier = quarters.filter((q) => q < cell.quarter && given(q, cell.district) !== undefined);
  const later = quarters.filter((q) => q > cell.quarter && given(q, cell.district) !== undefined);
  switch (method) {
    case 'carry-forward': {
      const q = earlier[earlier.length - 1];
      if (!q) return `数据中没有${cell.district}更早季度的${name}，无法沿用上期数据`;
      return { value: given(q, cell.district)!, from: [q] };
    }
    case 'interpolate': {
      const a = earlier[earlier.length - 1];
      const b = later[0];
      if (!a || !b) return `插值需要${cell.district}前后两个季度的${name}，数据中缺少${!a ? '更早' : '更晚'}的季度`;
      const va = given(a, cell.district)!;
      const vb = given(b, cell.district)!;
      const t = (ordinal(cell.quarter) - ordinal(a)) / (ordinal(b) - ordinal(a));
      return { value: va + (vb - va) * t, from: [a, b] };
    }
    case 'mean':
    case 'median': {
      const peers = config.districts.map((d) => given(cell.quarter, d.name)).filter((x): x is number => x !== undefined);
      if (!peers.length) return `${cell.quarter}没有任何区县给出${name}，无法以其他区县的${method === 'mean' ? '平均值' : '中位数'}代替`;
      const sorted = [...peers].sort((x, y) => x - y);
      const mid = sorted.length >> 1;
      const value = method === 'mean' ? peers.reduce((s, x) => s + x, 0) / peers.length : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
      return { value, from: [cell.quarter] };
    }
  }
}

/**
 * Fills the missing cells into `values` (in place) and returns what was filled, and
 * the cells left uncomputed (held as NaN in `values`); problems (nothing to fill from,
 * too many gaps) go to `problems`, and the rows left with gaps (quarter|district) to
 * `unfilled`, so later checks pass them over.
 */
export function imputeMissing(config: IndexConfig, values: Values, cells: MissingCell[], problems: ProblemList, unfilled: Set<string>): { imputed: ImputedCell[]; uncomputed: UncomputedCell[] } {
  const maxShare = config.method.missing.maxShare;
  const byRow = new Map<string, MissingCell[]>();
  for (const c of cells) byRow.set(`${c.quarter}|${c.district}`, [...(byRow.get(`${c.quarter}|${c.district}`) ?? []), c]);
  const tooMany = new Set<string>();
  for (const [key, list] of byRow) {
    const [quarter, district] = key.split('|');
    const givenLeaves = [...(values.get(quarter)?.get(district)?.keys() ?? [])].filter((n) => config.nodes.find((x) => x.name === n)?.children.length === 0).length;
    const share = list.length / (list.length + givenLeaves);
    if (share > maxShare) {
      tooMany.add(key);
      unfilled.add(key);
      const c = list[0];
      problems.add({
        file: c.shownFile,
        row: c.source.row,
        message: `${district}${quarterLabels(quarter).label}缺失${list.length}个指标（${list.map((x) => `${x.node.name}（列 ${x.column.split('（')[0]}）`).join('、')}），占其指标的${Math.round(share * 100)}%，超过允许的${Math.round(maxShare * 100)}%`,
        hint: '补齐这些数据，或在配置中调高 missing.maxShare',
      });
    }
  }
  const imputed: ImputedCell[] = [];
  const uncomputed: UncomputedCell[] = [];
  const filled: [MissingCell, number][] = [];
  for (const c of cells) {
    if (tooMany.has(`${c.quarter}|${c.district}`)) continue;
    const method = fillMethod(config, c.node);
    if (method === 'uncomputed') {
      uncomputed.push({ quarter: c.quarter, district: c.district, indicator: c.node.name, source: c.source });
      filled.push([c, Number.NaN]);
      continue;
    }
    if (method === 'none') continue; // not collected as a missing cell (the row reader reports it)
    const r = fill(config, values, c, method);
    if (typeof r === 'string') {
      unfilled.add(`${c.quarter}|${c.district}`);
      problems.add({
        file: c.shownFile,
        row: c.source.row,
        column: c.column,
        message: `${c.node.name}缺失：${r}`,
        hint: `补上这个值，或在配置中为${c.node.name}换一种缺失值处理方法（missing: carry-forward | interpolate | mean | median | uncomputed）`,
      });
      continue;
    }
    const value = c.node.kind === 'count' ? Math.round(r.value) : Math.round(r.value * 100) / 100;
    filled.push([c, value]);
    imputed.push({ quarter: c.quarter, district: c.district, indicator: c.node.name, method, value, from: r.from, source: c.source });
  }
  // Filled only now, so that no imputed value is drawn on by another.
  for (const [c, value] of filled) values.get(c.quarter)!.get(c.district)!.set(c.node.name, value);
  const order = (a: { quarter: string; district: string }, b: { quarter: string; district: string }) =>
    (a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0) || config.districts.findIndex((d) => d.name === a.district) - config.districts.findIndex((d) => d.name === b.district);
  return { imputed: imputed.sort(order), uncomputed: uncomputed.sort(order) };
}
