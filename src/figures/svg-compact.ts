/**
 * Compacts the SVG that Skia writes, in one pass over its UTF-8 bytes (all but numbers
 * are copied as they are): every number is rounded to 0.01 pt (Skia writes up to 8
 * digits; 0.01 pt is far below what print shows), path data is written in relative form
 * (each point as a step from the last: about a third fewer bytes, the same points), and
 * paths with no outline (Skia writes one for an empty string) are dropped. Rounding is on the digits, half up
 * on the third decimal, and the steps are whole hundredths, so the points drawn are
 * exactly the rounded ones and nothing drifts along a path.
 *
 * Kept rather than svgo because it measured better for this project
 * (scripts/bench-figure-libs.ts, the 21 drawings of the sample 2018Q3 report as Skia
 * writes them, 1659 KiB, CPU time): ours 808 KiB in 15 ms; svgo 4 with the same
 * 2-decimal precision (cleanupNumericValues, convertPathData) 676 KiB (16 % smaller)
 * in 496 ms, 33× the time, and its preset-default 595 KiB in 667 ms: either would
 * add about half to the whole figures stage (926 ms CPU in the same run) to save
 * 130 KiB of SVG text (before the DOCX zips it; the PDF compiles it into operators).
 */

let out = Buffer.allocUnsafe(1 << 20);
let len = 0;

function ensure(extra: number): void {
  if (len + extra <= out.length) return;
  let size = out.length * 2;
  while (size < len + extra) size *= 2;
  const bigger = Buffer.allocUnsafe(size);
  out.copy(bigger, 0, 0, len);
  out = bigger;
}

/** Appends src[from, to) (caller has ensured room). */
function copy(src: Uint8Array, from: number, to: number): void {
  if (to - from > 32) {
    out.set(src.subarray(from, to), len);
    len += to - from;
  } else for (let k = from; k < to; k++) out[len++] = src[k];
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** A length in hundredths as SVG number text: -.5, 12.25, 3 (no leading zero before the point). */
function formatHundredths(v: number, leadingZero: boolean): string {
  const a = v < 0 ? -v : v;
  const whole = Math.floor(a / 100);
  const frac = a % 100;
  const w = whole === 0 && !leadingZero ? '' : String(whole);
  const t = frac === 0 ? String(whole) : `${w}.${frac % 10 === 0 ? frac / 10 : frac < 10 ? `0${frac}` : frac}`;
  return v < 0 ? `-${t}` : t;
}

/** Formatted steps (most are small) as bytes, looked up rather than formatted again. */
const CACHE = 20000;
const stepBytes: (Uint8Array | undefined)[] = [];
function putStep(v: number, spaceIfPositive: boolean): void {
  const cached = v > -CACHE && v < CACHE;
  let t = cached ? stepBytes[v + CACHE] : undefined;
  if (!t) {
    t = Buffer.from(formatHundredths(v, false), 'latin1');
    if (cached) stepBytes[v + CACHE] = t;
  }
  if (spaceIfPositive && v >= 0) out[len++] = 32;
  for (let k = 0; k < t.length; k++) out[len++] = t[k];
}

// the number parser's results (module state: no allocation per number)
let numEnd = 0;
let numValue = 0;
let numDecimals = 0;

/** Parses [-]digits[.digits] at i; false if there are no digits. Value in hundredths, rounded half up. */
function parseNumber(src: Uint8Array, i: number, end: number): boolean {
  const neg = src[i] === 45;
  if (neg) i++;
  const start = i;
  let v = 0;
  while (i < end && isDigit(src[i])) v = v * 10 + src[i++] - 48;
  if (i === start) return false;
  v *= 100;
  let places = 0;
  if (i < end && src[i] === 46 && i + 1 < end && isDigit(src[i + 1])) {
    i++;
    while (i < end && isDigit(src[i])) {
      const digit = src[i++] - 48;
      if (places === 0) v += digit * 10;
      else if (places === 1) v += digit;
      else if (places === 2 && digit >= 5) v += 1;
      places++;
    }
  }
  numEnd = i;
  numValue = neg ? -v : v;
  numDecimals = places;
  return true;
}

/** Copies src[from, to) rounding the numbers that have 3 or more decimals. */
function copyRounded(src: Uint8Array, from: number, to: number): void {
  // rounding only shortens numbers
  ensure(to - from);
  let i = from;
  while (i < to) {
    const c = src[i];
    // a number: a run of digits (whole: the previous run was consumed), or a minus before one
    if (isDigit(c) || (c === 45 && i + 1 < to && isDigit(src[i + 1]))) {
      if (parseNumber(src, i, to) && numDecimals >= 3) {
        const t = formatHundredths(numValue, true);
        for (let k = 0; k < t.length; k++) out[len++] = t.charCodeAt(k);
        i = numEnd;
        continue;
      }
      // copy the token as it is
      const e = parseNumber(src, i, to) ? numEnd : i + 1;
      copy(src, i, e);
      i = e;
      continue;
    }
    out[len++] = c;
    i++;
  }
}

/**
 * Writes path data src[from, to) relative; false (nothing written) if it holds anything
 * but the commands Skia writes (M, L, Q, Z with plain numbers).
 */
function writeRelative(src: Uint8Array, from: number, to: number): boolean {
  const mark = len;
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  let last = 0; // the last command letter written
  let i = from;
  const args = [0, 0, 0, 0];
  while (i < to) {
    const c = src[i];
    if (c === 32) {
      i++;
      continue;
    }
    const count = c === 76 || c === 77 ? 2 : c === 81 ? 4 : c === 90 ? 0 : -1; // L M Q Z
    if (count < 0) {
      len = mark;
      return false;
    }
    i++;
    ensure(64);
    for (let k = 0; k < count; k++) {
      while (i < to && (src[i] === 32 || src[i] === 44)) i++;
      if (!parseNumber(src, i, to) || (numEnd < to && (src[numEnd] === 101 || src[numEnd] === 69 || src[numEnd] === 46))) {
        len = mark; // not a plain number (an exponent, a flag…)
        return false;
      }
      args[k] = numValue;
      i = numEnd;
    }
    if (count === 0) {
      out[len++] = 122; // z
      last = 122;
      cx = sx;
      cy = sy;
      continue;
    }
    const letter = c + 32; // lower case: relative
    // the letter is repeated only where it changes (after m, pairs would mean l: write it)
    const wrote = letter !== last || letter === 109;
    if (wrote) out[len++] = letter;
    last = letter;
    for (let k = 0; k < count; k += 2) {
      putStep(args[k] - cx, !(wrote && k === 0));
      putStep(args[k + 1] - cy, true);
    }
    cx = args[count - 2];
    cy = args[count - 1];
    if (c === 77) {
      sx = cx;
      sy = cy;
    }
  }
  return true;
}

const D_ATTR = Buffer.from(' d="', 'latin1');

/** The compacted SVG (see the module comment). */
export function compactSvg(src: Buffer): string {
  len = 0;
  let i = 0;
  const n = src.length;
  let elementStart = 0; // output position of the last '<' (and the whitespace before it)
  while (i < n) {
    const at = src.indexOf(D_ATTR, i);
    const stop = at === -1 ? n : at;
    // everything up to the next d attribute: numbers rounded; remember where elements start
    let k = i;
    while (k < stop) {
      const lt = src.indexOf(60, k); // '<'
      if (lt === -1 || lt >= stop) {
        copyRounded(src, k, stop);
        break;
      }
      let ws = lt;
      while (ws > k && (src[ws - 1] === 32 || src[ws - 1] === 9 || src[ws - 1] === 10 || src[ws - 1] === 13)) ws--;
      copyRounded(src, k, ws);
      elementStart = len;
      copyRounded(src, ws, lt + 1);
      k = lt + 1;
    }
    if (at === -1) break;
    const from = at + 4;
    const end = src.indexOf(34, from); // closing quote
    if (end === -1) {
      copyRounded(src, at, n);
      break;
    }
    if (end === from && src[end + 1] === 47 && src[end + 2] === 62) {
      // <path … d=""/>: an outline with nothing in it draws nothing
      len = elementStart;
      i = end + 3;
      continue;
    }
    ensure(4);
    copy(src, at, from);
    if (!writeRelative(src, from, end)) copyRounded(src, from, end);
    i = end;
  }
  return out.toString('utf8', 0, len);
}

/** Rounds the numbers of a string with 3 or more decimals to 0.01 (as compactSvg does). */
export function roundNumbers(s: string): string {
  len = 0;
  const src = Buffer.from(s, 'utf8');
  copyRounded(src, 0, src.length);
  return out.toString('utf8', 0, len);
}

/** Path data in relative form, rounded to 0.01 (as compactSvg writes it). */
export function relativePath(d: string): string {
  len = 0;
  const src = Buffer.from(d, 'utf8');
  if (!writeRelative(src, 0, src.length)) copyRounded(src, 0, src.length);
  return out.toString('utf8', 0, len);
}
