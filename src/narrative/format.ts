/**
 * Formatting of numbers, lists, changes and ranks for the Chinese narrative.
 *
 * Numbers follow GB/T 15835-2011 (出版物上数字的用法): Arabic numerals; scores,
 * percentages and shares with 2 decimals; counts as whole numbers; integers of
 * five digits or more grouped in threes with the 千分撇 (53,761), four-digit numbers
 * left ungrouped (9777). The grouping mark, the threshold and the minus sign come
 * from wording.yaml (`numbers`).
 */
import type { Wording } from './wording.js';

export { cnNumber } from '../quarter.js';

function group(intPart: string, w: Wording['numbers']): string {
  if (Number(intPart) < w.groupFrom) return intPart;
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, w.thousands);
}

/** A number with a fixed count of decimals, grouped per GB/T 15835, signed with the configured minus. */
export function formatNumber(x: number, decimals: number, w: Wording['numbers']): string {
  if (!Number.isFinite(x)) throw new Error(`cannot print ${x}`);
  const half = 0.5 * 10 ** -decimals;
  const neg = x < 0 && Math.abs(x) >= half;
  const s = Math.abs(x).toFixed(decimals);
  const [i, f] = s.split('.');
  return `${neg ? w.minus : ''}${group(i, w)}${f !== undefined ? '.' + f : ''}`;
}

export const fixed2 = (x: number, w: Wording['numbers']) => formatNumber(x, 2, w);
export const integer = (x: number, w: Wording['numbers']) => formatNumber(Math.round(x), 0, w);

/** Joins names with 、; a short list joins its last two with 和. */
export function joinList(items: string[], w: Wording['join'], last?: string): string {
  if (items.length <= 1) return items.join('');
  const and = last ?? w.last;
  if (items.length <= w.shortList && and) return `${items.slice(0, -1).join(w.separator)}${and}${items[items.length - 1]}`;
  return items.join(w.separator);
}

export type VerbSet = keyof Wording['verbs'];

/**
 * A signed change as words: 上升了0.59% / 下降了6.51分 / 持平.
 * `le` adds 了 after the verb; the value is printed without its sign.
 */
export function changeText(x: number, unit: string, verbs: VerbSet, w: Wording, opts: { le?: boolean; decimals?: number } = {}): string {
  const v = w.verbs[verbs];
  const decimals = opts.decimals ?? 2;
  const half = 0.5 * 10 ** -decimals;
  if (Math.abs(x) < half) return v.flat;
  const verb = x > 0 ? v.up : v.down;
  return `${verb}${opts.le === false ? '' : '了'}${formatNumber(Math.abs(x), decimals, w.numbers)}${unit}`;
}

/** 第N位, or 并列第N位 when another district shares the rank. */
export function rankText(rank: number, tied = false): string {
  return `${tied ? '并列' : ''}第${rank}位`;
}

/** 从第35位上升到第8位 / 从第8位下降到第14位 / 仍居第1位 / 保持不变，仍为第10位 (patterns in wording.yaml). */
export function rankMoveText(previousRank: number, rank: number, w: Wording, tied = false, previousTied = false, marks: { from: (t: string) => string; to: (t: string) => string } = { from: (t) => t, to: (t) => t }): string {
  const from = marks.from(rankText(previousRank, previousTied));
  const to = marks.to(rankText(rank, tied));
  const pattern = rank < previousRank ? w.rankMove.up : rank > previousRank ? w.rankMove.down : rank === 1 ? w.rankMove.keepTop : w.rankMove.keep;
  return pattern.replaceAll('{from}', from).replaceAll('{to}', to);
}

/** A tier label with the range dash of GB/T 15834 (70-80分, 70~80分 → 70—80分). */
export function rangeText(label: string, w: Wording): string {
  return label.replace(/(\d)\s*(?:-|–|—|~|～|－|至)\s*(\d)/g, `$1${w.rangeDash}$2`);
}

/** An indicator value with its unit: 837家, 89.37%, 53,761次, 12.50亿元. */
export function valueText(value: number, kind: string, unit: string, w: Wording): string {
  const n = kind === 'count' ? integer(value, w.numbers) : fixed2(value, w.numbers);
  return `${n}${unit}`;
}

export interface IndicatorChangeInput {
  kind: string;
  unit: string;
  diff: number | null;
  pct: number | null;
}

/**
 * An indicator's change on the previous quarter: a rate in 个百分点, a count or
 * score in % (or, from a zero base, in its own unit).
 */
export function indicatorChangeText(f: IndicatorChangeInput, w: Wording, le = true): string {
  if (f.diff === null) throw new Error('indicatorChangeText: the indicator has no change');
  if (f.kind === 'rate') return changeText(f.diff, '个百分点', 'rate', w, { le });
  if (f.diff === 0) return w.verbs.growth.flat;
  if (f.pct !== null) return changeText(f.pct, '%', 'growth', w, { le });
  return changeText(f.diff, f.unit, f.kind === 'count' ? 'count' : 'score', w, { le, decimals: f.kind === 'count' ? 0 : 2 });
}
