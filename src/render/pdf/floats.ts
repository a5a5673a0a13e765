/**
 * Floating figures, planned from one laid-out pass: where each figure stands
 * and at what size, chosen for the whole document at once, as data.
 *
 * A figure may stand where the template put it or later, after more of the
 * running text that follows it (as LaTeX and InDesign float figures), so that
 * the text fills the page a figure would leave empty and the figure comes
 * after it. A figure may also be set up to 1/7 smaller (its 7 pt labels print
 * at 6 pt, the least the house style allows) to stay on the page where it
 * stands. Of all the placements the rules allow, the planner takes the one
 * with the fewest pages, then the fewest pages (but the last) whose content
 * ends above MIN_FILL of the text block, then the figures nearest the text
 * that introduces them (least text passed, least set smaller).
 *
 * Rules: a figure only ever moves forward (never before the paragraph that
 * introduces it); figures keep their order, so numbering stays in order of
 * appearance, and figures standing together may part only forward; a figure
 * moves past running text only (paragraphs, headings, notes), never past a
 * table or a page break, and never to just after a heading (which stays with
 * its text or table). Two figures side by side are one box and not set smaller.
 *
 * How: the paginator (paginate.ts) lays the measured blocks out as pdfmake
 * would; the search walks the document once, block by block, keeping for
 * each point (text blocks placed, figures placed) the best layout for every
 * distinct state of the page being filled (dynamic programming: two layouts
 * that reach the same point with the same page state continue alike, so the
 * worse one is dropped). Pure: flow items in, a plan out; no pdfmake pass.
 */
import type { DocumentModel } from '../../model/types.js';
import type { BoxItem, FlowItem, TextItem } from './flow.js';
import { Paginator, type Reserve, type Sheet } from './paginate.js';

/**
 * The smallest a figure may be set to stay where it stands: its smallest
 * labels are 7 pt at full width (figures/style.ts `size`), and no label may
 * print below 6 pt. Figures side by side are drawn for half width at 6 pt
 * already and are never set smaller.
 */
export const MIN_FIGURE_SCALE = 6 / 7;
/** Cost of setting a figure smaller, per unit of scale, in points of text passed (0.9 costs as much as floating past 150 pt of text). */
const SCALE_COST = 1500;

/** Layouts kept per step of the search at most (see Search.bounded). */
const MAX_STATES = 1000;

/** A figure set smaller, and the physical page (1-based) it was set smaller for. */
export interface FigureScale {
  scale: number;
  page: number;
}

export interface FloatPlan {
  /** The model with its blocks in the planned order. */
  model: DocumentModel;
  /** Figures set smaller (figure number →). */
  scales: Map<number, FigureScale>;
  /** Figure boxes (a figure, or two side by side) standing later than the template put them. */
  moved: number;
  /** Blocks (indices into the planned model) that start a new page so that a heading or table caption stays with what follows. */
  breaks: Set<number>;
  /** The planned layout as the paginator sees it: page count, fill of each page, page (1-based) of each footnote mark. */
  pages: number;
  fills: number[];
  marks: Map<string, number>;
}

export interface FloatOptions {
  /** Figures may stand later than the template put them. */
  float: boolean;
  /** Figures may be set smaller (false when the model's figures carry their scale, decided by an earlier layout). */
  fit: boolean;
  /** Footnote space per physical page (1-based) for the pages the marks are on; it may only grow from one call to the next. */
  reserveFor(marks: Map<string, number>): Map<number, number>;
  /** Page (1-based) of each mark in the layout the items were measured from. */
  marks: Map<string, number>;
}

/** A step of a layout: the next text item, or the next figure box at a height. */
type Step = { text: number } | { group: number; height: number; scale?: number };

interface Node {
  x: number;
  j: number;
  /** Headings placed in the stream but not yet on a page: they go with what follows them. */
  pending: number;
  sheet: Sheet;
  cost: number;
  prev: Node | null;
  step: Step | null;
}

/** The document split into the text stream and the figure boxes, with where each box may stand. */
interface Stream {
  text: FlowItem[];
  groups: BoxItem[];
  /** Text items before each box in the template's order, and the last slot the box may stand at. */
  first: number[];
  last: number[];
  /** Height of each text item (what a figure passes when it floats past it). */
  heights: number[];
}

function stream(items: FlowItem[], float: boolean): Stream {
  const s: Stream = { text: [], groups: [], first: [], last: [], heights: [] };
  for (const it of items) {
    if (it.kind === 'box' && it.figures.length > 0) {
      s.groups.push(it);
      s.first.push(s.text.length);
    } else {
      s.text.push(it);
      s.heights.push(it.kind === 'text' ? it.marginTop + it.lines.reduce((a, h) => a + h, 0) + it.marginBottom : 0);
    }
  }
  for (const o of s.first) {
    let k = o;
    while (float && k < s.text.length && isRunning(s.text[k])) k++;
    s.last.push(k);
  }
  return s;
}

const isRunning = (it: FlowItem): it is TextItem => it.kind === 'text' && it.running;
const isHeading = (it: FlowItem | undefined): boolean => it?.kind === 'text' && it.keep;

/** Fewer pages; then fewer under-filled pages; then less space left empty on them and less text passed, in points. */
function better(a: Node, b: Node): boolean {
  if (a.sheet.page !== b.sheet.page) return a.sheet.page < b.sheet.page;
  if (a.sheet.under !== b.sheet.under) return a.sheet.under < b.sheet.under;
  return a.sheet.short + a.cost < b.sheet.short + b.cost;
}

class Search {
  private layers: Map<string, Node>[] = [];

  constructor(
    private readonly s: Stream,
    private readonly pg: Paginator,
    private readonly fit: boolean,
  ) {}

  private keep(n: Node): void {
    const d = n.x + n.j;
    const layer = (this.layers[d] ??= new Map());
    const key = `${n.x}|${n.j}|${n.pending}|${n.sheet.page}|${n.sheet.avail.toFixed(2)}|${n.sheet.breakNext}`;
    const old = layer.get(key);
    if (!old || better(n, old)) layer.set(key, n);
  }

  private headings(n: Node): TextItem[] {
    return this.s.text.slice(n.x - n.pending, n.x) as TextItem[];
  }

  private placeText(n: Node): void {
    const it = this.s.text[n.x];
    const next: Node = { ...n, x: n.x + 1, prev: n, step: { text: n.x } };
    if (isHeading(it)) next.pending = n.pending + 1;
    else {
      next.sheet = this.pg.copy(n.sheet);
      this.pg.place(next.sheet, this.headings(n), it);
      next.pending = 0;
    }
    this.keep(next);
  }

  private placeGroup(n: Node): void {
    const box = this.s.groups[n.j];
    const passed = this.s.heights.slice(this.s.first[n.j], n.x).reduce((a, h) => a + h, 0);
    let page = -1;
    const at = (height: number, scale?: number): Node => {
      const sheet = this.pg.copy(n.sheet);
      page = this.pg.place(sheet, this.headings(n), box, height)!.page;
      return { ...n, j: n.j + 1, pending: 0, sheet, cost: n.cost + passed + (scale ? (1 - scale) * SCALE_COST : 0), prev: n, step: { group: n.j, height, ...(scale ? { scale } : {}) } };
    };
    this.keep(at(box.height));
    // Set smaller to stay on this page, if it does not fit there at its size.
    if (!this.fit || box.image === undefined || n.pending > 0 || page === n.sheet.page || n.sheet.breakNext) return;
    // The figure's bottom margin stays on the page too (at the end of the document it would start a blank page).
    const room = n.sheet.avail - box.marginTop - (box.height - box.image) - box.marginBottom;
    const scale = Math.floor((room / box.image) * 100) / 100;
    if (scale >= MIN_FIGURE_SCALE && scale < 1) this.keep(at(box.height - box.image + box.image * scale, scale));
  }

  /**
   * The layouts that reached layer d, at most MAX_STATES of them (the best):
   * a bound on the search for long documents. The sample's layers hold up to
   * about 250 (a few milliseconds in all); three reports in one document reach
   * the bound.
   */
  private bounded(d: number): Node[] {
    const all = [...(this.layers[d]?.values() ?? [])];
    if (all.length <= MAX_STATES) return all;
    return all.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).slice(0, MAX_STATES);
  }

  /** The best complete layout. */
  run(start: Sheet): Node {
    const m = this.s.text.length;
    const G = this.s.groups.length;
    this.keep({ x: 0, j: 0, pending: 0, sheet: start, cost: 0, prev: null, step: null });
    for (let d = 0; d < m + G; d++) {
      for (const n of this.bounded(d)) {
        if (n.x < m && (n.j === G || n.x + 1 <= this.s.last[n.j])) this.placeText(n);
        const canStand = n.j < G && n.x >= this.s.first[n.j] && n.x <= this.s.last[n.j] && (n.x === this.s.first[n.j] || !isHeading(this.s.text[n.x - 1]));
        if (canStand) this.placeGroup(n);
      }
      this.layers[d] = new Map(); // done with: free it
    }
    let best: Node | null = null;
    for (const n of this.layers[m + G]?.values() ?? []) {
      const sheet = this.pg.copy(n.sheet);
      if (n.pending > 0) this.pg.place(sheet, this.headings(n), null);
      const done = { ...n, sheet };
      if (!best || better(done, best)) best = done;
    }
    if (!best) throw new Error('float planner: no layout reaches the end of the document');
    return best;
  }
}

function steps(n: Node): Step[] {
  const out: Step[] = [];
  for (let at: Node | null = n; at?.step; at = at.prev) out.push(at.step);
  return out.reverse();
}

const blocksOf = (it: FlowItem): number[] => (it.kind === 'box' ? it.blocks : [it.block]);

/** Lays the planned steps out again, this time keeping the log (fills, marks, figure pages). */
function replay(s: Stream, pg: Paginator, plan: Step[]): Sheet {
  const sheet = pg.start(true);
  let headings: TextItem[] = [];
  for (const step of plan) {
    if ('text' in step) {
      const it = s.text[step.text];
      if (isHeading(it)) headings.push(it as TextItem);
      else {
        pg.place(sheet, headings, it);
        headings = [];
      }
    } else {
      pg.place(sheet, headings, s.groups[step.group], step.height);
      headings = [];
    }
  }
  if (headings.length > 0) pg.place(sheet, headings, null);
  return sheet;
}

const sameMarks = (a: Map<string, number>, b: Map<string, number>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** The plan: block order and figure scales for the whole document, from the items measured in one pass. */
export function planFloats(model: DocumentModel, items: FlowItem[], opts: FloatOptions): FloatPlan {
  const s = stream(items, opts.float);
  let marks = opts.marks;
  let plan: Step[] = [];
  let laid: Sheet | null = null;
  let pg: Paginator | null = null;
  // The footnote space depends on the pages the marks land on: plan, see where they land, plan again (the space only grows).
  for (let round = 0; round < 4; round++) {
    const reserve = opts.reserveFor(marks);
    pg = new Paginator(((page) => reserve.get(page + 1) ?? 0) satisfies Reserve);
    plan = steps(new Search(s, pg, opts.fit).run(pg.start()));
    laid = replay(s, pg, plan);
    const landed = new Map([...laid.log!.marks].map(([id, p]) => [id, p + 1]));
    if (sameMarks(landed, marks)) break;
    marks = landed;
  }
  const log = laid!.log!;
  const order = plan.flatMap((step) => ('text' in step ? blocksOf(s.text[step.text]) : s.groups[step.group].blocks));
  const scales = new Map<number, FigureScale>();
  let moved = 0;
  let placed = 0;
  for (const step of plan) {
    if ('text' in step) placed++;
    else {
      if (placed > s.first[step.group]) moved++;
      const number = s.groups[step.group].figures[0];
      if (step.scale) scales.set(number, { scale: step.scale, page: log.figures.get(number)! + 1 });
    }
  }
  return {
    model: { ...model, blocks: order.map((i) => model.blocks[i]) },
    scales,
    moved,
    breaks: new Set([...log.breaks].map((b) => order.indexOf(b))),
    pages: laid!.page + 1,
    fills: [...log.fills, pg!.fill(laid!)],
    marks,
  };
}
