/**
 * Change on the previous quarter (环比变化, %): one horizontal bar per district,
 * sorted from the largest rise to the largest fall, rises and falls in two colours,
 * the value printed at each bar's end, a dashed line at the mean with its label.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Chart, Plugin } from 'chart.js';
import { barValueLabels } from './bars.js';
import type { LegendItem } from './legend.js';
import { niceDomain } from './nice.js';
import { checkRows, drawText, ROW_BARS, renderRowChart, rowsHeight, sortDesc } from './rows.js';
import { font, formatNumber, palette, sizesFor, type FigureSizes } from './style.js';
import type { RenderedFigure } from './types.js';

export interface ChangeBarsOptions {
  /** % change of each district on the previous quarter (e.g. 12.77 for +12.77 %). */
  values: { district: string; pct: number }[];
  /** Mean change of the districts, in % (the caller's figure, so text and chart agree). */
  mean: number;
  widthPt: number;
  heightPt?: number;
  /** Label of the mean line; default `平均 ${mean}%`. */
  meanLabel?: string;
  /** x axis title. */
  axisTitle?: string;
}

/** Room above the rows for the mean label. */
const meanLabelH = (size: FigureSizes) => size.value * 1.8;

interface ChangePlan {
  size: FigureSizes;
  width: number;
  height: number;
  rows: { district: string; pct: number }[];
  mean: number;
  meanLabel: string;
  axisTitle: string;
  domain: { min: number; max: number; step: number };
}

function normalise(o: ChangeBarsOptions): ChangePlan {
  checkRows('change bars', o.values, (r) => [r.pct]);
  if (!Number.isFinite(o.mean)) throw new Error('figures: change bars: mean is not a finite number');
  const rows = sortDesc(o.values, (r) => r.pct);
  const size = sizesFor(o.widthPt);
  const lo = Math.min(0, o.mean, ...rows.map((r) => r.pct));
  const hi = Math.max(0, o.mean, ...rows.map((r) => r.pct));
  const d = niceDomain(lo, hi, size.axisSteps);
  // room for the value labels beyond the longest bars on both sides
  const span = d.max - d.min;
  const min = lo < 0 && lo - d.min < span * 0.09 ? d.min - d.step : d.min;
  const max = hi > 0 && d.max - hi < span * 0.09 ? d.max + d.step : d.max;
  return {
    size,
    width: Math.round(o.widthPt),
    height: Math.round(o.heightPt ?? rowsHeight(rows.length, size) + meanLabelH(size)),
    rows,
    mean: o.mean,
    meanLabel: o.meanLabel ?? `平均 ${formatNumber(o.mean)}%`,
    axisTitle: o.axisTitle ?? '环比变化（%）',
    domain: { min, max, step: d.step },
  };
}

function meanLine(p: ChangePlan): Plugin {
  return {
    id: 'meanLine',
    afterDatasetsDraw(chart: Chart) {
      const ctx = chart.ctx as unknown as SKRSContext2D;
      const a = chart.chartArea;
      const x = chart.scales.x.getPixelForValue(p.mean);
      ctx.save();
      ctx.strokeStyle = palette.mean;
      ctx.lineWidth = 0.9;
      ctx.setLineDash([3, 2]);
      ctx.beginPath();
      ctx.moveTo(x, a.top);
      ctx.lineTo(x, a.bottom);
      ctx.stroke();
      ctx.restore();
      // label above the plot, centred on the line (kept inside the figure)
      ctx.save();
      ctx.font = font(p.size.value, 'bold');
      const half = ctx.measureText(p.meanLabel).width / 2;
      ctx.restore();
      const lx = Math.min(Math.max(x, half + 2), chart.width - half - 2);
      drawText(ctx, p.meanLabel, lx, a.top - meanLabelH(p.size) / 2 - 1, 'center', palette.ink, p.size.value, 'bold');
    },
  };
}

export async function renderChangeBars(o: ChangeBarsOptions): Promise<RenderedFigure> {
  const p = normalise(o);
  const legend: LegendItem[] = [
    { label: '上升', key: { kind: 'swatch', color: palette.rise } },
    { label: '下降', key: { kind: 'swatch', color: palette.fall } },
    { label: p.meanLabel, key: { kind: 'line', color: palette.mean, dash: [3, 2] } },
  ];
  return renderRowChart(p, () => ({
    datasets: [{ data: p.rows.map((r) => r.pct), backgroundColor: p.rows.map((r) => (r.pct >= 0 ? palette.rise : palette.fall)), ...ROW_BARS }],
    x: { ...p.domain, title: p.axisTitle },
    zeroLine: true,
    padRight: 6,
    padTop: meanLabelH(p.size) + 2,
    plugins: [meanLine(p), barValueLabels(p.size, { halo: true, lines: (chart) => [chart.scales.x.getPixelForValue(p.mean)] })],
    legend,
  }));
}
