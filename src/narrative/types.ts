import type { FactSpan } from './provenance.js';
import type { Wording } from './wording.js';

export type NarrativeBlock =
  | { type: 'heading'; level: 1 | 2; text: string }
  | {
      type: 'paragraph';
      text: string;
      /** lead | tiers | level | change | overall | portraits | portrait | noChange | … (set by the template). */
      kind: string;
      /** The index node the paragraph is about (level, change). */
      node?: string;
      /** The district the paragraph is about (portrait). */
      district?: string;
      /** The numbers the template printed through a helper, with the fact each one is. */
      spans: FactSpan[];
    };

/** Document markup from a {{#markup}} block: placed in the documents, not part of the narrative text. */
export interface MarkupBlock {
  type: 'markup';
  text: string;
  /** Line of report.hbs where the block starts. */
  line: number | null;
}

/** A figure placed by {{figures "…"}}: the documents draw it and number it in order. */
export interface FigurePlacement {
  type: 'figure';
  id: string;
  /** Line of report.hbs holding the {{figures}} that placed it. */
  line: number | null;
}

export interface Narrative {
  /** Headings and paragraphs in order (the narrative text). */
  sections: NarrativeBlock[];
  /** Every block in order, markup and figures included: what the documents are assembled from. */
  blocks: (NarrativeBlock | MarkupBlock | FigurePlacement)[];
  /** Sentences inside {{#checked "理由"}} passages: the fact check lists them, it does not check them. */
  handChecked: { sentence: string; reason: string }[];
  /** The words the templates chose from (wording.yaml's lexicon): the fact check reads the text with these. */
  lexicon: Wording['lexicon'];
}

/** What the report template may place besides the narrative. */
export interface LayoutContext {
  /** The figures (id and section), in list order, for {{figures "…"}}. */
  figures: { id: string; section: string }[];
  /** Bulletin fields the template prints (name, issue, column, author …). */
  bulletin: Record<string, string>;
}

export interface RenderOptions {
  /** Folder holding report.hbs, the partials and wording.yaml (default: templates/report). */
  templatesDir?: string;
  /** Figures and bulletin fields for the document; the narrative alone needs neither. */
  layout?: Partial<LayoutContext>;
}
