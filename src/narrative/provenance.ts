/**
 * Provenance of the numbers a template prints: which fact of the ledger each one is.
 *
 * The view model (context.ts) registers, for each object it builds from a fact, what
 * the object is about (node or indicator, district) and what each of its numeric
 * fields means (measure, quarter). A helper that prints a number ({{f2 score}},
 * {{growth change.meanPct}} …) is compiled with Handlebars' `trackIds`, so it knows
 * the path of its argument; from the path and the current context it finds the
 * owning object and the field, and wraps its output in private-use marks carrying
 * the fact. The marks survive tidying and are taken out into `spans` when the
 * paragraph is assembled (render.ts), so no mark reaches any output file.
 *
 * A number printed from a field with no registration carries no provenance: the
 * fact check then reads it like a number an editor wrote by hand.
 */

/** What a printed number or name is, in the ledger's terms. */
export interface FactRef {
  /** The index (node) or indicator. */
  target: string;
  /** The district, for a district's fact; absent for a city-level fact. */
  district?: string;
  /** The quarter the value belongs to ('2018Q3'); for changes, the later quarter. */
  quarter: string;
  /** score | value | rank | diff | pct | share | mean | meanPct | aboveMean | rose | fell | same | count | tierCount | districtCount … */
  measure: string;
  /** As stored in the ledger (changes signed). */
  value: number | string;
  /** For a change: the quarter it is measured from. */
  from?: string;
  /** Districts the fact is about, when several share it (a tie, an extreme). */
  districts?: string[];
}

/** A span of a paragraph's text that prints a fact (UTF-16 offsets into `text`). */
export interface FactSpan {
  start: number;
  end: number;
  ref: FactRef;
}

type FieldRef = Omit<FactRef, 'value' | 'target' | 'quarter'> & { target?: string; quarter?: string };

interface Registration {
  base: Partial<FactRef>;
  fields: Record<string, Partial<FactRef>>;
}

const registry = new WeakMap<object, Registration>();

/** Registers what an object of the view model is about and what its numeric fields are. */
export function registerFacts<T extends object>(obj: T, base: Partial<FactRef>, fields: Record<string, FieldRef | Partial<FactRef>>): T {
  registry.set(obj, { base, fields: fields as Record<string, Partial<FactRef>> });
  return obj;
}

export const REF_OPEN = '\uE010';
export const REF_MID = '\uE011';
export const REF_CLOSE = '\uE012';

/** The fact of `field` of `owner` with its printed value, or null when it is not registered. */
export function factOf(owner: unknown, field: string, value: unknown): FactRef | null {
  if (typeof owner !== 'object' || owner === null) return null;
  const reg = registry.get(unproxy(owner));
  const f = reg?.fields[field];
  if (!reg || !f) return null;
  const ref = { ...reg.base, ...f, value: typeof value === 'number' || typeof value === 'string' ? value : String(value) } as FactRef;
  return ref.target && ref.quarter && ref.measure ? ref : null;
}

/** Gives `to` the registration of `from` (a context extended by spreading). */
export function copyFacts<T extends object>(from: object, to: T): T {
  const reg = registry.get(from);
  if (reg) registry.set(to, reg);
  return to;
}

/** The registration of an object itself (for helpers given a whole object: {{value this}}). */
export function baseOf(owner: unknown): Registration | null {
  if (typeof owner !== 'object' || owner === null) return null;
  return registry.get(unproxy(owner)) ?? null;
}

/** The strict context wraps objects in proxies; provenance is registered on the objects. */
let unwrap: (o: object) => object = (o) => o;
export function setUnproxy(fn: (o: object) => object): void {
  unwrap = fn;
}
function unproxy(o: object): object {
  return unwrap(o);
}

/**
 * Wraps printed text with its fact: REF_OPEN index REF_MID text REF_CLOSE, the
 * index into the render's table of facts.
 */
export function markFact(text: string, ref: FactRef | null, table: FactRef[] | null): string {
  if (!ref || !table) return text;
  table.push(ref);
  return `${REF_OPEN}${table.length - 1}${REF_MID}${text}${REF_CLOSE}`;
}

/** Takes the marks out of a paragraph: the plain text and its spans. */
export function extractSpans(marked: string, table: FactRef[]): { text: string; spans: FactSpan[] } {
  const spans: FactSpan[] = [];
  let text = '';
  const re = new RegExp(`${REF_OPEN}(\\d+)${REF_MID}([^${REF_OPEN}${REF_CLOSE}]*)${REF_CLOSE}`, 'g');
  let last = 0;
  for (const m of marked.matchAll(re)) {
    text += marked.slice(last, m.index);
    const start = text.length;
    text += m[2];
    spans.push({ start, end: text.length, ref: table[Number(m[1])] });
    last = m.index! + m[0].length;
  }
  text += marked.slice(last);
  // Unbalanced marks (a template cutting a helper's output apart) are dropped, never printed.
  const stray = new RegExp(`[${REF_OPEN}${REF_MID}${REF_CLOSE}]`, 'g');
  if (stray.test(text)) return { text: text.replace(new RegExp(`${REF_OPEN}\\d*${REF_MID}?|${REF_CLOSE}`, 'g'), ''), spans: [] };
  return { text, spans };
}

/** Marks around a passage an editor marked as checked by hand ({{#checked "理由"}}…{{/checked}}). */
export const CHECKED_OPEN = '\uE013';
export const CHECKED_MID = '\uE014';
export const CHECKED_CLOSE = '\uE015';

/**
 * Takes the hand-checked marks out of a paragraph whose fact marks are already out:
 * the plain text, the spans moved to match, and the passages with their reasons.
 */
export function extractChecked(text: string, spans: FactSpan[], reasons: string[]): { text: string; spans: FactSpan[]; checked: { start: number; end: number; reason: string }[] } {
  const checked: { start: number; end: number; reason: string }[] = [];
  const removed: number[] = [];
  let out = '';
  const open: { at: number; reason: string }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === CHECKED_OPEN) {
      const mid = text.indexOf(CHECKED_MID, i);
      open.push({ at: out.length, reason: reasons[Number(text.slice(i + 1, mid))] ?? '' });
      for (let k = i; k <= mid; k++) removed.push(k);
      i = mid;
    } else if (ch === CHECKED_CLOSE) {
      const o = open.pop();
      if (o) checked.push({ start: o.at, end: out.length, reason: o.reason });
      removed.push(i);
    } else out += ch;
  }
  const shift = (p: number) => p - removed.filter((r) => r < p).length;
  return { text: out, spans: spans.map((s) => ({ ...s, start: shift(s.start), end: shift(s.end) })), checked };
}
