/**
 * Distribution map (分布图): a choropleth of the 38 districts drawn by
 * chartjs-chart-geo, with district names, an enlarged inset of the central urban
 * districts, a legend of the classes and a note line (示意图…) at the bottom.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { dataCache, sourcesDigest } from '../bundle.mjs';
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import { geoConicEqualArea } from 'chartjs-chart-geo';
import { clipRing, DEFAULT_GEOJSON, loadDistrictGeo, polygonsOf, simplifyRingsShared, urbanCoreDistricts, type DistrictFeature, type Position } from './geo.js';
import { drawPlacedLabels, fitInside, placeDistrictLabels, type Box, type LabelPlacement, type PlacedLabel } from './map-labels.js';
import { drawLegend, flowLegend, measureLegend, type LegendItem } from './legend.js';
import { renderChart } from './render.js';
import { ensureFonts, font, palette, size, textWidthPt } from './style.js';
import type { ClassedDatum, FigureClass, RenderedFigure } from './types.js';

export interface DistributionMapOptions {
  /** One entry per district (short names); districts without an entry are drawn as 无数据. */
  values: ClassedDatum[];
  /** Classes in legend order (usually highest first). */
  classes: FigureClass[];
  /** Legend heading, e.g. 双创指数. */
  legendTitle: string;
  /** Printed at the bottom, e.g. 示意图，不作为区县界线依据. Empty: no note line. */
  note?: string;
  widthPt: number;
  /** Districts shown enlarged in the inset (default: urbanCore of config/districts.yaml); [] for none. */
  inset?: string[];
  /** Inset heading. */
  insetTitle?: string;
  /** GeoJSON path (default data/geo/chongqing-districts.geojson). */
  geojsonPath?: string;
}

interface MapPlan {
  /** The GeoJSON file the geometry comes from (cache key). */
  geojsonKey: string;
  /** The districts' extreme points: what the projection is fitted to. */
  outline: Outline;
  width: number;
  height: number;
  margin: number;
  noteH: number;
  features: DistrictFeature[];
  fillOf: Map<string, string>;
  legend: FigureClass[];
  legendTitle: string;
  note: string;
  inset: string[];
  insetTitle: string;
  /** District name size: the house size at text width, smaller (not below 5.5 pt) on narrower maps. */
  labelSize: number;
  /** Height of a legend strip under the map (0: the legend sits in a free corner of the map). */
  stripH: number;
}

/** Conic equal-area projection centred on Chongqing (areas are true, shapes look familiar). */
const makeProjection = () => geoConicEqualArea().parallels([28.8, 31.6]).rotate([-107.7, 0]);

type Outline = { type: 'Feature'; properties: Record<string, never>; geometry: { type: 'MultiPoint'; coordinates: [number, number][] } };
const outlineCache = new Map<string, Outline>();

/**
 * The vertices where the districts reach farthest left, right, up and down in the
 * projection. Fitting the projection to these four points gives the same fit as fitting
 * it to all the districts (scale and translation do not change which points are
 * extreme), without d3-geo walking every vertex at every draw.
 */
function outlineOf(key: string, features: DistrictFeature[]): Outline {
  const hit = outlineCache.get(key);
  if (hit) return hit;
  const p = makeProjection();
  const ext: { v: number; pt: [number, number] }[] = [
    { v: Infinity, pt: [0, 0] },
    { v: -Infinity, pt: [0, 0] },
    { v: Infinity, pt: [0, 0] },
    { v: -Infinity, pt: [0, 0] },
  ];
  for (const f of features)
    for (const poly of polygonsOf(f))
      for (const [lon, lat] of poly[0]) {
        const [x, y] = p([lon, lat])!;
        if (x < ext[0].v) ext[0] = { v: x, pt: [lon, lat] };
        if (x > ext[1].v) ext[1] = { v: x, pt: [lon, lat] };
        if (y < ext[2].v) ext[2] = { v: y, pt: [lon, lat] };
        if (y > ext[3].v) ext[3] = { v: y, pt: [lon, lat] };
      }
  const outline: Outline = { type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: ext.map((e) => e.pt) } };
  outlineCache.set(key, outline);
  return outline;
}

const MISSING_LABEL = '无数据';
/** Legends longer than this go under the map instead of in a corner. */
const CORNER_ROWS = 8;

const legendItems = (classes: FigureClass[]): LegendItem[] =>
  classes.map((c) => ({ label: c.label, key: { kind: 'swatch', color: c.color } }));

let scratch: SKRSContext2D | undefined;
/** A context for measuring text before the chart exists. */
function measureCtx(): SKRSContext2D {
  ensureFonts();
  scratch ??= createCanvas(1, 1).getContext('2d');
  return scratch;
}

function normalise(o: DistributionMapOptions): MapPlan {
  const fc = loadDistrictGeo(o.geojsonPath);
  const names = new Set(fc.features.map((f) => f.properties.name));
  const classColor = new Map(o.classes.map((c) => [c.label, c.color] as const));
  if (classColor.size !== o.classes.length) throw new Error('figures: map classes have duplicate labels');
  const fillOf = new Map<string, string>();
  const problems: string[] = [];
  for (const v of o.values) {
    if (!names.has(v.district)) problems.push(`unknown district "${v.district}"`);
    else if (fillOf.has(v.district)) problems.push(`district "${v.district}" given twice`);
    const c = classColor.get(v.classLabel);
    if (c === undefined) problems.push(`${v.district}: class "${v.classLabel}" is not among the classes`);
    else fillOf.set(v.district, c);
  }
  if (problems.length) throw new Error(`figures: distribution map: ${problems.join('; ')}`);
  const legend = [...o.classes];
  if (fc.features.some((f) => !fillOf.has(f.properties.name))) legend.push({ label: MISSING_LABEL, color: palette.missing });
  const inset = o.inset ?? urbanCoreDistricts();
  for (const n of inset) if (!names.has(n)) throw new Error(`figures: inset district "${n}" is not on the map`);

  const width = Math.round(o.widthPt);
  const margin = 4;
  const note = o.note ?? '';
  const noteH = note ? size.note * 2 : 0;
  // A long legend (more than CORNER_ROWS entries) would cover the map: it goes in a strip below.
  const items = legendItems(legend);
  const stripH =
    items.length > CORNER_ROWS ? Math.ceil(flowLegend(measureCtx(), items, 0, 0, width - 2 * margin, { title: o.legendTitle, draw: false }).h + 6) : 0;
  // Height from the map's aspect ratio at this width.
  const geojsonKey = o.geojsonPath ?? DEFAULT_GEOJSON;
  const outline = outlineOf(geojsonKey, fc.features);
  const p = makeProjection().fitWidth(width - 2 * margin, outline as never);
  let minY = Infinity;
  let maxY = -Infinity;
  for (const pt of outline.geometry.coordinates) {
    const y = p(pt)![1];
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const height = Math.ceil(maxY - minY + 2 * margin + stripH + noteH);
  return {
    geojsonKey,
    outline,
    width,
    height,
    margin,
    noteH,
    features: fc.features,
    fillOf,
    legend,
    legendTitle: o.legendTitle,
    note,
    inset,
    insetTitle: o.insetTitle ?? '中心城区',
    stripH,
    labelSize: Math.min(size.mapLabel, Math.max(5.5, Math.round(((size.mapLabel * width) / textWidthPt) * 2) / 2)),
  };
}

type Projection = (p: [number, number]) => [number, number] | null;

function project(f: DistrictFeature, proj: Projection): Position[][][] {
  return polygonsOf(f).map((poly) => poly.map((ring) => ring.map((pt) => proj(pt as [number, number]) as Position)));
}

function bboxOf(polys: Position[][][]): Box {
  const b: Box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const poly of polys)
    for (const [x, y] of poly[0]) {
      b.x0 = Math.min(b.x0, x);
      b.y0 = Math.min(b.y0, y);
      b.x1 = Math.max(b.x1, x);
      b.y1 = Math.max(b.y1, y);
    }
  return b;
}

const boxHits = (b: Box, pts: Position[], gap: number) =>
  pts.some(([x, y]) => x > b.x0 - gap && x < b.x1 + gap && y > b.y0 - gap && y < b.y1 + gap);

function drawNorthArrow(ctx: SKRSContext2D, cx: number, top: number): void {
  const h = 14;
  ctx.save();
  ctx.fillStyle = palette.ink;
  ctx.strokeStyle = palette.ink;
  ctx.lineWidth = 0.5;
  ctx.beginPath();
  ctx.moveTo(cx, top + 9);
  ctx.lineTo(cx - 4, top + 9 + h);
  ctx.lineTo(cx, top + 9 + h - 4);
  ctx.closePath();
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(cx, top + 9);
  ctx.lineTo(cx + 4, top + 9 + h);
  ctx.lineTo(cx, top + 9 + h - 4);
  ctx.closePath();
  ctx.stroke();
  ctx.font = font(size.legend, 'bold');
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('N', cx, top + 4);
  ctx.restore();
}

/**
 * The inset: a window around the `small` districts on the main map (marked there with a
 * dashed frame), enlarged into the top-left corner as far as the map leaves room.
 * Every district crossing the window is drawn (clipped), the inset districts named.
 */
interface InsetPlan {
  win: Box;
  z: number;
  box: Box;
  titleH: number;
  inPad: number;
}

/** Window around `small` and the largest zoom at which its box stays clear of the map. */
function planInset(plan: MapPlan, districts: { name: string; polygons: Position[][][] }[], small: Set<string>, vertices: Position[], frame: Box): InsetPlan {
  const m = plan.margin;
  const sb = bboxOf(districts.filter((d) => small.has(d.name)).flatMap((d) => d.polygons));
  const padX = Math.max((sb.x1 - sb.x0) * 0.12, 4);
  const padY = Math.max((sb.y1 - sb.y0) * 0.12, 4);
  let win: Box = { x0: sb.x0 - padX, y0: sb.y0 - padY, x1: sb.x1 + padX, y1: sb.y1 + padY };
  const titleH = size.insetTitle * 1.9;
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

/** Zoom below which the inset drops its largest district (named on the main map instead). */
const MIN_INSET_ZOOM = 3;

/** Simplification tolerance for drawing the district outlines, in points on the page. */
const SIMPLIFY_PT = 0.25;
/** Outline coordinates are drawn rounded to 1/ROUND_STEPS pt (0.1 pt: far below what shows). */
const ROUND_STEPS = 10;

const roundTo = (v: number) => Math.round(v * ROUND_STEPS) / ROUND_STEPS;

/** Rounds a ring for drawing and drops the points that rounding made repeat. */
function roundRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const [x, y] of ring) {
    const p: Position = [roundTo(x), roundTo(y)];
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  const f = out[0];
  const l = out[out.length - 1];
  if (out.length > 1 && f[0] === l[0] && f[1] === l[1]) out.pop();
  return out;
}

/**
 * The map's geometry at one projection: the districts projected at full resolution
 * (for label placement and the sanity checks) and, by tolerance, outlines simplified
 * for drawing. Depends on the boundaries and the figure size only, never on values.
 */
interface MapGeometry {
  districts: { name: string; polygons: Position[][][] }[];
  /** Outer-ring vertices of every district (obstacles for the inset, legend, north arrow). */
  vertices: Position[];
  /** Outlines simplified at a tolerance (projected units), same nesting as `districts`. */
  simplified: (tolerance: number) => Position[][][][];
  /** The main map's outlines as drawn: simplified at SIMPLIFY_PT and rounded. */
  outlines: () => Position[][][][];
}

const geometryCache = new Map<string, MapGeometry>();
const layoutCache = new Map<string, MapLayout>();
/** Bounds the caches if a process renders maps at many sizes. */
const CACHE_LIMIT = 32;
function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

type D3Projection = Projection & { scale(): number; translate(): [number, number] };

function mapGeometry(plan: MapPlan, proj: D3Projection, frameArea: number): MapGeometry {
  const key = JSON.stringify([plan.geojsonKey, proj.scale(), proj.translate()]);
  const hit = geometryCache.get(key);
  if (hit) return hit;
  const districts = plan.features.map((f) => ({ name: f.properties.name, polygons: project(f, proj) }));
  // No district may fill the frame (the symptom of a wrong winding).
  for (const d of districts) {
    const b = bboxOf(d.polygons);
    if (!Number.isFinite(b.x0) || (b.x1 - b.x0) * (b.y1 - b.y0) > 0.3 * frameArea) {
      throw new Error(`figures: ${d.name} fills the map frame; is the GeoJSON winding right?`);
    }
  }
  const byTolerance = new Map<number, Position[][][][]>();
  let outlines: Position[][][][] | undefined;
  const geometry: MapGeometry = {
    districts,
    vertices: districts.flatMap((d) => d.polygons.flatMap((p) => p[0])),
    simplified(tolerance) {
      let s = byTolerance.get(tolerance);
      if (!s) {
        const flat = simplifyRingsShared(districts.flatMap((d) => d.polygons.flat()), tolerance);
        let i = 0;
        s = districts.map((d) => d.polygons.map((p) => p.map(() => flat[i++])));
        byTolerance.set(tolerance, s);
      }
      return s;
    },
    outlines() {
      outlines ??= geometry.simplified(SIMPLIFY_PT).map((polys) => polys.map((p) => p.map(roundRing).filter((r) => r.length >= 3)));
      return outlines;
    },
  };
  return remember(geometryCache, key, geometry);
}

/** Where everything over the choropleth goes; independent of the values and colours. */
interface MapLayout {
  /** Main-map outlines for drawing (simplified, rounded), in district order. */
  outlines: Position[][][][];
  inset: {
    win: Box;
    box: Box;
    inner: Box;
    titleH: number;
    inPad: number;
    /** Districts crossing the window: outlines in inset coordinates, cut to the window. */
    crossing: { index: number; polygons: Position[][][] }[];
    labels: LabelPlacement[];
  } | null;
  /** Corner legend position (null: strip legend under the map). */
  legend: { x: number; y: number; plate: boolean } | null;
  northArrow: Box | null;
  labels: LabelPlacement[];
}

/** The inset and what it takes from the main map; independent of the legend. */
interface InsetLayout {
  inset: MapLayout['inset'];
  /** Districts whose names do not fit on the main map. */
  tooSmall: Set<string>;
  /** Districts named in the inset. */
  namedInInset: Set<string>;
  /** Boxes the main map's names must avoid (the inset and its window's frame). */
  taken: Box[];
}
const insetCache = new Map<string, InsetLayout>();

function insetLayout(plan: MapPlan, geo: MapGeometry, frame: Box, key: string): InsetLayout {
  const hit = insetCache.get(key);
  if (hit) return hit;
  const ctx = measureCtx();
  const vertices = geo.vertices;
  const districts = geo.districts;
  const taken: Box[] = [];
  const insetSet = new Set(plan.inset);

  // the districts of the inset list whose names do not fit on the main map, enlarged
  // in the largest box of the top-left corner that stays clear of it
  ctx.save();
  ctx.font = font(plan.labelSize);
  const tooSmall = new Set(districts.filter((d) => insetSet.has(d.name) && !fitInside(ctx, d, plan.labelSize)).map((d) => d.name));
  ctx.restore();
  const small = new Set(tooSmall);
  const area2 = (d: { polygons: Position[][][] }) => (({ x0, y0, x1, y1 }) => (x1 - x0) * (y1 - y0))(bboxOf(d.polygons));
  let ip = small.size ? planInset(plan, districts, small, vertices, frame) : null;
  while (ip && ip.z < MIN_INSET_ZOOM && small.size > 1) {
    const biggest = districts.filter((d) => small.has(d.name)).reduce((a, b) => (area2(b) > area2(a) ? b : a));
    small.delete(biggest.name);
    ip = planInset(plan, districts, small, vertices, frame);
  }
  let inset: MapLayout['inset'] = null;
  const namedInInset = new Set<string>();
  if (ip) {
    const { win, z, box, titleH, inPad } = ip;
    const inner: Box = { x0: box.x0 + inPad, y0: box.y0 + titleH, x1: box.x1 - inPad, y1: box.y1 - inPad };
    taken.push(box);
    // the dashed frame is an obstacle for the names on the main map
    const t = 1.5;
    taken.push(
      { x0: win.x0 - t, y0: win.y0 - t, x1: win.x1 + t, y1: win.y0 + t },
      { x0: win.x0 - t, y0: win.y1 - t, x1: win.x1 + t, y1: win.y1 + t },
      { x0: win.x0 - t, y0: win.y0 - t, x1: win.x0 + t, y1: win.y1 + t },
      { x0: win.x1 - t, y0: win.y0 - t, x1: win.x1 + t, y1: win.y1 + t },
    );
    const tx = ([x, y]: Position): Position => [inner.x0 + (x - win.x0) * z, inner.y0 + (y - win.y0) * z];
    const crossingIdx = districts
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
        polygons: simple[index]
          .map((p) => p.map((r) => roundRing(clipRing(r.map(tx), cut))).filter((r) => r.length >= 3))
          .filter((p) => p.length > 0),
      }))
      .filter((c) => c.polygons.length > 0);
    // names of the inset districts, on their visible parts (full resolution)
    const visible = crossingIdx
      .filter(({ d }) => insetSet.has(d.name))
      .map(({ d }) => ({
        name: d.name,
        polygons: d.polygons
          .map((p) => p.map((r) => clipRing(r.map(tx), inner)).filter((r) => r.length >= 3))
          .filter((p) => p.length > 0),
      }))
      .filter((d) => d.polygons.length > 0);
    for (const d of visible) namedInInset.add(d.name);
    const labels = placeDistrictLabels(ctx, visible, inner, plan.labelSize);
    inset = { win, box, inner, titleH, inPad, crossing, labels };
  }
  return remember(insetCache, key, { inset, tooSmall, namedInInset, taken });
}

const fileDigests = new Map<string, string>();
const fileDigest = (path: string) => {
  let d = fileDigests.get(path);
  if (!d) fileDigests.set(path, (d = createHash('sha256').update(readFileSync(path)).digest('hex')));
  return d;
};

/** Whether a value survives JSON unchanged in what matters here: no NaN or infinite numbers. */
function finiteOnly(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(finiteOnly);
  if (v && typeof v === 'object') return Object.values(v).every(finiteOnly);
  return true;
}

/**
 * The map's layout is a function of the boundaries, the map's size, the fonts and
 * this code alone; worked out once it is kept on disk (see dataCache in
 * bundle.mjs), so a fresh process (a command, a batch worker) does not place
 * the 38 names and the inset again: about 0.15 s of a fresh build.
 */
function storedLayoutName(key: string, geojsonPath: string): string {
  return `map-layout-${createHash('sha256').update(sourcesDigest()).update(fileDigest(geojsonPath)).update(key).digest('hex').slice(0, 32)}`;
}

function mapLayout(plan: MapPlan, proj: D3Projection, area: { left: number; right: number; top: number; bottom: number }): MapLayout {
  const m = plan.margin;
  const frame: Box = { x0: 0, y0: 0, x1: plan.width, y1: plan.height - plan.noteH - plan.stripH };
  const ctx = measureCtx();
  const items = legendItems(plan.legend);
  // the legend enters the layout by its size only (so maps whose legends differ in
  // wording but not in size share one layout)
  const lg = plan.stripH ? null : measureLegend(ctx, items, plan.legendTitle);
  const insetKey = JSON.stringify([plan.geojsonKey, proj.scale(), proj.translate(), plan.width, frame.y1, m, plan.labelSize, plan.inset]);
  const key = JSON.stringify([insetKey, plan.height, plan.noteH, plan.stripH, lg]);
  const hit = layoutCache.get(key);
  if (hit) return hit;
  const storedName = storedLayoutName(key, plan.geojsonKey);
  const stored = dataCache.read(storedName) as Partial<MapLayout> | undefined;
  // (a file that is not a layout, e.g. edited by hand, is worked out again and replaced)
  if (stored && Array.isArray(stored.outlines) && Array.isArray(stored.labels) && stored.inset !== undefined && stored.legend !== undefined && stored.northArrow !== undefined)
    return remember(layoutCache, key, stored as MapLayout);
  const geo = mapGeometry(plan, proj, (area.right - area.left) * (area.bottom - area.top));
  const { inset, tooSmall, namedInInset, taken: insetTaken } = insetLayout(plan, geo, frame, insetKey);
  const vertices = geo.vertices;
  const districts = geo.districts;
  const taken = [...insetTaken];

  // --- legend: a strip under the map, or the first free corner (bottom-right, bottom-left, top-right) ---
  let legend: MapLayout['legend'] = null;
  if (lg) {
    const pad = 3;
    const cands: Box[] = [
      { x0: frame.x1 - m - lg.w - pad, y0: frame.y1 - m - lg.h - pad, x1: frame.x1 - m, y1: frame.y1 - m },
      { x0: m, y0: frame.y1 - m - lg.h - pad, x1: m + lg.w + pad, y1: frame.y1 - m },
      { x0: frame.x1 - m - lg.w - pad, y0: m, x1: frame.x1 - m, y1: m + lg.h + pad },
    ];
    const clear = (b: Box) => !boxHits(b, vertices, 2) && !taken.some((t) => t.x0 < b.x1 && b.x0 < t.x1 && t.y0 < b.y1 && b.y0 < t.y1);
    const free = cands.find(clear);
    const lb = free ?? cands[0];
    legend = { x: lb.x0 + pad / 2, y: lb.y0 + pad / 2, plate: !free };
    taken.push(lb);
  }

  // --- north arrow in the top-right corner if free ---
  const na: Box = { x0: frame.x1 - m - 12, y0: m, x1: frame.x1 - m, y1: m + 26 };
  let northArrow: Box | null = null;
  if (!boxHits(na, vertices, 2) && !taken.some((t) => t.x0 < na.x1 && na.x0 < t.x1 && t.y0 < na.y1 && na.y0 < t.y1)) {
    northArrow = na;
    taken.push(na);
  }

  // --- names of the districts on the main map (all but the enlarged ones) ---
  const labels = placeDistrictLabels(
    ctx,
    // named on the main map unless too small there and named in the inset
    districts.filter((d) => !(tooSmall.has(d.name) && namedInInset.has(d.name))),
    frame,
    plan.labelSize,
    taken,
  );

  const layout: MapLayout = { outlines: geo.outlines(), inset, legend, northArrow, labels };
  if (finiteOnly(layout)) dataCache.write(storedName, layout);
  return remember(layoutCache, key, layout);
}

/** Fills and strokes a district's outlines (the choropleth's drawing of one feature). */
function fillDistrict(ctx: SKRSContext2D, polys: Position[][][], fill: string, lineWidth: number): void {
  ctx.beginPath();
  for (const poly of polys)
    for (const ring of poly) {
      ctx.moveTo(ring[0][0], ring[0][1]);
      for (let i = 1; i < ring.length; i++) ctx.lineTo(ring[i][0], ring[i][1]);
      ctx.closePath();
    }
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.strokeStyle = palette.districtBorder;
  ctx.lineWidth = lineWidth;
  ctx.stroke();
}

/** The inset: the window on the main map, the frame, the title and the enlarged districts. */
function drawInset(ctx: SKRSContext2D, plan: MapPlan, inset: NonNullable<MapLayout['inset']>, fills: string[]): void {
  const { win, box, inner, titleH, inPad } = inset;
  ctx.save();
  // the window on the main map
  ctx.strokeStyle = palette.ink;
  ctx.lineWidth = 0.6;
  ctx.setLineDash([2.5, 1.5]);
  ctx.strokeRect(win.x0, win.y0, win.x1 - win.x0, win.y1 - win.y0);
  ctx.setLineDash([]);
  // the inset frame and title
  ctx.fillStyle = palette.background;
  ctx.fillRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
  ctx.strokeRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
  ctx.font = font(size.insetTitle, 'bold');
  ctx.fillStyle = palette.ink;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillText(plan.insetTitle, box.x0 + inPad, box.y0 + titleH / 2 + 0.5);
  // districts crossing the window, clipped to it
  ctx.save();
  ctx.beginPath();
  ctx.rect(inner.x0, inner.y0, inner.x1 - inner.x0, inner.y1 - inner.y0);
  ctx.clip();
  for (const c of inset.crossing) fillDistrict(ctx, c.polygons, fills[c.index], size.border * 1.5);
  ctx.restore();
  ctx.lineWidth = 0.6;
  ctx.strokeStyle = palette.ink;
  ctx.strokeRect(inner.x0, inner.y0, inner.x1 - inner.x0, inner.y1 - inner.y0);
  ctx.restore();
}

/**
 * Draws the map from its layout: the districts in place of chartjs-chart-geo's drawing
 * (same fill and border, simplified outlines), then the inset, legend, north arrow,
 * names and note. chartjs-chart-geo still fits the projection to the chart area.
 */
function mapPlugin(plan: MapPlan, onLabels?: (l: PlacedLabel[]) => void): Plugin {
  let layout: MapLayout | undefined;
  const fills = plan.features.map((f) => plan.fillOf.get(f.properties.name) ?? palette.missing);
  const fillByName = (n: string) => plan.fillOf.get(n) ?? palette.missing;
  const layoutOf = (chart: Chart) =>
    (layout ??= mapLayout(plan, (chart.scales.projection as unknown as { projection: D3Projection }).projection, chart.chartArea));
  return {
    id: 'mapOverlay',
    beforeDatasetsDraw(chart: Chart) {
      const ctx = chart.ctx as unknown as SKRSContext2D;
      const { outlines } = layoutOf(chart);
      const a = chart.chartArea;
      ctx.save();
      ctx.beginPath();
      ctx.rect(a.left, a.top, a.right - a.left, a.bottom - a.top);
      ctx.clip();
      outlines.forEach((polys, i) => fillDistrict(ctx, polys, fills[i], size.border));
      ctx.restore();
    },
    afterDatasetsDraw(chart: Chart) {
      const ctx = chart.ctx as unknown as SKRSContext2D;
      const l = layoutOf(chart);
      const m = plan.margin;
      if (l.inset) {
        drawInset(ctx, plan, l.inset, fills);
        drawPlacedLabels(ctx, l.inset.labels, plan.labelSize, fillByName);
        onLabels?.(l.inset.labels.map(({ name, mode, box }) => ({ name, mode, box })));
      }
      const items = legendItems(plan.legend);
      if (l.legend) drawLegend(ctx, items, l.legend.x, l.legend.y, { title: plan.legendTitle, plate: l.legend.plate });
      else flowLegend(ctx, items, m, plan.height - plan.noteH - plan.stripH + 3, plan.width - 2 * m, { title: plan.legendTitle });
      if (l.northArrow) drawNorthArrow(ctx, (l.northArrow.x0 + l.northArrow.x1) / 2, l.northArrow.y0);
      drawPlacedLabels(ctx, l.labels, plan.labelSize, fillByName);
      onLabels?.(l.labels.map(({ name, mode, box }) => ({ name, mode, box })));
      // --- note ---
      if (plan.note) {
        ctx.save();
        ctx.font = font(size.note);
        ctx.fillStyle = palette.muted;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        ctx.fillText(plan.note, m, plan.height - plan.noteH / 2);
        ctx.restore();
      }
    },
  };
}

/**
 * The chart: chartjs-chart-geo's projection scale fits the projection to the chart area
 * (to the outline's extreme points); the districts themselves are drawn by the plugin
 * from the cached layout, so the dataset carries no features.
 */
function mapConfig(plan: MapPlan, onLabels?: (l: PlacedLabel[]) => void): ChartConfiguration {
  return {
    type: 'choropleth',
    data: {
      labels: [],
      datasets: [{ label: plan.legendTitle, outline: plan.outline as never, showOutline: false, showGraticule: false, data: [] }],
    },
    options: {
      layout: { padding: { top: plan.margin, left: plan.margin, right: plan.margin, bottom: plan.margin + plan.stripH + plan.noteH } },
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: {
        projection: { axis: 'x', projection: makeProjection() },
        color: { axis: 'x', display: false },
      },
    },
    plugins: [mapPlugin(plan, onLabels)],
  } as unknown as ChartConfiguration;
}

export async function renderDistributionMap(o: DistributionMapOptions): Promise<RenderedFigure> {
  const plan = normalise(o);
  return renderChart({ widthPt: plan.width, heightPt: plan.height, config: () => mapConfig(plan) });
}

/** For tests: where the labels went (one render, no output). */
export async function mapLabelLayout(o: DistributionMapOptions): Promise<PlacedLabel[]> {
  const plan = normalise(o);
  const out: PlacedLabel[] = [];
  let first = true; // the PNG and the SVG place the same labels: record the first draw only
  await renderChart({
    widthPt: plan.width,
    heightPt: plan.height,
    config: () => {
      const record = first ? (l: PlacedLabel[]) => out.push(...l) : undefined;
      first = false;
      return mapConfig(plan, record);
    },
  });
  return out;
}
