/**
 * Figure renderers: plain data in, vector SVG (text as outlines) + PNG out.
 * They know nothing of the facts ledger; the report wires them to its facts.
 */
export type { ClassedDatum, DistrictDatum, FigureClass, RenderedFigure } from './types.js';
export { renderDistributionMap, type DistributionMapOptions } from './map/index.js';
export { renderRankedBars, type RankedBarsOptions } from './bars.js';
export { renderChangeBars, type ChangeBarsOptions } from './change.js';
export { renderTwoQuarter, type TwoQuarterOptions } from './two-quarter.js';
export { classBreaks, classify, classOf, tierClasses, type ValueClass } from './classes.js';
export { formatNumber, halfWidthPt, halfWidthSize, PAIR_GAP_PT, palette, pngScale, sequentialPalette, size, sizesFor, textWidthPt, type FigureSizes } from './style.js';
export { buildFigures, figureFileStem, type ReportFigure } from './build.js';
export { createFigureMemo, defaultMemo, type DataStore, type FigureMemo } from './memo.js';
export {
  CAPTION_PLACEHOLDERS,
  DEFAULT_FIGURES_FILE,
  FIGURE_KINDS,
  figureCaption,
  fillCaption,
  loadFigureSpecs,
  numberFigures,
  parseFigureSpecs,
  type CaptionVars,
  type FigureKind,
  type FigureSpec,
  type NumberedFigure,
} from './spec.js';
