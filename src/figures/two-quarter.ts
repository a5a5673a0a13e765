/**
 * Two quarters side by side (连续两季度得分变化情况): a dumbbell per district — a
 * ring at last quarter's value, a dot at this quarter's, joined by a line — sorted
 * by this quarter's value, both values printed on the outer sides.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Chart, Plugin } from 'chart.js';
import type { LegendItem } from './legend.js';
import { niceDomain } from './nice.js';
import { checkRows, drawText, renderRowChart, rowsHeight, sortDesc } from './rows.js';
import { formatNumber, palette, sizesFor, type FigureSizes } from './style.js';
import type { RenderedFigure } from './types.js';

export interface TwoQuarterOptions {
  values: { district: string; previous: number; current: number }[];
  /** [previous quarter, current quarter], e.g. ['2018年第2季度', '2018年第3季度']. */
  labels: [string, string];
  widthPt: number;
  heightPt?: number;
  /** x axis title, e.g. 双创指数得分. */
  axisTitle?: string;
}

interface TwoQuarterPlan {
  size: FigureSizes;
  width: number;
  height: number;
  rows: { district: string; previous: number; current: number }[];
  labels: [string, string];
  axisTitle?: string;
  domain: { min: number; max: number; step: number };
}

function normalise(o: TwoQuarterOptions): TwoQuarterPlan {
  checkRows('two-quarter chart', o.values, (r) => [r.previous, r.current]);
  if (!Array.isArray(o.labels) || o.labels.length !== 2 || o.labels.some((l) => !l)) {
    throw new Error('figures: two-quarter chart: labels must be [previous quarter, current quarter]');
  }
  const rows = sortDesc(o.values, (r) => r.current);
  const size = sizesFor(o.widthPt);
  const all = rows.flatMap((r) => [r.previous, r.current]);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const d = niceDomain(lo, hi, size.axisSteps);
  // room for the printed values outside the extreme dots
  const span = d.max - d.min;
  return {
    size,
    width: Math.round(o.widthPt),
    height: Math.round(o.heightPt ?? rowsHeight(rows.length, size)),
    rows,
    labels: o.labels,
    axisTitle: o.axisTitle,
    domain: {
      min: lo - d.min < span * 0.1 ? d.min - d.step : d.min,
      max: d.max - hi < span * 0.1 ? d.max + d.step : d.max,
      step: d.step,
    },
  };
}

function dumbbellValues(p: TwoQuarterPlan): Plugin {
  return {
    id: 'dumbbellValues',
    afterDatasetsDraw(chart: Chart) {
      const ctx = chart.ctx as unknown as SKRSContext2D;
      const x = chart.scales.x;
      const y = chart.scales.y;
      p.rows.forEach((r, i) => {
        const cy = y.getPixelForValue(i);
        const xp = x.getPixelForValue(r.previous);
        const xc = x.getPixelForValue(r.current);
        const gap = p.size.dot + 2;
        const up = r.current >= r.previous;
        drawText(ctx, formatNumber(r.current), up ? xc + gap : xc - gap, cy, up ? 'left' : 'right', palette.ink, p.size.value);
        drawText(ctx, formatNumber(r.previous), up ? xp - gap : xp + gap, cy, up ? 'right' : 'left', palette.muted, p.size.value);
      });
    },
  };
}

export async function renderTwoQuarter(o: TwoQuarterOptions): Promise<RenderedFigure> {
  const p = normalise(o);
  const legend: LegendItem[] = [
    { label: p.labels[0], key: { kind: 'ring', color: palette.previous } },
    { label: p.labels[1], key: { kind: 'dot', color: palette.current } },
  ];
  const point = { indexAxis: 'y', type: 'line', showLine: false, pointStyle: 'circle', pointRadius: p.size.dot, pointBorderWidth: 1 };
  return renderRowChart(p, () => ({
    datasets: [
      {
        // the connecting line: a thin floating bar from one value to the other
        type: 'bar',
        data: p.rows.map((r) => [Math.min(r.previous, r.current), Math.max(r.previous, r.current)]),
        backgroundColor: palette.grid,
        barThickness: 1.6,
        grouped: false,
        order: 3, // higher order is drawn first (underneath)
      },
      {
        ...point,
        label: p.labels[0],
        data: p.rows.map((r) => r.previous),
        pointBackgroundColor: palette.background,
        pointBorderColor: palette.previous,
        order: 2,
      },
      {
        ...point,
        label: p.labels[1],
        data: p.rows.map((r) => r.current),
        pointBackgroundColor: palette.current,
        pointBorderColor: palette.current,
        order: 1,
      },
    ] as never,
    x: { ...p.domain, title: p.axisTitle },
    padRight: 6,
    plugins: [dumbbellValues(p)],
    legend,
  }));
}
