/**
 * The figures as the check knows them, for references (见图N) and captions: the
 * numbers and headings the document gives them (document/figure-numbers.ts), with
 * their captions.
 */
import type { PlacedFigure } from '../document/figure-numbers.js';
import type { FigureRef } from './types.js';

export function figureRefs(placed: readonly PlacedFigure[], caption: (f: PlacedFigure) => string): FigureRef[] {
  return placed.map((f) => ({ number: f.number, id: f.id, kind: f.kind, node: f.node, caption: caption(f), needsPrevious: f.needsPrevious, section: f.heading }));
}
