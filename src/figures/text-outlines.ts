/**
 * Chart text as outlines, written by us instead of by Skia's SVG canvas.
 *
 * The SVG of a figure must carry its text as outlines (no font needed to show
 * it, in Word, in the PDF, anywhere). Skia's SVG canvas can do that itself
 * (ConvertTextToPaths), but it re-derives and re-serialises every glyph of every
 * label at the figure's scale: about three quarters of the figures' SVG bytes
 * and half of their drawing time went to text.
 *
 * Here each glyph's outline is read once from the same font file Skia draws
 * with (Noto Sans SC, through fontkit), kept in font units as compact relative
 * path data, and a label becomes one <path> of its glyphs with one transform.
 * The same label in the same font gives the same path data wherever it is
 * drawn, so the PDF renderer shares it across figures.
 *
 * Placement is Skia's, not ours: the pen position comes from the canvas's own
 * measureText (width for textAlign, alphabeticBaseline for textBaseline), under
 * the canvas's current transform. Stacking order and clipping are Skia's too:
 * in place of each label the canvas draws a small marker rectangle (a colour
 * of its own, over the label's box, so it is clipped away exactly when the
 * whole label would be), and the marker in the finished SVG is replaced by the
 * label's outlines. Whatever this cannot render (another font, italics, a
 * gradient fill, a squeezed maxWidth, a glyph the font lacks) is drawn by
 * Skia as before.
 */
import { createRequire } from 'node:module';
import type * as fontkit from 'fontkit';
import { defaultFontSet } from '../fonts.js';
import { FONT_FAMILY } from './style.js';

type FontkitFont = fontkit.Font;

/**
 * fontkit as the PDF renderer's PDFKit loads it (its CommonJS build, one module
 * instance), on first use: a process whose figures all come from the cache never
 * loads it for the figures, and one that draws them does not load and initialise a
 * second copy (the ES module build, with its own Unicode tables: about 0.1 s).
 */
let fontkitModule: typeof fontkit | undefined;
const loadFontkit = () => (fontkitModule ??= createRequire(import.meta.url)('fontkit') as typeof fontkit);

/** Path commands as fontkit gives them. */
interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

/** One glyph's outline in font units: first point absolute, the rest relative. */
interface GlyphOutline {
  /** Absolute start of the first subpath, font units (null: the glyph draws nothing, e.g. a space). */
  x0: number | null;
  y0: number;
  /** The rest of the path data, relative ('l', 'q', 'c', 'z', 'm'). */
  rest: string;
}

interface Face {
  font: FontkitFont;
  unitsPerEm: number;
  glyphs: Map<number, GlyphOutline>;
  runs: Map<string, { d: string; advance: number } | null>;
}

type Weight = 'regular' | 'bold';
const faces = new Map<Weight, Face>();

/** Noto Sans SC, the file Skia draws the figures with (registered in style.ts); the bytes are the PDF renderer's too. */
function face(weight: Weight): Face {
  let f = faces.get(weight);
  if (!f) {
    const font = loadFontkit().create(defaultFontSet().sans[weight].bytes) as FontkitFont;
    f = { font, unitsPerEm: font.unitsPerEm, glyphs: new Map(), runs: new Map() };
    faces.set(weight, f);
  }
  return f;
}

/** Font units are integers in TrueType outlines (halves where an on-curve point is implied). */
const fu = (x: number) => String(Math.round(x * 2) / 2);

function outline(f: Face, glyphId: number): GlyphOutline {
  let o = f.glyphs.get(glyphId);
  if (o) return o;
  const commands = f.font.getGlyph(glyphId).path.commands as PathCommand[];
  let x0: number | null = null;
  let y0 = 0;
  let rest = '';
  let cx = 0; // current point
  let cy = 0;
  let sx = 0; // start of the current subpath (where 'z' returns)
  let sy = 0;
  const rel = (xs: number[]) => {
    let s = '';
    for (let i = 0; i < xs.length; i += 2) {
      const dx = fu(xs[i] - cx);
      const dy = fu(xs[i + 1] - cy);
      s += (i ? ' ' : '') + dx + (dy.startsWith('-') ? '' : ' ') + dy;
    }
    return s;
  };
  for (const { command, args } of commands) {
    switch (command) {
      case 'moveTo':
        if (x0 === null) {
          x0 = Math.round(args[0] * 2) / 2;
          y0 = Math.round(args[1] * 2) / 2;
        } else rest += 'm' + rel(args);
        cx = sx = Math.round(args[0] * 2) / 2;
        cy = sy = Math.round(args[1] * 2) / 2;
        break;
      case 'lineTo':
      case 'quadraticCurveTo':
      case 'bezierCurveTo': {
        rest += (command === 'lineTo' ? 'l' : command === 'quadraticCurveTo' ? 'q' : 'c') + rel(args);
        cx = Math.round(args[args.length - 2] * 2) / 2;
        cy = Math.round(args[args.length - 1] * 2) / 2;
        break;
      }
      case 'closePath':
        rest += 'z';
        cx = sx;
        cy = sy;
        break;
    }
  }
  o = { x0, y0, rest };
  f.glyphs.set(glyphId, o);
  return o;
}

/**
 * A label's path data in font units, the pen starting at (0, 0) on the baseline,
 * and its advance (font units); null when the font lacks one of its glyphs.
 *
 * Glyphs come from the cmap and advance by their widths, which is what Skia does
 * for the report's labels (Chinese, digits, punctuation). Where Skia's measured
 * width (`skiaWidth`, in em) says otherwise (kerned Latin text), the label is
 * laid out by fontkit with its kerning. Laying out every label that way would
 * load the fonts' large GSUB/GPOS tables in every process, for nothing.
 */
function runOutline(f: Face, text: string, skiaWidth: number): { d: string; advance: number } | null {
  const cached = f.runs.get(text);
  if (cached !== undefined) return cached;
  let glyphs: { id: number }[] = [...text].map((ch) => f.font.glyphForCodePoint(ch.codePointAt(0)!));
  let positions = glyphs.map((g) => ({ xAdvance: (g as fontkit.Glyph).advanceWidth, xOffset: 0, yOffset: 0 }));
  const simple = positions.reduce((a, p) => a + p.xAdvance, 0);
  if (Math.abs(simple / f.unitsPerEm - skiaWidth) > 1e-3) {
    const layout = f.font.layout(text);
    glyphs = layout.glyphs;
    positions = layout.positions;
  }
  let d = '';
  let pen = 0;
  let ok = true;
  glyphs.forEach((g, i) => {
    if (g.id === 0) ok = false; // .notdef: the font has no such character
    const pos = positions[i];
    const o = outline(f, g.id);
    if (o.x0 !== null) d += `M${fu(pen + pos.xOffset + o.x0)} ${fu(pos.yOffset + o.y0)}${o.rest}`;
    pen += pos.xAdvance;
  });
  const run = ok ? { d, advance: pen } : null;
  f.runs.set(text, run);
  return run;
}

/** Numbers of a transform: 6 significant digits for the scale, 0.001 for the offset. */
const sig = (x: number) => String(Number(x.toPrecision(6)));
const off = (x: number) => String(Math.round(x * 1000) / 1000);

/** How a label is painted: filled (fillText) or outlined (strokeText, e.g. a white halo). */
type Paint = { fill: string } | { stroke: string; width: number; join: string; miterLimit: number };

interface Recorded {
  paint: Paint;
  opacity: number;
  transform: string;
  /** Font units per user unit (a stroke's width is given in the path's own units). */
  k: number;
  d: string;
}

/** Marker colours: #01 then the label's number in four hex digits. */
const MARKER_BASE = 0x010000;
const MAX_LABELS = 0xffff;
const markerColor = (i: number) => `#${(MARKER_BASE + i).toString(16).padStart(6, '0')}`;

/** What a text recorder has seen, to be put into the SVG by `injectText`. */
export interface TextRecord {
  labels: Recorded[];
  /** Labels drawn by Skia instead (unsupported font, fill or characters). */
  fallbacks: number;
}

type Ctx2D = {
  font: string;
  fillStyle: unknown;
  globalAlpha: number;
  globalCompositeOperation: string;
  textAlign: string;
  direction?: string;
  shadowBlur?: number;
  shadowOffsetX?: number;
  shadowOffsetY?: number;
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
  strokeText(text: string, x: number, y: number, maxWidth?: number): void;
  strokeStyle: unknown;
  lineWidth: number;
  lineJoin: string;
  miterLimit: number;
  getLineDash(): number[];
  fillRect(x: number, y: number, w: number, h: number): void;
  measureText(text: string): { width: number; alphabeticBaseline: number; fontBoundingBoxAscent: number; fontBoundingBoxDescent: number };
  getTransform(): { a: number; b: number; c: number; d: number; e: number; f: number };
  save(): void;
  restore(): void;
};

const HEX = /^#[0-9a-f]{6}$/i;

/**
 * From now on, `ctx.fillText` and `ctx.strokeText` on this (SVG) canvas context
 * record labels and draw markers in their place; returns the record for `injectText`.
 */
export function recordText(context: unknown): TextRecord {
  const ctx = context as Ctx2D;
  const record: TextRecord = { labels: [], fallbacks: 0 };
  const nativeFillText = ctx.fillText.bind(ctx);
  const nativeStrokeText = ctx.strokeText.bind(ctx);
  /** Records a label with its paint and draws its marker; false when Skia has to draw it. */
  const record1 = (label: string, x: number, y: number, maxWidth: number | undefined, paint: Paint | null): boolean => {
    const font = /^(bold |700 )?([\d.]+)px "?([^"]+)"?$/.exec(ctx.font);
    const usable =
      paint !== null &&
      font !== null &&
      font[3] === FONT_FAMILY &&
      ctx.globalCompositeOperation === 'source-over' &&
      // A shadow under the text would need Skia's own drawing.
      !((ctx.shadowBlur ?? 0) > 0 || (ctx.shadowOffsetX ?? 0) !== 0 || (ctx.shadowOffsetY ?? 0) !== 0) &&
      (ctx.direction ?? 'ltr') !== 'rtl' &&
      record.labels.length < MAX_LABELS;
    const f = usable ? face(font![1] ? 'bold' : 'regular') : undefined;
    const m = f ? ctx.measureText(label) : undefined;
    const size = Number(font?.[2]);
    const run = f && m ? runOutline(f, label, m.width / size) : null;
    if (!f || !m || !run || (maxWidth !== undefined && m.width > maxWidth)) return false;
    if (!run.d) return true; // only spaces: nothing to draw
    const align = ctx.textAlign;
    const penX = x - (align === 'center' ? m.width / 2 : align === 'right' || align === 'end' ? m.width : 0);
    const baseY = y - m.alphabeticBaseline;
    const t = ctx.getTransform();
    const k = size / f.unitsPerEm;
    const transform = `matrix(${sig(k * t.a)} ${sig(k * t.b)} ${sig(-k * t.c)} ${sig(-k * t.d)} ${off(t.a * penX + t.c * baseY + t.e)} ${off(t.b * penX + t.d * baseY + t.f)})`;
    const index = record.labels.push({ paint: paint!, opacity: ctx.globalAlpha, transform, k, d: run.d }) - 1;
    // The marker: the label's box (with its stroke), in the label's place in the drawing order and under its clip.
    const grow = 'stroke' in paint! ? paint.width / 2 : 0;
    ctx.save();
    ctx.globalAlpha = 1;
    ctx.fillStyle = markerColor(index);
    ctx.fillRect(penX - grow, baseY - m.fontBoundingBoxAscent - grow, Math.max(m.width, 0.5) + 2 * grow, m.fontBoundingBoxAscent + m.fontBoundingBoxDescent + 2 * grow);
    ctx.restore();
    return true;
  };
  const hex = (v: unknown) => (typeof v === 'string' && HEX.test(v) ? v.toLowerCase() : null);
  ctx.fillText = (text: string, x: number, y: number, maxWidth?: number) => {
    const color = hex(ctx.fillStyle);
    if (record1(String(text), x, y, maxWidth, color ? { fill: color } : null)) return;
    record.fallbacks++;
    nativeFillText(String(text), x, y, maxWidth);
  };
  ctx.strokeText = (text: string, x: number, y: number, maxWidth?: number) => {
    const color = hex(ctx.strokeStyle);
    const paint = color && ctx.lineWidth > 0 && ctx.getLineDash().length === 0 ? { stroke: color, width: ctx.lineWidth, join: ctx.lineJoin, miterLimit: ctx.miterLimit } : null;
    if (record1(String(text), x, y, maxWidth, paint)) return;
    record.fallbacks++;
    nativeStrokeText(String(text), x, y, maxWidth);
  };
  return record;
}

const MARKER = /<(?:rect|path)\b[^>]*?\bfill="#(01[0-9a-fA-F]{4})"[^>]*\/>/g;

/**
 * The SVG with every marker replaced by its label's outlines; undefined when
 * the markers cannot be matched one to one (a chart colour that looks like a
 * marker): the caller then draws the figure with Skia's own text.
 */
export function injectText(svg: string, record: TextRecord): string | undefined {
  const seen = new Set<number>();
  let bad = false;
  const out = svg.replace(MARKER, (_m, hex: string) => {
    const i = parseInt(hex, 16) - MARKER_BASE;
    const label = record.labels[i];
    if (!label || seen.has(i)) {
      bad = true;
      return '';
    }
    seen.add(i);
    const p = label.paint;
    if ('fill' in p) {
      const opacity = label.opacity < 1 ? ` fill-opacity="${sig(label.opacity)}"` : '';
      return `<path fill="${p.fill}"${opacity} transform="${label.transform}" d="${label.d}"/>`;
    }
    const opacity = label.opacity < 1 ? ` stroke-opacity="${sig(label.opacity)}"` : '';
    const join = p.join === 'miter' ? ` stroke-miterlimit="${sig(p.miterLimit)}"` : ` stroke-linejoin="${p.join}"`;
    return `<path fill="none" stroke="${p.stroke}" stroke-width="${sig(p.width / label.k)}"${join}${opacity} transform="${label.transform}" d="${label.d}"/>`;
  });
  // A label whose marker is missing was clipped away entirely (Skia drops what its clip hides).
  return bad ? undefined : out;
}
