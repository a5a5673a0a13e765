/**
 * The figure list of the report (templates/figures.yaml) as data: loaded, validated
 * with zod (errors name the file, the line and the entry), and numbered in the
 * order given (numberFigures). Which figures a quarter can draw is decided in
 * figuresFor (report.ts), the order the text places them in document/figure-numbers.ts.
 */
import { readFileSync } from 'node:fs';
import { displayPath } from '../config/load.js';
import { fileURLToPath } from 'node:url';
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError, type InputProblem } from '../errors.js';
import type { Ledger } from '../facts/types.js';

export const FIGURE_KINDS = ['map', 'change', 'bars', 'two-quarter', 'rank-intervals'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** Kinds that compare with the previous quarter. */
const COMPARING: ReadonlySet<FigureKind> = new Set<FigureKind>(['change', 'two-quarter']);

/** The nodes of the standard indicator tree (callers with another tree pass their own). */
export const STANDARD_NODES = ['双创指数', '双创活力', '双创环境', '双创成效'] as const;

export const CAPTION_PLACEHOLDERS = ['quarterLabel', 'previousQuarterLabel', 'node', 'districtCount'] as const;
export type CaptionVars = {
  quarterLabel: string;
  /** Required when a caption uses it (figures with needsPrevious). */
  previousQuarterLabel?: string;
  node: string;
  districtCount: number | string;
};

export const DEFAULT_FIGURES_FILE = fileURLToPath(new URL('../../templates/figures.yaml', import.meta.url));

export interface FigureSpec {
  id: string;
  kind: FigureKind;
  node: string;
  /** Caption template, e.g. {{quarterLabel}}{{node}}分布图. */
  caption: string;
  needsPrevious: boolean;
  note?: string;
  /**
   * Where the report template places it: the template asks for the figures of a
   * section ({{figures "双创活力"}}) and gets them in list order. Default: the node's
   * name, or 对比 for the two-quarter chart.
   */
  section: string;
  /**
   * The id of the figure listed right after this one that stands beside it, both at
   * half the text width (e.g. the change chart and the ranked bars of one index).
   */
  pair?: string;
}

export interface NumberedFigure extends FigureSpec {
  /** 1-based, continuous over the figures kept, in the order the text places them. */
  number: number;
  /**
   * Side by side with another kept figure (`with`: its id; `side`: left for the first
   * of the two). Absent when the figure stands alone, also when its partner was left
   * out for want of a previous quarter.
   */
  pairing?: { with: string; side: 'left' | 'right' };
}

const entrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be lower case letters, digits and hyphens (e.g. map-total)'),
  kind: z.enum(FIGURE_KINDS),
  node: z.string().min(1),
  caption: z.string().min(1),
  needsPrevious: z.boolean().optional(),
  note: z.string().optional(),
  section: z.string().min(1).optional(),
  pair: z.string().min(1).optional(),
});

const fileSchema = z.strictObject({
  figures: z.array(entrySchema).min(1, 'the list is empty: keep at least one figure'),
});

const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

const HINT = 'see the comments at the top of templates/figures.yaml for the expected form';

/** The YAML document of a figure list, with the line of any path in it. */
interface ListDocument {
  raw: unknown;
  /** Line of `path` (of its key `key` if given), or of its nearest ancestor. */
  lineOf: (path: (string | number)[], key?: string) => number | undefined;
  /** Names an entry by its position and id, e.g. "figures[3] (change-vitality)". */
  entryName: (i: number) => string;
}

function readListDocument(text: string, shown: string): ListDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    throw new InputError(
      doc.errors.map((e) => ({
        file: shown,
        line: e.linePos?.[0].line ?? lineCounter.linePos(e.pos[0]).line,
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
        hint: 'check indentation and quoting (captions with {{…}} must be in quotes)',
      })),
    );
  }
  const lineOf = (path: (string | number)[], key?: string): number | undefined => {
    if (key !== undefined) {
      const map = doc.getIn(path, true);
      if (isMap(map)) {
        const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
        if (pair && isNode(pair.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]).line;
      }
    }
    for (let i = path.length; i >= 0; i--) {
      const node = doc.getIn(path.slice(0, i), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const raw = doc.toJS() as unknown;
  const entryName = (i: number) => {
    const id = (raw as { figures?: { id?: unknown }[] })?.figures?.[i]?.id;
    return `figures[${i}]${typeof id === 'string' ? ` (${id})` : ''}`;
  };
  return { raw, lineOf, entryName };
}

/** The list checked against the schema; every problem named by file, line and entry. */
function checkShape(list: ListDocument, shown: string): z.infer<typeof fileSchema> {
  const where = (path: PropertyKey[]) => {
    const [top, i, ...rest] = path;
    if (top === 'figures' && typeof i === 'number') return [list.entryName(i), ...rest.map(String)].join('.');
    return path.map(String).join('.') || '(top)';
  };
  const parsed = fileSchema.safeParse(list.raw);
  if (parsed.success) return parsed.data;
  throw new InputError(
    parsed.error.issues.map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
      let message = `${where(issue.path)}: ${issue.message}`;
      if (issue.code === 'invalid_value' && path[path.length - 1] === 'kind') {
        message = `${where(issue.path)}: unknown kind; expected one of ${FIGURE_KINDS.join(', ')}`;
      }
      if (unknownKeys !== undefined) {
        message = `${where(issue.path)}: unknown field "${unknownKeys.join('", "')}"; allowed: ${Object.keys(entrySchema.shape).join(', ')}`;
      }
      return { file: shown, line: list.lineOf(path, unknownKeys?.[0]), message, hint: HINT } satisfies InputProblem;
    }),
  );
}

type Say = (i: number, field: string, message: string, hint?: string) => void;

/** One entry's own checks (id, node, needsPrevious, caption placeholders) and its spec. */
function checkEntry(e: z.infer<typeof entrySchema>, i: number, nodes: Set<string>, seen: Map<string, number>, say: Say): FigureSpec {
  const needsPrevious = e.needsPrevious ?? COMPARING.has(e.kind);
  if (seen.has(e.id)) say(i, 'id', `id "${e.id}" is used twice (also figures[${seen.get(e.id)}])`, 'give every figure its own id');
  seen.set(e.id, i);
  if (!nodes.has(e.node)) say(i, 'node', `unknown node "${e.node}"; expected one of ${[...nodes].join(', ')}`);
  if (COMPARING.has(e.kind) && e.needsPrevious === false) {
    say(i, 'needsPrevious', `a ${e.kind} figure compares with the previous quarter, so needsPrevious cannot be false`);
  }
  for (const m of e.caption.matchAll(PLACEHOLDER)) {
    const name = m[1];
    if (!(CAPTION_PLACEHOLDERS as readonly string[]).includes(name)) {
      say(i, 'caption', `unknown placeholder {{${name}}} in the caption; allowed: ${CAPTION_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}`);
    } else if (name === 'previousQuarterLabel' && !needsPrevious) {
      say(i, 'caption', 'the caption uses {{previousQuarterLabel}} but the figure does not need a previous quarter', 'add needsPrevious: true or drop the placeholder');
    }
  }
  const section = e.section ?? (e.kind === 'two-quarter' ? '对比' : e.node);
  return {
    id: e.id,
    kind: e.kind,
    node: e.node,
    caption: e.caption,
    needsPrevious,
    section,
    ...(e.note !== undefined ? { note: e.note } : {}),
    ...(e.pair !== undefined ? { pair: e.pair } : {}),
  };
}

/**
 * Pairs: `pair: <id>` names the figure that follows directly in the list, in the same
 * section, and neither may be in another pair (so the two stand side by side in
 * their numbering order).
 */
function checkPairs(specs: FigureSpec[], say: Say): void {
  const partnerOf = new Map<string, string>();
  specs.forEach((s, i) => {
    if (s.pair === undefined) return;
    const hint = 'pair a figure with the one listed right after it in the same section, e.g. pair: bars-total';
    const next = specs[i + 1];
    if (s.pair === s.id) say(i, 'pair', 'a figure cannot be paired with itself', hint);
    else if (!specs.some((o) => o.id === s.pair)) say(i, 'pair', `no figure has the id "${s.pair}"`, hint);
    else if (next?.id !== s.pair) say(i, 'pair', `"${s.pair}" must be listed right after this figure to stand beside it`, hint);
    else if (next.section !== s.section) say(i, 'pair', `"${s.pair}" is in section ${next.section}, this figure in ${s.section}`, hint);
    else if (partnerOf.has(s.id) || next.pair !== undefined) say(i, 'pair', `"${s.id}" or "${s.pair}" is already in another pair`, 'a figure stands beside one other figure at most');
    else {
      partnerOf.set(s.id, s.pair);
      partnerOf.set(s.pair, s.id);
    }
  });
}

/** Parses and checks the figure list. `file` is used in messages only. */
export function parseFigureSpecs(text: string, file: string, opts: { nodes?: readonly string[] } = {}): FigureSpec[] {
  const shown = displayPath(file);
  const list = readListDocument(text, shown);
  const data = checkShape(list, shown);
  const nodes = new Set(opts.nodes ?? STANDARD_NODES);
  const problems: InputProblem[] = [];
  const say: Say = (i, field, message, hint = HINT) => problems.push({ file: shown, line: list.lineOf(['figures', i, field]), message: `${list.entryName(i)}: ${message}`, hint });
  const seen = new Map<string, number>();
  const specs = data.figures.map((e, i) => checkEntry(e, i, nodes, seen, say));
  checkPairs(specs, say);
  if (problems.length) throw new InputError(problems);
  return specs;
}

/** Reads templates/figures.yaml (or another file) and checks it. */
export function loadFigureSpecs(file: string = DEFAULT_FIGURES_FILE, opts: { nodes?: readonly string[] } = {}): FigureSpec[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError([{ file: displayPath(file), message: `cannot read the file (${(e as NodeJS.ErrnoException).code})`, hint: 'check the path of the figure list' }]);
  }
  return parseFigureSpecs(text, file, opts);
}

/**
 * Numbers the figures 1..n in the order given, each paired with its partner when
 * both are there. A report gives them in the order its text places them
 * (document/figure-numbers.ts, from the figures the quarter can draw, figuresFor);
 * without a text (the figures alone), list order is that order.
 */
export function numberFigures(specs: readonly FigureSpec[]): NumberedFigure[] {
  const ids = new Set(specs.map((s) => s.id));
  const rightOf = new Map(specs.filter((s) => s.pair !== undefined && ids.has(s.pair)).map((s) => [s.pair!, s.id]));
  return specs.map((s, i) => {
    const pairing = s.pair !== undefined && ids.has(s.pair) ? { with: s.pair, side: 'left' as const } : rightOf.has(s.id) ? { with: rightOf.get(s.id)!, side: 'right' as const } : undefined;
    return { ...s, number: i + 1, ...(pairing ? { pairing } : {}) };
  });
}

/** A figure's caption for a quarter: its template filled from the ledger's labels (图N comes separately). */
export function figureCaption(spec: Pick<FigureSpec, 'caption' | 'node'>, ledger: Pick<Ledger, 'meta' | 'districts'>): string {
  const { meta } = ledger;
  // {{districtCount}}: the districts drawn, those with a score of the figure's node (missing: uncomputed leaves some out).
  const districtCount = ledger.districts.filter((d) => d.scores[spec.node]).length;
  return fillCaption(spec.caption, { quarterLabel: meta.quarterLabel, previousQuarterLabel: meta.previousLabel ?? undefined, node: spec.node, districtCount });
}

/** Fills a caption template; every placeholder must have a value. */
export function fillCaption(template: string, vars: CaptionVars): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => {
    const v = (vars as Record<string, unknown>)[name];
    if (v === undefined || v === null || v === '') {
      throw new Error(`figures: caption "${template}" needs {{${name}}}, which was not given`);
    }
    return String(v);
  });
}
