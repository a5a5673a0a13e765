/**
 * The PDF's paragraph styles and the fixed dimensions of its page furniture
 * (figure and footnote spacing), shared by the definition and the planner.
 */
import { LEADING, SIZE } from '../common.js';

/** A pdfmake definition node (plain objects, validated by pdfmake at run time). */
export type Node = Record<string, unknown>;

/** Vertical metrics (em) of the Noto CJK fonts: ascender − descender. */
const FONT_EM_HEIGHT = { serif: 1.151 + 0.286, sans: 1.16 + 0.288 } as const;

/** pdfmake's lineHeight multiplies the font's own line height; convert a pitch given in ems. */
function lh(pitchEm: number, role: 'serif' | 'sans' = 'serif'): number {
  return pitchEm / FONT_EM_HEIGHT[role];
}

export const STYLES: Record<string, Node> = {
  title: { font: 'Sans', bold: true, fontSize: SIZE.title, alignment: 'center', lineHeight: lh(LEADING.title, 'sans'), margin: [0, 6, 0, 6] },
  byline: { font: 'Serif', fontSize: SIZE.byline, alignment: 'center', lineHeight: lh(LEADING.body), margin: [0, 0, 0, 12] },
  lead: { font: 'Serif', fontSize: SIZE.lead, alignment: 'justify', leadingIndent: 2 * SIZE.lead, lineHeight: lh(LEADING.lead), color: '#222222' },
  h1: { font: 'Sans', bold: true, fontSize: SIZE.h1, lineHeight: lh(LEADING.heading, 'sans'), margin: [0, 10, 0, 4] },
  h2: { font: 'Sans', fontSize: SIZE.h2, leadingIndent: 2 * SIZE.h2, lineHeight: lh(LEADING.heading, 'sans'), margin: [0, 6, 0, 2] },
  h3: { font: 'Serif', bold: true, fontSize: SIZE.h3, leadingIndent: 2 * SIZE.h3, lineHeight: lh(LEADING.body), margin: [0, 2, 0, 0] },
  body: { font: 'Serif', fontSize: SIZE.body, alignment: 'justify', leadingIndent: 2 * SIZE.body, lineHeight: lh(LEADING.body) },
  caption: { font: 'Sans', fontSize: SIZE.caption, alignment: 'center', lineHeight: lh(LEADING.caption, 'sans') },
  figureNote: { font: 'Serif', fontSize: SIZE.note - 0.5, alignment: 'center', lineHeight: lh(LEADING.note), color: '#333333' },
  note: { font: 'Serif', fontSize: SIZE.note, alignment: 'justify', lineHeight: lh(LEADING.note), color: '#222222', margin: [0, 2, 0, 4] },
  tableHead: { font: 'Sans', bold: true, fontSize: SIZE.table, alignment: 'center', lineHeight: lh(LEADING.table, 'sans') },
  tableCell: { font: 'Serif', fontSize: SIZE.table, lineHeight: lh(LEADING.table) },
  runningHead: { font: 'Sans', fontSize: SIZE.runningHead, color: '#333333' },
  pageNumber: { font: 'Sans', fontSize: SIZE.pageNumber },
  footnote: { font: 'Serif', fontSize: SIZE.footnote, alignment: 'justify', lineHeight: lh(LEADING.footnote) },
};

/** Marks a node that must not end a page (heading, table caption): see keepWithNext(). */
export const KEEP = 'keep-with-next';
/** A heading stays on its page only if the text after it gets at least this much room there (more than two lines). */
export const KEEP_MIN_ROOM = 2.2 * SIZE.body * LEADING.body;

/** Space above and below a figure block. */
export const FIGURE_MARGIN = { top: 6, bottom: 10 } as const;
/** Space between a figure and its caption, and between the caption and the figure's note. */
export const FIGURE_CAPTION_GAP = 4;
export const FIGURE_NOTE_GAP = 1;

/** Space between body text and the footnote rule, the rule line with its gap, and slack under the notes. */
export const FN_GAP = 8;
export const FN_RULE = 4;
export const FN_SLACK = 3;
