/**
 * SVG path data (the `d` attribute) and elliptical arcs → path operators.
 * Malformed data makes the figure fall back (svg-to-pdfkit's own handling).
 */
import { fail } from './unsupported.js';
import type { PathWriter } from './operator-writer.js';

/** Arc to Bézier curves, as svg-to-pdfkit does it (SVG 1.1 implementation notes, F.6.5). */
export function arc(w: PathWriter, x0: number, y0: number, rx: number, ry: number, phi: number, fa: number, fs: number, x: number, y: number): void {
  if (rx === 0 || ry === 0) {
    w.line(x, y);
    return;
  }
  if (x0 === x && y0 === y) return;
  const fi = (phi * Math.PI) / 180;
  rx = Math.abs(rx);
  ry = Math.abs(ry);
  const cos = Math.cos(fi);
  const sin = Math.sin(fi);
  const x1 = (cos * (x0 - x)) / 2 + (sin * (y0 - y)) / 2;
  const y1 = (cos * (y0 - y)) / 2 - (sin * (x0 - x)) / 2;
  const lambda = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const r = Math.sqrt(Math.max(0, rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1) / (rx * rx * y1 * y1 + ry * ry * x1 * x1));
  const x2 = ((fa === fs ? -1 : 1) * r * rx * y1) / ry;
  const y2 = ((fa === fs ? 1 : -1) * r * ry * x1) / rx;
  const cx = cos * x2 - sin * y2 + (x0 + x) / 2;
  const cy = sin * x2 + cos * y2 + (y0 + y) / 2;
  const th1 = Math.atan2((y1 - y2) / ry, (x1 - x2) / rx);
  let th2 = Math.atan2((-y1 - y2) / ry, (-x1 - x2) / rx);
  if (fs === 0 && th2 - th1 > 0) th2 -= 2 * Math.PI;
  else if (fs === 1 && th2 - th1 < 0) th2 += 2 * Math.PI;
  const segs = Math.ceil(Math.abs(th2 - th1) / (Math.PI / 3));
  for (let i = 0; i < segs; i++) {
    const th3 = th1 + (i * (th2 - th1)) / segs;
    const th4 = th1 + ((i + 1) * (th2 - th1)) / segs;
    const t = (4 / 3) * Math.tan((th4 - th3) / 4);
    const c3 = Math.cos(th3);
    const s3 = Math.sin(th3);
    const c4_ = Math.cos(th4);
    const s4 = Math.sin(th4);
    w.curve(
      cx + cos * rx * (c3 - t * s3) - sin * ry * (s3 + t * c3),
      cy + sin * rx * (c3 - t * s3) + cos * ry * (s3 + t * c3),
      cx + cos * rx * (c4_ + t * s4) - sin * ry * (s4 - t * c4_),
      cy + sin * rx * (c4_ + t * s4) + cos * ry * (s4 - t * c4_),
      i === segs - 1 ? x : cx + cos * rx * c4_ - sin * ry * s4,
      i === segs - 1 ? y : cy + sin * rx * c4_ + cos * ry * s4,
    );
  }
}

/** Arguments per path command, by character code (−1: not a command). */
const CMD_ARGS = new Int8Array(128).fill(-1);
for (const [c, n] of Object.entries({ M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 })) {
  CMD_ARGS[c.charCodeAt(0)] = n;
  CMD_ARGS[c.toLowerCase().charCodeAt(0)] = n;
}
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Reads the tokens of path data: separators, numbers, arc flags. */
class PathDataReader {
  pos = 0;
  readonly n: number;
  constructor(readonly d: string) {
    this.n = d.length;
  }
  skipSep(): void {
    const d = this.d;
    while (this.pos < this.n) {
      const c = d.charCodeAt(this.pos);
      if (c === 32 || c === 44 || c === 9 || c === 10 || c === 13 || c === 12) this.pos++;
      else break;
    }
  }
  /** A number at pos; exact (digits / 10^k is how a correctly rounding parser reads it, Number() otherwise). */
  readNumber(): number {
    const d = this.d;
    const start = this.pos;
    let pos = this.pos;
    let c = d.charCodeAt(pos);
    let neg = false;
    if (c === 45 || c === 43) {
      neg = c === 45;
      c = d.charCodeAt(++pos);
    }
    let mant = 0;
    let nd = 0;
    let scale = 0;
    while (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      nd++;
      c = d.charCodeAt(++pos);
    }
    if (c === 46) {
      c = d.charCodeAt(++pos);
      while (c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        nd++;
        scale++;
        c = d.charCodeAt(++pos);
      }
    }
    this.pos = pos;
    if (nd === 0) fail(`path data at ${start}: "${d.slice(start, start + 12)}"`);
    if (c === 101 || c === 69) {
      // exponent: let Number() read the whole token
      let e = pos + 1;
      if (d.charCodeAt(e) === 43 || d.charCodeAt(e) === 45) e++;
      const digits0 = e;
      while (e < this.n && d.charCodeAt(e) >= 48 && d.charCodeAt(e) <= 57) e++;
      if (e === digits0) fail('exponent without digits');
      this.pos = e;
      return Number(d.slice(start, e));
    }
    if (nd > 15) return Number(d.slice(start, pos));
    const v = scale === 0 ? mant : mant / POW10[scale];
    return neg ? -v : v;
  }
  readFlag(): number {
    const c = this.d.charCodeAt(this.pos);
    if (c !== 48 && c !== 49) fail('arc flag');
    this.pos++;
    return c - 48;
  }
}

/** The current point, the subpath's start, and the last control point (for S/T) with the kind of command that set it. */
interface PathState {
  x: number;
  y: number;
  sx: number;
  sy: number;
  cx: number;
  cy: number;
  /** 67 C, 81 Q, other */
  last: number;
}

/** SVG path data → path operators. */
export function pathData(d: string, w: PathWriter): void {
  const r = new PathDataReader(d);
  const s: PathState = { x: 0, y: 0, sx: 0, sy: 0, cx: 0, cy: 0, last: 0 };
  const a = [0, 0, 0, 0, 0, 0, 0];
  let cmd = 0; // character code of the current command
  r.skipSep();
  if (r.pos < r.n) {
    const c = d.charCodeAt(r.pos);
    if (c !== 77 && c !== 109) fail('path data must start with a moveto');
  }
  while (r.pos < r.n) {
    r.skipSep();
    if (r.pos >= r.n) break;
    const ch = d.charCodeAt(r.pos);
    if (ch < 128 && CMD_ARGS[ch] >= 0) {
      cmd = ch;
      r.pos++;
    } else if (cmd === 0 || cmd === 90 || cmd === 122) {
      fail(`path data: "${d.slice(r.pos, r.pos + 12)}"`);
    }
    const rel = cmd >= 97;
    const upper = rel ? cmd - 32 : cmd;
    const count = CMD_ARGS[cmd];
    for (let i = 0; i < count; i++) {
      r.skipSep();
      a[i] = upper === 65 && (i === 3 || i === 4) ? r.readFlag() : r.readNumber();
    }
    applyCommand(upper, rel, a, s, w);
    // further pairs after a moveto are lineto
    if (upper === 77) cmd = rel ? 108 : 76;
  }
}

/** One command with its arguments `a` (relative to the current point when `rel`). */
function applyCommand(upper: number, rel: boolean, a: number[], s: PathState, w: PathWriter): void {
  const ox = rel ? s.x : 0;
  const oy = rel ? s.y : 0;
  switch (upper) {
    case 77: // M
      s.x = ox + a[0];
      s.y = oy + a[1];
      s.sx = s.x;
      s.sy = s.y;
      w.move(s.x, s.y);
      s.last = 0;
      break;
    case 76: // L
      s.x = ox + a[0];
      s.y = oy + a[1];
      w.line(s.x, s.y);
      s.last = 0;
      break;
    case 72: // H
      s.x = ox + a[0];
      w.line(s.x, s.y);
      s.last = 0;
      break;
    case 86: // V
      s.y = oy + a[0];
      w.line(s.x, s.y);
      s.last = 0;
      break;
    case 67: // C
    case 83: // S
      cubic(upper === 67, ox, oy, a, s, w);
      break;
    case 81: // Q
    case 84: // T
      quadratic(upper === 81, ox, oy, a, s, w);
      break;
    case 65: {
      // A
      const ex = ox + a[5];
      const ey = oy + a[6];
      arc(w, s.x, s.y, a[0], a[1], a[2], a[3], a[4], ex, ey);
      s.x = ex;
      s.y = ey;
      s.last = 0;
      break;
    }
    default: // Z
      w.close();
      s.x = s.sx;
      s.y = s.sy;
      s.last = 0;
  }
}

/** C (explicit first control point) or S (reflected from the last C/S). */
function cubic(explicit: boolean, ox: number, oy: number, a: number[], s: PathState, w: PathWriter): void {
  let x1: number,
    y1: number,
    k = 0;
  if (explicit) {
    x1 = ox + a[0];
    y1 = oy + a[1];
    k = 2;
  } else {
    x1 = s.last === 67 ? 2 * s.x - s.cx : s.x;
    y1 = s.last === 67 ? 2 * s.y - s.cy : s.y;
  }
  const x2 = ox + a[k],
    y2 = oy + a[k + 1],
    ex = ox + a[k + 2],
    ey = oy + a[k + 3];
  w.curve(x1, y1, x2, y2, ex, ey);
  s.cx = x2;
  s.cy = y2;
  s.x = ex;
  s.y = ey;
  s.last = 67;
}

/** Q (explicit control point) or T (reflected from the last Q/T), drawn as a cubic. */
function quadratic(explicit: boolean, ox: number, oy: number, a: number[], s: PathState, w: PathWriter): void {
  let qx: number, qy: number, ex: number, ey: number;
  const { x, y } = s;
  if (explicit) {
    qx = ox + a[0];
    qy = oy + a[1];
    ex = ox + a[2];
    ey = oy + a[3];
  } else {
    qx = s.last === 81 ? 2 * x - s.cx : x;
    qy = s.last === 81 ? 2 * y - s.cy : y;
    ex = ox + a[0];
    ey = oy + a[1];
  }
  // quadratic → cubic: control points two thirds of the way to the quadratic one
  w.curve(x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y), ex + (2 / 3) * (qx - ex), ey + (2 / 3) * (qy - ey), ex, ey);
  s.cx = qx;
  s.cy = qy;
  s.x = ex;
  s.y = ey;
  s.last = 81;
}
