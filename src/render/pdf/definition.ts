/**
 * The pdfmake document definition of a DocumentModel, for one layout pass:
 * blocks as pdfmake nodes, the bulletin's page furniture (running header,
 * page number, the footnotes planned for each page), and the definition's
 * document-level settings. What a pass reserves and scales comes from the
 * planner (layout-plan.ts) as data; nothing here measures or decides.
 */
import type { Block, DocumentModel, Footnote, Inline } from '../../model/types.js';
import type { SvgFigure } from '../svg-pdf/index.js';
import { HALF_WIDTH, MARGIN, MARK_COLOR, MARK_TRACKING, PAGE, PAIR_GAP, SIZE, TEXT_WIDTH, documentDate, figureLabel, figureSize, plainText, tableLabel } from '../common.js';
import { BLOCK_INDEX, FIGURE_NUMBER, KEPT_LINE, SVG_FIGURE, TABLE_COLUMN, TABLE_PART, attachPageHook, type FooterFn, type Margins, type PageHook } from './pdfmake-adapter.js';
import { FIGURE_CAPTION_GAP, FIGURE_MARGIN, FIGURE_NOTE_GAP, FN_GAP, FN_RULE, KEEP, KEEP_MIN_ROOM, STYLES, type Node } from './styles.js';
import type { PassPlan } from './layout-plan.js';
import { finishArchival, pdfaSubset, type PdfAttachment } from './archival.js';

/** What one pass's definition is built from. */
export interface BuildState {
  footnotes: Map<string, Footnote>;
  /** The planner's decisions for this pass. */
  pass: PassPlan;
  /** Compiled figures of this render (compiled and compressed once, whatever the number of passes); null: drawn by svg-to-pdfkit. */
  figures: Map<Block, SvgFigure | null>;
  firstPageNumber: number;
  header: DocumentModel['header'];
  /** Files attached to the final document (PDF/A-3 associated files). */
  attachments: readonly PdfAttachment[];
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

/** The planning pass only needs a figure's size: an empty figure, nothing parsed or drawn. */
function blankFigure(b: Extract<Block, { type: 'figure' }>): SvgFigure {
  return {
    program: { width: b.widthPt, height: b.heightPt, viewBox: [0, 0, b.widthPt, b.heightPt], preserveAspectRatio: '', clip: true, parts: [], decimals: 0 },
    xobjects: new Map(),
    gstates: new Map(),
  };
}

/** A figure's image (with its alt text over it) and the lines under it: caption and note. */
function figureParts(b: Extract<Block, { type: 'figure' }>, st: BuildState, room: number): { image: Node[]; under: Node[] } {
  const { width, height } = figureSize(b, st.pass.scales.get(b.number)?.scale ?? b.scale, room);
  const image: Node = { svg: b.svg, width, height, alignment: 'center', [FIGURE_NUMBER]: b.number };
  if (st.pass.measure) image[SVG_FIGURE] = blankFigure(b);
  else {
    // An SVG the lean drawer does not handle is drawn by pdfmake's svg-to-pdfkit, as before.
    const figure = st.figures.get(b);
    if (figure) image[SVG_FIGURE] = figure;
  }
  // Caption and note lines are tagged with the figure's number, so a laid-out page tells where the figure ends.
  const part = { figPart: b.number };
  const under: Node[] = [
    {
      text: [
        { text: figureLabel(b.number), bold: true, ...part },
        { text: ` ${b.caption}`, ...part },
      ],
      style: 'caption',
      margin: [0, FIGURE_CAPTION_GAP, 0, 0],
    },
  ];
  if (b.note) under.push({ text: [{ text: b.note, ...part }], style: 'figureNote', margin: [0, FIGURE_NOTE_GAP, 0, 0] });
  return { image: [image, ...(b.alt ? [altTextNode(b.alt, height - (room < TEXT_WIDTH && b.besideNext !== true ? 2 : 0))] : [])], under };
}

function figureNode(b: Extract<Block, { type: 'figure' }>, st: BuildState): Node {
  const { image, under } = figureParts(b, st, TEXT_WIDTH);
  return { stack: [...image, ...under], unbreakable: true, margin: [0, FIGURE_MARGIN.top, 0, FIGURE_MARGIN.bottom] };
}

/**
 * Two figures side by side at half the text width, tops aligned, each caption
 * under its own figure, kept together. (Captions on one shared line would run
 * together in the text a reader's tools extract: 图2 …图3 … as one sentence.)
 */
function figurePair(left: Extract<Block, { type: 'figure' }>, right: Extract<Block, { type: 'figure' }>, st: BuildState): Node {
  const column = (b: typeof left) => {
    const { image, under } = figureParts(b, st, HALF_WIDTH);
    return { stack: [...image, ...under], width: HALF_WIDTH };
  };
  return { columns: [column(left), column(right)], columnGap: PAIR_GAP, unbreakable: true, margin: [0, FIGURE_MARGIN.top, 0, FIGURE_MARGIN.bottom] };
}

/**
 * The figure's content as invisible text over its top: its labels are outlines,
 * so this is what a reader's search (渝北区) finds there. Detached (relative
 * position), so it takes no room and the layout is the same with or without.
 * Invisible by opacity 0 (pdfmake cannot set text render mode 3).
 */
function altTextNode(alt: string, imageHeight: number): Node {
  // One line (tiny type, no wrapping): a reader's tools and the fact check read each entry whole.
  return { text: alt, font: 'Sans', fontSize: 0.5, lineHeight: 1, noWrap: true, opacity: 0, alignment: 'left', relativePosition: { x: 0, y: -imageHeight } };
}

/** A table starts on a page only with this many of its rows under the header (a caption, a header and one row at a page's foot read as a stray). */
export const TABLE_KEEP_ROWS = 3;

/** Space around a table's caption, the table and its note (pdfmake margins: left, top, right, bottom). */
export const TABLE_CAPTION_MARGIN = [0, 8, 0, 3];
export const TABLE_NOTE_MARGIN = [0, 1, 0, 10];
export function tableMargin(b: { note?: string }): number[] {
  return [0, 0, 0, b.note ? 2 : 10];
}

/** 三线表: heavier rules at top and bottom, a rule under the header, hairlines between rows. */
export function threeLineLayout(nHead: number, nAll: number): Node {
  return {
    hLineWidth: (i: number) => (i === 0 || i === nAll ? 0.9 : i === nHead ? 0.6 : 0.25),
    hLineColor: (i: number) => (i === 0 || i === nAll || i === nHead ? '#000000' : '#9a9a9a'),
    vLineWidth: () => 0,
    paddingLeft: () => 3,
    paddingRight: () => 3,
    paddingTop: () => 1.6,
    paddingBottom: () => 1.2,
  };
}

/** A table's caption, rows and note; their lines carry the table's block index and their part (caption, row, note), so the paginator can measure them. */
function tableNodes(b: Extract<Block, { type: 'table' }>, index: number): Node[] {
  const cols = Math.max(...b.header.map((r) => r.length), ...b.rows.map((r) => r.length));
  const rel = b.widths && b.widths.length === cols ? b.widths : Array.from({ length: cols }, () => 1);
  const sum = rel.reduce((a, w) => a + w, 0);
  // pdfmake adds cell padding (left+right, 3 pt each by the layout below) outside the given widths.
  const inner = TEXT_WIDTH - cols * 6 - 0.01;
  const widths = rel.map((w) => (w / sum) * inner);
  const tag = (part: number | 'caption' | 'note', column?: number) => ({ [BLOCK_INDEX]: index, [TABLE_PART]: part, ...(column === undefined ? {} : { [TABLE_COLUMN]: column }), ...(part === 'caption' ? { [KEPT_LINE]: true } : {}) });
  const headerRows = b.header.map((row, r) => row.map((c, i) => ({ text: [{ text: c, ...tag(r, i) }], style: 'tableHead' })));
  const bodyRows = b.rows.map((row, r) => Array.from({ length: cols }, (_, i) => ({ text: [{ text: row[i] ?? '', ...tag(b.header.length + r, i) }], style: 'tableCell', alignment: b.align?.[i] ?? 'center' })));
  const nHead = b.header.length;
  const out: Node[] = [
    {
      text: [
        { text: tableLabel(b.number), bold: true, ...tag('caption') },
        { text: ` ${b.caption}`, ...tag('caption') },
      ],
      style: 'caption',
      margin: TABLE_CAPTION_MARGIN,
      headlineLevel: KEEP,
    },
    {
      table: { headerRows: nHead, keepWithHeaderRows: TABLE_KEEP_ROWS, dontBreakRows: true, widths, body: [...headerRows, ...bodyRows] },
      layout: threeLineLayout(nHead, nHead + b.rows.length),
      margin: tableMargin(b),
    },
  ];
  if (b.note) out.push({ text: [{ text: b.note, ...tag('note') }], style: 'note', fontSize: SIZE.table, margin: TABLE_NOTE_MARGIN });
  return out;
}

function headingNode(b: Extract<Block, { type: 'heading' }>, st: BuildState, tag: Node): Node {
  const id = `heading-${++st.headingCount}`;
  // Nearest open heading of a higher level is the parent in the PDF outline (bookmarks).
  let parent: string | undefined;
  for (let l = b.level - 1; l >= 1 && !parent; l--) parent = st.openHeadings[l - 1];
  st.openHeadings[b.level - 1] = id;
  st.openHeadings.length = b.level;
  const node: Node = {
    text: inlineNodes(b.content, st, { ...tag, [KEPT_LINE]: true }),
    style: textStyle(b),
    headlineLevel: KEEP,
    id,
    outline: true,
    outlineText: plainText(b.content),
  };
  if (parent) node.outlineParentId = parent;
  return node;
}

/** The lead's box: rules above and below, padding inside, space after. */
export const LEAD_BOX = { rule: 0.6, paddingTop: 5, paddingBottom: 6, marginBottom: 12 } as const;

/** The lead (导语): set apart between two rules, indented, in smaller type. */
function leadNode(b: Extract<Block, { type: 'lead' }>, st: BuildState, tag: Node): Node {
  return {
    table: { widths: ['*'], body: [[{ text: inlineNodes(b.content, st, tag), style: 'lead' }]] },
    layout: {
      hLineWidth: () => LEAD_BOX.rule,
      vLineWidth: () => 0,
      paddingLeft: () => 2 * SIZE.lead,
      paddingRight: () => 2 * SIZE.lead,
      paddingTop: () => LEAD_BOX.paddingTop,
      paddingBottom: () => LEAD_BOX.paddingBottom,
    },
    margin: [0, 0, 0, LEAD_BOX.marginBottom],
  };
}

/** The paragraph style (STYLES) of a block set as lines of text. */
export function textStyle(b: Extract<Block, { type: 'title' | 'byline' | 'heading' | 'paragraph' | 'note' }>): string {
  return b.type === 'heading' ? `h${b.level}` : b.type === 'paragraph' ? 'body' : b.type;
}

function blockNodes(b: Block, st: BuildState, index: number): Node[] {
  // Lines of running text carry their block's index, so a laid-out page tells where each block is (floats.ts).
  const tag = { [BLOCK_INDEX]: index };
  switch (b.type) {
    case 'title':
    case 'byline':
    case 'paragraph':
    case 'note':
      return [{ text: inlineNodes(b.content, st, tag), style: textStyle(b) }];
    case 'lead':
      return [leadNode(b, st, tag)];
    case 'heading':
      return [headingNode(b, st, tag)];
    case 'figure':
      return [figureNode(b, st)];
    case 'table':
      return tableNodes(b, index);
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

function footnoteBlock(ids: string[], st: BuildState): Node {
  return {
    stack: [{ canvas: [{ type: 'line', x1: 0, y1: 0, x2: TEXT_WIDTH * 0.3, y2: 0, lineWidth: 0.5 }], margin: [0, 0, 0, FN_RULE] }, ...ids.map((id) => ({ text: noteInlines(st.footnotes.get(id)!, { fnNote: id }), style: 'footnote' }))],
    margin: [MARGIN.left, FN_GAP, MARGIN.right, 0],
  };
}

/** The body: blocks in order, a page break carried to the next block that has nodes. */
function contentNodes(model: DocumentModel, st: BuildState): Node[] {
  const content: Node[] = [];
  const paired = new Set<Block>();
  let breakBefore = false;
  for (const [i, b] of model.blocks.entries()) {
    if (b.type === 'pageBreak') {
      breakBefore = true;
      continue;
    }
    const next = model.blocks[i + 1];
    if (paired.has(b)) continue; // drawn with the figure before it
    let nodes: Node[];
    if (b.type === 'figure' && b.besideNext && next?.type === 'figure') {
      nodes = [figurePair(b, next, st)];
      paired.add(next);
    } else nodes = blockNodes(b, st, i);
    if ((breakBefore || st.pass.breaks.has(i)) && nodes.length > 0) {
      nodes[0].pageBreak = 'before';
      breakBefore = false;
    }
    content.push(...nodes);
  }
  if (st.pass.measure && st.footnotes.size > 0) {
    // Measuring copies of the notes, after everything else (this pass is never printed).
    content.push({
      pageBreak: 'before',
      stack: [...st.footnotes.values()].map((fn) => ({ text: noteInlines(fn, { fnMeasure: fn.id }), style: 'footnote' })),
    });
  }
  return content;
}

/** Running header: bulletin name left, column label right, rule under it. */
function runningHeader(st: BuildState): () => Node {
  return () => ({
    stack: [
      {
        columns: st.header.mark
          ? [
              { text: st.header.bulletin, alignment: 'left', width: '*' },
              { text: st.header.mark, alignment: 'center', width: 'auto', color: MARK_COLOR, characterSpacing: MARK_TRACKING },
              { text: st.header.column, alignment: 'right', width: '*' },
            ]
          : [
              { text: st.header.bulletin, alignment: 'left' },
              { text: st.header.column, alignment: 'right' },
            ],
        style: 'runningHead',
      },
      { canvas: [{ type: 'line', x1: 0, y1: 2.5, x2: TEXT_WIDTH, y2: 2.5, lineWidth: 0.6 }] },
    ],
    margin: [MARGIN.left, MARGIN.header, MARGIN.right, 0],
  });
}

/** Footer: the page's footnotes (planned), then the page number. */
function pageFooter(st: BuildState): FooterFn {
  const { notes, reserve } = st.pass;
  return (page: number): Node => {
    const stack: Node[] = [];
    const ids = notes.get(page);
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
}

export interface Built {
  dd: Node;
  hook: PageHook;
}

export function buildDefinition(model: DocumentModel, st: BuildState): Built {
  st.headingCount = 0;
  st.openHeadings = [];
  const content = contentNodes(model, st);
  const base: Margins = { left: MARGIN.left, top: MARGIN.top, right: MARGIN.right, bottom: MARGIN.bottom };
  // A copy of the reservations: the hook reads them while pdfmake lays out.
  const date = documentDate(model);
  const hook: PageHook = { base, reserve: new Map(st.pass.reserve), layoutOnly: st.pass.measure, finish: finishArchival(date, st.attachments) };
  const footer = pageFooter(st);
  attachPageHook(footer, hook);
  const dd: Node = {
    pageSize: { width: PAGE.width, height: PAGE.height },
    pageMargins: [base.left, base.top, base.right, base.bottom],
    version: '1.7',
    subset: pdfaSubset(st.attachments),
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
    content: [{ section: content, header: runningHeader(st), footer }],
    ...(st.pass.keeps ? { pageBreakBefore: (node: NodeInfo, ctx: { getFollowingNodesOnPage(): NodeInfo[] }) => keepWithNext(node, ctx, hook) } : {}),
  };
  return { dd, hook };
}

interface NodeInfo {
  headlineLevel?: unknown;
  table?: unknown;
  style?: unknown;
  pageNumbers: number[];
  startPosition: { pageNumber: number; top: number; verticalRatio: number; pageInnerHeight: number };
}

/**
 * pdfmake pageBreakBefore callback: a heading or table caption must not be the
 * last thing on a page, nor be followed there by two lines only; a table must
 * have its first rows there. `laidOut`: the pages of the layout being checked.
 */
function keepWithNext(node: NodeInfo, ctx: { getFollowingNodesOnPage(): NodeInfo[] }, laidOut: PageHook): boolean {
  if (node.headlineLevel !== KEEP || node.pageNumbers.length !== 1) return false;
  // A run of headings (（二）… then 1. …) is kept together with the text after the last one:
  // pdfmake decides each node once, so the first of the run must look past the others.
  const next = ctx.getFollowingNodesOnPage().find((n) => n.headlineLevel !== KEEP);
  if (!next || !followedOnPage(node, laidOut)) return true;
  if (next.pageNumbers.length > 1 && !next.table) {
    // Only the first line(s) of the next block would stay with the heading.
    const left = next.startPosition.pageInnerHeight * (1 - next.startPosition.verticalRatio);
    return left < KEEP_MIN_ROOM;
  }
  return false;
}

/**
 * Whether anything but kept lines (headings, table captions) stands under the
 * node on its laid-out page. pdfmake's nodes of an unbreakable block (a
 * figure) or of a table's kept header keep the page they were first tried on
 * even when the block moved on to the next page, so the page itself is read.
 */
function followedOnPage(node: NodeInfo, laidOut: PageHook): boolean {
  const page = laidOut.pages?.[node.pageNumbers[0] - 1];
  if (!page) return true;
  const bottom = PAGE.height - MARGIN.bottom - (laidOut.reserve.get(node.pageNumbers[0]) ?? 0);
  return page.items.some((it) => {
    const top = it.item.y ?? it.item.y1 ?? 0;
    if (top <= node.startPosition.top + 0.01 || top >= bottom) return false;
    return !(it.type === 'line' && it.item.inlines?.some((inl) => inl[KEPT_LINE]));
  });
}
