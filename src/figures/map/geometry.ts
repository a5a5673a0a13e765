/**
 * The map's geometry at one projection: the districts projected at full resolution
 * (for label placement and the sanity checks) and, by tolerance, outlines simplified
 * for drawing. Depends on the boundaries and the figure size only, never on values.
 */
import type { FigureMemo } from '../memo.js';
import { polygonsOf, simplifyRingsShared, type DistrictFeature, type Position } from './geo.js';
import type { Box } from './labels.js';
import type { D3Projection, Projection } from './projection.js';

/** Simplification tolerance for drawing the district outlines, in points on the page. */
export const SIMPLIFY_PT = 0.25;
/** Outline coordinates are drawn rounded to 1/ROUND_STEPS pt (0.1 pt: far below what shows). */
const ROUND_STEPS = 10;

const roundTo = (v: number) => Math.round(v * ROUND_STEPS) / ROUND_STEPS;

/** Rounds a ring for drawing and drops the points that rounding made repeat. */
export function roundRing(ring: Position[]): Position[] {
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

function project(f: DistrictFeature, proj: Projection): Position[][][] {
  return polygonsOf(f).map((poly) => poly.map((ring) => ring.map((pt) => proj(pt as [number, number]) as Position)));
}

export function bboxOf(polys: Position[][][]): Box {
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

/** Whether any of `pts` lies within `gap` of the box. */
export const boxHits = (b: Box, pts: Position[], gap: number) => pts.some(([x, y]) => x > b.x0 - gap && x < b.x1 + gap && y > b.y0 - gap && y < b.y1 + gap);

/** Whether two boxes overlap. */
export const boxesMeet = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export interface ProjectedDistricts {
  districts: { name: string; polygons: Position[][][] }[];
  /** Outer-ring vertices of every district (obstacles for the inset, legend, north arrow). */
  vertices: Position[];
  /** Outlines simplified at a tolerance (projected units), same nesting as `districts`. */
  simplified: (tolerance: number) => Position[][][][];
  /** The main map's outlines as drawn: simplified at SIMPLIFY_PT and rounded. */
  outlines: () => Position[][][][];
}

export function mapGeometry(memo: FigureMemo, geojsonKey: string, features: DistrictFeature[], proj: D3Projection, frameArea: number): ProjectedDistricts {
  const key = JSON.stringify([geojsonKey, proj.scale(), proj.translate()]);
  return memo.once('map-geometry', key, () => projectDistricts(features, proj, frameArea));
}

function projectDistricts(features: DistrictFeature[], proj: D3Projection, frameArea: number): ProjectedDistricts {
  const districts = features.map((f) => ({ name: f.properties.name, polygons: project(f, proj) }));
  // No district may fill the frame (the symptom of a wrong winding).
  for (const d of districts) {
    const b = bboxOf(d.polygons);
    if (!Number.isFinite(b.x0) || (b.x1 - b.x0) * (b.y1 - b.y0) > 0.3 * frameArea) {
      throw new Error(`figures: ${d.name} fills the map frame; is the GeoJSON winding right?`);
    }
  }
  const byTolerance = new Map<number, Position[][][][]>();
  let outlines: Position[][][][] | undefined;
  const geometry: ProjectedDistricts = {
    districts,
    vertices: districts.flatMap((d) => d.polygons.flatMap((p) => p[0])),
    simplified(tolerance) {
      let s = byTolerance.get(tolerance);
      if (!s) {
        const flat = simplifyRingsShared(
          districts.flatMap((d) => d.polygons.flat()),
          tolerance,
        );
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
  return geometry;
}
