/**
 * A distribution map's options checked and turned into a plan: the boundaries, the
 * fill of each district, the legend, the size (the height follows from the map's
 * aspect ratio at the width asked) and the label size.
 */
import { flowLegend, type LegendItem } from '../legend.js';
import { defaultMemo, type FigureMemo } from '../memo.js';
import { mapWidthPt, measureCtx, palette, sizesFor, type FigureSizes } from '../style.js';
import type { ClassedDatum, FigureClass } from '../types.js';
import { DEFAULT_GEOJSON, loadDistrictGeo, urbanCoreDistricts, type DistrictFeature } from './geo.js';
import { fittedHeight, outlineOf, type Outline } from './projection.js';

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
  /** Where the boundaries, geometry and layouts are kept (default: this process only). */
  memo?: FigureMemo;
}

export interface MapPlan {
  memo: FigureMemo;
  /** The set-up for the map's width (type sizes). */
  size: FigureSizes;
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
  /** District name size: the house size at text width, smaller (not below 6 pt) on narrower maps. */
  labelSize: number;
  /** Height of a legend strip under the map (0: the legend sits in a free corner of the map). */
  stripH: number;
}

const MISSING_LABEL = '无数据';
/**
 * The report's map width (style.ts mapWidthPt, 85 % of the text width): the
 * width at which district names take the house size, 7 pt, so that a map the PDF
 * sets up to 1/7 smaller to share a page still prints them at 6 pt. Narrower maps
 * take smaller names, never below 6 pt.
 */
const MAP_WIDTH_PT = mapWidthPt();
/** Legends longer than this go under the map instead of in a corner. */
const CORNER_ROWS = 8;

export const legendItems = (classes: FigureClass[]): LegendItem[] => classes.map((c) => ({ label: c.label, key: { kind: 'swatch', color: c.color } }));

/** The fill of each district by its class; every problem of the values in one message. */
function fillsOf(o: DistributionMapOptions, names: Set<string>): Map<string, string> {
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
  return fillOf;
}

export function planMap(o: DistributionMapOptions): MapPlan {
  const memo = o.memo ?? defaultMemo;
  const fc = loadDistrictGeo(o.geojsonPath, memo);
  const names = new Set(fc.features.map((f) => f.properties.name));
  const fillOf = fillsOf(o, names);
  const legend = [...o.classes];
  if (fc.features.some((f) => !fillOf.has(f.properties.name))) legend.push({ label: MISSING_LABEL, color: palette.missing });
  const inset = o.inset ?? urbanCoreDistricts(undefined, memo);
  for (const n of inset) if (!names.has(n)) throw new Error(`figures: inset district "${n}" is not on the map`);

  const width = Math.round(o.widthPt);
  const size = sizesFor(width);
  const margin = 4;
  const note = o.note ?? '';
  const noteH = note ? size.note * 2 : 0;
  // A long legend (more than CORNER_ROWS entries) would cover the map: it goes in a strip below.
  const items = legendItems(legend);
  const stripH = items.length > CORNER_ROWS ? Math.ceil(flowLegend(measureCtx(), items, 0, 0, width - 2 * margin, { title: o.legendTitle, draw: false, size }).h + 6) : 0;
  // Height from the map's aspect ratio at this width.
  const geojsonKey = o.geojsonPath ?? DEFAULT_GEOJSON;
  const outline = outlineOf(memo, geojsonKey, fc.features);
  const height = Math.ceil(fittedHeight(outline, width - 2 * margin) + 2 * margin + stripH + noteH);
  return {
    memo,
    size,
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
    labelSize: Math.min(size.mapLabel, Math.max(6, Math.round(((size.mapLabel * width) / MAP_WIDTH_PT) * 2) / 2)),
  };
}
