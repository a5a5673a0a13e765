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
import { encodeOpaquePng } from './png.js';
import { compactSvg } from './svg-compact.js';
import { injectText, recordText, type TextRecord } from './text-outlines.js';
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

let rawSvgs: Buffer[] | undefined;

/** For the benchmark of the SVG compaction: keeps the SVG Skia writes, before any finishing, until taken. */
export function keepRawSvgs(): void {
  rawSvgs ??= [];
}

/** The SVGs kept since keepRawSvgs() (and stops keeping them). */
export function takeRawSvgs(): Buffer[] {
  const out = rawSvgs ?? [];
  rawSvgs = undefined;
  return out;
}

function withHouseOptions(cfg: ChartConfiguration, devicePixelRatio: number): ChartConfiguration {
  const plugins: Plugin[] = [whiteBackground, ...((cfg.plugins as Plugin[] | undefined) ?? [])];
  return {
    ...cfg,
    options: { ...(cfg.options ?? {}), animation: false, responsive: false, devicePixelRatio },
    plugins,
  } as ChartConfiguration;
}

/**
 * Skia writes a filled and stroked shape as two elements with the same outline: the
 * fill, then the stroke. One element with both paints the same (fill, then stroke) and
 * halves the path data a reader (or svg-to-pdfkit) has to parse.
 */
function mergeFillStroke(svg: string): string {
  return svg.replace(/<path fill="([^"]+)" d="([^"]*)"\/>\s*<path fill="none" (stroke="[^"]*"(?: stroke-[a-z]+="[^"]*")*) d="\2"\/>/g, (_m, fill: string, d: string, stroke: string) => `<path fill="${fill}" ${stroke} d="${d}"/>`);
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
  const rename = (s: string) =>
    s.replace(/url\(#([^)]+)\)|href="#([^"]+)"/g, (m, a?: string, b?: string) => {
      const id = (a ?? b)!;
      const n = ids.get(id);
      if (!n) return m;
      return a !== undefined ? `url(#${n})` : `href="#${n}"`;
    });
  const body = rename(local);
  const tag = createHash('sha256').update(body).digest('hex').slice(0, 8);
  return body
    .replace(/\bid="(c\d+)"/g, `id="f${tag}-$1"`)
    .replace(/url\(#(c\d+)\)/g, `url(#f${tag}-$1)`)
    .replace(/href="#(c\d+)"/g, `href="#f${tag}-$1"`);
}

/**
 * Rounds numbers to 0.01 pt and writes path data in relative form (compactSvg: about
 * 55 % smaller together), merges the fill and the stroke of one outline into one
 * element, adds a viewBox so that the SVG scales when a renderer sizes it, and checks
 * that text came out as outlines.
 */
function finishSvg(raw: Buffer, w: number, h: number, text?: TextRecord): string | undefined {
  const compacted = compactSvg(raw);
  const svg = text ? injectText(compacted, text) : compacted;
  if (svg === undefined) return undefined;
  if (/<text[\s>]/.test(svg)) {
    throw new Error('figures: the SVG still holds <text> elements; text must be converted to paths');
  }
  return stableIds(mergeFillStroke(svg)).replace(/<svg\b([^>]*)>/, (m, attrs: string) => (/viewBox=/.test(attrs) ? m : `<svg${attrs} viewBox="0 0 ${w} ${h}">`));
}

export async function renderChart(job: ChartJob): Promise<RenderedFigure> {
  ensureFonts();
  ensureChartJs();
  const w = Math.round(job.widthPt);
  const h = Math.round(job.heightPt);
  if (!(w > 0 && h > 0)) throw new RangeError(`figures: bad figure size ${job.widthPt}×${job.heightPt} pt`);

  // PNG: drawn first; its pixels are copied (before destroy(), which clears the canvas)
  // and deflated on the libuv threadpool while the SVG is drawn.
  const timing: RenderTiming = { pngMs: 0, svgMs: 0 };
  timings.push(timing); // in call order, even when renders overlap
  const t0 = performance.now();
  const raster = createCanvas(w, h);
  const c1 = new Chart(raster as unknown as HTMLCanvasElement, withHouseOptions(job.config(), pngScale));
  let encoding: Promise<Uint8Array>;
  try {
    encoding = encodeOpaquePng(raster.data(), raster.width, raster.height, 72 * pngScale);
  } finally {
    c1.destroy();
  }
  encoding.catch(() => undefined); // awaited below; no unhandled rejection if the SVG draw throws first
  const t1 = performance.now();

  // SVG: labels as outlines of our own (see text-outlines.ts); if their markers cannot be
  // matched, the figure is drawn again with Skia's own text outlines.
  let svg: string | undefined;
  for (const ownText of [true, false]) {
    const vector = createCanvas(w, h, SvgExportFlag.ConvertTextToPaths);
    const text = ownText ? recordText(vector.getContext('2d')) : undefined;
    const c2 = new Chart(vector as unknown as HTMLCanvasElement, withHouseOptions(job.config(), 1));
    try {
      const raw = vector.getContent();
      if (ownText) rawSvgs?.push(raw);
      svg = finishSvg(raw, w, h, text);
    } finally {
      c2.destroy();
    }
    if (svg !== undefined) break;
  }
  const t2 = performance.now();
  const png = await encoding;
  const t3 = performance.now();
  timing.pngMs = t1 - t0 + (t3 - t2);
  timing.svgMs = t2 - t1;
  return { svg: svg!, png, widthPt: w, heightPt: h };
}
