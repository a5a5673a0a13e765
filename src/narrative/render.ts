import type { Ledger } from '../facts/types.js';
import { buildContext } from './context.js';
import { BLOCK_CLOSE, BLOCK_MID, BLOCK_OPEN, type BlockAttrs, createTemplateEngine, engineOf, MAIN_TEMPLATE, TemplateError, withRenderTables } from './engine.js';
import { copyFacts, extractChecked, extractSpans, type FactRef } from './provenance.js';
import { splitSentences } from './sentences.js';
import type { FigurePlacement, MarkupBlock, Narrative, NarrativeBlock, RenderOptions } from './types.js';

/** Bulletin fields when the caller gives none (the narrative alone). */
const DEFAULT_BULLETIN: Record<string, string> = { name: '', issue: '', column: '', appendix: 'none' };

/**
 * Tidies a paragraph: template whitespace (line breaks, indentation) is removed —
 * Chinese running text has none — and punctuation left doubled by optional
 * clauses is collapsed.
 */
export function tidyParagraph(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[，、；：]+(?=[。；])/g, '')
    .replace(/，{2,}/g, '，')
    .replace(/。{2,}/g, '。')
    .replace(/^[，、；：]+/, '');
}

type AnyBlock = NarrativeBlock | MarkupBlock | FigurePlacement;

/** The output of the top-level template as its blocks: each as its helper said (the block table), with its text. */
function parseBlocks(output: string, table: BlockAttrs[], facts: FactRef[], reasons: string[], handChecked: { sentence: string; reason: string }[]): AnyBlock[] {
  const plain = (t: string) => extractChecked(extractSpans(t, facts).text, [], reasons).text;
  const blocks: AnyBlock[] = [];
  const re = new RegExp(`${BLOCK_OPEN}(\\d+)${BLOCK_MID}([^${BLOCK_OPEN}${BLOCK_CLOSE}]*)${BLOCK_CLOSE}`, 'g');
  let last = 0;
  const stray = (s: string) => {
    const t = s.replace(/\s+/g, '');
    if (t) throw new TemplateError(`${MAIN_TEMPLATE}.hbs`, null, `text outside {{#paragraph}} , {{#heading}} and {{#markup}}: "${t.slice(0, 40)}"`);
  };
  for (const m of output.matchAll(re)) {
    stray(output.slice(last, m.index));
    last = m.index! + m[0].length;
    const attrs = table[Number(m[1])];
    if (attrs.type === 'figure') {
      blocks.push(attrs);
      continue;
    }
    if (attrs.type === 'markup') {
      // Markup keeps its lines: line breaks and blank lines carry meaning there.
      const leading = /^\n*/.exec(m[2])![0].length;
      const text = plain(m[2].slice(leading).replace(/\s+$/, ''));
      // The block's first line sits as many lines below {{#markup}} as the newlines it starts with.
      if (text) blocks.push({ type: 'markup', text, line: attrs.line === null ? null : attrs.line + leading });
      continue;
    }
    const marked = extractSpans(tidyParagraph(m[2]), facts);
    const { text, spans, checked } = extractChecked(marked.text, marked.spans, reasons);
    // The sentences of a {{#checked}} passage, as the fact check will meet them.
    for (const c of checked) for (const s of splitSentences(text)) if (s.start < c.end && s.start + s.text.length > c.start) handChecked.push({ sentence: s.text, reason: c.reason });
    if (!text) continue;
    if (attrs.type === 'heading') blocks.push({ type: 'heading', level: attrs.level, text });
    else {
      const b: NarrativeBlock = { type: 'paragraph', text, kind: attrs.kind, spans };
      if (attrs.node) b.node = attrs.node;
      if (attrs.district) b.district = attrs.district;
      blocks.push(b);
    }
  }
  stray(output.slice(last));
  if (output.includes(BLOCK_OPEN) && blocks.length === 0) throw new TemplateError(`${MAIN_TEMPLATE}.hbs`, null, 'blocks are nested; a {{#paragraph}} may not hold another');
  return blocks;
}

/** Writes the Chinese narrative of the quarterly report from the facts ledger alone. */
export function renderNarrative(ledger: Ledger, opts: RenderOptions = {}): Narrative {
  const hb = createTemplateEngine(opts.templatesDir);
  const engine = engineOf(hb);
  const main = engine.templates.get(MAIN_TEMPLATE);
  if (!main) throw new TemplateError(`${MAIN_TEMPLATE}.hbs`, null, `missing in ${engine.dir}`);
  const view = buildContext(ledger, engine.wording);
  const context = copyFacts(view, { ...view, figures: opts.layout?.figures ?? [], bulletin: { ...DEFAULT_BULLETIN, ...opts.layout?.bulletin } });
  const tables = { facts: [] as FactRef[], reasons: [] as string[], blocks: [] as BlockAttrs[] };
  const handChecked: { sentence: string; reason: string }[] = [];
  const output = withRenderTables(tables, () => main(context));
  const blocks = parseBlocks(output, tables.blocks, tables.facts, tables.reasons, handChecked);
  return { sections: blocks.filter((b): b is NarrativeBlock => b.type === 'heading' || b.type === 'paragraph'), blocks, handChecked, lexicon: engine.wording.lexicon };
}

/** The narrative as Markdown: # 一、… / ## （一）… headings and paragraphs separated by blank lines. */
export function narrativeToMarkdown(n: Narrative): string {
  return n.sections.map((b) => (b.type === 'heading' ? `${'#'.repeat(b.level)} ${b.text}` : b.text)).join('\n\n') + '\n';
}
