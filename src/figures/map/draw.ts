/**
 * Drawing the map from its layout: the districts in place of chartjs-chart-geo's
 * drawing (same fill and border, simplified outlines), then the inset, legend, north
 * arrow, names and note. chartjs-chart-geo still fits the projection to the chart area.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import { drawLegend, flowLegend } from '../legend.js';
import { font, palette, type FigureSizes } from '../style.js';
import type { Position } from './geo.js';
import type { InsetDrawing } from './inset.js';
import { drawPlacedLabels, type PlacedLabel } from './labels.js';
import { mapLayout, type MapLayout } from './layout.js';
import { legendItems, type MapPlan } from './plan.js';
import { makeProjection, type D3Projection } from './projection.js';

function drawNorthArrow(ctx: SKRSContext2D, cx: number, top: number, size: FigureSizes): void {
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
function drawInset(ctx: SKRSContext2D, plan: MapPlan, inset: InsetDrawing, fills: string[]): void {
  const { win, box, inner, titleH, inPad } = inset;
  const size = plan.size;
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

function drawNote(ctx: SKRSContext2D, plan: MapPlan): void {
  ctx.save();
  ctx.font = font(plan.size.note);
  ctx.fillStyle = palette.muted;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(plan.note, plan.margin, plan.height - plan.noteH / 2);
  ctx.restore();
}

/** Everything drawn over the districts, in drawing order. */
function drawOverlay(ctx: SKRSContext2D, plan: MapPlan, l: MapLayout, fills: string[], onLabels?: (l: PlacedLabel[]) => void): void {
  const m = plan.margin;
  const fillByName = (n: string) => plan.fillOf.get(n) ?? palette.missing;
  if (l.inset) {
    drawInset(ctx, plan, l.inset, fills);
    drawPlacedLabels(ctx, l.inset.labels, plan.labelSize, fillByName);
    onLabels?.(l.inset.labels.map(({ name, mode, box }) => ({ name, mode, box })));
  }
  const items = legendItems(plan.legend);
  if (l.legend) drawLegend(ctx, items, l.legend.x, l.legend.y, { title: plan.legendTitle, plate: l.legend.plate, size: plan.size });
  else flowLegend(ctx, items, m, plan.height - plan.noteH - plan.stripH + 3, plan.width - 2 * m, { title: plan.legendTitle, size: plan.size });
  if (l.northArrow) drawNorthArrow(ctx, (l.northArrow.x0 + l.northArrow.x1) / 2, l.northArrow.y0, plan.size);
  drawPlacedLabels(ctx, l.labels, plan.labelSize, fillByName);
  onLabels?.(l.labels.map(({ name, mode, box }) => ({ name, mode, box })));
  if (plan.note) drawNote(ctx, plan);
}

function mapPlugin(plan: MapPlan, onLabels?: (l: PlacedLabel[]) => void): Plugin {
  let layout: MapLayout | undefined;
  const fills = plan.features.map((f) => plan.fillOf.get(f.properties.name) ?? palette.missing);
  const layoutOf = (chart: Chart) => (layout ??= mapLayout(plan, (chart.scales.projection as unknown as { projection: D3Projection }).projection, chart.chartArea));
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
      outlines.forEach((polys, i) => fillDistrict(ctx, polys, fills[i], plan.size.border));
      ctx.restore();
    },
    afterDatasetsDraw(chart: Chart) {
      drawOverlay(chart.ctx as unknown as SKRSContext2D, plan, layoutOf(chart), fills, onLabels);
    },
  };
}

/**
 * The chart: chartjs-chart-geo's projection scale fits the projection to the chart area
 * (to the outline's extreme points); the districts themselves are drawn by the plugin
 * from the layout, so the dataset carries no features.
 */
export function mapConfig(plan: MapPlan, onLabels?: (l: PlacedLabel[]) => void): ChartConfiguration {
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
