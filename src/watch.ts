/**
 * Preview while editing: builds one quarter's report, then builds it again
 * whenever the data, the configuration or a template changes, into
 * `<out>/<quarter>/preview/` — outside the archive's versions, replaced as a
 * whole each time, never issued. An editor rewording a template sees the PDF,
 * the Word file and the fact check a second after saving; a change that breaks
 * a template or the fact check is reported and the last good preview stays.
 *
 * The process stays warm between builds (fonts, templates, map layout and the
 * PDF text thread are kept), so a rebuild costs what the benchmark calls a warm
 * build, not a fresh one.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONFIG } from './config/load.js';
import { buildReport, DEFAULT_TEMPLATES, type ReportInputs } from './report.js';
import { writeFiles } from './archive/write.js';
import { makeTemporaryDir, MARKER_FILE, removeTemporaryDir } from './archive/store.js';
import { ArchiveError } from './archive/errors.js';

export interface WatchOptions extends Omit<ReportInputs, 'factsOnly'> {
  /** The archive folder; the preview goes to `<out>/<quarter>/preview/`. */
  out: string;
  /** Quiet time after the last change before a build starts (editors save several files at once). */
  debounceMs?: number;
}

export type WatchEvent = { type: 'built'; dir: string; ms: number; claims: { narrative: number; pdf: number; docx: number }; changed: string[] } | { type: 'failed'; error: unknown; changed: string[] };

export interface Watching {
  /** Resolves when the build in progress (if any) is done. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Replaces `dir` by the files, all at once: a reader never sees half a preview.
 * The preview carries the tool's marker; a folder named preview/ without it is
 * the user's, and is left alone.
 */
export function replacePreview(dir: string, files: Map<string, Uint8Array>): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  if (existsSync(dir) && !existsSync(join(dir, MARKER_FILE))) throw new ArchiveError('refused', dir, '这个 preview/ 文件夹不是本工具生成的（没有标记文件），不删除也不覆盖它', '把它改名或移走，预览才能写到这里；或用 --out 指定别的归档文件夹');
  const staging = makeTemporaryDir(parent, '.preview-');
  try {
    writeFiles(staging, files);
    const old = existsSync(dir) ? `${staging}.old` : undefined;
    if (old) renameSync(dir, old);
    renameSync(staging, dir);
    if (old) removeTemporaryDir(old);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Each folder is watched on its own (inotify on the folder): a file that an editor
 * saves by writing a new file over it (a new inode) is still seen, which a watch on
 * the file itself, or Node's recursive watch, can miss. The archive folder is not.
 */
function foldersToWatch(watched: string[], out: string): Map<string, Set<string> | 'all'> {
  const folders = new Map<string, Set<string> | 'all'>();
  const addTree = (dir: string) => {
    if (dir === out || dir.startsWith(out + sep)) return;
    folders.set(dir, 'all');
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory() && !e.name.startsWith('.')) addTree(join(dir, e.name));
  };
  for (const path of watched) {
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) addTree(path);
    else {
      const only = folders.get(dirname(path)) ?? new Set<string>();
      if (only !== 'all') folders.set(dirname(path), only.add(basename(path)));
    }
  }
  return folders;
}

export function watchReport(opts: WatchOptions, onEvent: (e: WatchEvent) => void): Watching {
  const templatesDir = resolve(opts.templatesDir ?? DEFAULT_TEMPLATES);
  const config = resolve(opts.config ?? DEFAULT_CONFIG);
  // The configuration's folder holds the district registry it names as well.
  const watched = [resolve(opts.data), templatesDir, dirname(config), ...(opts.districts ? [resolve(opts.districts)] : [])];
  const out = resolve(opts.out);
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  /** Files changed since the last build started (temporary files of editors drop out: they are gone by then). */
  const changed = new Set<string>();
  let closed = false;

  const build = async (changedFiles: string[]) => {
    const t0 = performance.now();
    try {
      const { ledger, files, factCheck } = await buildReport({ ...opts, templatesDir, config });
      const dir = join(opts.out, ledger.meta.quarter, 'preview');
      replacePreview(dir, files);
      onEvent({ type: 'built', dir, ms: performance.now() - t0, claims: { narrative: factCheck!.narrative.claims, pdf: factCheck!.pdf.claims, docx: factCheck!.docx.claims }, changed: changedFiles });
    } catch (error) {
      onEvent({ type: 'failed', error, changed: changedFiles });
    }
  };
  const schedule = (what: string) => {
    if (closed) return;
    changed.add(what);
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const files = [...changed].filter((f) => existsSync(f) && !statSync(f).isDirectory()).sort();
      changed.clear();
      // One build at a time; changes during a build start the next one after it.
      running = running.then(() => (closed ? undefined : build(files)));
    }, opts.debounceMs ?? 200);
  };

  running = build([]);
  const folders = foldersToWatch(watched, out);
  const watchers: FSWatcher[] = [];
  for (const [dir, only] of folders) {
    watchers.push(
      watch(dir, (_event, name) => {
        const file = name ? String(name) : '';
        if (only !== 'all' && !only.has(file)) return;
        const path = join(dir, file);
        // The preview itself (when the archive folder lies inside a watched one) never triggers a build.
        if (path === out || path.startsWith(out + sep)) return;
        schedule(path);
      }),
    );
  }
  return {
    idle: async () => {
      // A change may be waiting out its quiet time, or a build may be queued behind another.
      for (;;) {
        const current = running;
        await current;
        if (current === running && timer === undefined) return;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: async () => {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
      await running;
    },
  };
}
