/**
 * The one place where a Chart.js configuration becomes a figure: drawn once on a
 * raster canvas (PNG at `pngScale` px/pt) and once on an SVG canvas whose text is
 * converted to outlines. Both draws use the same configuration factory, so the two
 * outputs show the same thing; nothing depends on time or randomness.
 */
import { createHash } from 'node:crypto';
import { createCanvas, SvgExportFlag } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import { ChoroplethController, ColorScale, GeoFeature, ProjectionScale } from 'chartjs-chart-geo';
import { ensureFonts, pngScale, whiteBackground } from './style.js';
import type { RenderedFigure } from './types.js';

let chartJsReady = false;

function ensureChartJs(): void {
  if (chartJsReady) return;
  Chart.register(...registerables, ChoroplethController, GeoFeature, ProjectionScale, ColorScale);
  chartJsReady = true;
}

export interface ChartJob {
  /** Figure size in points; rounded to whole points. */
  widthPt: number;
  heightPt: number;
  /** Builds a fresh configuration (called once per output, so plugin state is never shared). */
  config: () => ChartConfiguration;
}

export interface RenderTiming {
  pngMs: number;
  svgMs: number;
}

const timings: RenderTiming[] = [];

/** Timings of the renders since the last call (for the preview script and benchmarks). */
export function takeRenderTimings(): RenderTiming[] {
  return timings.splice(0, timings.length);
}

function withHouseOptions(cfg: ChartConfiguration, devicePixelRatio: number): ChartConfiguration {
  const plugins: Plugin[] = [whiteBackground, ...((cfg.plugins as Plugin[] | undefined) ?? [])];
  return {
    ...cfg,
    options: { ...(cfg.options ?? {}), animation: false, responsive: false, devicePixelRatio },
    plugins,
  } as ChartConfiguration;
}

/** 0.01 pt is far below what print shows; Skia writes 5 decimals. */
function roundNumbers(svg: string): string {
  return svg.replace(/-?\d+\.\d{3,}/g, (m) => {
    const r = Number(Number(m).toFixed(2));
    return String(r === 0 ? 0 : r);
  });
}

/**
 * Skia numbers clip paths from a process-wide counter (cl_3, cl_9, …), so the same
 * figure would differ between runs. Renumber them in order of appearance, prefixed
 * with a hash of the content so that two figures inlined in one page cannot clash.
 */
function stableIds(svg: string): string {
  const ids = new Map<string, string>();
  const local = svg.replace(/\bid="([^"]+)"/g, (_m, id: string) => {
    if (!ids.has(id)) ids.set(id, `c${ids.size + 1}`);
    return `id="${ids.get(id)}"`;
  });
  const rename = (s: string) => s.replace(/url\(#([^)]+)\)|href="#([^"]+)"/g, (m, a?: string, b?: string) => {
    const id = (a ?? b)!;
    const n = ids.get(id);
    if (!n) return m;
    return a !== undefined ? `url(#${n})` : `href="#${n}"`;
  });
  const body = rename(local);
  const tag = createHash('sha256').update(body).digest('hex').slice(0, 8);
  return body.replace(/\bid="(c\d+)"/g, `id="f${tag}-$1"`).replace(/url\(#(c\d+)\)/g, `url(#f${tag}-$1)`).replace(/href="#(c\d+)"/g, `href="#f${tag}-$1"`);
}

/**
 * Rounds coordinates to 0.01 pt (about 40 % smaller), adds a viewBox so that the SVG
 * scales when a renderer sizes it, and checks that text came out as outlines.
 */
function finishSvg(raw: string, w: number, h: number): string {
  if (/<text[\s>]/.test(raw)) {
    throw new Error('figures: the SVG still holds <text> elements; text must be converted to paths');
  }
  return stableIds(roundNumbers(raw)).replace(/<svg\b([^>]*)>/, (m, attrs: string) =>
    /viewBox=/.test(attrs) ? m : `<svg${attrs} viewBox="0 0 ${w} ${h}">`,
  );
}

export async function renderChart(job: ChartJob): Promise<RenderedFigure> {
  ensureFonts();
  ensureChartJs();
  const w = Math.round(job.widthPt);
  const h = Math.round(job.heightPt);
  if (!(w > 0 && h > 0)) throw new RangeError(`figures: bad figure size ${job.widthPt}×${job.heightPt} pt`);

  // PNG: read the pixels before destroy().
  const t0 = performance.now();
  const raster = createCanvas(w, h);
  const c1 = new Chart(raster as unknown as HTMLCanvasElement, withHouseOptions(job.config(), pngScale));
  let png: Uint8Array;
  try {
    png = new Uint8Array(await raster.encode('png', { resolution: Math.round(72 * pngScale) }));
  } finally {
    c1.destroy();
  }
  const t1 = performance.now();

  const vector = createCanvas(w, h, SvgExportFlag.ConvertTextToPaths);
  const c2 = new Chart(vector as unknown as HTMLCanvasElement, withHouseOptions(job.config(), 1));
  let svg: string;
  try {
    svg = finishSvg(vector.getContent().toString('utf8'), w, h);
  } finally {
    c2.destroy();
  }
  const t2 = performance.now();
  timings.push({ pngMs: t1 - t0, svgMs: t2 - t1 });
  return { svg, png, widthPt: w, heightPt: h };
}
