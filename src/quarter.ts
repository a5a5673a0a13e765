/**
 * The quarter: one home for everything about it. Quarters are kept as 'YYYYQn'
 * strings (sortable, readable in file names); this module parses what users
 * type, names them in Chinese, and steps between them.
 */

/** Chinese numerals 0–10 (titles use 第三季度; running text 第3季度, per GB/T 15835). */
const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

export interface QuarterParts {
  year: number;
  /** 1–4 */
  n: number;
}

/** 2018Q3, 2018-Q3, 2018年第3季度 or 2018年第三季度 → '2018Q3'; anything else → null. */
export function parseQuarter(text: unknown): string | null {
  if (typeof text !== 'string' && typeof text !== 'number') return null;
  const s = String(text).trim().replace(/\s+/g, '').toUpperCase();
  let m = /^(\d{4})[-_/.]?Q([1-4])$/.exec(s);
  if (m) return `${m[1]}Q${m[2]}`;
  m = /^(\d{4})年?第?([1-4一二三四])季度?$/.exec(s);
  if (m && (s.includes('季') || s.includes('第'))) return `${m[1]}Q${CN_DIGITS[m[2]]}`;
  return null;
}

/** '2018Q3' → { year: 2018, n: 3 } (the one place the string is cut apart). */
export function quarterParts(q: string): QuarterParts {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  if (!m) throw new Error(`not a quarter key: ${q}`);
  return { year: Number(m[1]), n: Number(m[2]) };
}

export function quarterKey(p: QuarterParts): string {
  return `${p.year}Q${p.n}`;
}

/** '2018Q3' → '2018Q2'; '2018Q1' → '2017Q4'. */
export function previousQuarter(q: string): string {
  const { year, n } = quarterParts(q);
  return n === 1 ? quarterKey({ year: year - 1, n: 4 }) : quarterKey({ year, n: n - 1 });
}

/** The same quarter of the previous year (what 同比 compares with): '2018Q3' → '2017Q3'. */
export function yearAgoQuarter(q: string): string {
  const { year, n } = quarterParts(q);
  return quarterKey({ year: year - 1, n });
}

export function compareQuarters(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The last day of the quarter, as an ISO date-time at midnight UTC: 2018Q3 → 2018-09-30T00:00:00.000Z. */
export function quarterEnd(q: string): string {
  const { year, n } = quarterParts(q);
  return new Date(Date.UTC(year, n * 3, 0)).toISOString();
}

/** Chinese numeral for 0–99 (headings （一）, "三个一级指标", "一是……"). */
export function cnNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new Error(`cnNumber: ${n} is out of range 0–99`);
  if (n <= 10) return CN[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN[tens]}十${ones ? CN[ones] : ''}`;
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
  const { year, n } = quarterParts(q);
  return { label: `${year}年第${n}季度`, title: `${year}年第${cnNumber(n)}季度`, short: `第${n}季度`, year, n };
}
