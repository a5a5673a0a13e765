/**
 * The 数据 page's files: the CSV/XLSX tables in the workspace's data folder.
 * An upload is validated at once, together with the files already there, by the
 * pipeline's own loaders and validator, in a staging folder; only when the whole
 * data set is valid are the files moved in. A file of the same name with other
 * contents replaces the current one only after the current one is kept under
 * `<out>/.workbench/data-previous/`, from where it can be restored (which is an
 * upload of its old bytes, validated the same way). Nothing is overwritten while
 * there are errors.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { loadInputs } from '../pipeline.js';
import { InputError } from '../errors.js';
import { HttpError, formatSize } from './http.js';
import { describeFailure } from './messages.js';
import type { Workspace } from './workspace.js';
import type { DataFile, UploadResult } from './api-types.js';

export const TABLE_EXTENSIONS = new Set(['.csv', '.xlsx']);
export const DEFAULT_UPLOAD_LIMIT = 20 * 1024 * 1024;
const MAX_FILES = 40;

export type { DataFile, UploadResult } from './api-types.js';

export interface Upload {
  name: string;
  bytes: Buffer;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const tables = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => TABLE_EXTENSIONS.has(extname(f).toLowerCase()) && !f.startsWith('.') && !f.startsWith('~$'))
        .sort()
    : [];
const previousDir = (ws: Workspace, name: string) => join(ws.state, 'data-previous', name);

/** A file name as the data folder may hold it: a plain name ending in .csv or .xlsx. */
export function checkTableName(name: string): string {
  const clean = name.normalize('NFC');
  if (!clean || clean.length > 120 || /[\\/\0:*?"<>|\u0000-\u001f]/.test(clean) || clean.startsWith('.') || clean.includes('..')) throw new HttpError(400, `文件名“${name}”不可用：文件名不能含路径、以点开头或含特殊字符。请改名后再上传。`);
  if (!TABLE_EXTENSIONS.has(extname(clean).toLowerCase())) throw new HttpError(400, `“${name}”不是 CSV 或 XLSX 文件。请上传 .csv 或 .xlsx 格式的数据表。`);
  return clean;
}

export function listData(ws: Workspace): DataFile[] {
  return tables(ws.data).map((name) => {
    const bytes = readFileSync(join(ws.data, name));
    const pdir = previousDir(ws, name);
    const previous = existsSync(pdir)
      ? readdirSync(pdir)
          .sort()
          .reverse()
          .map((id) => ({ id, size: statSync(join(pdir, id)).size, keptAt: new Date(Number(id.split('-')[0])).toISOString() }))
      : [];
    return { name, size: bytes.length, sha256: sha256(bytes), previous };
  });
}

/** The files of a multipart upload (the page's file picker or a drop), each at most `limit` bytes. */
export function readUploads(req: IncomingMessage, limit: number): Promise<Upload[]> {
  return new Promise((done, fail) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: limit, files: MAX_FILES, fields: 10 }, defParamCharset: 'utf8' });
    } catch {
      fail(new HttpError(400, '上传的格式不对（需要 multipart/form-data）。请在工作台页面中选择或拖入文件。'));
      return;
    }
    const uploads: Upload[] = [];
    let error: HttpError | undefined;
    bb.on('file', (_field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        error ??= new HttpError(413, `文件“${info.filename}”超过了 ${formatSize(limit)} 的上限，未接收。请只上传数据表本身。`);
      });
      stream.on('end', () => uploads.push({ name: info.filename ?? '', bytes: Buffer.concat(chunks) }));
    });
    bb.on('filesLimit', () => (error ??= new HttpError(413, `一次最多上传 ${MAX_FILES} 个文件。`)));
    bb.on('error', () => fail(new HttpError(400, '上传中断或格式有误，请重试。')));
    bb.on('close', () => {
      if (error) fail(error);
      else if (!uploads.length) fail(new HttpError(400, '没有收到文件。请选择或拖入 CSV/XLSX 文件。'));
      else done(uploads);
    });
    req.pipe(bb);
  });
}

/** Validates the data set the uploads would make and, if it is valid, keeps the files. */
export async function acceptUploads(ws: Workspace, uploads: Upload[]): Promise<UploadResult> {
  const named = uploads.map((u) => ({ ...u, name: checkTableName(u.name) }));
  const names = new Set(named.map((u) => u.name));
  if (names.size !== named.length) throw new HttpError(400, '同一次上传中有重名的文件，请分开上传。');
  const staging = mkdtempSync(join(ws.state, 'staging-'));
  try {
    for (const name of tables(ws.data)) if (!names.has(name)) copyFileSync(join(ws.data, name), join(staging, name));
    for (const u of named) writeFileSync(join(staging, u.name), u.bytes);
    let quarters: string[];
    try {
      quarters = (await loadInputs({ data: staging, config: ws.config })).dataset.quarters;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      // Problems name the staged copy: the page names the file as the editor knows it.
      const rename = (file: string) => (resolve(file).startsWith(staging + sep) ? relative(staging, resolve(file)) : file);
      return { ok: false, failure: describeFailure(e, rename) };
    }
    const files = named.map((u) => keep(ws, u));
    return { ok: true, files, quarters };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Moves one accepted upload into the data folder, keeping the file it replaces. */
function keep(ws: Workspace, u: Upload): { name: string; status: 'new' | 'replaced' | 'unchanged'; previous?: string } {
  const target = join(ws.data, u.name);
  const tmp = join(ws.data, `.${u.name}.upload-${process.pid}`);
  if (existsSync(target)) {
    const current = readFileSync(target);
    if (sha256(current) === sha256(u.bytes)) return { name: u.name, status: 'unchanged' };
    const pdir = previousDir(ws, u.name);
    mkdirSync(pdir, { recursive: true });
    const id = `${Date.now()}-${sha256(current).slice(0, 8)}${extname(u.name)}`;
    writeFileSync(join(pdir, id), current);
    writeFileSync(tmp, u.bytes);
    renameSync(tmp, target);
    return { name: u.name, status: 'replaced', previous: id };
  }
  writeFileSync(tmp, u.bytes);
  renameSync(tmp, target);
  return { name: u.name, status: 'new' };
}

/** Puts an earlier content of a file back (the current one is kept in turn). */
export async function restorePrevious(ws: Workspace, name: string, id: string): Promise<UploadResult> {
  const clean = checkTableName(name);
  if (!/^\d+-[0-9a-f]{8}\.(csv|xlsx)$/i.test(id)) throw new HttpError(400, `没有编号为“${id}”的历史文件。`);
  const path = join(previousDir(ws, clean), id);
  if (!existsSync(path)) throw new HttpError(404, `“${clean}”没有编号为“${id}”的历史文件。`);
  return acceptUploads(ws, [{ name: clean, bytes: readFileSync(path) }]);
}
