/**
 * Robustness of ranks (排名稳健性), as the JRC audits of the Global Innovation Index
 * draw it: one row per district in the order of its printed rank, a bar spanning the
 * 5 %–95 % interval of its rank over the simulations, a dot at the printed rank and
 * a ring at the median rank. Rank 1 is on the left.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Chart, Plugin } from 'chart.js';
import type { LegendItem } from './legend.js';
import { checkRows, renderRowChart, rowsHeight } from './rows.js';
import { palette, sizesFor } from './style.js';
import type { RenderedFigure } from './types.js';

export interface RankIntervalRow {
  district: string;
  rank: number;
  median: number;
  low: number;
  high: number;
}

export interface RankIntervalsOptions {
  /** In the order the rows are drawn (printed rank, best first). */
  rows: RankIntervalRow[];
  /** Number of districts (the axis runs from 1 to it). */
  count: number;
  widthPt: number;
  heightPt?: number;
}

const DOT = 2.1;

/** The printed rank (dot) and the median rank (ring) of every row, over the interval bar. */
function rankMarks(rows: RankIntervalRow[]): Plugin {
  return {
    id: 'rankMarks',
    afterDatasetsDraw(chart: Chart) {
      const ctx = chart.ctx as unknown as SKRSContext2D;
      const x = chart.scales.x;
      const meta = chart.getDatasetMeta(0);
      ctx.save();
      rows.forEach((r, i) => {
        const { y } = meta.data[i].getProps(['y'], true) as { y: number };
        ctx.strokeStyle = palette.ink;
        ctx.lineWidth = 0.7;
        ctx.beginPath();
        ctx.arc(x.getPixelForValue(r.median), y, DOT + 0.8, 0, Math.PI * 2);
        ctx.stroke();
        ctx.fillStyle = palette.current;
        ctx.beginPath();
        ctx.arc(x.getPixelForValue(r.rank), y, DOT, 0, Math.PI * 2);
        ctx.fill();
      });
      ctx.restore();
    },
  };
}

export async function renderRankIntervals(o: RankIntervalsOptions): Promise<RenderedFigure> {
  checkRows('rank intervals', o.rows, (r) => [r.rank, r.median, r.low, r.high]);
  const bad = o.rows.filter((r) => !(r.low <= r.high && r.low >= 1 && r.high <= o.count));
  if (bad.length) throw new Error(`figures: rank intervals: bad interval for ${bad.map((r) => r.district).join('、')}`);
  const legend: LegendItem[] = [
    { label: '本期排名', key: { kind: 'dot', color: palette.current } },
    { label: '模拟排名中位数', key: { kind: 'ring', color: palette.ink } },
    { label: '模拟排名5%—95%区间', key: { kind: 'swatch', color: palette.previous } },
  ];
  // The axis ends half a rank beyond 1 and n so that the end dots are not cut.
  const step = o.count > 20 ? 5 : 1;
  const size = sizesFor(o.widthPt);
  const frame = { width: Math.round(o.widthPt), height: Math.round(o.heightPt ?? rowsHeight(o.rows.length, size)), rows: o.rows, size };
  return renderRowChart(frame, () => ({
    datasets: [
      {
        // A floating bar from low to high; a single-rank interval is drawn a little wide so it shows.
        data: o.rows.map((r) => (r.low === r.high ? [r.low - 0.25, r.high + 0.25] : [r.low, r.high])),
        backgroundColor: palette.previous,
        borderWidth: 0,
        barPercentage: 0.45,
        categoryPercentage: 1,
      },
    ],
    x: { min: 0, max: Math.ceil((o.count + 1) / step) * step, step, title: '排名（第N位）' },
    plugins: [rankMarks(o.rows)],
    // The rows run from top left to bottom right: the top-right corner is empty.
    legend,
    legendCorner: 'top-right',
  }));
}
