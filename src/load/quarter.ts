/** Quarters are kept as 'YYYYQn'. Input may spell them 2018Q3, 2018-Q3, 2018年第3季度, 2018年第三季度. */
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

export function parseQuarter(text: unknown): string | null {
  if (typeof text !== 'string' && typeof text !== 'number') return null;
  const s = String(text).trim().replace(/\s+/g, '').toUpperCase();
  let m = /^(\d{4})[-_/.]?Q([1-4])$/.exec(s);
  if (m) return `${m[1]}Q${m[2]}`;
  m = /^(\d{4})年?第?([1-4一二三四])季度?$/.exec(s);
  if (m && (s.includes('季') || s.includes('第'))) return `${m[1]}Q${CN_DIGITS[m[2]]}`;
  return null;
}

export function previousQuarter(q: string): string {
  const y = Number(q.slice(0, 4));
  const n = Number(q.slice(5));
  return n === 1 ? `${y - 1}Q4` : `${y}Q${n - 1}`;
}

export function compareQuarters(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface QuarterLabels {
  /** 2018年第3季度 (numerals per GB/T 15835 in running text). */
  label: string;
  /** 2018年第三季度 (the title uses Chinese numerals). */
  title: string;
  /** 第3季度 */
  short: string;
  year: number;
  n: number;
}

export function quarterLabels(q: string): QuarterLabels {
  const year = Number(q.slice(0, 4));
  const n = Number(q.slice(5));
  const cn = ['', '一', '二', '三', '四'][n];
  return { label: `${year}年第${n}季度`, title: `${year}年第${cn}季度`, short: `第${n}季度`, year, n };
}
