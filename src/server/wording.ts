/**
 * The 措辞 page's files: wording.yaml, bulletin.yaml, the paragraph templates and
 * the figure list, read and saved by their path inside the templates folder.
 * Each read carries a version (the SHA-256 of the text); a save names the version
 * it was based on and is refused when the file has changed since (another tab,
 * another editor), so nobody's work is silently lost. A save is atomic (a
 * temporary file renamed over the old one) and the text it replaces is kept in
 * `<out>/.workbench/history/`, from where 撤销 puts it back.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { walkNoLinks } from '../archive/files.js';
import { HttpError } from './http.js';
import { insideRoot } from './security.js';
import type { Workspace } from './workspace.js';
import type { WordingFile } from './api-types.js';

const EDITABLE = /\.(hbs|yaml)$/;
const KEEP = 50;
export const MAX_TEXT = 512 * 1024;

export type { WordingFile } from './api-types.js';

const versionOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
const historyDir = (ws: Workspace, path: string) => join(ws.state, 'history', ...path.split('/'));

export function listWording(ws: Workspace): string[] {
  return walkNoLinks(ws.templates)
    .files.map((f) => relative(ws.templates, f).split(sep).join('/'))
    .filter((p) => EDITABLE.test(p) && !p.split('/').some((s) => s.startsWith('.')))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

/** wording.yaml first (what editors change most), then the report's structure, then the paragraphs. */
function order(p: string): number {
  return p === 'report/wording.yaml' ? 0 : p === 'report/report.hbs' ? 1 : p.endsWith('.hbs') ? 2 : 3;
}

function resolveEditable(ws: Workspace, path: string): string {
  const file = insideRoot(ws.templates, path, '模板文件');
  if (!EDITABLE.test(path) || !existsSync(file)) throw new HttpError(404, `没有可编辑的模板文件“${path}”。`);
  return file;
}

export function readWording(ws: Workspace, path: string): WordingFile {
  const text = readFileSync(resolveEditable(ws, path), 'utf8');
  return { path, text, version: versionOf(text), undo: history(ws, path).length };
}

function history(ws: Workspace, path: string): string[] {
  const dir = historyDir(ws, path);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /^\d+\.txt$/.test(f))
        .sort((a, b) => Number(a.slice(0, -4)) - Number(b.slice(0, -4)))
    : [];
}

function writeAtomic(file: string, text: string): void {
  // The temporary file sits outside the templates folder's listing only for a moment; the rename is atomic.
  const tmp = join(dirname(file), `.${process.pid}-${Date.now()}.saving`);
  writeFileSync(tmp, text);
  try {
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

const stale = (path: string) => new HttpError(409, `“${path}”已在别处（另一个标签页或编辑器）被修改，你的这次保存基于旧的内容，未保存。你的改动还在编辑器里：请先复制下来，点“重新载入”查看最新内容后再改。`, { conflict: true });

/** Saves a new text, if the file is still the version the editor started from. */
export function saveWording(ws: Workspace, path: string, text: string, base: string): WordingFile {
  if (typeof text !== 'string' || text.length > MAX_TEXT) throw new HttpError(413, `模板文本过长（上限 ${MAX_TEXT / 1024} KB）。`);
  const file = resolveEditable(ws, path);
  const current = readFileSync(file, 'utf8');
  if (versionOf(current) !== base) throw stale(path);
  if (current === text) return readWording(ws, path);
  const dir = historyDir(ws, path);
  mkdirSync(dir, { recursive: true });
  const kept = history(ws, path);
  const next = kept.length ? Number(kept[kept.length - 1].slice(0, -4)) + 1 : 1;
  writeFileSync(join(dir, `${next}.txt`), current);
  for (const old of kept.slice(0, Math.max(0, kept.length + 1 - KEEP))) rmSync(join(dir, old));
  writeAtomic(file, text);
  return readWording(ws, path);
}

/** Puts back the text before the last save (the same version check applies). */
export function undoWording(ws: Workspace, path: string, base: string): WordingFile {
  const file = resolveEditable(ws, path);
  if (versionOf(readFileSync(file, 'utf8')) !== base) throw stale(path);
  const kept = history(ws, path);
  if (!kept.length) throw new HttpError(409, `“${path}”没有可撤销的保存。`);
  const last = join(historyDir(ws, path), kept[kept.length - 1]);
  writeAtomic(file, readFileSync(last, 'utf8'));
  rmSync(last);
  return readWording(ws, path);
}
