/**
 * The document model from the rendered report template, as one structure: the
 * narrative's headings and paragraphs are typed blocks already and become the
 * model's blocks as they are (their text is literal, never read as markup); only
 * the template's {{#markup}} segments (title, byline, footnotes, tables) are
 * parsed as markup. The figures {{figures "…"}} places come as their ids, with the
 * numbers figure-numbers.ts gave them; table numbers and footnote marks run through
 * the whole document.
 */
import type { Block, DocumentModel, RunningHeader } from '../model/types.js';
import { MarkupDocument, type MarkupAssets } from '../markup/parse.js';
import type { Narrative, NarrativeBlock } from '../narrative/types.js';

export interface AssembleInput {
  narrative: Narrative;
  assets: MarkupAssets;
  header: RunningHeader;
  meta: DocumentModel['meta'];
  /** The template the markup came from, for error messages. */
  sourceName: string;
}

/** A narrative heading or paragraph as the model's block: its text as one run (the lead paragraph is the model's lead). */
export function narrativeBlock(b: NarrativeBlock): Block {
  const content = [{ type: 'text' as const, text: b.text }];
  if (b.type === 'heading') return { type: 'heading', level: b.level, content };
  return { type: b.kind === 'lead' ? 'lead' : 'paragraph', content };
}

export function assembleDocument(input: AssembleInput): DocumentModel {
  const doc = new MarkupDocument(input.sourceName, input.assets);
  for (const b of input.narrative.blocks) {
    // A markup segment's line n stands on line `b.line + n - 1` of the template.
    if (b.type === 'markup') doc.markup(b.text, (n) => (b.line === null ? n : b.line + n - 1));
    else if (b.type === 'figure') doc.figure(b.id, b.line);
    else doc.block(narrativeBlock(b));
  }
  const { blocks, footnotes } = doc.finish();
  return { meta: input.meta, header: input.header, blocks, footnotes };
}
