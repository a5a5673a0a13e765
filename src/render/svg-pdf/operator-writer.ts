/**
 * Writing PDF content-stream operators as bytes.
 */
import { isIdentity, type Matrix } from './values.js';

/**
 * A growing ASCII byte buffer: content-stream text is written here directly
 * (numbers digit by digit), so compiling a figure makes no strings.
 */
export class Bytes {
  buf = new Uint8Array(1 << 16);
  len = 0;
  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  ascii(s: string): void {
    const n = s.length;
    this.room(n);
    const b = this.buf;
    let l = this.len;
    for (let i = 0; i < n; i++) b[l++] = s.charCodeAt(i);
    this.len = l;
  }
  bytes(src: Uint8Array, start = 0, end = src.length): void {
    this.room(end - start);
    this.buf.set(src.subarray(start, end), this.len);
    this.len += end - start;
  }
  /** x rounded to `digits` decimals (k = 10^digits), shortest form: 12, 12.5, -0.125, 0. */
  num(x: number, k: number, digits: number): void {
    this.room(24);
    const b = this.buf;
    let l = this.len;
    let r = Math.round(x * k);
    if (r < 0) {
      b[l++] = 45; // -
      r = -r;
    }
    if (r === 0) {
      if (l > this.len) l--; // no "-0"
      b[l++] = 48;
      this.len = l;
      return;
    }
    let ip = Math.floor(r / k);
    let fp = r - ip * k;
    // integer part
    if (ip === 0) b[l++] = 48;
    else {
      const start = l;
      while (ip > 0) {
        const q = Math.floor(ip / 10);
        b[l++] = 48 + (ip - q * 10);
        ip = q;
      }
      for (let i = start, j = l - 1; i < j; i++, j--) {
        const t = b[i];
        b[i] = b[j];
        b[j] = t;
      }
    }
    if (fp !== 0) {
      b[l++] = 46; // .
      let d = digits;
      while (fp % 10 === 0) {
        fp /= 10;
        d--;
      }
      // d digits, leading zeros included
      for (let i = d - 1; i >= 0; i--) {
        const q = Math.floor(fp / 10);
        b[l + i] = 48 + (fp - q * 10);
        fp = q;
      }
      l += d;
    }
    this.len = l;
  }
  /** The bytes written so far (a copy), and an empty buffer again. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.len);
    this.len = 0;
    return out;
  }
}

/** Writes path construction operators into a byte buffer; coordinates optionally mapped by a matrix (clip paths). */
export class PathWriter {
  /** Bounds of the points written (control points included: they bound the curves). */
  x0 = Infinity;
  y0 = Infinity;
  x1 = -Infinity;
  y1 = -Infinity;
  private k = 1;
  private digits = 0;
  private m: Matrix | null = null;
  /** A moveto not yet followed by a segment: a subpath that is only a moveto draws nothing (svg-to-pdfkit drops it too). */
  private pending = false;
  private px = 0;
  private py = 0;
  private start = 0;
  constructor(readonly out: Bytes) {}
  /** Starts an outline: output from the buffer's current end. */
  begin(digits: number, m: Matrix | null): this {
    this.digits = digits;
    this.k = 10 ** digits;
    this.m = m && !isIdentity(m) ? m : null;
    this.pending = false;
    this.start = this.out.len;
    this.x0 = this.y0 = Infinity;
    this.x1 = this.y1 = -Infinity;
    return this;
  }
  private pt(x: number, y: number): void {
    const m = this.m;
    if (m) {
      const tx = m[0] * x + m[2] * y + m[4];
      y = m[1] * x + m[3] * y + m[5];
      x = tx;
    }
    if (x < this.x0) this.x0 = x;
    if (x > this.x1) this.x1 = x;
    if (y < this.y0) this.y0 = y;
    if (y > this.y1) this.y1 = y;
    const o = this.out;
    o.num(x, this.k, this.digits);
    o.buf[o.len++] = 32;
    o.num(y, this.k, this.digits);
  }
  private op(c: number): void {
    const o = this.out;
    o.buf[o.len++] = 32;
    o.buf[o.len++] = c;
    o.buf[o.len++] = 10;
  }
  private flushMove(): void {
    this.pending = false;
    this.pt(this.px, this.py);
    this.op(109); // m
  }
  move(x: number, y: number): void {
    this.pending = true;
    this.px = x;
    this.py = y;
  }
  line(x: number, y: number): void {
    if (this.pending) this.flushMove();
    this.pt(x, y);
    this.op(108); // l
  }
  curve(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    if (this.pending) this.flushMove();
    const o = this.out;
    this.pt(x1, y1);
    o.buf[o.len++] = 32;
    this.pt(x2, y2);
    o.buf[o.len++] = 32;
    this.pt(x, y);
    this.op(99); // c
  }
  close(): void {
    if (this.pending) return;
    this.out.ascii('h\n');
  }
  /** Nothing written since begin(). */
  get empty(): boolean {
    return this.out.len === this.start;
  }
}
