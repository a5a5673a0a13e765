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
 * Where figures stand and at what size is planned between pass 1 and pass 2
 * (floats.ts), from pass 1's measurements; that plan says on which pages the
 * marks will land and which figures are set smaller, and pass 2 is laid out
 * with it. A figure set smaller that does not land on the page it was set
 * smaller for goes back to its size (and on to the next page).
 */
import { FIGURE_NUMBER, type LaidOutItem, type PdfmakeLine, type PdfmakePage } from './pdfmake-adapter.js';
import { FN_GAP, FN_RULE, FN_SLACK } from './styles.js';
import type { FigureScale } from './floats.js';

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
  /**
   * Blocks (model indices) that start a new page, as the float planner foresaw, so that a heading stays with its
   * text; pdfmake would find them itself, but each one it finds costs it a whole layout again.
   */
  breaks: Set<number>;
  /** Headings are kept with what follows (false for a pass that is only measured: each page break pdfmake adds costs it a layout). */
  keeps: boolean;
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

/** Whether every figure set smaller landed on the page it was set smaller for. */
function scaledFiguresPlaced(pages: PdfmakePage[], scales: Map<number, FigureScale>): boolean {
  for (const [number, { page }] of scales) {
    const on = pages.findIndex((p) => p.items.some((it) => it.type === 'svg' && it.item[FIGURE_NUMBER] === number));
    if (on + 1 !== page) return false;
  }
  return true;
}

/** What the float planner foresaw for the pass after the planning pass: the page of each mark, the figures set smaller. */
export interface Foreseen {
  markPages: Map<string, number>;
  scales: Map<number, FigureScale>;
  breaks: Set<number>;
}

/**
 * Plans the passes of one render: `first()` gives the first pass, `next()`
 * takes what a pass laid out and gives the next pass, or null when the last
 * pass is final.
 */
export class LayoutPlanner {
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

  private breaks = new Set<number>();

  /**
   * @param order footnote ids in reading order (the order of notes on a page)
   * @param planning a planning pass comes first: the model has footnotes, or figures to place
   * @param measureOnly that pass is read for the heights of the blocks only (the float planner lays them out), not for their pages
   */
  constructor(
    private readonly order: string[],
    planning: boolean,
    measureOnly = false,
  ) {
    this.current = { measure: planning, notes: new Map(), reserve: new Map(), scales: new Map(), breaks: new Set(), keeps: !measureOnly };
  }

  first(): PassPlan {
    return this.current;
  }

  /** Figures set smaller by the final plan (figure number → scale). */
  get scales(): Map<number, number> {
    return new Map([...this.current.scales].map(([n, v]) => [n, v.scale]));
  }

  /**
   * Footnote space for notes on the pages of the given marks (physical page →
   * pt), with the note heights the planning pass measured. Reservations only
   * grow from one call to the next, so the layout settles.
   */
  reserveFor(markPages: Map<string, number>, noteHeights: Map<string, number> = this.heights): Map<number, number> {
    this.heights = noteHeights;
    for (const [page, ids] of notesByPage(markPages, this.order)) {
      const need = FN_GAP + FN_RULE + 1 + this.slack + ids.reduce((a, id) => a + (this.heights.get(id) ?? 0), 0);
      this.reserve.set(page, Math.max(this.reserve.get(page) ?? 0, need));
    }
    return new Map(this.reserve);
  }

  /** The next pass after `seen`; after the planning pass, with what the float planner foresaw, if it ran. */
  next(seen: PassObservation, foreseen?: Foreseen): PassPlan | null {
    const prev = this.current;
    if (prev.measure) return this.afterPlanning(seen, foreseen);
    if (this.mode === 'footnotes') return this.afterFootnotePass(seen);
    if (this.mode === 'figures') return this.afterFigurePass(seen);
    return null; // a single pass: nothing to plan
  }

  private ask(plan: PassPlan): PassPlan {
    this.passes++;
    this.current = plan;
    return plan;
  }

  private afterPlanning(seen: PassObservation, foreseen?: Foreseen): PassPlan {
    const markPages = foreseen?.markPages ?? seen.markPages;
    const scales = foreseen?.scales ?? new Map<number, FigureScale>();
    this.breaks = foreseen?.breaks ?? new Set();
    if (markPages.size === 0) {
      this.mode = 'figures';
      // No footnote marks (notes without marks are not printed): lay out again, figures as planned.
      return this.ask({ measure: false, notes: new Map(), reserve: new Map(), scales, breaks: this.breaks, keeps: true });
    }
    this.mode = 'footnotes';
    this.heights = seen.noteHeights;
    this.observed = markPages;
    return this.ask(this.footnotePlan(scales));
  }

  /** Notes on the pages of their marks. */
  private footnotePlan(scales: Map<number, FigureScale>): PassPlan {
    const reserve = this.reserveFor(this.observed);
    return { measure: false, notes: notesByPage(this.observed, this.order), reserve, scales, breaks: this.breaks, keeps: true };
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
    return this.ask(this.footnotePlan(scales));
  }

  private afterFigurePass(seen: PassObservation): PassPlan | null {
    const plan = this.current;
    if (plan.scales.size === 0 || scaledFiguresPlaced(seen.pages, plan.scales)) return null;
    this.mode = 'single'; // back to full size: that layout is final
    return this.ask({ ...plan, scales: new Map() });
  }
}
