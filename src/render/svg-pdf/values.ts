/**
 * SVG values: numbers, lengths, number lists, transforms (as matrices),
 * colours and opacities, and the formatting of numbers for PDF operators.
 */
import { fail } from './unsupported.js';

export type Matrix = [number, number, number, number, number, number];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export function mul(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}
export const isIdentity = (m: Matrix) => m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 1 && m[4] === 0 && m[5] === 0;
/** Largest factor by which the matrix can stretch a length (bounds the rounding error). */
export const stretch = (m: Matrix) => Math.max(Math.abs(m[0]) + Math.abs(m[2]), Math.abs(m[1]) + Math.abs(m[3]));

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;

export function parseNumber(s: string): number {
  const t = s.trim();
  NUMBER.lastIndex = 0;
  const m = NUMBER.exec(t);
  if (!m || m[0].length !== t.length) fail(`not a number: "${s}"`);
  return Number(t);
}

/** A length in user units: unitless, px or pt (one unit = 1 pt, as pdfmake's svg-to-pdfkit call assumes). */
export function parseLength(s: string): number {
  const t = s.trim().replace(/(px|pt)$/, '');
  return parseNumber(t);
}

export function numberList(s: string): number[] {
  const out: number[] = [];
  const t = s.trim();
  let pos = 0;
  while (pos < t.length) {
    while (pos < t.length && (t[pos] === ' ' || t[pos] === ',' || t[pos] === '\n' || t[pos] === '\t' || t[pos] === '\r')) pos++;
    if (pos >= t.length) break;
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(t);
    if (!m) fail(`bad number list "${s.slice(0, 40)}"`);
    out.push(Number(m![0]));
    pos = NUMBER.lastIndex;
  }
  return out;
}

export function parseTransform(s: string): Matrix {
  let m: Matrix = IDENTITY;
  const re = /\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)\s*,?/y;
  const t = s.trim();
  let pos = 0;
  while (pos < t.length) {
    re.lastIndex = pos;
    const f = re.exec(t);
    if (!f) fail(`bad transform "${s}"`);
    pos = re.lastIndex;
    const a = numberList(f![2]);
    let n: Matrix;
    switch (f![1]) {
      case 'matrix':
        if (a.length !== 6) fail('matrix() needs 6 numbers');
        n = a as Matrix;
        break;
      case 'translate':
        if (a.length < 1 || a.length > 2) fail('translate() needs 1 or 2 numbers');
        n = [1, 0, 0, 1, a[0], a[1] ?? 0];
        break;
      case 'scale':
        if (a.length < 1 || a.length > 2) fail('scale() needs 1 or 2 numbers');
        n = [a[0], 0, 0, a[1] ?? a[0], 0, 0];
        break;
      case 'rotate': {
        if (a.length !== 1 && a.length !== 3) fail('rotate() needs 1 or 3 numbers');
        const r = (a[0] * Math.PI) / 180;
        const c = Math.cos(r);
        const sn = Math.sin(r);
        n = [c, sn, -sn, c, 0, 0];
        if (a.length === 3) n = mul(mul([1, 0, 0, 1, a[1], a[2]], n), [1, 0, 0, 1, -a[1], -a[2]]);
        break;
      }
      case 'skewX':
        if (a.length !== 1) fail('skewX() needs 1 number');
        n = [1, 0, Math.tan((a[0] * Math.PI) / 180), 1, 0, 0];
        break;
      default:
        if (a.length !== 1) fail('skewY() needs 1 number');
        n = [1, Math.tan((a[0] * Math.PI) / 180), 0, 1, 0, 0];
    }
    m = mul(m, n);
  }
  return m;
}

const NAMED: Record<string, [number, number, number]> = {
  black: [0, 0, 0],
  white: [255, 255, 255],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  silver: [192, 192, 192],
  yellow: [255, 255, 0],
  orange: [255, 165, 0],
  lightgray: [211, 211, 211],
  lightgrey: [211, 211, 211],
  darkgray: [169, 169, 169],
  darkgrey: [169, 169, 169],
};

export type Rgb = [number, number, number];

export function parseColor(v: string): Rgb {
  const s = v.trim().toLowerCase();
  if (s[0] === '#') {
    if (/^#[0-9a-f]{6}$/.test(s)) return [parseInt(s.slice(1, 3), 16), parseInt(s.slice(3, 5), 16), parseInt(s.slice(5, 7), 16)];
    if (/^#[0-9a-f]{3}$/.test(s)) return [parseInt(s[1] + s[1], 16), parseInt(s[2] + s[2], 16), parseInt(s[3] + s[3], 16)];
    return fail(`colour ${v}`);
  }
  const named = NAMED[s];
  if (named) return named;
  const m = /^rgb\(\s*([\d.]+)(%?)\s*,\s*([\d.]+)(%?)\s*,\s*([\d.]+)(%?)\s*\)$/.exec(s);
  if (m) {
    const ch = (x: string, pct: string) => Math.max(0, Math.min(255, pct ? (Number(x) * 255) / 100 : Number(x)));
    return [ch(m[1], m[2]), ch(m[3], m[4]), ch(m[5], m[6])];
  }
  return fail(`colour ${v}`);
}

const c4 = (x: number) => String(Math.round((x / 255) * 10000) / 10000);
export const rgbOp = (c: Rgb, op: 'rg' | 'RG') => `${c4(c[0])} ${c4(c[1])} ${c4(c[2])} ${op}\n`;

/** Formats with up to 6 significant decimals (transform matrices). */
export const fm = (x: number) => {
  const r = Math.round(x * 1e6) / 1e6;
  return r === 0 ? '0' : String(r);
};

export function opacityValue(v: string): number {
  const t = v.trim();
  const x = t.endsWith('%') ? parseNumber(t.slice(0, -1)) / 100 : parseNumber(t);
  return Math.max(0, Math.min(1, x));
}

/** The viewBox → viewport mapping (preserveAspectRatio), as svg-to-pdfkit computes it. */
export function aspectMatrix(par: string, availW: number, availH: number, vb: [number, number, number, number]): Matrix {
  const m = /^(none)$|^x(Min|Mid|Max)Y(Min|Mid|Max)(?:\s+(meet|slice))?$/.exec(par) ?? [];
  const type = m[1] || m[4] || 'meet';
  const align = { Min: 0, Mid: 0.5, Max: 1 } as const;
  const dx = align[(m[2] as keyof typeof align) || 'Mid'];
  const dy = align[(m[3] as keyof typeof align) || 'Mid'];
  let sx = availW / vb[2];
  let sy = availH / vb[3];
  if (type === 'slice') sx = sy = Math.max(sx, sy);
  else if (type === 'meet') sx = sy = Math.min(sx, sy);
  return mul([sx, 0, 0, sy, dx * (availW - vb[2] * sx), dy * (availH - vb[3] * sy)], [1, 0, 0, 1, -vb[0], -vb[1]]);
}
