/**
 * The figure list of the report (templates/figures.yaml) as data: loaded, validated
 * with zod (errors name the file, the line and the entry), numbered in order, with
 * the figures that need a previous quarter dropped when there is none.
 */
import { readFileSync } from 'node:fs';
import { displayPath } from '../config/load.js';
import { fileURLToPath } from 'node:url';
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError, type InputProblem } from '../errors.js';

export const FIGURE_KINDS = ['map', 'change', 'bars', 'two-quarter'] as const;
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
}

export interface NumberedFigure extends FigureSpec {
  /** 1-based, continuous over the figures kept. */
  number: number;
}

const entrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be lower case letters, digits and hyphens (e.g. map-total)'),
  kind: z.enum(FIGURE_KINDS),
  node: z.string().min(1),
  caption: z.string().min(1),
  needsPrevious: z.boolean().optional(),
  note: z.string().optional(),
  section: z.string().min(1).optional(),
});

const fileSchema = z.strictObject({
  figures: z.array(entrySchema).min(1, 'the list is empty: keep at least one figure'),
});

const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** Parses and checks the figure list. `file` is used in messages only. */
export function parseFigureSpecs(
  text: string,
  file: string,
  opts: { nodes?: readonly string[] } = {},
): FigureSpec[] {
  const shown = displayPath(file);
  const hint = 'see the comments at the top of templates/figures.yaml for the expected form';
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
  // names an entry by its position and id, e.g. "figures[3] (change-vitality)"
  const entryName = (i: number) => {
    const id = (raw as { figures?: { id?: unknown }[] })?.figures?.[i]?.id;
    return `figures[${i}]${typeof id === 'string' ? ` (${id})` : ''}`;
  };
  const where = (path: PropertyKey[]) => {
    const [top, i, ...rest] = path;
    if (top === 'figures' && typeof i === 'number') return [entryName(i), ...rest.map(String)].join('.');
    return path.map(String).join('.') || '(top)';
  };

  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
        const unknownKey = unknownKeys?.[0];
        let message = `${where(issue.path)}: ${issue.message}`;
        if (issue.code === 'invalid_value' && path[path.length - 1] === 'kind') {
          message = `${where(issue.path)}: unknown kind; expected one of ${FIGURE_KINDS.join(', ')}`;
        }
        if (unknownKeys !== undefined) {
          message = `${where(issue.path)}: unknown field "${unknownKeys.join('", "')}"; allowed: ${Object.keys(entrySchema.shape).join(', ')}`;
        }
        return { file: shown, line: lineOf(path, unknownKey), message, hint } satisfies InputProblem;
      }),
    );
  }

  const nodes = new Set(opts.nodes ?? STANDARD_NODES);
  const problems: InputProblem[] = [];
  const seen = new Map<string, number>();
  const specs = parsed.data.figures.map((e, i): FigureSpec => {
    const at = (field?: string) => lineOf(['figures', i, ...(field ? [field] : [])]);
    const needsPrevious = e.needsPrevious ?? COMPARING.has(e.kind);
    const say = (field: string, message: string, h = hint) =>
      problems.push({ file: shown, line: at(field), message: `${entryName(i)}: ${message}`, hint: h });
    if (seen.has(e.id)) say('id', `id "${e.id}" is used twice (also figures[${seen.get(e.id)}])`, 'give every figure its own id');
    seen.set(e.id, i);
    if (!nodes.has(e.node)) say('node', `unknown node "${e.node}"; expected one of ${[...nodes].join(', ')}`);
    if (COMPARING.has(e.kind) && e.needsPrevious === false) {
      say('needsPrevious', `a ${e.kind} figure compares with the previous quarter, so needsPrevious cannot be false`);
    }
    for (const m of e.caption.matchAll(PLACEHOLDER)) {
      const name = m[1];
      if (!(CAPTION_PLACEHOLDERS as readonly string[]).includes(name)) {
        say('caption', `unknown placeholder {{${name}}} in the caption; allowed: ${CAPTION_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}`);
      } else if (name === 'previousQuarterLabel' && !needsPrevious) {
        say('caption', 'the caption uses {{previousQuarterLabel}} but the figure does not need a previous quarter', 'add needsPrevious: true or drop the placeholder');
      }
    }
    const section = e.section ?? (e.kind === 'two-quarter' ? '对比' : e.node);
    return { id: e.id, kind: e.kind, node: e.node, caption: e.caption, needsPrevious, section, ...(e.note !== undefined ? { note: e.note } : {}) };
  });
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

/** Numbers the figures 1..n in list order, leaving out those that need a previous quarter when there is none. */
export function numberFigures(specs: FigureSpec[], opts: { hasPrevious: boolean }): NumberedFigure[] {
  return specs.filter((s) => opts.hasPrevious || !s.needsPrevious).map((s, i) => ({ ...s, number: i + 1 }));
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
