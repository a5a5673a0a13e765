/**
 * The Handlebars engine of the narrative: an isolated instance with the helpers
 * and the partials of a templates folder registered, every template compiled in
 * strict mode (an unknown field is an error naming the file and line).
 *
 * The document template (PDF/Word) can reuse it: createTemplateEngine(dir) gives
 * the same helpers ({{join}}, {{growth}}, {{pp}}, {{rank}} …) and partials.
 */
import Handlebars from 'handlebars';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { changeText, cnNumber, fixed2, indicatorChangeText, integer, joinList, rangeText, rankMoveText, rankText, valueText, type VerbSet } from './format.js';
import { loadWording, type Wording } from './wording.js';
import { baseOf, CHECKED_CLOSE, CHECKED_MID, CHECKED_OPEN, factOf, markFact, setUnproxy, type FactRef } from './provenance.js';

export const DEFAULT_TEMPLATES_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../templates/report');

/** The top-level template of the report: the order of headings, paragraphs, figures and tables. */
export const MAIN_TEMPLATE = 'report';

export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    detail: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ''}: ${detail}`);
    this.name = 'TemplateError';
  }
}

type HB = typeof Handlebars;
type HelperOptions = Handlebars.HelperOptions;

/**
 * Markers around the blocks the top-level template emits (private-use characters):
 * OPEN, the block's index in the render's block table, MID, its text, CLOSE.
 */
export const BLOCK_OPEN = '\uE000';
export const BLOCK_MID = '\uE001';
export const BLOCK_CLOSE = '\uE002';

/** What a block helper says of its block: its type, and the kind, level, figure or template line. */
export type BlockAttrs = { type: 'paragraph'; kind: string; node?: string; district?: string } | { type: 'heading'; level: 1 | 2 } | { type: 'markup'; line: number | null } | { type: 'figure'; id: string; line: number | null };

/** Thrown when a template reads a field its context does not have. */
export class UnknownFieldError extends Error {
  constructor(
    readonly field: string,
    readonly available: string[],
  ) {
    super(`"${field}" not defined (fields here: ${available.join(', ') || 'none'})`);
    this.name = 'UnknownFieldError';
  }
}

/** Properties that JavaScript itself probes on any object (JSON, promises, inspection). */
const PROBED = new Set(['toJSON', 'then', 'constructor', 'inspect', 'nodeType', 'asymmetricMatch', '$$typeof']);
const proxies = new WeakSet<object>();
const proxyOf = new WeakMap<object, object>();
const targetOf = new WeakMap<object, object>();
setUnproxy((o) => targetOf.get(o) ?? o);

/**
 * The context as the templates see it: reading a field that does not exist throws
 * (Handlebars' own strict mode checks only the last part of a simple {{a.b}}, not
 * {{#if a}} or helper parameters).
 */
export function strictContext<T>(value: T): T {
  if (typeof value !== 'object' || value === null || proxies.has(value)) return value;
  const cached = proxyOf.get(value);
  if (cached) return cached as T;
  const proxy = new Proxy(value, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol' || prop in target || PROBED.has(prop)) return strictContext(Reflect.get(target, prop, receiver));
      throw new UnknownFieldError(prop, Array.isArray(target) ? [`0…${target.length - 1}`, 'length'] : Object.keys(target));
    },
  });
  proxies.add(proxy);
  proxyOf.set(value, proxy);
  targetOf.set(proxy, value);
  return proxy as T;
}

/** The first line of a template that reads `field` inside {{…}} (comments skipped). */
function lineOfField(source: string, field: string): number | null {
  const text = source.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (c) => c.replace(/[^\n]/g, ' '));
  const name = `(?<![\\w@$])${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w$])`;
  const m = new RegExp(`\\{\\{[^}]*?${name}`).exec(text);
  if (!m) return null;
  const at = m.index + m[0].length - field.length;
  return text.slice(0, at).split('\n').length;
}

function lineOf(e: unknown): number | null {
  const err = e as { lineNumber?: number; message?: string };
  if (typeof err.lineNumber === 'number') return err.lineNumber;
  const m = /(?:on line|line) (\d+)/.exec(err.message ?? '') ?? / - (\d+):\d+$/.exec(err.message ?? '');
  return m ? Number(m[1]) : null;
}

function wrapError(e: unknown, file: string, source = ''): Error {
  if (e instanceof TemplateError) return e;
  if (e instanceof UnknownFieldError) return new TemplateError(file, lineOfField(source, e.field), e.message);
  const msg = (e as Error)?.message ?? String(e);
  // Handlebars appends " - line:column" to strict-mode errors; the line is reported separately.
  return new TemplateError(file, lineOf(e), msg.replace(/ - \d+:\d+$/, '').replace(/\[object Object\]/g, 'the current context'));
}

function isOptions(x: unknown): x is HelperOptions {
  return typeof x === 'object' && x !== null && 'hash' in x && 'data' in x;
}

function args(a: unknown[]): { pos: unknown[]; opts: HelperOptions } {
  const opts = a[a.length - 1] as HelperOptions;
  return { pos: a.slice(0, -1), opts };
}

function num(x: unknown, helper: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`{{${helper}}} needs a number, got ${JSON.stringify(x)}`);
  return x;
}

function names(list: unknown, key?: string): string[] {
  if (!Array.isArray(list)) throw new Error(`{{join}} needs a list, got ${JSON.stringify(list)}`);
  return list.map((x) => {
    if (typeof x === 'string') return x;
    if (typeof x === 'object' && x !== null) {
      const o = x as Record<string, unknown>;
      const k = key ?? ['district', 'node', 'name', 'indicator'].find((p) => p in o);
      const v = k ? o[k] : undefined;
      if (typeof v === 'string') return v;
    }
    throw new Error(`{{join}}: cannot name ${JSON.stringify(x)}${key ? ` by ${key}` : ''}`);
  });
}

/** The facts, hand-checked reasons and blocks of the render in progress (rendering is synchronous: one at a time). */
let factTable: FactRef[] | null = null;
let checkedReasons: string[] | null = null;
let blockTable: BlockAttrs[] | null = null;

/** What one render of the report template collects: the facts the helpers print, the reasons of {{#checked}} passages, the blocks. */
export interface RenderTables {
  facts: FactRef[];
  reasons: string[];
  blocks: BlockAttrs[];
}

/** Runs `fn` (a render) collecting into `tables`. */
export function withRenderTables<T>(tables: RenderTables, fn: () => T): T {
  const before = [factTable, checkedReasons, blockTable] as const;
  factTable = tables.facts;
  checkedReasons = tables.reasons;
  blockTable = tables.blocks;
  try {
    return fn();
  } finally {
    [factTable, checkedReasons, blockTable] = before;
  }
}

/** A block of the render: its attributes into the block table, its text between the markers (outside a render: the text alone). */
function emitBlock(attrs: BlockAttrs, text: string): string {
  if (!blockTable) return text;
  blockTable.push(attrs);
  return `${BLOCK_OPEN}${blockTable.length - 1}${BLOCK_MID}${text}${BLOCK_CLOSE}`;
}

/**
 * The fact a helper's argument `i` prints: from its path (Handlebars' trackIds) and the
 * context, the object owning the field, and that object's registration.
 */
function argFact(self: unknown, opts: HelperOptions, i: number, value: unknown): FactRef | null {
  const id = (opts as HelperOptions & { ids?: unknown[] }).ids?.[i];
  if (typeof id !== 'string' || id.startsWith('..')) return null;
  let owner: unknown = self;
  let path = id;
  if (path.startsWith('@root.')) {
    owner = opts.data?.root;
    path = path.slice(6);
  }
  if (path === 'this' || path === '.') return null;
  const parts = path.replace(/^this\./, '').split('.');
  const field = parts.pop()!;
  for (const p of parts) {
    if (typeof owner !== 'object' || owner === null || !(p in owner)) return null;
    owner = (owner as Record<string, unknown>)[p];
  }
  return factOf(owner, field, value);
}

/** The whole object passed to a helper ({{value this}}): its field `field`. */
function objectFact(obj: unknown, field: string): FactRef | null {
  if (!baseOf(obj) || typeof obj !== 'object' || obj === null) return null;
  return factOf(obj, field, (obj as Record<string, unknown>)[field]);
}

const mark = (text: string, ref: FactRef | null) => markFact(text, ref, factTable);

type HelperTable = Record<string, (this: unknown, ...a: unknown[]) => unknown>;

/** Helpers that print numbers, changes and ranks (each marks its output with the fact it prints). */
function numberHelpers(w: Wording): HelperTable {
  return {
    /** {{join list}} → A、B和C; hash: last="及", key="district". */
    join: (...a) => {
      const { pos, opts } = args(a);
      return joinList(names(pos[0], opts.hash.key as string | undefined), w.join, opts.hash.last as string | undefined);
    },
    /** Signed number with 2 decimals: 88.59, -33.33. */
    f2(...a) {
      const { pos, opts } = args(a);
      return mark(fixed2(num(pos[0], 'f2'), w.numbers), argFact(this, opts, 0, pos[0]));
    },
    /** Absolute value with 2 decimals. */
    abs2(...a) {
      const { pos, opts } = args(a);
      return mark(fixed2(Math.abs(num(pos[0], 'abs2')), w.numbers), argFact(this, opts, 0, pos[0]));
    },
    /** Whole number, grouped from 5 digits: 9777, 53,761. */
    int(...a) {
      const { pos, opts } = args(a);
      return mark(integer(num(pos[0], 'int'), w.numbers), argFact(this, opts, 0, pos[0]));
    },
    /** {{change diff "分"}} → 上升了4.04分 / 下降了6.51分 / 持平; hash: verbs=score|growth|rate|count, le=false. */
    change(...a) {
      const { pos, opts } = args(a);
      const unit = typeof pos[1] === 'string' ? pos[1] : '';
      return mark(changeText(num(pos[0], 'change'), unit, (opts.hash.verbs as VerbSet) ?? 'score', w, { le: opts.hash.le !== false }), argFact(this, opts, 0, pos[0]));
    },
    /** {{growth pct}} → 增长了0.59% / 下降了2.10%; hash le=false drops 了. */
    growth(...a) {
      const { pos, opts } = args(a);
      return mark(changeText(num(pos[0], 'growth'), '%', 'growth', w, { le: opts.hash.le !== false }), argFact(this, opts, 0, pos[0]));
    },
    /** {{pp diff}} → 提高了70.23个百分点 / 下降了73.49个百分点 (the change of a rate). */
    pp(...a) {
      const { pos, opts } = args(a);
      return mark(changeText(num(pos[0], 'pp'), '个百分点', 'rate', w, { le: opts.hash.le !== false }), argFact(this, opts, 0, pos[0]));
    },
    /** {{rank 5}} → 第5位; {{rank 5 true}} or {{rank obj}} (with .rank, .tied) → 并列第5位 when tied. */
    rank(...a) {
      const { pos, opts } = args(a);
      if (typeof pos[0] === 'object' && pos[0] !== null) {
        const o = pos[0] as { rank: number; tied?: boolean };
        return mark(rankText(num(o.rank, 'rank'), 'tied' in o && !!o.tied), objectFact(o, 'rank'));
      }
      return mark(rankText(num(pos[0], 'rank'), pos[1] === true), argFact(this, opts, 0, pos[0]));
    },
    /** {{rankMove obj}} (with .previousRank, .rank, .tied, .previousTied) or {{rankMove prev now}} → 从第35位上升到第8位 … */
    rankMove(...a) {
      const { pos } = args(a);
      if (typeof pos[0] === 'object' && pos[0] !== null) {
        const o = pos[0] as { rank: number; previousRank: number | null; tied?: boolean; previousTied?: boolean };
        const marks = { from: (t: string) => mark(t, objectFact(o, 'previousRank')), to: (t: string) => mark(t, objectFact(o, 'rank')) };
        return rankMoveText(num(o.previousRank, 'rankMove'), num(o.rank, 'rankMove'), w, 'tied' in o && !!o.tied, 'previousTied' in o && !!o.previousTied, marks);
      }
      return rankMoveText(num(pos[0], 'rankMove'), num(pos[1], 'rankMove'), w);
    },
    /** {{value indicator}} → 837家, 89.37%, 53,761次. */
    value: (f) => {
      const o = f as { value: number; kind: string; unit: string };
      return mark(valueText(num(o.value, 'value'), o.kind, o.unit, w), objectFact(o, 'value'));
    },
    /** {{indChange indicator}} → 增长了89.37% (counts, scores) / 提高了70.23个百分点 (rates). */
    indChange: (...a) => {
      const { pos, opts } = args(a);
      const o = pos[0] as { kind: string; unit: string; diff: number | null; pct: number | null };
      const field = o.kind === 'rate' || o.pct === null || o.pct === undefined ? 'diff' : 'pct';
      const text = indicatorChangeText({ kind: o.kind, unit: o.unit, diff: o.diff ?? null, pct: o.pct ?? null }, w, opts.hash.le !== false);
      return o.diff === 0 ? text : mark(text, objectFact(o, field));
    },
  };
}

/** Helpers for names, lists, numerals in words and template logic. */
function textHelpers(w: Wording): HelperTable {
  return {
    /** {{seq @index}} → 一, 二, 三 (1-based Chinese numeral of a 0-based index). */
    seq: (i) => cnNumber(num(i, 'seq') + 1),
    /** {{cn 3}} → 三. */
    cn: (n) => cnNumber(num(n, 'cn')),
    /** {{range label}} → the tier label with the GB/T 15834 range dash (70—80分). */
    range: (s) => rangeText(String(s), w),
    /** {{concat a b …}} → the strings joined. */
    concat: (...a) => args(a).pos.map(String).join(''),
    /** {{suffix list "指数"}} → every name with the suffix (for {{join}}). */
    suffix: (list, s) => names(list).map((n) => `${n}${isOptions(s) ? '' : String(s)}`),
    eq: (a, b) => a === b,
    ne: (a, b) => a !== b,
    gt: (a, b) => (a as number) > (b as number),
    gte: (a, b) => (a as number) >= (b as number),
    lt: (a, b) => (a as number) < (b as number),
    lte: (a, b) => (a as number) <= (b as number),
    and: (...a) => args(a).pos.every(Boolean),
    or: (...a) => args(a).pos.some(Boolean),
    not: (x) => !x,
    len: (x) => (Array.isArray(x) ? x.length : 0),
  };
}

/** Registers the narrative helpers on a Handlebars instance. */
export function registerHelpers(hb: HB, w: Wording): void {
  for (const [name, fn] of Object.entries({ ...numberHelpers(w), ...textHelpers(w) })) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  registerBlockHelpers(hb);
}

/** The block helpers of the report template: paragraphs, headings, markup, figures, hand-checked passages. */
function registerBlockHelpers(hb: HB): void {
  /** {{#paragraph "level" node=node}}…{{/paragraph}}: one paragraph of the narrative. */
  hb.registerHelper('paragraph', function (this: unknown, ...a: unknown[]) {
    const { pos, opts } = args(a);
    if (typeof pos[0] !== 'string') throw new Error('{{#paragraph}} needs a kind, e.g. {{#paragraph "level"}}');
    const attrs: BlockAttrs = { type: 'paragraph', kind: pos[0] };
    for (const k of ['node', 'district'] as const) if (typeof opts.hash[k] === 'string') attrs[k] = opts.hash[k];
    return emitBlock(attrs, opts.fn(this));
  });
  /**
   * {{#markup}}…{{/markup}}: document markup passed through as written (title,
   * byline, footnotes, directives; see templates/MARKUP.md). It is not part of the
   * narrative text. The template line is kept so markup errors can name it.
   */
  hb.registerHelper('markup', function (this: unknown, ...a: unknown[]) {
    const { opts } = args(a);
    const loc = (opts as HelperOptions & { loc?: { start: { line: number }; end: { line: number } } }).loc;
    const content = opts.fn(this);
    // Handlebars drops the line break after a {{#markup}} standing on its own line, so the
    // content then starts on the next template line: it spans fewer lines than the block.
    const standalone = loc ? content.replace(/\n$/, '').split('\n').length <= loc.end.line - loc.start.line - 1 : false;
    const line = loc ? loc.start.line + (standalone ? 1 : 0) : null;
    return emitBlock({ type: 'markup', line }, content);
  });
  /**
   * {{figures "双创活力"}}: the figures of a section, in the order of templates/figures.yaml
   * (the caller passes the list as the context's `figures`; without it, nothing).
   */
  hb.registerHelper('figures', function (this: unknown, ...a: unknown[]) {
    const { pos, opts } = args(a);
    if (typeof pos[0] !== 'string') throw new Error('{{figures}} needs a section, e.g. {{figures "双创活力"}}');
    const root = opts.data.root as { figures: { id: string; section: string }[] };
    const line = (opts as HelperOptions & { loc?: { start: { line: number } } }).loc?.start.line ?? null;
    return root.figures
      .filter((f) => f.section === pos[0])
      .map((f) => emitBlock({ type: 'figure', id: f.id, line }, ''))
      .join('');
  });
  /**
   * {{#checked "理由"}}…{{/checked}}: a passage an editor has checked by hand and the ledger
   * cannot vouch for. The fact check does not check its sentences; it lists them with the
   * reason in factcheck.json. Everything else stays checked.
   */
  hb.registerHelper('checked', function (this: unknown, ...a: unknown[]) {
    const { pos, opts } = args(a);
    if (typeof pos[0] !== 'string' || !pos[0].trim()) throw new Error('{{#checked}} needs a reason, e.g. {{#checked "数据来自市统计局公报，已人工核对"}}');
    if (!checkedReasons) return opts.fn(this);
    checkedReasons.push(pos[0].trim());
    return `${CHECKED_OPEN}${checkedReasons.length - 1}${CHECKED_MID}${opts.fn(this)}${CHECKED_CLOSE}`;
  });
  /** {{#heading 1}}一、……{{/heading}}: a heading of level 1 or 2. */
  hb.registerHelper('heading', function (this: unknown, ...a: unknown[]) {
    const { pos, opts } = args(a);
    if (pos[0] !== 1 && pos[0] !== 2) throw new Error('{{#heading}} needs a level 1 or 2, e.g. {{#heading 1}}');
    return emitBlock({ type: 'heading', level: pos[0] }, opts.fn(this));
  });
}

// trackIds: helpers learn the path of each argument (options.ids), which is how a printed number finds its fact.
const COMPILE_OPTIONS = { strict: true, noEscape: true, preventIndent: true, trackIds: true } as CompileOptions;

type Template = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

/** Compiles one template file, checking its syntax now and naming the file in any error later. */
function compileFile(hb: HB, path: string): Template {
  const file = basename(path);
  const source = readFileSync(path, 'utf8');
  try {
    hb.parse(source);
  } catch (e) {
    throw wrapError(e, file, source);
  }
  const compiled = hb.compile(source, COMPILE_OPTIONS);
  return (context, options) => {
    try {
      return compiled(strictContext(context), options);
    } catch (e) {
      throw wrapError(e, file, source);
    }
  };
}

export interface TemplateEngine {
  hb: HB;
  wording: Wording;
  templates: Map<string, Template>;
  dir: string;
}

const engines = new WeakMap<HB, TemplateEngine>();

/**
 * An isolated Handlebars instance with the narrative helpers and every *.hbs of
 * `templatesDir` registered as a partial (by file name without .hbs).
 */
export function createTemplateEngine(templatesDir: string = DEFAULT_TEMPLATES_DIR): HB {
  const dir = resolve(templatesDir);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`templates folder ${dir} does not exist`);
  // Same folder, same file contents: the engine already compiled is reused (Handlebars
  // compiles lazily, on first use; recompiling for every report costs CPU in a batch).
  const key = readdirSync(dir)
    .filter((f) => f.endsWith('.hbs') || f.endsWith('.yaml'))
    .sort()
    .map((f) => `${f}\u0000${readFileSync(join(dir, f), 'utf8')}`)
    .join('\u0001');
  const cached = engineCache.get(dir);
  if (cached && cached.key === key) return cached.hb;
  const hb = Handlebars.create();
  let wording: Wording;
  try {
    wording = loadWording(dir);
  } catch (e) {
    // A slip in wording.yaml is a template error: the editor is told the file and what to change.
    const msg = (e as Error).message.replace(/^.*?wording\.yaml: /, '');
    const line = /line (\d+)/.exec(msg)?.[1];
    throw new TemplateError('wording.yaml', line ? Number(line) : null, msg);
  }
  registerHelpers(hb, wording);
  const templates = new Map<string, Template>();
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .sort()) {
    const name = f.slice(0, -4);
    const t = compileFile(hb, join(dir, f));
    templates.set(name, t);
    hb.registerPartial(name, t as unknown as Handlebars.Template);
  }
  engines.set(hb, { hb, wording, templates, dir });
  engineCache.set(dir, { key, hb });
  return hb;
}

/** The last engine made for each templates folder, with the contents it was made from. */
const engineCache = new Map<string, { key: string; hb: HB }>();

/** The engine details (wording, compiled templates) of an instance made by createTemplateEngine. */
export function engineOf(hb: HB): TemplateEngine {
  const e = engines.get(hb);
  if (!e) throw new Error('not an instance made by createTemplateEngine');
  return e;
}
