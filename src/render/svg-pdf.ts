/**
 * A lean SVG → PDF drawer for the figures of the PDF renderer.
 *
 * pdfmake draws SVG through its bundled svg-to-pdfkit, which for our figures
 * (hundreds of thousands of path commands: district outlines, text as
 * outlines) was most of a build: every path command became a segment object
 * with closures and an arc-length table, every PDF operator a Buffer of its
 * own, every clipped group a transparency group plus a luminosity soft mask,
 * and pdfmake parsed and re-serialised each SVG with xmldoc to measure it.
 * Here each SVG is compiled once into PDF operators, written as bytes
 * (numbers digit by digit), and put into the document as one Form XObject per
 * figure, deflated on the thread pool while the layout is made.
 *
 * Outlines that several figures draw (the district outlines of the four maps,
 * district names set as outlines) are formatted once, and the large ones are
 * shared Form XObjects; the form inherits colour, line style and alpha from
 * where it is drawn. Small ones stay in place: every form costs pdf.js (the
 * fact check) a nested parse on every page that uses it.
 *
 * Only the static subset of SVG that chart exporters produce is handled:
 * svg, g, defs, clipPath (one shape, user space), use, path, rect (also
 * rounded), circle, ellipse, line, polyline, polygon; presentation attributes
 * (fill, stroke, opacities, rules, stroke geometry, transform, clip-path,
 * display, visibility) and `style="…"` declarations. Anything else (text,
 * images, gradients, patterns, masks, markers, filters, CSS, group opacity,
 * units other than px/pt…) makes `compileSvg` return `{ ok: false }`, and the
 * caller draws that SVG with svg-to-pdfkit as before: no figure is ever
 * drawn wrongly, only sometimes slowly.
 *
 * Semantics follow svg-to-pdfkit as pdfmake calls it (`assumePt`: one SVG
 * unit = 1 pt before the viewBox mapping; the outer svg clips to its
 * viewport unless `overflow="visible"`), except that a clip path is a plain
 * clipping path (`W n`) instead of a soft mask: the same area, drawn the same.
 * Coordinates are written with 3 decimals at the figure's scale (1/1000 pt;
 * more where a transform enlarges), colours with 4 (exact for 8-bit channels).
 * The output is a pure function of the SVGs, so documents stay byte-for-byte
 * reproducible.
 */
import { deflate } from 'node:zlib';

/**
 * A path outline with its painting operator, drawn as a Form XObject when
 * several figures (or places) use it: the district outlines of the four maps,
 * district names set as outlines in every chart. The form inherits colour,
 * line style, alpha and transformation from where it is drawn.
 */
export interface SharedPath {
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

/** A PDFKit object reference (the few members used). */
interface PdfRefLike {
  write(chunk: Uint8Array | string): unknown;
  end(): unknown;
}

/** The part of a PDFKit document the drawer uses. */
export interface PdfKitLike {
  save(): unknown;
  restore(): unknown;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): unknown;
  /** A string gets a newline appended. */
  addContent(data: string): unknown;
  ref(data: Record<string, unknown>): PdfRefLike;
  page: { xobjects: Record<string, unknown> };
}

class Unsupported extends Error {}
const fail = (reason: string): never => {
  throw new Unsupported(reason);
};

// ---------------------------------------------------------------------------
// XML

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    const v = ENTITY[e];
    return v ?? fail(`unknown entity ${m}`);
  });
}

const TAG = /<([A-Za-z_][\w:.-]*)/y;
const ATTR = /\s*([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const TAG_END = /\s*(\/?)>/y;
/** Elements whose content is not drawn and may hold text. */
const METADATA = new Set(['title', 'desc', 'metadata']);

/** A small non-validating XML parser: elements, attributes, comments, PIs; text only as whitespace. */
function parseXml(src: string): El {
  const root: El = { name: '#root', attrs: {}, children: [] };
  const stack: El[] = [root];
  let pos = 0;
  let skipDepth = 0; // inside title/desc/metadata
  const n = src.length;
  while (pos < n) {
    const lt = src.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos && skipDepth === 0) {
      for (let i = pos; i < textEnd; i++) {
        const c = src.charCodeAt(i);
        if (c !== 32 && c !== 9 && c !== 10 && c !== 13) fail(`text content in <${stack[stack.length - 1].name}>`);
      }
    }
    if (lt < 0) break;
    if (src.startsWith('<!--', lt)) {
      const e = src.indexOf('-->', lt + 4);
      if (e < 0) fail('unterminated comment');
      pos = e + 3;
    } else if (src.startsWith('<?', lt)) {
      const e = src.indexOf('?>', lt + 2);
      if (e < 0) fail('unterminated processing instruction');
      pos = e + 2;
    } else if (src.startsWith('<![CDATA[', lt)) {
      if (skipDepth === 0) fail('CDATA');
      const e = src.indexOf(']]>', lt);
      if (e < 0) fail('unterminated CDATA');
      pos = e + 3;
    } else if (src.startsWith('<!', lt)) {
      const e = src.indexOf('>', lt);
      if (e < 0 || src.slice(lt, e).includes('[')) fail('DOCTYPE with an internal subset');
      pos = e + 1;
    } else if (src.charCodeAt(lt + 1) === 47 /* / */) {
      const e = src.indexOf('>', lt);
      if (e < 0) fail('unterminated end tag');
      const name = src.slice(lt + 2, e).trim();
      const top = stack.pop();
      if (!top || top.name !== name || stack.length === 0) fail(`mismatched </${name}>`);
      if (skipDepth > 0) skipDepth--;
      pos = e + 1;
    } else {
      TAG.lastIndex = lt;
      const m = TAG.exec(src);
      if (!m) fail('malformed tag');
      const el: El = { name: m![1], attrs: {}, children: [] };
      pos = TAG.lastIndex;
      for (;;) {
        ATTR.lastIndex = pos;
        const a = ATTR.exec(src);
        if (!a) break;
        el.attrs[a[1]] = decodeEntities(a[2] ?? a[3]);
        pos = ATTR.lastIndex;
      }
      TAG_END.lastIndex = pos;
      const end = TAG_END.exec(src);
      if (!end) fail(`malformed <${el.name}>`);
      pos = TAG_END.lastIndex;
      if (skipDepth === 0) stack[stack.length - 1].children.push(el);
      const selfClosing = end![1] === '/';
      if (!selfClosing) {
        stack.push(el);
        if (skipDepth > 0 || METADATA.has(el.name)) skipDepth++;
      }
    }
  }
  if (stack.length !== 1) fail('unclosed elements');
  if (root.children.length !== 1 || root.children[0].name !== 'svg') fail('root element is not <svg>');
  return root.children[0];
}

// ---------------------------------------------------------------------------
// Numbers, lengths, colours, transforms

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function mul(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}
const isIdentity = (m: Matrix) => m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 1 && m[4] === 0 && m[5] === 0;
/** Largest factor by which the matrix can stretch a length (bounds the rounding error). */
const stretch = (m: Matrix) => Math.max(Math.abs(m[0]) + Math.abs(m[2]), Math.abs(m[1]) + Math.abs(m[3]));

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;

function parseNumber(s: string): number {
  const t = s.trim();
  NUMBER.lastIndex = 0;
  const m = NUMBER.exec(t);
  if (!m || m[0].length !== t.length) fail(`not a number: "${s}"`);
  return Number(t);
}

/** A length in user units: unitless, px or pt (one unit = 1 pt, as pdfmake's svg-to-pdfkit call assumes). */
function parseLength(s: string): number {
  const t = s.trim().replace(/(px|pt)$/, '');
  return parseNumber(t);
}

function numberList(s: string): number[] {
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

function parseTransform(s: string): Matrix {
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

type Rgb = [number, number, number];

function parseColor(v: string): Rgb {
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
const rgbOp = (c: Rgb, op: 'rg' | 'RG') => `${c4(c[0])} ${c4(c[1])} ${c4(c[2])} ${op}\n`;

/** Formats with up to 6 significant decimals (transform matrices). */
const fm = (x: number) => {
  const r = Math.round(x * 1e6) / 1e6;
  return r === 0 ? '0' : String(r);
};

// ---------------------------------------------------------------------------
// Styles

interface Style {
  fill: Rgb | null;
  fillOpacity: number;
  fillRule: 'nonzero' | 'evenodd';
  stroke: Rgb | null;
  strokeOpacity: number;
  strokeWidth: number;
  lineCap: number;
  lineJoin: number;
  miterLimit: number;
  dash: number[];
  dashOffset: number;
  clipRule: 'nonzero' | 'evenodd';
  visible: boolean;
  color: Rgb;
}

const ROOT_STYLE: Style = {
  fill: [0, 0, 0],
  fillOpacity: 1,
  fillRule: 'nonzero',
  stroke: null,
  strokeOpacity: 1,
  strokeWidth: 1,
  lineCap: 0,
  lineJoin: 0,
  miterLimit: 4,
  dash: [],
  dashOffset: 0,
  clipRule: 'nonzero',
  visible: true,
  color: [0, 0, 0],
};

/** Attributes that do not affect how the static subset is drawn. */
const IGNORED = new Set([
  'id', 'class', 'version', 'baseProfile', 'xmlns', 'xml:space', 'xml:lang', 'lang', 'role', 'focusable', 'tabindex',
  'shape-rendering', 'color-rendering', 'image-rendering', 'text-rendering', 'color-interpolation', 'enable-background',
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch', 'letter-spacing', 'word-spacing',
  'text-anchor', 'dominant-baseline', 'alignment-baseline', 'writing-mode', 'direction', 'unicode-bidi', 'pointer-events', 'cursor',
]);
/** Attributes read by the element itself (geometry, references). */
const GEOMETRY: Record<string, Set<string>> = {
  svg: new Set(['width', 'height', 'viewBox', 'preserveAspectRatio', 'overflow', 'x', 'y']),
  g: new Set(),
  defs: new Set(),
  clipPath: new Set(['clipPathUnits']),
  use: new Set(['x', 'y', 'href', 'xlink:href', 'width', 'height']),
  path: new Set(['d', 'pathLength']),
  rect: new Set(['x', 'y', 'width', 'height', 'rx', 'ry']),
  circle: new Set(['cx', 'cy', 'r']),
  ellipse: new Set(['cx', 'cy', 'rx', 'ry']),
  line: new Set(['x1', 'y1', 'x2', 'y2']),
  polyline: new Set(['points']),
  polygon: new Set(['points']),
};
/** Properties handled here; the rest of the attributes must be ignorable. */
const PROPS = new Set([
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-opacity', 'stroke-width', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'clip-rule', 'visibility', 'display', 'opacity', 'color',
  'transform', 'clip-path', 'mask', 'filter', 'marker-start', 'marker-mid', 'marker-end', 'marker', 'vector-effect', 'overflow',
]);

/** Attributes plus `style` declarations (which win, as in CSS). */
function properties(el: El): Record<string, string> {
  const out: Record<string, string> = {};
  const geometry = GEOMETRY[el.name] ?? fail(`<${el.name}>`);
  for (const [k, v] of Object.entries(el.attrs)) {
    if (k === 'style') continue;
    if (geometry.has(k) || IGNORED.has(k) || k.startsWith('xmlns:') || k.startsWith('data-') || k.startsWith('aria-')) continue;
    if (!PROPS.has(k)) fail(`attribute ${k} on <${el.name}>`);
    out[k] = v.trim();
  }
  if (el.attrs.style !== undefined) {
    for (const decl of el.attrs.style.split(';')) {
      const i = decl.indexOf(':');
      if (i < 0) {
        if (decl.trim()) fail(`style "${decl}"`);
        continue;
      }
      const k = decl.slice(0, i).trim();
      const v = decl.slice(i + 1).trim();
      if (IGNORED.has(k)) continue;
      if (!PROPS.has(k) || /!important/.test(v)) fail(`style property ${k}`);
      out[k] = v;
    }
  }
  for (const v of Object.values(out)) if (v === 'inherit') fail('inherit');
  return out;
}

function opacityValue(v: string): number {
  const t = v.trim();
  const x = t.endsWith('%') ? parseNumber(t.slice(0, -1)) / 100 : parseNumber(t);
  return Math.max(0, Math.min(1, x));
}

function paint(v: string, s: Style): Rgb | null {
  if (v === 'none' || v === 'transparent') return null;
  if (v === 'currentColor') return s.color;
  if (v.startsWith('url(')) fail('paint server');
  return parseColor(v);
}

const CAPS: Record<string, number> = { butt: 0, round: 1, square: 2 };
const JOINS: Record<string, number> = { miter: 0, round: 1, bevel: 2 };

function inherit(parent: Style, p: Record<string, string>): Style {
  const s: Style = { ...parent };
  if (p.color !== undefined) s.color = parseColor(p.color);
  if (p.fill !== undefined) s.fill = paint(p.fill, s);
  if (p['fill-opacity'] !== undefined) s.fillOpacity = opacityValue(p['fill-opacity']);
  if (p['fill-rule'] !== undefined) s.fillRule = p['fill-rule'] === 'evenodd' ? 'evenodd' : p['fill-rule'] === 'nonzero' ? 'nonzero' : fail('fill-rule');
  if (p['clip-rule'] !== undefined) s.clipRule = p['clip-rule'] === 'evenodd' ? 'evenodd' : p['clip-rule'] === 'nonzero' ? 'nonzero' : fail('clip-rule');
  if (p.stroke !== undefined) s.stroke = paint(p.stroke, s);
  if (p['stroke-opacity'] !== undefined) s.strokeOpacity = opacityValue(p['stroke-opacity']);
  if (p['stroke-width'] !== undefined) s.strokeWidth = parseLength(p['stroke-width']);
  if (p['stroke-linecap'] !== undefined) s.lineCap = CAPS[p['stroke-linecap']] ?? fail('stroke-linecap');
  if (p['stroke-linejoin'] !== undefined) s.lineJoin = JOINS[p['stroke-linejoin']] ?? fail('stroke-linejoin');
  if (p['stroke-miterlimit'] !== undefined) s.miterLimit = parseNumber(p['stroke-miterlimit']);
  if (p['stroke-dasharray'] !== undefined) {
    const d = p['stroke-dasharray'] === 'none' ? [] : numberList(p['stroke-dasharray']);
    if (d.some((x) => x < 0)) fail('negative dash');
    s.dash = d.every((x) => x === 0) ? [] : d.length % 2 ? [...d, ...d] : d;
  }
  if (p['stroke-dashoffset'] !== undefined) s.dashOffset = parseLength(p['stroke-dashoffset']);
  if (p.visibility !== undefined) s.visible = p.visibility === 'visible' ? true : p.visibility === 'hidden' || p.visibility === 'collapse' ? false : fail('visibility');
  for (const k of ['mask', 'filter', 'marker-start', 'marker-mid', 'marker-end', 'marker']) if (p[k] !== undefined && p[k] !== 'none') fail(k);
  if (p['vector-effect'] !== undefined && p['vector-effect'] !== 'none') fail('vector-effect');
  return s;
}

// ---------------------------------------------------------------------------
// Geometry → path operators

/**
 * A growing ASCII byte buffer: content-stream text is written here directly
 * (numbers digit by digit), so compiling a figure makes no strings.
 */
class Bytes {
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
class PathWriter {
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

/** Arc to Bézier curves, as svg-to-pdfkit does it (SVG 1.1 implementation notes, F.6.5). */
function arc(w: PathWriter, x0: number, y0: number, rx: number, ry: number, phi: number, fa: number, fs: number, x: number, y: number): void {
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

/** SVG path data → path operators. Malformed data makes the figure fall back (svg-to-pdfkit's own handling). */
function pathData(d: string, w: PathWriter): void {
  const n = d.length;
  let pos = 0;
  let cmd = 0; // character code of the current command
  let x = 0, y = 0, sx = 0, sy = 0;
  // last control point (for S/T) and the kind of command that set it
  let cx = 0, cy = 0;
  let last = 0; // 67 C, 81 Q, other
  const a = [0, 0, 0, 0, 0, 0, 0];
  const skipSep = () => {
    while (pos < n) {
      const c = d.charCodeAt(pos);
      if (c === 32 || c === 44 || c === 9 || c === 10 || c === 13 || c === 12) pos++;
      else break;
    }
  };
  /** A number at pos; exact (digits / 10^k is how a correctly rounding parser reads it, Number() otherwise). */
  const readNumber = (): number => {
    const start = pos;
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
    if (nd === 0) fail(`path data at ${start}: "${d.slice(start, start + 12)}"`);
    if (c === 101 || c === 69) {
      // exponent: let Number() read the whole token
      let e = pos + 1;
      if (d.charCodeAt(e) === 43 || d.charCodeAt(e) === 45) e++;
      const digits0 = e;
      while (e < n && d.charCodeAt(e) >= 48 && d.charCodeAt(e) <= 57) e++;
      if (e === digits0) fail('exponent without digits');
      pos = e;
      return Number(d.slice(start, e));
    }
    if (nd > 15) return Number(d.slice(start, pos));
    const v = scale === 0 ? mant : mant / POW10[scale];
    return neg ? -v : v;
  };
  const readFlag = (): number => {
    const c = d.charCodeAt(pos);
    if (c !== 48 && c !== 49) fail('arc flag');
    pos++;
    return c - 48;
  };
  skipSep();
  if (pos < n) {
    const c = d.charCodeAt(pos);
    if (c !== 77 && c !== 109) fail('path data must start with a moveto');
  }
  while (pos < n) {
    skipSep();
    if (pos >= n) break;
    const ch = d.charCodeAt(pos);
    if (ch < 128 && CMD_ARGS[ch] >= 0) {
      cmd = ch;
      pos++;
    } else if (cmd === 0 || cmd === 90 || cmd === 122) {
      fail(`path data: "${d.slice(pos, pos + 12)}"`);
    }
    const rel = cmd >= 97;
    const upper = rel ? cmd - 32 : cmd;
    const count = CMD_ARGS[cmd];
    for (let i = 0; i < count; i++) {
      skipSep();
      a[i] = upper === 65 && (i === 3 || i === 4) ? readFlag() : readNumber();
    }
    const ox = rel ? x : 0;
    const oy = rel ? y : 0;
    switch (upper) {
      case 77: // M
        x = ox + a[0];
        y = oy + a[1];
        sx = x;
        sy = y;
        w.move(x, y);
        // further pairs are lineto
        cmd = rel ? 108 : 76;
        last = 0;
        break;
      case 76: // L
        x = ox + a[0];
        y = oy + a[1];
        w.line(x, y);
        last = 0;
        break;
      case 72: // H
        x = ox + a[0];
        w.line(x, y);
        last = 0;
        break;
      case 86: // V
        y = oy + a[0];
        w.line(x, y);
        last = 0;
        break;
      case 67: // C
      case 83: {
        // S
        let x1: number, y1: number, k = 0;
        if (upper === 67) {
          x1 = ox + a[0];
          y1 = oy + a[1];
          k = 2;
        } else {
          x1 = last === 67 ? 2 * x - cx : x;
          y1 = last === 67 ? 2 * y - cy : y;
        }
        const x2 = ox + a[k], y2 = oy + a[k + 1], ex = ox + a[k + 2], ey = oy + a[k + 3];
        w.curve(x1, y1, x2, y2, ex, ey);
        cx = x2;
        cy = y2;
        x = ex;
        y = ey;
        last = 67;
        break;
      }
      case 81: // Q
      case 84: {
        // T
        let qx: number, qy: number, ex: number, ey: number;
        if (upper === 81) {
          qx = ox + a[0];
          qy = oy + a[1];
          ex = ox + a[2];
          ey = oy + a[3];
        } else {
          qx = last === 81 ? 2 * x - cx : x;
          qy = last === 81 ? 2 * y - cy : y;
          ex = ox + a[0];
          ey = oy + a[1];
        }
        // quadratic → cubic: control points two thirds of the way to the quadratic one
        w.curve(x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y), ex + (2 / 3) * (qx - ex), ey + (2 / 3) * (qy - ey), ex, ey);
        cx = qx;
        cy = qy;
        x = ex;
        y = ey;
        last = 81;
        break;
      }
      case 65: {
        // A
        const ex = ox + a[5];
        const ey = oy + a[6];
        arc(w, x, y, a[0], a[1], a[2], a[3], a[4], ex, ey);
        x = ex;
        y = ey;
        last = 0;
        break;
      }
      default: // Z
        w.close();
        x = sx;
        y = sy;
        last = 0;
    }
  }
}

function len(el: El, name: string, dflt: number): number {
  const v = el.attrs[name];
  if (v === undefined) return dflt;
  if (v.trim().endsWith('%')) fail('percentage lengths');
  return parseLength(v);
}

/** The outline of a basic shape or path; false when the shape is empty (not rendered). */
function shapeGeometry(el: El, w: PathWriter): boolean {
  switch (el.name) {
    case 'path':
      pathData(el.attrs.d ?? '', w);
      break;
    case 'rect': {
      const x = len(el, 'x', 0), y = len(el, 'y', 0), wd = len(el, 'width', 0), ht = len(el, 'height', 0);
      if (!(wd > 0 && ht > 0)) return false;
      let rx = el.attrs.rx !== undefined ? len(el, 'rx', 0) : undefined;
      let ry = el.attrs.ry !== undefined ? len(el, 'ry', 0) : undefined;
      if (rx === undefined) rx = ry ?? 0;
      if (ry === undefined) ry = rx;
      if (rx && ry) {
        rx = Math.min(rx, wd / 2);
        ry = Math.min(ry, ht / 2);
        w.move(x + rx, y);
        w.line(x + wd - rx, y);
        arc(w, x + wd - rx, y, rx, ry, 0, 0, 1, x + wd, y + ry);
        w.line(x + wd, y + ht - ry);
        arc(w, x + wd, y + ht - ry, rx, ry, 0, 0, 1, x + wd - rx, y + ht);
        w.line(x + rx, y + ht);
        arc(w, x + rx, y + ht, rx, ry, 0, 0, 1, x, y + ht - ry);
        w.line(x, y + ry);
        arc(w, x, y + ry, rx, ry, 0, 0, 1, x + rx, y);
        w.close();
      } else {
        w.move(x, y);
        w.line(x + wd, y);
        w.line(x + wd, y + ht);
        w.line(x, y + ht);
        w.close();
      }
      break;
    }
    case 'circle':
    case 'ellipse': {
      const cx = len(el, 'cx', 0), cy = len(el, 'cy', 0);
      const rx = el.name === 'circle' ? len(el, 'r', 0) : len(el, 'rx', 0);
      const ry = el.name === 'circle' ? rx : len(el, 'ry', 0);
      if (!(rx > 0 && ry > 0)) return false;
      w.move(cx + rx, cy);
      arc(w, cx + rx, cy, rx, ry, 0, 0, 1, cx, cy + ry);
      arc(w, cx, cy + ry, rx, ry, 0, 0, 1, cx - rx, cy);
      arc(w, cx - rx, cy, rx, ry, 0, 0, 1, cx, cy - ry);
      arc(w, cx, cy - ry, rx, ry, 0, 0, 1, cx + rx, cy);
      w.close();
      break;
    }
    case 'line':
      w.move(len(el, 'x1', 0), len(el, 'y1', 0));
      w.line(len(el, 'x2', 0), len(el, 'y2', 0));
      break;
    case 'polyline':
    case 'polygon': {
      const p = numberList(el.attrs.points ?? '');
      if (p.length % 2) fail('odd number of coordinates in points');
      for (let i = 0; i < p.length; i += 2) {
        if (i === 0) w.move(p[0], p[1]);
        else w.line(p[i], p[i + 1]);
      }
      if (el.name === 'polygon' && p.length >= 2) w.close();
      break;
    }
    default:
      fail(`<${el.name}>`);
  }
  return !w.empty;
}

// ---------------------------------------------------------------------------
// Compilation

const SHAPES = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon']);

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
      shared = { content: w.out.take(), bbox: [w.x0 - pad, w.y0 - pad, w.x1 + pad, w.y1 + pad], uses: 1 };
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
    if (!href || href[0] !== '#') fail('use without a local href');
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

/** The viewBox → viewport mapping (preserveAspectRatio), as svg-to-pdfkit computes it. */
function aspectMatrix(par: string, availW: number, availH: number, vb: [number, number, number, number]): Matrix {
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

// ---------------------------------------------------------------------------
// Figures of a document: forms, compressed ahead of drawing

/**
 * A shared outline becomes a Form XObject only from this size (bytes of operators):
 * every form costs pdf.js (the fact check's text extraction) a stream fetch, an
 * inflate and a nested parse on every page it is on, and many small forms cost
 * more than the bytes they save. Measured on the sample (labels as outlines in
 * font units, see figures/text-outlines.ts): from 3 000 bytes, 97 forms (every
 * label used in two figures), a 0.95 MB PDF and 390 ms of extraction; from
 * 12 000 bytes, 14 forms (the district outlines of the maps), 1.28 MB and 215 ms.
 */
const FORM_MIN_BYTES = 12000;

/** A figure ready to draw: its content as one Form XObject, deflated once for all passes. */
export interface SvgFigure {
  readonly program: SvgProgram;
  /** Form content (viewBox coordinates), deflated; set by FigureSet.ready(). */
  deflated?: Uint8Array;
  /** Shared outline forms and ExtGStates the content names. */
  readonly xobjects: Map<string, SharedForm>;
  readonly gstates: Map<string, OpacityPart>;
}

interface SharedForm {
  path: SharedPath;
  deflated?: Uint8Array;
}

/**
 * The figures of one document. `add` compiles each SVG (outlines shared
 * between figures are formatted once); `seal` decides which outlines become
 * shared forms, builds every figure's content and starts compressing it on
 * the thread pool, so that it runs while the layout is made; `ready` waits
 * for it. Names (SP…, GsS…) are given in figure order: deterministic.
 */
export class FigureSet {
  private shared = new SharedPaths();
  private figures: SvgFigure[] = [];
  private forms = new Map<SharedPath, { name: string; form: SharedForm }>();
  private gsNames = new Map<string, { name: string; part: OpacityPart }>();
  private pending: Promise<void>[] = [];
  private sealed = false;
  /**
   * zlib level 4: on the figures' operators about a third of the time of level 6
   * (the default PDFKit uses) for 4 % more bytes (measured on the sample's 7.3 MB of
   * operators: 67 ms → 1.79 MB, level 6: 214 ms → 1.72 MB); it then fits in the
   * planning pass's time on the second core.
   */
  constructor(private level = 4) {}

  /** Compiles an SVG; null when the lean drawer does not handle it (draw it with svg-to-pdfkit). */
  add(svg: string): { figure: SvgFigure } | { figure: null; reason: string } {
    if (this.sealed) throw new Error('FigureSet: add() after seal()');
    const r = compileSvg(svg, { shared: this.shared });
    if (!r.ok) return { figure: null, reason: r.reason };
    const figure: SvgFigure = { program: r.program, xobjects: new Map(), gstates: new Map() };
    this.figures.push(figure);
    return { figure };
  }

  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    const out = new Bytes();
    for (const f of this.figures) {
      const gs = (o: OpacityPart) => {
        const key = `${o.ca}_${o.CA}`;
        let entry = this.gsNames.get(key);
        if (!entry) {
          entry = { name: `GsS${this.gsNames.size + 1}`, part: o };
          this.gsNames.set(key, entry);
        }
        f.gstates.set(entry.name, entry.part);
        out.ascii(`/${entry.name} gs\n`);
      };
      // A figure starts from full opacity whatever the page's state is.
      gs({ ca: 1, CA: 1 });
      for (const part of f.program.parts) {
        if (part instanceof Uint8Array) out.bytes(part);
        else if ('content' in part) {
          if (part.uses < 2 || part.content.length < FORM_MIN_BYTES) out.bytes(part.content);
          else {
            let entry = this.forms.get(part);
            if (!entry) {
              const form: SharedForm = { path: part };
              entry = { name: `SP${this.forms.size + 1}`, form };
              this.forms.set(part, entry);
              this.pending.push(deflateAsync(part.content, this.level).then((d) => void (form.deflated = d)));
            }
            f.xobjects.set(entry.name, entry.form);
            out.ascii(`/${entry.name} Do\n`);
          }
        } else gs(part);
      }
      const content = out.take();
      this.pending.push(deflateAsync(content, this.level).then((d) => void (f.deflated = d)));
    }
    // Awaited in ready(); until then a failure must not count as unhandled.
    for (const p of this.pending) p.catch(() => {});
  }

  async ready(): Promise<void> {
    this.seal();
    await Promise.all(this.pending);
  }
}

const deflateAsync = (data: Uint8Array, level: number) =>
  new Promise<Uint8Array>((resolve, reject) => deflate(data, { level }, (e, r) => (e ? reject(e) : resolve(r))));

/** Objects already written into a document, per figure set member. */
const written = new WeakMap<object, Map<object, PdfRefLike>>();

function once(doc: PdfKitLike, key: object, make: () => PdfRefLike): PdfRefLike {
  let m = written.get(doc);
  if (!m) {
    m = new Map();
    written.set(doc, m);
  }
  let ref = m.get(key);
  if (!ref) {
    ref = make();
    m.set(key, ref);
  }
  return ref;
}

/** A stream object with data deflated already. */
function deflatedStream(doc: PdfKitLike, dict: Record<string, unknown>, data: Uint8Array): PdfRefLike {
  const ref = doc.ref({ ...dict, Filter: 'FlateDecode' });
  ref.write(data);
  ref.end();
  return ref;
}

const figureNames = new WeakMap<object, Map<SvgFigure, string>>();

/**
 * Draws a figure with its top-left corner at (x, y), scaled to width × height
 * (pdfmake's coordinates: PDFKit has already flipped the y axis). The figure's
 * form is written into the document on first use.
 */
export function drawSvgFigure(doc: PdfKitLike, f: SvgFigure, x: number, y: number, width: number, height: number): void {
  const p = f.program;
  if (p.parts.length === 0) return; // nothing painted
  if (!f.deflated) throw new Error('drawSvgFigure: the figure set is not ready (await FigureSet.ready())');
  const form = once(doc, f, () => {
    const XObject: Record<string, PdfRefLike> = {};
    for (const [name, sf] of f.xobjects) {
      XObject[name] = once(doc, sf, () =>
        deflatedStream(doc, { Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: sf.path.bbox.map((v) => Math.round(v * 100) / 100), Resources: {} }, sf.deflated!),
      );
    }
    const ExtGState: Record<string, PdfRefLike> = {};
    for (const [name, o] of f.gstates) {
      ExtGState[name] = once(doc, o, () => {
        const ref = doc.ref({ Type: 'ExtGState', ...(o.ca !== null ? { ca: o.ca } : {}), ...(o.CA !== null ? { CA: o.CA } : {}) });
        ref.end();
        return ref;
      });
    }
    const vb = p.viewBox;
    // The form clips to the viewBox, as the outer svg does (overflow hidden); otherwise far enough.
    const bbox = p.clip ? [vb[0], vb[1], vb[0] + vb[2], vb[1] + vb[3]] : [-1e5, -1e5, 1e5, 1e5];
    const resources: Record<string, unknown> = {};
    if (Object.keys(XObject).length) resources.XObject = XObject;
    if (Object.keys(ExtGState).length) resources.ExtGState = ExtGState;
    return deflatedStream(doc, { Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: bbox, Resources: resources }, f.deflated!);
  });
  let names = figureNames.get(doc);
  if (!names) {
    names = new Map();
    figureNames.set(doc, names);
  }
  let name = names.get(f);
  if (!name) {
    name = `Fig${names.size + 1}`;
    names.set(f, name);
  }
  doc.page.xobjects[name] = form;
  doc.save();
  doc.transform(1, 0, 0, 1, x, y);
  if (p.clip) doc.addContent(`0 0 ${fm(width)} ${fm(height)} re W n`);
  const m = aspectMatrix(p.preserveAspectRatio, width, height, p.viewBox);
  if (!isIdentity(m)) doc.addContent(`${m.map(fm).join(' ')} cm`);
  doc.addContent(`/${name} Do`);
  doc.restore();
}
