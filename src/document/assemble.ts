/**
 * The document model from the rendered report template: narrative headings and
 * paragraphs become markup, markup blocks pass through, and the markup parser
 * makes the one model both renderers draw.
 */
import type { DocumentModel, RunningHeader } from '../model/types.js';
import { parseMarkup, type MarkupAssets } from '../markup/parse.js';
import type { Narrative } from '../narrative/types.js';

/** Narrative text is literal: characters the markup reads as syntax are escaped. */
const escapeText = (s: string) => s.replace(/[\\*^[\]]/g, (c) => `\\${c}`);

export interface AssembleInput {
  narrative: Narrative;
  assets: MarkupAssets;
  header: RunningHeader;
  meta: DocumentModel['meta'];
  /** The template the markup came from, for error messages. */
  sourceName: string;
}

/** The markup text of the report, and for each of its lines the template line it came from. */
export function reportMarkup(narrative: Narrative): { text: string; lines: (number | null)[] } {
  const out: string[] = [];
  const lines: (number | null)[] = [];
  const push = (text: string, line: number | null, step: boolean) => {
    text.split('\n').forEach((l, i) => {
      out.push(l);
      lines.push(line === null ? null : line + (step ? i : 0));
    });
    out.push('');
    lines.push(null);
  };
  for (const b of narrative.blocks) {
    if (b.type === 'markup') push(b.text, b.line, true);
    else if (b.type === 'heading') push(`${'#'.repeat(b.level)} ${escapeText(b.text)}`, null, false);
    else if (b.kind === 'lead') push(`::: lead\n${escapeText(b.text)}\n:::`, null, false);
    else push(escapeText(b.text), null, false);
  }
  return { text: out.join('\n'), lines };
}

export function assembleDocument(input: AssembleInput): DocumentModel {
  const { text, lines } = reportMarkup(input.narrative);
  const { blocks, footnotes } = parseMarkup(text, input.sourceName, input.assets, { lineMap: (n) => lines[n - 1] ?? n });
  return { meta: input.meta, header: input.header, blocks, footnotes };
}
