/**
 * The map's projection: conic equal-area centred on Chongqing (areas are true,
 * shapes look familiar), fitted to the districts' four extreme points, and the
 * height a map of a given width takes.
 */
import { geoConicEqualArea } from 'chartjs-chart-geo';
import type { FigureMemo } from '../memo.js';
import { polygonsOf, type DistrictFeature } from './geo.js';

export const makeProjection = () => geoConicEqualArea().parallels([28.8, 31.6]).rotate([-107.7, 0]);

export type Projection = (p: [number, number]) => [number, number] | null;
/** The projection as chartjs-chart-geo's scale holds it, fitted to the chart area. */
export type D3Projection = Projection & { scale(): number; translate(): [number, number] };

export type Outline = { type: 'Feature'; properties: Record<string, never>; geometry: { type: 'MultiPoint'; coordinates: [number, number][] } };

/**
 * The vertices where the districts reach farthest left, right, up and down in the
 * projection. Fitting the projection to these four points gives the same fit as fitting
 * it to all the districts (scale and translation do not change which points are
 * extreme), without d3-geo walking every vertex at every draw.
 */
export function outlineOf(memo: FigureMemo, key: string, features: DistrictFeature[]): Outline {
  return memo.once('map-outline', key, () => {
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
    return { type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: ext.map((e) => e.pt) } };
  });
}

/** Height of the districts when the projection is fitted to `width`. */
export function fittedHeight(outline: Outline, width: number): number {
  const p = makeProjection().fitWidth(width, outline as never);
  let minY = Infinity;
  let maxY = -Infinity;
  for (const pt of outline.geometry.coordinates) {
    const y = p(pt)![1];
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return maxY - minY;
}
