/**
 * Ranked bars (38个区县…): every district's value as a horizontal bar, sorted
 * descending, the value printed at the bar's end, bars coloured by class (tier)
 * with a legend, or by highlight.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Chart, Plugin } from 'chart.js';
import type { LegendItem } from './legend.js';
import { niceDomain } from './nice.js';
import { checkRows, drawText, HALO_WIDTH, ROW_BARS, renderRowChart, roomForLegend, rowsHeight, sortDesc } from './rows.js';
import { font, formatNumber, luminance, palette, sizesFor, type FigureSizes } from './style.js';
import type { DistrictDatum, FigureClass, RenderedFigure } from './types.js';

export interface RankedBarsOptions {
  /** One row per district; `classLabel` picks the bar colour from `classes`. */
  values: (DistrictDatum & { classLabel?: string })[];
  /** Classes in legend order; without them, bars take one colour and no legend is drawn. */
  classes?: FigureClass[];
  /** Bars drawn in a colour of their own (over the class colour). */
  highlight?: { district: string; color: string }[];
  /** x axis title, e.g. 得分. */
  unit?: string;
  widthPt: number;
  /** Default: 11.5 pt a row plus the axis. */
  heightPt?: number;
}

interface BarsPlan {
  size: FigureSizes;
  /** Room right of the plot for the value labels. */
  padRight: number;
  width: number;
  height: number;
  rows: { district: string; value: number; color: string }[];
  legend: LegendItem[];
  domain: { min: number; max: number; step: number };
  unit?: string;
}

function normalise(o: RankedBarsOptions): BarsPlan {
  checkRows('ranked bars', o.values, (r) => [r.value]);
  const classColor = new Map((o.classes ?? []).map((c) => [c.label, c.color] as const));
  const hl = new Map((o.highlight ?? []).map((h) => [h.district, h.color] as const));
  const problems: string[] = [];
  const rows = sortDesc(o.values, (r) => r.value).map((r) => {
    let color: string = palette.bar;
    if (o.classes) {
      const c = r.classLabel === undefined ? undefined : classColor.get(r.classLabel);
      if (c === undefined) problems.push(`${r.district}: class "${r.classLabel ?? ''}" is not among the classes`);
      else color = c;
    }
    return { district: r.district, value: r.value, color: hl.get(r.district) ?? color };
  });
  for (const d of hl.keys()) if (!rows.some((r) => r.district === d)) problems.push(`highlight: no row for ${d}`);
  if (problems.length) throw new Error(`figures: ranked bars: ${problems.join('; ')}`);
  const lo = Math.min(0, ...rows.map((r) => r.value));
  const hi = Math.max(0, ...rows.map((r) => r.value));
  const size = sizesFor(o.widthPt);
  const width = Math.round(o.widthPt);
  // room for the values beyond the longest bar (26 pt at the house value size of 7 pt)
  const padRight = Math.round((26 * size.value) / 7);
  const legend: LegendItem[] = (o.classes ?? []).map((c) => ({ label: c.label, key: { kind: 'swatch', color: c.color } }));
  const nice = niceDomain(lo, hi);
  const max = roomForLegend({ names: rows.map((r) => r.district), values: rows.map((r) => r.value), x: nice, legend, widthPt: width, padRight, size });
  return {
    size,
    padRight,
    width,
    height: Math.round(o.heightPt ?? rowsHeight(rows.length, size)),
    rows,
    legend,
    domain: { ...nice, max },
    unit: o.unit,
  };
}

/**
 * The value at the end of each bar (outside it). With `halo`, a label that crosses a
 * vertical line (a grid line, the axis line, or one of `lines`, e.g. the mean) gets a
 * white outline so that it stays legible; a label over plain paper needs none, and
 * drawing none there changes no pixel but saves a second copy of its outlines in the SVG.
 */
export function barValueLabels(size: FigureSizes, opts: { format?: (v: number) => string; halo?: boolean; lines?: (chart: Chart) => number[] } = {}): Plugin {
  const format = opts.format ?? ((v: number) => formatNumber(v));
  const halo = opts.halo ?? false;
  return {
    id: 'barValueLabels',
    afterDatasetsDraw(chart: Chart) {
      const ctx = chart.ctx as unknown as SKRSContext2D;
      const meta = chart.getDatasetMeta(0);
      const data = chart.data.datasets[0].data as number[];
      const haloed: boolean[] = [];
      if (halo) {
        const x = chart.scales.x;
        const lines = [chart.chartArea.left, ...x.ticks.map((t) => x.getPixelForValue(t.value)), ...(opts.lines?.(chart) ?? [])];
        ctx.save();
        ctx.font = font(size.value);
        const reach = HALO_WIDTH / 2 + 1; // the outline's half width and a point to spare
        const crossed = (x0: number, x1: number) => lines.some((l) => l > x0 - reach && l < x1 + reach);
        meta.data.forEach((el, i) => {
          const w = ctx.measureText(format(data[i])).width;
          const { x: bx } = el.getProps(['x'], true) as { x: number };
          haloed[i] = data[i] >= 0 ? crossed(bx + 2.5, bx + 2.5 + w) : crossed(bx - 2.5 - w, bx - 2.5);
        });
        ctx.restore();
      }
      meta.data.forEach((el, i) => {
        const { x, y } = el.getProps(['x', 'y'], true) as { x: number; y: number };
        const v = data[i];
        const h = halo && haloed[i] === true;
        if (v >= 0) drawText(ctx, format(v), x + 2.5, y, 'left', palette.ink, size.value, 'normal', h);
        else drawText(ctx, format(v), x - 2.5, y, 'right', palette.ink, size.value, 'normal', h);
      });
    },
  };
}

export async function renderRankedBars(o: RankedBarsOptions): Promise<RenderedFigure> {
  const p = normalise(o);
  return renderRowChart(p, () => ({
    datasets: [
      {
        data: p.rows.map((r) => r.value),
        backgroundColor: p.rows.map((r) => r.color),
        borderColor: palette.districtBorder,
        // very light bars get a hairline so they do not vanish on white paper
        borderWidth: p.rows.map((r) => (luminance(r.color) > 0.8 ? p.size.border : 0)),
        ...ROW_BARS,
      },
    ],
    x: { ...p.domain, title: p.unit },
    padRight: p.padRight,
    plugins: [barValueLabels(p.size)],
    legend: p.legend,
  }));
}
