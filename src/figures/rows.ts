/**
 * The shared frame of the 38-row charts: horizontal rows (district names on the y
 * axis, never skipped), a linear x axis with light grid lines, values printed at the
 * ends of the marks, and a legend in the emptiest corner of the plot.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Chart, ChartConfiguration, ChartDataset, Plugin } from 'chart.js';
import { drawLegend, measureLegend, type LegendItem } from './legend.js';
import { renderChart } from './render.js';
import { chartFont, font, formatNumber, measureCtx, palette, size as houseSize, type FigureSizes } from './style.js';
import type { RenderedFigure } from './types.js';

const TOP = 6;

/** Default figure height for n rows in a set-up (default: the house sizes at text width). */
export function rowsHeight(n: number, size: FigureSizes = houseSize): number {
  return Math.round(n * size.row + size.axisH + TOP);
}

export interface RowChartSpec {
  names: string[];
  datasets: ChartDataset[];
  x: { min: number; max: number; step: number; title?: string };
  /** Room right of the plot for value labels, in points. */
  padRight?: number;
  /** Room above the rows, in points. */
  padTop?: number;
  plugins?: Plugin[];
  /** Legend drawn in a corner of the plot: bottom right unless `legendCorner` says top right. */
  legend?: LegendItem[];
  legendCorner?: LegendCorner;
  /** Grid line at 0 drawn darker (for signed values). */
  zeroLine?: boolean;
  /** The figure's set-up (sizesFor its width). */
  size: FigureSizes;
}

/** The corner of the plot the legend takes: the emptiest one (rows sorted descending leave the bottom right empty). */
export type LegendCorner = 'bottom-right' | 'top-right';

/** Legend in a right-hand corner of the plot, on a white plate. */
export function cornerLegend(items: LegendItem[], size: FigureSizes = houseSize, corner: LegendCorner = 'bottom-right'): Plugin {
  return {
    id: 'cornerLegend',
    afterDraw(chart: Chart) {
      const ctx = chart.ctx as unknown as SKRSContext2D;
      const a = chart.chartArea;
      const m = measureLegend(ctx, items, undefined, size);
      drawLegend(ctx, items, a.right - m.w - 6, corner === 'top-right' ? a.top + 6 : a.bottom - m.h - 6, { plate: true, size });
    },
  };
}

/**
 * The x axis maximum, raised by whole steps while the corner legend would cover the
 * values printed at the ends of the bottom rows (on narrow figures the legend takes a
 * larger share of the plot). The plot's edges are worked out as Chart.js lays them
 * out: left of the plot the padding, the longest name, the tick padding and length.
 */
export function roomForLegend(o: { names: string[]; values: number[]; x: { min: number; max: number; step: number }; legend: LegendItem[]; widthPt: number; padRight: number; size: FigureSizes }): number {
  if (o.legend.length === 0 || o.names.length === 0) return o.x.max;
  const ctx = measureCtx();
  ctx.save();
  ctx.font = font(o.size.tick);
  const left = 2 + Math.max(...o.names.map((n) => ctx.measureText(n).width)) + 2 * 3 + 8;
  ctx.font = font(o.size.value);
  const labelW = o.values.map((v) => ctx.measureText(formatNumber(v)).width);
  const lg = measureLegend(ctx, o.legend, undefined, o.size);
  ctx.restore();
  const right = o.widthPt - o.padRight;
  // the legend's plate (see cornerLegend) and the rows beside it, with a row to spare
  const plateX0 = right - lg.w - 6 - 3;
  const rowsBeside = Math.ceil((lg.h + 2 + 6) / o.size.row) + 1;
  let max = o.x.max;
  for (let tries = 0; tries < 4; tries++) {
    const xOf = (v: number) => left + ((v - o.x.min) / (max - o.x.min)) * (right - left);
    const n = o.values.length;
    const clear = o.values.every((v, i) => i < n - rowsBeside || v < 0 || xOf(v) + 2.5 + labelW[i] < plateX0 - 1);
    if (clear) break;
    max += o.x.step;
  }
  return max;
}

/** Width of the white outline (halo) behind text that crosses lines. */
export const HALO_WIDTH = 2.4;

/** Text at a point in the house font (for value labels drawn by plugins). */
export function drawText(ctx: SKRSContext2D, text: string, x: number, y: number, align: 'left' | 'right' | 'center', color: string = palette.ink, sizePt: number = houseSize.value, weight: 'normal' | 'bold' = 'normal', halo = false): void {
  ctx.save();
  ctx.font = font(sizePt, weight);
  ctx.fillStyle = color;
  ctx.textAlign = align;
  ctx.textBaseline = 'middle';
  if (halo) {
    // a white outline keeps text legible where it crosses a line
    ctx.strokeStyle = palette.background;
    ctx.lineWidth = HALO_WIDTH;
    ctx.lineJoin = 'round';
    ctx.strokeText(text, x, y);
  }
  ctx.fillText(text, x, y);
  ctx.restore();
}

export function rowChartConfig(spec: RowChartSpec): ChartConfiguration {
  const size = spec.size;
  const plugins = [...(spec.plugins ?? [])];
  if (spec.legend?.length) plugins.push(cornerLegend(spec.legend, size, spec.legendCorner));
  return {
    type: 'bar',
    data: { labels: spec.names, datasets: spec.datasets as never },
    options: {
      indexAxis: 'y',
      layout: { padding: { top: spec.padTop ?? TOP, right: spec.padRight ?? 4, bottom: 2, left: 2 } },
      plugins: { legend: { display: false }, tooltip: { enabled: false }, title: { display: false } },
      scales: {
        y: {
          type: 'category',
          grid: { display: false },
          border: { color: palette.axis, width: size.axisLine },
          ticks: { autoSkip: false, font: chartFont(size.tick), color: palette.ink, padding: 3 },
        },
        x: {
          type: 'linear',
          min: spec.x.min,
          max: spec.x.max,
          border: { display: false },
          grid: {
            color: (c: { tick?: { value: number } }) => (spec.zeroLine && c.tick?.value === 0 ? palette.axis : palette.grid),
            lineWidth: (c: { tick?: { value: number } }) => (spec.zeroLine && c.tick?.value === 0 ? size.axisLine : size.gridLine),
            drawTicks: false,
          },
          ticks: {
            stepSize: spec.x.step,
            font: chartFont(size.tick),
            color: palette.muted,
            padding: 3,
            callback: (v: string | number) => String(Number(Number(v).toFixed(6))),
          },
          title: spec.x.title ? { display: true, text: spec.x.title, font: chartFont(size.tick), color: palette.muted, padding: { top: 2, bottom: 0 } } : { display: false },
        },
      },
    },
    plugins,
  } as unknown as ChartConfiguration;
}

/** What a row chart is drawn from: its size in points, its rows (a district each, top to bottom) and its set-up. */
export interface RowsFrame {
  width: number;
  height: number;
  rows: readonly { district: string }[];
  size: FigureSizes;
}

/** The bars of a bar row chart: 74 % of the row's height, one bar a row. */
export const ROW_BARS = { barPercentage: 0.74, categoryPercentage: 1 } as const;

/**
 * A row chart drawn: the frame's rows and set-up with the figure's datasets, axis
 * and plugins. `spec` is called for each drawing (the PNG and the SVG), since
 * Chart.js takes the datasets it is given as its own.
 */
export function renderRowChart(frame: RowsFrame, spec: () => Omit<RowChartSpec, 'names' | 'size'>): Promise<RenderedFigure> {
  return renderChart({ widthPt: frame.width, heightPt: frame.height, config: () => rowChartConfig({ ...spec(), names: frame.rows.map((r) => r.district), size: frame.size }) });
}

/** Rows sorted by a key, descending; ties keep the input order (stable, deterministic). */
export function sortDesc<T>(rows: T[], key: (r: T) => number): T[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => key(b.r) - key(a.r) || a.i - b.i)
    .map((x) => x.r);
}

/** Checks district rows: finite values, no duplicate names. */
export function checkRows<T extends { district: string }>(what: string, rows: T[], values: (r: T) => number[]): void {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const r of rows) {
    if (!r.district) problems.push('a row has no district');
    if (seen.has(r.district)) problems.push(`${r.district} given twice`);
    seen.add(r.district);
    if (values(r).some((v) => !Number.isFinite(v))) problems.push(`${r.district}: value is not a finite number`);
  }
  if (rows.length === 0) problems.push('no rows');
  if (problems.length) throw new Error(`figures: ${what}: ${problems.join('; ')}`);
}
