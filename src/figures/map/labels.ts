/**
 * District name labels on a projected map: inside the district when the name fits
 * (horizontally, else stacked vertically as Chinese maps do), otherwise beside it on
 * a white plate with a leader line. Greedy and deterministic (input order).
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { labelAnchor, pointInRings, signedDistance, type Position } from './geo.js';
import { font, inkOn, palette } from '../style.js';

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

const overlaps = (a: Box, b: Box, pad = 0) => a.x0 < b.x1 + pad && b.x0 < a.x1 + pad && a.y0 < b.y1 + pad && b.y0 < a.y1 + pad;

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
function mainPolygon(d: Pick<ProjectedDistrict, 'polygons'>): Position[][] {
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
export function fitInside(ctx: SKRSContext2D, d: Pick<ProjectedDistrict, 'name' | 'polygons'>, sizePt: number, free: (b: Box) => boolean = () => true): { mode: 'horizontal' | 'vertical'; box: Box; x: number; y: number } | null {
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

/** Poles of inaccessibility at 0.25 pt, by polygon (projected polygons are cached and never mutated). */
const poles = new WeakMap<Position[][], { x: number; y: number; r: number }>();
function poleOf(rings: Position[][]): { x: number; y: number; r: number } {
  let p = poles.get(rings);
  if (!p) poles.set(rings, (p = labelAnchor(rings, 0.25)));
  return p;
}

const gridCandidates = new WeakMap<Position[][], Position[]>();

/**
 * Label positions to try, best first: the pole of inaccessibility, then interior grid
 * points farthest from the outline (for when the pole is taken or too tight). The grid
 * is worked out only when the pole does not do, once per polygon (projected polygons
 * are cached and never mutated).
 */
function* anchorCandidates(rings: Position[][]): Generator<Position> {
  const pole = poleOf(rings);
  yield [pole.x, pole.y];
  let grid = gridCandidates.get(rings);
  if (!grid) {
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
    grid = pts.slice(0, 40).map((q) => q.p);
    gridCandidates.set(rings, grid);
  }
  yield* grid;
}

/** A placed label with what is needed to draw it. */
export interface LabelPlacement extends PlacedLabel {
  /** Text position: the centre (horizontal, leader) or the centre of the column (vertical). */
  x: number;
  y: number;
  /** Leader labels: the point on the district the leader starts from. */
  anchor?: Position;
}

/**
 * Places the labels of `districts` within `frame` without drawing them. `avoid` holds
 * boxes already taken (inset, legend). Greedy and deterministic (input order); the
 * result depends on the geometry and the text only, so it can be reused for any colours.
 */
export function placeDistrictLabels(ctx: SKRSContext2D, districts: Pick<ProjectedDistrict, 'name' | 'polygons'>[], frame: Box, sizePt: number, avoid: Box[] = []): LabelPlacement[] {
  ctx.save();
  ctx.font = font(sizePt);
  const taken: Box[] = [...avoid];
  const placed: LabelPlacement[] = [];
  const pending: { d: Pick<ProjectedDistrict, 'name' | 'polygons'>; ax: number; ay: number; w: number; h: number }[] = [];
  const glyph = sizePt; // CJK glyphs are square

  // Pass 1: labels that fit inside their district.
  const free = (b: Box) => !taken.some((t) => overlaps(b, t, 0.5)) && inside(b, frame);
  for (const d of districts) {
    const fit = fitInside(ctx, d, sizePt, free);
    if (fit) {
      taken.push(fit.box);
      placed.push({ name: d.name, mode: fit.mode, box: fit.box, x: fit.x, y: fit.y });
    } else {
      const a = poleOf(mainPolygon(d));
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
    taken.push(b);
    placed.push({ name: p.d.name, mode: 'leader', box: b, x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2, anchor: [p.ax, p.ay] });
  }
  ctx.restore();
  return placed;
}

/** Draws placed labels; `fillOf` gives the fill under a label inside its district (for the ink). */
export function drawPlacedLabels(ctx: SKRSContext2D, placed: LabelPlacement[], sizePt: number, fillOf: (name: string) => string): void {
  ctx.save();
  ctx.font = font(sizePt);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const glyph = sizePt;
  const lineH = sizePt * VERTICAL_LINE;
  for (const l of placed) {
    if (l.mode === 'horizontal') {
      ctx.fillStyle = inkOn(fillOf(l.name));
      ctx.fillText(l.name, l.x, l.y);
    } else if (l.mode === 'vertical') {
      ctx.fillStyle = inkOn(fillOf(l.name));
      [...l.name].forEach((ch, i) => ctx.fillText(ch, l.x, l.box.y0 + glyph / 2 + i * lineH));
    } else {
      const b = l.box;
      const [ax, ay] = l.anchor!;
      // leader from the anchor to the nearest point of the plate
      const tx = Math.min(Math.max(ax, b.x0), b.x1);
      const ty = Math.min(Math.max(ay, b.y0), b.y1);
      ctx.strokeStyle = palette.ink;
      ctx.lineWidth = 0.5;
      ctx.beginPath();
      ctx.moveTo(ax, ay);
      ctx.lineTo(tx, ty);
      ctx.stroke();
      ctx.fillStyle = palette.ink;
      ctx.beginPath();
      ctx.arc(ax, ay, 0.9, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = 'rgba(255,255,255,0.9)';
      ctx.strokeStyle = palette.axis;
      ctx.lineWidth = 0.3;
      ctx.fillRect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
      ctx.strokeRect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
      ctx.fillStyle = palette.ink;
      ctx.fillText(l.name, l.x, l.y);
    }
  }
  ctx.restore();
}

/**
 * Places and draws the labels of `districts` within `frame`. `avoid` holds boxes
 * already taken (inset, legend). Returns what was placed (for tests and debugging).
 */
export function drawDistrictLabels(ctx: SKRSContext2D, districts: ProjectedDistrict[], frame: Box, sizePt: number, avoid: Box[] = []): PlacedLabel[] {
  const placed = placeDistrictLabels(ctx, districts, frame, sizePt, avoid);
  const fills = new Map(districts.map((d) => [d.name, d.fill]));
  drawPlacedLabels(ctx, placed, sizePt, (n) => fills.get(n)!);
  return placed.map(({ name, mode, box }) => ({ name, mode, box }));
}
