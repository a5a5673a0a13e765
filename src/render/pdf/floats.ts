/**
 * Floating figures, as data: read from a laid-out document where each block
 * stands, and move a figure that was pushed to the top of a page (leaving the
 * page before it partly empty) after the running text that follows it, so
 * that text fills the page and the figure comes after it — as LaTeX and
 * InDesign float figures. Pure: pages in, a new block order out.
 *
 * Rules: a figure only ever moves forward (never before the paragraph that
 * introduces it); figures that stand together move together and keep their
 * order, so numbering stays in order of appearance; it moves past running
 * text only (paragraphs, headings, notes), never past a table, a page break
 * or another figure, and never to just after a heading (which stays with its
 * text or table); and only as far as the text needed to fill the gap.
 */
import type { Block, DocumentModel } from '../../model/types.js';
import { MARGIN, PAGE } from '../common.js';
import { BLOCK_INDEX, FIGURE_NUMBER, type LaidOutItem, type PdfmakePage } from './pdfmake-adapter.js';
import { extent } from './layout-plan.js';

/** A page may end this far above the foot of its text block before a figure is floated to fill it. */
export const MAX_GAP_SHARE = 0.2;
const TEXT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom;

/** Where the pieces of each block stand: per block index, the pages and the height its lines take. */
interface Placement {
  /** Block index → total height of its lines (pt) and the pages they are on. */
  text: Map<number, { height: number; pages: Set<number> }>;
  /** Figure number → page (0-based) and whether it is the first thing on that page. */
  figures: Map<number, { page: number; first: boolean }>;
  /** Bottom of the body content of each page. */
  bottoms: number[];
}

function isBody(it: LaidOutItem): boolean {
  const [top] = extent(it);
  return top >= MARGIN.top - 1 && top < PAGE.height - MARGIN.bottom;
}

function place(pages: PdfmakePage[]): Placement {
  const text = new Map<number, { height: number; pages: Set<number> }>();
  const figures = new Map<number, { page: number; first: boolean }>();
  const bottoms: number[] = [];
  pages.forEach((page, p) => {
    const body = page.items.filter(isBody);
    bottoms.push(body.reduce<number>((m, it) => Math.max(m, extent(it)[1]), MARGIN.top));
    body.forEach((it, k) => {
      const n = it.type === 'svg' ? it.item[FIGURE_NUMBER] : undefined;
      if (n !== undefined && !figures.has(n)) figures.set(n, { page: p, first: k === 0 });
      if (it.type !== 'line') return;
      const index = it.item.inlines?.find((inl) => inl[BLOCK_INDEX] !== undefined)?.[BLOCK_INDEX];
      if (index === undefined) return;
      const [top, bottom] = extent(it);
      const entry = text.get(index) ?? { height: 0, pages: new Set<number>() };
      entry.height += bottom - top;
      entry.pages.add(p);
      text.set(index, entry);
    });
  });
  return { text, figures, bottoms };
}

const isRunningText = (b: Block) => b.type === 'paragraph' || b.type === 'heading' || b.type === 'note';

/**
 * The model with the first figure that should float moved after the text that
 * fills its gap; null when no figure should move.
 */
export function floatOnce(model: DocumentModel, pages: PdfmakePage[]): DocumentModel | null {
  const at = place(pages);
  const blocks = model.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type !== 'figure') continue;
    const where = at.figures.get(b.number);
    if (!where?.first || where.page === 0) continue;
    const gap = PAGE.height - MARGIN.bottom - at.bottoms[where.page - 1];
    if (gap < MAX_GAP_SHARE * TEXT_HEIGHT) continue;
    // The run of figures standing together, and the running text after it that fills the gap.
    let end = i + 1;
    while (end < blocks.length && blocks[end].type === 'figure') end++;
    let k = end;
    let filled = 0;
    while (k < blocks.length && isRunningText(blocks[k]) && filled < gap) {
      filled += at.text.get(k)?.height ?? 0;
      k++;
    }
    // A heading stays with what follows it: the figures never come between a heading and its text or table.
    while (k > end && blocks[k - 1].type === 'heading') k--;
    if (k === end) continue; // nothing to fill with
    const moved = [...blocks.slice(0, i), ...blocks.slice(end, k), ...blocks.slice(i, end), ...blocks.slice(k)];
    return { ...model, blocks: moved };
  }
  return null;
}
