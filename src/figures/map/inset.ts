/**
 * The inset: a window around the small central districts on the main map (marked
 * there with a dashed frame), enlarged into the top-left corner as far as the map
 * leaves room. Every district crossing the window is drawn (clipped), the inset
 * districts named. Independent of the values and of the legend.
 */
import { font, measureCtx } from '../style.js';
import { clipRing, type Position } from './geo.js';
import { bboxOf, boxHits, roundRing, SIMPLIFY_PT, type ProjectedDistricts } from './geometry.js';
import { fitInside, placeDistrictLabels, type Box, type LabelPlacement } from './labels.js';
import type { MapPlan } from './plan.js';

export interface InsetDrawing {
  win: Box;
  box: Box;
  inner: Box;
  titleH: number;
  inPad: number;
  /** Districts crossing the window: outlines in inset coordinates, cut to the window. */
  crossing: { index: number; polygons: Position[][][] }[];
  labels: LabelPlacement[];
}

/** The inset and what it takes from the main map. */
export interface InsetLayout {
  inset: InsetDrawing | null;
  /** Districts whose names do not fit on the main map. */
  tooSmall: Set<string>;
  /** Districts named in the inset. */
  namedInInset: Set<string>;
  /** Boxes the main map's names must avoid (the inset and its window's frame). */
  taken: Box[];
}

interface InsetFit {
  win: Box;
  z: number;
  box: Box;
  titleH: number;
  inPad: number;
}

type District = ProjectedDistricts['districts'][number];

/** Zoom below which the inset drops its largest district (named on the main map instead). */
const MIN_INSET_ZOOM = 3;

/** Window around `small` and the largest zoom at which its box stays clear of the map. */
function fitInset(plan: MapPlan, districts: District[], small: Set<string>, vertices: Position[], frame: Box): InsetFit {
  const m = plan.margin;
  const sb = bboxOf(districts.filter((d) => small.has(d.name)).flatMap((d) => d.polygons));
  const padX = Math.max((sb.x1 - sb.x0) * 0.12, 4);
  const padY = Math.max((sb.y1 - sb.y0) * 0.12, 4);
  let win: Box = { x0: sb.x0 - padX, y0: sb.y0 - padY, x1: sb.x1 + padX, y1: sb.y1 + padY };
  const titleH = plan.size.insetTitle * 1.9;
  const inPad = 4;
  const boxFor = (w: Box, z: number): Box => ({
    x0: m,
    y0: m,
    x1: m + (w.x1 - w.x0) * z + 2 * inPad,
    y1: m + titleH + (w.y1 - w.y0) * z + inPad,
  });
  const fits = (b: Box) => !boxHits(b, vertices, 5) && b.x1 <= plan.width * 0.6 && b.y1 <= frame.y1 - m;
  let lo = 1;
  let hi = 16;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (fits(boxFor(win, mid))) lo = mid;
    else hi = mid;
  }
  const z = lo;
  // use spare width: widen the window on both sides while the box stays clear
  let grow = 0;
  let ghi = (plan.width * 0.6) / z;
  for (let i = 0; i < 30; i++) {
    const mid = (grow + ghi) / 2;
    if (fits(boxFor({ ...win, x0: win.x0 - mid / 2, x1: win.x1 + mid / 2 }, z))) grow = mid;
    else ghi = mid;
  }
  win = { ...win, x0: win.x0 - grow / 2, x1: win.x1 + grow / 2 };
  return { win, z, box: boxFor(win, z), titleH, inPad };
}

const boxArea = ({ x0, y0, x1, y1 }: Box) => (x1 - x0) * (y1 - y0);

/** The inset list's districts whose names do not fit on the main map, as large as the corner allows. */
function chooseInset(plan: MapPlan, geo: ProjectedDistricts, frame: Box): { fit: InsetFit | null; tooSmall: Set<string> } {
  const ctx = measureCtx();
  const insetSet = new Set(plan.inset);
  ctx.save();
  ctx.font = font(plan.labelSize);
  const tooSmall = new Set(geo.districts.filter((d) => insetSet.has(d.name) && !fitInside(ctx, d, plan.labelSize)).map((d) => d.name));
  ctx.restore();
  const small = new Set(tooSmall);
  let fit = small.size ? fitInset(plan, geo.districts, small, geo.vertices, frame) : null;
  while (fit && fit.z < MIN_INSET_ZOOM && small.size > 1) {
    const biggest = geo.districts.filter((d) => small.has(d.name)).reduce((a, b) => (boxArea(bboxOf(b.polygons)) > boxArea(bboxOf(a.polygons)) ? b : a));
    small.delete(biggest.name);
    fit = fitInset(plan, geo.districts, small, geo.vertices, frame);
  }
  return { fit, tooSmall };
}

/** The dashed window frame as four thin boxes: obstacles for the names on the main map. */
function windowEdges(win: Box): Box[] {
  const t = 1.5;
  return [
    { x0: win.x0 - t, y0: win.y0 - t, x1: win.x1 + t, y1: win.y0 + t },
    { x0: win.x0 - t, y0: win.y1 - t, x1: win.x1 + t, y1: win.y1 + t },
    { x0: win.x0 - t, y0: win.y0 - t, x1: win.x0 + t, y1: win.y1 + t },
    { x0: win.x1 - t, y0: win.y0 - t, x1: win.x1 + t, y1: win.y1 + t },
  ];
}

/** The inset's drawing for a chosen window and zoom. */
function drawInsetOf(plan: MapPlan, geo: ProjectedDistricts, fit: InsetFit): InsetDrawing {
  const { win, z, box, titleH, inPad } = fit;
  const inner: Box = { x0: box.x0 + inPad, y0: box.y0 + titleH, x1: box.x1 - inPad, y1: box.y1 - inPad };
  const insetSet = new Set(plan.inset);
  const tx = ([x, y]: Position): Position => [inner.x0 + (x - win.x0) * z, inner.y0 + (y - win.y0) * z];
  const crossingIdx = geo.districts
    .map((d, index) => ({ d, index }))
    .filter(({ d }) => {
      const b = bboxOf(d.polygons);
      return b.x0 < win.x1 && win.x0 < b.x1 && b.y0 < win.y1 && win.y0 < b.y1;
    });
  // outlines simplified at the inset's scale, cut a little outside the window (the
  // cut edges fall outside the clip, so neither they nor their strokes show)
  const simple = geo.simplified(SIMPLIFY_PT / z);
  const cut: Box = { x0: inner.x0 - 1.5, y0: inner.y0 - 1.5, x1: inner.x1 + 1.5, y1: inner.y1 + 1.5 };
  const crossing = crossingIdx
    .map(({ index }) => ({
      index,
      polygons: simple[index].map((p) => p.map((r) => roundRing(clipRing(r.map(tx), cut))).filter((r) => r.length >= 3)).filter((p) => p.length > 0),
    }))
    .filter((c) => c.polygons.length > 0);
  // names of the inset districts, on their visible parts (full resolution)
  const visible = crossingIdx
    .filter(({ d }) => insetSet.has(d.name))
    .map(({ d }) => ({
      name: d.name,
      polygons: d.polygons.map((p) => p.map((r) => clipRing(r.map(tx), inner)).filter((r) => r.length >= 3)).filter((p) => p.length > 0),
    }))
    .filter((d) => d.polygons.length > 0);
  const labels = placeDistrictLabels(measureCtx(), visible, inner, plan.labelSize);
  return { win, box, inner, titleH, inPad, crossing, labels };
}

export function insetLayout(plan: MapPlan, geo: ProjectedDistricts, frame: Box, key: string): InsetLayout {
  return plan.memo.once('map-inset', key, () => {
    const { fit, tooSmall } = chooseInset(plan, geo, frame);
    if (!fit) return { inset: null, tooSmall, namedInInset: new Set<string>(), taken: [] };
    const inset = drawInsetOf(plan, geo, fit);
    // every district visible in the inset gets its name there (placeDistrictLabels places all or throws)
    const namedInInset = new Set(inset.labels.map((l) => l.name));
    return { inset, tooSmall, namedInInset, taken: [fit.box, ...windowEdges(fit.win)] };
  });
}
