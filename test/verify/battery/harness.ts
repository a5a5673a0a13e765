/**
 * The battery's harness: applies an editor's edits to a copy of the project's
 * templates, renders the quarter's report text from the sample data and runs the
 * fact check on it, as a build would (narrative only: no figures drawn, no PDF).
 *
 * The call of the fact check is in ONE place, `factCheck` below, so that it can be
 * swapped when the checker's API changes (for instance to check the document's
 * captions, footnotes and 注 lines too, which `rendered.document` holds).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildFacts, PROJECT_ROOT, SAMPLE_DATA } from '../../../src/pipeline.js';
import { figuresFor } from '../../../src/report.js';
import type { Ledger } from '../../../src/facts/types.js';
import { narrativeToMarkdown, renderNarrative, TemplateError, type Narrative } from '../../../src/narrative/index.js';
import { narrativeSentences, verifyNarrative, verifyText } from '../../../src/verify/index.js';
import { loadWording } from '../../../src/narrative/wording.js';
import { figureCaption, loadFigureSpecs } from '../../../src/figures/spec.js';
import { assembleDocument } from '../../../src/document/assemble.js';
import { type PlacedFigure, placeFigures } from '../../../src/document/figure-numbers.js';
import { figureRefs } from '../../../src/verify/figure-list.js';
import { appendixTable } from '../../../src/document/appendix.js';
import type { DocumentModel, Inline } from '../../../src/model/types.js';
import type { FigureAsset } from '../../../src/markup/parse.js';
import { InputError } from '../../../src/errors.js';

/** What the fact check is given: the rendered narrative, and the document made from the same template. */
export interface Rendered {
  narrative: Narrative;
  /** The narrative as the build checks it today (narrative.md). */
  markdown: string;
  /** The document model (title, byline, footnotes, figures with captions and notes, notes, tables). */
  model: DocumentModel;
  /** The document's text in reading order, one block per line (see documentText). */
  document: string;
  /** The figures the text places, numbered as the build numbers them, and the wording's lexicon. */
  figures: PlacedFigure[];
  lexicon: ReturnType<typeof loadWording>['lexicon'];
}

export interface FactCheckOutcome {
  ok: boolean;
  problems: { sentence: string; message: string }[];
  /** Claims checked, if the checker reports them. */
  claims?: number;
  /** Claims checked by kind, if the checker reports them. */
  byKind?: Record<string, number>;
}

// ————————————————————————— THE call of the fact check (swap here when the API changes) —————————————————————————

export function factCheck(rendered: Rendered, ledger: Ledger): FactCheckOutcome {
  // As the build checks: the narrative with its provenance, then the document's text (captions, notes, footnotes).
  const figures = figureRefs(rendered.figures, (f) => figureCaption(f, ledger));
  const opts = { figures, aliases: ALIASES, handChecked: rendered.narrative.handChecked, lexicon: rendered.lexicon };
  const r = verifyNarrative(rendered.narrative, ledger, opts);
  const d = verifyText(rendered.document, ledger, { ...opts, where: 'document', narrativeSentences: narrativeSentences(rendered.narrative) });
  const problems = [...r.problems, ...d.problems.filter((p) => !r.problems.some((q) => q.sentence === p.sentence && q.message === p.message))];
  return { ok: problems.length === 0, problems, claims: r.claims, byKind: r.byKind };
}

/** Old and informal district names from the registry (荣昌县 → 荣昌区), as the build passes them. */
const ALIASES: Record<string, string> = Object.fromEntries(
  (parseYaml(readFileSync(resolve(PROJECT_ROOT, 'config/districts.yaml'), 'utf8')) as { districts: { name: string; aliases?: string[] }[] }).districts.flatMap((d) => (d.aliases ?? []).map((a) => [a, d.name])),
);

// ————————————————————————————————————————————————————————————————————————————————————————————————————————————————

export interface Edit {
  /** Relative to templates/report, e.g. 'level.hbs', 'wording.yaml', '../figures.yaml'. */
  file: string;
  /** Text that must occur exactly once in the file. */
  find: string;
  replace: string;
}

export interface CheckResult {
  /** The build would go on: no fact-check problem and no template error. */
  ok: boolean;
  problems: { sentence: string; message: string }[];
  /** narrative.md as rendered from the edited templates ('' after a template error). */
  narrative: string;
  /** The document's text ('' after a template error). */
  document: string;
  /** Set when rendering stopped with a template error (TemplateError, InputError, or an error naming a template file). */
  templateError?: string;
  claims?: number;
  byKind?: Record<string, number>;
}

export const DEFAULT_QUARTER = '2018Q3';
const TEMPLATES = resolve(PROJECT_ROOT, 'templates');

const ledgers = new Map<string, Promise<Ledger>>();

/** The sample data's ledger of a quarter, computed once per process. */
export function ledgerOf(quarter: string): Promise<Ledger> {
  let l = ledgers.get(quarter);
  if (!l) {
    l = buildFacts({ data: SAMPLE_DATA, quarter }).then((x) => x.ledger);
    ledgers.set(quarter, l);
  }
  return l;
}

const inlineText = (content: Inline[], marks: Map<string, string>) => content.map((i) => (i.type === 'text' ? i.text : (marks.get(i.id) ?? ''))).join('');

/**
 * The document's text in reading order, as a reader sees it: title, byline (with
 * its footnote mark), lead, headings, paragraphs, each figure as `图N caption`
 * with its note line, each table as `表N caption` with its note, note blocks,
 * then the footnotes (`①…`). Table cells are left out.
 */
export function documentText(model: DocumentModel): string {
  const marks = new Map(model.footnotes.map((f) => [f.id, f.mark]));
  const lines: string[] = [];
  for (const b of model.blocks) {
    switch (b.type) {
      case 'figure':
        lines.push(`图${b.number} ${b.caption}`);
        if (b.note) lines.push(b.note);
        break;
      case 'table':
        lines.push(`表${b.number} ${b.caption}`);
        if (b.note) lines.push(b.note);
        break;
      case 'pageBreak':
        break;
      default:
        lines.push(inlineText(b.content, marks));
    }
  }
  for (const f of model.footnotes) lines.push(`${f.mark}${inlineText(f.content, marks)}`);
  return lines.join('\n') + '\n';
}

/**
 * Renders the report text from a templates folder as the build does: the narrative
 * with the figure list and bulletin fields of that folder, and the document model
 * (figures without pictures: only their numbers, captions and notes matter here).
 */
export function renderFrom(templatesDir: string, ledger: Ledger): Rendered {
  const bulletin = (parseYaml(readFileSync(join(templatesDir, 'report/bulletin.yaml'), 'utf8')) ?? {}) as Record<string, string>;
  const specs = loadFigureSpecs(join(templatesDir, 'figures.yaml'), { nodes: [ledger.meta.root, ...ledger.meta.firstLevel] });
  const kept = figuresFor(ledger, specs);
  const narrative = renderNarrative(ledger, {
    templatesDir: join(templatesDir, 'report'),
    layout: { figures: kept.map((s) => ({ id: s.id, section: s.section })), bulletin: { name: bulletin.name ?? '', issue: bulletin.issue ?? '', column: bulletin.column ?? '' } },
  });
  const placed = placeFigures(narrative, kept);
  const figures = new Map<string, FigureAsset>();
  for (const spec of placed) {
    // A map prints its note inside the picture (as outlines), as src/figures/build.ts does: not text.
    const note = spec.kind === 'map' ? undefined : spec.note;
    figures.set(spec.id, { number: spec.number, caption: figureCaption(spec, ledger), svg: '', png: new Uint8Array(), widthPt: 100, heightPt: 100, ...(note ? { note } : {}) });
  }
  const model = assembleDocument({
    narrative,
    assets: { figures, tables: new Map([['appendix', appendixTable(ledger)]]) },
    header: { bulletin: bulletin.name ?? '', column: bulletin.column ?? '' },
    meta: { title: ledger.meta.title, lang: 'zh-CN', author: '' },
    sourceName: 'templates/report/report.hbs',
  });
  return { narrative, markdown: narrativeToMarkdown(narrative), model, document: documentText(model), figures: placed, lexicon: loadWording(join(templatesDir, 'report')).lexicon };
}

const baselines = new Map<string, Promise<{ markdown: string; document: string }>>();

/** The unedited templates' text of a quarter (to tell that an edit changed something). */
function baseline(quarter: string): Promise<{ markdown: string; document: string }> {
  let b = baselines.get(quarter);
  if (!b) {
    b = ledgerOf(quarter).then((ledger) => {
      const r = renderFrom(TEMPLATES, ledger);
      return { markdown: r.markdown, document: r.document };
    });
    baselines.set(quarter, b);
  }
  return b;
}

/** The fact check of the unedited templates (what an edit is compared with). */
export async function checkUnedited(opts: { quarter?: string } = {}): Promise<CheckResult> {
  const ledger = await ledgerOf(opts.quarter ?? DEFAULT_QUARTER);
  const rendered = renderFrom(TEMPLATES, ledger);
  const r = factCheck(rendered, ledger);
  return { ok: r.ok, problems: r.problems, narrative: rendered.markdown, document: rendered.document, claims: r.claims, byKind: r.byKind };
}

function occurrences(text: string, find: string): number {
  let n = 0;
  for (let i = text.indexOf(find); i >= 0; i = text.indexOf(find, i + 1)) n++;
  return n;
}

/** Applies the edits to a templates folder; each `find` must occur exactly once (a stale case is noticed). */
export function applyEdits(templatesDir: string, edits: Edit[]): void {
  for (const e of edits) {
    const path = join(templatesDir, 'report', e.file);
    const text = readFileSync(path, 'utf8');
    const n = occurrences(text, e.find);
    if (n !== 1) throw new Error(`battery edit: ${JSON.stringify(e.find)} occurs ${n} times in templates/report/${e.file} (must be exactly once)`);
    writeFileSync(
      path,
      text.replace(e.find, () => e.replace),
    );
  }
}

/**
 * True for the errors a build reports as a problem of the templates (exit 2/3), not of
 * the fact check: a TemplateError, an InputError, or any error naming a file of the
 * edited templates folder (wording.yaml's checks throw plain errors with its path).
 */
function isTemplateProblem(e: unknown, templatesDir: string): e is Error {
  return e instanceof TemplateError || e instanceof InputError || (e instanceof Error && e.message.includes(templatesDir));
}

/**
 * Copies templates/ to a temporary folder, applies the edits, renders the quarter's
 * text (default 2018Q3) and runs the fact check. Throws when an edit does not apply
 * or changes nothing in the rendered text (the case would be invalid).
 */
export async function checkEdits(edits: Edit[], opts: { quarter?: string } = {}): Promise<CheckResult> {
  const quarter = opts.quarter ?? DEFAULT_QUARTER;
  const ledger = await ledgerOf(quarter);
  const base = await baseline(quarter);
  const dir = mkdtempSync(join(tmpdir(), 'battery-'));
  try {
    cpSync(TEMPLATES, dir, { recursive: true });
    applyEdits(dir, edits);
    let rendered: Rendered;
    try {
      rendered = renderFrom(dir, ledger);
    } catch (e) {
      if (!isTemplateProblem(e, dir)) throw e;
      return { ok: false, problems: [], narrative: '', document: '', templateError: e.message.replaceAll(dir, 'templates') };
    }
    if (rendered.markdown === base.markdown && rendered.document === base.document) throw new Error(`battery edit changed nothing in the rendered text of ${quarter}: ${JSON.stringify(edits)}`);
    const r = factCheck(rendered, ledger);
    return { ok: r.ok, problems: r.problems, narrative: rendered.markdown, document: rendered.document, claims: r.claims, byKind: r.byKind };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
