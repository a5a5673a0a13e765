/**
 * Compiling an SVG document into PDF operators: the element tree is walked
 * with the style cascade and the current transformation, each shape's outline
 * is written once (shared outlines are kept for forms, see forms.ts), and the
 * result is a program of operator bytes, opacity requests and shared outlines.
 */
import { Unsupported, fail } from './unsupported.js';
import { METADATA, parseXml, type El } from './xml.js';
import { IDENTITY, fm, isIdentity, mul, numberList, opacityValue, parseTransform, rgbOp, stretch, type Matrix } from './values.js';
import { ROOT_STYLE, inherit, properties, type Style } from './style.js';
import { Bytes, PathWriter } from './operator-writer.js';
import { SHAPES, len, shapeGeometry } from './shapes.js';

/**
 * A path outline with its painting operator, drawn as a Form XObject when
 * several figures (or places) use it: the district outlines of the four maps,
 * district names set as outlines in every chart. The form inherits colour,
 * line style, alpha and transformation from where it is drawn.
 */
export interface SharedPath {
  /** The SVG path data and the precision and painting it was written with: what the outline is shared by. */
  readonly d: string;
  readonly variant: string;
  /** Path construction operators and the painting operator (ASCII, ends with a newline). */
  readonly content: Uint8Array;
  /** Bounds of the outline, widened for the stroke. */
  readonly bbox: [number, number, number, number];
  /** Number of places that draw it (counted while compiling). */
  uses: number;
}

/** Outlines seen while compiling the figures of one document, by path data, then precision and painting. */
export class SharedPaths {
  private byData = new Map<string, Map<string, SharedPath>>();
  get(d: string, variant: string): SharedPath | undefined {
    return this.byData.get(d)?.get(variant);
  }
  set(d: string, variant: string, sp: SharedPath): void {
    let m = this.byData.get(d);
    if (!m) {
      m = new Map();
      this.byData.set(d, m);
    }
    m.set(variant, sp);
  }
  /**
   * The outline one more place draws, as compiling it there would give: the one already
   * seen (one use more), or this one, first seen now (a figure compiled earlier, see program-cache.ts).
   */
  link(d: string, variant: string, content: Uint8Array, bbox: [number, number, number, number]): SharedPath {
    const seen = this.get(d, variant);
    if (seen) {
      seen.uses++;
      return seen;
    }
    const sp: SharedPath = { d, variant, content, bbox, uses: 1 };
    this.set(d, variant, sp);
    return sp;
  }
}

/** An ExtGState request: fill (ca) and stroke (CA) alpha. */
export interface OpacityPart {
  ca: number | null;
  CA: number | null;
}

/** Compiled figure: content-stream text, opacity requests and shared outlines, in drawing order. */
export interface SvgProgram {
  /** Intrinsic size (the root's width/height, or the viewBox size): what pdfmake's SVGMeasure would report. */
  width: number;
  height: number;
  /** viewBox of the root (defaults to 0 0 width height). */
  viewBox: [number, number, number, number];
  preserveAspectRatio: string;
  /** The outer svg clips to its viewport (overflow hidden, the default). */
  clip: boolean;
  /** Operators (ASCII bytes, ending with a newline), ExtGState requests, shared outlines. */
  parts: (Uint8Array | OpacityPart | SharedPath)[];
  /** Numeric precision (decimals) used for coordinates at scale 1. */
  decimals: number;
}

export type CompileResult = { ok: true; program: SvgProgram } | { ok: false; reason: string };

interface Ctx {
  ids: Map<string, El>;
  parts: SvgProgram['parts'];
  /** Operators not yet cut into a part. */
  out: Bytes;
  /** Scratch buffer for one outline. */
  path: PathWriter;
  /** Base decimals at scale 1. */
  decimals: number;
  useDepth: number;
  shared: SharedPaths | undefined;
}

function flush(ctx: Ctx): void {
  if (ctx.out.len) ctx.parts.push(ctx.out.take());
}

/** Outlines shorter than this (characters of path data) are always written in place. */
const SHARE_MIN_LENGTH = 120;

/**
 * Decimals for coordinates under `ctm`: the document's precision (1/1000 pt at
 * the figure's scale), more where a transform enlarges, fewer where it shrinks
 * (labels are outlines in font units, 1/1000 em, under a transform of about
 * 0.008: whole units are already finer than 1/100 pt).
 */
function decimalsFor(ctx: Ctx, ctm: Matrix): number {
  const s = stretch(ctm);
  const extra = s > 0 ? Math.ceil(Math.log10(s)) : 0;
  return Math.max(0, Math.min(6, ctx.decimals + extra));
}

function indexIds(el: El, ids: Map<string, El>): void {
  const id = el.attrs.id;
  if (id !== undefined && !ids.has(id)) ids.set(id, el);
  for (const c of el.children) indexIds(c, ids);
}

function urlRef(v: string, ctx: Ctx): El {
  const m = /^url\(\s*['"]?#([^'")\s]+)['"]?\s*\)$/.exec(v.trim());
  if (!m) return fail(`reference ${v}`);
  return ctx.ids.get(m[1]) ?? fail(`missing #${m[1]}`);
}

/** Writes the clipping path for `clip-path` in the current user space (ctm: its scale, for the precision). */
function clip(ref: El, ctx: Ctx, ctm: Matrix): void {
  if (ref.name !== 'clipPath') fail('clip-path does not point to a <clipPath>');
  if ((ref.attrs.clipPathUnits ?? 'userSpaceOnUse') !== 'userSpaceOnUse') fail('clipPathUnits');
  const p = properties(ref);
  if (p['clip-path'] !== undefined && p['clip-path'] !== 'none') fail('nested clip-path');
  const base = inherit(ROOT_STYLE, p);
  const cpm = p.transform ? parseTransform(p.transform) : IDENTITY;
  const shapes = ref.children.filter((c) => !METADATA.has(c.name) && properties(c).display !== 'none');
  if (shapes.length !== 1) fail(`clipPath with ${shapes.length} children`);
  const child = shapes[0];
  if (!SHAPES.has(child.name)) fail(`<${child.name}> in clipPath`);
  const cp = properties(child);
  if (cp['clip-path'] !== undefined && cp['clip-path'] !== 'none') fail('clip-path inside clipPath');
  const cs = inherit(base, cp);
  if (!cs.visible) fail('hidden clip shape');
  const m = cp.transform ? mul(cpm, parseTransform(cp.transform)) : cpm;
  const w = new PathWriter(ctx.out).begin(decimalsFor(ctx, mul(ctm, m)), m);
  // An empty clip path clips everything away.
  if (!shapeGeometry(child, w)) ctx.out.ascii('0 0 m h\n');
  ctx.out.ascii(cs.clipRule === 'evenodd' ? 'W* n\n' : 'W n\n');
}

function drawShape(el: El, style: Style, props: Record<string, string>, ctx: Ctx, ctm: Matrix): void {
  const opacity = props.opacity !== undefined ? opacityValue(props.opacity) : 1;
  const fillA = style.fillOpacity * opacity;
  const strokeA = style.strokeOpacity * opacity;
  const fill = style.fill && fillA > 0 ? style.fill : null;
  const stroke = style.stroke && strokeA > 0 && style.strokeWidth > 0 ? style.stroke : null;
  if (!style.visible || (!fill && !stroke)) {
    // nothing painted; still read the geometry so malformed data falls back as elsewhere
    const w = ctx.path;
    w.out.len = 0;
    shapeGeometry(el, w.begin(0, null));
    return;
  }
  const m = props.transform ? parseTransform(props.transform) : IDENTITY;
  const full = mul(ctm, m);
  const digits = decimalsFor(ctx, full);
  const eo = style.fillRule === 'evenodd';
  const paintOp = fill && stroke ? (eo ? 'B*\n' : 'B\n') : fill ? (eo ? 'f*\n' : 'f\n') : 'S\n';
  // Room for the stroke around the outline (miter joins reach furthest).
  const pad = stroke ? (style.strokeWidth / 2) * Math.max(1, style.lineJoin === 0 ? style.miterLimit : 1) + 1 : 1;
  const d = el.name === 'path' ? el.attrs.d : undefined;
  const variant = ctx.shared && d !== undefined && d.length >= SHARE_MIN_LENGTH ? `${digits}|${pad}|${paintOp}` : undefined;
  let shared = variant !== undefined ? ctx.shared!.get(d!, variant) : undefined;
  let inline = false;
  if (shared) {
    shared.uses++;
  } else {
    const w = ctx.path;
    w.out.len = 0;
    if (!shapeGeometry(el, w.begin(digits, null))) return;
    if (variant !== undefined) {
      w.out.ascii(paintOp);
      shared = { d: d!, variant, content: w.out.take(), bbox: [w.x0 - pad, w.y0 - pad, w.x1 + pad, w.y1 + pad], uses: 1 };
      ctx.shared!.set(d!, variant, shared);
    } else {
      inline = true; // still in ctx.path's buffer
    }
  }
  const o = ctx.out;
  o.ascii('q\n');
  if (!isIdentity(m)) o.ascii(`${m.map(fm).join(' ')} cm\n`);
  if (props['clip-path'] !== undefined && props['clip-path'] !== 'none') clip(urlRef(props['clip-path'], ctx), ctx, full);
  if (fill) o.ascii(rgbOp(fill, 'rg'));
  if (stroke) {
    o.ascii(rgbOp(stroke, 'RG'));
    o.ascii(`${fm(style.strokeWidth)} w\n${fm(style.miterLimit)} M\n${style.lineJoin} j\n${style.lineCap} J\n`);
    if (style.dash.length) o.ascii(`[${style.dash.map(fm).join(' ')}] ${fm(style.dashOffset)} d\n`);
  }
  const ca = fill && fillA < 1 ? fillA : null;
  const CA = stroke && strokeA < 1 ? strokeA : null;
  if (ca !== null || CA !== null) {
    flush(ctx);
    ctx.parts.push({ ca, CA });
  }
  if (inline) {
    const p = ctx.path.out;
    o.bytes(p.buf, 0, p.len);
    o.ascii(paintOp);
  } else {
    flush(ctx);
    ctx.parts.push(shared!);
  }
  o.ascii('Q\n');
}

function drawElement(el: El, parent: Style, ctx: Ctx, ctm: Matrix): void {
  if (el.name === 'defs' || el.name === 'clipPath') return; // drawn only when referenced
  if (METADATA.has(el.name)) return;
  const props = properties(el);
  if (props.display === 'none') return;
  const style = inherit(parent, props);
  if (SHAPES.has(el.name)) {
    drawShape(el, style, props, ctx, ctm);
    return;
  }
  if (el.name !== 'g' && el.name !== 'use') fail(`<${el.name}>`);
  if (props.opacity !== undefined && opacityValue(props.opacity) < 1) fail('group opacity');
  let m = props.transform ? parseTransform(props.transform) : IDENTITY;
  let children = el.children;
  if (el.name === 'use') {
    const href = el.attrs.href ?? el.attrs['xlink:href'];
    if (href?.[0] !== '#') fail('use without a local href');
    const target = ctx.ids.get(href!.slice(1)) ?? fail(`missing ${href}`);
    if (!SHAPES.has(target.name) && target.name !== 'g') fail(`use of <${target.name}>`);
    if (++ctx.useDepth > 8) fail('use nesting');
    m = mul(m, [1, 0, 0, 1, len(el, 'x', 0), len(el, 'y', 0)]);
    children = [target];
  }
  const full = mul(ctm, m);
  const o = ctx.out;
  o.ascii('q\n');
  if (!isIdentity(m)) o.ascii(`${m.map(fm).join(' ')} cm\n`);
  if (props['clip-path'] !== undefined && props['clip-path'] !== 'none') clip(urlRef(props['clip-path'], ctx), ctx, full);
  for (const c of children) drawElement(c, style, ctx, full);
  ctx.out.ascii('Q\n');
  if (el.name === 'use') ctx.useDepth--;
}

/** Compiles an SVG document; `{ ok: false }` when it uses something this drawer does not handle. */
export function compileSvg(svg: string, opts: { decimals?: number; scale?: number; shared?: SharedPaths } = {}): CompileResult {
  try {
    const root = parseXml(svg);
    const props = properties(root);
    const width = root.attrs.width !== undefined ? len(root, 'width', 0) : undefined;
    const height = root.attrs.height !== undefined ? len(root, 'height', 0) : undefined;
    let viewBox: [number, number, number, number] | undefined;
    if (root.attrs.viewBox !== undefined) {
      const v = numberList(root.attrs.viewBox);
      if (v.length !== 4 || !(v[2] > 0 && v[3] > 0)) fail('viewBox');
      viewBox = v as [number, number, number, number];
    }
    const w = width ?? viewBox?.[2] ?? fail('no width');
    const h = height ?? viewBox?.[3] ?? fail('no height');
    if (!(w > 0 && h > 0)) fail('empty size');
    if (len(root, 'x', 0) !== 0 || len(root, 'y', 0) !== 0) fail('x/y on the outer svg');
    const par = (root.attrs.preserveAspectRatio ?? '').trim();
    if (par && !/^(none|x(Min|Mid|Max)Y(Min|Mid|Max)(\s+(meet|slice))?)$/.test(par)) fail('preserveAspectRatio');
    const overflow = props.overflow ?? root.attrs.overflow;
    if (props.opacity !== undefined && opacityValue(props.opacity) < 1) fail('opacity on the outer svg');
    if (props['clip-path'] !== undefined && props['clip-path'] !== 'none') fail('clip-path on the outer svg');
    if (props.transform !== undefined) fail('transform on the outer svg');
    const ctx: Ctx = {
      ids: new Map(),
      parts: [],
      out: new Bytes(),
      path: new PathWriter(new Bytes()),
      decimals: opts.decimals ?? 3,
      useDepth: 0,
      shared: opts.shared,
    };
    indexIds(root, ctx.ids);
    const style = inherit(ROOT_STYLE, props);
    const vb = viewBox ?? [0, 0, w, h];
    // precision follows the viewBox scale (the figure is normally drawn at its own size)
    const k = Math.max(1, opts.scale ?? 1);
    const scale: Matrix = [(k * w) / vb[2], 0, 0, (k * h) / vb[3], 0, 0];
    for (const c of root.children) drawElement(c, style, ctx, scale);
    flush(ctx);
    return {
      ok: true,
      program: {
        width: w,
        height: h,
        viewBox: vb,
        preserveAspectRatio: par,
        clip: !(overflow === 'visible' || overflow === 'auto'),
        parts: ctx.parts,
        decimals: ctx.decimals,
      },
    };
  } catch (e) {
    if (e instanceof Unsupported) return { ok: false, reason: e.message };
    if (e instanceof RangeError || e instanceof TypeError) return { ok: false, reason: String(e) };
    throw e;
  }
}
