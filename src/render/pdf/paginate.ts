/**
 * The paginator: lays flow items (flow.ts) out on pages the way pdfmake does,
 * from their measured heights, without pdfmake — so that the float planner
 * (floats.ts) can try many orders of the blocks for the cost of one layout
 * pass. It follows pdfmake 0.3's LayoutBuilder step by step: a top margin that
 * does not fit ends the page (the block starts at the top of the next), a line
 * goes on the page if the height left is at least its own, an unbreakable box
 * moves whole, a bottom margin that does not fit ends the page; a heading that
 * would be left at the foot of its page (keepWithNext in definition.ts) starts
 * the next page, its own top margin kept. Tables: rows never break, the header
 * rows repeat on each page. test/render/paginate.test.ts checks it against
 * pdfmake's own layout of the sample report, line by line.
 *
 * A sheet is the state of the layout after some items: plain data, copied
 * for each branch the planner tries.
 */
import { MARGIN, PAGE } from '../common.js';
import type { BoxItem, FlowItem, TableItem, TextItem } from './flow.js';
import { KEEP_MIN_ROOM } from './styles.js';
import { TABLE_KEEP_ROWS } from './definition.js';

/** A page whose content ends higher than this share of its text block counts as under-filled (the last page excepted). */
export const MIN_FILL = 0.8;

/** A line's box ends below the ink of its characters (descent and leading: 4–5 pt for body type and captions), and a page read at 36 dpi (scripts/page-fill.ts) is seen to a pixel (2 pt): counted so, a page planned to fill 80 % reads 80 % there. */
const INK_GAP = 8;

/** What a layout records besides its sheet (only when asked: the planner's search needs none of it). */
export interface LayoutLog {
  /** Share of the text block filled, per closed page. */
  fills: number[];
  /** Page (0-based) of each footnote mark's line. */
  marks: Map<string, number>;
  /** Page (0-based) of each figure. */
  figures: Map<number, number>;
  /** Where each block starts (its first line, its box; a table: its caption): page (0-based) and top. */
  starts: Map<number, { page: number; top: number }>;
  /** Blocks that start a new page to keep a heading or a table caption with what follows it. */
  breaks: Set<number>;
}

export interface Sheet {
  /** Current page, 0-based. */
  page: number;
  y: number;
  /** Height left on the page, as pdfmake counts it. */
  avail: number;
  /** Lowest content on the current page. */
  bottom: number;
  /** Closed pages under MIN_FILL, and by how much in all (pt of the text block left empty below MIN_FILL). */
  under: number;
  short: number;
  /** The next item starts a new page (a page break block). */
  breakNext: boolean;
  log: LayoutLog | null;
}

/** Where an item starts (its first line, box or table row): page (0-based), top; and whether it runs onto a later page. */
export interface Start {
  page: number;
  top: number;
  spans: boolean;
}

/** Extra space at the foot of a page (0-based), for its footnotes. */
export type Reserve = (page: number) => number;

export class Paginator {
  constructor(private readonly reserve: Reserve) {}

  /** Bottom of the text block of a page (0-based). */
  limit(page: number): number {
    return PAGE.height - MARGIN.bottom - this.reserve(page);
  }

  start(log = false): Sheet {
    const s: Sheet = { page: -1, y: 0, avail: 0, bottom: 0, under: 0, short: 0, breakNext: false, log: log ? { fills: [], marks: new Map(), figures: new Map(), starts: new Map(), breaks: new Set() } : null };
    this.newPage(s, false);
    return s;
  }

  copy(s: Sheet): Sheet {
    return { ...s, log: s.log && { fills: [...s.log.fills], marks: new Map(s.log.marks), figures: new Map(s.log.figures), starts: new Map(s.log.starts), breaks: new Set(s.log.breaks) } };
  }

  /** Share of its text block the current page fills, to the ink of its lowest line (what a reader, and scripts/page-fill.ts, see). */
  fill(s: Sheet): number {
    return (s.bottom - INK_GAP - MARGIN.top) / (this.limit(s.page) - MARGIN.top);
  }

  private newPage(s: Sheet, close = true): void {
    if (close) {
      const fill = this.fill(s);
      if (fill < MIN_FILL) {
        s.under++;
        s.short += (MIN_FILL - fill) * (this.limit(s.page) - MARGIN.top);
      }
      s.log?.fills.push(fill);
    }
    s.page++;
    s.y = MARGIN.top;
    s.bottom = MARGIN.top;
    s.avail = PAGE.height - MARGIN.top - MARGIN.bottom - this.reserve(s.page);
  }

  private down(s: Sheet, h: number): void {
    s.y += h;
    s.avail -= h;
  }

  private marginTop(s: Sheet, m: number, forced = false): void {
    if (s.breakNext || forced) {
      s.breakNext = false;
      this.newPage(s);
      this.down(s, m);
    } else if (s.avail - m < 0) this.newPage(s);
    else this.down(s, m);
  }

  private marginBottom(s: Sheet, m: number): void {
    if (s.avail - m < 0) this.newPage(s);
    else this.down(s, m);
  }

  /** Lines of text; returns where the first line went (page, top) and whether the lines cross a page. */
  private text(s: Sheet, t: TextItem, forced = false): Start {
    this.marginTop(s, t.marginTop, forced);
    let first: { page: number; top: number } | null = null;
    t.lines.forEach((h, i) => {
      if (s.avail < h) this.newPage(s);
      first ??= { page: s.page, top: s.y };
      for (const mark of t.marks) if (mark.line === i && !s.log?.marks.has(mark.id)) s.log?.marks.set(mark.id, s.page);
      this.down(s, h);
      s.bottom = s.y;
    });
    const at = first ?? { page: s.page, top: s.y };
    if (!s.log?.starts.has(t.block)) s.log?.starts.set(t.block, at);
    const spans = s.page !== at.page;
    this.marginBottom(s, t.marginBottom);
    return { ...at, spans };
  }

  /** An unbreakable box at `height` (a figure may be set smaller than its measured box). */
  private box(s: Sheet, b: BoxItem, height = b.height, forced = false): Start {
    this.marginTop(s, b.marginTop, forced);
    if (height > s.avail) this.newPage(s);
    const at = { page: s.page, top: s.y, spans: false };
    this.down(s, height);
    s.bottom = s.y;
    for (const n of b.figures) s.log?.figures.set(n, s.page);
    s.log?.starts.set(b.blocks[0], { page: at.page, top: at.top });
    this.marginBottom(s, b.marginBottom);
    return at;
  }

  private table(s: Sheet, t: TableItem, forced = false): Start {
    const head = t.header.reduce((a, h) => a + h, 0);
    // The caption stays with the header and the first rows (keepWithNext, keepWithHeaderRows).
    const trial = this.copy(s);
    const cap = this.text(trial, t.caption, forced);
    const kept = Math.min(TABLE_KEEP_ROWS, t.rows.length);
    const firstRow = head + t.rows.slice(0, kept).reduce((a, h) => a + h, 0) + (t.rulesUnder[kept - 1] ?? 0);
    const keep = !cap.spans && !(trial.avail >= firstRow && trial.page === cap.page);
    if (keep) s.log?.breaks.add(t.block);
    this.text(s, t.caption, forced || keep);
    if (s.avail < firstRow) this.newPage(s);
    // A heading before the table stays with it if its first rows stand on the heading's page, whatever the room (keepWithNext).
    const at = { page: s.page, top: s.y, spans: false };
    this.down(s, head);
    t.rows.forEach((h, r) => {
      if (s.avail < h + t.rulesUnder[r]) {
        this.newPage(s);
        this.down(s, head);
      }
      this.down(s, h);
      s.bottom = s.y;
    });
    this.down(s, t.rulesUnder.at(-1) ?? 0);
    s.bottom = s.y;
    this.marginBottom(s, t.marginBottom);
    if (t.note) this.text(s, t.note);
    return at;
  }

  /** Places one item; `height` sets a figure box smaller. Where the item starts. */
  private item(s: Sheet, it: FlowItem, forced = false, height?: number): Start {
    switch (it.kind) {
      case 'text':
        return this.text(s, it, forced);
      case 'box':
        return this.box(s, it, height, forced);
      case 'table':
        return this.table(s, it, forced);
      case 'break':
        s.breakNext = true;
        return { page: s.page, top: s.y, spans: false };
    }
  }

  /**
   * Places headings kept with the item after them, then that item: if the
   * item would not start on the first heading's page with room for more than
   * two lines there, the headings start the next page (as keepWithNext makes
   * pdfmake do). Without headings, just the item.
   */
  place(s: Sheet, headings: TextItem[], it: FlowItem | null, height?: number): Start | null {
    if (headings.length === 0) return it ? this.item(s, it, false, height) : null;
    const trial = this.copy(s);
    const first = this.text(trial, headings[0]);
    for (const h of headings.slice(1)) this.text(trial, h);
    const next = it ? this.item(trial, it, false, height) : null;
    const keeps = first.spans || (next !== null && next.page === first.page && (!next.spans || this.limit(first.page) - next.top >= KEEP_MIN_ROOM));
    if (keeps) {
      Object.assign(s, trial);
      return next;
    }
    s.log?.breaks.add(headings[0].block);
    this.text(s, headings[0], true);
    for (const h of headings.slice(1)) this.text(s, h);
    return it ? this.item(s, it, false, height) : null;
  }
}
