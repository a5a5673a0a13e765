/**
 * The figures' numbers (图N), decided once for the whole report, before anything
 * is drawn: 1..n in the order the reader meets them in the rendered template — the
 * figures {{figures "…"}} placed and the `::: figure <id> :::` of its markup —
 * counting only the figures the quarter can draw (figuresFor: one that needs a
 * previous quarter is not there to count). The fact check (references 见图N and
 * captions), the figures' captions and alt text, and the document all read these.
 */
import { figureIdsPlaced } from '../markup/parse.js';
import { type FigureSpec, type NumberedFigure, numberFigures } from '../figures/spec.js';
import type { Narrative } from '../narrative/types.js';

export interface PlacedFigure extends NumberedFigure {
  /** The headings it stands under, outermost first, joined by ' › ' (as the check names sections). */
  heading: string;
}

/**
 * The figures of `kept` the narrative places, numbered in order of placement. A
 * figure placed that is not kept, or placed a second time, is not counted: the
 * document names it as a problem (unknown figure, placed twice).
 */
export function placeFigures(narrative: Narrative, kept: readonly FigureSpec[]): PlacedFigure[] {
  const placed: { spec: FigureSpec; heading: string }[] = [];
  const headings: string[] = [];
  const place = (id: string) => {
    const spec = kept.find((s) => s.id === id);
    if (spec && !placed.some((p) => p.spec === spec)) placed.push({ spec, heading: headings.join(' › ') });
  };
  for (const b of narrative.blocks) {
    if (b.type === 'heading') headings.splice(b.level - 1, headings.length, b.text);
    else if (b.type === 'figure') place(b.id);
    else if (b.type === 'markup') for (const id of figureIdsPlaced(b.text)) place(id);
  }
  return numberFigures(placed.map((p) => p.spec)).map((f, i) => ({ ...f, heading: placed[i].heading }));
}
