/**
 * Where everything over the choropleth goes: the outlines as drawn, the inset, the
 * legend's corner, the north arrow and the 38 names. A function of the boundaries,
 * the map's size, the fonts and this code alone, so it is independent of the values
 * and colours, and kept in the memo's store across processes.
 */
import { measureLegend } from '../legend.js';
import type { Position } from './geo.js';
import { boxesMeet, boxHits, mapGeometry } from './geometry.js';
import { insetLayout, type InsetDrawing } from './inset.js';
import { placeDistrictLabels, type Box, type LabelPlacement } from './labels.js';
import { measureCtx } from '../style.js';
import { legendItems, type MapPlan } from './plan.js';
import type { D3Projection } from './projection.js';

export interface MapLayout {
  /** Main-map outlines for drawing (simplified, rounded), in district order. */
  outlines: Position[][][][];
  inset: InsetDrawing | null;
  /** Corner legend position (null: strip legend under the map). */
  legend: { x: number; y: number; plate: boolean } | null;
  northArrow: Box | null;
  labels: LabelPlacement[];
}

/** Whether a value read back from the store is a layout (a damaged or hand-edited file is not). */
function isLayout(v: unknown): boolean {
  const l = v as Partial<MapLayout> | null;
  return !!l && typeof l === 'object' && Array.isArray(l.outlines) && Array.isArray(l.labels) && l.inset !== undefined && l.legend !== undefined && l.northArrow !== undefined;
}

/** The legend in the first free corner (bottom-right, bottom-left, top-right), else on a plate bottom-right. */
function placeLegend(lg: { w: number; h: number }, frame: Box, m: number, vertices: Position[], taken: Box[]): { at: MapLayout['legend']; box: Box } {
  const pad = 3;
  const cands: Box[] = [
    { x0: frame.x1 - m - lg.w - pad, y0: frame.y1 - m - lg.h - pad, x1: frame.x1 - m, y1: frame.y1 - m },
    { x0: m, y0: frame.y1 - m - lg.h - pad, x1: m + lg.w + pad, y1: frame.y1 - m },
    { x0: frame.x1 - m - lg.w - pad, y0: m, x1: frame.x1 - m, y1: m + lg.h + pad },
  ];
  const clear = (b: Box) => !boxHits(b, vertices, 2) && !taken.some((t) => boxesMeet(t, b));
  const free = cands.find(clear);
  const lb = free ?? cands[0];
  return { at: { x: lb.x0 + pad / 2, y: lb.y0 + pad / 2, plate: !free }, box: lb };
}

export function mapLayout(plan: MapPlan, proj: D3Projection, area: { left: number; right: number; top: number; bottom: number }): MapLayout {
  const m = plan.margin;
  const frame: Box = { x0: 0, y0: 0, x1: plan.width, y1: plan.height - plan.noteH - plan.stripH };
  // the legend enters the layout by its size only (so maps whose legends differ in
  // wording but not in size share one layout)
  const lg = plan.stripH ? null : measureLegend(measureCtx(), legendItems(plan.legend), plan.legendTitle, plan.size);
  const insetKey = JSON.stringify([plan.geojsonKey, proj.scale(), proj.translate(), plan.width, frame.y1, m, plan.labelSize, plan.inset]);
  const key = JSON.stringify([insetKey, plan.height, plan.noteH, plan.stripH, lg]);
  const compute = (): MapLayout => {
    const geo = mapGeometry(plan.memo, plan.geojsonKey, plan.features, proj, (area.right - area.left) * (area.bottom - area.top));
    const { inset, tooSmall, namedInInset, taken: insetTaken } = insetLayout(plan, geo, frame, insetKey);
    const taken = [...insetTaken];
    let legend: MapLayout['legend'] = null;
    if (lg) {
      const placed = placeLegend(lg, frame, m, geo.vertices, taken);
      legend = placed.at;
      taken.push(placed.box);
    }
    // the north arrow in the top-right corner if free
    const na: Box = { x0: frame.x1 - m - 12, y0: m, x1: frame.x1 - m, y1: m + 26 };
    let northArrow: Box | null = null;
    if (!boxHits(na, geo.vertices, 2) && !taken.some((t) => boxesMeet(t, na))) {
      northArrow = na;
      taken.push(na);
    }
    // names on the main map: all but those too small there and named in the inset
    const named = geo.districts.filter((d) => !(tooSmall.has(d.name) && namedInInset.has(d.name)));
    const labels = placeDistrictLabels(measureCtx(), named, frame, plan.labelSize, taken);
    return { outlines: geo.outlines(), inset, legend, northArrow, labels };
  };
  return plan.memo.kept('map-layout', key, compute, { isValue: isLayout, files: [plan.geojsonKey] });
}
