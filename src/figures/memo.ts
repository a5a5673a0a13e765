/**
 * The one cache of the figures. Work that depends only on fixed inputs (the
 * boundaries file, a map's size, the fonts, the code) is done once per memo: the
 * loaded boundaries, the projected geometry, the inset and the placement of the 38
 * names. A memo given a store also keeps chosen values (a map's layout) across
 * processes, so a fresh process (a command, a batch worker) reads them instead of
 * working them out again (about 0.2 s of a fresh build).
 *
 * The figures never reach for a cache themselves: the caller hands a memo to
 * `buildFigures` / the renderers (the report passes one over the bundle's data
 * cache, see src/bundle.mjs); without one they use `defaultMemo`, which keeps
 * values in this process only.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DrawnFigures, drawingKey, type BytesStore } from './drawn-cache.js';
import type { RenderedFigure } from './types.js';

/**
 * JSON values kept across processes; failures only mean no cache (read: undefined, write: nothing).
 * A store that also keeps bytes (`readBytes`, `writeBytes`) keeps drawn figures too.
 */
export interface DataStore extends Partial<BytesStore> {
  read(name: string): unknown;
  write(name: string, value: unknown): void;
}

export interface FigureMemo {
  /** The value under `key` in `table`, computed on first use (each table holds at most 32 values). */
  once<T>(table: string, key: string, compute: () => T): T;
  /**
   * Like `once`, and kept in the store (when there is one). `key` must name all the value
   * depends on besides the code and `files` (whose bytes enter the stored name);
   * `isValue` checks what is read back (a damaged or hand-edited file is worked out
   * again and replaced). Values that JSON would change (NaN, infinities) are not stored.
   */
  kept<T>(table: string, key: string, compute: () => T, check: { isValue: (v: unknown) => boolean; files?: string[] }): T;
  /**
   * A drawn figure by what it draws (see drawn-cache.ts): `drawing` is plain data naming
   * everything the drawing depends on besides the code and `files` (the figure's kind,
   * rows, classes, labels and width); `draw` draws it on a miss. Kept in memory (the
   * last few dozen) and, with a store that keeps bytes, across processes.
   */
  drawn(drawing: unknown, draw: () => Promise<RenderedFigure>, files?: string[]): Promise<RenderedFigure>;
}

export interface MemoOptions {
  store?: DataStore;
  /** A digest of the code that computes the values (e.g. the bundle's sourcesDigest); required with `store`. */
  codeDigest?: () => string;
}

/** Bounds a table if a process renders maps at many sizes. */
const TABLE_LIMIT = 32;

/** Whether a value survives JSON unchanged in what matters here: no NaN or infinite numbers. */
function finiteOnly(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(finiteOnly);
  if (v && typeof v === 'object') return Object.values(v).every(finiteOnly);
  return true;
}

export function createFigureMemo(opts: MemoOptions = {}): FigureMemo {
  if (opts.store && !opts.codeDigest) throw new Error('figures: a memo with a store needs codeDigest');
  const tables = new Map<string, Map<string, unknown>>();
  const fileDigests = new Map<string, string>();
  const fileDigest = (path: string) => {
    let d = fileDigests.get(path);
    if (!d) fileDigests.set(path, (d = createHash('sha256').update(readFileSync(path)).digest('hex')));
    return d;
  };
  const tableOf = (name: string) => {
    let t = tables.get(name);
    if (!t) tables.set(name, (t = new Map()));
    return t;
  };
  const remember = <T>(table: Map<string, unknown>, key: string, value: T): T => {
    if (table.size >= TABLE_LIMIT) table.delete(table.keys().next().value as string);
    table.set(key, value);
    return value;
  };
  const bytesStore = opts.store?.readBytes && opts.store.writeBytes ? (opts.store as BytesStore) : undefined;
  const drawnFigures = new DrawnFigures(bytesStore);
  return {
    drawn(drawing, draw, files = []) {
      const h = createHash('sha256')
        .update(opts.codeDigest?.() ?? '')
        .update('\0');
      for (const f of files) h.update(fileDigest(f));
      return drawnFigures.get(`figure-${h.update('\0').update(drawingKey(drawing)).digest('hex').slice(0, 40)}`, draw);
    },
    once(name, key, compute) {
      const table = tableOf(name);
      if (table.has(key)) return table.get(key) as ReturnType<typeof compute>;
      return remember(table, key, compute());
    },
    kept(name, key, compute, check) {
      const table = tableOf(name);
      if (table.has(key)) return table.get(key) as ReturnType<typeof compute>;
      const { store, codeDigest } = opts;
      if (!store || !codeDigest) return remember(table, key, compute());
      const h = createHash('sha256').update(codeDigest());
      for (const f of check.files ?? []) h.update(fileDigest(f));
      const storedName = `${name}-${h.update(key).digest('hex').slice(0, 32)}`;
      const stored = store.read(storedName);
      if (stored !== undefined && check.isValue(stored)) return remember(table, key, stored as ReturnType<typeof compute>);
      const value = compute();
      if (finiteOnly(value)) store.write(storedName, value);
      return remember(table, key, value);
    },
  };
}

/** The memo of callers that hand none: this process only. */
export const defaultMemo: FigureMemo = createFigureMemo();
