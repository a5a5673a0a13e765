/**
 * The figures as the reader meets them, for the check of references (见图N) and
 * captions: numbered in order of appearance, each with the heading it stands under.
 */
import type { Narrative } from '../narrative/types.js';
import type { FigureRef } from './types.js';

export interface FigureSpecLike {
  id: string;
  kind: string;
  node: string;
  needsPrevious?: boolean;
}

/** From the rendered report template: the figures {{figures}} placed and the `::: figure id :::` of its markup, in order, under their headings. */
export function figuresOfNarrative(narrative: Narrative, specs: FigureSpecLike[], caption: (id: string) => string = () => ''): FigureRef[] {
  const out: FigureRef[] = [];
  const headings: string[] = [];
  const place = (id: string) => {
    const spec = specs.find((s) => s.id === id);
    if (spec) out.push({ number: out.length + 1, id: spec.id, kind: spec.kind, node: spec.node, caption: caption(spec.id), needsPrevious: !!spec.needsPrevious, section: headings.join(' › ') });
  };
  for (const b of narrative.blocks) {
    if (b.type === 'heading') headings.splice(b.level - 1, headings.length, b.text);
    else if (b.type === 'figure') place(b.id);
    else if (b.type === 'markup') for (const m of b.text.matchAll(/^:::\s*figure\s+(\S+)/gm)) place(m[1]);
  }
  return out;
}
