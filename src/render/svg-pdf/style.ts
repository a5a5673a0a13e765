/**
 * The style cascade: which attributes and `style="…"` declarations an element
 * may carry (anything else makes the figure fall back), and the inherited
 * painting state (fill, stroke, line geometry, visibility) they produce.
 */
import { fail } from './unsupported.js';
import type { El } from './xml.js';
import { numberList, opacityValue, parseColor, parseLength, parseNumber, type Rgb } from './values.js';

export interface Style {
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

export const ROOT_STYLE: Style = {
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
  'id',
  'class',
  'version',
  'baseProfile',
  'xmlns',
  'xml:space',
  'xml:lang',
  'lang',
  'role',
  'focusable',
  'tabindex',
  'shape-rendering',
  'color-rendering',
  'image-rendering',
  'text-rendering',
  'color-interpolation',
  'enable-background',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant',
  'font-stretch',
  'letter-spacing',
  'word-spacing',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'writing-mode',
  'direction',
  'unicode-bidi',
  'pointer-events',
  'cursor',
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
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-dasharray',
  'stroke-dashoffset',
  'clip-rule',
  'visibility',
  'display',
  'opacity',
  'color',
  'transform',
  'clip-path',
  'mask',
  'filter',
  'marker-start',
  'marker-mid',
  'marker-end',
  'marker',
  'vector-effect',
  'overflow',
]);

/** Attributes plus `style` declarations (which win, as in CSS). */
export function properties(el: El): Record<string, string> {
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

function paint(v: string, s: Style): Rgb | null {
  if (v === 'none' || v === 'transparent') return null;
  if (v === 'currentColor') return s.color;
  if (v.startsWith('url(')) fail('paint server');
  return parseColor(v);
}

const CAPS: Record<string, number> = { butt: 0, round: 1, square: 2 };
const JOINS: Record<string, number> = { miter: 0, round: 1, bevel: 2 };

export function inherit(parent: Style, p: Record<string, string>): Style {
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
