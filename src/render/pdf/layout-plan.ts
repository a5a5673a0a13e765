/**
 * The layout planner: what each layout pass reserves and scales, decided from
 * what the previous pass laid out. Pure data in, data out — it never calls
 * pdfmake; the renderer runs the passes it asks for (a work queue of passes,
 * as a layout engine runs its queue until nothing moves).
 *
 * pdfmake has no footnotes, so they are laid out in passes:
 *   pass 1  (planning) lay out with no footnote space; measure every note's
 *           height and find the page of every mark (marks are tagged inlines;
 *           their lines are read from the laid-out pages);
 *   pass 2+ reserve room at the foot of those pages (the page's bottom margin
 *           grows by the height of its notes, and the footer draws them there),
 *           lay out again and check the marks stayed on the same pages
 *           (a reserved block can push a mark over; then plan again).
 *
 * Figures do not float, but one that would leave the rest of its page empty
 * (it does not fit under the text before it) may be set up to 15 % smaller so
 * that it stands there instead: the first such figure is found in the planning
 * pass (fitFigure), and if it still does not fit in the final layout it goes
 * back to its size and to the next page, as before. A model whose figures
 * already carry a scale (decided by an earlier layout) is not fitted again.
 */
import { MARGIN, PAGE } from '../common.js';
import { FIGURE_NUMBER, type LaidOutItem, type PdfmakeLine, type PdfmakePage } from './pdfmake-adapter.js';
import { FIGURE_MARGIN, FN_GAP, FN_RULE, FN_SLACK } from './styles.js';

/** A figure set smaller, and the physical page it was set smaller for. */
export interface FigureScale {
  scale: number;
  page: number;
}

/** What one pass lays out with. */
export interface PassPlan {
  /** A planning pass: measuring copies of the notes after the content, figures as empty boxes, nothing drawn. */
  measure: boolean;
  /** Physical page → footnote ids whose notes are printed there (in mark order). */
  notes: Map<number, string[]>;
  /** Extra bottom space (pt) per physical page, for its notes. */
  reserve: Map<number, number>;
  /** Figures set smaller to fit where they stand (figure number →). */
  scales: Map<number, FigureScale>;
}

/** What a pass laid out, as the planner reads it. */
export interface PassObservation {
  pages: PdfmakePage[];
  /** Page of each footnote mark. */
  markPages: Map<string, number>;
  /** Height of each note (from the measuring copies). */
  noteHeights: Map<string, number>;
  /** Page on which each note was printed. */
  placed: Map<string, number>;
}

/**
 * The smallest a figure may be set to fit the space left on a page: below this,
 * labels of 7–8 pt would print under 6 pt, and the figure goes to the next page
 * at full size, as before.
 */
const MIN_FIGURE_SCALE = 0.85;
/** Passes after the planning pass before the footnote layout is declared unsettled. */
const MAX_ATTEMPTS = 6;

/** Reads the tagged marks, notes and measuring copies off the laid-out pages. */
export function observe(pages: PdfmakePage[]): PassObservation {
  const markPages = new Map<string, number>();
  const noteHeights = new Map<string, number>();
  const placed = new Map<string, number>();
  pages.forEach((page, i) => {
    for (const it of page.items) {
      if (it.type !== 'line') continue;
      const line = it.item as unknown as PdfmakeLine;
      const seen = new Set<string>();
      for (const inl of line.inlines) {
        if (inl.fnMark && !markPages.has(inl.fnMark)) markPages.set(inl.fnMark, i + 1);
        if (inl.fnNote && !placed.has(inl.fnNote)) placed.set(inl.fnNote, i + 1);
        if (inl.fnMeasure && !seen.has(inl.fnMeasure)) {
          seen.add(inl.fnMeasure);
          noteHeights.set(inl.fnMeasure, (noteHeights.get(inl.fnMeasure) ?? 0) + line.getHeight());
        }
      }
    }
  });
  return { pages, markPages, noteHeights, placed };
}

function notesByPage(markPages: Map<string, number>, order: string[]): Map<number, string[]> {
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

/** Top and bottom of a laid-out item. */
export function extent({ type, item: it }: LaidOutItem): [number, number] {
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
export function fitFigure(pages: PdfmakePage[], reserve: Map<number, number>): ({ number: number } & FigureScale) | null {
  const limit = (i: number) => PAGE.height - MARGIN.bottom - (reserve.get(i + 1) ?? 0);
  // The page's own content: running header and footer (page number, notes) are laid out on it too.
  const body = (i: number) =>
    pages[i].items.filter((it) => {
      const [top] = extent(it);
      return top >= MARGIN.top - 1 && top < PAGE.height - MARGIN.bottom;
    });
  for (let i = 0; i < pages.length; i++) {
    const items = body(i);
    for (const [k, it] of items.entries()) {
      const number = it.type === 'svg' ? it.item[FIGURE_NUMBER] : undefined;
      if (number === undefined) continue;
      const [top, imageBottom] = extent(it);
      // A pair side by side is set as it is (setting one of the two smaller would unbalance it).
      if (items.some((o) => o !== it && o.type === 'svg' && Math.abs(extent(o)[0] - top) < 0.5)) continue;
      const height = imageBottom - top;
      // Caption and note under the image keep their size.
      let captionBottom = imageBottom;
      for (const other of items) {
        if (other.type === 'line' && other.item.inlines?.some((inl) => inl.figPart === number)) captionBottom = Math.max(captionBottom, extent(other)[1]);
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
function scaledFiguresPlaced(pages: PdfmakePage[], scales: Map<number, FigureScale>): boolean {
  for (const [number, { page }] of scales) {
    const on = pages.findIndex((p) => p.items.some((it) => it.type === 'svg' && it.item[FIGURE_NUMBER] === number));
    if (on + 1 !== page) return false;
  }
  return true;
}

/**
 * Plans the passes of one render: `first()` gives the first pass, `next()`
 * takes what a pass laid out and gives the next pass, or null when the last
 * pass is final.
 */
export class LayoutPlanner {
  private planning: PdfmakePage[] | null = null;
  /** What the passes after the planning pass are for. */
  private mode: 'single' | 'footnotes' | 'figures' = 'single';
  private heights = new Map<string, number>();
  private observed = new Map<string, number>();
  private reserve = new Map<number, number>();
  private slack = FN_SLACK;
  private attempt = 0;
  private current: PassPlan;
  /** Passes asked for so far. */
  passes = 1;

  /**
   * @param order footnote ids in reading order (the order of notes on a page)
   * @param hasNotes the model has footnotes; @param hasFigures it has figures
   * @param fit figures may be set smaller (false when the model's figures carry their scale already)
   */
  constructor(
    private readonly order: string[],
    hasNotes: boolean,
    hasFigures: boolean,
    private readonly fit: boolean,
  ) {
    // A planning pass places the footnotes and finds a figure to fit.
    this.current = { measure: hasNotes || (hasFigures && fit), notes: new Map(), reserve: new Map(), scales: new Map() };
  }

  first(): PassPlan {
    return this.current;
  }

  /** Figures set smaller by the final plan (figure number → scale). */
  get scales(): Map<number, number> {
    return new Map([...this.current.scales].map(([n, v]) => [n, v.scale]));
  }

  next(seen: PassObservation): PassPlan | null {
    const prev = this.current;
    if (prev.measure) return this.afterPlanning(seen);
    if (this.mode === 'footnotes') return this.afterFootnotePass(seen);
    if (this.mode === 'figures') return this.afterFigurePass(seen);
    return null; // a single pass: nothing to plan
  }

  private ask(plan: PassPlan): PassPlan {
    this.passes++;
    this.current = plan;
    return plan;
  }

  private fitted(reserve: Map<number, number>): Map<number, FigureScale> {
    const fit = this.fit && this.planning ? fitFigure(this.planning, reserve) : null;
    return fit ? new Map([[fit.number, { scale: fit.scale, page: fit.page }]]) : new Map();
  }

  private afterPlanning(seen: PassObservation): PassPlan {
    this.planning = seen.pages;
    if (seen.markPages.size === 0) {
      this.mode = 'figures';
      // No footnote marks (notes without marks are not printed): lay out again, a figure fitted.
      return this.ask({ measure: false, notes: new Map(), reserve: new Map(), scales: this.fitted(new Map()) });
    }
    this.mode = 'footnotes';
    this.heights = seen.noteHeights;
    this.observed = seen.markPages;
    return this.ask(this.footnotePlan(this.fitted.bind(this)));
  }

  /** Notes on the pages of their marks; reservations only grow from one attempt to the next, so the layout settles. */
  private footnotePlan(scales: (reserve: Map<number, number>) => Map<number, FigureScale>): PassPlan {
    const notes = notesByPage(this.observed, this.order);
    for (const [page, ids] of notes) {
      const need = FN_GAP + FN_RULE + 1 + this.slack + ids.reduce((a, id) => a + (this.heights.get(id) ?? 0), 0);
      this.reserve.set(page, Math.max(this.reserve.get(page) ?? 0, need));
    }
    return { measure: false, notes, reserve: new Map(this.reserve), scales: scales(this.reserve) };
  }

  private afterFootnotePass(seen: PassObservation): PassPlan | null {
    const plan = this.current;
    const allPlaced = [...plan.notes].every(([page, ids]) => ids.every((id) => seen.placed.get(id) === page));
    const figuresPlaced = scaledFiguresPlaced(seen.pages, plan.scales);
    if (sameMap(seen.markPages, this.observed) && allPlaced && figuresPlaced) return null;
    // A figure set smaller that still did not fit goes back to its size (and to the next page, as before).
    const scales = figuresPlaced ? plan.scales : new Map<number, FigureScale>();
    if (!allPlaced) this.slack += 4;
    this.observed = seen.markPages;
    if (this.attempt === MAX_ATTEMPTS - 1) throw new Error(`PDF footnote layout did not settle after ${MAX_ATTEMPTS} passes`);
    this.attempt++;
    return this.ask(this.footnotePlan(() => scales));
  }

  private afterFigurePass(seen: PassObservation): PassPlan | null {
    const plan = this.current;
    if (plan.scales.size === 0 || scaledFiguresPlaced(seen.pages, plan.scales)) return null;
    this.mode = 'single'; // back to full size: that layout is final
    return this.ask({ ...plan, scales: new Map() });
  }
}
