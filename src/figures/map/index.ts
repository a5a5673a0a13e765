/**
 * Distribution map (分布图): a choropleth of the 38 districts drawn by
 * chartjs-chart-geo, with district names, an enlarged inset of the central urban
 * districts, a legend of the classes and a note line (示意图…) at the bottom.
 *
 * The folder, in the order of the work: geo (the boundaries file, planar helpers),
 * plan (options checked, size), projection, geometry (projected, simplified),
 * inset and labels (label layout), layout (everything over the choropleth, kept in
 * the memo), draw (the chart and its drawing).
 */
import { renderChart } from '../render.js';
import type { RenderedFigure } from '../types.js';
import { mapConfig } from './draw.js';
import type { PlacedLabel } from './labels.js';
import { planMap, type DistributionMapOptions } from './plan.js';

export type { DistributionMapOptions } from './plan.js';
export type { PlacedLabel } from './labels.js';

export async function renderDistributionMap(o: DistributionMapOptions): Promise<RenderedFigure> {
  const plan = planMap(o);
  return renderChart({ widthPt: plan.width, heightPt: plan.height, config: () => mapConfig(plan) });
}

/** For tests: where the labels went (one render, no output). */
export async function mapLabelLayout(o: DistributionMapOptions): Promise<PlacedLabel[]> {
  const plan = planMap(o);
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
