/**
 * District name labels on a projected map: inside the district when the name fits
 * (horizontally, else stacked vertically as Chinese maps do), otherwise beside it on
 * a white plate with a leader line. Greedy and deterministic (input order).
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { labelAnchor, pointInRings, signedDistance, type Position } from './geo.js';
import { font, inkOn, palette } from './style.js';

export interface ProjectedDistrict {
  name: string;
  fill: string;
  /** Projected polygons (each: outer ring then holes). */
  polygons: Position[][][];
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PlacedLabel {
  name: string;
  mode: 'horizontal' | 'vertical' | 'leader';
  box: Box;
}

const overlaps = (a: Box, b: Box, pad = 0) =>
  a.x0 < b.x1 + pad && b.x0 < a.x1 + pad && a.y0 < b.y1 + pad && b.y0 < a.y1 + pad;

const inside = (a: Box, frame: Box) => a.x0 >= frame.x0 && a.y0 >= frame.y0 && a.x1 <= frame.x1 && a.y1 <= frame.y1;

function samplePoints(b: Box, n = 4): Position[] {
  const pts: Position[] = [];
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= n; j++) pts.push([b.x0 + ((b.x1 - b.x0) * i) / n, b.y0 + ((b.y1 - b.y0) * j) / n]);
  }
  return pts;
}

function ringArea(r: Position[]): number {
  let a = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += (r[j][0] - r[i][0]) * (r[j][1] + r[i][1]);
  return Math.abs(a / 2);
}

/** The largest polygon of a district (its label goes there). */
function mainPolygon(d: ProjectedDistrict): Position[][] {
  return d.polygons.reduce((a, b) => (ringArea(b[0]) > ringArea(a[0]) ? b : a));
}

function boxInPolygon(b: Box, rings: Position[][], margin: number): boolean {
  const g: Box = { x0: b.x0 - margin, y0: b.y0 - margin, x1: b.x1 + margin, y1: b.y1 + margin };
  return samplePoints(g).every(([x, y]) => pointInRings(x, y, rings));
}

const VERTICAL_LINE = 1.1;

/**
 * Where a district's name fits inside it (ctx.font must be set): horizontally at the
 * pole of inaccessibility, else stacked vertically; null if neither fits.
 */
export function fitInside(
  ctx: SKRSContext2D,
  d: ProjectedDistrict,
  sizePt: number,
  free: (b: Box) => boolean = () => true,
): { mode: 'horizontal' | 'vertical'; box: Box; x: number; y: number } | null {
  const rings = mainPolygon(d);
  const w = ctx.measureText(d.name).width;
  const n = [...d.name].length;
  const vh = sizePt * VERTICAL_LINE * (n - 1) + sizePt;
  for (const [x, y] of anchorCandidates(rings)) {
    const hBox: Box = { x0: x - w / 2, y0: y - sizePt / 2, x1: x + w / 2, y1: y + sizePt / 2 };
    if (boxInPolygon(hBox, rings, 0.6) && free(hBox)) return { mode: 'horizontal', box: hBox, x, y };
  }
  for (const [x, y] of anchorCandidates(rings)) {
    const vBox: Box = { x0: x - sizePt / 2, y0: y - vh / 2, x1: x + sizePt / 2, y1: y + vh / 2 };
    if (boxInPolygon(vBox, rings, 0.6) && free(vBox)) return { mode: 'vertical', box: vBox, x, y };
  }
  return null;
}

/**
 * Label positions to try, best first: the pole of inaccessibility, then interior grid
 * points farthest from the outline (for when the pole is taken or too tight).
 */
function anchorCandidates(rings: Position[][]): Position[] {
  const pole = labelAnchor(rings, 0.25);
  const b = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const [x, y] of rings[0]) {
    b.x0 = Math.min(b.x0, x);
    b.y0 = Math.min(b.y0, y);
    b.x1 = Math.max(b.x1, x);
    b.y1 = Math.max(b.y1, y);
  }
  const n = 14;
  const pts: { p: Position; d: number }[] = [];
  for (let i = 1; i < n; i++) {
    for (let j = 1; j < n; j++) {
      const x = b.x0 + ((b.x1 - b.x0) * i) / n;
      const y = b.y0 + ((b.y1 - b.y0) * j) / n;
      const d = signedDistance(x, y, rings);
      if (d > 1) pts.push({ p: [x, y], d });
    }
  }
  pts.sort((u, v) => v.d - u.d || u.p[1] - v.p[1] || u.p[0] - v.p[0]);
  return [[pole.x, pole.y], ...pts.slice(0, 40).map((q) => q.p)];
}

/**
 * Places and draws the labels of `districts` within `frame`. `avoid` holds boxes
 * already taken (inset, legend). Returns what was placed (for tests and debugging).
 */
export function drawDistrictLabels(
  ctx: SKRSContext2D,
  districts: ProjectedDistrict[],
  frame: Box,
  sizePt: number,
  avoid: Box[] = [],
): PlacedLabel[] {
  ctx.save();
  ctx.font = font(sizePt);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const taken: Box[] = [...avoid];
  const placed: PlacedLabel[] = [];
  const pending: { d: ProjectedDistrict; ax: number; ay: number; w: number; h: number }[] = [];
  const glyph = sizePt; // CJK glyphs are square
  const lineH = sizePt * VERTICAL_LINE;

  // Pass 1: labels that fit inside their district.
  const free = (b: Box) => !taken.some((t) => overlaps(b, t, 0.5)) && inside(b, frame);
  for (const d of districts) {
    const fit = fitInside(ctx, d, sizePt, free);
    if (fit) {
      ctx.fillStyle = inkOn(d.fill);
      if (fit.mode === 'horizontal') ctx.fillText(d.name, fit.x, fit.y);
      else [...d.name].forEach((ch, i) => ctx.fillText(ch, fit.x, fit.box.y0 + glyph / 2 + i * lineH));
      taken.push(fit.box);
      placed.push({ name: d.name, mode: fit.mode, box: fit.box });
    } else {
      const a = labelAnchor(mainPolygon(d), 0.25);
      pending.push({ d, ax: a.x, ay: a.y, w: ctx.measureText(d.name).width, h: glyph });
    }
  }

  // Pass 2: leader labels, nearest free spot that covers the fewest distinct areas.
  const regionAt = ([x, y]: Position) => {
    for (const o of districts) for (const p of o.polygons) if (pointInRings(x, y, p)) return o.name;
    return '';
  };
  const pad = 1.2;
  for (const p of pending) {
    let best: { box: Box; cost: number } | null = null;
    const bw = p.w + 2 * pad;
    const bh = p.h + 2 * pad;
    for (const dist of [10, 14, 18, 24, 30, 38, 48]) {
      for (let k = 0; k < 16; k++) {
        const ang = (k / 16) * 2 * Math.PI;
        const cx = p.ax + Math.cos(ang) * (dist + bw / 2 - 4);
        const cy = p.ay + Math.sin(ang) * (dist * 0.6 + bh / 2);
        const box: Box = { x0: cx - bw / 2, y0: cy - bh / 2, x1: cx + bw / 2, y1: cy + bh / 2 };
        if (!inside(box, frame) || taken.some((t) => overlaps(box, t, 0.8))) continue;
        const regions = new Set(samplePoints(box, 3).map(regionAt));
        const cost = dist + 12 * (regions.size - 1) + (regions.has(p.d.name) ? 20 : 0);
        if (!best || cost < best.cost) best = { box, cost };
      }
    }
    if (!best) throw new Error(`figures: no room for the label of ${p.d.name}`);
    const b = best.box;
    // leader from the anchor to the nearest point of the plate
    const tx = Math.min(Math.max(p.ax, b.x0), b.x1);
    const ty = Math.min(Math.max(p.ay, b.y0), b.y1);
    ctx.strokeStyle = palette.ink;
    ctx.lineWidth = 0.5;
    ctx.beginPath();
    ctx.moveTo(p.ax, p.ay);
    ctx.lineTo(tx, ty);
    ctx.stroke();
    ctx.fillStyle = palette.ink;
    ctx.beginPath();
    ctx.arc(p.ax, p.ay, 0.9, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = 'rgba(255,255,255,0.9)';
    ctx.strokeStyle = palette.axis;
    ctx.lineWidth = 0.3;
    ctx.fillRect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
    ctx.strokeRect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
    ctx.fillStyle = palette.ink;
    ctx.fillText(p.d.name, (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2);
    taken.push(b);
    placed.push({ name: p.d.name, mode: 'leader', box: b });
  }
  ctx.restore();
  return placed;
}
