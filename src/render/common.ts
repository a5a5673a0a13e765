/**
 * What the PDF and DOCX renderers share: page geometry, type sizes, fixed
 * dates, plain-text helpers. Values are in points unless named otherwise.
 */
import type { DocumentModel, Inline } from '../model/types.js';

/** A4 in points. */
export const PAGE = { width: 595.28, height: 841.89 } as const;

/** Body type size (五号, 10.5 pt). */
export const BODY_PT = 10.5;

/**
 * Margins of a bulletin page. Left/right make the text block exactly 45
 * characters of body type wide (472.5 pt), so justified CJK lines need no
 * extra spacing between characters.
 */
export const MARGIN = {
  left: (PAGE.width - 45 * BODY_PT) / 2,
  right: (PAGE.width - 45 * BODY_PT) / 2,
  top: 74,
  bottom: 62,
  /** Distance of the running header's baseline area from the top edge. */
  header: 34,
  /** Distance of the page number from the bottom edge. */
  footer: 30,
} as const;

export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/** Type sizes in points. */
export const SIZE = {
  title: 18,
  byline: 10.5,
  lead: 9.5,
  h1: 12,
  h2: 10.5,
  h3: 10.5,
  body: BODY_PT,
  caption: 9,
  table: 8.5,
  note: 9,
  footnote: 8.5,
  runningHead: 9,
  pageNumber: 9,
} as const;

/** Line pitch as a multiple of the type size. */
export const LEADING = {
  body: 1.6,
  lead: 1.55,
  heading: 1.45,
  title: 1.35,
  caption: 1.35,
  table: 1.3,
  note: 1.45,
  footnote: 1.4,
} as const;

/** The header band's mark (样例数据): light grey, letter-spaced, so it reads as a stamp, not as text. */
export const MARK_COLOR = '#a6a6a6';
export const MARK_TRACKING = 2;

export const DEFAULT_DATE = '2000-01-01T00:00:00Z';

/** The fixed date written into file properties (never the clock). */
export function documentDate(model: DocumentModel): Date {
  const d = new Date(model.meta.date ?? DEFAULT_DATE);
  if (Number.isNaN(d.getTime())) throw new Error(`meta.date is not an ISO 8601 date: ${model.meta.date}`);
  return d;
}

/** Plain text of inline content, footnote marks left out. */
export function plainText(content: Inline[]): string {
  return content.map((i) => (i.type === 'text' ? i.text : '')).join('');
}

/**
 * A figure's printed size: its own, narrowed to `room` (the text width, or half of
 * it for a pair) if wider, times
 * `scale` (a figure set smaller to fit its page, see the PDF renderer's floats.ts).
 */
export function figureSize(b: { widthPt: number; heightPt: number }, scale = 1, room = TEXT_WIDTH): { width: number; height: number } {
  const s = (b.widthPt > room ? room / b.widthPt : 1) * scale;
  return { width: b.widthPt * s, height: b.heightPt * s };
}

/** Space between the two figures of a pair, and the width each may take. */
export const PAIR_GAP = 12;
export const HALF_WIDTH = (TEXT_WIDTH - PAIR_GAP) / 2;

/** Figure and table captions as printed: 图3 标题 / 表1 标题. */
export function figureLabel(n: number): string {
  return `图${n}`;
}
export function tableLabel(n: number): string {
  return `表${n}`;
}
