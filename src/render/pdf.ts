/**
 * PDF renderer: DocumentModel → pdfmake 0.3 document definition → bytes.
 *
 * Page furniture follows the bulletin 科技参考: running header (bulletin name
 * left, column label right, rule under it), page number at the foot, captions
 * 图N under figures and 表N above tables, footnotes marked ① and printed at the
 * foot of the page that carries the mark.
 *
 * pdfmake has no footnotes, so they are laid out in passes:
 *   pass 1  lay out with no footnote space; measure every note's height and
 *           find the page of every mark (marks are tagged inlines; their lines
 *           are read from the laid-out pages);
 *   pass 2+ reserve room at the foot of those pages (the page's bottom margin
 *           grows by the height of its notes, and the footer draws them there),
 *           lay out again and check the marks stayed on the same pages
 *           (a reserved block can push a mark over; then plan again).
 * Reserving space per page needs one hook into pdfmake's layout: see
 * installPageHook(). It only acts on pages of documents built here (marked
 * through the section's footer function), so other pdfmake users are untouched.
 *
 * Figures do not float, but one that would leave the rest of its page empty
 * (it does not fit under the text before it) may be set up to 15 % smaller so
 * that it stands there instead: the first such figure is found in the planning
 * pass (see fitFigure), and if it still does not fit in the final layout it goes
 * back to its size and to the next page, as before.
 *
 * Output is deterministic: fixed CreationDate/ModDate (from meta.date), and
 * PDFKit derives the file /ID from the info dictionary, so equal models give
 * equal bytes.
 *
 * Speed and memory: figures are not drawn by pdfmake's svg-to-pdfkit but
 * compiled once per render by svg-pdf.ts into Form XObjects (deflated on the
 * thread pool while the planning pass lays out), through two more narrow hooks
 * (installSvgHooks); the planning pass only lays out (nothing is drawn); the
 * four CJK fonts are parsed once per process, not once per pass
 * (shareParsedFonts). On the sample report: about 2.8 s before, 0.25 s now
 * (warm process, 2 cores).
 */
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { Block, DocumentModel, Footnote, Inline } from '../model/types.js';
import { defaultFontSet, type FontSet } from '../fonts.js';
import { FigureSet, drawSvgFigure, type PdfKitLike, type SvgFigure } from './svg-pdf.js';
import {
  LEADING,
  MARGIN,
  PAGE,
  SIZE,
  TEXT_WIDTH,
  documentDate,
  figureLabel,
  figureSize,
  plainText,
  tableLabel,
} from './common.js';

export interface PdfOptions {
  /** Fonts to embed; pass one FontSet to many renders to read the files once. Default: the process-wide set. */
  fonts?: FontSet;
  /** Number printed on the first page (e.g. the article's page in the bulletin issue). Default 1. */
  firstPageNumber?: number;
}

export interface PdfRenderInfo {
  pages: number;
  /** Layout passes run (1 without footnotes). */
  passes: number;
  /** Page (1-based, physical) of each footnote's mark. */
  footnotePages: Record<string, number>;
  /** Figures drawn smaller than their size so as to fit where they stand (figure number → scale). */
  figureScales: Record<number, number>;
  /** Milliseconds spent. */
  ms: number;
}

// ---------------------------------------------------------------------------
// Fonts

/** Vertical metrics (em) of the Noto CJK fonts: ascender − descender. */
const FONT_EM_HEIGHT = { serif: 1.151 + 0.286, sans: 1.16 + 0.288 } as const;

/** pdfmake's lineHeight multiplies the font's own line height; convert a pitch given in ems. */
function lh(pitchEm: number, role: 'serif' | 'sans' = 'serif'): number {
  return pitchEm / FONT_EM_HEIGHT[role];
}

const registered = new WeakMap<FontSet, string>();
let registeredCount = 0;

/** The font files registered for pdfmake, and their parsed fontkit fonts (see shareParsedFonts). */
const parsedFonts = new WeakMap<Uint8Array, unknown>();
let fontkitPatched = false;

/**
 * Every PDFKit document opens its fonts anew (fontkit.create on the file's
 * bytes), and every layout pass makes a document: the cmap, metrics and
 * layout tables of the four CJK fonts were decoded again for each pass and
 * each render (about 0.1 s a render). For the files registered here, the
 * parsed font is kept with the bytes and shared: fontkit fonts are read-only
 * after parsing (their glyph caches only grow), and PDFKit keeps the
 * per-document state (subset, layout cache) in its own EmbeddedFont. Other
 * fonts and other callers of fontkit are untouched.
 */
function shareParsedFonts(): void {
  if (fontkitPatched) return;
  const require = createRequire(import.meta.url);
  // The fontkit instance PDFKit loaded (its require resolves to the same CommonJS module).
  const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create?: (buf: Uint8Array, name?: string) => unknown };
  const original = fontkit.create;
  const desc = Object.getOwnPropertyDescriptor(fontkit, 'create');
  if (typeof original !== 'function' || !desc?.configurable) {
    fontkitPatched = true; // cannot share: fonts are parsed per document, as before
    return;
  }
  const create = (buffer: Uint8Array, postscriptName?: string): unknown => {
    if (postscriptName !== undefined || !parsedFonts.has(buffer)) return original(buffer, postscriptName);
    let font = parsedFonts.get(buffer);
    if (!font) {
      font = original(buffer);
      parsedFonts.set(buffer, font);
    }
    return font;
  };
  Object.defineProperty(fontkit, 'create', { configurable: true, enumerable: true, get: () => create });
  fontkitPatched = true;
}

/** Puts the font bytes into pdfmake's virtual file system once per FontSet; returns the pdfmake font table. */
function pdfmakeFonts(set: FontSet): Record<string, { normal: string; bold: string; italics: string; bolditalics: string }> {
  let prefix = registered.get(set);
  if (!prefix) {
    prefix = `fontset${++registeredCount}`;
    const vfs = pdfmake.virtualfs;
    vfs.writeFileSync(`${prefix}/serif-regular.ttf`, set.serif.regular.bytes);
    vfs.writeFileSync(`${prefix}/serif-bold.ttf`, set.serif.bold.bytes);
    vfs.writeFileSync(`${prefix}/sans-regular.ttf`, set.sans.regular.bytes);
    vfs.writeFileSync(`${prefix}/sans-bold.ttf`, set.sans.bold.bytes);
    for (const face of [set.serif.regular, set.serif.bold, set.sans.regular, set.sans.bold]) {
      if (!parsedFonts.has(face.bytes)) parsedFonts.set(face.bytes, undefined);
    }
    registered.set(set, prefix);
  }
  // CJK fonts have no italics: italic falls back to the upright faces.
  return {
    Serif: {
      normal: `${prefix}/serif-regular.ttf`,
      bold: `${prefix}/serif-bold.ttf`,
      italics: `${prefix}/serif-regular.ttf`,
      bolditalics: `${prefix}/serif-bold.ttf`,
    },
    Sans: {
      normal: `${prefix}/sans-regular.ttf`,
      bold: `${prefix}/sans-bold.ttf`,
      italics: `${prefix}/sans-regular.ttf`,
      bolditalics: `${prefix}/sans-bold.ttf`,
    },
  };
}

// ---------------------------------------------------------------------------
// The page hook (footnote space)

type Margins = { left: number; top: number; right: number; bottom: number };

/** Per-render state reached from inside pdfmake's layout through the section's footer function. */
interface PageHook {
  base: Margins;
  /** Extra bottom space (pt) per physical page number. */
  reserve: Map<number, number>;
  /** Pages of the latest layout (pdfmake re-lays out when a page break is inserted). */
  pages?: PdfmakePage[];
  /** A planning pass: only the layout is needed, the pages are not drawn (see installSvgHooks). */
  layoutOnly?: boolean;
}

interface PdfmakeInline {
  text: string;
  height?: number;
  fnMark?: string;
  fnMeasure?: string;
}
interface PdfmakeLine {
  inlines: PdfmakeInline[];
  getHeight(): number;
}
interface PdfmakePage {
  items: { type: string; item: unknown }[];
}

const HOOK = Symbol.for('shuangchuang-report.pdf.pageHook');
type FooterFn = ((page: number, pageCount: number) => unknown) & { [HOOK]?: PageHook };

let hookInstalled = false;

/**
 * Wraps pdfmake's DocumentContext.initializePage so a page of one of our
 * documents can have a larger bottom margin (room for its footnotes). The page
 * margins pdfmake keeps per page then also size the footer area, where the
 * notes are drawn. Pages of other documents are left as they are.
 */
function installPageHook(): void {
  if (hookInstalled) return;
  const require = createRequire(import.meta.url);
  // Same module instance as the one pdfmake's entry point loaded (CommonJS cache).
  const mod = require('pdfmake/js/DocumentContext.js') as { default?: { prototype: Record<string, unknown> } };
  const proto = mod.default?.prototype as
    | {
        initializePage: (this: DocumentContextLike) => void;
      }
    | undefined;
  if (!proto || typeof proto.initializePage !== 'function') {
    throw new Error('pdfmake internals changed: DocumentContext.initializePage not found (footnote layout needs it)');
  }
  const original = proto.initializePage;
  proto.initializePage = function (this: DocumentContextLike) {
    const page = this.getCurrentPage?.();
    const footer = page?.customProperties?.footer as FooterFn | undefined;
    const hook = typeof footer === 'function' ? footer[HOOK] : undefined;
    if (hook && page) {
      hook.pages = this.pages;
      const extra = hook.reserve.get(this.page + 1) ?? 0;
      const margins = extra > 0 ? { ...hook.base, bottom: hook.base.bottom + extra } : hook.base;
      this.pageMargins = margins;
      page.pageMargins = margins;
    }
    original.call(this);
  };
  hookInstalled = true;
}

/**
 * A figure node carries its compiled SVG under this key (see installSvgHooks).
 * A string key, not a symbol: pdfmake copies laid-out nodes of unbreakable
 * blocks with for…in, which skips symbols.
 */
const SVG_FIGURE = '_shuangchuangSvgFigure';
type FigureSvgNode = Node & { [SVG_FIGURE]?: SvgFigure; _width: number; _height: number; x: number; y: number };

let svgHooksInstalled = false;

/**
 * Two more narrow hooks, for figure nodes that carry a compiled SVG (see
 * svg-pdf.ts); every other svg node goes through pdfmake as before:
 *  - DocMeasure.measureSVG: the size comes from the compiled program, so the
 *    SVG text is not parsed with xmldoc and re-serialised (pdfmake does both
 *    only to read and rewrite the root's width/height);
 *  - Renderer.renderSVG: the compiled content is written in one piece instead
 *    of being drawn element by element by svg-to-pdfkit.
 * And one for the planning pass of our documents (marked through the page
 * hook, see PageHook.layoutOnly): Renderer.renderPages draws nothing, since only
 * the layout of that pass is read and its document is never finished.
 */
function installSvgHooks(): void {
  if (svgHooksInstalled) return;
  const require = createRequire(import.meta.url);
  const measure = (require('pdfmake/js/DocMeasure.js') as { default?: { prototype: Record<string, unknown> } }).default?.prototype as
    | {
        measureSVG: (this: DocMeasureLike, node: FigureSvgNode) => FigureSvgNode;
        measureImageWithDimensions?: unknown;
      }
    | undefined;
  const renderer = (require('pdfmake/js/Renderer.js') as { default?: { prototype: Record<string, unknown> } }).default?.prototype as
    | { renderSVG: (this: RendererLike, node: FigureSvgNode) => void; renderPages: (this: RendererLike, pages: PdfmakePage[]) => void }
    | undefined;
  if (!measure || typeof measure.measureSVG !== 'function' || typeof measure.measureImageWithDimensions !== 'function') {
    throw new Error('pdfmake internals changed: DocMeasure.measureSVG not found (figure drawing needs it)');
  }
  if (!renderer || typeof renderer.renderSVG !== 'function' || typeof renderer.renderPages !== 'function') {
    throw new Error('pdfmake internals changed: Renderer.renderSVG/renderPages not found (figure drawing needs them)');
  }
  const originalMeasure = measure.measureSVG;
  measure.measureSVG = function (this: DocMeasureLike, node: FigureSvgNode) {
    const figure = node[SVG_FIGURE];
    if (!figure) return originalMeasure.call(this, node);
    this.measureImageWithDimensions(node, { width: figure.program.width, height: figure.program.height });
    node.font = this.styleStack.getProperty('font');
    return node;
  };
  const originalPages = renderer.renderPages;
  renderer.renderPages = function (this: RendererLike, pages: PdfmakePage[]) {
    const footer = (pages[0] as { customProperties?: Record<string, unknown> } | undefined)?.customProperties?.footer as FooterFn | undefined;
    if (typeof footer === 'function' && footer[HOOK]?.layoutOnly) return;
    return originalPages.call(this, pages);
  };
  const originalRender = renderer.renderSVG;
  renderer.renderSVG = function (this: RendererLike, node: FigureSvgNode) {
    const figure = node[SVG_FIGURE];
    if (!figure) return originalRender.call(this, node);
    drawSvgFigure(this.pdfDocument, figure, node.x, node.y, node._width, node._height);
  };
  svgHooksInstalled = true;
}

interface DocMeasureLike {
  measureImageWithDimensions(node: Node, dimensions: { width: number; height: number }): void;
  styleStack: { getProperty(name: string): unknown };
}
interface RendererLike {
  pdfDocument: PdfKitLike;
}

interface DocumentContextLike {
  page: number;
  pages: PdfmakePage[];
  pageMargins: Margins;
  getCurrentPage?: () => (PdfmakePage & { pageMargins: Margins; customProperties?: Record<string, unknown> }) | null;
}

// ---------------------------------------------------------------------------
// Document definition

type Node = Record<string, unknown>;

interface BuildState {
  footnotes: Map<string, Footnote>;
  /** Physical page → footnote ids whose notes are printed there (in mark order). */
  plan: Map<number, string[]>;
  /**
   * Planning pass (only when the model has footnotes): measuring copies of every
   * note are appended after the content, figures are drawn as empty boxes.
   */
  measure: boolean;
  /** Compiled figures of this render (compiled and compressed once, whatever the number of passes); null: drawn by svg-to-pdfkit. */
  figures: Map<Block, SvgFigure | null>;
  /** Figures set smaller to fit the space left on the page before (see fitFigure): number → scale and intended page. */
  shrink: Map<number, { scale: number; page: number }>;
  firstPageNumber: number;
  header: DocumentModel['header'];
  /** Outline (bookmark) bookkeeping for headings. */
  headingCount: number;
  openHeadings: string[];
}

function inlineNodes(content: Inline[], st: BuildState, extra: Node = {}): Node[] {
  return content.map((i) => {
    if (i.type === 'footnoteRef') {
      const fn = st.footnotes.get(i.id);
      if (!fn) throw new Error(`footnote reference to an undefined footnote: ${i.id}`);
      return { text: fn.mark, sup: true, fnMark: i.id, ...extra };
    }
    const n: Node = { text: i.text, ...extra };
    if (i.bold) n.bold = true;
    if (i.italic) n.italics = true;
    if (i.superscript) n.sup = true;
    return n;
  });
}

const STYLES: Record<string, Node> = {
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
const KEEP = 'keep-with-next';

function figureNode(b: Extract<Block, { type: 'figure' }>, st: BuildState): Node {
  const { width, height } = figureSize(b, st.shrink.get(b.number)?.scale);
  const image: Node = { svg: b.svg, width, height, alignment: 'center', [FIGURE_NUMBER]: b.number };
  if (st.measure) {
    // The planning pass only needs the figure's size: an empty figure, nothing parsed or drawn.
    const blank: SvgFigure = {
      program: { width: b.widthPt, height: b.heightPt, viewBox: [0, 0, b.widthPt, b.heightPt], preserveAspectRatio: '', clip: true, parts: [], decimals: 0 },
      xobjects: new Map(),
      gstates: new Map(),
    };
    image[SVG_FIGURE] = blank;
  } else {
    // An SVG the lean drawer does not handle is drawn by pdfmake's svg-to-pdfkit, as before.
    const figure = st.figures.get(b);
    if (figure) image[SVG_FIGURE] = figure;
  }
  // Caption and note lines are tagged with the figure's number, so a laid-out page tells where the figure ends.
  const part = { figPart: b.number };
  const stack: Node[] = [
    image,
    {
      text: [{ text: figureLabel(b.number), bold: true, ...part }, { text: ` ${b.caption}`, ...part }],
      style: 'caption',
      margin: [0, 4, 0, 0],
    },
  ];
  if (b.note) stack.push({ text: [{ text: b.note, ...part }], style: 'figureNote', margin: [0, 1, 0, 0] });
  return { stack, unbreakable: true, margin: [0, FIGURE_MARGIN.top, 0, FIGURE_MARGIN.bottom] };
}

/** Space above and below a figure block. */
const FIGURE_MARGIN = { top: 6, bottom: 10 } as const;
/** A figure's image node carries its number under this key (a string key: pdfmake copies nodes with for…in). */
const FIGURE_NUMBER = '_shuangchuangFigureNumber';
/**
 * The smallest a figure may be set to fit the space left on a page: below this,
 * labels of 7–8 pt would print under 6 pt, and the figure goes to the next page
 * at full size, as before.
 */
const MIN_FIGURE_SCALE = 0.85;

type LaidOut = { type: string; item: { x?: number; y?: number; _height?: number; getHeight?: () => number; y1?: number; y2?: number; h?: number; inlines?: PdfmakeInline[]; [FIGURE_NUMBER]?: number } };

/** Top and bottom of a laid-out item. */
function extent({ type, item: it }: LaidOut): [number, number] {
  if (type === 'line' && it.getHeight) return [it.y ?? 0, (it.y ?? 0) + it.getHeight()];
  if (it._height !== undefined) return [it.y ?? 0, (it.y ?? 0) + it._height];
  if (it.y1 !== undefined || it.y2 !== undefined) return [Math.min(it.y1 ?? 0, it.y2 ?? 0), Math.max(it.y1 ?? 0, it.y2 ?? 0)];
  return [it.y ?? 0, (it.y ?? 0) + (it.h ?? 0)];
}

/**
 * A figure the layout pushes to the next page, leaving the page it would have
 * stood on partly empty, and the scale (≥ MIN_FIGURE_SCALE) at which it fits
 * there instead; null if there is none. Two cases: the figure stands at the top
 * of a page and the page before has room, or (in a layout made without the
 * footnote space) it ends below the space its page will have once the notes are
 * reserved. Only the first such figure: setting it smaller moves everything after
 * it. `reserve`: footnote space by physical page number.
 */
function fitFigure(pages: PdfmakePage[], reserve: Map<number, number>): { number: number; scale: number; page: number } | null {
  const limit = (i: number) => PAGE.height - MARGIN.bottom - (reserve.get(i + 1) ?? 0);
  // The page's own content: running header and footer (page number, notes) are laid out on it too.
  const body = (i: number) => (pages[i].items as LaidOut[]).filter((it) => {
    const [top] = extent(it);
    return top >= MARGIN.top - 1 && top < PAGE.height - MARGIN.bottom;
  });
  for (let i = 0; i < pages.length; i++) {
    const items = body(i);
    for (const [k, it] of items.entries()) {
      const number = it.type === 'svg' ? it.item[FIGURE_NUMBER] : undefined;
      if (number === undefined) continue;
      const [top, imageBottom] = extent(it);
      const height = imageBottom - top;
      // Caption and note under the image keep their size.
      let captionBottom = imageBottom;
      for (const other of items) {
        if (other.type === 'line' && other.item.inlines?.some((inl) => (inl as { figPart?: number }).figPart === number)) captionBottom = Math.max(captionBottom, extent(other)[1]);
      }
      const under = captionBottom - imageBottom + FIGURE_MARGIN.bottom + 2;
      const scaleFor = (room: number) => Math.floor((room / height) * 100) / 100;
      if (captionBottom + FIGURE_MARGIN.bottom > limit(i) + 0.01) {
        // Does not fit once the page's notes are reserved: smaller, or to the next page as it is.
        const scale = scaleFor(limit(i) - top - under);
        return scale >= MIN_FIGURE_SCALE && scale < 1 ? { number, scale, page: i + 1 } : null;
      }
      if (k === 0 && i > 0) {
        const above = body(i - 1).reduce<number>((m, x) => Math.max(m, extent(x)[1]), MARGIN.top);
        const scale = scaleFor(limit(i - 1) - above - FIGURE_MARGIN.top - under);
        if (scale >= MIN_FIGURE_SCALE && scale < 1) return { number, scale, page: i };
      }
    }
  }
  return null;
}

/** Whether every figure set smaller landed on the page it was set smaller for. */
function shrunkFiguresPlaced(pages: PdfmakePage[], st: BuildState): boolean {
  for (const [number, { page }] of st.shrink) {
    const on = pages.findIndex((p) => p.items.some((it) => it.type === 'svg' && (it.item as { [FIGURE_NUMBER]?: number })[FIGURE_NUMBER] === number));
    if (on + 1 !== page) return false;
  }
  return true;
}

function tableNodes(b: Extract<Block, { type: 'table' }>): Node[] {
  const cols = Math.max(...b.header.map((r) => r.length), ...b.rows.map((r) => r.length));
  const rel = b.widths && b.widths.length === cols ? b.widths : Array.from({ length: cols }, () => 1);
  const sum = rel.reduce((a, w) => a + w, 0);
  // pdfmake adds cell padding (left+right, 3 pt each by the layout below) outside the given widths.
  const inner = TEXT_WIDTH - cols * 6 - 0.01;
  const widths = rel.map((w) => (w / sum) * inner);
  const headerRows = b.header.map((row) => row.map((c) => ({ text: c, style: 'tableHead' })));
  const bodyRows = b.rows.map((row) =>
    Array.from({ length: cols }, (_, i) => ({ text: row[i] ?? '', style: 'tableCell', alignment: b.align?.[i] ?? 'center' })),
  );
  const nHead = b.header.length;
  const nAll = nHead + b.rows.length;
  const out: Node[] = [
    {
      text: [{ text: tableLabel(b.number), bold: true }, { text: ` ${b.caption}` }],
      style: 'caption',
      margin: [0, 8, 0, 3],
      headlineLevel: KEEP,
    },
    {
      table: { headerRows: nHead, keepWithHeaderRows: 1, dontBreakRows: true, widths, body: [...headerRows, ...bodyRows] },
      layout: {
        // 三线表: heavier rules at top and bottom, a rule under the header, hairlines between rows.
        hLineWidth: (i: number) => (i === 0 || i === nAll ? 0.9 : i === nHead ? 0.6 : 0.25),
        hLineColor: (i: number) => (i === 0 || i === nAll || i === nHead ? '#000000' : '#9a9a9a'),
        vLineWidth: () => 0,
        paddingLeft: () => 3,
        paddingRight: () => 3,
        paddingTop: () => 1.6,
        paddingBottom: () => 1.2,
      },
      margin: [0, 0, 0, b.note ? 2 : 10],
    },
  ];
  if (b.note) out.push({ text: b.note, style: 'note', fontSize: SIZE.table, margin: [0, 1, 0, 10] });
  return out;
}

function headingNode(b: Extract<Block, { type: 'heading' }>, st: BuildState): Node {
  const id = `heading-${++st.headingCount}`;
  // Nearest open heading of a higher level is the parent in the PDF outline (bookmarks).
  let parent: string | undefined;
  for (let l = b.level - 1; l >= 1 && !parent; l--) parent = st.openHeadings[l - 1];
  st.openHeadings[b.level - 1] = id;
  st.openHeadings.length = b.level;
  const node: Node = {
    text: inlineNodes(b.content, st),
    style: `h${b.level}`,
    headlineLevel: KEEP,
    id,
    outline: true,
    outlineText: plainText(b.content),
  };
  if (parent) node.outlineParentId = parent;
  return node;
}

function blockNodes(b: Block, st: BuildState): Node[] {
  switch (b.type) {
    case 'title':
      return [{ text: inlineNodes(b.content, st), style: 'title' }];
    case 'byline':
      return [{ text: inlineNodes(b.content, st), style: 'byline' }];
    case 'lead':
      // Set apart between two rules, indented, in smaller type.
      return [
        {
          table: { widths: ['*'], body: [[{ text: inlineNodes(b.content, st), style: 'lead' }]] },
          layout: {
            hLineWidth: () => 0.6,
            vLineWidth: () => 0,
            paddingLeft: () => 2 * SIZE.lead,
            paddingRight: () => 2 * SIZE.lead,
            paddingTop: () => 5,
            paddingBottom: () => 6,
          },
          margin: [0, 0, 0, 12],
        },
      ];
    case 'heading':
      return [headingNode(b, st)];
    case 'paragraph':
      return [{ text: inlineNodes(b.content, st), style: 'body' }];
    case 'figure':
      return [figureNode(b, st)];
    case 'table':
      return tableNodes(b);
    case 'note':
      return [{ text: inlineNodes(b.content, st), style: 'note' }];
    case 'pageBreak':
      return [];
  }
}

/** Footnote text as printed under the rule: "① text". Footnote marks inside notes are printed, not tracked. */
function noteInlines(fn: Footnote, tag: Node): Node[] {
  const parts: Node[] = [{ text: `${fn.mark} `, ...tag }];
  for (const i of fn.content) {
    if (i.type === 'text') parts.push({ text: i.text, bold: i.bold, italics: i.italic, sup: i.superscript, ...tag });
  }
  return parts;
}

/** Space between body text and the footnote rule, the rule line with its gap, and slack under the notes. */
const FN_GAP = 8;
const FN_RULE = 4;
const FN_SLACK = 3;

function footnoteBlock(ids: string[], st: BuildState): Node {
  return {
    stack: [
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: TEXT_WIDTH * 0.3, y2: 0, lineWidth: 0.5 }], margin: [0, 0, 0, FN_RULE] },
      ...ids.map((id) => ({ text: noteInlines(st.footnotes.get(id)!, { fnNote: id }), style: 'footnote' })),
    ],
    margin: [MARGIN.left, FN_GAP, MARGIN.right, 0],
  };
}

interface Built {
  dd: Node;
  hook: PageHook;
}

function buildDefinition(model: DocumentModel, st: BuildState, reserve: Map<number, number>): Built {
  const content: Node[] = [];
  let breakBefore = false;
  for (const b of model.blocks) {
    if (b.type === 'pageBreak') {
      breakBefore = true;
      continue;
    }
    const nodes = blockNodes(b, st);
    if (breakBefore && nodes.length > 0) {
      nodes[0].pageBreak = 'before';
      breakBefore = false;
    }
    content.push(...nodes);
  }
  if (st.measure && st.footnotes.size > 0) {
    // Measuring copies of the notes, after everything else (this pass is never printed).
    content.push({
      pageBreak: 'before',
      stack: [...st.footnotes.values()].map((fn) => ({ text: noteInlines(fn, { fnMeasure: fn.id }), style: 'footnote' })),
    });
  }

  const base: Margins = { left: MARGIN.left, top: MARGIN.top, right: MARGIN.right, bottom: MARGIN.bottom };
  const hook: PageHook = { base, reserve, layoutOnly: st.measure };

  const header = (): Node => ({
    stack: [
      {
        columns: [
          { text: st.header.bulletin, alignment: 'left' },
          { text: st.header.column, alignment: 'right' },
        ],
        style: 'runningHead',
      },
      { canvas: [{ type: 'line', x1: 0, y1: 2.5, x2: TEXT_WIDTH, y2: 2.5, lineWidth: 0.6 }] },
    ],
    margin: [MARGIN.left, MARGIN.header, MARGIN.right, 0],
  });

  const footer: FooterFn = (page: number): Node => {
    const stack: Node[] = [];
    const ids = st.plan.get(page);
    if (ids && ids.length > 0) stack.push(footnoteBlock(ids, st));
    const areaHeight = MARGIN.bottom + (reserve.get(page) ?? 0);
    stack.push({
      text: String(page + st.firstPageNumber - 1),
      style: 'pageNumber',
      alignment: 'center',
      // Relative to the top of the footer area, which grows with the page's notes.
      absolutePosition: { x: 0, y: areaHeight - MARGIN.footer - SIZE.pageNumber },
    });
    return { stack };
  };
  footer[HOOK] = hook;

  const date = documentDate(model);
  const dd: Node = {
    pageSize: { width: PAGE.width, height: PAGE.height },
    pageMargins: [base.left, base.top, base.right, base.bottom],
    version: '1.7',
    language: model.meta.lang,
    compress: true,
    info: {
      title: model.meta.title,
      author: model.meta.author,
      subject: model.meta.subject ?? '',
      keywords: (model.meta.keywords ?? []).join(', '),
      creator: 'shuangchuang-report',
      producer: 'shuangchuang-report (pdfmake 0.3, PDFKit)',
      creationDate: date,
      modDate: date,
    },
    defaultStyle: { font: 'Serif', fontSize: SIZE.body },
    styles: STYLES,
    content: [{ section: content, header, footer }],
    pageBreakBefore: keepWithNext,
  };
  return { dd, hook };
}

interface NodeInfo {
  headlineLevel?: unknown;
  pageNumbers: number[];
  startPosition: { pageNumber: number; verticalRatio: number; pageInnerHeight: number };
}

/**
 * pdfmake pageBreakBefore callback: a heading or table caption must not be the
 * last thing on a page, nor be followed there by a single line only.
 */
function keepWithNext(node: NodeInfo, ctx: { getFollowingNodesOnPage(): NodeInfo[] }): boolean {
  if (node.headlineLevel !== KEEP || node.pageNumbers.length !== 1) return false;
  // A run of headings (（二）… then 1. …) is kept together with the text after the last one:
  // pdfmake decides each node once, so the first of the run must look past the others.
  const next = ctx.getFollowingNodesOnPage().find((n) => n.headlineLevel !== KEEP);
  if (!next) return true;
  if (next.startPosition.pageNumber !== node.pageNumbers[0]) return true;
  if (next.pageNumbers.length > 1) {
    // Only the first line(s) of the next block would stay with the heading.
    const left = next.startPosition.pageInnerHeight * (1 - next.startPosition.verticalRatio);
    return left < 2.2 * SIZE.body * LEADING.body;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Passes

interface PassResult {
  output: ReturnType<typeof pdfmake.createPdf>;
  /** The laid-out pages. */
  layout: PdfmakePage[];
  pages: number;
  markPages: Map<string, number>;
  noteHeights: Map<string, number>;
  /** Footnote ids whose note lines were actually drawn, by page. */
  placed: Map<string, number>;
}

function scanPages(pages: PdfmakePage[]): Omit<PassResult, 'output' | 'layout'> {
  const markPages = new Map<string, number>();
  const noteHeights = new Map<string, number>();
  const placed = new Map<string, number>();
  pages.forEach((page, i) => {
    for (const it of page.items) {
      if (it.type !== 'line') continue;
      const line = it.item as PdfmakeLine;
      const seen = new Set<string>();
      for (const inl of line.inlines) {
        if (inl.fnMark && !markPages.has(inl.fnMark)) markPages.set(inl.fnMark, i + 1);
        const note = (inl as { fnNote?: string }).fnNote;
        if (note && !placed.has(note)) placed.set(note, i + 1);
        if (inl.fnMeasure && !seen.has(inl.fnMeasure)) {
          seen.add(inl.fnMeasure);
          noteHeights.set(inl.fnMeasure, (noteHeights.get(inl.fnMeasure) ?? 0) + line.getHeight());
        }
      }
    }
  });
  return { pages: pages.length, markPages, noteHeights, placed };
}

async function runPass(model: DocumentModel, st: BuildState, reserve: Map<number, number>): Promise<PassResult> {
  st.headingCount = 0;
  st.openHeadings = [];
  const { dd, hook } = buildDefinition(model, st, reserve);
  const output = pdfmake.createPdf(dd);
  await output.getStream(); // layout + drawing done; fonts are embedded when the stream ends
  if (!hook.pages) throw new Error('PDF layout hook did not run (pdfmake internals changed?)');
  return { output, layout: hook.pages, ...scanPages(hook.pages) };
}

function planFrom(markPages: Map<string, number>, order: string[]): Map<number, string[]> {
  const plan = new Map<number, string[]>();
  for (const id of order) {
    const p = markPages.get(id);
    if (p === undefined) continue;
    const list = plan.get(p) ?? [];
    list.push(id);
    plan.set(p, list);
  }
  return plan;
}

function sameMap<K, V>(a: Map<K, V>, b: Map<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** Renders the model to PDF bytes, with details of the layout. */
export async function renderPdfWithInfo(
  model: DocumentModel,
  opts: PdfOptions = {},
): Promise<{ bytes: Uint8Array; info: PdfRenderInfo }> {
  const t0 = performance.now();
  installPageHook();
  installSvgHooks();
  shareParsedFonts();
  const fonts = opts.fonts ?? defaultFontSet();
  pdfmake.setFonts(pdfmakeFonts(fonts));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false); // fonts come from the virtual file system, SVG inline

  const footnotes = new Map(model.footnotes.map((f) => [f.id, f]));
  const st: BuildState = {
    footnotes,
    plan: new Map(),
    // A planning pass places the footnotes and finds a figure to fit (see fitFigure).
    measure: footnotes.size > 0 || model.blocks.some((b) => b.type === 'figure'),
    figures: new Map(),
    shrink: new Map(),
    firstPageNumber: opts.firstPageNumber ?? 1,
    header: model.header,
    headingCount: 0,
    openHeadings: [],
  };
  // Marks in reading order decide the order of notes on a page.
  const order = model.footnotes.map((f) => f.id);

  // Figures: compiled now, compressed on the thread pool while the first (planning) pass lays out.
  const set = new FigureSet();
  for (const b of model.blocks) if (b.type === 'figure' && !st.figures.has(b)) st.figures.set(b, set.add(b.svg).figure);
  set.seal();
  if (!st.measure) await set.ready();

  let passes = 1;
  let result = await runPass(model, st, new Map());
  await set.ready();
  const planning = result.layout;
  const planShrink = (reserve: Map<number, number>) => {
    const fit = fitFigure(planning, reserve);
    st.shrink = fit ? new Map([[fit.number, { scale: fit.scale, page: fit.page }]]) : new Map();
  };
  if (result.markPages.size > 0) {
    const heights = result.noteHeights;
    const reserve = new Map<number, number>();
    let observed = result.markPages;
    let slack = FN_SLACK;
    st.measure = false;
    for (let attempt = 0; attempt < 6; attempt++) {
      st.plan = planFrom(observed, order);
      // Reservations only grow from one attempt to the next, so the layout settles.
      for (const [page, ids] of st.plan) {
        const need = FN_GAP + FN_RULE + 1 + slack + ids.reduce((a, id) => a + (heights.get(id) ?? 0), 0);
        reserve.set(page, Math.max(reserve.get(page) ?? 0, need));
      }
      if (attempt === 0) planShrink(reserve);
      result = await runPass(model, st, new Map(reserve));
      passes++;
      const allPlaced = [...st.plan].every(([page, ids]) => ids.every((id) => result.placed.get(id) === page));
      const figuresPlaced = shrunkFiguresPlaced(result.layout, st);
      if (sameMap(result.markPages, observed) && allPlaced && figuresPlaced) break;
      // A figure set smaller that still did not fit goes back to its size (and to the next page, as before).
      if (!figuresPlaced) st.shrink.clear();
      if (!allPlaced) slack += 4;
      observed = result.markPages;
      if (attempt === 5) throw new Error('PDF footnote layout did not settle after 6 passes');
    }
  } else if (st.measure) {
    // No footnote marks (notes without marks are not printed): the first pass was a planning pass; lay out again.
    st.measure = false;
    planShrink(new Map());
    result = await runPass(model, st, new Map());
    passes++;
    if (!shrunkFiguresPlaced(result.layout, st)) {
      st.shrink.clear();
      result = await runPass(model, st, new Map());
      passes++;
    }
  }

  const buf = await result.output.getBuffer();
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  return {
    bytes,
    info: {
      pages: result.pages,
      passes,
      footnotePages: Object.fromEntries(result.markPages),
      figureScales: Object.fromEntries([...st.shrink].map(([n, v]) => [n, v.scale])),
      ms: performance.now() - t0,
    },
  };
}

/** Renders the model to PDF bytes (A4, bulletin page furniture, embedded subset fonts). */
export async function renderPdf(model: DocumentModel, opts: PdfOptions = {}): Promise<Uint8Array> {
  return (await renderPdfWithInfo(model, opts)).bytes;
}
