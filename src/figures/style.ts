/**
 * The house style of every figure, defined once: palette, font, sizes (in points),
 * number format, resolution. Chart units are points: a figure `widthPt` wide is a
 * canvas `widthPt` units wide, drawn at `pngScale` pixels per point for the PNG and
 * at 1 unit per point for the SVG.
 */
import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { Chart, Plugin } from 'chart.js';

/** Font family name under which Noto Sans SC (黑体 role) is registered. */
export const FONT_FAMILY = 'Noto Sans SC';

let fontsRegistered = false;

/** Registers Noto Sans SC regular + bold from the npm package, once per process. */
export function ensureFonts(): void {
  if (fontsRegistered) return;
  const require = createRequire(import.meta.url);
  const files = ['@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf', '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'];
  for (const f of files) {
    const path = require.resolve(f);
    if (!GlobalFonts.registerFromPath(path, FONT_FAMILY)) {
      throw new Error(`figures: cannot register font ${path}`);
    }
  }
  fontsRegistered = true;
}

let scratch: SKRSContext2D | undefined;
/** A context for measuring text before a chart exists. */
export function measureCtx(): SKRSContext2D {
  ensureFonts();
  scratch ??= createCanvas(1, 1).getContext('2d');
  return scratch;
}

/** The sizes of a figure's set-up, in points. */
export interface FigureSizes {
  tick: number;
  value: number;
  legend: number;
  legendTitle: number;
  /** Legend keys (swatch, line) width and swatch height. */
  legendKeyW: number;
  legendKeyH: number;
  mapLabel: number;
  insetTitle: number;
  note: number;
  /** Height of one bar row in the 38-row charts. */
  row: number;
  /** Room below the rows for the x axis (ticks + title). */
  axisH: number;
  /** Radius of the two-quarter chart's dots (and their legend keys). */
  dot: number;
  /** Steps a signed x axis aims at (change, two-quarter): fewer on narrow figures. */
  axisSteps: number;
  /** Hairlines. */
  gridLine: number;
  axisLine: number;
  border: number;
}

/** Sizes in points: the house set-up of a figure at the text width. */
export const size: FigureSizes = {
  tick: 8,
  value: 7,
  legend: 8,
  legendTitle: 8,
  legendKeyW: 12,
  legendKeyH: 7.5,
  mapLabel: 7,
  insetTitle: 7.5,
  note: 7,
  row: 10.5,
  axisH: 30,
  dot: 2.8,
  axisSteps: 6,
  gridLine: 0.4,
  axisLine: 0.6,
  border: 0.4,
};

/**
 * The set-up of a figure at half the text width (two figures side by side): smaller
 * type, never below 6 pt, and lower rows, so that the 38 rows stay as legible as at
 * full width while the pair takes less height than one full-width figure. Rows are
 * 7 pt (names 6 pt, a point of leading): the pair then takes 340 pt with its
 * captions, so that it shares a page with a map set 1/7 smaller (the sample report
 * fits in 9 pages instead of 11, no page but the last under 85 %; 8.5 pt rows left
 * a pair and a map to a page each, the pages half empty).
 */
export const halfWidthSize: FigureSizes = {
  ...size,
  tick: 6,
  value: 6,
  legend: 6.5,
  legendTitle: 6.5,
  legendKeyW: 9,
  legendKeyH: 6,
  note: 6,
  row: 7,
  axisH: 25,
  dot: 2.3,
  axisSteps: 4,
};

/** A map is nearly square: a little narrower than the text (this share of it), so that it can share a page with text. */
export const MAP_SHARE = 0.85;

/** The width a report's map is drawn at, for the text width `widthPt`. */
export function mapWidthPt(widthPt: number = textWidthPt): number {
  return Math.round(widthPt * MAP_SHARE);
}

/** Gap between two figures standing side by side, in points. */
export const PAIR_GAP_PT = 12;

/** The width of each of two figures side by side across `widthPt`. */
export function halfWidthPt(widthPt: number = textWidthPt): number {
  return Math.floor((widthPt - PAIR_GAP_PT) / 2);
}

/** The set-up for a figure `widthPt` wide: the house sizes, or the half-width ones up to 60 % of the text width. */
export function sizesFor(widthPt: number): FigureSizes {
  return widthPt <= textWidthPt * 0.6 ? halfWidthSize : size;
}

/** Print-friendly colours that stay distinct in grayscale (they differ in lightness). */
export const palette = {
  background: '#ffffff',
  ink: '#1a1a1a',
  muted: '#5a5a5a',
  grid: '#dcdcdc',
  axis: '#8c8c8c',
  districtBorder: '#6e6e6e',
  missing: '#e3e3e3',
  /** One-series bars. */
  bar: '#3b6c9e',
  /** Rise / fall: blue vs orange, colour-blind safe, dark vs light in grayscale. */
  rise: '#2f5f8f',
  fall: '#e3904a',
  mean: '#1a1a1a',
  previous: '#9a9a9a',
  current: '#1f4e79',
} as const;

/**
 * Sequential blues (ColorBrewer "Blues", Cynthia Brewer, Apache-2.0), light → dark,
 * by number of classes. Lightness steps are large enough for grayscale print.
 */
const BLUES: Record<number, string[]> = {
  1: ['#3182bd'],
  2: ['#9ecae1', '#2171b5'],
  3: ['#deebf7', '#9ecae1', '#3182bd'],
  4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
  5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
  6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
  7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
};

/** `k` sequential colours, light (low values) → dark (high values). 1 ≤ k ≤ 7. */
export function sequentialPalette(k: number): string[] {
  const p = BLUES[k];
  if (!p) throw new RangeError(`figures: sequentialPalette supports 1–7 classes, got ${k}`);
  return [...p];
}

/** Text width of the bulletin's A4 page, in points (the usual figure width). */
export const textWidthPt = 453;

/** PNG pixels per point (2 → 144 ppi at the printed size; the product allows no less). */
export const pngScale = 2;

/** A CSS font string for canvas text. */
export function font(sizePt: number, weight: 'normal' | 'bold' = 'normal'): string {
  return `${weight === 'bold' ? 'bold ' : ''}${sizePt}px "${FONT_FAMILY}"`;
}

/** Chart.js font option. */
export function chartFont(sizePt: number, weight: 'normal' | 'bold' = 'normal') {
  return { family: FONT_FAMILY, size: sizePt, weight, lineHeight: 1.2 } as const;
}

/** Numbers carry 2 decimals; a value that rounds to zero prints as 0.00 (never -0.00). */
export function formatNumber(v: number, decimals = 2): string {
  const s = v.toFixed(decimals);
  return Number(s) === 0 ? (0).toFixed(decimals) : s;
}

/** Relative luminance (sRGB, 0–1) of a #rrggbb colour. */
export function luminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return 1;
  const n = parseInt(m[1], 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

/** Ink that reads on a given fill: white on dark fills, the normal ink otherwise. */
export function inkOn(fill: string): string {
  return luminance(fill) < 0.22 ? '#ffffff' : palette.ink;
}

/** Paints the (otherwise transparent) canvas white before anything else is drawn. */
export const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart: Chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = palette.background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};
