/**
 * The district geometry for the maps: the GeoJSON of data/geo, rewound to d3-geo's
 * winding and checked, the list of central urban districts from config/districts.yaml,
 * and small planar helpers (label anchors, point-in-polygon) used after projection.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import rewind from '@mapbox/geojson-rewind';
import { parse as parseYaml } from 'yaml';
import { defaultMemo, type FigureMemo } from '../memo.js';

export type Position = [number, number];
export interface DistrictFeature {
  type: 'Feature';
  properties: { name: string; adcode?: number };
  geometry: { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
}
export interface DistrictCollection {
  type: 'FeatureCollection';
  features: DistrictFeature[];
}

const root = (rel: string) => fileURLToPath(new URL(`../../../${rel}`, import.meta.url));
export const DEFAULT_GEOJSON = root('data/geo/chongqing-districts.geojson');
export const DEFAULT_DISTRICTS_CONFIG = root('config/districts.yaml');

/** Polygons of a feature (a Polygon is one polygon). */
export function polygonsOf(f: DistrictFeature): Position[][][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

/** Shoelace area in lon/lat (positive = counter-clockwise with y pointing north). */
function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return a / 2;
}

/**
 * Loads the district GeoJSON (RFC 7946 winding) and rewinds it to d3-geo's spherical
 * winding (outer rings clockwise), without which every district would cover the
 * globe. Fails loudly if a ring still winds the wrong way afterwards.
 */
export function loadDistrictGeo(path = DEFAULT_GEOJSON, memo: FigureMemo = defaultMemo): DistrictCollection {
  return memo.once('district-geo', path, () => readDistrictGeo(path));
}

function readDistrictGeo(path: string): DistrictCollection {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as DistrictCollection;
  if (raw?.type !== 'FeatureCollection' || !Array.isArray(raw.features)) {
    throw new Error(`${path}: not a GeoJSON FeatureCollection`);
  }
  const fc = rewind(raw, true);
  for (const f of fc.features) {
    const name = f.properties?.name;
    if (typeof name !== 'string' || !name) throw new Error(`${path}: a feature has no properties.name`);
    const type = (f.geometry as { type?: unknown } | undefined)?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      throw new Error(`${path}: ${name} is a ${String(type)}, expected Polygon or MultiPolygon`);
    }
    for (const poly of polygonsOf(f)) {
      poly.forEach((ring, i) => {
        const a = ringArea(ring);
        // d3-geo: exterior clockwise (negative planar area), holes counter-clockwise.
        if (i === 0 ? a >= 0 : a <= 0) {
          throw new Error(`${path}: ${name} ring ${i} winds the wrong way after rewind; the map would fill the frame`);
        }
      });
    }
  }
  return fc;
}

/** The districts flagged `urbanCore: true` in config/districts.yaml (the map's inset). */
export function urbanCoreDistricts(path = DEFAULT_DISTRICTS_CONFIG, memo: FigureMemo = defaultMemo): string[] {
  return [...memo.once('urban-core', path, () => readUrbanCore(path))];
}

function readUrbanCore(path: string): string[] {
  const doc = parseYaml(readFileSync(path, 'utf8')) as { districts?: { name?: unknown; urbanCore?: unknown }[] };
  if (!Array.isArray(doc?.districts)) throw new Error(`${path}: expected a "districts" list`);
  return doc.districts.filter((d) => d.urbanCore === true).map((d) => String(d.name));
}

// ---------- planar helpers (projected coordinates, y down) ----------

/** Bounding box of a ring, computed once per ring (rings are never mutated once projected). */
const ringBoxes = new WeakMap<Position[], [number, number, number, number]>();
function ringBox(ring: Position[]): [number, number, number, number] {
  let b = ringBoxes.get(ring);
  if (!b) {
    b = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of ring) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
    ringBoxes.set(ring, b);
  }
  return b;
}

export function pointInRings(x: number, y: number, rings: Position[][]): boolean {
  // outside the outer ring's box: outside the polygon (holes lie within the outer ring)
  const b = rings.length ? ringBox(rings[0]) : undefined;
  if (b && (x < b[0] || x > b[2] || y < b[1] || y > b[3])) return false;
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function segDist2(px: number, py: number, a: Position, b: Position): number {
  let x = a[0];
  let y = a[1];
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/** Signed distance from a point to the polygon outline (positive inside). */
export function signedDistance(x: number, y: number, rings: Position[][]): number {
  let min = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) min = Math.min(min, segDist2(x, y, ring[i], ring[j]));
  }
  return (pointInRings(x, y, rings) ? 1 : -1) * Math.sqrt(min);
}

/**
 * Pole of inaccessibility (the interior point farthest from the outline) — the
 * polylabel algorithm (Mapbox, ISC) with a sorted queue; deterministic.
 * Returns the point and its distance to the outline.
 */
export function labelAnchor(rings: Position[][], precision = 0.5): { x: number; y: number; r: number } {
  const outer = rings[0];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outer) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const w = maxX - minX;
  const h = maxY - minY;
  const cell = Math.min(w, h);
  if (cell === 0) return { x: minX, y: minY, r: 0 };
  type Cell = { x: number; y: number; h: number; d: number; max: number };
  const mk = (x: number, y: number, hh: number): Cell => {
    const d = signedDistance(x, y, rings);
    return { x, y, h: hh, d, max: d + hh * Math.SQRT2 };
  };
  const queue: Cell[] = [];
  const push = (c: Cell) => {
    // keep sorted ascending by max; pop from the end
    let lo = 0;
    let hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (queue[mid].max < c.max) lo = mid + 1;
      else hi = mid;
    }
    queue.splice(lo, 0, c);
  };
  const half = cell / 2;
  for (let x = minX; x < maxX; x += cell) for (let y = minY; y < maxY; y += cell) push(mk(x + half, y + half, half));
  // start from the centroid of the outer ring's vertices or the bbox centre
  let best = mk(minX + w / 2, minY + h / 2, 0);
  while (queue.length) {
    const c = queue.pop()!;
    if (c.d > best.d) best = c;
    if (c.max - best.d <= precision) continue;
    const hh = c.h / 2;
    push(mk(c.x - hh, c.y - hh, hh));
    push(mk(c.x + hh, c.y - hh, hh));
    push(mk(c.x - hh, c.y + hh, hh));
    push(mk(c.x + hh, c.y + hh, hh));
  }
  return { x: best.x, y: best.y, r: best.d };
}

/** Clips a ring to an axis-aligned box (Sutherland–Hodgman); may return fewer than 3 points. */
export function clipRing(ring: Position[], b: { x0: number; y0: number; x1: number; y1: number }): Position[] {
  type Edge = { inside: (p: Position) => boolean; cut: (p: Position, q: Position) => Position };
  const atX =
    (x: number) =>
    (p: Position, q: Position): Position => [x, p[1] + ((q[1] - p[1]) * (x - p[0])) / (q[0] - p[0])];
  const atY =
    (y: number) =>
    (p: Position, q: Position): Position => [p[0] + ((q[0] - p[0]) * (y - p[1])) / (q[1] - p[1]), y];
  const edges: Edge[] = [
    { inside: (p) => p[0] >= b.x0, cut: atX(b.x0) },
    { inside: (p) => p[0] <= b.x1, cut: atX(b.x1) },
    { inside: (p) => p[1] >= b.y0, cut: atY(b.y0) },
    { inside: (p) => p[1] <= b.y1, cut: atY(b.y1) },
  ];
  let out = ring;
  for (const e of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i];
      const prev = input[(i + input.length - 1) % input.length];
      if (e.inside(cur)) {
        if (!e.inside(prev)) out.push(e.cut(prev, cur));
        out.push(cur);
      } else if (e.inside(prev)) out.push(e.cut(prev, cur));
    }
    if (out.length === 0) break;
  }
  return out;
}

// ---------- simplification that keeps shared borders shared ----------

const vkey = (p: Position) => `${p[0]},${p[1]}`;
const before = (a: Position, b: Position) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/** Douglas–Peucker on an open chain (both ends kept); returns the kept points in order. */
function simplifyChain(pts: Position[], tol2: number): Position[] {
  const n = pts.length;
  if (n <= 2) return pts;
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: number[] = [0, n - 1];
  while (stack.length) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    let far = -1;
    let max = tol2;
    for (let i = first + 1; i < last; i++) {
      const d = segDist2(pts[i][0], pts[i][1], pts[first], pts[last]);
      if (d > max) {
        max = d;
        far = i;
      }
    }
    if (far >= 0) {
      keep[far] = 1;
      stack.push(first, far, far, last);
    }
  }
  return pts.filter((_p, i) => keep[i] === 1);
}

/**
 * Simplifies rings for drawing (Douglas–Peucker, `tolerance` in the rings' units) so
 * that borders shared by two rings stay identical: the rings are cut into chains at
 * the vertices where neighbours meet or part (junctions), and every chain is simplified
 * in one canonical direction, so both neighbours get the same points and no hairline
 * gap opens between them. Input rings may repeat the first point at the end; output
 * rings do not. A ring that would collapse keeps its original points.
 * `rings` is a flat list; the result has the same order.
 */
export function simplifyRingsShared(rings: Position[][], tolerance: number): Position[][] {
  const tol2 = tolerance * tolerance;
  const open = rings.map((r) => (r.length > 1 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1] ? r.slice(0, -1) : r));
  // the neighbours of every vertex over all rings: a vertex with other than two is a junction
  const nb = new Map<string, Set<string>>();
  for (const r of open) {
    const n = r.length;
    for (let i = 0; i < n; i++) {
      const k = vkey(r[i]);
      let s = nb.get(k);
      if (!s) nb.set(k, (s = new Set()));
      s.add(vkey(r[(i + n - 1) % n]));
      s.add(vkey(r[(i + 1) % n]));
    }
  }
  const isJunction = (p: Position) => nb.get(vkey(p))!.size !== 2;
  // a chain in canonical direction, simplified; returned in the direction given
  const canonical = (chain: Position[]): Position[] => {
    const a = chain[0];
    const b = chain[chain.length - 1];
    const flip = a[0] === b[0] && a[1] === b[1] ? chain.length > 2 && before(chain[chain.length - 2], chain[1]) : before(b, a);
    if (!flip) return simplifyChain(chain, tol2);
    return simplifyChain([...chain].reverse(), tol2).reverse();
  };
  return open.map((r) => {
    const n = r.length;
    if (n < 4) return r;
    let starts: number[] = [];
    for (let i = 0; i < n; i++) if (isJunction(r[i])) starts.push(i);
    if (starts.length === 0) {
      // a closed ring with no junction (an island, or an enclave shared whole with its
      // surroundings): start at its least vertex, walk towards the lesser neighbour
      let m = 0;
      for (let i = 1; i < n; i++) if (before(r[i], r[m])) m = i;
      starts = [m];
    }
    const out: Position[] = [];
    for (let s = 0; s < starts.length; s++) {
      const from = starts[s];
      const to = s + 1 < starts.length ? starts[s + 1] : starts[0] + n;
      const chain: Position[] = [];
      for (let i = from; i <= to; i++) chain.push(r[i % n]);
      const simple = canonical(chain);
      for (let i = 0; i < simple.length - 1; i++) out.push(simple[i]);
    }
    // too few points left to show the shape: keep the ring as it was
    return out.length < 3 ? r : out;
  });
}
