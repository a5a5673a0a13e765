/**
 * Drawn figures kept by what they draw. A figure's SVG and PNG are a pure
 * function of the data it is given (its rows, classes, labels, width), the
 * code that draws it, the fonts (versioned by the lock file with the code) and,
 * for the maps, the boundaries and district files: a hash of all of these names
 * the figure. A warm process keeps the last few dozen figures in memory (a
 * wording save redraws none); a store keeps them across processes (a fresh
 * command or batch worker whose figures were drawn before reads them: 0.7–1.1 s
 * of drawing become a few milliseconds of reading).
 *
 * An entry on disk is one file: a header line (format, sizes, the SHA-256 of the
 * rest), the SVG and the PNG. One that does not match its hash, is cut short or
 * of another format is ignored (drawn again and replaced), so a damaged cache can
 * cost time, never a wrong figure; and what is drawn is byte for byte what is read.
 */
import { createHash } from 'node:crypto';
import type { RenderedFigure } from './types.js';

/** Binary values kept across processes; failures only mean no cache (read: undefined, write: nothing). */
export interface BytesStore {
  readBytes(name: string): Uint8Array | undefined;
  writeBytes(name: string, bytes: Uint8Array): void;
}

const MAGIC = 'scindex-figure 1';

/** A figure as one file: `MAGIC width height svgBytes pngBytes sha256\n`, the SVG, the PNG. */
export function encodeDrawn(f: RenderedFigure): Uint8Array {
  const svg = Buffer.from(f.svg, 'utf8');
  const digest = createHash('sha256').update(svg).update(f.png).digest('hex');
  const head = Buffer.from(`${MAGIC} ${f.widthPt} ${f.heightPt} ${svg.length} ${f.png.length} ${digest}\n`, 'latin1');
  return Buffer.concat([head, svg, f.png]);
}

/** The figure in `bytes`, or undefined when they are not a whole, intact entry. */
export function decodeDrawn(bytes: Uint8Array): RenderedFigure | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const nl = buf.indexOf(10);
  if (nl < 0 || nl > 200) return undefined;
  const m = /^scindex-figure 1 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+) (\d+) ([0-9a-f]{64})$/.exec(buf.toString('latin1', 0, nl));
  if (!m) return undefined;
  const svgLen = Number(m[3]);
  const pngLen = Number(m[4]);
  if (buf.length !== nl + 1 + svgLen + pngLen) return undefined;
  const svg = buf.subarray(nl + 1, nl + 1 + svgLen);
  const png = buf.subarray(nl + 1 + svgLen);
  if (createHash('sha256').update(svg).update(png).digest('hex') !== m[5]) return undefined;
  // A copy of the PNG: the entry's buffer may be a slice of a larger pooled one.
  return { svg: svg.toString('utf8'), png: new Uint8Array(png), widthPt: Number(m[1]), heightPt: Number(m[2]) };
}

/**
 * The JSON of what a figure draws, exact where JSON is not: −0, NaN and the
 * infinities are written as strings of their own (JSON would make −0 and 0, or
 * NaN and null, the same key).
 */
export function drawingKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `#num:${Object.is(v, -0) ? '-0' : String(v)}` : v));
}

/** Figures held in memory by a process (two quarters' worth: about 25 MB). */
export const DRAWN_IN_MEMORY = 48;

/**
 * In-memory figures by key, the newest last, with the store behind them:
 * `get` gives the figure under `key` (a pending draw is shared), drawing and
 * keeping it on a miss.
 */
export class DrawnFigures {
  private readonly held = new Map<string, Promise<RenderedFigure>>();
  constructor(
    private readonly store: BytesStore | undefined,
    private readonly limit = DRAWN_IN_MEMORY,
  ) {}

  /** `name`: the stored name (a hash of everything the figure depends on). */
  get(name: string, draw: () => Promise<RenderedFigure>): Promise<RenderedFigure> {
    const held = this.held.get(name);
    if (held) {
      this.held.delete(name);
      this.held.set(name, held); // the most recently used last
      return held;
    }
    const pending = this.fetch(name, draw);
    this.held.set(name, pending);
    // A failed draw is not kept: the next build tries again (and reports the error again).
    pending.catch(() => this.held.get(name) === pending && this.held.delete(name));
    while (this.held.size > this.limit) this.held.delete(this.held.keys().next().value as string);
    return pending;
  }

  private async fetch(name: string, draw: () => Promise<RenderedFigure>): Promise<RenderedFigure> {
    const stored = this.store?.readBytes(name);
    const read = stored ? decodeDrawn(stored) : undefined;
    if (read) return read;
    const drawn = await draw();
    this.store?.writeBytes(name, encodeDrawn(drawn));
    return drawn;
  }
}
