/**
 * The document as the paginator (paginate.ts) sees it: each block's vertical
 * pieces — lines of text with their heights, unbreakable boxes (figures, the
 * lead), table rows — measured from one laid-out pass, with the spacing the
 * definition gives them. Pure: the model and the laid-out pages in, items out.
 *
 * Lines are measured, not computed: every line of text carries its block's
 * index (and a table's lines their row and column), so the heights are
 * pdfmake's own, and a line breaks the same way wherever its block stands
 * (the width of a block never changes with its page).
 */
import type { Block, DocumentModel } from '../../model/types.js';
import { HALF_WIDTH, TEXT_WIDTH, figureSize } from '../common.js';
import { BLOCK_INDEX, TABLE_COLUMN, TABLE_PART, type PdfmakeLine, type PdfmakePage } from './pdfmake-adapter.js';
import { FIGURE_CAPTION_GAP, FIGURE_MARGIN, FIGURE_NOTE_GAP, STYLES } from './styles.js';
import { LEAD_BOX, TABLE_CAPTION_MARGIN, TABLE_NOTE_MARGIN, tableMargin, textStyle, threeLineLayout } from './definition.js';

/** Lines of text, breakable between lines. */
export interface TextItem {
  kind: 'text';
  /** Block index in the model. */
  block: number;
  marginTop: number;
  marginBottom: number;
  lines: number[];
  /** A heading: kept with what follows it. */
  keep: boolean;
  /** Running text (paragraph, heading, note): what a figure may float past. */
  running: boolean;
  /** Footnote marks: the line (index into `lines`) that carries each. */
  marks: { line: number; id: string }[];
}

/** An unbreakable box: the lead, a figure, or two figures side by side. */
export interface BoxItem {
  kind: 'box';
  blocks: number[];
  marginTop: number;
  marginBottom: number;
  height: number;
  /** Figure numbers in the box (none for the lead). */
  figures: number[];
  /** A single figure: the height of its image at full size, so the box may be set smaller (the rest keeps its size). */
  image?: number;
}

/** A table: caption, header rows (repeated on each page) and rows that never break. */
export interface TableItem {
  kind: 'table';
  block: number;
  caption: TextItem;
  /** Height each header row adds (rule above, padding, content). */
  header: number[];
  /** Height each body row adds, and the rule under each row (the last one closes the table). */
  rows: number[];
  rulesUnder: number[];
  marginBottom: number;
  note: TextItem | null;
}

export interface BreakItem {
  kind: 'break';
  block: number;
}

export type FlowItem = TextItem | BoxItem | TableItem | BreakItem;

interface MeasuredTable {
  caption: number[];
  note: number[];
  /** Lines of each cell (row:column), from the first page the row stands on. */
  cells: Map<string, { page: number; heights: number[] }>;
}

/** What the laid-out pages say about each block: its lines, its table cells, its figures' caption lines. */
interface Measured {
  lines: Map<number, { height: number; marks: string[] }[]>;
  tables: Map<number, MeasuredTable>;
  figureParts: Map<number, number[]>;
}

function measure(pages: PdfmakePage[]): Measured {
  const m: Measured = { lines: new Map(), tables: new Map(), figureParts: new Map() };
  pages.forEach((page, p) => {
    for (const it of page.items) {
      if (it.type !== 'line' || !it.item.inlines) continue;
      const line = it.item as unknown as PdfmakeLine;
      const tagged = line.inlines.find((inl) => inl[BLOCK_INDEX] !== undefined);
      const figure = line.inlines.find((inl) => inl.figPart !== undefined)?.figPart;
      if (figure !== undefined) m.figureParts.set(figure, [...(m.figureParts.get(figure) ?? []), line.getHeight()]);
      if (!tagged) continue;
      const index = tagged[BLOCK_INDEX]!;
      const part = tagged[TABLE_PART];
      if (part === undefined) {
        const marks = line.inlines.flatMap((inl) => (inl.fnMark ? [inl.fnMark] : []));
        m.lines.set(index, [...(m.lines.get(index) ?? []), { height: line.getHeight(), marks }]);
        continue;
      }
      const table: MeasuredTable = m.tables.get(index) ?? { caption: [], note: [], cells: new Map() };
      m.tables.set(index, table);
      if (part === 'caption' || part === 'note') table[part].push(line.getHeight());
      else {
        // Header rows are repeated on every page of the table: measured where they first stand.
        const key = `${part}:${tagged[TABLE_COLUMN]}`;
        const cell = table.cells.get(key) ?? { page: p, heights: [] };
        if (cell.page === p) cell.heights.push(line.getHeight());
        table.cells.set(key, cell);
      }
    }
  });
  return m;
}

function styleMargins(style: string): [number, number] {
  const margin = STYLES[style].margin as number[] | undefined;
  return [margin?.[1] ?? 0, margin?.[3] ?? 0];
}

const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);

function textItem(b: Extract<Block, { type: 'title' | 'byline' | 'heading' | 'paragraph' | 'note' }>, index: number, m: Measured): TextItem {
  const [marginTop, marginBottom] = styleMargins(textStyle(b));
  const lines = m.lines.get(index) ?? [];
  return {
    kind: 'text',
    block: index,
    marginTop,
    marginBottom,
    lines: lines.map((l) => l.height),
    keep: b.type === 'heading',
    running: b.type === 'heading' || b.type === 'paragraph' || b.type === 'note',
    marks: lines.flatMap((l, i) => l.marks.map((id) => ({ line: i, id }))),
  };
}

type FigureBlock = Extract<Block, { type: 'figure' }>;

/** A figure's image and the lines under it (caption, note), at the scale it is set to. */
function figureColumn(b: FigureBlock, room: number, scale: number | undefined, m: Measured): { image: number; under: number } {
  const under = FIGURE_CAPTION_GAP + sum(m.figureParts.get(b.number) ?? []) + (b.note ? FIGURE_NOTE_GAP : 0);
  return { image: figureSize(b, scale, room).height, under };
}

function tableItem(b: Extract<Block, { type: 'table' }>, index: number, m: Measured): TableItem {
  const t: MeasuredTable = m.tables.get(index) ?? { caption: [], note: [], cells: new Map() };
  const nHead = b.header.length;
  const nAll = nHead + b.rows.length;
  const layout = threeLineLayout(nHead, nAll) as { hLineWidth(i: number): number; paddingTop(i: number): number; paddingBottom(i: number): number };
  const content = (r: number) => Math.max(0, ...[...t.cells].filter(([k]) => k.startsWith(`${r}:`)).map(([, c]) => sum(c.heights)));
  const row = (r: number) => layout.hLineWidth(r) + layout.paddingTop(r) + content(r) + layout.paddingBottom(r);
  const rows = Array.from({ length: nAll }, (_, r) => row(r));
  const text = (lines: number[], margin: number[]): TextItem => ({ kind: 'text', block: index, marginTop: margin[1], marginBottom: margin[3], lines, keep: false, running: false, marks: [] });
  return {
    kind: 'table',
    block: index,
    caption: { ...text(t.caption, TABLE_CAPTION_MARGIN), keep: true },
    header: rows.slice(0, nHead),
    rows: rows.slice(nHead),
    rulesUnder: Array.from({ length: b.rows.length }, (_, r) => layout.hLineWidth(nHead + r + 1)),
    marginBottom: tableMargin(b)[3],
    note: b.note ? text(t.note, TABLE_NOTE_MARGIN) : null,
  };
}

/**
 * The model's blocks as flow items, measured from `pages` (a layout of this
 * model, any pass). `scaleOf` gives the scale each figure was laid out at.
 */
export function flowItems(model: DocumentModel, pages: PdfmakePage[], scaleOf: (figure: FigureBlock) => number | undefined): FlowItem[] {
  const m = measure(pages);
  const items: FlowItem[] = [];
  const blocks = model.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    switch (b.type) {
      case 'title':
      case 'byline':
      case 'heading':
      case 'paragraph':
      case 'note':
        items.push(textItem(b, i, m));
        break;
      case 'lead': {
        const height = sum((m.lines.get(i) ?? []).map((l) => l.height)) + LEAD_BOX.paddingTop + LEAD_BOX.paddingBottom + 2 * LEAD_BOX.rule;
        items.push({ kind: 'box', blocks: [i], marginTop: 0, marginBottom: LEAD_BOX.marginBottom, height, figures: [] });
        break;
      }
      case 'figure': {
        const next = blocks[i + 1];
        const margins = { marginTop: FIGURE_MARGIN.top, marginBottom: FIGURE_MARGIN.bottom };
        if (b.besideNext && next?.type === 'figure') {
          const [l, r] = [figureColumn(b, HALF_WIDTH, scaleOf(b), m), figureColumn(next, HALF_WIDTH, scaleOf(next), m)];
          items.push({ kind: 'box', blocks: [i, i + 1], ...margins, height: Math.max(l.image + l.under, r.image + r.under), figures: [b.number, next.number] });
          i++;
        } else {
          const c = figureColumn(b, TEXT_WIDTH, scaleOf(b), m);
          items.push({ kind: 'box', blocks: [i], ...margins, height: c.image + c.under, figures: [b.number], image: figureSize(b, 1, TEXT_WIDTH).height });
        }
        break;
      }
      case 'table':
        items.push(tableItem(b, i, m));
        break;
      case 'pageBreak':
        items.push({ kind: 'break', block: i });
        break;
    }
  }
  return items;
}
